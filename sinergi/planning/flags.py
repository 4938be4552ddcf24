"""The planning and budget flags of an agreement as pure rules over plain facts (no database).

Each rule returns a flag with a sentence that names the figures behind it, so the TKKSD can
act on it without opening a spreadsheet. services.flags_refresh gathers the facts and stores
the flags.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

NOT_PLANNED = "belum_direncanakan"
NOT_BUDGETED = "belum_dianggarkan"
NO_AUTHORITY = "kewenangan_tidak_sesuai"
LOW_REALISATION = "realisasi_rendah"
NONE, PARTIAL = "tidak", "sebagian"
# Realisation of the current year is judged from April: the first quarter's budget is
# seldom spent, so earlier every agreement would be "low".
FIRST_JUDGED_MONTH = 4


@dataclass(frozen=True)
class BudgetFigure:
    party: str
    year: int
    allocated: Decimal
    realised: Decimal
    has_code: bool = False


@dataclass(frozen=True)
class AuthorityFinding:
    region: str
    level_label: str
    affair: str  # "3.28 Kehutanan"
    authority: str  # penuh / sebagian / tidak
    source: str
    note: str = ""


@dataclass(frozen=True)
class PlanFacts:
    start: datetime.date | None = None  # start date, else the signing date
    end: datetime.date | None = None
    rpjmd_priority: str = ""
    rkpd_year: int | None = None
    needs_budget: bool = True
    budgets: list[BudgetFigure] = field(default_factory=list)
    authority: list[AuthorityFinding] = field(default_factory=list)


@dataclass(frozen=True)
class Flag:
    code: str
    explanation: str


def evaluate(facts: PlanFacts, *, today: datetime.date, low_percent: int) -> list[Flag]:
    """Every flag that applies to a live agreement (in force or in the pipeline) today."""
    found = [
        not_planned(facts),
        not_budgeted(facts, today),
        no_authority(facts),
        low_realisation(facts, today, low_percent),
    ]
    return [flag for flag in found if flag is not None]


def not_planned(facts: PlanFacts) -> Flag | None:
    if facts.rpjmd_priority.strip() or facts.rkpd_year or any(b.has_code for b in facts.budgets):
        return None
    return Flag(
        NOT_PLANNED,
        "Belum dikaitkan dengan dokumen perencanaan: tidak ada prioritas RPJMD, tahun RKPD, "
        "maupun kode sub-kegiatan pada anggaran.",
    )


def in_force_during(facts: PlanFacts, year: int) -> bool:
    """In force at least one day of `year`; on its end date an agreement has ended."""
    if facts.start is None:
        return False
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return facts.start <= last and (facts.end is None or facts.end > first)


def not_budgeted(facts: PlanFacts, today: datetime.date) -> Flag | None:
    year = today.year
    if not facts.needs_budget or not in_force_during(facts, year):
        return None
    allocated = sum((b.allocated for b in facts.budgets if b.year == year), Decimal(0))
    if allocated > 0:
        return None
    return Flag(
        NOT_BUDGETED,
        f"Kerja sama berlaku pada tahun {year} dan memerlukan anggaran daerah, tetapi belum "
        f"ada pihak yang mencatat pagu tahun {year} (pagu tercatat Rp 0).",
    )


def no_authority(facts: PlanFacts) -> Flag | None:
    lacking = [f for f in facts.authority if f.authority == NONE]
    if not lacking:
        return None
    return Flag(NO_AUTHORITY, " ".join(_authority_sentence(f) for f in lacking))


def _authority_sentence(f: AuthorityFinding) -> str:
    note = f" Catatan: {f.note}" if f.note else ""
    return (
        f"{f.region} ({f.level_label}) tidak berwenang atas urusan {f.affair} "
        f"menurut {f.source}.{note}"
    )


def authority_cautions(facts: PlanFacts) -> list[str]:
    """'sebagian' raises no flag, but the planning page asks to check the sub-urusan."""
    return [
        f"{f.region} ({f.level_label}) hanya berwenang atas sebagian sub-urusan {f.affair} "
        f"({f.source}). {f.note}".strip()
        for f in facts.authority
        if f.authority == PARTIAL
    ]


def low_realisation(facts: PlanFacts, today: datetime.date, percent: int) -> Flag | None:
    sentences = [
        _low_sentence(party, year, allocated, realised, threshold)
        for (party, year), (allocated, realised) in sorted(_totals(facts.budgets).items())
        if (threshold := _threshold(year, today, percent)) is not None
        and allocated > 0
        and realised * 100 < threshold * allocated
    ]
    if not sentences:
        return None
    return Flag(LOW_REALISATION, " ".join(sentences))


def _threshold(year: int, today: datetime.date, percent: int) -> Decimal | None:
    """The lowest acceptable realisation (%) of `year` as of today; None: not judged yet."""
    if year < today.year:
        return Decimal(percent)
    if year > today.year or today.month < FIRST_JUDGED_MONTH:
        return None
    elapsed = today.month - 1  # whole months gone
    return Decimal(percent) * elapsed / 12


def _totals(budgets: Iterable[BudgetFigure]) -> dict[tuple[str, int], tuple[Decimal, Decimal]]:
    totals: dict[tuple[str, int], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for b in budgets:
        totals[(b.party, b.year)][0] += b.allocated
        totals[(b.party, b.year)][1] += b.realised
    return {key: (a, r) for key, (a, r) in totals.items()}


def _low_sentence(
    party: str, year: int, allocated: Decimal, realised: Decimal, threshold: Decimal
) -> str:
    share = realised * 100 / allocated
    return (
        f"{party} tahun {year}: realisasi {rupiah(realised)} dari pagu {rupiah(allocated)} "
        f"({percent_text(share)}), di bawah batas {percent_text(threshold)}."
    )


def rupiah(value: Decimal) -> str:
    return "Rp " + f"{value:,.0f}".replace(",", ".")


def percent_text(value: Decimal) -> str:
    # Rounded down: 49.99% must not read as the 50% it fell short of.
    return f"{value.quantize(Decimal('0.1'), rounding=ROUND_DOWN)}".replace(".", ",") + "%"
