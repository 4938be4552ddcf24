from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class SpmIndexIn(Schema):
    region: str = Field(description="Kode wilayah Kemendagri, mis. 64.72", max_length=13)
    year: int = Field(description="Tahun, mis. 2025", ge=2000, le=2100)


class SpmIndexOut(Schema):
    region: str
    year: int
    index: float | None = Field(description="Indeks Pencapaian SPM 0–100; null tanpa data")
    category: str | None
    fields: dict[str, float | None] = Field(description="Indeks per bidang SPM")


class SpmValuesIn(Schema):
    region: str = Field(description="Kode wilayah Kemendagri, mis. 64.72", max_length=13)
    year: int = Field(description="Tahun, mis. 2025", ge=2000, le=2100)
    quarter: int | None = Field(None, ge=1, le=4, description="Hanya triwulan ini.")
    page: int = Field(1, ge=1)
    page_size: int = Field(100, ge=1, le=200)


class SpmValueOut(Schema):
    indicator: str = Field(description="Kode indikator SPM.")
    service: str = Field(description="Kode jenis pelayanan dasar.")
    quarter: int
    target_population: int | None = Field(description="Jumlah sasaran (kumulatif).")
    served: int | None = Field(description="Jumlah terlayani (kumulatif).")
    score: Decimal | None = Field(description="Nilai hasil indikator tren.")

    @staticmethod
    def resolve_indicator(obj: Any) -> str:
        return str(obj.indicator.code)

    @staticmethod
    def resolve_service(obj: Any) -> str:
        return str(obj.indicator.service.code)


class SpmValueListOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    items: list[SpmValueOut]
