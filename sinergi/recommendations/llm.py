"""Answers of "Tanya register" reworded by the optional language model (sinergi.core.llm)."""

import logging
import re
from typing import Any

from sinergi.core.llm import chat, enabled

logger = logging.getLogger(__name__)


def phrase_answer(sentence: str, evidence: list[Any]) -> str:
    """The answer reworded by the model, or "" when it cites anything but the evidence."""
    if not enabled() or not evidence:
        return ""
    lines = [
        f"[#{a.pk}] {a.title} — {a.owner_region.name}; status {a.get_status_display()}; "
        f"berakhir {a.end_date or '-'}"
        for a in evidence[:10]
    ]
    reply = chat(
        [
            {
                "role": "system",
                "content": "Anda membantu pegawai pemerintah daerah. Jawab dalam bahasa "
                "Indonesia, paling banyak tiga kalimat, hanya dari data yang diberikan, dan "
                "sebut setiap kerja sama dengan nomornya seperti [#12].",
            },
            {
                "role": "user",
                "content": f"Jawaban dari register: {sentence}\nData:\n" + "\n".join(lines),
            },
        ]
    )
    if not reply:
        return ""
    cited = {int(n) for n in re.findall(r"\[#(\d+)\]", reply)}
    allowed = {a.pk for a in evidence[:10]}
    if not cited or not cited <= allowed:
        logger.info("Discarded a model answer citing %s (allowed %s)", cited, allowed)
        return ""
    return reply
