"""The baseline: hand-written SQL that returns the same page of rows as a list request.

It fetches the columns the page shows (title, number, type, kind, status, end date, the
primary affair's name, the parties' names) for one page, plus the totals the page prints
(all matches, and KB-type/PKS/adendum counts) in a second statement, written in the form
PostgreSQL plans best (see the comments below); the region ids of the scope are an array
parameter, as a hand-written query would pass them.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone

from sinergi.agreements.models import Status

# The ids in scope first, then the rows by primary key: an OR of `owner_region_id = ANY(…)`
# and `id IN (subquery)` (or a UNION joined back) ends in a scan of the whole table.
_SCOPE = """a.id = ANY(ARRAY(
    SELECT id FROM agreements_agreement WHERE owner_region_id = ANY(%s)
    UNION SELECT agreement_id FROM agreements_party WHERE region_id = ANY(%s)))"""
_ACTIVE = "a.status = %s AND (a.end_date IS NULL OR a.end_date > %s)"
_AFFAIR = """(a.primary_affair_id = %s OR EXISTS (
    SELECT 1 FROM agreements_agreement_other_affairs x
     WHERE x.agreement_id = a.id AND x.affair_id = %s))"""
_YEAR = "a.signed_on BETWEEN %s AND %s"
_SEARCH = "{vector} @@ plainto_tsquery('indonesian', %s)"
_VECTOR_SQL = """SELECT count(*) FROM information_schema.columns
                  WHERE table_name = 'agreements_agreement' AND column_name = 'search_vector'"""

_PAGE = """
SELECT page.*, (
    SELECT string_agg(coalesce(r.name, o.name), '; ' ORDER BY p.position, p.id)
      FROM agreements_party p
      LEFT JOIN regions_region r ON r.id = p.region_id
      LEFT JOIN agreements_organization o ON o.id = p.organization_id
     WHERE p.agreement_id = page.id) AS parties
  FROM (SELECT a.id, a.title, a.number, a.doc_type, a.kind, a.status, a.end_date, a.signed_on,
               a.created_at, f.name AS affair
          FROM agreements_agreement a JOIN affairs_affair f ON f.id = a.primary_affair_id
         WHERE {where}
         ORDER BY a.signed_on DESC, a.created_at DESC, a.id DESC
         LIMIT %s OFFSET %s) page
 ORDER BY page.signed_on DESC, page.created_at DESC, page.id DESC"""
_TOTALS = """
SELECT count(*),
       count(*) FILTER (WHERE a.doc_type IN ('kb', 'nota', 'mou')),
       count(*) FILTER (WHERE a.doc_type = 'pks'),
       count(*) FILTER (WHERE a.doc_type = 'adendum')
  FROM agreements_agreement a WHERE {where}"""


@dataclass
class RawQuery:
    """One page: `scope` is the region ids the user sees, or None for the whole country."""

    scope: list[int] | None
    query: dict[str, str]
    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._add("a.deleted_at IS NULL")
        if self.scope is not None:
            self._add(_SCOPE, self.scope, self.scope)
        if self.query.get("status") == Status.ACTIVE:
            self._add(_ACTIVE, Status.ACTIVE, timezone.localdate())
        if "affair" in self.query:
            affair = _affair_id(self.query["affair"])
            self._add(_AFFAIR, affair, affair)
        if "year" in self.query:
            year = int(self.query["year"])
            self._add(_YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        if "q" in self.query:
            self._add(_SEARCH.format(vector=_search_vector()), self.query["q"])

    def _add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def page(self, number: int, size: int) -> list[tuple[Any, ...]]:
        where = " AND ".join(self.conditions)
        with connection.cursor() as cursor:
            cursor.execute(_PAGE.format(where=where), [*self.params, size, (number - 1) * size])
            return cursor.fetchall()

    def totals(self) -> tuple[int, ...]:
        with connection.cursor() as cursor:
            cursor.execute(_TOTALS.format(where=" AND ".join(self.conditions)), self.params)
            return tuple(cursor.fetchone())


def _search_vector() -> str:
    """The stored vector (migration 0005), or the expression of the index before it."""
    with connection.cursor() as cursor:
        cursor.execute(_VECTOR_SQL)
        stored = cursor.fetchone()[0]
    return "a.search_vector" if stored else "to_tsvector('indonesian', a.search_document)"


def _affair_id(code: str) -> int:
    from sinergi.affairs.models import Affair

    return Affair.objects.get(code=code).pk


# --- issue #5: the dashboards' and the map's aggregates -------------------------------------
#
# The same numbers as the endpoints, written by hand: the scope and filters as above (the
# `RawQuery` conditions on `a`), each aggregate in the one statement a person would write.

_IDLE = """a.id IN (SELECT w.agreement_id FROM alerts_warning w
                      WHERE w.resolved_at IS NULL AND w.kind = 'simbolis')"""
_BUCKET = """CASE WHEN a.status = %s AND a.end_date <= %s THEN %s
                  WHEN a.status = %s AND a.end_date <= %s THEN 'akan_berakhir'
                  WHEN a.status = %s THEN 'berlaku_lain'
                  WHEN a.status = ANY(%s) THEN 'dalam_proses'
                  ELSE a.status END"""
_CUBE = f"""
SELECT extract(year FROM a.signed_on)::int, {_BUCKET}, a.kind, a.doc_type, a.primary_affair_id,
       count(*), count(*) FILTER (WHERE {_IDLE})
  FROM agreements_agreement a WHERE {{where}}
 GROUP BY 1, 2, 3, 4, 5"""  # noqa: S608 (constant fragments)
_OTHER_SECTORS = """
SELECT x.affair_id, count(*)
  FROM agreements_agreement_other_affairs x JOIN agreements_agreement a ON a.id = x.agreement_id
 WHERE {where} AND x.affair_id <> a.primary_affair_id
 GROUP BY 1"""
_PARTNERS = """
SELECT p.region_id, p.organization_id, count(DISTINCT p.agreement_id) AS n
  FROM agreements_party p JOIN agreements_agreement a ON a.id = p.agreement_id
 WHERE {where} AND (p.region_id IS NULL OR NOT p.region_id = ANY(%s))
 GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10"""
_FLAGS = """
SELECT f.code, count(DISTINCT f.agreement_id)
  FROM planning_agreementflag f JOIN agreements_agreement a ON a.id = f.agreement_id
 WHERE {where} GROUP BY 1"""
# A node: a region, or the kind of a third party (all universities are one node).
_NODES = """(SELECT p.agreement_id, p.organization_id,
                    coalesce('r' || p.region_id, 'o:' || o.kind) COLLATE "C" AS k
               FROM agreements_party p
               LEFT JOIN agreements_organization o ON o.id = p.organization_id)"""
_PAIRS = f"""
SELECT n1.k, n2.k, a.primary_affair_id, {_BUCKET}, count(DISTINCT a.id)
  FROM agreements_agreement a
  JOIN {_NODES} n1 ON n1.agreement_id = a.id
  JOIN {_NODES} n2 ON n2.agreement_id = a.id AND n1.k < n2.k
 WHERE {{where}}
 GROUP BY 1, 2, 3, 4"""  # noqa: S608 (constant fragments)
_NODE_COUNTS = f"""
SELECT n.k, count(DISTINCT a.id), count(DISTINCT n.organization_id)
  FROM agreements_agreement a JOIN {_NODES} n ON n.agreement_id = a.id
 WHERE {{where}} GROUP BY 1"""  # noqa: S608 (constant fragments)
_ACTIVE_TODAY = "a.status = 'berlaku' AND (a.end_date IS NULL OR a.end_date > %s)"
_REGION_VALUES = f"""
SELECT r.code, count(DISTINCT a.id),
       count(DISTINCT a.id) FILTER (WHERE {_ACTIVE_TODAY}),
       count(DISTINCT a.id) FILTER (WHERE {_ACTIVE_TODAY} AND {_IDLE})
  FROM agreements_party p
  JOIN regions_region r ON r.id = p.region_id
  JOIN agreements_agreement a ON a.id = p.agreement_id
 WHERE r.level = %s AND {{where}} {{within}}
 GROUP BY 1
UNION ALL
SELECT r.code, count(*), count(*) FILTER (WHERE {_ACTIVE_TODAY}),
       count(*) FILTER (WHERE {_ACTIVE_TODAY} AND {_IDLE})
  FROM agreements_agreement a JOIN regions_region r ON r.id = a.owner_region_id
 WHERE r.level = %s AND {{where}} {{within}}
   AND NOT EXISTS (SELECT 1 FROM agreements_party p
                    WHERE p.agreement_id = a.id AND p.region_id = a.owner_region_id)
 GROUP BY 1"""  # noqa: S608 (constant fragments)
_LINES = """
SELECT r1.code, r2.code, count(DISTINCT a.id) AS n
  FROM agreements_party p1
  JOIN agreements_party p2 ON p2.agreement_id = p1.agreement_id
  JOIN regions_region r1 ON r1.id = p1.region_id
  JOIN regions_region r2 ON r2.id = p2.region_id AND r2.code > r1.code
  JOIN agreements_agreement a ON a.id = p1.agreement_id
 WHERE {where} {within}
 GROUP BY 1, 2 ORDER BY n DESC, 1, 2"""
_ORGANIZATIONS = """
SELECT o.name, o.kind, count(DISTINCT a.id) AS n
  FROM agreements_party p
  JOIN agreements_organization o ON o.id = p.organization_id
  JOIN agreements_agreement a ON a.id = p.agreement_id
 WHERE {where} GROUP BY 1, 2 ORDER BY n DESC, 1"""


@dataclass
class RawAggregates:
    """The aggregates of the dashboard, the network and the map for one scope and filters;
    `home`: the regions left out of the top partners (the scope's own)."""

    scope: list[int] | None
    query: dict[str, str]
    today: datetime.date

    def __post_init__(self) -> None:
        self.base = RawQuery(self.scope, self.query)
        self.where = " AND ".join(self.base.conditions)

    def _rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _bucket_params(self) -> list[Any]:
        from sinergi.agreements.models import ENDING_SOON_DAYS, PIPELINE_STATUSES

        soon = self.today + datetime.timedelta(days=ENDING_SOON_DAYS)
        active = Status.ACTIVE.value
        pipeline = [str(s) for s in PIPELINE_STATUSES]
        return [active, self.today, Status.ENDED.value, active, soon, active, pipeline]

    def figures(self, home: list[int]) -> dict[str, list[tuple[Any, ...]]]:
        params = self.base.params
        return {
            "cube": self._rows(_CUBE.format(where=self.where), [*self._bucket_params(), *params]),
            "other_sectors": self._rows(_OTHER_SECTORS.format(where=self.where), params),
            "partners": self._rows(_PARTNERS.format(where=self.where), [*params, home]),
            "flags": self._rows(_FLAGS.format(where=self.where), params),
        }

    def network(self) -> dict[str, list[tuple[Any, ...]]]:
        params = self.base.params
        return {
            "pairs": self._rows(_PAIRS.format(where=self.where), [*self._bucket_params(), *params]),
            "nodes": self._rows(_NODE_COUNTS.format(where=self.where), params),
        }

    def region_values(self, level: str, within: list[int] | None) -> list[tuple[Any, ...]]:
        clause = "AND r.id = ANY(%s)" if within is not None else ""
        extra = [within] if within is not None else []
        counts = [self.today, self.today]  # the two FILTERs
        sql = _REGION_VALUES.format(where=self.where, within=clause)
        part = [*counts, level, *self.base.params, *extra]
        return self._rows(sql, [*part, *part])

    def lines(self, within: list[int] | None) -> dict[str, list[tuple[Any, ...]]]:
        clause = "AND (r1.id = ANY(%s) OR r2.id = ANY(%s))" if within is not None else ""
        extra = [within, within] if within is not None else []
        params = self.base.params
        return {
            "lines": self._rows(_LINES.format(where=self.where, within=clause), [*params, *extra]),
            "organizations": self._rows(_ORGANIZATIONS.format(where=self.where), params),
        }
