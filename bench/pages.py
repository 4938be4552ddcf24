"""The other pages and API lists at national size (issue #11), each beside hand-written SQL
that reads the same data: agreement detail and its monitoring page, the monitoring report
list, a region profile, the SPM ranking, the innovation catalogue, API lists, and the annual
report of a province.

Requests and raw queries alternate, as in bench/scenarios.py. Each case first checks that
the raw SQL and the response agree (same ids on a list page, same totals on a profile), so
a ratio never compares a page with a query that reads something else.
"""

import datetime
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from bench.scenarios import Persona, ensure
from bench.timing import Sample, Stats, slowest, timed

WARMUP = 3


@dataclass
class Target:
    """What one persona's case opens: found in the data once, before timing."""

    url: str
    raw: Callable[[], Any]
    check: Callable[[Any, Any], bool]  # (response, raw result) -> the same data
    holds: str  # what the page shows, for the table


@dataclass(frozen=True)
class Case:
    group: str  # halaman, api
    name: str
    paginated: bool
    target: Callable[[Persona], Target]
    cold: bool = False  # the cache emptied before each request (outside the timing)


@dataclass
class Result:
    group: str
    name: str
    persona: str
    holds: str
    url: str
    paginated: bool
    server: Stats
    db: Stats
    queries: int
    raw: Stats
    statements: list[tuple[str, float]]

    @property
    def ratio(self) -> float:
        return self.db.p50 / self.raw.p50 if self.raw.p50 else 0.0


@dataclass
class AnnualResult:
    region: str
    agreements: int
    build_s: float
    pdf_s: float
    xlsx_s: float
    queries: int

    @property
    def total_s(self) -> float:
        return self.build_s + self.pdf_s + self.xlsx_s


# --- running ---------------------------------------------------------------------------------


def run_all(people: list[Persona], cases: list[Case], runs: int) -> list[Result]:
    return [measure(person, case, runs) for case in cases for person in people]


def measure(persona: Persona, case: Case, runs: int) -> Result:
    target = case.target(persona)
    response = persona.client.get(target.url)
    ensure(response.status_code == 200, f"{target.url}: HTTP {response.status_code}")
    ensure(target.check(response, target.raw()), f"{target.url}: raw SQL reads other data")
    samples, raw_samples = [], []
    for run in range(WARMUP + runs):
        if case.cold:
            cache.clear()
        sample, response = timed(lambda: persona.client.get(target.url))
        raw_sample, _ = timed(target.raw)
        ensure(response.status_code == 200, f"{target.url}: HTTP {response.status_code}")
        if run >= WARMUP:
            samples.append(sample)
            raw_samples.append(raw_sample)
    return _result(persona, case, target, samples, raw_samples)


def _result(
    persona: Persona, case: Case, target: Target, samples: list[Sample], raw: list[Sample]
) -> Result:
    return Result(
        group=case.group,
        name=case.name,
        persona=persona.name,
        holds=target.holds,
        url=target.url,
        paginated=case.paginated,
        server=Stats.of([s.seconds for s in samples]),
        db=Stats.of([s.db_seconds for s in samples]),
        queries=max(s.queries for s in samples),
        raw=Stats.of([s.seconds for s in raw]),
        statements=slowest(samples),
    )


# --- what each persona opens -----------------------------------------------------------------


def _rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _scope_ids(persona: Persona) -> str:
    """SQL for the ids of the agreements the persona sees (not deleted; owner or a party in
    the persona's regions), with two array parameters, or every one for the superuser."""
    if persona.scope is None:
        return "SELECT id FROM agreements_agreement WHERE deleted_at IS NULL"
    return """SELECT id FROM agreements_agreement WHERE deleted_at IS NULL AND id = ANY(ARRAY(
        SELECT id FROM agreements_agreement WHERE owner_region_id = ANY(%s)
        UNION SELECT agreement_id FROM agreements_party WHERE region_id = ANY(%s)))"""


def _scope_params(persona: Persona) -> list[Any]:
    return [] if persona.scope is None else [persona.scope, persona.scope]


def busiest_agreement(persona: Persona) -> int:
    """The agreement in the persona's scope with the most monitoring reports."""
    sql = f"""SELECT agreement_id FROM monitoring_monitoringreport
               WHERE agreement_id IN ({_scope_ids(persona)})
               GROUP BY agreement_id ORDER BY count(*) DESC, agreement_id LIMIT 1"""  # noqa: S608 (constant fragments)
    return int(_rows(sql, _scope_params(persona))[0][0])


def _ids_in(pattern: str) -> Callable[[Any, Any], bool]:
    """Check: the links of the page, in order, are the raw page's ids (first column)."""

    def check(response: Any, raw: Any) -> bool:
        shown = [int(pk) for pk in re.findall(pattern, response.content.decode())]
        return list(dict.fromkeys(shown)) == [row[0] for row in raw[0]]

    return check


def _json_ids(response: Any, raw: Any) -> bool:
    return [item["id"] for item in response.json()["items"]] == [row[0] for row in raw[0]]


def _contains_all(response: Any, raw: Any) -> bool:
    """Every number the raw SQL counted is printed on the page (a weak but real check)."""
    text = response.content.decode()
    return all(f">{n}<" in text or f">{n:,}<".replace(",", ".") in text for n in raw[-1])


def _agreement_row(persona: Persona, pk: int) -> list[tuple[Any, ...]]:
    """The agreement as the page heads it, read only within the persona's scope (the page's
    access check is part of the data it needs)."""
    return _rows(
        f"""SELECT a.*, f.name, r.name, p.title FROM agreements_agreement a
              JOIN affairs_affair f ON f.id = a.primary_affair_id
              JOIN regions_region r ON r.id = a.owner_region_id
              LEFT JOIN agreements_agreement p ON p.id = a.parent_id
             WHERE a.id = %s AND a.id IN ({_scope_ids(persona)})""",  # noqa: S608 (constant fragments)
        [pk, *_scope_params(persona)],
    )


def _agreement_detail(persona: Persona) -> Target:
    pk = busiest_agreement(persona)

    def raw() -> Any:
        return (
            _agreement_row(persona, pk),
            _rows(
                """SELECT p.*, coalesce(r.name, o.name),
                          (SELECT string_agg(g.name, '; ') FROM agreements_party_agencies pa
                             JOIN agencies_agency g ON g.id = pa.agency_id
                            WHERE pa.party_id = p.id)
                     FROM agreements_party p
                     LEFT JOIN regions_region r ON r.id = p.region_id
                     LEFT JOIN agreements_organization o ON o.id = p.organization_id
                    WHERE p.agreement_id = %s ORDER BY p.position""",
                [pk],
            ),
            _rows(
                """SELECT c.id, c.title, c.number, c.status, c.end_date, r.name
                     FROM agreements_agreement c JOIN regions_region r ON r.id = c.owner_region_id
                    WHERE c.parent_id = %s AND c.deleted_at IS NULL ORDER BY c.id""",
                [pk],
            ),
            _rows("SELECT * FROM agreements_statuschange WHERE agreement_id = %s", [pk]),
            _rows("SELECT * FROM agreements_milestone WHERE agreement_id = %s", [pk]),
            _rows("SELECT * FROM agreements_agreementdocument WHERE agreement_id = %s", [pk]),
        )

    def check(response: Any, found: Any) -> bool:
        return found[0][0][0] == pk and found[0][0][1] is not None

    return Target(f"/kerja-sama/{pk}/", raw, check, f"1 agreement, {_count_reports(pk)} reports")


def _count_reports(pk: int) -> int:
    sql = "SELECT count(*) FROM monitoring_monitoringreport WHERE agreement_id = %s"
    return int(_rows(sql, [pk])[0][0])


_REPORTS_OF = """SELECT r.id, r.period_start, r.period_end, r.state, r.recommendation,
                        r.budget_realised, u.username
                   FROM monitoring_monitoringreport r
                   LEFT JOIN accounts_user u ON u.id = r.author_id
                  WHERE r.agreement_id = %s ORDER BY r.period_end DESC, r.id DESC"""
_INDICATOR_ROWS = """SELECT i.id, i.name, i.unit, i.target, (
                         SELECT v.value FROM monitoring_indicatorrealisation v
                           JOIN monitoring_monitoringreport r ON r.id = v.report_id
                          WHERE v.indicator_id = i.id AND r.state = 'direviu'
                          ORDER BY r.period_end DESC, r.id DESC LIMIT 1)
                       FROM monitoring_indicator i WHERE i.agreement_id = %s ORDER BY i.id"""


def _agreement_monitoring(persona: Persona) -> Target:
    pk = busiest_agreement(persona)

    def raw() -> Any:
        return (
            _rows(_REPORTS_OF, [pk]),
            _rows(_INDICATOR_ROWS, [pk]),
            _agreement_row(persona, pk),
            _rows(
                """SELECT o.*, p.position FROM monitoring_obligation o
                     JOIN agreements_party p ON p.id = o.party_id
                    WHERE o.agreement_id = %s ORDER BY p.position, o.due_date, o.id""",
                [pk],
            ),
        )

    reports = _count_reports(pk)
    return Target(
        f"/monev/kerja-sama/{pk}/",
        raw,
        _ids_in(r'href="/monev/kerja-sama/\d+/laporan/(\d+)/"'),
        f"{reports} reports",
    )


def _report_list(persona: Persona) -> Target:
    page_sql = f"""SELECT r.id, r.period_start, r.period_end, r.state, r.recommendation,
                          r.budget_realised, a.title, a.number, g.name, u.username
                     FROM monitoring_monitoringreport r
                     JOIN agreements_agreement a ON a.id = r.agreement_id
                     JOIN regions_region g ON g.id = a.owner_region_id
                     LEFT JOIN accounts_user u ON u.id = r.author_id
                    WHERE r.agreement_id IN ({_scope_ids(persona)})
                    ORDER BY r.period_end DESC, r.id DESC LIMIT 25"""  # noqa: S608 (constant fragments)
    count_sql = f"""SELECT count(*) FROM monitoring_monitoringreport
                     WHERE agreement_id IN ({_scope_ids(persona)})"""  # noqa: S608 (constant fragments)

    def raw() -> Any:
        return _rows(page_sql, _scope_params(persona)), _rows(count_sql, _scope_params(persona))

    total = raw()[1][0][0]
    return Target(
        "/monev/",
        raw,
        _ids_in(r'href="/monev/kerja-sama/\d+/laporan/(\d+)/"'),
        f"{total:,} reports",
    )


def _api_reports(persona: Persona) -> Target:
    pk = busiest_agreement(persona)

    def raw() -> Any:
        # The endpoint lists them all (not paginated), once the agreement is found in scope.
        return _rows(_REPORTS_OF, [pk]), _agreement_row(persona, pk)

    return Target(
        f"/api/v1/monev/kerja-sama/{pk}/laporan",
        raw,
        _json_ids,
        f"{_count_reports(pk)} reports",
    )


_PROFILE = """
WITH mine AS (
  SELECT a.id, a.status, a.end_date, a.primary_affair_id FROM agreements_agreement a
   WHERE a.id IN ({scope})
     AND a.id IN (SELECT id FROM agreements_agreement WHERE owner_region_id = %s
                  UNION SELECT agreement_id FROM agreements_party WHERE region_id = %s))
SELECT 'status', m.status, count(*) FROM mine m GROUP BY m.status
UNION ALL SELECT 'expired', '', count(*) FROM mine m
 WHERE m.status = 'berlaku' AND m.end_date <= %s
UNION ALL SELECT 'ending', '', count(*) FROM mine m
 WHERE m.status = 'berlaku' AND m.end_date > %s AND m.end_date <= %s
UNION ALL SELECT 'affair', s.affair_id::text, count(*) FROM (
  SELECT id, primary_affair_id AS affair_id FROM mine
  UNION SELECT x.agreement_id, x.affair_id FROM agreements_agreement_other_affairs x
   WHERE x.agreement_id IN (SELECT id FROM mine)) s GROUP BY s.affair_id
UNION ALL SELECT 'region', r.code, count(DISTINCT p.agreement_id) FROM agreements_party p
  JOIN regions_region r ON r.id = p.region_id
 WHERE p.agreement_id IN (SELECT id FROM mine) AND p.region_id <> %s GROUP BY r.code
UNION ALL SELECT 'organization', o.name, count(DISTINCT p.agreement_id) FROM agreements_party p
  JOIN agreements_organization o ON o.id = p.organization_id
 WHERE p.agreement_id IN (SELECT id FROM mine) GROUP BY o.name
UNION ALL SELECT 'agency', g.name, count(DISTINCT p.agreement_id) FROM agreements_party p
  JOIN agreements_party_agencies pa ON pa.party_id = p.id
  JOIN agencies_agency g ON g.id = pa.agency_id
 WHERE p.agreement_id IN (SELECT id FROM mine) AND g.region_id = %s GROUP BY g.name
UNION ALL SELECT 'flag', f.code, count(DISTINCT f.agreement_id) FROM planning_agreementflag f
 WHERE f.agreement_id IN (SELECT id FROM mine) GROUP BY f.code"""


def _region_profile(code: str) -> Callable[[Persona], Target]:
    def target(persona: Persona) -> Target:
        region_id, is_province = _rows(
            "SELECT id, parent_id IS NULL FROM regions_region WHERE code = %s", [code]
        )[0]
        today = timezone.localdate()
        params = [
            *_scope_params(persona),
            region_id,
            region_id,
            today,
            today,
            today + datetime.timedelta(days=90),
            region_id,
            region_id,
        ]
        spm_year = _latest_spm_year()

        def raw() -> Any:
            figures = _rows(_PROFILE.format(scope=_scope_ids(persona)), params)
            extra = (
                _rows("SELECT * FROM agencies_agency WHERE region_id = %s", [region_id]),
                _rows(
                    "SELECT code, name FROM regions_region WHERE parent_id = %s ORDER BY code",
                    [region_id],
                ),
                _rows(
                    """SELECT i.id, i.name FROM innovations_innovation i
                        WHERE i.region_id = %s AND i.status = 'terbit' ORDER BY i.name""",
                    [region_id],
                ),
                _spm_rows([region_id], spm_year),
            )
            statuses = {key: n for kind, key, n in figures if kind == "status"}
            return figures, extra, [sum(statuses.values())]

        total = raw()[-1][0]
        children = "province" if is_province else "regency"
        return Target(f"/wilayah/{code}/", raw, _contains_all, f"{children}, {total:,} agreements")

    return target


def _latest_spm_year() -> int:
    return int(_rows("SELECT max(year) FROM spm_entry", [])[0][0])


def _spm_rows(region_ids: list[int], year: int) -> list[Any]:
    """What an SPM index reads: the year's counts, the trend scores of the year and two
    years before, the published field values, the scheme and the indicator tree."""
    return [
        _rows(
            """SELECT region_id, indicator_id, quarter, target_population, served, score
                 FROM spm_entry WHERE region_id = ANY(%s) AND year IN (%s, %s)""",
            [region_ids, year, year - 2],
        ),
        _rows(
            """SELECT v.region_id, f.code, v.value FROM spm_fieldvalue v
                 JOIN spm_field f ON f.id = v.field_id
                WHERE v.region_id = ANY(%s) AND v.year = %s""",
            [region_ids, year],
        ),
        _rows(
            """SELECT s.id, s.level, s.code, f.code, i.id, i.code, i.kind FROM spm_servicetype s
                 JOIN spm_field f ON f.id = s.field_id
                 JOIN spm_indicator i ON i.service_id = s.id ORDER BY s.order, i.id""",
            [],
        ),
        _rows("SELECT * FROM spm_band b JOIN spm_scheme s ON s.id = b.scheme_id", []),
    ]


def _spm_ranking(persona: Persona) -> Target:
    year = _latest_spm_year()
    if persona.scope is None:
        ids = [row[0] for row in _rows("SELECT id FROM regions_region", [])]
    else:
        ids = list(persona.scope)

    def raw() -> Any:
        return _spm_rows(ids, year)

    def check(response: Any, found: Any) -> bool:
        ranked = len(re.findall(r'href="/spm/\?wilayah=[\d.]+&', response.content.decode()))
        return ranked >= len(ids) and len(found[0]) > 0

    return Target(f"/spm/perbandingan/?tahun={year}", raw, check, f"{len(ids)} regions")


def _api_spm_values(persona: Persona) -> Target:
    code = "64.72"  # Samarinda, in both personas' scope
    year = _latest_spm_year()

    def raw() -> Any:
        return _rows(
            """SELECT e.quarter, i.code, s.code, e.target_population, e.served, e.score
                 FROM spm_entry e JOIN spm_indicator i ON i.id = e.indicator_id
                 JOIN spm_servicetype s ON s.id = i.service_id
                 JOIN regions_region r ON r.id = e.region_id
                WHERE r.code = %s AND e.year = %s
                ORDER BY e.quarter, i.code, e.id LIMIT 100""",
            [code, year],
        ), _rows(
            """SELECT count(*) FROM spm_entry e JOIN regions_region r ON r.id = e.region_id
                WHERE r.code = %s AND e.year = %s""",
            [code, year],
        )

    def check(response: Any, found: Any) -> bool:
        shown = [(i["quarter"], i["indicator"]) for i in response.json()["items"]]
        return shown == [(row[0], row[1]) for row in found[0]]

    total = raw()[1][0][0]
    url = f"/api/v1/spm/nilai?region={code}&year={year}"
    return Target(url, raw, check, f"1 region, {total} figures")


_CATALOGUE = """
SELECT i.id, i.name, r.name, f.name, g.name, (
         SELECT count(*) FROM innovations_replicationinterest x
          WHERE x.innovation_id = i.id AND x.status = 'diterima') AS replications
  FROM innovations_innovation i
  JOIN regions_region r ON r.id = i.region_id
  JOIN affairs_affair f ON f.id = i.affair_id
  LEFT JOIN agencies_agency g ON g.id = i.agency_id
 WHERE {where}
 ORDER BY replications DESC, i.name, i.id LIMIT %s"""


def _innovations(url: str, size: int, check: Callable[[Any, Any], bool]) -> Any:
    def target(persona: Persona) -> Target:
        if persona.scope is None:
            where, params = "TRUE", []
        else:
            where, params = "(i.status = 'terbit' OR i.region_id = ANY(%s))", [persona.scope]

        def raw() -> Any:
            return _rows(_CATALOGUE.format(where=where), [*params, size]), _rows(
                f"SELECT count(*) FROM innovations_innovation i WHERE {where}",  # noqa: S608
                params,
            )

        return Target(url, raw, check, f"{raw()[1][0][0]:,} innovations")

    return target


def cases() -> list[Case]:
    return [
        Case("halaman", "agreement detail", False, _agreement_detail),
        Case("halaman", "agreement monitoring", False, _agreement_monitoring),
        Case("halaman", "monitoring reports, first page", True, _report_list),
        Case("halaman", "region profile, Kaltim", False, _region_profile("64")),
        Case("halaman", "region profile, Samarinda", False, _region_profile("64.72")),
        Case("halaman", "SPM ranking, cold cache", False, _spm_ranking, cold=True),
        Case("halaman", "SPM ranking", False, _spm_ranking),
        Case(
            "halaman",
            "innovation catalogue, first page",
            True,
            _innovations("/inovasi/", 20, _ids_in(r'href="/inovasi/(\d+)/"')),
        ),
        Case("api", "API monitoring reports of one agreement", False, _api_reports),
        Case("api", "API SPM figures of one region", True, _api_spm_values),
        Case("api", "API innovations", True, _innovations("/api/v1/inovasi", 20, _json_ids)),
    ]


# --- the annual report -----------------------------------------------------------------------


def annual_provinces() -> list[str]:
    """Kaltim, and the province whose report holds the most agreements (owned by it or its
    regencies and cities)."""
    busiest = _rows(
        """SELECT coalesce(p.code, r.code) FROM agreements_agreement a
             JOIN regions_region r ON r.id = a.owner_region_id
             LEFT JOIN regions_region p ON p.id = r.parent_id
            WHERE a.deleted_at IS NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1""",
        [],
    )[0][0]
    return list(dict.fromkeys(["64", busiest]))


def annual_reports(codes: list[str], year: int) -> list[AnnualResult]:
    """Build the annual report of each province (the figures, then its PDF and XLSX), as the
    background task does, timed per step."""
    from sinergi.evaluations import annual, annual_output
    from sinergi.regions.models import Region

    results = []
    for code in codes:
        region = Region.objects.get(code=code)
        sample, figures = timed(lambda: annual.build(region, year))  # noqa: B023
        started = time.perf_counter()
        annual_output.render_pdf(figures)
        pdf = time.perf_counter() - started
        started = time.perf_counter()
        annual_output.render_xlsx(figures)
        xlsx = time.perf_counter() - started
        agreements, _ = annual.agreements_of(region, year)
        results.append(
            AnnualResult(region.name, len(agreements), sample.seconds, pdf, xlsx, sample.queries)
        )
    return results
