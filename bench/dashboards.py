"""Dashboards, network and map data (issue #5): cold and warm cache, beside raw SQL.

Each case is one URL requested as one persona through Django's test client. Cold: the cache
is emptied before every timed request, so the request computes its aggregates; the region
points of the map's lines (from the boundaries, the same for every user and cached for a
day) are put back before the clock starts, as the boundary GeoJSON is not what is measured.
Warm: the same request again and again with its entry in the cache (only the data-version
queries run). Every cold request alternates with the hand-written SQL of bench/raw.py for
the same numbers, which are checked equal to the response's once per case.

On an existing bench database (`BENCH_KEEP_DB=1 make bench`, or a database made by a
previous run): `DATABASE_URL=.../sinergi_bench .venv/bin/python -m bench.dashboards_only`
measures only these cases and prints the table (nothing written).
"""

import datetime
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from bench.raw import RawAggregates
from bench.scenarios import Persona, ensure
from bench.timing import Sample, Stats, slowest, timed

WARMUP = 2
IDLE_SHARE, RESOLVED_SHARE, FLAG_SHARE = 0.12, 0.03, 0.15


@dataclass(frozen=True)
class Case:
    group: str  # dasbor, jejaring, peta
    name: str
    url: str
    query: tuple[tuple[str, str], ...] = ()

    @property
    def params(self) -> dict[str, str]:
        return dict(self.query)


@dataclass
class Result:
    case: Case
    persona: str
    size: str  # what the response holds, e.g. "1,234 edges"
    runs: int
    cold: Stats
    cold_db: Stats
    cold_queries: int
    warm: Stats
    warm_db: Stats
    warm_queries: int
    raw: Stats
    statements: list[tuple[str, float]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.cold_db.p50 / self.raw.p50


def cases() -> list[Case]:
    health = (("affair", "1.02"),)
    return [
        Case("dasbor", "figures", "/api/v1/dasbor"),
        Case("dasbor", "figures, affair=1.02", "/api/v1/dasbor", health),
        Case("jejaring", "network", "/dasbor/jejaring/data.json"),
        Case("peta", "values kabupaten_kota, jumlah", "/peta/nilai.json",
             (("tingkat", "kabupaten_kota"), ("metrik", "jumlah"))),
        Case("peta", "lines", "/peta/garis.json"),
        Case("jejaring", "network, affair=1.02", "/dasbor/jejaring/data.json", health),
        Case("peta", "values kabupaten_kota, jumlah, affair=1.02", "/peta/nilai.json",
             (("tingkat", "kabupaten_kota"), ("metrik", "jumlah"), *health)),
        Case("peta", "lines, affair=1.02", "/peta/garis.json", health),
    ]  # fmt: skip


# --- data the dashboards read beyond the agreements ------------------------------------------


def add_monitoring(rng: random.Random) -> dict[str, int]:
    """Open "simbolis" warnings on some agreements in force (a few already resolved) and
    planning flags on others, as the daily jobs would leave them."""
    from sinergi.agreements.models import Agreement
    from sinergi.alerts.models import Warning
    from sinergi.planning.models import AgreementFlag

    today = timezone.localdate()
    active = list(Agreement.objects.active(today).order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    warnings, flags = [], []
    for pk in active:
        draw = rng.random()
        if draw < IDLE_SHARE + RESOLVED_SHARE:
            warnings.append(_idle_warning(pk, today, now if draw >= IDLE_SHARE else None))
        if rng.random() < FLAG_SHARE:
            code = rng.choice(AgreementFlag.Code.values)
            flags.append(AgreementFlag(agreement_id=pk, code=code, explanation="Data benchmark."))
    Warning.objects.bulk_create(warnings, batch_size=2000)
    AgreementFlag.objects.bulk_create(flags, batch_size=2000)
    with connection.cursor() as cursor:  # as after the agreements' load
        cursor.execute("VACUUM ANALYZE alerts_warning, planning_agreementflag")
    return {"warnings": len(warnings), "flags": len(flags)}


def _idle_warning(pk: int, today: datetime.date, resolved: datetime.datetime | None) -> Any:
    from sinergi.alerts.models import Warning

    return Warning(
        agreement_id=pk,
        kind=Warning.Kind.IDLE,
        key="simbolis",
        message="Tidak ada kegiatan tercatat.",
        next_step="Periksa pelaksanaan kerja sama.",
        first_seen=today - datetime.timedelta(days=30),
        last_seen=today,
        resolved_at=resolved,
    )


# --- measuring -------------------------------------------------------------------------------


def run_all(
    people: list[Persona], selected: list[Case], runs: int, national_runs: int | None = None
) -> list[Result]:
    """`national_runs` (default `runs`) for the whole-country persona, whose cold requests
    take seconds: fewer of them keep the whole benchmark under twenty minutes."""
    national = runs if national_runs is None else national_runs
    results = [
        measure(p, c, runs if p.scope is not None else national) for c in selected for p in people
    ]
    return results + _with_stored_answers(people, selected, national)


def _with_stored_answers(people: list[Persona], selected: list[Case], runs: int) -> list[Result]:
    """Every persona again once the background job has stored the default views of the
    country and of each province (dashboards.answers): cold requests of those read one row;
    filtered ones still compute. `runs` cold requests each (they are quick, but for the
    filtered national case)."""
    from sinergi.dashboards.answers import default_answers_store

    job, _ = timed(default_answers_store)
    return [
        measure(Persona(f"{p.name}, jawaban tersimpan (job {job.seconds:.1f} s)", p.user,
                        p.client, p.scope), c, runs, stored=True)
        for c in selected
        for p in people
    ]  # fmt: skip


def measure(persona: Persona, case: Case, runs: int, *, stored: bool = False) -> Result:
    today = timezone.localdate()
    raw = RawAggregates(persona.scope, case.params, today)
    url = _url(case)
    expected = _raw_numbers(case, _raw_rows(case, raw, persona))
    _cold(stored)
    response = persona.client.get(url)
    ensure(response.status_code == 200, f"{url}: HTTP {response.status_code}")
    body = response.json()
    shown = _shown_numbers(case, body)
    ensure(shown == expected, f"{url} ({persona.name}): other numbers than the raw SQL")
    cold, raw_samples = [], []
    for run in range(WARMUP + runs):
        _cold(stored)
        sample, response = timed(lambda: persona.client.get(url))
        raw_sample, _ = timed(lambda: _raw_rows(case, raw, persona))
        ensure(response.status_code == 200, f"{url}: HTTP {response.status_code}")
        if run >= WARMUP:
            cold.append(sample)
            raw_samples.append(raw_sample)
    warm = [timed(lambda: persona.client.get(url))[0] for _ in range(WARMUP + max(runs, 20))]
    return _result(persona, case, _size(case, body), cold, warm[WARMUP:], raw_samples)


def _url(case: Case) -> str:
    from urllib.parse import urlencode

    return f"{case.url}?{urlencode(case.params)}" if case.query else case.url


def _cold(stored: bool = False) -> None:
    """An empty cache, but for the region points of the map (the boundaries' centroids);
    without the stored national answers unless `stored`."""
    from sinergi.core.models import StoredAnswer
    from sinergi.maps.boundaries import region_points

    cache.clear()
    if not stored:
        StoredAnswer.objects.all().delete()
    region_points()


def _result(
    persona: Persona,
    case: Case,
    size: str,
    cold: list[Sample],
    warm: list[Sample],
    raw: list[Sample],
) -> Result:
    return Result(
        case=case,
        persona=persona.name,
        size=size,
        runs=len(cold),
        cold=Stats.of([s.seconds for s in cold]),
        cold_db=Stats.of([s.db_seconds for s in cold]),
        cold_queries=max(s.queries for s in cold),
        warm=Stats.of([s.seconds for s in warm]),
        warm_db=Stats.of([s.db_seconds for s in warm]),
        warm_queries=max(s.queries for s in warm),
        raw=Stats.of([s.seconds for s in raw]),
        statements=slowest(cold),
    )


def _size(case: Case, body: dict[str, Any]) -> str:
    if case.group == "dasbor":
        return f"{body['total']:,} agreements"
    if case.group == "jejaring":
        return f"{len(body['nodes']):,} nodes, {len(body['edges']):,} edges"
    if "values" in body:
        return f"{len(body['values']):,} regions"
    return f"{len(body['lines']):,} lines, {len(body['organizations']):,} third parties"


# --- the same numbers from the response and from the raw SQL ---------------------------------
# Zero counts are left out on both sides: the endpoints list some categories (years without
# signings, flags, regions in scope) with 0 where the GROUP BY has no row.


def _shown_numbers(case: Case, body: dict[str, Any]) -> Any:
    shown: dict[str, Callable[[dict[str, Any]], Any]] = {
        "dasbor": _shown_figures,
        "jejaring": _shown_network,
        "peta": _shown_map,
    }
    return shown[case.group](body)


def _raw_rows(case: Case, raw: RawAggregates, persona: Persona) -> Any:
    """The raw SQL's rows: what is timed (turning them into the numbers is not)."""
    if case.group == "dasbor":
        return raw.figures(persona.scope or [])
    if case.group == "jejaring":
        return raw.network()
    if case.url.endswith("nilai.json"):
        return raw.region_values(case.params["tingkat"], persona.scope)
    return raw.lines(persona.scope)


def _raw_numbers(case: Case, rows: Any) -> Any:
    if case.group == "dasbor":
        return _raw_figures(rows)
    if case.group == "jejaring":
        return _raw_network(rows)
    if case.url.endswith("nilai.json"):
        return _raw_values(rows)
    return _raw_lines(rows)


def _nonzero(rows: list[dict[str, Any]], key: str = "code") -> dict[Any, int]:
    return {row[key]: row["count"] for row in rows if row["count"]}


def _shown_figures(body: dict[str, Any]) -> dict[str, Any]:
    statuses = {row["code"]: row["count"] for row in body["by_status"]}
    return {
        "total": body["total"],
        "years": _nonzero(body["by_year"], "year"),
        "buckets": _nonzero(body["status_buckets"]),
        "idle": statuses["simbolis"],
        "kinds": _nonzero(body["by_kind"]),
        "doc_types": _nonzero(body["by_doc_type"]),
        "sectors": _nonzero(body["by_sector"]),
        "partners": [(p["code"] or p["label"], p["count"]) for p in body["top_partners"]],
        "flags": _nonzero(body["flags"]),
    }


def _raw_figures(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, Any]:
    from sinergi.affairs.models import Affair
    from sinergi.agreements.models import Organization
    from sinergi.regions.models import Region

    figures: dict[str, Counter[Any]] = {
        k: Counter() for k in ("years", "buckets", "kinds", "doc_types", "sectors")
    }
    idle = 0
    for year, bucket, kind, doc_type, affair, n, n_idle in rows["cube"]:
        for name, value in zip(figures, (year, bucket, kind, doc_type, affair), strict=True):
            figures[name][value] += n
        idle += n_idle
    figures["sectors"].update(dict(rows["other_sectors"]))
    affairs = dict(Affair.objects.values_list("pk", "code"))
    regions = dict(Region.objects.values_list("pk", "code"))
    orgs = dict(Organization.objects.values_list("pk", "name"))
    return {
        "total": sum(figures["years"].values()),
        "years": dict(figures["years"]),
        "buckets": dict(figures["buckets"]),
        "idle": idle,
        "kinds": dict(figures["kinds"]),
        "doc_types": dict(figures["doc_types"]),
        "sectors": {affairs[pk]: n for pk, n in figures["sectors"].items()},
        "partners": [(regions[r] if r else orgs[o], n) for r, o, n in rows["partners"]],
        "flags": dict(rows["flags"]),
    }


def _shown_network(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "edges": {
            frozenset((e["source"], e["target"])): (e["count"], e["by_status"])
            for e in body["edges"]
        },
        "nodes": {n["id"]: n["agreements"] for n in body["nodes"]},
    }


def _raw_network(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, Any]:
    from sinergi.regions.models import Region

    codes = dict(Region.objects.values_list("pk", "code"))

    def public(key: str) -> str:
        return f"r:{codes[int(key[1:])]}" if key.startswith("r") else key

    edges: dict[frozenset[str], tuple[int, Counter[str]]] = {}
    for a, b, _affair, bucket, n in rows["pairs"]:
        pair = frozenset((public(a), public(b)))
        count, statuses = edges.get(pair, (0, Counter()))
        statuses[bucket] += n
        edges[pair] = (count + n, statuses)
    return {
        "edges": {pair: (n, dict(sorted(s.items()))) for pair, (n, s) in edges.items()},
        "nodes": {public(k): n for k, n, _orgs in rows["nodes"]},
    }


def _shown_map(body: dict[str, Any]) -> Any:
    if "values" in body:
        return {
            code: (v["jumlah"], v["aktif"], v["simbolis_jumlah"])
            for code, v in body["values"].items()
            if v["jumlah"]
        }
    return {
        "lines": [(line["a"], line["b"], line["count"]) for line in body["lines"]],
        "organizations": [(o["name"], o["kind"], o["count"]) for o in body["organizations"]],
    }


def _raw_values(rows: list[tuple[Any, ...]]) -> dict[str, tuple[int, int, int]]:
    values: dict[str, tuple[int, int, int]] = {}
    for code, n, active, idle in rows:
        before = values.get(code, (0, 0, 0))
        values[code] = (before[0] + n, before[1] + active, before[2] + idle)
    return values


def _raw_lines(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, Any]:
    return {name: [tuple(row) for row in found] for name, found in rows.items()}
