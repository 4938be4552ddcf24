"""API shapes of follow-up monitoring. Schemas check shape only; the services check the rules."""

import datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from sinergi.monitoring.models import Indicator, MonitoringReport, Obligation

ReportAction = Literal["submit", "return", "review"]
Recommendation = Literal["", "dilanjutkan", "diperluas", "dihentikan"]


# --- output ---------------------------------------------------------------------------------


class UserRefOut(Schema):
    username: str
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class ObligationOut(Schema):
    id: int
    party_position: int
    party: str
    kind: str
    description: str
    due_date: datetime.date | None
    done: bool
    done_at: datetime.datetime | None
    overdue: bool
    has_evidence: bool
    evidence_sha256: str
    note: str

    @staticmethod
    def resolve_party_position(obj: Obligation) -> int:
        return obj.party.position

    @staticmethod
    def resolve_party(obj: Obligation) -> str:
        return str(obj.party)

    @staticmethod
    def resolve_done(obj: Obligation) -> bool:
        return obj.done_at is not None

    @staticmethod
    def resolve_overdue(obj: Obligation) -> bool:
        return obj.is_overdue()

    @staticmethod
    def resolve_has_evidence(obj: Obligation) -> bool:
        return bool(obj.evidence)


class ObligationListOut(Schema):
    items: list[ObligationOut]


class FulfilIn(Schema):
    note: str = Field("", max_length=1000)


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal
    target_year: int | None
    higher_is_better: bool
    latest_value: Decimal | None = Field(
        description="Realisasi pada laporan terakhir yang diajukan atau direviu."
    )
    latest_period_end: datetime.date | None
    achievement_percent: Decimal | None = Field(
        description="Capaian terhadap target (%); untuk indikator makin rendah makin baik: "
        "target / realisasi."
    )


class IndicatorListOut(Schema):
    items: list[IndicatorOut]


class RealisationOut(Schema):
    indicator_id: int
    value: Decimal
    note: str


class CommentOut(Schema):
    author: str
    body: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author or "")


class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    sha256: str


class ReportOut(Schema):
    id: int
    agreement_id: int
    period_start: datetime.date
    period_end: datetime.date
    state: str
    state_label: str
    activities: str
    outputs: str
    budget_realised: Decimal
    obstacles: str
    recommendation: str
    author: str
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    version: int
    realisations: list[RealisationOut]
    evidence: list[EvidenceOut]
    comments: list[CommentOut]

    @staticmethod
    def resolve_state_label(obj: MonitoringReport) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_author(obj: MonitoringReport) -> str:
        return str(obj.author or "")

    @staticmethod
    def resolve_realisations(obj: MonitoringReport) -> list[Any]:
        return list(obj.realisations.all())

    @staticmethod
    def resolve_evidence(obj: MonitoringReport) -> list[Any]:
        return list(obj.evidence.all())

    @staticmethod
    def resolve_comments(obj: MonitoringReport) -> list[Any]:
        return list(obj.comments.select_related("author"))


class ReportSummaryOut(Schema):
    id: int
    period_start: datetime.date
    period_end: datetime.date
    state: str
    recommendation: str
    budget_realised: Decimal
    version: int


class ReportListOut(Schema):
    items: list[ReportSummaryOut]


# --- input ----------------------------------------------------------------------------------


class RealisationIn(Schema):
    indicator_id: int
    value: Decimal = Field(max_digits=16, decimal_places=2)
    note: str = Field("", max_length=300)


class ReportIn(Schema):
    period_start: datetime.date
    period_end: datetime.date
    activities: str = ""
    outputs: str = ""
    budget_realised: Decimal = Field(Decimal(0), ge=0, max_digits=18, decimal_places=2)
    obstacles: str = ""
    recommendation: Recommendation = ""
    realisations: list[RealisationIn] = []


class ReportUpdateIn(ReportIn):
    version: int = Field(description="`version` dari bacaan terakhir; bila basi, ditolak 409.")


class ReportTransitionIn(Schema):
    action: ReportAction
    comment: str = Field("", description="Wajib untuk `return` (catatan perbaikan).")


def indicator_out(indicator: Indicator, latest: Any) -> dict[str, Any]:
    value = latest.value if latest else None
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": indicator.baseline,
        "target": indicator.target,
        "target_year": indicator.target_year,
        "higher_is_better": indicator.higher_is_better,
        "latest_value": value,
        "latest_period_end": latest.report.period_end if latest else None,
        "achievement_percent": indicator.achievement_percent(value),
    }
