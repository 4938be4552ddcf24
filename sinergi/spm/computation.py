"""SPM arithmetic, without the database: indicator achievement, the year's figure from the
quarters, the index of a service type, a field and a region, and its category band.

The rules (domain.md §2.4): achievement = served / target population × 100; a service type
combines its recipient indicators and its quality indicators with weights (80/20 by default);
fields average their service types, a region its fields; the category comes from bands.
Weights and bands are configuration with their source (`Scheme`, from the database), never
constants here. Decisions where the regulation is silent or unverified:
- a target population of 0 means nobody to serve: the indicator counts as met (100);
- above 100% is shown as entered but counts as 100 in every average;
- quarters are cumulative (as e-SPM reports them): the year's figure is the latest quarter
  entered, and quarters before it that are missing are reported, not guessed;
- a family or a level without any figure is left out and the weights of the others are
  scaled up, so a missing figure never counts as 0 (completeness shows it instead).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class Status:
    FILLED = "terisi"
    NO_TARGET = "tanpa_sasaran"  # target population 0: counts as met
    EMPTY = "kosong"


@dataclass(frozen=True)
class Achievement:
    value: Decimal | None  # percent as entered (may exceed 100); None when empty
    status: str

    @property
    def counted(self) -> Decimal | None:
        """What averages use: capped at 100; None when there is no figure."""
        return None if self.value is None else min(self.value, HUNDRED)


def achievement(*, served: int | None, target: int | None) -> Achievement:
    if served is None or target is None:
        return Achievement(None, Status.EMPTY)
    if target == 0:
        return Achievement(HUNDRED, Status.NO_TARGET)
    return Achievement(_round(Decimal(served) * HUNDRED / Decimal(target)), Status.FILLED)


def trend_achievement(*, current: Decimal | None, two_years_before: Decimal | None) -> Achievement:
    """The education quality outcome ("meningkat dari hasil dua tahun sebelumnya"): met (100)
    when the score rose against two years before, else not met (0)."""
    if current is None or two_years_before is None:
        return Achievement(None, Status.EMPTY)
    return Achievement(HUNDRED if current > two_years_before else Decimal(0), Status.FILLED)


@dataclass(frozen=True)
class YearFigure:
    target: int | None
    served: int | None
    quarter: int | None  # the latest quarter entered
    missing_quarters: tuple[int, ...]  # quarters before it without figures


def year_figure(quarters: Mapping[int, tuple[int | None, int | None]]) -> YearFigure:
    """`quarters`: {1..4: (target population, served)}, cumulative within the year."""
    entered = sorted(q for q, figures in quarters.items() if None not in figures)
    if not entered:
        return YearFigure(None, None, None, ())
    latest = entered[-1]
    missing = tuple(q for q in range(1, latest) if q not in entered)
    target, served = quarters[latest]
    return YearFigure(target, served, latest, missing)


@dataclass(frozen=True)
class Band:
    code: str
    name: str
    min_score: Decimal  # a score at or above it (and below the next band up) is in this band


@dataclass(frozen=True)
class Scheme:
    recipients_weight: Decimal
    quality_weight: Decimal
    bands: tuple[Band, ...]
    source: str

    def band(self, score: Decimal | None) -> Band | None:
        if score is None:
            return None
        for band in sorted(self.bands, key=lambda b: b.min_score, reverse=True):
            if score >= band.min_score:
                return band
        return None


def service_score(
    recipients: Iterable[Achievement], quality: Iterable[Achievement], scheme: Scheme
) -> Decimal | None:
    """One service type: the weighted recipient and quality means (families without any
    figure left out, the other weight scaled up)."""
    parts = [
        (scheme.recipients_weight, mean(a.counted for a in recipients)),
        (scheme.quality_weight, mean(a.counted for a in quality)),
    ]
    present = [(weight, value) for weight, value in parts if value is not None]
    total = sum((weight for weight, _ in present), Decimal(0))
    if not present or not total:
        return None
    return _round(sum((weight * value for weight, value in present), Decimal(0)) / total)


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """The mean of the values that are there, rounded to 0.01; None when none are."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return _round(sum(present, Decimal(0)) / len(present))


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Colour:
    GREEN = "hijau"
    YELLOW = "kuning"
    RED = "merah"
    BLACK = "hitam"


def completeness_colour(percent: Decimal, *, green: Decimal, yellow: Decimal) -> str:
    """Keterisian: hijau from `green`, kuning from `yellow`, merah above 0, hitam at 0."""
    if percent >= green:
        return Colour.GREEN
    if percent >= yellow:
        return Colour.YELLOW
    return Colour.RED if percent > 0 else Colour.BLACK


def share(part: int, whole: int) -> Decimal:
    """`part` of `whole` in percent (0 when there is no whole)."""
    return _round(Decimal(part) * HUNDRED / whole) if whole else Decimal(0)
