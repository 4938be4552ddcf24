"""An optional language model on the government's own server (OpenAI-compatible API).

Off unless SINERGI_LLM_URL names the server (e.g. http://10.0.0.5:8080/v1). Everything
works without it. With it:
- answers of "Tanya register" are rephrased, citing the agreements by id; a reply that cites
  an agreement not in the evidence, or none, is discarded;
- fields the rules read with low confidence (title, sector, place) may be read again from
  the document's first pages; the model's values are checked (the sector must exist) and
  marked as coming from the model.
Requests go only to that URL, with a timeout; any failure means "no model", never an error.
"""

import json
import logging
import re
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(settings.SINERGI_LLM_URL)


def chat(messages: list[dict[str, str]], *, max_tokens: int = 400) -> str | None:
    if not enabled():
        return None
    body = json.dumps(
        {
            "model": settings.SINERGI_LLM_MODEL,
            "messages": messages,
            "temperature": 0,
            "max_tokens": max_tokens,
        }
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
        settings.SINERGI_LLM_URL.rstrip("/") + "/chat/completions",
        data=body,
        headers={
            "Content-Type": "application/json",
            **(
                {"Authorization": f"Bearer {settings.SINERGI_LLM_KEY}"}
                if settings.SINERGI_LLM_KEY
                else {}
            ),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SINERGI_LLM_TIMEOUT) as response:  # noqa: S310
            payload = json.loads(response.read(1_000_000))
        return str(payload["choices"][0]["message"]["content"]).strip()
    except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, IndexError):
        logger.warning("Language model at %s did not answer", settings.SINERGI_LLM_URL)
        return None


def json_object(reply: str | None) -> dict[str, Any]:
    if not reply:
        return {}
    match = re.search(r"\{.*\}", reply, re.DOTALL)
    try:
        value = json.loads(match.group(0)) if match else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
