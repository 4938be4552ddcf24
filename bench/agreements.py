"""Agreements benchmark (issue #3): list, search and API times beside raw SQL, growth from
1,000 agreements to the full size, and the register import rate.

    url=$(PG_BASE=/tmp/sinergi-pg-bench bash scripts/pg-cluster.sh start)
    DATABASE_URL=$url .venv/bin/python -m bench.agreements

DATABASE_URL names any database of a private cluster: the benchmark creates (and at the end
drops) its own database `sinergi_bench` there. `make bench` does all of this.

Environment: BENCH_AGREEMENTS (default 100000), BENCH_RUNS (timed requests per case, 50),
BENCH_IMPORT_ROWS (10000; 0 skips the import), BENCH_KEEP_DB=1 keeps the database for
EXPLAIN, BENCH_OUTPUT (default docs/benchmarks.md), BENCH_DASHBOARD_RUNS (timed cold requests
per dashboard/map case, 20) and BENCH_NATIONAL_RUNS (the same for the superuser, whose cold
requests take seconds, 8; bench/dashboards.py), BENCH_PAGE_RUNS (timed requests per case
of bench/pages.py, 30), BENCH_PARTS (what to measure, comma-separated, default all:
lists, dashboards, pages, import).

Issue #11: besides the agreements, the data set holds monitoring reports, SPM figures and
innovations (bench/national.py), generated for the first 1,000 agreements and again for the
rest, so that the pages of bench/pages.py are measured at both sizes.
"""

import dataclasses
import datetime
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from bench import database

GROWTH_SIZE = 1000
SEED = 20250601


def main() -> None:
    cluster_url = os.environ.get("DATABASE_URL", "")
    if not cluster_url.startswith("postgres"):
        sys.exit("DATABASE_URL must point to a PostgreSQL cluster (scripts/pg-cluster.sh start)")
    size = int(os.environ.get("BENCH_AGREEMENTS", "100000"))
    runs = int(os.environ.get("BENCH_RUNS", "50"))
    database.start_django(database.recreate(cluster_url))
    try:
        run = _run(size, runs, int(os.environ.get("BENCH_IMPORT_ROWS", "10000")))
    finally:
        if os.environ.get("BENCH_KEEP_DB") != "1":
            database.drop(cluster_url)
    _write(run)


PARTS = ("lists", "dashboards", "pages", "import")


def _run(size: int, runs: int, import_rows: int) -> Any:
    from bench import dashboards, national, pages, report, scenarios

    started, load = time.perf_counter(), os.getloadavg()
    parts = os.environ.get("BENCH_PARTS", ",".join(PARTS)).split(",")
    page_runs = int(os.environ.get("BENCH_PAGE_RUNS", "30"))
    commands = database.load_reference()
    rng = random.Random(SEED)  # noqa: S311 (reproducible data, no secrets)
    # Its own sequence, so the agreements stay those of earlier runs (same seed).
    national_rng = random.Random(SEED + 1)  # noqa: S311
    generator = _generator(rng)
    people = scenarios.personas()
    added = national.Added()
    small = _load(generator, min(GROWTH_SIZE, size))
    at_small = scenarios.run_all(people, [scenarios.GROWTH_CASE], runs)
    pages_small: list[Any] = []
    if "pages" in parts:
        national.add_spm(national_rng, added)
        last_id = national.add_for_agreements(national_rng, 0, added)
        _log(f"measuring the pages at {GROWTH_SIZE:,} agreements")
        pages_small = pages.run_all(people, pages.cases(), page_runs)
    generate_seconds = small + _load(generator, size - GROWTH_SIZE)
    monitoring = dashboards.add_monitoring(rng)
    if "pages" in parts:
        started_national = time.perf_counter()
        national.add_for_agreements(national_rng, last_id, added)
        _log(f"national data in {time.perf_counter() - started_national:.0f} s: {added}")
    _log(f"{size:,} agreements generated in {generate_seconds:.0f} s; measuring")
    results: list[Any] = []
    if "lists" in parts:
        results = scenarios.run_all(people, scenarios.cases(datetime.date.today().year - 1), runs)
    figures: list[Any] = []
    if "dashboards" in parts:
        _log("measuring the dashboards, the network and the map data")
        figures = dashboards.run_all(
            people,
            dashboards.cases(),
            int(os.environ.get("BENCH_DASHBOARD_RUNS", "20")),
            int(os.environ.get("BENCH_NATIONAL_RUNS", "8")),
        )
    page_results: list[Any] = []
    annual: list[Any] = []
    if "pages" in parts:
        _log("measuring the other pages and API lists, and the annual reports")
        page_results = pages.run_all(people, pages.cases(), page_runs)
        annual = pages.annual_reports(pages.annual_provinces(), datetime.date.today().year - 1)
    data = _data_facts(size, generate_seconds)  # before the import adds its rows
    imported = _import(people[0].user, import_rows if "import" in parts else 0, rng)
    return report.Run(
        started=datetime.datetime.now().astimezone().isoformat(timespec="minutes"),
        seconds=time.perf_counter() - started,
        size=size,
        runs=runs,
        load=(load, os.getloadavg()),
        server=database.server_facts(),
        data=data,
        commands=commands,
        results=results,
        growth=[(r.persona, r, _same(results, r)) for r in at_small if results],
        imported=imported,
        dashboards=figures,
        monitoring=monitoring,
        pages=page_results,
        pages_small=pages_small,
        annual=annual,
        national=dataclasses.asdict(added),
    )


def _generator(rng: random.Random) -> Any:
    from bench.generate import Generator
    from bench.world import load_world

    return Generator(load_world(rng), rng)


def _load(generator: Any, count: int) -> float:
    started = time.perf_counter()
    generator.insert(count)
    seconds = time.perf_counter() - started
    database.analyze()
    return seconds


def _import(user: Any, rows: int, rng: random.Random) -> Any:
    if not rows:
        return None
    from bench.imports import measure_import

    _log(f"importing {rows:,} rows")
    return measure_import(user, rows, rng)


def _same(results: list[Any], small: Any) -> Any:
    return next(r for r in results if r.case == small.case and r.persona == small.persona)


def _data_facts(size: int, generate_seconds: float) -> dict[str, Any]:
    from django.db.models import Count

    from sinergi.agreements.models import Agreement, Organization, Party
    from sinergi.regions.models import Region, RegionBorder

    by_type = Agreement.all_objects.values("doc_type").annotate(n=Count("id")).order_by("-n")
    return {
        "agreements": size,
        "by_type": ", ".join(f"{row['doc_type']} {row['n']:,}" for row in by_type),
        "parties": Party.objects.count(),
        "organizations": Organization.objects.count(),
        "regions": Region.objects.count(),
        "borders": RegionBorder.objects.exists(),
        "generate_seconds": generate_seconds,
    }


def _write(run: Any) -> None:
    from bench import report

    output = Path(os.environ.get("BENCH_OUTPUT", "docs/benchmarks.md"))
    report.write(run, output)
    report.save_json(run, Path("var/bench") / f"{run.started[:16].replace(':', '')}.json")
    _log(f"results written to {output}")


def _log(message: str) -> None:
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


if __name__ == "__main__":
    main()
