"""Reads of the dashboards: scope, aggregate figures and their cache.

`dashboard_figures` takes the user's scope (`dashboard_scope`: the visible agreements, or one
province of them) and answers with a dict of plain numbers and labels (JSON-ready, cached per
scope key and data version). Every count is computed in the database with a few GROUP BY
queries; Python only sums the groups, never the rows.
"""

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear

from sinergi.accounts.scope import (
    NATIONAL_KEY,
    PROVINCE_KEY_PREFIX,
    scope_key,
    visible_regions,
)
from sinergi.affairs.models import Affair
from sinergi.agreements.models import (
    Agreement,
    AgreementQuerySet,
    Organization,
    Party,
    Status,
)
from sinergi.agreements.selectors import (
    ENDING_SOON,
    IDLE,
    IN_PROCESS,
    AgreementFilters,
    PinnedAgreements,
    apply_filters,
    pin,
    visible_agreements,
)
from sinergi.core.answers import answer, is_storing, stored_answer
from sinergi.core.versions import data_version
from sinergi.dashboards.buckets import (
    ACTIVE_REST,
    STATUS_BUCKETS,
    idle_agreement_ids,
    status_bucket,
)
from sinergi.dashboards.facts import Facts, build_facts
from sinergi.planning.models import AgreementFlag
from sinergi.regions.models import Region, RegionQuerySet

CACHE_PREFIX = "dasbor:v4"  # v4: stored answers compressed (core.answers)
TOP_PARTNERS = 10

# The rows of the status table: each is a value of the list page's status filter, so each
# number links to exactly its agreements. Berlaku includes akan berakhir (and most simbolis).
STATUS_ROWS: dict[str, str] = {
    Status.ACTIVE: "Berlaku",
    ENDING_SOON: "Akan berakhir (≤ 90 hari)",
    IDLE: "Simbolis (tidak ada kegiatan)",
    Status.ENDED: "Berakhir",
    IN_PROCESS: "Dalam proses",
    Status.TERMINATED: "Dibatalkan/diakhiri",
    Status.REJECTED: "Ditolak",
}
STATUS_FILTERS = tuple(str(code) for code in STATUS_ROWS)


@dataclass(frozen=True)
class DashboardFilters:
    """The dashboard's filters; `province` narrows the scope (superuser, national pimpinan)."""

    year_from: int | None = None
    year_to: int | None = None
    affair: str = ""  # affair code, primary or other (as the list page)
    kind: str = ""  # Agreement.Kind
    status: str = ""  # one of STATUS_FILTERS
    province: str = ""  # province code

    def agreement_filters(self) -> AgreementFilters:
        return AgreementFilters(
            affair=self.affair,
            kind=self.kind,
            status=self.status,
            year_from=self.year_from,
            year_to=self.year_to,
        )

    def list_params(self) -> dict[str, str]:
        """The list page's query parameters for the same agreements (empty ones left out)."""
        values = {
            "year_from": self.year_from,
            "year_to": self.year_to,
            "affair": self.affair,
            "kind": self.kind,
            "status": self.status,
            "province": self.province,
        }
        return {k: str(v) for k, v in values.items() if v}


@dataclass
class DashboardScope:
    """What a user's dashboard covers: agreements, regions, and whose partners are "home".

    `key` names the agreements in scope for cache keys (the user's region scope and the
    province picked); the agreements and the home regions are only built when a figure has
    to be computed, so a request answered from the cache runs no query for them."""

    user: Any
    regions: RegionQuerySet
    label: str
    key: str
    province: Region | None = None
    national: bool = False  # every agreement of the country, nothing to narrow

    @cached_property
    def agreements(self) -> AgreementQuerySet:
        agreements = visible_agreements(user=self.user)
        if self.province is not None:
            agreements = agreements.visible_to_regions(self.regions)
        return agreements

    @cached_property
    def home_region_ids(self) -> tuple[int, ...]:
        """The regions whose partners are "top partners" (none for the whole country)."""
        if self.national:
            return ()
        return tuple(sorted(self.regions.values_list("pk", flat=True)))


def province_choices(user: Any) -> RegionQuerySet:
    """Provinces a user may narrow the dashboard to: only worth offering with more than one."""
    return visible_regions(user).provinces()


def dashboard_scope(*, user: Any, province_code: str = "") -> DashboardScope:
    """The user's visible regions, or one province of them when picked (others ignored)."""
    province = province_choices(user).filter(code=province_code).first() if province_code else None
    if province is not None:
        key = f"{scope_key(user)}|{province.code}"
        return DashboardScope(
            user, Region.objects.in_province(province), province.label, key, province
        )
    regions = visible_regions(user)
    if user.is_superuser:
        return DashboardScope(user, regions, "Seluruh Indonesia", scope_key(user), national=True)
    label = user.region.label if user.region else "—"
    return DashboardScope(user, regions, label, scope_key(user))


# --- figures --------------------------------------------------------------------------------


def dashboard_figures(
    scope: DashboardScope, *, filters: DashboardFilters, today: datetime.date
) -> dict[str, Any]:
    """Counts by year, kind, document type, sector and status, top partners and flags.

    The scope's own regions are left out of the top partners. Cached under the scope's key,
    the filters, `today` and the data version (core.versions), so a committed change is
    seen at once."""

    def compute() -> dict[str, Any]:
        if scope.national and filters != DashboardFilters():
            counts = _counts_in_memory(filters, today)
            if counts is not None:
                return _figures(counts)
        pinned = pin(filtered(scope.agreements, filters, today), enabled=not scope.national)
        return _figures(_counts_in_sql(pinned, today, scope.home_region_ids))

    return cached("angka", scope.key, [asdict(filters), today], compute)


def national_facts(today: datetime.date) -> Facts:
    """The whole country's agreements in memory (dashboards.facts) for the current data
    version and `today` (the status buckets move with the date): from the in-process cache,
    the database (stored by the job in dashboards.answers), or built (2 s at 100,000)."""
    return cached(*_FACTS, [today.isoformat()], lambda: build_facts(today))


def ready_national_facts(today: datetime.date) -> Facts | None:
    """`national_facts` when already built (in this process, or stored by the job), else
    None: a request does not build them, which takes longer than computing one filtered
    view in SQL (0.2–0.4 s); the worker does, 60 s after a change (dashboards.answers)."""
    key = _cache_key(*_FACTS, [today.isoformat()], data_version())
    facts: Facts | None = cache.get(key)
    if facts is None:
        facts = stored_answer(key)
        if facts is not None:
            cache.set(key, facts)
    return facts


_FACTS = ("fakta", NATIONAL_KEY)


def cached[T](
    name: str,
    scope: str,
    key_parts: Any,
    compute: Callable[[], T],
    *,
    timeout: Any = DEFAULT_TIMEOUT,
) -> T:
    """`compute()` once per `scope` (`DashboardScope.key`, or "publik" for the public
    register: two scopes with other agreements never share an entry), `key_parts`
    (JSON-able) and data version (one counter raised after every change to agreements,
    parties, warnings, flags: see core.versions). Shared by the dashboard, the network and
    the map.

    The whole country's and the provinces' answers (`_stored`) are also looked up in the
    database, where the job `dashboards.answers` keeps the default views of each version."""
    version = data_version()
    key = _cache_key(name, scope, key_parts, version)
    # The job that stores answers skips its own process's cache: the database must get them.
    value: T | None = None if is_storing() else cache.get(key)
    if value is None:
        value = answer(key, version, compute) if _stored(scope) else compute()
        cache.set(key, value, timeout)
    return value


def _cache_key(name: str, scope: str, key_parts: Any, version: int) -> str:
    parts = [name, scope, key_parts, version]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"{CACHE_PREFIX}:{name}:{digest}"


def _stored(scope: str) -> bool:
    """Scopes whose default views the background job keeps (dashboards.answers): the whole
    country (seconds to compute) and a province's officers (100–270 ms); a region's own
    figures take a few ms and skip the lookup."""
    return scope == NATIONAL_KEY or scope.startswith(PROVINCE_KEY_PREFIX)


def cached_json(name: str, scope: str, key_parts: Any, compute: Callable[[], Any]) -> bytes:
    """`cached` for a JSON endpoint: the encoded body is kept, so that a warm request
    neither unpickles nor encodes the figures again (the country's network is megabytes)."""

    def encode() -> bytes:
        return json.dumps(compute(), ensure_ascii=False, cls=DjangoJSONEncoder).encode()

    return cached(f"{name}.json", scope, key_parts, encode)


def filtered(
    agreements: AgreementQuerySet, filters: DashboardFilters, today: datetime.date
) -> AgreementQuerySet:
    """The scope narrowed by the filters, exactly as the list page narrows it."""
    return apply_filters(agreements, filters.agreement_filters(), today).order_by()


@dataclass
class _Cube:
    years: Counter[int | None] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    doc_types: Counter[str] = field(default_factory=Counter)
    sectors: Counter[int] = field(default_factory=Counter)  # by primary affair id
    idle: int = 0


@dataclass
class _Counts:
    """What the figures are made of: counted in SQL, or in memory for the whole country."""

    cube: _Cube
    other_sectors: Counter[int]  # per affair id: agreements having it as another sector
    partners: list[tuple[int | None, int | None, int]]  # top (region id, org id, count)
    flags: Counter[str]


def _counts_in_sql(
    scoped: PinnedAgreements, today: datetime.date, home: tuple[int, ...]
) -> _Counts:
    return _Counts(
        _cube(scoped.agreements, today),
        _other_sectors(scoped),
        _top_partners(scoped, home),
        _flags(scoped),
    )


def _counts_in_memory(filters: DashboardFilters, today: datetime.date) -> _Counts | None:
    """The whole country's counts from `ready_national_facts`; None if they are not ready
    or the filters are not covered."""
    facts = ready_national_facts(today)
    keep = None if facts is None else facts.select(filters.agreement_filters())
    if facts is None or keep is None:
        return None
    return _Counts(
        _Cube(**facts.cube(keep)),
        facts.other_sectors(keep),
        facts.partner_counts(keep)[:TOP_PARTNERS],
        facts.flag_counts(keep),
    )


def _figures(counts: _Counts) -> dict[str, Any]:
    cube = counts.cube
    years = year_series(cube.years)
    return {
        "total": sum(cube.years.values()),
        "by_year": years,
        "year_summary": year_summary(years),
        "by_kind": _labelled(cube.kinds, Agreement.Kind.choices),
        "by_doc_type": _labelled(cube.doc_types, Agreement.DocType.choices),
        "doc_groups": doc_groups(cube.doc_types),
        "by_sector": _sectors(cube.sectors + counts.other_sectors),
        "by_status": status_rows(cube.statuses, cube.idle),
        "status_buckets": _labelled(cube.statuses, list(STATUS_BUCKETS.items())),
        "top_partners": _partners(counts.partners),
        "flags": _labelled(counts.flags, AgreementFlag.Code.choices, keep_zero=True),
    }


def _cube(scoped: AgreementQuerySet, today: datetime.date) -> _Cube:
    """One GROUP BY year × status bucket × kind × document type × primary sector, summed
    here per dimension: one read of the agreements (a few thousand groups at 100,000 rows)
    instead of one per dimension, each of which reads the whole table."""
    rows = (
        scoped.annotate(year=ExtractYear("signed_on"), bucket=status_bucket(today))
        .values_list("year", "bucket", "kind", "doc_type", "primary_affair_id")
        .annotate(n=Count("*"), idle=Count("pk", filter=Q(pk__in=idle_agreement_ids())))
    )
    cube = _Cube()
    for year, bucket, kind, doc_type, affair_id, n, idle in rows:
        cube.years[year] += n
        cube.statuses[bucket] += n
        cube.kinds[kind] += n
        cube.doc_types[doc_type] += n
        cube.sectors[affair_id] += n
        cube.idle += idle
    return cube


def _other_sectors(scoped: PinnedAgreements) -> Counter[int]:
    """Per affair, the agreements that have it as another sector (not their primary one)."""
    through = Agreement.other_affairs.through.objects
    others = (
        through.filter(scoped.of("agreement_id"))
        .exclude(affair_id=F("agreement__primary_affair_id"))
        .values_list("affair_id")
        .annotate(n=Count("*"))  # the through table holds each (agreement, affair) once
    )
    return Counter(dict(others))


def _sectors(counts: Counter[int]) -> list[dict[str, Any]]:
    """Agreements per sector, primary or other affair: what the list's affair filter finds.

    An agreement with other affairs counts once in each of its sectors."""
    affairs = Affair.objects.in_bulk(list(counts))
    rows = [
        {"code": affairs[pk].code, "label": affairs[pk].name, "count": n}
        for pk, n in counts.items()
        if n and pk in affairs
    ]
    return sorted(rows, key=lambda r: (-r["count"], r["code"]))


def _top_partners(
    scoped: PinnedAgreements, home: tuple[int, ...]
) -> list[tuple[int | None, int | None, int]]:
    """Regions and organisations named as parties most often, the user's own regions apart.

    Grouped by the ids alone (no join per party row)."""
    parties = Party.objects.filter(scoped.of("agreement_id"))
    if home:
        parties = parties.exclude(region_id__in=home)
    return list(
        parties.values_list("region_id", "organization_id")
        .annotate(n=Count("*"))  # a party once per agreement
        # Regions before organisations on a tie, on every database (SQLite sorts NULL first).
        .order_by("-n", F("region_id").asc(nulls_last=True), "organization_id")[:TOP_PARTNERS]
    )


def _partners(top: list[tuple[int | None, int | None, int]]) -> list[dict[str, Any]]:
    """The top partners with their names (read for those ten only)."""
    regions = Region.objects.in_bulk([r for r, _, _ in top if r])
    orgs = Organization.objects.in_bulk([o for _, o, _ in top if o])
    kinds = dict(Organization.Kind.choices)
    rows = []
    for region_id, org_id, n in top:
        if region_id:
            region = regions[region_id]
            rows.append(_partner("wilayah", region.code, region.name, "Wilayah", n, None))
        else:
            org = orgs[org_id]
            group = str(kinds.get(org.kind))
            rows.append(_partner("organisasi", "", org.name, group, n, org.pk))
    return rows


def _partner(
    type_: str, code: str, label: str, group: str, count: int, organization: int | None
) -> dict[str, Any]:
    return {
        "type": type_,
        "code": code,
        "label": label,
        "group": group,
        "count": count,
        "organization": organization,
    }


def _flags(scoped: PinnedAgreements) -> Counter[str]:
    rows = (
        AgreementFlag.objects.filter(scoped.of("agreement_id"))
        .values_list("code")
        .annotate(n=Count("*"))  # a flag once per agreement
    )
    return Counter(dict(rows))


# --- pure helpers (tested directly) ---------------------------------------------------------


def _labelled(
    counts: Counter[Any], choices: Iterable[tuple[Any, Any]], *, keep_zero: bool = False
) -> list[dict[str, Any]]:
    """`[{code, label, count}]` in the choices' order; codes not in the choices are dropped."""
    return [
        {"code": str(code), "label": str(label), "count": counts.get(code, 0)}
        for code, label in choices
        if keep_zero or counts.get(code, 0)
    ]


def doc_groups(doc_types: Counter[str]) -> dict[str, int]:
    """KB-type documents (KB, Nota Kesepakatan, MoU), PKS and addenda counted apart."""
    return {
        "kerangka": sum(doc_types.get(t, 0) for t in Agreement.FRAMEWORK_TYPES),
        "pks": doc_types.get(Agreement.DocType.PKS, 0),
        "adendum": doc_types.get(Agreement.DocType.ADDENDUM, 0),
    }


def status_rows(buckets: Counter[str], idle: int) -> list[dict[str, Any]]:
    """The status table: berlaku (all in force), its parts, and the final states."""
    counts = {
        Status.ACTIVE: buckets[ACTIVE_REST] + buckets[ENDING_SOON],
        ENDING_SOON: buckets[ENDING_SOON],
        IDLE: idle,
        Status.ENDED: buckets[Status.ENDED],
        IN_PROCESS: buckets[IN_PROCESS],
        Status.TERMINATED: buckets[Status.TERMINATED],
        Status.REJECTED: buckets[Status.REJECTED],
    }
    return [
        {"code": str(code), "label": label, "count": counts[code]}
        for code, label in STATUS_ROWS.items()
    ]


def year_series(by_year: Counter[int | None]) -> list[dict[str, Any]]:
    """Signings per year from the first to the last year (gaps as 0), each with its change
    against the year before in percent (None when that year had none). Unsigned ones last."""
    years = [y for y in by_year if y is not None]
    rows: list[dict[str, Any]] = []
    if years:
        previous = None
        for year in range(min(years), max(years) + 1):
            count = by_year.get(year, 0)
            rows.append({"year": year, "count": count, "change_pct": percent(count, previous)})
            previous = count
    if by_year.get(None):
        rows.append({"year": None, "count": by_year[None], "change_pct": None})
    return rows


def percent(count: int, previous: int | None) -> int | None:
    if not previous:
        return None
    return round((count - previous) * 100 / previous)


def year_summary(series: list[dict[str, Any]]) -> str:
    """E.g. "208 pada 2025, naik 108% dari 100 pada 2024" for the latest year of signing."""
    dated = [row for row in series if row["year"] is not None]
    if not dated:
        return "Belum ada kerja sama yang ditandatangani."
    last = dated[-1]
    head = f"{last['count']} pada {last['year']}"
    if len(dated) == 1:
        return f"{head}."
    before = dated[-2]
    if not before["count"]:
        return f"{head}, sedangkan pada {before['year']} tidak ada."
    change = last["change_pct"]
    if change == 0:
        trend = "sama dengan"
    else:
        trend = f"{'naik' if change > 0 else 'turun'} {abs(change)}% dari"
    sentence = f"{head}, {trend} {before['count']} pada {before['year']}"
    if len(dated) > 2:
        most = max(row["count"] for row in dated[:-1])
        sentence += f"; tahun-tahun sebelumnya paling banyak {most}"
    return f"{sentence}."
