"""Reads of the SPM app: the index of a region and year, from its entries or from the field
values published for it (`region_index`), judged by the default scheme."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.http import Http404

from sinergi.accounts.scope import visible_regions
from sinergi.regions.models import Region
from sinergi.spm import computation
from sinergi.spm.computation import Achievement
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
    scheme = default_scheme()
    codes = list(Field.objects.values_list("code", flat=True))
    published = dict(
        FieldValue.objects.filter(region=region, year=year).values_list("field__code", "value")
    )
    if published:
        fields = {code: published.get(code) for code in codes}
        services: list[ServiceResult] = []
    else:
        services = _service_results(region, year, scheme)
        fields = {
            code: computation.mean(s.score for s in services if s.field_code == code)
            for code in codes
        }
    index = computation.mean(fields.values())
    band = scheme.band(index)
    return RegionIndex(
        region.code,
        year,
        index,
        band.name if band else None,
        fields,
        bool(published),
        services,
    )


def _service_results(region: Region, year: int, scheme: computation.Scheme) -> list[ServiceResult]:
    found = _Found(_year_figures(region, year), _scores(region, year), _scores(region, year - 2))
    services = ServiceType.objects.filter(level=region.level).select_related("field")
    return [
        _service_result(service, found, scheme)
        for service in services.prefetch_related("indicators")
    ]


@dataclass
class _Found:
    """A region's entries for one year: counts per indicator id, and the trend scores of
    that year and of two years before (what the trend indicators compare)."""

    figures: dict[int, computation.YearFigure]
    scores: dict[int, Decimal]
    earlier: dict[int, Decimal]


def _service_result(
    service: ServiceType, found: _Found, scheme: computation.Scheme
) -> ServiceResult:
    result = ServiceResult(service.code, service.name, service.field.code, None)
    recipients: list[Achievement] = []
    quality: list[Achievement] = []
    for indicator in service.indicators.all():
        figure = found.figures.get(indicator.pk, computation.YearFigure(None, None, None, ()))
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


def _year_figures(region: Region, year: int) -> dict[int, computation.YearFigure]:
    """Per indicator id: the year's figure from its quarters (counts, not trend scores)."""
    quarters: defaultdict[int, dict[int, tuple[int | None, int | None]]] = defaultdict(dict)
    rows = Entry.objects.filter(region=region, year=year, score__isnull=True).values_list(
        "indicator_id", "quarter", "target_population", "served"
    )
    for indicator, quarter, target, served in rows:
        quarters[indicator][quarter] = (target, served)
    return {pk: computation.year_figure(q) for pk, q in quarters.items()}


def _scores(region: Region, year: int) -> dict[int, Decimal]:
    """The latest quarter's trend score per indicator in `year`."""
    rows = (
        Entry.objects.filter(region=region, year=year, score__isnull=False)
        .order_by("indicator_id", "quarter")
        .values_list("indicator_id", "score")
    )
    return {pk: score for pk, score in rows if score is not None}  # the latest quarter wins


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class Completeness:
    region: str
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
            rows.append(Completeness(region.code, quarter, n, whole, percent, colour))
    return rows
