"""Input and output of the map API (/api/v1/peta). The boundaries are GeoJSON (no schema)."""

from typing import Literal

from ninja import Field, Schema

from sinergi.maps.selectors import MapFilters


class BoundariesIn(Schema):
    tingkat: Literal["provinsi", "kabupaten_kota"] = "provinsi"
    provinsi: str = Field("", description="Kode provinsi (dua angka): hanya wilayahnya.")


class MapFilterIn(Schema):
    """The agreement list's filter names: year range of signing, sector, kind, status."""

    year_from: int | None = Field(
        None, description="Ditandatangani pada tahun ini atau sesudahnya."
    )
    year_to: int | None = Field(None, description="Ditandatangani pada tahun ini atau sebelumnya.")
    affair: str = Field("", description="Kode urusan (utama atau lain), mis. 1.02.")
    kind: str = Field("", description="Jenis kerja sama: ksdd, ksdpk, sinergi, ksdpl, ksdll.")
    status: str = Field(
        "", description="Status seperti di daftar, termasuk akan_berakhir, dalam_proses, simbolis."
    )

    def to_filters(self) -> MapFilters:
        values = {name: "" if value is None else str(value) for name, value in self}
        return MapFilters.from_query(values)


class ValuesIn(MapFilterIn):
    tingkat: Literal["provinsi", "kabupaten_kota"] = "provinsi"
    metrik: Literal["jumlah", "aktif", "simbolis"] = "jumlah"


class RegionValueOut(Schema):
    value: float | None = Field(description="Nilai ukuran yang dipilih.")
    jumlah: int = Field(description="Kerja sama yang dicatat wilayah ini atau menjadikannya pihak.")
    aktif: int = Field(description="Dari jumlah itu, yang berlaku hari ini.")
    simbolis: float | None = Field(None, description="Porsi berlaku dengan peringatan simbolis.")
    simbolis_jumlah: int | None = None


class LegendClassOut(Schema):
    min: float
    max: float
    label: str
    colour: str


class ValuesOut(Schema):
    level: str
    metric: str
    metric_label: str
    complete: bool = Field(
        description="Benar: wilayah yang tidak ada di `values` tidak memiliki kerja sama. "
        "Salah: wilayah itu di luar cakupan Anda."
    )
    values: dict[str, RegionValueOut] = Field(description="Per kode wilayah Kemendagri.")
    legend: list[LegendClassOut]
    outside_colour: str
    filters: dict[str, str]


class LineOut(Schema):
    a: str
    b: str
    count: int


class PointOut(Schema):
    name: str
    lat: float | None
    lng: float | None


class OrganizationPartnerOut(Schema):
    id: int = Field(description="Id organisasi: daftar kerja sama ?organization=<id>.")
    name: str
    kind: str
    kind_label: str
    count: int


class LinesOut(Schema):
    lines: list[LineOut] = Field(description="Pasangan wilayah yang bekerja sama (a < b).")
    points: dict[str, PointOut] = Field(description="Titik pusat tiap ujung garis.")
    organizations: list[OrganizationPartnerOut] = Field(description="Mitra pihak ketiga.")
    filters: dict[str, str]
