"""JSON API of agreements (/api/v1/kerja-sama): the same reads, writes and rights as the pages.

Every operation goes through `agreement_get_for_user` or `agreement_list` for region scope and
through the services for rules and rights; errors become HTTP answers in sinergi/config/api.py.
"""

import datetime
import math
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agreements.models import Agreement, AgreementQuerySet, Organization
from sinergi.agreements.permissions import can_edit
from sinergi.agreements.schemas import (
    AgreementFilterIn,
    AgreementIn,
    AgreementListOut,
    AgreementOut,
    AgreementUpdateIn,
    TimelineOut,
    TransitionIn,
)
from sinergi.agreements.selectors import (
    agreement_get_for_user,
    agreement_ids,
    agreement_list,
    agreement_rows,
)
from sinergi.agreements.services import (
    AgreementInput,
    PartyInput,
    agreement_create,
    agreement_transition,
    agreement_update,
)
from sinergi.core.errors import DomainError
from sinergi.core.http import api_user, attachment
from sinergi.core.schemas import ERROR_RESPONSES, ErrorOut
from sinergi.regions.models import Region

router = Router(tags=["Kerja sama"])


@router.get(
    "",
    response={200: AgreementListOut, **ERROR_RESPONSES},
    operation_id="agreement_list",
    url_name="agreement-list",
    summary="Daftar kerja sama",
    description=(
        "Kerja sama yang dicatat atau melibatkan wilayah Anda, dengan filter, pencarian teks "
        "dan urutan yang sama dengan halaman daftar. Per halaman paling banyak 100."
    ),
)
def list_agreements(request: HttpRequest, filters: Query[AgreementFilterIn]) -> dict[str, Any]:
    user = api_user(request)
    agreements = agreement_list(user=user, filters=filters.to_filters())
    return _page(
        agreements, page=filters.page, size=filters.page_size, whole_country=user.is_superuser
    )


@router.get(
    "/{int:agreement_id}",
    response={200: AgreementOut, **ERROR_RESPONSES},
    operation_id="agreement_get",
    url_name="agreement-detail",
    summary="Rincian kerja sama",
    description="Satu kerja sama beserta para pihaknya. 404 bila di luar wilayah Anda.",
)
def get_agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    agreement = agreement_get_for_user(user=api_user(request), pk=agreement_id)
    return agreement_rows([agreement.pk])[0]  # parties with their regions and OPDs at once


@router.post(
    "",
    response={201: AgreementOut, **ERROR_RESPONSES},
    operation_id="agreement_create",
    url_name="agreement-create",
    summary="Catat kerja sama baru",
    description=(
        "Mencatat usulan kerja sama. Jenis kerja sama (KSDD, KSDPK, ...) dan subjenis KSDD "
        "diturunkan dari para pihak; tanggal berakhir dari jangka waktu bila kosong."
    ),
)
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Status:
    user = api_user(request)
    data, parties = _agreement_input(user, payload)
    return Status(201, agreement_create(user=user, data=data, parties=parties))


@router.put(
    "/{int:agreement_id}",
    response={200: AgreementOut, 409: ErrorOut, **ERROR_RESPONSES},
    operation_id="agreement_update",
    url_name="agreement-update",
    summary="Ubah kerja sama",
    description=(
        "Mengganti seluruh isi kerja sama. Sertakan `version` dari bacaan terakhir: bila "
        "pengguna lain telah menyimpan sejak itu, perubahan ditolak dengan 409."
    ),
)
def update_agreement(
    request: HttpRequest, agreement_id: int, payload: AgreementUpdateIn
) -> Agreement:
    user = api_user(request)
    agreement = agreement_get_for_user(user=user, pk=agreement_id)
    if not can_edit(user, agreement):  # before the body is read: 403, not its validation
        raise PermissionDenied("Anda tidak berwenang mengubah kerja sama ini.")
    data, parties = _agreement_input(user, payload)
    return agreement_update(
        user=user,
        agreement=agreement,
        expected_version=payload.version,
        data=data,
        parties=parties,
    )


@router.post(
    "/{int:agreement_id}/transisi",
    response={200: AgreementOut, **ERROR_RESPONSES},
    operation_id="agreement_transition",
    url_name="agreement-transition",
    summary="Pindahkan tahap kerja sama",
    description=(
        "Satu langkah siklus: submit (usulan → pembahasan TKKSD), accept (→ penyusunan), "
        "reject (butuh note), finish_draft (→ persetujuan DPRD atau penandatanganan), "
        "record_dprd_approval (butuh number, date), sign (butuh signed_on, signed_place), "
        "terminate (butuh reason). Hanya TKKSD/Admin Provinsi wilayah pencatat."
    ),
)
def transition_agreement(
    request: HttpRequest, agreement_id: int, payload: TransitionIn
) -> Agreement:
    user = api_user(request)
    agreement = agreement_get_for_user(user=user, pk=agreement_id)
    return agreement_transition(user=user, agreement=agreement, **payload.dict())


@router.get(
    "/{int:agreement_id}/riwayat",
    response={200: TimelineOut, **ERROR_RESPONSES},
    operation_id="agreement_timeline",
    url_name="agreement-timeline",
    summary="Riwayat status kerja sama",
    description="Setiap perubahan status, terlama lebih dahulu, dengan pelaku dan catatannya.",
)
def agreement_timeline(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    agreement = agreement_get_for_user(user=api_user(request), pk=agreement_id)
    return {"entries": agreement.timeline.select_related("actor")}


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    original_name: str
    content_type: str
    size: int
    sha256: str = Field(description="Untuk memeriksa berkas yang diunduh.")
    version: int
    created_at: datetime.datetime


class DocumentListOut(Schema):
    count: int
    items: list[DocumentOut]


@router.get(
    "/{int:agreement_id}/dokumen",
    response={200: DocumentListOut, **ERROR_RESPONSES},
    operation_id="agreement_document_list",
    summary="Berkas sebuah kerja sama",
    description="Semua versi, urut jenis, judul, versi terbaru dahulu. Unduh lewat /unduh.",
)
def list_documents(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    agreement = agreement_get_for_user(user=api_user(request), pk=agreement_id)
    documents = list(agreement.documents.order_by("kind", "title", "-version", "pk"))
    return {"count": len(documents), "items": documents}


@router.get(
    "/{int:agreement_id}/dokumen/{int:document_id}/unduh",
    response={200: bytes, **ERROR_RESPONSES},
    operation_id="agreement_document_download",
    summary="Unduh satu berkas",
    description="Isi berkas; bandingkan SHA-256-nya dengan daftar berkas.",
    openapi_extra={
        "responses": {
            200: {
                "description": "Isi berkas (PDF, DOCX, JPG atau PNG).",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    },
)
def download_document(request: HttpRequest, agreement_id: int, document_id: int) -> FileResponse:
    agreement = agreement_get_for_user(user=api_user(request), pk=agreement_id)
    document = agreement.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404("Berkas tidak ditemukan.")
    return attachment(document.file, document.original_name, document.content_type)


# --- helpers --------------------------------------------------------------------------------


def _page(
    agreements: AgreementQuerySet, *, page: int, size: int, whole_country: bool
) -> dict[str, Any]:
    # Ids first, then the rows (see `agreement_page`), with OPDs and other affairs.
    count, ids = agreement_ids(
        agreements, start=(page - 1) * size, size=size, whole_country=whole_country
    )
    return {
        "count": count,
        "page": page,
        "page_size": size,
        "pages": max(1, math.ceil(count / size)),
        "items": agreement_rows(ids),
    }


def _agreement_input(user: Any, payload: AgreementIn) -> tuple[AgreementInput, list[PartyInput]]:
    """Turn codes and ids into rows, refusing unknown ones with the key in the message."""
    regions = _by_key(
        Region.objects.all(),
        "code",
        [payload.owner_region, *(p.region for p in payload.parties if p.region)],
        "Wilayah dengan kode",
    )
    affairs = _by_key(
        Affair.objects.all(),
        "code",
        [payload.primary_affair, *payload.other_affairs],
        "Urusan dengan kode",
    )
    organizations = _by_key(
        Organization.objects.all(),
        "pk",
        [p.organization for p in payload.parties if p.organization is not None],
        "Organisasi dengan id",
    )
    agencies = _by_key(
        Agency.objects.all(),
        "pk",
        [pk for p in payload.parties for pk in p.agencies],
        "Perangkat daerah dengan id",
    )
    data = AgreementInput(
        owner_region=regions[payload.owner_region],
        doc_type=payload.doc_type,
        title=payload.title,
        primary_affair=affairs[payload.primary_affair],
        other_affairs=[affairs[code] for code in payload.other_affairs],
        parent=_related(user, payload.parent_id, "Dokumen induk"),
        renews=_related(user, payload.renews_id, "Kerja sama yang diperpanjang"),
        **payload.model_dump(include=_PLAIN_FIELDS),
        ksdd_category=payload.ksdd_category or "",
    )
    parties = [
        PartyInput(
            region=regions[p.region] if p.region else None,
            organization=organizations[p.organization] if p.organization is not None else None,
            agencies=[agencies[pk] for pk in p.agencies],
            **p.model_dump(include=_PLAIN_PARTY_FIELDS),
        )
        for p in payload.parties
    ]
    return data, parties


_PLAIN_FIELDS = {
    "number",
    "subject",
    "purpose",
    "scope",
    "location",
    "financing",
    "signed_on",
    "signed_place",
    "start_date",
    "end_date",
    "duration_months",
    "burdens_public",
    "budgeted",
    "is_public",
}
_PLAIN_PARTY_FIELDS = {
    "signatory_name",
    "signatory_position",
    "document_number",
    "under_power_of_attorney",
    "power_of_attorney_number",
}


def _by_key[M: Model](
    rows: QuerySet[M], key: str, wanted: Iterable[Any], label: str
) -> dict[Any, M]:
    wanted = set(wanted)
    found = {getattr(row, key): row for row in rows.filter(**{f"{key}__in": wanted})}
    missing = sorted(str(k) for k in wanted - found.keys())
    if missing:
        raise DomainError(f"{label} {', '.join(missing)} tidak ditemukan.")
    return found


def _related(user: Any, pk: int | None, label: str) -> Agreement | None:
    """A parent or renewed agreement, only if the user may see it (same scope as reading)."""
    if pk is None:
        return None
    try:
        return agreement_get_for_user(user=user, pk=pk)
    except Http404:
        raise DomainError(f"{label} dengan id {pk} tidak ditemukan.") from None
