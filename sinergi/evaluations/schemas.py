"""API shapes of evaluations. Schemas check shape only; the services check the rules."""

import datetime
from decimal import Decimal

from ninja import Field, Schema


class CriterionOut(Schema):
    id: int
    code: str
    name: str
    description: str
    weight: int
    source: str = Field(description="penilai, atau cara hitung sistem")
    order: int


class ScoreOut(Schema):
    criterion: str = Field(alias="criterion.code")
    criterion_name: str = Field(alias="criterion.name")
    weight: int = Field(alias="criterion.weight")
    value: Decimal | None
    basis: str
    computed: bool


class EvaluationOut(Schema):
    id: int
    year: int
    state: str
    total: Decimal | None
    category: str
    summary: str
    scores: list[ScoreOut]
    updated_at: datetime.datetime


class EvaluationStartIn(Schema):
    year: int = Field(ge=2000, le=2100)


class ScoreIn(Schema):
    value: Decimal = Field(description="0–100")
    basis: str


class AnnualReportIn(Schema):
    region: str = Field(description="Kode Kemendagri wilayah, mis. 64 atau 64.72")
    year: int = Field(ge=2000, le=2100)


class AnnualReportOut(Schema):
    id: int
    region: str
    year: int
    state: str
    progress: int
    step: str
    error: str
    requested_at: datetime.datetime
    finished_at: datetime.datetime | None
    pdf_url: str | None = None
    xlsx_url: str | None = None


class FigureOut(Schema):
    value: Decimal | None
    basis: str


class AgencyPerformanceOut(Schema):
    rank: int | None
    agency_id: int
    agency: str
    region: str
    agreements: int
    reports_on_time: FigureOut
    obligations_met: FigureOut
    indicator_achievement: FigureOut
    budget_realisation: FigureOut
    composite: Decimal | None
    composite_basis: str


class AgencyPerformanceListOut(Schema):
    year: int
    weights: dict[str, int]
    count: int
    page: int
    page_size: int
    items: list[AgencyPerformanceOut]


class PerformanceFilterIn(Schema):
    tahun: int | None = Field(None, ge=2000, le=2100)
    halaman: int = Field(1, ge=1)
    per_halaman: int = Field(25, ge=1, le=100)
