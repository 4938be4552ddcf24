"""API shapes of the dashboards (/api/v1/dasbor). Schemas check shape only."""

from typing import Literal

from ninja import Field, Schema

from sinergi.agreements.models import Agreement
from sinergi.core.schemas import RegionRefOut
from sinergi.dashboards.selectors import DashboardFilters

StatusFilter = Literal[
    "berlaku", "akan_berakhir", "simbolis", "berakhir", "dalam_proses", "diakhiri", "ditolak"
]


class DashboardFilterIn(Schema):
    """The dashboard's filters, as on the page."""

    year_from: int | None = Field(None, ge=1900, le=2200, description="Tahun tanda tangan dari.")
    year_to: int | None = Field(None, ge=1900, le=2200, description="Tahun tanda tangan sampai.")
    affair: str = Field("", max_length=10, description="Kode urusan, utama atau lain.")
    kind: Agreement.Kind | None = None
    status: StatusFilter | None = Field(None, description="Status per hari ini.")
    province: str = Field(
        "", max_length=2, description="Kode provinsi (superuser / pimpinan nasional)."
    )

    def to_filters(self) -> DashboardFilters:
        return DashboardFilters(
            year_from=self.year_from,
            year_to=self.year_to,
            affair=self.affair,
            kind=self.kind or "",
            status=self.status or "",
            province=self.province,
        )


class CountOut(Schema):
    code: str
    label: str
    count: int


class YearOut(Schema):
    year: int | None = Field(description="Tahun penandatanganan; null = belum ditandatangani.")
    count: int
    change_pct: int | None = Field(description="Perubahan dari tahun sebelumnya, persen.")


class DocGroupsOut(Schema):
    kerangka: int = Field(description="KB, Nota Kesepakatan dan MoU.")
    pks: int
    adendum: int


class PartnerOut(Schema):
    type: Literal["wilayah", "organisasi"]
    code: str = Field(description="Kode wilayah; kosong untuk organisasi.")
    organization: int | None = Field(description="Id organisasi; kosong untuk wilayah.")
    label: str
    group: str
    count: int


class DashboardOut(Schema):
    scope: str
    total: int
    by_year: list[YearOut]
    year_summary: str
    by_kind: list[CountOut]
    by_doc_type: list[CountOut]
    doc_groups: DocGroupsOut
    by_sector: list[CountOut] = Field(description="Per urusan, utama atau lain.")
    by_status: list[CountOut] = Field(
        description="Per status hari ini; berlaku mencakup akan_berakhir dan simbolis."
    )
    status_buckets: list[CountOut] = Field(description="Status yang saling lepas (jumlah = total).")
    top_partners: list[PartnerOut]
    flags: list[CountOut]


class NodeOut(Schema):
    id: str = Field(description="r:<kode wilayah> atau o:<jenis organisasi>.")
    label: str
    type: Literal["wilayah", "organisasi"]
    kind: str
    code: str
    level: str
    province: str
    in_scope: bool
    agreements: int
    degree: int


class EdgeOut(Schema):
    id: str
    source: str
    target: str
    count: int
    by_sector: dict[str, int]
    by_status: dict[str, int]
    sector: str = Field(description="Urusan terbanyak (warna).")
    status: str = Field(description="Status terbanyak (warna).")


class NeighbourPairOut(Schema):
    code_a: str
    name_a: str
    code_b: str
    name_b: str


class NetworkOut(Schema):
    scope: str
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    hubs: list[NodeOut]
    isolated: list[RegionRefOut]
    unlinked_neighbours: list[NeighbourPairOut] = Field(
        description="Wilayah berbatasan tanpa kerja sama: calon KSDD wajib."
    )
