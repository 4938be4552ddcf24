"""Reads of planning data for pages, exports and the API."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from sinergi.agreements.models import PIPELINE_STATUSES, Agreement, Status
from sinergi.planning import flags as rules
from sinergi.planning.models import (
    AgreementPlan,
    AuthorityRule,
    BudgetLine,
    NomenclatureItem,
    NomenclatureVersion,
)
from sinergi.regions.models import Region

AuthorityIndex = dict[tuple[int, str], AuthorityRule]


def nomenclature_current(year: int) -> NomenclatureVersion | None:
    """The newest version imported for `year` (versions are kept; the newest counts)."""
    return NomenclatureVersion.objects.filter(year=year).order_by("-created_at", "-pk").first()


def nomenclature_versions() -> QuerySet[NomenclatureVersion]:
    return NomenclatureVersion.objects.select_related("created_by").order_by(
        "-year", "-created_at", "-pk"
    )


def nomenclature_is_current(version: NomenclatureVersion) -> bool:
    current = nomenclature_current(version.year)
    return current is not None and current.pk == version.pk


def nomenclature_items(
    *, version: NomenclatureVersion, q: str = "", level: str = ""
) -> QuerySet[NomenclatureItem]:
    items = version.items.select_related("affair").order_by("code")
    if level:
        items = items.filter(level=level)
    q = q.strip()
    if q:
        items = items.filter(Q(code__startswith=q) | Q(name__icontains=q))
    return items


def authority_rules() -> QuerySet[AuthorityRule]:
    return AuthorityRule.objects.select_related("affair").order_by("affair__code", "level")


def authority_index() -> AuthorityIndex:
    return {(r.affair_id, r.level): r for r in authority_rules()}


def live_agreements(today: datetime.date | None = None) -> Any:
    """Agreements whose flags matter: in force today or on their way to signing."""
    today = today or timezone.localdate()
    return Agreement.objects.filter(
        Q(pk__in=Agreement.objects.active(today).values("pk")) | Q(status__in=PIPELINE_STATUSES)
    )


def is_live(agreement: Agreement, today: datetime.date) -> bool:
    status = agreement.current_status(today)
    return status == Status.ACTIVE or status in PIPELINE_STATUSES


def with_planning(agreements: Any) -> Any:
    """What the flag rules read, fetched for many agreements at once."""
    return agreements.select_related("plan", "primary_affair").prefetch_related(
        "other_affairs", "parties__region", "parties__organization", "budget_lines__party"
    )


def plan_of(agreement: Agreement) -> AgreementPlan | None:
    try:
        return agreement.plan
    except AgreementPlan.DoesNotExist:
        return None


def plan_facts(agreement: Agreement, authority: AuthorityIndex) -> rules.PlanFacts:
    """The facts the flag rules judge, from an agreement loaded `with_planning`."""
    plan = plan_of(agreement)
    return rules.PlanFacts(
        start=agreement.start_date or agreement.signed_on,
        end=agreement.end_date,
        rpjmd_priority=plan.rpjmd_priority if plan else "",
        rkpd_year=plan.rkpd_year if plan else None,
        needs_budget=plan.needs_budget if plan else True,
        budgets=[
            rules.BudgetFigure(
                party=str(line.party),
                year=line.fiscal_year,
                allocated=line.allocated,
                realised=line.realised,
                has_code=bool(line.sub_activity_code),
            )
            for line in agreement.budget_lines.all()
        ],
        authority=_findings(agreement, authority),
    )


def _findings(agreement: Agreement, authority: AuthorityIndex) -> list[rules.AuthorityFinding]:
    affairs = [agreement.primary_affair, *agreement.other_affairs.all()]
    regions = [p.region for p in agreement.parties.all() if p.region is not None]
    findings = []
    for region in regions:
        for affair in dict.fromkeys(affairs):
            rule = authority.get((affair.pk, region.level))
            if rule is not None:
                findings.append(_finding(region, affair, rule))
    return findings


def _finding(region: Region, affair: Any, rule: AuthorityRule) -> rules.AuthorityFinding:
    return rules.AuthorityFinding(
        region=region.name,
        level_label=str(Region.Level(region.level).label).lower(),
        affair=f"{affair.code} {affair.name}",
        authority=rule.authority,
        source=rule.source,
        note=rule.note,
    )


@dataclass
class YearTotal:
    year: int
    party: str
    allocated: Decimal
    realised: Decimal

    @property
    def percent(self) -> Decimal | None:
        if not self.allocated:
            return None
        return (self.realised * 100 / self.allocated).quantize(Decimal("0.1"))


def budget_totals(lines: list[BudgetLine]) -> list[YearTotal]:
    """Allocated and realised per fiscal year and party, in year and party order."""
    sums: dict[tuple[int, int, int], list[Any]] = defaultdict(lambda: ["", Decimal(0), Decimal(0)])
    for line in lines:
        entry = sums[(line.fiscal_year, line.party.position, line.party_id)]
        entry[0] = str(line.party)
        entry[1] += line.allocated
        entry[2] += line.realised
    return [
        YearTotal(year=year, party=name, allocated=allocated, realised=realised)
        for (year, _, _), (name, allocated, realised) in sorted(sums.items())
    ]


def low_realisation_percent() -> int:
    return int(settings.LOW_REALISATION_PERCENT)
