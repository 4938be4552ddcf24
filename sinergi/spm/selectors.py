"""Reads of the SPM app: the index of a region and year, from its entries or from the field
values published for it (`region_index`), judged by the default scheme."""

import dataclasses
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q
from django.http import Http404

from sinergi.accounts.scope import visible_regions
from sinergi.core.kept import kept_under
from sinergi.core.versions import SPM
from sinergi.regions.models import Region
from sinergi.spm import computation
from sinergi.spm.computation import Achievement, YearFigure
from sinergi.spm.models import Entry, Field, FieldValue, Indicator, Scheme, ServiceType


@dataclass
class ServiceResult:
    code: str
    name: str
    field_code: str
    score: Decimal | None
    indicators: dict[str, Achievement] = field(default_factory=dict)  # by indicator code
    missing_quarters: dict[str, tuple[int, ...]] = field(default_factory=dict)


@dataclass
class RegionIndex:
    region: str
    year: int
    index: Decimal | None
    category: str | None
    fields: dict[str, Decimal | None]  # by field code, every field
    published: bool  # from published field values, not computed from entries
    services: list[ServiceResult] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The shape of `manage.py spm_index --json` and of the API."""
        return {
            "region": self.region,
            "year": self.year,
            "index": _number(self.index),
            "category": self.category,
            "fields": {code: _number(value) for code, value in self.fields.items()},
        }


def spm_region_get_for_user(*, user: Any, code: str) -> Region:
    """A region whose SPM figures `user` may see (their visible regions), else 404."""
    region = visible_regions(user).filter(code=code.strip()).first()
    if region is None:
        raise Http404("Wilayah tidak ditemukan atau di luar cakupan Anda.")
    return region


def default_scheme() -> computation.Scheme:
    scheme = Scheme.objects.prefetch_related("bands").get(is_default=True)
    return computation.Scheme(
        recipients_weight=scheme.recipients_weight,
        quality_weight=scheme.quality_weight,
        bands=tuple(computation.Band(b.code, b.name, b.min_score) for b in scheme.bands.all()),
        source=scheme.source,
    )


def region_index(*, region: Region, year: int) -> RegionIndex:
    """The region's index for `year`: from the field values published for it when there are
    any, else computed from its entries (indicator → service type → field → region)."""
    return region_indices(regions=[region], year=year)[0]


# The indices of a set of regions are kept a day under the SPM data version, which every
# change raises: the whole country's ranking computes 552 indices from ~90,000 figures (over
# a second at national size). One entry per set (a user's regions, one region), not one per
# region: the cache culls beyond a few hundred entries.
INDEX_CACHE_SECONDS = 24 * 60 * 60


def region_indices(
    *, regions: Iterable[Region], year: int, services: bool = True
) -> list[RegionIndex]:
    """`region_index` of each region, from a fixed number of queries however many.
    `services=False`: without the per-service results (rankings and maps need only the
    indices; reading the country's services back from the cache alone took 130 ms)."""
    regions = list(regions)
    ids = ",".join(str(r.pk) for r in regions)
    digest = hashlib.sha256(ids.encode()).hexdigest()[:32]

    def compute() -> list[RegionIndex]:
        found = _computed_indices(regions, year)
        if services:
            return found
        return [dataclasses.replace(result, services=[]) for result in found]

    key = f"{year}:{digest}:{int(services)}"
    return kept_under("spm-indeks", key, [SPM], compute, timeout=INDEX_CACHE_SECONDS)


def _computed_indices(regions: list[Region], year: int) -> list[RegionIndex]:
    ids = [r.pk for r in regions]
    scheme = default_scheme()
    codes = list(Field.objects.values_list("code", flat=True))
    published: defaultdict[int, dict[str, Decimal]] = defaultdict(dict)
    rows = FieldValue.objects.filter(region_id__in=ids, year=year)
    for region_id, code, value in rows.values_list("region_id", "field__code", "value"):
        published[region_id][code] = value
    figures, scores, earlier = _year_figures(ids, year), _scores(ids, year), _scores(ids, year - 2)
    services = ServiceType.objects.select_related("field").prefetch_related("indicators")
    by_level: defaultdict[str, list[tuple[ServiceType, list[Indicator]]]] = defaultdict(list)
    for service in services:
        # The indicators listed once: a related manager per region and service cost more
        # than the computation at national size.
        by_level[service.level].append((service, list(service.indicators.all())))
    results = []
    for region in regions:
        if published[region.pk]:
            fields = {code: published[region.pk].get(code) for code in codes}
            found: list[ServiceResult] = []
        else:
            seen = _Found(figures[region.pk], scores[region.pk], earlier[region.pk])
            found = [_service_result(s, i, seen, scheme) for s, i in by_level[region.level]]
            fields = {code: _field_score(found, code) for code in codes}
        index = computation.mean(fields.values())
        band = scheme.band(index)
        name = band.name if band else None
        results.append(
            RegionIndex(region.code, year, index, name, fields, bool(published[region.pk]), found)
        )
    return results


def _field_score(services: list[ServiceResult], code: str) -> Decimal | None:
    return computation.mean(s.score for s in services if s.field_code == code)


@dataclass
class _Found:
    """A region's entries for one year: counts per indicator id, and the trend scores of
    that year and of two years before (what the trend indicators compare)."""

    figures: dict[int, computation.YearFigure]
    scores: dict[int, Decimal]
    earlier: dict[int, Decimal]


def _service_result(
    service: ServiceType, indicators: list[Indicator], found: _Found, scheme: computation.Scheme
) -> ServiceResult:
    result = ServiceResult(service.code, service.name, service.field.code, None)
    recipients: list[Achievement] = []
    quality: list[Achievement] = []
    for indicator in indicators:
        figure = found.figures.get(indicator.pk, _NO_FIGURE)
        if indicator.kind == Indicator.Kind.TREND:
            value = computation.trend_achievement(
                current=found.scores.get(indicator.pk),
                two_years_before=found.earlier.get(indicator.pk),
            )
        else:
            value = computation.achievement(served=figure.served, target=figure.target)
        result.indicators[indicator.code] = value
        (recipients if indicator.kind == Indicator.Kind.RECIPIENTS else quality).append(value)
        if figure.missing_quarters:
            result.missing_quarters[indicator.code] = figure.missing_quarters
    result.score = computation.service_score(recipients, quality, scheme)
    return result


_NO_FIGURE = computation.YearFigure(None, None, None, ())


def _year_figures(ids: list[int], year: int) -> defaultdict[int, dict[int, YearFigure]]:
    """Per region and indicator id: the year's figure from its quarters (counts only)."""
    quarters: defaultdict[tuple[int, int], dict[int, tuple[int | None, int | None]]]
    quarters = defaultdict(dict)
    rows = Entry.objects.filter(region_id__in=ids, year=year, score__isnull=True).values_list(
        "region_id", "indicator_id", "quarter", "target_population", "served"
    )
    for region, indicator, quarter, target, served in rows:
        quarters[(region, indicator)][quarter] = (target, served)
    figures: defaultdict[int, dict[int, YearFigure]] = defaultdict(dict)
    for (region, indicator), by_quarter in quarters.items():
        figures[region][indicator] = computation.year_figure(by_quarter)
    return figures


def _scores(ids: list[int], year: int) -> defaultdict[int, dict[int, Decimal]]:
    """Per region: the latest quarter's trend score per indicator in `year`."""
    rows = (
        Entry.objects.filter(region_id__in=ids, year=year, score__isnull=False)
        .order_by("region_id", "indicator_id", "quarter")
        .values_list("region_id", "indicator_id", "score")
    )
    scores: defaultdict[int, dict[int, Decimal]] = defaultdict(dict)
    for region, indicator, score in rows:
        if score is not None:
            scores[region][indicator] = score  # the latest quarter wins
    return scores


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class Completeness:
    region: str  # the region's label: "Kota Samarinda (64.72)"
    quarter: int
    filled: int  # indicators with a figure in that quarter
    expected: int  # indicators of the region's level
    percent: Decimal
    colour: str


def completeness(*, regions: Any, year: int) -> list[Completeness]:
    """Keterisian per region of `regions` and quarter of `year`: the share of the indicators
    of its level that have a figure (counts, or a score), coloured by the default scheme."""
    scheme = Scheme.objects.get(is_default=True)
    expected = dict(
        Indicator.objects.values_list("service__level").annotate(n=Count("*")).order_by()
    )
    filled = Counter(
        Entry.objects.filter(region__in=regions, year=year)
        .filter(Q(target_population__isnull=False, served__isnull=False) | Q(score__isnull=False))
        .values_list("region_id", "quarter")
    )
    rows = []
    for region in regions.order_by("code"):
        for quarter in range(1, 5):
            n, whole = filled[(region.pk, quarter)], expected.get(region.level, 0)
            percent = computation.share(n, whole)
            colour = computation.completeness_colour(
                percent, green=scheme.complete_green, yellow=scheme.complete_yellow
            )
            rows.append(Completeness(region.label, quarter, n, whole, percent, colour))
    return rows


def latest_year() -> int | None:
    """The latest year with any SPM figure or published field index."""
    years = [
        Entry.objects.aggregate(y=Max("year"))["y"],
        FieldValue.objects.aggregate(y=Max("year"))["y"],
    ]
    present = [y for y in years if y is not None]
    return max(present) if present else None


def index_values(*, regions: Any, year: int) -> dict[str, Decimal | None]:
    """Index per region code (the map's SPM colours)."""
    found = list(regions.defer("boundary").order_by("code"))
    return {
        r.code: res.index
        for r, res in zip(
            found, region_indices(regions=found, year=year, services=False), strict=True
        )
    }


def index_trend(*, region: Region, year: int, years: int = 5) -> list[tuple[int, Decimal | None]]:
    """The region's index in each of the `years` years up to `year` (None: no figures)."""
    return [
        (y, region_index(region=region, year=y).index) for y in range(year - years + 1, year + 1)
    ]
