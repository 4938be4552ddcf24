"""Comparing regions' SPM indices: ranking, each province with its regencies/cities, and the
gaps between cities and regencies, border and other regions, underdeveloped and other
regions (overall and per field): where basic services lag (issue #6)."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sinergi.regions.models import Region
from sinergi.spm import computation
from sinergi.spm.selectors import RegionIndex, region_indices


@dataclass(frozen=True)
class Ranked:
    region: Region
    result: RegionIndex


@dataclass(frozen=True)
class Gap:
    """Mean index of two groups of regencies/cities and the difference (first − second)."""

    label: str
    first: str
    second: str
    first_mean: Decimal | None
    second_mean: Decimal | None
    first_count: int
    second_count: int
    by_field: dict[str, Decimal | None]  # per field code: first mean − second mean

    @property
    def gap(self) -> Decimal | None:
        if self.first_mean is None or self.second_mean is None:
            return None
        return self.first_mean - self.second_mean


@dataclass(frozen=True)
class Province:
    region: Region
    own: Decimal | None  # the province government's own index
    regencies: Decimal | None  # mean of its regencies/cities with an index
    counted: int


@dataclass(frozen=True)
class Comparison:
    year: int
    ranking: list[Ranked]  # highest index first; regions without one last
    provinces: list[Province]
    gaps: list[Gap]


GROUPS: list[tuple[str, str, str, Callable[[Region], bool]]] = [
    ("Kota dan kabupaten", "Kota", "Kabupaten", lambda r: r.kind == Region.Kind.CITY),
    ("Perbatasan", "Bukan perbatasan", "Perbatasan", lambda r: not r.is_border),
    ("Daerah tertinggal", "Bukan tertinggal", "Tertinggal", lambda r: not r.is_underdeveloped),
]


def comparison(*, regions: Any, year: int) -> Comparison:
    regions = list(regions.order_by("code"))
    results = region_indices(regions=regions, year=year, services=False)
    ranked = [Ranked(r, res) for r, res in zip(regions, results, strict=True)]
    ranking = sorted(ranked, key=lambda x: (x.result.index is None, -(x.result.index or 0)))
    local = [x for x in ranked if x.region.level == Region.Level.REGENCY]
    return Comparison(year, ranking, _provinces(ranked, local), [_gap(g, local) for g in GROUPS])


def _provinces(ranked: list[Ranked], local: list[Ranked]) -> list[Province]:
    rows = []
    for item in ranked:
        if item.region.level != Region.Level.PROVINCE:
            continue
        mine = [x.result.index for x in local if x.region.parent_id == item.region.pk]
        present = [v for v in mine if v is not None]
        rows.append(
            Province(item.region, item.result.index, computation.mean(present), len(present))
        )
    return rows


def _gap(group: tuple[str, str, str, Callable[[Region], bool]], local: list[Ranked]) -> Gap:
    label, first, second, in_first = group
    ones = [x.result for x in local if in_first(x.region)]
    others = [x.result for x in local if not in_first(x.region)]
    codes = list(local[0].result.fields) if local else []
    by_field = {code: _difference(ones, others, code) for code in codes}
    return Gap(
        label,
        first,
        second,
        computation.mean(r.index for r in ones),
        computation.mean(r.index for r in others),
        sum(r.index is not None for r in ones),
        sum(r.index is not None for r in others),
        by_field,
    )


def _difference(ones: list[RegionIndex], others: list[RegionIndex], code: str) -> Decimal | None:
    first = computation.mean(r.fields[code] for r in ones)
    second = computation.mean(r.fields[code] for r in others)
    return None if first is None or second is None else first - second
