"""Reads behind the map: values per region, cooperation lines and third-party partners.

Every function takes an agreements queryset that is ALREADY scoped by the caller
(`visible_agreements(user=...)` for signed-in users, `Agreement.objects.public()` for the
public portal) plus, optionally, `within`: the regions whose figures may be shown. A region's
figures are complete only when all of its agreements are in the queryset, which holds for the
regions in the user's scope; any other region would show a misleading part, so it is left out.
"""

import datetime
import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

import numpy as np
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce

from sinergi.accounts.scope import scope_key, visible_regions
from sinergi.agreements.models import Agreement, Organization, Party, Status
from sinergi.agreements.selectors import (
    AgreementFilters,
    PinnedAgreements,
    apply_filters,
    pin,
    visible_agreements,
)
from sinergi.core.errors import DomainError
from sinergi.core.versions import INNOVATIONS, SPM, data_version
from sinergi.dashboards.buckets import idle_agreement_ids
from sinergi.dashboards.selectors import cached, cached_json, ready_national_facts
from sinergi.maps.boundaries import check_level, region_points
from sinergi.regions.models import Region
from sinergi.spm.models import Band
from sinergi.spm.selectors import index_values, latest_year

ENDING_SOON = "akan_berakhir"
IN_PROCESS = "dalam_proses"
IDLE = "simbolis"
# The choropleth's metrics; the page's selector lists whatever is here. "spm": the Indeks
# Pencapaian SPM of the latest year with SPM figures (`_with_spm`).
METRICS = {
    "jumlah": "Jumlah kerja sama",
    "aktif": "Kerja sama berlaku",
    "simbolis": "Porsi kerja sama berlaku yang simbolis",
    "spm": "Indeks Pencapaian SPM",
    "inovasi": "Inovasi daerah yang diterbitkan",
}
NO_SPM_COLOUR = "#e0e0e0"
SPM_COLOURS = {  # band code → colour, best dark green to "belum tuntas" red
    "paripurna": "#1a7f37",
    "utama": "#5cb85c",
    "madya": "#f0ad4e",
    "muda": "#e67e22",
    "pratama": "#d9534f",
    "belum": "#8b1a1a",
}
# Idle shares come from internal monitoring (alerts.Warning): never on the public map.
PUBLIC_METRICS = ("jumlah", "aktif")
STATUS_CHOICES = [
    *Status.choices,
    (ENDING_SOON, "Akan berakhir (≤ 90 hari)"),
    (IN_PROCESS, "Dalam proses"),
    (IDLE, "Simbolis (tanpa kegiatan)"),
]
# Sequential classes (ColorBrewer Blues), and two greys: none, and outside the user's scope.
COLOURS = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
ZERO_COLOUR = "#f2f2f2"
OUTSIDE_COLOUR = "#d0d0d0"
SHARE_BREAKS = [(0.0, 0.1), (0.1, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0)]


@dataclass(frozen=True)
class MapFilters:
    """The map's filters, with the agreement list's parameter names (so links carry them)."""

    year_from: int | None = None
    year_to: int | None = None
    affair: str = ""  # affair code, primary or other
    kind: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> "MapFilters":
        def year(name: str) -> int | None:
            value = (params.get(name) or "").strip()
            if not value:
                return None
            if not value.isdigit() or not 1900 <= int(value) <= 2200:
                raise DomainError("Tahun harus berupa angka empat digit, misalnya 2025.")
            return int(value)

        status = (params.get("status") or "").strip()
        kind = (params.get("kind") or "").strip()
        if status and status not in dict(STATUS_CHOICES):
            raise DomainError("Status tidak dikenal.")
        if kind and kind not in Agreement.Kind.values:
            raise DomainError("Jenis kerja sama tidak dikenal.")
        affair = (params.get("affair") or "").strip()[:8]
        return cls(year("year_from"), year("year_to"), affair, kind, status)

    def key(self) -> str:
        return "|".join(f"{k}={v}" for k, v in asdict(self).items())

    def as_params(self) -> dict[str, str]:
        """Query parameters for the agreement list (/kerja-sama/?...)."""
        return {k: str(v) for k, v in asdict(self).items() if v not in (None, "")}

    def agreement_filters(self) -> AgreementFilters:
        return AgreementFilters(**asdict(self))

    def apply(self, agreements: Any, today: datetime.date) -> Any:
        """Narrow `agreements` exactly as the agreement list does with the same parameters."""
        return apply_filters(agreements, self.agreement_filters(), today)


@dataclass
class MapScope:
    """The agreements a map shows, and `within`: the regions whose figures are complete
    (None: every region). `key` names them for the cache (`dashboards.selectors.cached`);
    the agreements are only built when figures have to be computed."""

    key: str
    build: Callable[[], Any]
    within: Any = None
    public: bool = False
    pin_ids: bool = False  # a region's or province's agreements: ids read once (`pin`)
    national: bool = False  # every agreement of the country (a superuser)

    @cached_property
    def agreements(self) -> Any:
        return self.build()


def map_scope(user: Any, *, public: bool) -> MapScope:
    """The public register, or the user's scope (figures complete for its regions only)."""
    if public:
        return MapScope("publik", Agreement.objects.public, public=True)
    if user.is_superuser:
        return MapScope(scope_key(user), lambda: visible_agreements(user=user), national=True)
    return MapScope(
        scope_key(user), lambda: visible_agreements(user=user), visible_regions(user), pin_ids=True
    )


def choropleth_values(
    agreements: Any,
    *,
    level: str,
    filters: MapFilters,
    today: datetime.date,
    within: Any = None,
    pin_ids: bool = False,
) -> dict[str, dict[str, Any]]:
    """Per region code of `level`: agreements it owns or is party to (`jumlah`), of which
    in force today (`aktif`), and the share of those with an open idle warning (`simbolis`,
    None without active agreements). Regions of `within` without agreements get zeros.
    `pin_ids`: read the ids of a region's or province's agreements once (`pin`)."""
    check_level(level)
    scoped = pin(filters.apply(agreements, today), enabled=pin_ids)
    found = _region_rows(scoped, level=level, today=today, within=within)
    return _values(found, level=level, within=within)


def _values(
    found: list[tuple[str, dict[str, int]]], *, level: str, within: Any
) -> dict[str, dict[str, Any]]:
    """Rows per region code (`choropleth_values`) from the counts of `_region_rows`."""
    rows: dict[str, dict[str, Any]] = {}
    if within is not None:
        for code in within.filter(level=level).values_list("code", flat=True):
            rows[code] = {"jumlah": 0, "aktif": 0, "simbolis_jumlah": 0}
    for code, counts in found:
        row = rows.setdefault(code, {"jumlah": 0, "aktif": 0, "simbolis_jumlah": 0})
        for name, value in counts.items():
            row[name] += value
    for row in rows.values():
        row["simbolis"] = round(row["simbolis_jumlah"] / row["aktif"], 4) if row["aktif"] else None
    return rows


def _counts(prefix: str, today: datetime.date) -> dict[str, Count]:
    active = Q(**{f"{prefix}status": Status.ACTIVE}) & ~Q(**{f"{prefix}end_date__lte": today})
    # Rows are agreements, or parties grouped by region: a region is a party to an agreement
    # at most once (constraint party_region_once), so no COUNT(DISTINCT …) is needed.
    field = f"{prefix}pk" if prefix else "pk"
    return {
        "jumlah": Count(field),
        "aktif": Count(field, filter=active),
        "simbolis_jumlah": Count(
            field, filter=active & Q(**{f"{prefix}pk__in": idle_agreement_ids()})
        ),
    }


def _region_rows(
    scoped: PinnedAgreements, *, level: str, today: datetime.date, within: Any
) -> list[tuple[str, dict[str, int]]]:
    """Two grouped queries: as a party, and as owner without being a party (a province that
    records an agreement between its regencies). The two sets are disjoint per region."""
    parties = Party.objects.filter(scoped.of("agreement_id"), region__level=level)
    owned = scoped.agreements.order_by().filter(owner_region__level=level)
    owned = owned.exclude(
        Exists(Party.objects.filter(agreement=OuterRef("pk"), region=OuterRef("owner_region")))
    )
    if within is not None:
        parties = parties.filter(region__in=within)
        owned = owned.filter(owner_region__in=within)
    names = ("jumlah", "aktif", "simbolis_jumlah")
    as_party = parties.values_list("region__code").annotate(**_counts("agreement__", today))
    as_owner = owned.values_list("owner_region__code").annotate(**_counts("", today))
    return [
        (code, dict(zip(names, counts, strict=True)))
        for code, *counts in [*as_party.order_by(), *as_owner.order_by()]
    ]


def _region_rows_in_memory(
    filters: MapFilters, *, level: str, today: datetime.date
) -> list[tuple[str, dict[str, int]]] | None:
    """`_region_rows` for the whole country from `ready_national_facts`; None if
    they are not ready or the filters are not covered."""
    facts = ready_national_facts(today)
    keep = None if facts is None else facts.select(filters.agreement_filters())
    if facts is None or keep is None:
        return None
    codes = dict(Region.objects.filter(level=level).values_list("pk", "code"))
    counts = facts.region_counts(keep, np.array(list(codes), dtype=np.int32))
    names = ("jumlah", "aktif", "simbolis_jumlah")
    return [(codes[pk], dict(zip(names, n, strict=True))) for pk, n in counts.items()]


def legend(values: dict[str, dict[str, Any]], metric: str) -> list[dict[str, Any]]:
    """Classes of the choropleth, with Indonesian labels: `min <= value <= max` → `colour`."""
    if metric == "spm":
        return spm_legend()
    if metric == "simbolis":
        return [
            {"min": low, "max": high, "label": f"{low:.0%}–{high:.0%}", "colour": colour}
            for (low, high), colour in zip(SHARE_BREAKS, COLOURS, strict=True)
        ]
    numbers = sorted({int(row[metric]) for row in values.values() if row.get(metric)})
    classes = [{"min": 0, "max": 0, "label": "Tidak ada", "colour": ZERO_COLOUR}]
    for (low, high), colour in zip(_count_breaks(numbers), COLOURS, strict=False):
        label = str(low) if low == high else f"{low}–{high}"
        classes.append({"min": low, "max": high, "label": label, "colour": colour})
    return classes


def spm_legend() -> list[dict[str, Any]]:
    """The default scheme's bands (first: no index), each up to just below the next one."""
    classes = [{"min": -1, "max": -1, "label": "Belum ada data", "colour": NO_SPM_COLOUR}]
    upper = None
    for band in Band.objects.filter(scheme__is_default=True).order_by("-min_score"):
        low, top = float(band.min_score), 100.0 if upper is None else float(upper) - 0.01
        label = (
            f"{band.name} ({_decimal_text(low)}–{_decimal_text(top)})" if top > low else band.name
        )
        colour = SPM_COLOURS.get(band.code, "#6baed6")
        classes.append({"min": low, "max": top, "label": label, "colour": colour})
        upper = band.min_score
    return classes


def _decimal_text(value: float) -> str:
    return f"{value:g}".replace(".", ",")  # 99,99: the Indonesian decimal comma


def _count_breaks(numbers: list[int]) -> list[tuple[int, int]]:
    """Up to five classes of about equal size over the distinct positive values."""
    k = min(len(COLOURS), len(numbers))
    if not k:
        return []
    cuts = [round(i * len(numbers) / k) for i in range(k + 1)]
    breaks, low = [], 1
    for end in cuts[1:]:
        breaks.append((low, numbers[end - 1]))
        low = numbers[end - 1] + 1
    return breaks


def cooperation_lines(scoped: PinnedAgreements, within: Any) -> list[dict[str, Any]]:
    """Pairs of regions that are parties to the same agreements, with how many (`count`),
    each pair once (`a` < `b`), touching `within` when given; ordered by count."""
    # Grouped by region ids (no join to the regions per party row), codes looked up after.
    # One join to the other parties, named once: filtering and grouping on `other` use it.
    pairs = (
        Party.objects.filter(scoped.of("agreement_id"), region__isnull=False)
        .annotate(other=F("agreement__parties__region_id"))
        .filter(other__gt=F("region_id"))
    )
    if within is not None:
        ids = within.values("pk")
        pairs = pairs.filter(Q(region_id__in=ids) | Q(other__in=ids))
    return _lines(list(pairs.values_list("region_id", "other").annotate(n=Count("*")).order_by()))


def _lines(rows: list[tuple[int, int, int]]) -> list[dict[str, Any]]:
    """(region id, other region id, agreements) → lines by region code, most first."""
    # Every region's code (~550 rows): cheaper than an IN list of hundreds of parameters.
    codes = dict(Region.objects.values_list("pk", "code"))
    # A region is a party once per agreement: pairs counted once each. Sorted as tuples
    # (most first, then by codes), then made dicts: thousands of lines for the country.
    ordered = sorted(
        (-n, *((codes[a], codes[b]) if codes[a] < codes[b] else (codes[b], codes[a])))
        for a, b, n in rows
    )
    return [{"a": first, "b": second, "count": -n} for n, first, second in ordered]


def line_points(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Name and (lat, lng) of every region at the end of a line; lat/lng null if unknown."""
    codes = {line["a"] for line in lines} | {line["b"] for line in lines}
    points = region_points()
    names = dict(Region.objects.values_list("code", "name"))  # all ~550: see `_lines`
    result = {}
    for code in sorted(codes):
        lat, lng = points.get(code, (None, None))
        result[code] = {"name": names.get(code, code), "lat": lat, "lng": lng}
    return result


def partner_organizations(scoped: PinnedAgreements) -> list[dict[str, Any]]:
    """Third parties (no coordinates: the map lists them beside it), with agreement counts."""
    rows = (
        Party.objects.filter(scoped.of("agreement_id"), organization__isnull=False)
        .values_list("organization_id")
        .annotate(n=Count("*"))  # an organisation is a party once per agreement
        .order_by()
    )
    return _organizations(dict(rows))


def _organizations(counts: dict[int, int]) -> list[dict[str, Any]]:
    """Organisations by id with their agreement counts → named rows, most first."""
    kinds = dict(Organization.Kind.choices)
    found = Organization.objects.filter(pk__in=list(counts)).values_list("pk", "name", "kind")
    rows = [
        {
            "id": pk,
            "name": name,
            "kind": kind,
            "kind_label": str(kinds.get(kind, "")),
            "count": counts[pk],
        }
        for pk, name, kind in found
    ]
    return sorted(rows, key=lambda r: (-r["count"], r["name"], r["id"]))


def check_metric(metric: str, *, public: bool = False) -> str:
    allowed = PUBLIC_METRICS if public else tuple(METRICS)
    if metric not in allowed:
        raise DomainError("Ukuran peta harus salah satu dari: " + ", ".join(allowed) + ".")
    return metric


def map_values(
    scope: MapScope, *, level: str, metric: str, filters: MapFilters, today: datetime.date
) -> dict[str, Any]:
    """The choropleth's JSON: per region code its figures and `value` (the chosen metric),
    the legend, and `complete` (true: a region missing from `values` has none; false: it is
    outside the user's scope). Cached (`sinergi.dashboards.selectors.cached`)."""
    return cached("nilai", scope.key, *_values_job(scope, level, metric, filters, today))


@dataclass(frozen=True)
class ValueRow:
    """One line of the table beside the map (and of its CSV/XLSX): what the region's
    colour says, in numbers, for people who cannot see the colours."""

    code: str
    name: str
    jumlah: int | None  # None: outside the user's scope (not every agreement is known)
    aktif: int | None
    simbolis: float | None  # share of those in force; None without any in force
    value: float | int | None


VALUE_HEADERS = ["kode_wilayah", "nama_wilayah", "jumlah_kerja_sama", "berlaku", "porsi_simbolis"]


def value_rows(
    scope: MapScope,
    *,
    level: str,
    province: str,
    metric: str,
    filters: MapFilters,
    today: datetime.date,
) -> list[ValueRow]:
    """Every region of `level` (in `province` when given) with its figures, highest value
    first: the regions in scope with none show 0; those outside it, no number."""
    # The JSON body the map fetches next: computed (or found) once for the page and the map.
    body = map_values_json(scope, level=level, metric=metric, filters=filters, today=today)
    data = json.loads(body)
    regions = Region.objects.filter(level=level)
    if province:
        regions = regions.filter(Q(code=province) | Q(parent__code=province))
    inside = None if scope.within is None else set(scope.within.values_list("code", flat=True))
    rows = []
    for code, name in regions.values_list("code", "name"):
        shown = data["values"].get(code)
        if inside is not None and code not in inside:
            rows.append(ValueRow(code, name, None, None, None, None))
        elif shown is None:
            empty = None if metric in ("simbolis", "spm") else 0
            rows.append(ValueRow(code, name, 0, 0, None, empty))
        else:
            share = shown.get("simbolis")
            rows.append(
                ValueRow(code, name, shown["jumlah"], shown["aktif"], share, shown["value"])
            )
    return sorted(rows, key=lambda r: (r.value is None, -(r.value or 0), r.name))


def map_values_json(
    scope: MapScope, *, level: str, metric: str, filters: MapFilters, today: datetime.date
) -> bytes:
    """`map_values` encoded, cached as the response body (`cached_json`)."""
    return cached_json("nilai", scope.key, *_values_job(scope, level, metric, filters, today))


def _values_job(
    scope: MapScope, level: str, metric: str, filters: MapFilters, today: datetime.date
) -> tuple[list[Any], Callable[[], dict[str, Any]]]:
    """The cache key parts and the computation of `map_values` (checked first)."""
    check_level(level)
    public, within = scope.public, scope.within
    check_metric(metric, public=public)

    def compute() -> dict[str, Any]:
        found = None
        if scope.national and filters != MapFilters():
            found = _region_rows_in_memory(filters, level=level, today=today)
        if found is None:
            rows = choropleth_values(
                scope.agreements,
                level=level,
                filters=filters,
                today=today,
                within=within,
                pin_ids=scope.pin_ids,
            )
        else:
            rows = _values(found, level=level, within=within)
        label = METRICS[metric]
        if metric == "spm":
            label = f"{label} {_with_spm(rows, level, within) or '(belum ada data)'}"
        if metric == "inovasi":
            _with_innovations(rows, level, within)
        values = {code: _shown(row, metric, public) for code, row in sorted(rows.items())}
        return {
            "level": level,
            "metric": metric,
            "metric_label": label,
            "complete": within is None,
            "values": values,
            "legend": legend(rows, metric),
            "outside_colour": OUTSIDE_COLOUR,
            "filters": filters.as_params(),
        }

    parts: list[Any] = [level, metric, filters.key(), today.isoformat()]
    if metric == "spm":  # SPM figures change apart from agreements: their own version
        parts.append(data_version(SPM))
    if metric == "inovasi":  # so do innovations
        parts.append(data_version(INNOVATIONS))
    return parts, compute


def _with_spm(rows: dict[str, dict[str, Any]], level: str, within: Any) -> int | None:
    """Add each region's SPM index of the latest year (`spm`, None without one) to `rows`;
    return that year."""
    year = latest_year()
    regions = Region.objects.filter(level=level)
    if within is not None:
        regions = regions.filter(pk__in=within.values("pk"))
    indices = index_values(regions=regions, year=year) if year else {}
    for code, index in indices.items():
        row = rows.setdefault(code, {"jumlah": 0, "aktif": 0, "simbolis_jumlah": 0})
        row["spm"] = None if index is None else float(index)
        row.setdefault("simbolis", None)
    for row in rows.values():
        row.setdefault("spm", None)
    return year


def _with_innovations(rows: dict[str, dict[str, Any]], level: str, within: Any) -> None:
    """Add each region's published innovations (`inovasi`) to `rows`; a province counts its
    own and its regencies' and cities'."""
    from sinergi.innovations.models import Innovation

    published = Innovation.objects.published()
    if within is not None:
        published = published.filter(region__in=within)
    if level == Region.Level.PROVINCE:
        codes = published.values_list(Coalesce("region__parent__code", "region__code"))
    else:
        codes = published.filter(region__level=level).values_list("region__code")
    counts = Counter(code for (code,) in codes)
    for code, count in counts.items():
        row = rows.setdefault(code, {"jumlah": 0, "aktif": 0, "simbolis_jumlah": 0})
        row["inovasi"] = count
        row.setdefault("simbolis", None)
    for row in rows.values():
        row.setdefault("inovasi", 0)


def _shown(row: dict[str, Any], metric: str, public: bool) -> dict[str, Any]:
    shown = {"value": row[metric], "jumlah": row["jumlah"], "aktif": row["aktif"]}
    if not public:
        shown |= {"simbolis": row["simbolis"], "simbolis_jumlah": row["simbolis_jumlah"]}
    return shown


def map_lines(scope: MapScope, *, filters: MapFilters, today: datetime.date) -> dict[str, Any]:
    """Lines between cooperating regions, the name and point of each end, and the third
    parties (no coordinates) with their counts. Cached (`sinergi.dashboards.selectors.cached`)."""
    return cached("garis", scope.key, *_lines_job(scope, filters, today))


def map_lines_json(scope: MapScope, *, filters: MapFilters, today: datetime.date) -> bytes:
    """`map_lines` encoded, cached as the response body (`cached_json`)."""
    return cached_json("garis", scope.key, *_lines_job(scope, filters, today))


def _lines_job(
    scope: MapScope, filters: MapFilters, today: datetime.date
) -> tuple[list[Any], Callable[[], dict[str, Any]]]:
    def compute() -> dict[str, Any]:
        found = None
        if scope.national and filters != MapFilters():
            found = _lines_in_memory(filters, today)
        if found is None:
            scoped = pin(filters.apply(scope.agreements, today), enabled=scope.pin_ids)
            found = cooperation_lines(scoped, scope.within), partner_organizations(scoped)
        lines, organizations = found
        return {
            "lines": lines,
            "points": line_points(lines),
            "organizations": organizations,
            "filters": filters.as_params(),
        }

    return [filters.key(), today.isoformat()], compute


def _lines_in_memory(
    filters: MapFilters, today: datetime.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    """The whole country's lines and third parties from `ready_national_facts`; None
    if they are not ready or the filters are not covered."""
    facts = ready_national_facts(today)
    keep = None if facts is None else facts.select(filters.agreement_filters())
    if facts is None or keep is None:
        return None
    return _lines(facts.pair_counts(keep)), _organizations(facts.organization_counts(keep))
