"""API shapes of innovations. Schemas check shape only; the services check the rules."""

import datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from sinergi.core.schemas import RegionRefOut

Maturity = Literal["", "inisiatif", "uji_coba", "penerapan"]
Kind = Literal["tata_kelola", "pelayanan_publik", "lainnya"]
Form = Literal["digital", "non_digital"]


class FilterIn(Schema):
    q: str = Field("", max_length=200, description="Kata atau makna yang dicari.")
    affair: str = Field("", max_length=8, description="Kode urusan, mis. 1.02.")
    region: str = Field(
        "", max_length=8, description="Kode Kemendagri; kode provinsi mencakup kabupaten/kotanya."
    )
    maturity: Maturity = ""
    replicable: bool = False
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=100)


class InnovationFigureOut(Schema):
    label: str
    before: Decimal | None
    after: Decimal
    unit: str
    year: int


class InnovationOut(Schema):
    id: int
    name: str
    region: RegionRefOut
    affair_code: str
    affair: str
    kind: str
    form: str
    maturity: str
    started_year: int
    replicable: bool
    status: str
    replications: int = Field(description="Minat replikasi yang diterima (draf kerja sama dibuka).")
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_affair_code(obj: Any) -> str:
        return str(obj.affair.code)

    @staticmethod
    def resolve_affair(obj: Any) -> str:
        return str(obj.affair.name)

    @staticmethod
    def resolve_replications(obj: Any) -> int:
        return int(getattr(obj, "replications", 0) or 0)


class ReplicationOut(Schema):
    region: RegionRefOut
    signed: bool = Field(description="Kerja sama replikasinya sudah ditandatangani.")
    agreement_id: int | None = Field(description="Hanya bila Anda boleh membuka kerja sama itu.")


class InnovationDetailOut(InnovationOut):
    problem: str
    description: str
    results: str
    replication_terms: str
    contact_unit: str
    agency: str | None
    figures: list[InnovationFigureOut]
    replicated_in: list[ReplicationOut]

    @staticmethod
    def resolve_agency(obj: Any) -> str | None:
        return str(obj.agency) if obj.agency else None


class InnovationListOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    items: list[InnovationOut]


class InnovationIn(Schema):
    region: str = Field(description="Kode Kemendagri wilayah asal.")
    name: str = Field(max_length=200)
    affair: str = Field(description="Kode urusan.")
    kind: Kind
    form: Form
    maturity: Literal["inisiatif", "uji_coba", "penerapan"]
    started_year: int = Field(ge=1990)
    problem: str = Field(min_length=1)
    description: str = Field(min_length=1)
    results: str = ""
    replicable: bool = True
    replication_terms: str = ""
    contact_unit: str = Field("", max_length=150)


class InterestIn(Schema):
    region: str = Field(description="Kode Kemendagri wilayah peminat.")
    letter_number: str = Field(max_length=100)
    letter_date: datetime.date
    reason: str = Field(min_length=1)


class InterestOut(Schema):
    id: int
    innovation_id: int
    innovation: str
    origin: RegionRefOut
    region: RegionRefOut
    letter_number: str
    letter_date: datetime.date
    status: str
    decision_note: str
    agreement_id: int | None

    @staticmethod
    def resolve_innovation(obj: Any) -> str:
        return str(obj.innovation.name)

    @staticmethod
    def resolve_origin(obj: Any) -> Any:
        return obj.innovation.region


class InterestListOut(Schema):
    received: list[InterestOut]
    sent: list[InterestOut]


class DecisionIn(Schema):
    note: str = ""
