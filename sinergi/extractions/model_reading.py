"""Low-confidence fields read again by the optional language model (sinergi.core.llm)."""

from typing import Any

from sinergi.core.llm import chat, enabled, json_object
from sinergi.extractions.fields import Found

LOW_CONFIDENCE = 0.7
MODEL_CONFIDENCE = 0.75
DOCUMENT_CHARS = 6000  # the heading and komparisi hold the hard fields


def improve_fields(text: str, extracted: Any, sector_names: dict[str, str]) -> list[str]:
    """Re-read low-confidence fields with the model; returns the names of fields it set."""
    weak = [
        name
        for name in ("title", "sector", "place_signed")
        if extracted.fields[name].confidence < LOW_CONFIDENCE or extracted.value(name) is None
    ]
    if not enabled() or not weak:
        return []
    reply = chat(
        [
            {
                "role": "system",
                "content": "Baca naskah kerja sama daerah. Balas hanya JSON dengan kunci "
                "title (judul setelah TENTANG), sector_code (kode urusan, mis. 1.02) dan "
                "place_signed (kota tempat penandatanganan); null bila tidak ada.",
            },
            {"role": "user", "content": text[:DOCUMENT_CHARS]},
        ]
    )
    values = json_object(reply)
    changed = []
    if "title" in weak and isinstance(values.get("title"), str) and values["title"].strip():
        extracted.fields["title"] = Found(
            values["title"].strip()[:500], MODEL_CONFIDENCE, "model bahasa"
        )
        changed.append("title")
    code = values.get("sector_code")
    if "sector" in weak and isinstance(code, str) and code in sector_names:
        extracted.fields["sector"] = Found(
            (code, sector_names[code]), MODEL_CONFIDENCE, "model bahasa"
        )
        changed.append("sector")
    place = values.get("place_signed")
    if "place_signed" in weak and isinstance(place, str) and 2 < len(place) < 60:
        extracted.fields["place_signed"] = Found(place.strip(), MODEL_CONFIDENCE, "model bahasa")
        changed.append("place_signed")
    return changed
