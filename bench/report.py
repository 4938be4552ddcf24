"""docs/benchmarks.md: the latest run goes between two markers; the rest of the file
(findings, before/after) is written by hand and kept."""

import dataclasses
import json
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.dashboards import WARMUP as DASHBOARD_WARMUP
from bench.dashboards import Result as DashboardResult
from bench.imports import ImportResult
from bench.pages import AnnualResult
from bench.pages import Result as PageResult
from bench.scenarios import Result
from bench.timing import ms

BEGIN = "<!-- bench:begin: written by `make bench`, edit outside the markers -->"
END = "<!-- bench:end -->"
P95_TARGET, RATIO_TARGET, GROWTH_TARGET, IMPORT_TARGET = 0.100, 3.0, 2.0, 20.0
# Issue #5: dashboards and map data.
COLD_TARGET, AGGREGATE_RATIO_TARGET, WARM_TARGET = 0.150, 2.0, 0.020
# Issue #11: every page and API read, report generation for a province.
PAGE_TARGET, ANNUAL_TARGET = 0.150, 30.0


@dataclass
class Run:
    started: str
    seconds: float
    size: int
    runs: int
    load: tuple[tuple[float, ...], tuple[float, ...]]  # load average at start and end
    server: dict[str, str]
    data: dict[str, Any]
    commands: list[str]
    results: list[Result]
    growth: list[tuple[str, Result, Result]]
    imported: ImportResult | None
    dashboards: list[DashboardResult] = dataclasses.field(default_factory=list)
    monitoring: dict[str, int] = dataclasses.field(default_factory=dict)
    pages: list[PageResult] = dataclasses.field(default_factory=list)
    pages_small: list[PageResult] = dataclasses.field(default_factory=list)
    annual: list[AnnualResult] = dataclasses.field(default_factory=list)
    national: dict[str, int] = dataclasses.field(default_factory=dict)


def write(run: Run, path: Path) -> None:
    section = "\n".join([BEGIN, *_lines(run), END])
    text = path.read_text() if path.exists() else _TEMPLATE
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text)


def save_json(run: Run, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dataclasses.asdict(run), indent=1, default=str))


def _lines(run: Run) -> list[str]:
    return [
        *_context(run),
        *_table(
            "List page, `GET /kerja-sama/`", [r for r in run.results if r.case.group == "list"]
        ),
        *_table(
            "Search, `GET /kerja-sama/?q=…`", [r for r in run.results if r.case.group == "search"]
        ),
        *_table(
            "API, `GET /api/v1/kerja-sama` (20 per page)",
            [r for r in run.results if r.case.group == "api"],
        ),
        *_growth(run),
        *_import(run.imported),
        *_dashboards(run),
        *page_lines(run.pages, run.pages_small, run.national),
        *annual_lines(run.annual),
        *_statements(run.results),
        *_dashboard_statements(run.dashboards),
        *_page_statements(run.pages),
    ]


def _context(run: Run) -> list[str]:
    mem = _meminfo()
    data = run.data
    return [
        f"## Latest run: {run.started}",
        "",
        f"- Machine: {os.cpu_count()} CPUs ({_cpu_model()}), {mem} memory, {platform.platform()}. "
        f"Load average at start {_load(run.load[0])}, at the end {_load(run.load[1])}: other "
        "people run test suites on this machine at the same time, so single timings are noisy; "
        "each request alternates with its raw query, so their ratio is measured under the "
        "same load.",
        f"- PostgreSQL: {run.server['version']}; private cluster (scripts/pg-cluster.sh, "
        f"fsync off), shared_buffers {run.server['shared_buffers']}, work_mem "
        f"{run.server['work_mem']}, jit {run.server['jit']}; `VACUUM ANALYZE` after each load.",
        f"- Data: {data['agreements']:,} agreements ({data['by_type']}), {data['parties']:,} "
        f"parties, {data['organizations']} organisations, {data['regions']} regions "
        f"(boundaries {'loaded' if data['borders'] else 'not loaded'}); generated in "
        f"{data['generate_seconds']:.0f} s "
        f"({data['agreements'] / data['generate_seconds']:,.0f}/s).",
        f"- Runs: {run.runs} timed requests per row after 5 warm-ups; whole benchmark "
        f"{run.seconds / 60:.1f} min. Django settings: DEBUG off (no query log), test client.",
        "- Setup commands run on the fresh database: " + ", ".join(f"`{c}`" for c in run.commands),
        "",
        "Columns: server = time around `client.get` (middleware, session, view, template); "
        "DB = time inside the queries of that request (execute + fetch); raw = hand-written SQL "
        "for the same page (rows with party names + the totals the page prints, bench/raw.py), "
        "same ids in the same order (checked); ratio = DB p50 / raw p50.",
        "",
    ]


def _table(title: str, results: list[Result]) -> list[str]:
    if not results:
        return []
    lines = [
        f"### {title}",
        "",
        "| case | persona | page | matches | p50 ms | p95 ms | queries | DB ms p50 "
        "| raw ms p50 | DB/raw | p95 < 100 ms | DB ≤ 3× raw |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|",
    ]
    for r in results:
        lines.append(
            f"| {r.case.name} | {r.persona} | {r.page} | {r.matches:,} | {ms(r.server.p50)} | "
            f"{ms(r.server.p95)} | {r.queries} | {ms(r.db.p50)} | {ms(r.raw.p50)} | "
            f"{r.ratio:.1f}× | {_met(r.server.p95 < P95_TARGET)} | "
            f"{_met(r.ratio <= RATIO_TARGET)} |"
        )
    return [*lines, ""]


def _dashboards(run: Run) -> list[str]:
    if not run.dashboards:
        return []
    runs = sorted({r.runs for r in run.dashboards})
    monitoring = run.monitoring
    return [
        "### Dashboards, network and map data (issue #5)",
        "",
        "`GET /api/v1/dasbor` (the figures behind `/dasbor/`), `GET /dasbor/jejaring/data.json`, "
        "`GET /peta/nilai.json?tingkat=kabupaten_kota&metrik=jumlah`, `GET /peta/garis.json`. "
        "Cold: `cache.clear()` before each timed request (then the map's region points, "
        "centroids of the boundaries cached for a day, are computed again before the clock "
        "starts: the boundary GeoJSON is not measured here). Warm: the same request with its "
        "entry cached (only the data-version queries run). Raw: hand-written SQL for the same "
        "numbers (bench/raw.py `RawAggregates`), checked equal to the response's numbers; "
        "ratio = cold DB p50 / raw p50. "
        f"Timed cold requests per row: {', '.join(map(str, runs))} (after {DASHBOARD_WARMUP} "
        "warm-ups; BENCH_DASHBOARD_RUNS for the province admin, fewer with BENCH_NATIONAL_RUNS "
        "for the superuser, whose cold requests take seconds, to keep the whole benchmark under "
        "20 minutes: their p95 is close to the slowest run); warm: at least 20. "
        f"Monitoring data: {monitoring.get('warnings', 0):,} idle warnings (open or resolved) "
        f"and {monitoring.get('flags', 0):,} planning flags on agreements in force. "
        'Rows "jawaban tersimpan": every persona again after the background job '
        "(dashboards.answers, its time for the country and all 38 provinces in the row) "
        "stored the default views of this data version and the country's agreements in "
        "memory (dashboards.facts); a cold request of a default view reads one row, the "
        "country's filtered dashboard and map count in that snapshot, other filtered views "
        "(a province's, the network) still compute.",
        "",
        "| case | persona | holds | cold p50 ms | cold p95 ms | queries | DB ms p50 | raw ms p50 "
        "| DB/raw | warm p50 ms | warm p95 ms | warm queries | cold p95 < 150 ms "
        "| DB ≤ 2× raw | warm p95 < 20 ms |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|:-:|",
        *[_dashboard_row(r) for r in run.dashboards],
        "",
    ]


def _dashboard_row(r: DashboardResult) -> str:
    return (
        f"| {r.case.name} | {r.persona} | {r.size} | {ms(r.cold.p50)} | {ms(r.cold.p95)} | "
        f"{r.cold_queries} | {ms(r.cold_db.p50)} | {ms(r.raw.p50)} | {r.ratio:.1f}× | "
        f"{ms(r.warm.p50)} | {ms(r.warm.p95)} | {r.warm_queries} | "
        f"{_met(r.cold.p95 < COLD_TARGET)} | {_met(r.ratio <= AGGREGATE_RATIO_TARGET)} | "
        f"{_met(r.warm.p95 < WARM_TARGET)} |"
    )


def dashboard_lines(results: list[DashboardResult]) -> list[str]:
    """The table alone (bench/dashboards.py run on its own)."""
    return _dashboards(
        Run("", 0, 0, 0, ((), ()), {}, {}, [], [], [], None, dashboards=results)
    ) + _dashboard_statements(results)


def _dashboard_statements(results: list[DashboardResult]) -> list[str]:
    if not results:
        return []
    return ["", *_statements(results, "per cold dashboard/map request")]


def _growth(run: Run) -> list[str]:
    if not run.growth:
        return []
    lines = [
        f"### Growth: list page p95 at 1,000 and at {run.size:,} agreements",
        "",
        "| case | persona | p95 ms at 1,000 | p95 ms at full size | growth | ≤ 2× |",
        "|---|---|--:|--:|--:|:-:|",
    ]
    for persona, small, full in run.growth:
        growth = full.server.p95 / small.server.p95
        lines.append(
            f"| {small.case.name} | {persona} | {ms(small.server.p95)} | {ms(full.server.p95)} | "
            f"{growth:.1f}× | {_met(growth <= GROWTH_TARGET)} |"
        )
    return [*lines, ""]


def _import(result: ImportResult | None) -> list[str]:
    if result is None:
        return []
    return [
        "### Register import (XLSX) on the full database",
        "",
        "| rows | dry run s (queries) | write s (queries) | total s | rows/s | created | < 20 s |",
        "|--:|--:|--:|--:|--:|--:|:-:|",
        f"| {result.rows:,} | {result.preview_seconds:.1f} ({result.preview_queries}) | "
        f"{result.run_seconds:.1f} ({result.run_queries}) | {result.seconds:.1f} | "
        f"{result.rows / result.seconds:,.0f} | {result.created:,} | "
        f"{_met(result.seconds < IMPORT_TARGET)} |",
        "",
        f"Building the {result.rows:,}-row file (openpyxl) took {result.file_seconds:.1f} s, "
        "not counted.",
        "",
    ]


def _statements(
    results: list[Any],
    per: str = "per request",
    case: Callable[[Any], tuple[str, str]] = lambda r: (r.case.group, r.case.name),
) -> list[str]:
    """The slowest statements of each case (list, dashboard or page results alike)."""
    lines = [
        f"### Slowest statements {per} (mean ms)",
        "",
        "<details><summary>per case</summary>",
        "",
    ]
    for r in results:
        group, name = case(r)
        lines.append(f"- **{group}: {name}, {r.persona}**")
        lines += [f"  - {seconds:.1f} ms: `{sql}`" for sql, seconds in r.statements]
    return [*lines, "", "</details>"]


def page_lines(
    results: list[PageResult],
    small: list[PageResult] | None = None,
    national: dict[str, int] | None = None,
) -> list[str]:
    """Issue #11's pages and API lists, and their growth from 1,000 agreements."""
    if not results:
        return []
    added = national or {}
    lines = [
        "### Other pages and API lists at national size (issue #11, bench/pages.py)",
        "",
        "Beside the agreements: "
        f"{added.get('reports', 0):,} monitoring reports ({added.get('realisations', 0):,} "
        f"indicator realisations of {added.get('indicators', 0):,} indicators), "
        f"{added.get('spm_entries', 0):,} SPM figures (every region, quarterly for the last "
        f"three years) and {added.get('spm_field_values', 0):,} published field indices (the "
        f"seven years before), {added.get('innovations', 0):,} innovations "
        "(bench/national.py). Each persona opens what it may see: the agreement with the most "
        "reports in its scope, Kaltim and Samarinda's profiles, the SPM ranking of its "
        "regions. Raw: hand-written SQL reading the same data (bench/pages.py), checked "
        "against the response first (same ids, or the same totals printed); the page itself "
        "may compute more (the SPM index is computed in Python from the rows the raw SQL "
        "reads). Ratio = DB p50 / raw p50.",
        "",
        "| case | persona | holds | p50 ms | p95 ms | queries | DB ms p50 | raw ms p50 | DB/raw "
        "| p95 < 150 ms | DB ≤ 3× raw |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.persona} | {r.holds} | {ms(r.server.p50)} | {ms(r.server.p95)} | "
            f"{r.queries} | {ms(r.db.p50)} | {ms(r.raw.p50)} | {r.ratio:.1f}× | "
            f"{_met(r.server.p95 < PAGE_TARGET)} | {_met(r.ratio <= RATIO_TARGET)} |"
        )
    return [*lines, "", *_page_growth(results, small or [])]


def _page_growth(results: list[PageResult], small: list[PageResult]) -> list[str]:
    at_small = {(r.name, r.persona): r for r in small}
    pairs = [(r, at_small[(r.name, r.persona)]) for r in results if (r.name, r.persona) in at_small]
    if not pairs:
        return []
    lines = [
        "#### Growth of these pages from 1,000 agreements (p95)",
        "",
        "The target (≤ 2×) is for paginated pages; the others show everything of one "
        "agreement or region, which grows with the data by design.",
        "",
        "| case | persona | holds at 1,000 | p95 ms at 1,000 | p95 ms at full size | growth "
        "| ≤ 2× |",
        "|---|---|--:|--:|--:|--:|:-:|",
    ]
    for full, first in pairs:
        growth = full.server.p95 / first.server.p95
        met = _met(growth <= GROWTH_TARGET) if full.paginated else "(not paginated)"
        lines.append(
            f"| {full.name} | {full.persona} | {first.holds} | {ms(first.server.p95)} | "
            f"{ms(full.server.p95)} | {growth:.1f}× | {met} |"
        )
    return [*lines, ""]


def annual_lines(results: list[AnnualResult]) -> list[str]:
    if not results:
        return []
    lines = [
        "### Annual report of a province (issue #11)",
        "",
        "`evaluations.annual.build` (figures), then the PDF (WeasyPrint) and the XLSX, as the "
        "background task does, for the last full year.",
        "",
        "| province | agreements in the report | figures s (queries) | PDF s | XLSX s | total s "
        "| < 30 s |",
        "|---|--:|--:|--:|--:|--:|:-:|",
    ]
    for r in results:
        lines.append(
            f"| {r.region} | {r.agreements:,} | {r.build_s:.1f} ({r.queries}) | {r.pdf_s:.1f} | "
            f"{r.xlsx_s:.1f} | {r.total_s:.1f} | {_met(r.total_s < ANNUAL_TARGET)} |"
        )
    return [*lines, ""]


def _page_statements(results: list[PageResult]) -> list[str]:
    if not results:
        return []
    return ["", *_statements(results, "per page request", lambda r: (r.group, r.name))]


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _load(values: tuple[float, ...]) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _meminfo() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    return "unknown"


_TEMPLATE = """# Benchmarks

Run with `make bench` (see bench/agreements.py). Targets from issue #3: list and search
responses p95 under 100 ms, their database time within 3× of the raw SQL for the same rows,
list page p95 at most ~2× from 1,000 to 100,000 agreements, a 10,000-row import under 20 s.
"""
