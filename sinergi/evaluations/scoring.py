"""The computed criteria of the rubric, the weighted total and the category.

Pure functions over plain figures (sources.py reads them from the database): each returns
the score with the figures it used, in words a reviewer can check ("3 dari 4 tonggak ...").
No data gives no score (None), never a zero: a zero would punish what nobody recorded.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# Lower bounds of each category, best first (Evaluation.Category values).
CATEGORY_THRESHOLDS = ((Decimal(85), "sangat_baik"), (Decimal(70), "baik"), (Decimal(55), "cukup"))
LOWEST_CATEGORY = "kurang"
CATEGORY_LABELS = {
    "sangat_baik": "Sangat baik",
    "baik": "Baik",
    "cukup": "Cukup",
    "kurang": "Kurang (perlu ditinjau)",
}


@dataclass(frozen=True)
class Result:
    value: Decimal | None
    basis: str


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    return rounded(Decimal(part) * HUNDRED / Decimal(whole))


def number(value: Decimal | int | None) -> str:
    """Indonesian notation: 1.234.567,89 (no decimals when whole)."""
    if value is None:
        return "—"
    value = Decimal(value)
    text = f"{value:,.2f}" if value != value.to_integral_value() else f"{value:,.0f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def capped(value: Decimal) -> Decimal:
    return min(max(value, Decimal(0)), HUNDRED)


# --- timeliness -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A milestone or a reporting period: when it was due and when it was done (if ever)."""

    due: datetime.date
    done: datetime.date | None

    @property
    def on_time(self) -> bool:
        return self.done is not None and self.done <= self.due


def timeliness_score(
    milestones: Sequence[Deadline], reports: Sequence[Deadline], grace_days: int
) -> Result:
    total = len(milestones) + len(reports)
    if not total:
        return Result(
            None,
            "Belum ada data: belum ada tonggak atau periode laporan monev yang jatuh tempo "
            "sampai akhir tahun evaluasi.",
        )
    on_milestones = sum(m.on_time for m in milestones)
    on_reports = sum(r.on_time for r in reports)
    value = percent(on_milestones + on_reports, total)
    basis = (
        f"{on_milestones} dari {len(milestones)} tonggak selesai paling lambat pada batas "
        f"waktunya; {on_reports} dari {len(reports)} laporan monev diajukan paling lambat "
        f"{grace_days} hari setelah periodenya berakhir; "
        f"{on_milestones + on_reports} dari {total} tepat waktu = {number(value)}."
    )
    return Result(value, basis)


# --- indicators -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFigure:
    name: str
    unit: str
    target: Decimal
    realised: Decimal | None  # the latest counted realisation, None when never reported
    higher_is_better: bool = True


def achievement(target: Decimal, realised: Decimal, higher_is_better: bool) -> Decimal:
    """Share of the target reached, 0–100. For a lower-is-better indicator (e.g. waiting
    days) reaching the target or below is 100, above it target/realised."""
    if higher_is_better:
        if target <= 0:
            return HUNDRED if realised >= target else Decimal(0)
        return rounded(capped(realised * HUNDRED / target))
    if realised <= target:
        return HUNDRED
    return rounded(capped(target * HUNDRED / realised))


def indicator_score(figures: Sequence[IndicatorFigure]) -> Result:
    measured = [(f, f.realised) for f in figures if f.realised is not None]
    if not measured:
        reason = "belum ada indikator" if not figures else "belum ada realisasi indikator"
        return Result(None, f"Belum ada data: {reason} dari laporan monev yang diajukan.")
    parts = []
    total = Decimal(0)
    for f, realised in measured:
        value = achievement(f.target, realised, f.higher_is_better)
        total += value
        direction = "" if f.higher_is_better else ", makin rendah makin baik"
        parts.append(
            f"{f.name}: {number(realised)} dari target {number(f.target)} {f.unit}"
            f"{direction} → {number(value)}"
        )
    value = rounded(total / len(measured))
    basis = f"Rata-rata capaian {len(measured)} indikator = {number(value)}. " + "; ".join(parts)
    missing = len(figures) - len(measured)
    if missing:
        basis += f". {missing} indikator belum ada realisasinya dan tidak dihitung"
    return Result(value, basis + ".")


# --- budget ---------------------------------------------------------------------------------


def budget_score(allocated: Decimal, realised: Decimal, lines: int, year: int) -> Result:
    if not lines or allocated <= 0:
        return Result(None, f"Belum ada data: belum ada pagu anggaran kerja sama tahun {year}.")
    raw = percent(realised, allocated)
    value = min(raw, HUNDRED)
    basis = (
        f"Realisasi Rp {number(realised)} dari pagu Rp {number(allocated)} "
        f"({lines} baris anggaran tahun {year}) = {number(raw)}%"
    )
    if raw > HUNDRED:
        basis += ", dibatasi 100"
    return Result(value, basis + ".")


# --- total and category ---------------------------------------------------------------------


@dataclass(frozen=True)
class Weighted:
    name: str
    weight: int
    value: Decimal | None


@dataclass(frozen=True)
class Total:
    value: Decimal | None
    category: str  # an Evaluation.Category value, "" without a total
    basis: str


def category_for(total: Decimal) -> str:
    for bound, category in CATEGORY_THRESHOLDS:
        if total >= bound:
            return category
    return LOWEST_CATEGORY


def weighted_total(items: Sequence[Weighted]) -> Total:
    """Weighted mean of the scored criteria only; says which ones are left out."""
    scored = [(i, i.value) for i in items if i.value is not None and i.weight > 0]
    weight = sum(i.weight for i, _ in scored)
    if not weight:
        return Total(
            None, "", "Belum ada kriteria yang bernilai; nilai akhir belum dapat dihitung."
        )
    value = rounded(sum((i.weight * v for i, v in scored), Decimal(0)) / weight)
    all_weight = sum(i.weight for i in items)
    basis = (
        f"Nilai akhir {number(value)} = rata-rata berbobot {len(scored)} dari {len(items)} "
        f"kriteria (bobot {weight} dari {all_weight})."
    )
    unscored = [i.name for i in items if i.value is None]
    if unscored:
        basis += f" Belum bernilai, tidak dihitung: {', '.join(unscored)}."
    return Total(value, category_for(value), basis)


def weakest(items: Sequence[Weighted], count: int = 2) -> list[Weighted]:
    scored = [i for i in items if i.value is not None]
    return sorted(scored, key=lambda i: (i.value, i.name))[:count]


def summary(items: Sequence[Weighted]) -> str:
    """The reasons behind the category, in one paragraph for the page and the report."""
    total = weighted_total(items)
    if total.value is None:
        return total.basis
    low = ", ".join(f"{i.name} ({number(i.value)})" for i in weakest(items))
    return f"Kategori {CATEGORY_LABELS[total.category]}. {total.basis} Kriteria terlemah: {low}."
