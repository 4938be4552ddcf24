"""API shapes of agreements. Schemas check shape only; the services check the business rules.

Inputs name related rows by their public keys (Kemendagri region codes, affair codes,
organisation and OPD ids); sinergi/agreements/api.py resolves them to objects.
"""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict, JsonValue

from sinergi.agreements.models import Agreement, Party, Status, StatusChange
from sinergi.agreements.selectors import AgreementFilters
from sinergi.core.schemas import RegionRefOut

Action = Literal[
    "submit", "accept", "reject", "finish_draft", "record_dprd_approval", "sign", "terminate"
]
# The keys of selectors.SORTS (a test keeps them in step); a Literal documents them in OpenAPI.
Sort = Literal["terbaru", "terlama", "berakhir", "judul"]


# What "Try it out" on /api/v1/docs starts from: a valid KSDD between Samarinda and Kukar.
_EXAMPLE: dict[str, JsonValue] = {
    "owner_region": "64.72",
    "doc_type": "kb",
    "title": "Kesepakatan bersama pelayanan kesehatan rujukan",
    "primary_affair": "1.02",
    "other_affairs": [],
    "start_date": "2026-01-01",
    "duration_months": 24,
    "parties": [
        {"region": "64.72", "signatory_name": "", "agencies": []},
        {"region": "64.02", "signatory_name": "", "agencies": []},
    ],
}


# --- output ---------------------------------------------------------------------------------


class AffairRefOut(Schema):
    code: str
    name: str


class OrganizationRefOut(Schema):
    id: int
    name: str
    kind: str


class PartyOut(Schema):
    position: int
    region: RegionRefOut | None
    organization: OrganizationRefOut | None
    signatory_name: str
    signatory_position: str
    document_number: str
    under_power_of_attorney: bool
    power_of_attorney_number: str
    agencies: list[int] = Field(description="Id perangkat daerah pelaksana.")

    @staticmethod
    def resolve_agencies(obj: Party) -> list[int]:
        agencies = getattr(obj, "listed_agencies", None)  # prefetched by agreement_rows
        return [agency.pk for agency in (obj.agencies.all() if agencies is None else agencies)]


class AgreementOut(Schema):
    id: int
    number: str
    doc_type: str
    doc_type_label: str
    kind: str
    kind_label: str
    ksdd_category: str
    ksdd_subtype: str
    title: str
    subject: str
    purpose: str
    scope: str
    location: str
    financing: str
    status: str = Field(description="Status per hari ini: berlaku yang lewat tanggal berakhir.")
    status_label: str
    status_note: str
    termination_reason: str
    owner_region: RegionRefOut
    primary_affair: AffairRefOut
    other_affairs: list[str] = Field(description="Kode urusan lain.")
    parent_id: int | None
    renews_id: int | None
    signed_on: datetime.date | None
    signed_place: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    duration_months: int | None
    burdens_public: bool
    budgeted: bool
    needs_dprd_approval: bool
    is_public: bool = Field(description="Tampil di portal publik (setelah ditandatangani).")
    dprd_approval_number: str
    dprd_approval_date: datetime.date | None
    version: int = Field(description="Kirim kembali nilai ini saat mengubah (PUT).")
    updated_at: datetime.datetime
    parties: list[PartyOut]

    @staticmethod
    def resolve_doc_type_label(obj: Agreement) -> str:
        return str(obj.get_doc_type_display())

    @staticmethod
    def resolve_kind_label(obj: Agreement) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status(obj: Agreement) -> str:
        return obj.current_status()

    @staticmethod
    def resolve_status_label(obj: Agreement) -> str:
        return str(Status(obj.current_status()).label)

    @staticmethod
    def resolve_other_affairs(obj: Agreement) -> list[str]:
        affairs = getattr(obj, "listed_affairs", None)  # prefetched by agreement_rows
        return [a.code for a in (obj.other_affairs.all() if affairs is None else affairs)]

    @staticmethod
    def resolve_parties(obj: Agreement) -> list[Party]:
        parties = getattr(obj, "listed_parties", None)  # prefetched by agreement_rows
        return list(obj.parties.all() if parties is None else parties)


class AgreementListOut(Schema):
    count: int = Field(description="Jumlah seluruh kerja sama yang cocok.")
    page: int
    page_size: int
    pages: int
    items: list[AgreementOut]


class TimelineEntryOut(Schema):
    from_status: str
    from_status_label: str
    to_status: str
    to_status_label: str
    actor: str = Field(description="Nama pengguna, atau “sistem” untuk langkah otomatis.")
    note: str
    at: datetime.datetime

    @staticmethod
    def resolve_from_status_label(obj: StatusChange) -> str:
        return str(Status(obj.from_status).label) if obj.from_status else ""

    @staticmethod
    def resolve_to_status_label(obj: StatusChange) -> str:
        return str(obj.get_to_status_display())

    @staticmethod
    def resolve_actor(obj: StatusChange) -> str:
        if obj.actor is None:
            return "sistem"
        return str(obj.actor.get_full_name() or obj.actor.get_username())


class TimelineOut(Schema):
    entries: list[TimelineEntryOut]


# --- input ----------------------------------------------------------------------------------


class AgreementFilterIn(Schema):
    """Query parameters of the list; the same filters as the list page."""

    q: str = Field("", max_length=200, description="Pencarian teks (kata dasar bahasa Indonesia).")
    doc_type: Agreement.DocType | None = None
    kind: Agreement.Kind | None = None
    affair: str = Field("", max_length=10, description="Kode urusan, utama atau lain.")
    status: Status | Literal["akan_berakhir", "dalam_proses", "simbolis"] | None = Field(
        None,
        description="Status per hari ini, akan_berakhir (dalam 90 hari), dalam_proses "
        "(usulan s.d. penandatanganan) atau simbolis (peringatan tidak ada kegiatan).",
    )
    year: int | None = Field(None, ge=1900, le=2200, description="Tahun penandatanganan.")
    year_from: int | None = Field(None, ge=1900, le=2200, description="Tahun tanda tangan dari.")
    year_to: int | None = Field(None, ge=1900, le=2200, description="Tahun tanda tangan sampai.")
    province: str = Field(
        "",
        description="Kode provinsi: dicatat oleh atau melibatkan provinsi itu atau daerahnya.",
    )
    region: str = Field("", max_length=13, description="Kode wilayah pencatat atau pihak.")
    party: str = Field("", max_length=200, description="Sebagian nama pihak.")
    organization: int | None = Field(None, description="Id organisasi pihak ketiga.")
    agency: int | None = Field(None, description="Id perangkat daerah pelaksana.")
    flag: str = Field("", max_length=32, description="Kode tanda perencanaan (AgreementFlag).")
    sort: Sort = "terbaru"
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=100)

    def to_filters(self) -> AgreementFilters:
        return AgreementFilters(
            q=self.q,
            doc_type=self.doc_type or "",
            kind=self.kind or "",
            affair=self.affair,
            status=self.status or "",
            year=self.year,
            year_from=self.year_from,
            year_to=self.year_to,
            province=self.province,
            region=self.region,
            party=self.party,
            organization=self.organization,
            agency=self.agency,
            flag=self.flag,
            sort=self.sort,
        )


class PartyIn(Schema):
    region: str | None = Field(None, max_length=13, description="Kode Kemendagri, mis. 64.72.")
    organization: int | None = Field(None, description="Id organisasi mitra.")
    signatory_name: str = Field("", max_length=150)
    signatory_position: str = Field("", max_length=200)
    document_number: str = Field("", max_length=120)
    under_power_of_attorney: bool = False
    power_of_attorney_number: str = Field("", max_length=120)
    agencies: list[int] = Field([], description="Id perangkat daerah pelaksana dari pihak ini.")


class AgreementIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    owner_region: str = Field(max_length=13, description="Kode wilayah pencatat.")
    doc_type: Agreement.DocType
    title: str = Field(max_length=500)
    primary_affair: str = Field(max_length=10, description="Kode urusan utama, mis. 1.02.")
    other_affairs: list[str] = Field([], description="Kode urusan lain.")
    parent_id: int | None = Field(
        None, description="KB induk dari PKS, atau perjanjian yang diubah."
    )
    renews_id: int | None = Field(None, description="Kerja sama yang diperpanjang.")
    number: str = Field("", max_length=120)
    subject: str = Field("", max_length=500)
    purpose: str = ""
    scope: str = ""
    location: str = Field("", max_length=255)
    financing: str = ""
    ksdd_category: Agreement.Category | None = Field(
        None, description="Hanya untuk KSDD; kosong berarti sukarela."
    )
    signed_on: datetime.date | None = None
    signed_place: str = Field("", max_length=120)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    duration_months: int | None = Field(None, ge=1, le=1200)
    burdens_public: bool = False
    budgeted: bool = True
    is_public: bool = Field(
        False,
        description="Tampilkan di portal publik; hanya TKKSD/Admin Provinsi wilayah pencatat.",
    )
    parties: list[PartyIn] = Field(description="Urutan pihak; wilayah pencatat harus termasuk.")


class AgreementUpdateIn(AgreementIn):
    model_config = ConfigDict(json_schema_extra={"examples": [{**_EXAMPLE, "version": 1}]})

    version: int = Field(
        description="Versi yang dibaca terakhir; beda versi berarti konflik (409)."
    )


class TransitionIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"action": "submit", "note": ""}]})

    action: Action
    note: str = Field("", description="Catatan; wajib untuk reject (alasan penolakan).")
    number: str = Field(
        "", max_length=120, description="Nomor persetujuan DPRD (record_dprd_approval)."
    )
    date: datetime.date | None = Field(
        None, description="Tanggal persetujuan DPRD (record_dprd_approval)."
    )
    signed_on: datetime.date | None = Field(None, description="Tanggal penandatanganan (sign).")
    signed_place: str = Field("", max_length=120, description="Tempat penandatanganan (sign).")
    reason: Agreement.TerminationReason | None = Field(
        None, description="Alasan pengakhiran (terminate)."
    )
