"""Performance of each perangkat daerah (OPD) as implementer of agreements (Party.agencies).

For a year, up to its end (or today while it runs), over the signed agreements whose
parties the OPD implements:
- reports on time: reporting periods whose counted monev report was sent by the due date;
- obligations met: obligations of the parties it implements, done, of those due so far;
- indicator achievement: mean achievement of the agreements' indicators (as scoring.py);
- budget realisation: realised / allocated of its parties' budget lines of the year.
The composite score is the weighted mean of the figures that exist (WEIGHTS, shown on the
page). Everything is read in a few queries for all OPDs at once.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import Http404

from sinergi.accounts.scope import visible_regions
from sinergi.agencies.models import Agency
from sinergi.agreements.models import Agreement, Party
from sinergi.agreements.models import Status as AgreementStatus
from sinergi.evaluations import sources
from sinergi.evaluations.scoring import (
    Result,
    Weighted,
    achievement,
    budget_score,
    number,
    percent,
    rounded,
    weighted_total,
)
from sinergi.monitoring.models import Obligation
from sinergi.planning.models import BudgetLine

WEIGHTS = {"reports": 25, "obligations": 25, "indicators": 30, "budget": 20}
LABELS = {
    "reports": "Laporan tepat waktu",
    "obligations": "Kewajiban dipenuhi",
    "indicators": "Capaian indikator",
    "budget": "Realisasi anggaran",
}
SIGNED = (AgreementStatus.ACTIVE, AgreementStatus.ENDED, AgreementStatus.TERMINATED)


@dataclass
class AgreementLine:
    agreement: Agreement
    reports_on_time: int = 0
    reports_due: int = 0
    indicator_values: list[Decimal] = field(default_factory=list)


@dataclass
class AgencyPerformance:
    agency: Agency
    year: int
    agreements: list[AgreementLine] = field(default_factory=list)
    obligations_done: int = 0
    obligations_due: int = 0
    allocated: Decimal = Decimal(0)
    realised: Decimal = Decimal(0)
    budget_lines: int = 0
    rank: int | None = None
    parts: dict[str, Result] = field(default_factory=dict)
    composite: Decimal | None = None
    composite_basis: str = ""

    @property
    def reports_on_time(self) -> int:
        return sum(a.reports_on_time for a in self.agreements)

    @property
    def reports_due(self) -> int:
        return sum(a.reports_due for a in self.agreements)

    @property
    def indicator_values(self) -> list[Decimal]:
        return [v for a in self.agreements for v in a.indicator_values]


def _share(done: int, due: int, what: str, empty: str) -> Result:
    if not due:
        return Result(None, f"Belum ada data: {empty}.")
    value = percent(done, due)
    return Result(value, f"{done} dari {due} {what} = {number(value)}.")


def score(p: AgencyPerformance) -> None:
    """Fill the four figures with their basis and the composite."""
    grace = settings.REPORT_GRACE_DAYS
    values = p.indicator_values
    p.parts = {
        "reports": _share(
            p.reports_on_time,
            p.reports_due,
            f"laporan monev diajukan paling lambat {grace} hari setelah periodenya",
            "belum ada periode laporan yang jatuh tempo",
        ),
        "obligations": _share(
            p.obligations_done,
            p.obligations_due,
            "kewajiban yang jatuh tempo sudah dipenuhi",
            "belum ada kewajiban yang jatuh tempo",
        ),
        "indicators": (
            Result(
                rounded(sum(values, Decimal(0)) / len(values)),
                f"Rata-rata capaian {len(values)} indikator yang sudah dilaporkan = "
                f"{number(rounded(sum(values, Decimal(0)) / len(values)))}.",
            )
            if values
            else Result(None, "Belum ada data: belum ada realisasi indikator.")
        ),
        "budget": budget_score(p.allocated, p.realised, p.budget_lines, p.year),
    }
    total = weighted_total([Weighted(LABELS[k], WEIGHTS[k], r.value) for k, r in p.parts.items()])
    p.composite, p.composite_basis = total.value, total.basis


def agencies_in_scope(user: Any) -> Any:
    return Agency.objects.in_regions(visible_regions(user)).select_related("region")


def _pairs(agency_ids: list[int]) -> list[tuple[int, int, int]]:
    """(agency, party, agreement) for the alive agreements an OPD implements."""
    through = Party.agencies.through.objects.filter(
        agency_id__in=agency_ids, party__agreement__deleted_at=None
    )
    return list(through.values_list("agency_id", "party_id", "party__agreement_id"))


def _agreement_lines(ids: set[int], year: int, until: datetime.date) -> dict[int, AgreementLine]:
    agreements = (
        Agreement.objects.filter(pk__in=ids)
        .select_related("owner_region")
        .defer("search_document", "search_stems", "owner_region__boundary")
    )
    reports = sources.sent_reports(ids)
    figures = sources.indicator_figures(ids, sources.year_end(year))
    lines = {}
    for a in agreements:
        line = AgreementLine(a)
        if a.status in SIGNED:
            deadlines = sources.report_deadlines(a, reports.get(a.pk, []), until)
            line.reports_due = len(deadlines)
            line.reports_on_time = sum(d.on_time for d in deadlines)
            line.indicator_values = [
                achievement(f.target, f.realised, f.higher_is_better)
                for f in figures.get(a.pk, [])
                if f.realised is not None
            ]
        lines[a.pk] = line
    return lines


def _add_obligations(
    result: dict[int, AgencyPerformance], parties: dict[int, set[int]], until: datetime.date
) -> None:
    rows = Obligation.objects.filter(
        party_id__in=set().union(*parties.values()), due_date__lte=until
    ).values_list("party_id", "done_at")
    by_party: dict[int, list[bool]] = defaultdict(list)
    for party_id, done_at in rows:
        by_party[party_id].append(done_at is not None)
    for agency_id, party_ids in parties.items():
        flags = [done for pid in party_ids for done in by_party.get(pid, [])]
        result[agency_id].obligations_due = len(flags)
        result[agency_id].obligations_done = sum(flags)


def _add_budget(
    result: dict[int, AgencyPerformance], parties: dict[int, set[int]], year: int
) -> None:
    rows = BudgetLine.objects.filter(
        party_id__in=set().union(*parties.values()), fiscal_year=year
    ).values_list("party_id", "allocated", "realised")
    by_party: dict[int, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    for party_id, allocated, realised in rows:
        by_party[party_id].append((allocated, realised))
    for agency_id, party_ids in parties.items():
        lines = [line for pid in party_ids for line in by_party.get(pid, [])]
        p = result[agency_id]
        p.budget_lines = len(lines)
        p.allocated = sum((a for a, _ in lines), Decimal(0))
        p.realised = sum((r for _, r in lines), Decimal(0))


def performance(
    agencies: list[Agency], year: int, today: datetime.date | None = None
) -> list[AgencyPerformance]:
    """The figures of `agencies` that implement at least one agreement, ranked."""
    until = sources.cutoff(year, today)
    pairs = _pairs([a.pk for a in agencies])
    parties: dict[int, set[int]] = defaultdict(set)
    agreement_ids: dict[int, set[int]] = defaultdict(set)
    for agency_id, party_id, agreement_id in pairs:
        parties[agency_id].add(party_id)
        agreement_ids[agency_id].add(agreement_id)
    if not pairs:
        return []
    lines = _agreement_lines(set().union(*agreement_ids.values()), year, until)
    result = {a.pk: AgencyPerformance(a, year) for a in agencies if a.pk in parties}
    for agency_id, ids in agreement_ids.items():
        result[agency_id].agreements = sorted(
            (lines[i] for i in ids if i in lines), key=lambda line: line.agreement.title
        )
    _add_obligations(result, parties, until)
    _add_budget(result, parties, year)
    return rank(list(result.values()))


def rank(items: list[AgencyPerformance]) -> list[AgencyPerformance]:
    for item in items:
        score(item)
    items.sort(key=lambda p: (p.composite is None, -(p.composite or 0), p.agency.name))
    for index, item in enumerate(items, 1):
        item.rank = index if item.composite is not None else None
    return items


def agency_ranking(
    *, user: Any, year: int, today: datetime.date | None = None
) -> list[AgencyPerformance]:
    return performance(list(agencies_in_scope(user)), year, today)


def agency_performance_get(
    *, user: Any, pk: int, year: int, today: datetime.date | None = None
) -> AgencyPerformance:
    """One OPD's figures (rank within its scope); 404 outside the user's regions."""
    agency = agencies_in_scope(user).filter(pk=pk).first()
    if agency is None:
        raise Http404("Perangkat daerah tidak ditemukan.")
    found = next(
        (p for p in agency_ranking(user=user, year=year, today=today) if p.agency.pk == pk), None
    )
    if found is None:
        empty = AgencyPerformance(agency, year)
        score(empty)
        return empty
    return found
