"""API shapes of the early warnings. Schemas check shape only."""

import datetime
from typing import Literal

from ninja import Field, Schema

from sinergi.alerts.models import Warning


class WarningAgreementOut(Schema):
    id: int
    title: str
    number: str
    owner_region: str = Field(description="Kode Kemendagri wilayah pencatat.")

    @staticmethod
    def resolve_owner_region(obj: object) -> str:
        return obj.owner_region.code  # type: ignore[attr-defined]


# The values of Warning.Kind, written out: the enum class's name ("Kind") would collide with
# Agreement.Kind's in the OpenAPI components (a test keeps the two lists in step).
WarningKind = Literal[
    "akan_berakhir", "tonggak_terlambat", "laporan_terlambat", "kewajiban_terlambat", "simbolis"
]


class WarningOut(Schema):
    id: int
    kind: WarningKind
    kind_label: str
    key: str = Field(
        description="Penanda situasi, mis. akan_berakhir:30 atau tonggak_terlambat:17."
    )
    message: str
    next_step: str
    due_date: datetime.date | None = Field(description="Tanggal acuan (batas waktu/berakhir).")
    first_seen: datetime.date
    last_seen: datetime.date
    agreement: WarningAgreementOut

    @staticmethod
    def resolve_kind_label(obj: Warning) -> str:
        return obj.get_kind_display()


class WarningListOut(Schema):
    count: int = Field(description="Jumlah seluruh peringatan terbuka yang cocok.")
    page: int
    page_size: int
    pages: int
    items: list[WarningOut]


class WarningFilterIn(Schema):
    kind: WarningKind | None = Field(None, description="Hanya peringatan jenis ini.")
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=100)
