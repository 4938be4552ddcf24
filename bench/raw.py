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
