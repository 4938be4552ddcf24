"""Reads of innovations for pages and the API: the access-checked lookups, the catalogue with
its filters, and the replications of an innovation."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from sinergi.accounts.scope import manageable_regions, visible_regions
from sinergi.agreements.models import FINAL_STATUSES, Status
from sinergi.innovations import search
from sinergi.innovations.models import Innovation, InnovationQuerySet, ReplicationInterest

# A replication is done once its agreement is signed (in force or ended since).
SIGNED = [Status.ACTIVE, Status.ENDED]


def visible_innovations(*, user: Any) -> InnovationQuerySet:
    """Published innovations for everyone; drafts and withdrawn ones for their region's users."""
    if getattr(user, "is_authenticated", False) and user.is_superuser:
        return Innovation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Innovation.objects.published()
    return Innovation.objects.visible_to(visible_regions(user))


def innovation_get_for_user(*, user: Any, pk: int) -> Innovation:
    """The one access-checked lookup of an innovation: 404 when the user may not see it."""
    innovation = (
        visible_innovations(user=user)
        .filter(pk=pk)
        .select_related("region", "agency", "affair", "created_by")
        .first()
    )
    if innovation is None:
        raise Http404("Inovasi tidak ditemukan.")
    return innovation


def interest_get_for_user(*, user: Any, pk: int) -> ReplicationInterest:
    """An interest is seen by both sides: the originating and the interested region."""
    regions = visible_regions(user)
    interests = ReplicationInterest.objects.select_related(
        "innovation__region", "innovation__affair", "region", "agreement", "created_by"
    )
    if not user.is_superuser:
        interests = interests.filter(Q(region__in=regions) | Q(innovation__region__in=regions))
    interest = interests.filter(pk=pk).first()
    if interest is None:
        raise Http404("Minat replikasi tidak ditemukan.")
    return interest


def filter_choices() -> dict[str, Any]:
    """The catalogue filters' options (the app's page and the public portal)."""
    from sinergi.affairs.models import Affair

    return {
        "affairs": list(Affair.objects.values_list("code", "name")),
        "maturities": Innovation.Maturity.choices,
        "kinds": Innovation.Kind.choices,
        "forms": Innovation.Form.choices,
    }


@dataclass
class CatalogueFilters:
    q: str = ""
    affair: str = ""  # urusan code
    region: str = ""  # Kemendagri code; a province's code includes its regencies
    maturity: str = ""
    kind: str = ""
    form: str = ""
    replicable: bool = False
    status: str = ""

    @classmethod
    def from_query(cls, query: Any) -> "CatalogueFilters":
        return cls(
            q=(query.get("q") or "").strip()[:200],
            affair=(query.get("affair") or "").strip(),
            region=(query.get("region") or "").strip(),
            maturity=(query.get("maturity") or "").strip(),
            kind=(query.get("kind") or "").strip(),
            form=(query.get("form") or "").strip(),
            replicable=query.get("replicable") in {"1", "true", "ya"},
            status=(query.get("status") or "").strip(),
        )


@dataclass
class CatalogueRow:
    innovation: Innovation
    reasons: list[str]


def catalogue(
    innovations: InnovationQuerySet, filters: CatalogueFilters
) -> tuple[list[int], dict[int, list[str]]]:
    """The ids that pass the filters, in catalogue order (best match first when searching),
    and the search's reasons per id."""
    rows = _filtered(innovations, filters)
    if not filters.q:
        ordered = rows.annotate(replications=_replication_count()).order_by(
            "-replications", "name", "pk"
        )
        return list(ordered.values_list("pk", flat=True)), {}
    matches = search.search(rows, filters.q)
    return [m.innovation_id for m in matches], {m.innovation_id: m.reasons for m in matches}


def _filtered(innovations: InnovationQuerySet, filters: CatalogueFilters) -> InnovationQuerySet:
    rows = innovations
    if filters.affair:
        rows = rows.filter(affair__code=filters.affair)
    if filters.region:
        rows = rows.filter(Q(region__code=filters.region) | Q(region__parent__code=filters.region))
    for name in ("maturity", "kind", "form", "status"):
        value = getattr(filters, name)
        if value:
            rows = rows.filter(**{name: value})
    if filters.replicable:
        rows = rows.filter(replicable=True)
    return rows


def _replication_count() -> Count:
    return Count(
        "interests",
        filter=Q(interests__status=ReplicationInterest.Status.ACCEPTED),
        distinct=True,
    )


def catalogue_rows(ids: list[int]) -> list[Innovation]:
    """The innovations of one page, in the order of `ids`, with their replication counts."""
    found = (
        Innovation.objects.filter(pk__in=ids)
        .select_related("region", "affair", "agency")
        .defer("region__boundary", "vector")  # polygons and vectors: not shown
        .annotate(replications=_replication_count())
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]


@dataclass
class Replication:
    interest: ReplicationInterest
    signed: bool
    latest_report: Any  # the newest submitted monitoring report of the agreement, if any
    can_open: bool  # the reader may open the agreement (and its reports)


def replications(innovation: Innovation, *, user: Any) -> list[Replication]:
    """Where the innovation is being or has been replicated: accepted interests with their
    agreement's status and latest monitoring report (the replication's outcome)."""
    from sinergi.monitoring.models import MonitoringReport

    reports = MonitoringReport.objects.exclude(state=MonitoringReport.State.DRAFT).order_by(
        "-period_end", "-pk"
    )
    accepted = list(
        innovation.interests.accepted()
        .select_related("region", "agreement")
        .prefetch_related(Prefetch("agreement__reports", queryset=reports))
        .order_by("decided_at", "pk")
    )
    ids = [i.agreement_id for i in accepted if i.agreement_id]
    openable = set(_openable_agreements(user).filter(pk__in=ids).values_list("pk", flat=True))
    result = []
    for interest in accepted:
        agreement = interest.agreement
        latest = next(iter(agreement.reports.all()), None) if agreement else None
        signed = agreement is not None and agreement.status in SIGNED
        result.append(Replication(interest, signed, latest, interest.agreement_id in openable))
    return result


def _openable_agreements(user: Any) -> Any:
    from sinergi.agreements.models import Agreement
    from sinergi.agreements.selectors import visible_agreements

    if not getattr(user, "is_authenticated", False):
        return Agreement.objects.public()
    return visible_agreements(user=user)


def interests_for(*, user: Any) -> dict[str, Any]:
    """The "Minat replikasi" page: letters received for the user's regions' innovations and
    letters sent by the user's regions, newest first."""
    regions = visible_regions(user)
    base = ReplicationInterest.objects.select_related("innovation__region", "region", "agreement")
    if user.is_superuser:
        received = sent = base
    else:
        received = base.filter(innovation__region__in=regions)
        sent = base.filter(region__in=regions)
    return {"received": received, "sent": sent}


def pending_count(*, user: Any) -> int:
    """Letters waiting for a decision by a region the user manages."""
    managed = manageable_regions(user)
    return ReplicationInterest.objects.pending().filter(innovation__region__in=managed).count()


def agreement_is_open(interest: ReplicationInterest) -> bool:
    return interest.agreement is not None and interest.agreement.status not in FINAL_STATUSES


@dataclass
class RegionInnovations:
    shared: Sequence[Innovation]  # the region's own (a province: with its regencies'), newest
    shared_count: int
    replicating: list[ReplicationInterest]  # innovations of others it took up (accepted)


PROFILE_LIMIT = 10


def region_innovations(*, user: Any, region: Any) -> RegionInnovations:
    """For the region profile: what the region shares and what it replicates."""
    own = visible_innovations(user=user).filter(Q(region=region) | Q(region__parent=region))
    shared = list(
        own.select_related("region", "affair")
        .defer("region__boundary", "vector")  # polygons and vectors: not shown
        .annotate(replications=_replication_count())
        .order_by("-published_at", "name")[:PROFILE_LIMIT]
    )
    replicating = list(
        ReplicationInterest.objects.accepted()
        .filter(region=region, innovation__status=Innovation.Status.PUBLISHED)
        .select_related("innovation__region", "agreement")
        .order_by("-decided_at")[:PROFILE_LIMIT]
    )
    return RegionInnovations(shared, own.count(), replicating)
