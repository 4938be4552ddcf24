"""Reads the figures the computed criteria use, for one agreement (an evaluation) or many at
once (the OPD performance). The arithmetic is in scoring.py."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

from sinergi.agreements.models import Agreement, Milestone
from sinergi.evaluations.scoring import (
    Deadline,
    IndicatorFigure,
    Result,
    budget_score,
    indicator_score,
    timeliness_score,
)
from sinergi.monitoring.models import Indicator, IndicatorRealisation, MonitoringReport
from sinergi.monitoring.schedule import COUNTED_STATES, periods
from sinergi.planning.models import BudgetLine


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def cutoff(year: int, today: datetime.date | None = None) -> datetime.date:
    """What "so far" means for a year: its last day, or today while it is still running."""
    return min(year_end(year), today or timezone.localdate())


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


@dataclass(frozen=True)
class SentReport:
    period_start: datetime.date
    period_end: datetime.date
    sent: datetime.date | None


def sent_reports(agreement_ids: Iterable[int]) -> dict[int, list[SentReport]]:
    """The counted (submitted or reviewed) reports of each agreement."""
    rows = MonitoringReport.objects.filter(
        agreement_id__in=list(agreement_ids), state__in=COUNTED_STATES
    ).values_list("agreement_id", "period_start", "period_end", "submitted_at", "reviewed_at")
    result: dict[int, list[SentReport]] = defaultdict(list)
    for agreement_id, start, end, submitted, reviewed in rows:
        result[agreement_id].append(SentReport(start, end, _day(submitted or reviewed)))
    return result


def report_deadlines(
    agreement: Agreement, reports: Sequence[SentReport], until: datetime.date
) -> list[Deadline]:
    """One deadline per reporting period due by `until` (or already reported by then); done
    on the first sending of a counted report covering the period's last day."""
    deadlines = []
    for period in periods(agreement, until):
        sent = [
            r.sent
            for r in reports
            if r.sent is not None and r.period_start <= period.end <= r.period_end
        ]
        done = min(sent) if sent else None
        if period.due <= until or (done is not None and done <= until):
            deadlines.append(Deadline(period.due, done))
    return deadlines


def milestone_deadlines(agreement: Agreement, until: datetime.date) -> list[Deadline]:
    rows = Milestone.objects.filter(agreement=agreement, due_date__lte=until).values_list(
        "due_date", "done_at"
    )
    return [Deadline(due, _day(done)) for due, done in rows]


def timeliness(agreement: Agreement, year: int, today: datetime.date | None = None) -> Result:
    until = cutoff(year, today)
    reports = sent_reports([agreement.pk]).get(agreement.pk, [])
    return timeliness_score(
        milestone_deadlines(agreement, until),
        report_deadlines(agreement, reports, until),
        settings.REPORT_GRACE_DAYS,
    )


def indicator_figures(
    agreement_ids: Iterable[int], until: datetime.date
) -> dict[int, list[IndicatorFigure]]:
    """Each agreement's indicators with the latest realisation reported in a counted report
    whose period ended by `until`."""
    ids = list(agreement_ids)
    latest: dict[int, Decimal] = {}
    realisations = (
        IndicatorRealisation.objects.filter(
            indicator__agreement_id__in=ids,
            report__state__in=COUNTED_STATES,
            report__period_end__lte=until,
        )
        .order_by("report__period_end", "report_id")
        .values_list("indicator_id", "value")
    )
    for indicator_id, value in realisations:
        latest[indicator_id] = value  # later periods overwrite earlier ones
    result: dict[int, list[IndicatorFigure]] = defaultdict(list)
    for ind in Indicator.objects.filter(agreement_id__in=ids).order_by("pk"):
        result[ind.agreement_id].append(
            IndicatorFigure(
                ind.name, ind.unit, ind.target, latest.get(ind.pk), ind.higher_is_better
            )
        )
    return result


def indicators(agreement: Agreement, year: int) -> Result:
    figures = indicator_figures([agreement.pk], year_end(year)).get(agreement.pk, [])
    return indicator_score(figures)


def budget_totals(lines: Any) -> tuple[Decimal, Decimal, int]:
    totals = lines.aggregate(allocated=Sum("allocated"), realised=Sum("realised"), n=Count("pk"))
    return totals["allocated"] or Decimal(0), totals["realised"] or Decimal(0), totals["n"]


def budget(agreement: Agreement, year: int) -> Result:
    lines = BudgetLine.objects.filter(agreement=agreement, fiscal_year=year)
    allocated, realised, count = budget_totals(lines)
    return budget_score(allocated, realised, count, year)


# Criterion.Source value → the function computing it.
COMPUTERS = {
    "ketepatan_waktu": lambda a, year, today: timeliness(a, year, today),
    "capaian_indikator": lambda a, year, today: indicators(a, year),
    "realisasi_anggaran": lambda a, year, today: budget(a, year),
}


def compute(
    source: str, agreement: Agreement, year: int, today: datetime.date | None = None
) -> Result:
    return COMPUTERS[source](agreement, year, today)
