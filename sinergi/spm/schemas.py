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
