"""When monev reports are due: one per period of `REPORT_INTERVAL_MONTHS` from the start date,
due `REPORT_GRACE_DAYS` after the period ends. Shared by the monitoring pages, the daily
warnings and the evaluation's timeliness score, so all three count the same way."""

import datetime
from dataclasses import dataclass

from django.conf import settings

from sinergi.agreements.models import Agreement
from sinergi.agreements.rules import add_months
from sinergi.monitoring.models import MonitoringReport

# A report counts once it has been sent for review; a draft or a returned one does not.
COUNTED_STATES = (MonitoringReport.State.SUBMITTED, MonitoringReport.State.REVIEWED)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    due: datetime.date


def periods(agreement: Agreement, until: datetime.date) -> list[Period]:
    """The reporting periods of an agreement that have ended by `until` (its end date caps
    the last one). None before the agreement has a start date."""
    if agreement.start_date is None:
        return []
    months = settings.REPORT_INTERVAL_MONTHS
    grace = datetime.timedelta(days=settings.REPORT_GRACE_DAYS)
    result: list[Period] = []
    start = agreement.start_date
    while True:
        end = add_months(start, months) - datetime.timedelta(days=1)
        if agreement.end_date and end > agreement.end_date:
            end = agreement.end_date
        if end > until or start > end:
            return result
        result.append(Period(start, end, end + grace))
        if agreement.end_date and end >= agreement.end_date:
            return result
        start = end + datetime.timedelta(days=1)


def covered_until(agreement: Agreement) -> datetime.date | None:
    """The latest period end covered by a counted report."""
    last = (
        MonitoringReport.objects.filter(agreement=agreement, state__in=COUNTED_STATES)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    return last


def overdue_periods(agreement: Agreement, today: datetime.date) -> list[Period]:
    """Periods whose report is past due and not covered by a counted report."""
    covered = covered_until(agreement)
    return [
        p
        for p in periods(agreement, today)
        if p.due < today and (covered is None or covered < p.end)
    ]


def next_due(agreement: Agreement, today: datetime.date) -> Period | None:
    """The first period not yet covered (ended or running), for "next report due" labels."""
    covered = covered_until(agreement)
    horizon = add_months(today, settings.REPORT_INTERVAL_MONTHS)
    for period in periods(agreement, horizon):
        if covered is None or covered < period.end:
            return period
    return None
