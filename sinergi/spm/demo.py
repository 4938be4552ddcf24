"""Demo SPM figures for the Kalimantan regions (`is_demo`, notes "DATA DEMO"): invented but
plausible, with cities ahead of regencies and border or underdeveloped regions behind, so
the gap pages have something to show. Idempotent: skipped when demo figures exist."""

import random
from typing import Any

from sinergi.core.versions import SPM, bump_data_version
from sinergi.regions.models import Region
from sinergi.spm.models import Entry, Indicator

DEMO_YEAR = 2025
NOTE = "DATA DEMO — angka rekaan untuk uji coba"


def seed_demo() -> int:
    """Create the demo figures of DEMO_YEAR (quarters cumulative); returns rows created."""
    if Entry.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(2025)  # noqa: S311 (demo figures, not secrets)
    indicators = list(Indicator.objects.select_related("service"))
    regions = Region.objects.kalimantan().order_by("code")
    rows = [
        entry
        for region in regions
        for indicator in indicators
        if indicator.service.level == region.level
        for entry in _entries(region, indicator, rng)
    ]
    Entry.objects.bulk_create(rows, batch_size=1000)
    bump_data_version(SPM)  # bulk inserts send no signals
    return len(rows)


def _rate(region: Region, rng: random.Random) -> float:
    """A region's usual share served: cities ahead, border and underdeveloped regions behind."""
    base = 0.9 if region.kind == Region.Kind.CITY else 0.78
    if region.is_border:
        base -= 0.15
    if region.is_underdeveloped:
        base -= 0.12
    return max(0.3, min(1.0, base + rng.uniform(-0.08, 0.08)))


def _entries(region: Region, indicator: Indicator, rng: random.Random) -> list[Entry]:
    rate = _rate(region, rng)
    if indicator.kind == Indicator.Kind.TREND:
        before = round(rng.uniform(45, 70), 2)
        return [
            _entry(region, indicator, DEMO_YEAR - 2, 4, score=before),
            _entry(region, indicator, DEMO_YEAR, 4, score=round(before + rng.uniform(-3, 6), 2)),
        ]
    target = rng.randint(20, 4000)
    # Quarters reported so far: most regions all four, some stopped after two or three.
    last = rng.choice((2, 3, 4, 4, 4))
    return [
        _entry(region, indicator, DEMO_YEAR, q, target=target, served=int(target * rate * q / 4))
        for q in range(1, last + 1)
    ]


def _entry(region: Region, indicator: Indicator, year: int, quarter: int, **figures: Any) -> Entry:
    return Entry(
        region=region,
        indicator=indicator,
        year=year,
        quarter=quarter,
        target_population=figures.get("target"),
        served=figures.get("served"),
        score=figures.get("score"),
        notes=NOTE,
        is_demo=True,
    )
