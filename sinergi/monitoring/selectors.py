"""Reads of follow-up monitoring for pages, exports and the API. Region scope comes from the
agreements' one access-checked lookup (`agreement_get_for_user`, `visible_agreements`)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from sinergi.accounts.scope import manageable_regions
from sinergi.agreements.models import Agreement, Party
from sinergi.agreements.selectors import agreement_get_for_user, visible_agreements
from sinergi.core.kept import kept
from sinergi.core.versions import AGREEMENTS, MONITORING
from sinergi.monitoring import schedule
from sinergi.monitoring.models import (
    Indicator,
    IndicatorRealisation,
    MonitoringReport,
    Obligation,
)
from sinergi.monitoring.permissions import can_act_for_party

# Heavy agreement and region columns no report row shows.
_UNLISTED = (
    "agreement__search_document",
    "agreement__search_stems",
    "agreement__owner_region__boundary",
    "agreement__owner_region__attribute_sources",
)
AWAITING_MY_REVIEW = "reviu_saya"


def report_get_for_user(*, user: Any, pk: int, agreement: Agreement | None = None) -> Any:
    """A report, only if its agreement is visible to the user (404 otherwise).

    Pages pass the agreement of their URL (already checked); the API passes none and the
    agreement is looked up through the one access-checked lookup."""
    agreement_id = (
        MonitoringReport.objects.filter(pk=pk).values_list("agreement_id", flat=True).first()
    )
    if agreement_id is None or (agreement is not None and agreement.pk != agreement_id):
        raise Http404("Laporan tidak ditemukan.")
    agreement = agreement or agreement_get_for_user(user=user, pk=agreement_id)
    report = MonitoringReport.objects.select_related("author", "reviewed_by").get(pk=pk)
    report.agreement = agreement
    return report


def obligation_get(*, agreement: Agreement, pk: int) -> Obligation:
    obligation = agreement.obligations.select_related("party__region").filter(pk=pk).first()
    if obligation is None:
        raise Http404("Hak/kewajiban tidak ditemukan.")
    obligation.agreement = agreement
    obligation.party.agreement = agreement
    return obligation


def indicator_get(*, agreement: Agreement, pk: int) -> Indicator:
    indicator = agreement.indicators.filter(pk=pk).first()
    if indicator is None:
        raise Http404("Indikator tidak ditemukan.")
    indicator.agreement = agreement
    return indicator


# --- one agreement --------------------------------------------------------------------------


@dataclass
class PartyObligations:
    party: Party
    obligations: list[Obligation]
    can_act: bool


def obligations_by_party(*, user: Any, agreement: Agreement) -> list[PartyObligations]:
    """Each party with its checklist, and whether the user may tick it off."""
    parties = list(
        agreement.parties.select_related("region", "organization")
        .defer("region__boundary", "region__attribute_sources")
        .prefetch_related("agencies")
    )
    rows = agreement.obligations.select_related("done_by")
    by_party: dict[int, list[Obligation]] = {p.pk: [] for p in parties}
    for obligation in rows:
        by_party[obligation.party_id].append(obligation)
    result = []
    for party in parties:
        party.agreement = agreement
        result.append(PartyObligations(party, by_party[party.pk], can_act_for_party(user, party)))
    return result


@dataclass
class IndicatorRow:
    indicator: Indicator
    latest: IndicatorRealisation | None
    achievement: Decimal | None


def latest_realisations(agreement: Agreement) -> dict[int, IndicatorRealisation]:
    """Each indicator's value in the latest counted (submitted or reviewed) report."""
    rows = (
        IndicatorRealisation.objects.filter(
            indicator__agreement=agreement, report__state__in=schedule.COUNTED_STATES
        )
        .select_related("report")
        .order_by("indicator_id", "-report__period_end", "-report_id")
    )
    latest: dict[int, IndicatorRealisation] = {}
    for row in rows:
        latest.setdefault(row.indicator_id, row)
    return latest


def indicator_rows(agreement: Agreement) -> list[IndicatorRow]:
    latest = latest_realisations(agreement)
    rows = []
    for indicator in agreement.indicators.all():
        value = latest.get(indicator.pk)
        achievement = indicator.achievement_percent(value.value if value else None)
        rows.append(IndicatorRow(indicator, value, achievement))
    return rows


@dataclass
class ScheduleView:
    next_due: schedule.Period | None
    overdue: list[schedule.Period] = field(default_factory=list)


def schedule_for(agreement: Agreement, today: datetime.date) -> ScheduleView:
    return ScheduleView(
        schedule.next_due(agreement, today), schedule.overdue_periods(agreement, today)
    )


# --- reports across agreements --------------------------------------------------------------


@dataclass
class ReportFilters:
    state: str = ""  # a MonitoringReport.State value, or "reviu_saya"
    year: int | None = None  # year the period ends
    region: str = ""  # Kemendagri code of the owner or a party region


def report_list(*, user: Any, filters: ReportFilters) -> QuerySet[MonitoringReport]:
    """Reports of the agreements the user may see, filtered, newest period first."""
    agreements = visible_agreements(user=user).order_by().values("pk")
    reports = MonitoringReport.objects.filter(agreement_id__in=agreements)
    if filters.state == AWAITING_MY_REVIEW:
        reports = awaiting_review(user=user, reports=reports)
    elif filters.state in MonitoringReport.State.values:
        reports = reports.filter(state=filters.state)
    if filters.year:
        reports = reports.filter(period_end__year=filters.year)
    if filters.region:
        parties = Party.objects.filter(region__code=filters.region).values("agreement_id")
        reports = reports.filter(
            Q(agreement__owner_region__code=filters.region) | Q(agreement_id__in=parties)
        )
    return (
        reports.select_related("agreement__owner_region", "author")
        .defer(*_UNLISTED)
        .order_by("-period_end", "-pk")
    )


def report_count(reports: QuerySet[MonitoringReport]) -> int:
    """How many reports `report_list` found, kept until a report or an agreement changes:
    the whole country's 500,000 took 150–500 ms to count on every page turn
    (docs/benchmarks.md)."""
    reports = reports.order_by()
    return kept("monev-jumlah", reports, [AGREEMENTS, MONITORING], reports.count)


def awaiting_count(*, user: Any) -> int:
    """How many reports await the user's review, kept like `report_count` (the whole
    country's took 100–150 ms on every list page)."""
    awaiting = awaiting_review(user=user).order_by()
    return kept("monev-menunggu", awaiting, [AGREEMENTS, MONITORING], awaiting.count)


def awaiting_review(
    *, user: Any, reports: QuerySet[MonitoringReport] | None = None
) -> QuerySet[MonitoringReport]:
    """Submitted reports the user may review: owner region managed, written by someone else."""
    reports = MonitoringReport.objects.all() if reports is None else reports
    return reports.filter(
        state=MonitoringReport.State.SUBMITTED,
        agreement__owner_region__in=manageable_regions(user),
    ).exclude(author=user)
