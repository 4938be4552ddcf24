"""Reads of the early warnings: the facts the daily job feeds the rules, and each user's queue.

The daily job reads agreements in chunks by primary key, each chunk in a few queries (the
agreements with their dates and counts as subqueries, their open milestones, their open
obligations), so 100,000 agreements cost some 300 queries, not one per agreement.
"""

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery

from sinergi.agreements.models import (
    PIPELINE_STATUSES,
    Agreement,
    AgreementDocument,
    Milestone,
    Party,
    Status,
    StatusChange,
)
from sinergi.agreements.selectors import visible_agreements
from sinergi.alerts.models import Warning
from sinergi.alerts.rules import AgreementFacts
from sinergi.monitoring.models import MonitoringReport, Obligation
from sinergi.monitoring.schedule import COUNTED_STATES
from sinergi.planning.models import BudgetLine

CHUNK_SIZE = 1000
# A renewal that was refused or cancelled renews nothing.
_DEAD_RENEWAL = (Status.REJECTED, Status.TERMINATED)
# When something last happened on an agreement, one subquery per source.
_ACTIVITY = {
    "last_report": (MonitoringReport, "created_at"),
    "last_document": (AgreementDocument, "created_at"),
    "last_milestone": (Milestone, "done_at"),
    "last_obligation": (Obligation, "done_at"),
    "last_status": (StatusChange, "at"),
}


def candidates(today: datetime.date) -> Any:
    """Agreements that can have a warning: in force, in the pipeline (milestones), or ended
    today by the expiry job (the 0-day reminder)."""
    return Agreement.objects.filter(
        Q(status__in=[Status.ACTIVE, *PIPELINE_STATUSES]) | Q(status=Status.ENDED, end_date=today)
    )


def facts_chunks(today: datetime.date, size: int = CHUNK_SIZE) -> Iterator[list[AgreementFacts]]:
    """The facts of every candidate agreement, `size` agreements at a time."""
    last_pk = 0
    while True:
        chunk = list(_annotated(candidates(today).filter(pk__gt=last_pk), today)[:size])
        if not chunk:
            return
        yield [_facts(a) for a in chunk]
        last_pk = chunk[-1].pk


def facts_for(agreement_ids: list[int], today: datetime.date) -> list[AgreementFacts]:
    """The facts of the given agreements (any status), for tests and single recomputations."""
    rows = _annotated(Agreement.objects.filter(pk__in=agreement_ids), today)
    return [_facts(a) for a in rows]


def _annotated(agreements: Any, today: datetime.date) -> Any:
    renewals = Agreement.objects.filter(renews=OuterRef("pk")).exclude(status__in=_DEAD_RENEWAL)
    covered = MonitoringReport.objects.filter(
        agreement=OuterRef("pk"), state__in=COUNTED_STATES
    ).order_by("-period_end")
    budget = BudgetLine.objects.filter(agreement=OuterRef("pk")).filter(
        Q(allocated__gt=0) | Q(realised__gt=0)
    )
    activity = {name: _latest(model, column) for name, (model, column) in _ACTIVITY.items()}
    return (
        agreements.order_by("pk")
        .only("id", "status", "title", "number", "start_date", "end_date", "owner_region_id")
        .annotate(
            has_renewal=Exists(renewals),
            covered_until=Subquery(covered.values("period_end")[:1]),
            last_budget_year=Subquery(_max(budget, "fiscal_year")),
            **activity,
        )
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.filter(done_at=None, due_date__lt=today),
                to_attr="open_milestones",
            ),
            Prefetch(
                "obligations",
                queryset=Obligation.objects.filter(done_at=None, due_date__lt=today).only(
                    "id", "agreement_id", "description", "due_date", "done_at"
                ),
                to_attr="open_obligations",
            ),
        )
    )


def _latest(model: Any, column: str) -> Subquery:
    return Subquery(_max(model.objects.filter(agreement=OuterRef("pk")), column))


def _max(rows: QuerySet[Any], column: str) -> QuerySet[Any]:
    # MAX per agreement as a correlated subquery: group by the outer key, keep the maximum.
    return rows.order_by().values("agreement").annotate(latest=Max(column)).values("latest")


def _facts(a: Any) -> AgreementFacts:
    moments = [getattr(a, name) for name in _ACTIVITY]
    return AgreementFacts(
        agreement=a,
        has_renewal=a.has_renewal,
        covered_until=a.covered_until,
        milestones=a.open_milestones,
        obligations=a.open_obligations,
        activity=max((m for m in moments if m is not None), default=None),
        last_budget_year=a.last_budget_year,
    )


# --- work queue -----------------------------------------------------------------------------


def warnings_for_user(*, user: Any, kind: str = "") -> QuerySet[Warning]:
    """The user's open warnings, most urgent first: agreements in the user's regions, and
    for an OPD officer only those their OPD implements."""
    if not user.is_authenticated:
        return Warning.objects.none()
    agreements = visible_agreements(user=user)
    if not user.is_superuser and getattr(user, "role", "") == "perangkat_daerah":
        if user.agency_id is None:
            return Warning.objects.none()
        implemented = Party.objects.filter(agencies=user.agency_id).values("agreement_id")
        agreements = agreements.filter(pk__in=implemented)
    warnings = Warning.objects.open().filter(agreement__in=agreements.values("pk"))
    if kind:
        warnings = warnings.filter(kind=kind)
    # Undated warnings (none today) after the dated ones on every database.
    return warnings.order_by(F("due_date").asc(nulls_last=True), "pk")


def queue_rows(warnings: QuerySet[Warning]) -> QuerySet[Warning]:
    """What a queue row shows: the agreement's title, number and owner."""
    return warnings.select_related("agreement__owner_region").defer(
        "agreement__search_document",
        "agreement__search_stems",
        "agreement__owner_region__boundary",
        "agreement__owner_region__attribute_sources",
    )


def counts_by_kind(warnings: QuerySet[Warning]) -> dict[str, int]:
    """Open warnings per kind, in one GROUP BY."""
    return dict(warnings.order_by().values_list("kind").annotate(n=Count("pk")))


def open_warning_count(user: Any) -> int:
    """For the navigation badge and the home page."""
    return warnings_for_user(user=user).count()
