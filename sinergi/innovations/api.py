"""JSON API of innovations (/api/v1/inovasi): the same reads, writes and rights as the pages.
`/inovasi/publik` answers without signing in, with published innovations only."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.responses import Status

from sinergi.affairs.models import Affair
from sinergi.core.http import api_user
from sinergi.core.paging import page_of
from sinergi.core.schemas import ERROR_RESPONSES
from sinergi.innovations import selectors, services
from sinergi.innovations.models import Innovation, InnovationQuerySet
from sinergi.innovations.schemas import (
    DecisionIn,
    FilterIn,
    InnovationDetailOut,
    InnovationIn,
    InnovationListOut,
    InterestIn,
    InterestListOut,
    InterestOut,
)
from sinergi.regions.models import Region

router = Router(tags=["Inovasi"])
LIST_LIMIT = 100  # interests per direction in one answer


def _page(innovations: InnovationQuerySet, filters: FilterIn) -> dict[str, Any]:
    wanted = selectors.CatalogueFilters(
        q=filters.q.strip(),
        affair=filters.affair,
        region=filters.region,
        maturity=filters.maturity,
        replicable=filters.replicable,
    )
    ids, _reasons = selectors.catalogue(innovations, wanted)
    page = page_of(ids, page=filters.page, size=filters.page_size)
    return {**page, "items": selectors.catalogue_rows(page["items"])}


def _detail(innovation: Innovation, user: Any) -> Innovation:
    """The innovation with its replication count and where it is replicated."""
    row = selectors.catalogue_rows([innovation.pk])[0]
    row.replicated_in = [  # type: ignore[attr-defined]
        {
            "region": r.interest.region,
            "signed": r.signed,
            "agreement_id": r.interest.agreement_id if r.can_open else None,
        }
        for r in selectors.replications(innovation, user=user)
    ]
    return row


@router.get(
    "/publik",
    auth=None,
    response={200: InnovationListOut, **ERROR_RESPONSES},
    operation_id="innovation_public_list",
    summary="Inovasi yang diterbitkan (tanpa masuk)",
    description="Katalog publik dengan pencarian dan filter; dibatasi per alamat.",
)
def public_list(request: HttpRequest, filters: Query[FilterIn]) -> dict[str, Any]:
    return _page(Innovation.objects.published(), filters)


@router.get(
    "/publik/{int:innovation_id}",
    auth=None,
    response={200: InnovationDetailOut, **ERROR_RESPONSES},
    operation_id="innovation_public_detail",
    summary="Satu inovasi yang diterbitkan (tanpa masuk)",
    description="Tanpa kontak penghubung; replikasi tanpa tautan kerja sama yang tertutup.",
)
def public_detail(request: HttpRequest, innovation_id: int) -> Innovation:
    innovation = get_object_or_404(Innovation.objects.published(), pk=innovation_id)
    detail = _detail(innovation, request.user)
    detail.contact_unit = ""  # the portal shows no contacts either (never saved)
    return detail


@router.get(
    "",
    response={200: InnovationListOut, **ERROR_RESPONSES},
    operation_id="innovation_list",
    summary="Katalog inovasi",
    description="Inovasi yang diterbitkan, ditambah draf dan yang ditarik dari wilayah Anda.",
)
def list_innovations(request: HttpRequest, filters: Query[FilterIn]) -> dict[str, Any]:
    return _page(selectors.visible_innovations(user=api_user(request)), filters)


@router.get(
    "/minat",
    response={200: InterestListOut, **ERROR_RESPONSES},
    operation_id="innovation_interest_list",
    summary="Minat replikasi masuk dan keluar",
    description="Surat untuk inovasi wilayah Anda (masuk) dan dari wilayah Anda (keluar).",
)
def list_interests(request: HttpRequest) -> dict[str, Any]:
    found = selectors.interests_for(user=api_user(request))
    return {"received": found["received"][:LIST_LIMIT], "sent": found["sent"][:LIST_LIMIT]}


@router.get(
    "/{int:innovation_id}",
    response={200: InnovationDetailOut, **ERROR_RESPONSES},
    operation_id="innovation_detail",
    summary="Satu inovasi",
    description="Dengan hasil terukur dan tempat replikasinya; draf hanya untuk wilayahnya.",
)
def get_innovation(request: HttpRequest, innovation_id: int) -> Innovation:
    user = api_user(request)
    innovation = selectors.innovation_get_for_user(user=user, pk=innovation_id)
    return _detail(innovation, user)


def _region(code: str) -> Region:
    region = Region.objects.filter(code=code.strip()).defer("boundary").first()
    if region is None:
        raise Http404(f"Wilayah dengan kode {code} tidak ditemukan.")
    return region


@router.post(
    "",
    response={201: InnovationDetailOut, **ERROR_RESPONSES},
    operation_id="innovation_create",
    summary="Catat inovasi (draf)",
    description="Draf untuk wilayah yang Anda kelola; diterbitkan lewat /terbitkan.",
)
def create_innovation(request: HttpRequest, payload: InnovationIn) -> Status:
    user = api_user(request)
    affair = Affair.objects.filter(code=payload.affair.strip()).first()
    if affair is None:
        raise Http404(f"Urusan dengan kode {payload.affair} tidak ditemukan.")
    data = services.InnovationInput(
        region=_region(payload.region),
        affair=affair,
        **payload.model_dump(exclude={"region", "affair"}),
    )
    innovation = services.innovation_create(user=user, data=data)
    return Status(201, _detail(innovation, user))


@router.post(
    "/{int:innovation_id}/terbitkan",
    response={200: InnovationDetailOut, **ERROR_RESPONSES},
    operation_id="innovation_publish",
    summary="Terbitkan inovasi",
    description="Oleh TKKSD atau Admin Provinsi wilayah asal; perlu hasil atau hasil terukur.",
)
def publish_innovation(request: HttpRequest, innovation_id: int) -> Innovation:
    user = api_user(request)
    innovation = selectors.innovation_get_for_user(user=user, pk=innovation_id)
    innovation = services.innovation_publish(user=user, innovation=innovation)
    return _detail(innovation, user)


@router.post(
    "/{int:innovation_id}/minat",
    response={201: InterestOut, **ERROR_RESPONSES},
    operation_id="innovation_interest_submit",
    summary="Nyatakan minat replikasi",
    description="Wilayah asal diberi tahu. Berkas surat diunggah lewat halaman web.",
)
def submit_interest(request: HttpRequest, innovation_id: int, payload: InterestIn) -> Status:
    user = api_user(request)
    innovation = selectors.innovation_get_for_user(user=user, pk=innovation_id)
    data = services.InterestInput(
        region=_region(payload.region),
        letter_number=payload.letter_number,
        letter_date=payload.letter_date,
        reason=payload.reason,
    )
    interest = services.interest_submit(user=user, innovation=innovation, data=data)
    return Status(201, selectors.interest_get_for_user(user=user, pk=interest.pk))


@router.post(
    "/minat/{int:interest_id}/terima",
    response={200: InterestOut, **ERROR_RESPONSES},
    operation_id="innovation_interest_accept",
    summary="Terima minat: buka draf KSDD sukarela",
    description="Kesepakatan Bersama antara kedua daerah, berstatus usulan, tertaut ke inovasi.",
)
def accept_interest(request: HttpRequest, interest_id: int, payload: DecisionIn) -> Any:
    user = api_user(request)
    interest = selectors.interest_get_for_user(user=user, pk=interest_id)
    services.interest_accept(user=user, interest=interest, note=payload.note)
    return selectors.interest_get_for_user(user=user, pk=interest_id)


@router.post(
    "/minat/{int:interest_id}/tolak",
    response={200: InterestOut, **ERROR_RESPONSES},
    operation_id="innovation_interest_decline",
    summary="Tolak minat (catatan wajib)",
    description="Wilayah peminat diberi tahu lewat surel.",
)
def decline_interest(request: HttpRequest, interest_id: int, payload: DecisionIn) -> Any:
    user = api_user(request)
    interest = selectors.interest_get_for_user(user=user, pk=interest_id)
    services.interest_decline(user=user, interest=interest, note=payload.note)
    return selectors.interest_get_for_user(user=user, pk=interest_id)
