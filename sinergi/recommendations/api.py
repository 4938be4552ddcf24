"""API endpoints of the assistance under /api/v1/asisten/: search, ask, partners, similar.
Every answer is limited to the caller's regions, as the pages are."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router

from sinergi.accounts.scope import visible_regions
from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement
from sinergi.agreements.selectors import agreement_get_for_user
from sinergi.core.http import api_user
from sinergi.core.schemas import ERROR_RESPONSES
from sinergi.embeddings.search import hybrid_search, similar_agreements
from sinergi.recommendations.partners import Candidate, recommendation
from sinergi.recommendations.questions import answer_question
from sinergi.recommendations.schemas import (
    AnswerOut,
    PartnersIn,
    PartnersOut,
    QuestionIn,
    SearchHitOut,
    SearchIn,
    SimilarOut,
)

router = Router(tags=["Asisten"])


def _ref(agreement: Agreement) -> dict[str, Any]:
    return {
        "id": agreement.pk,
        "title": agreement.title,
        "owner_region": agreement.owner_region.code,
        "status": agreement.status,
    }


@router.get(
    "/cari",
    response={200: list[SearchHitOut], **ERROR_RESPONSES},
    operation_id="assist_search",
    summary="Cari kerja sama menurut makna dan kata",
    description=(
        "Pencarian makna (multilingual-e5-small di server ini, atau TF-IDF bila model tidak "
        "terpasang) digabung dengan pencarian kata; setiap hasil dengan alasannya. Hanya "
        "kerja sama dalam cakupan wilayah pengguna."
    ),
)
def search(request: HttpRequest, query: Query[SearchIn]) -> list[dict[str, Any]]:
    hits = hybrid_search(user=api_user(request), text=query.q, limit=query.limit)
    return [
        {**_ref(hit.agreement), "score": round(hit.score, 5), "reasons": hit.reasons}
        for hit in hits
        if hit.agreement is not None
    ]


@router.get(
    "/kerja-sama/{agreement_id}/mirip",
    response={200: list[SimilarOut], **ERROR_RESPONSES},
    operation_id="assist_similar",
    summary="Kerja sama yang mirip dengan satu kerja sama",
    description="Kerja sama dalam cakupan pengguna yang maknanya mirip, dengan alasannya "
    "(urusan sama, pihak sama).",
)
def similar(request: HttpRequest, agreement_id: int) -> list[dict[str, Any]]:
    user = api_user(request)
    agreement = agreement_get_for_user(user=user, pk=agreement_id)
    items = similar_agreements(user=user, agreement=agreement)
    return [{**_ref(item.agreement), "reasons": item.reasons} for item in items]


@router.get(
    "/tanya",
    response={200: AnswerOut, **ERROR_RESPONSES},
    operation_id="assist_ask",
    summary="Tanya register kerja sama",
    description="Pertanyaan dalam bahasa Indonesia dijawab dari register, dengan buktinya.",
)
def ask(request: HttpRequest, query: Query[QuestionIn]) -> dict[str, Any]:
    answer = answer_question(user=api_user(request), question=query.q)
    return {
        "answer": answer.sentence,
        "total": answer.total,
        "read_as": [{"label": label, "value": value} for label, value in answer.reading.labels],
        "evidence": [_ref(a) for a in answer.evidence],
        "related": [_ref(a) for a in answer.related],
    }


def _candidate(item: Candidate) -> dict[str, Any]:
    return {
        "name": item.name,
        "region": item.region.code if item.region else None,
        "score": round(item.score, 3),
        "reasons": item.reasons,
    }


@router.get(
    "/mitra",
    response={200: PartnersOut, **ERROR_RESPONSES},
    operation_id="assist_partners",
    summary="Rekomendasi mitra untuk satu wilayah dan kebutuhan",
    description=(
        "Wilayah dan organisasi calon mitra untuk satu urusan (atau kebutuhan bebas yang "
        "dikenali menjadi urusan), diurutkan menurut kerja sama berlaku, hasil evaluasi, "
        "capaian SPM dan kedekatan wilayah, dengan alasannya."
    ),
)
def partners(request: HttpRequest, query: Query[PartnersIn]) -> dict[str, Any]:
    user = api_user(request)
    region = visible_regions(user).filter(code=query.region).first()
    if region is None:
        raise Http404("Wilayah tidak ditemukan dalam kewenangan Anda.")
    affair = Affair.objects.filter(code=query.affair).first() if query.affair else None
    if affair is None and not query.need:
        raise Http404("Isi kode urusan atau kebutuhan.")
    result = recommendation(user=user, region=region, affair=affair, need=query.need)
    return {
        "affair": result.affair.code if result.affair else None,
        "affair_reason": result.affair_reason,
        "regions": [_candidate(c) for c in result.regions],
        "organizations": [_candidate(c) for c in result.organizations],
    }
