"""Reads for the public portal: only `Agreement.objects.public()`, only public columns.

Nothing here knows a user. Every query starts from `public_agreements()`, so an agreement a
region has not marked public, one still in the pipeline, a rejected or a deleted one never
reaches a portal page, search, statistics or export.
"""

import datetime
import re
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils import timezone

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement, AgreementQuerySet, Party, Status
from sinergi.agreements.search import matching
from sinergi.core.versions import data_version as agreements_data_version
from sinergi.regions.models import Region

# The statuses a public agreement can have as of today (pipeline and rejected never are public).
PUBLIC_STATUSES = (Status.ACTIVE, Status.ENDED, Status.TERMINATED)
# Columns a portal row may read. Not the number, notes, DPRD data, financing or search text.
PUBLIC_COLUMNS = (
    "id",
    "title",
    "doc_type",
    "kind",
    "status",
    "signed_on",
    "signed_place",
    "start_date",
    "end_date",
    "purpose",
    "scope",
    "owner_region",
    "primary_affair",
    "updated_at",
)
# A whitespace-separated piece with a digit: a year or a document number. The search text
# holds the parties' document numbers, which the portal must not let anyone probe.
_HAS_DIGIT = re.compile(r"\d")


@dataclass
class PortalFilters:
    q: str = ""
    region: str = ""  # Kemendagri code of the owner or a party region
    affair: str = ""  # sector: the primary affair's code
    kind: str = ""
    doc_type: str = ""
    status: str = ""  # one of PUBLIC_STATUSES, as of today
    year: int | None = None  # year of signing

    @classmethod
    def from_query(cls, query: QueryDict) -> "PortalFilters":
        values: dict[str, Any] = {f.name: query.get(f.name, "").strip()[:200] for f in fields(cls)}
        year = values["year"]
        values["year"] = int(year) if year.isdigit() and 1900 <= int(year) <= 2200 else None
        return cls(**values)

    def as_query(self, **changes: Any) -> str:
        """The filters as a query string (without the page), for links and the export."""
        query = QueryDict(mutable=True)
        for f in fields(self):
            value = changes.get(f.name, getattr(self, f.name))
            if value not in ("", None):
                query[f.name] = str(value)
        return query.urlencode()

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


def public_agreements() -> AgreementQuerySet:
    """The one starting point of every portal read."""
    return Agreement.objects.public()


def search_words(text: str) -> tuple[str, bool]:
    """The words of a portal search, and whether numbers were left out of it."""
    pieces = text.split()
    words = [p for p in pieces if not _HAS_DIGIT.search(p)]
    return " ".join(words), len(words) != len(pieces)


def portal_list(filters: PortalFilters, today: datetime.date | None = None) -> QuerySet[Agreement]:
    today = today or timezone.localdate()
    agreements = _filter(public_agreements(), filters, today)
    words, dropped = search_words(filters.q)
    if dropped and not words:
        return agreements.none()  # only numbers were asked for: they are not searchable here
    agreements = matching(agreements, words)
    return agreements.order_by("-signed_on", "-id")


def portal_rows(ids: list[int]) -> list[Agreement]:
    """The agreements `ids` (from `portal_list`), in order, with public columns and parties."""
    parties = Party.objects.select_related("region", "organization").defer(
        "region__boundary", "region__attribute_sources"
    )
    rows = (
        public_agreements()
        .filter(pk__in=ids)
        .only(*PUBLIC_COLUMNS, "owner_region__code", "owner_region__name", "primary_affair__name")
        .select_related("owner_region", "primary_affair")
        .prefetch_related(Prefetch("parties", queryset=parties))
    )
    by_pk = {a.pk: a for a in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def portal_get(pk: int) -> Agreement | None:
    rows = portal_rows([pk])
    return rows[0] if rows else None


def _filter(
    agreements: AgreementQuerySet, f: PortalFilters, today: datetime.date
) -> AgreementQuerySet:
    if f.kind:
        agreements = agreements.filter(kind=f.kind)
    if f.doc_type:
        agreements = agreements.filter(doc_type=f.doc_type)
    if f.affair:
        agreements = agreements.filter(primary_affair__code=f.affair)
    if f.year:
        agreements = agreements.filter(signed_on__year=f.year)
    if f.region:
        agreements = agreements.filter(_in_region(f.region))
    return _filter_status(agreements, f.status, today)


def _in_region(code: str) -> Q:
    parties = Party.objects.filter(region__code=code).values("agreement_id")
    return Q(owner_region__code=code) | Q(pk__in=parties)


def _filter_status(
    agreements: AgreementQuerySet, status: str, today: datetime.date
) -> AgreementQuerySet:
    """As the internal list: an active agreement past its end date counts as ended."""
    if status == Status.ACTIVE:
        return agreements.active(today)
    if status == Status.ENDED:
        return agreements.filter(
            Q(status=Status.ENDED) | Q(status=Status.ACTIVE, end_date__lte=today)
        )
    if status == Status.TERMINATED:
        return agreements.filter(status=Status.TERMINATED)
    return agreements


# --- statistics -----------------------------------------------------------------------------


@dataclass
class Tally:
    key: str
    label: str
    count: int


def _current_status(today: datetime.date) -> Case:
    return Case(
        When(status=Status.ACTIVE, end_date__lte=today, then=Value(Status.ENDED.value)),
        default="status",
        output_field=CharField(),
    )


def portal_statistics(
    agreements: QuerySet[Agreement], today: datetime.date | None = None
) -> dict[str, Any]:
    """Counts of `agreements` (public ones) by kind, document type, sector, status and year.

    Plain GROUP BY queries, one per dimension; the caller caches the result."""
    today = today or timezone.localdate()
    rows = agreements.order_by()
    kinds = dict(rows.values_list("kind").annotate(n=Count("*")))
    doc_types = dict(rows.values_list("doc_type").annotate(n=Count("*")))
    statuses = dict(
        rows.annotate(current=_current_status(today)).values_list("current").annotate(n=Count("*"))
    )
    affairs = dict(rows.values_list("primary_affair_id").annotate(n=Count("*")))
    years = dict(
        rows.annotate(year=ExtractYear("signed_on")).values_list("year").annotate(n=Count("*"))
    )
    affair_rows = Affair.objects.filter(pk__in=affairs).values_list("pk", "code", "name")
    return {
        "total": sum(kinds.values()),
        "kinds": _labelled(kinds, Agreement.Kind.choices),
        "doc_types": _labelled(doc_types, Agreement.DocType.choices),
        "statuses": _labelled(statuses, [(s.value, s.label) for s in PUBLIC_STATUSES]),
        "affairs": sorted(
            (Tally(code, name, affairs[pk]) for pk, code, name in affair_rows),
            key=lambda c: (-c.count, c.key),
        ),
        "years": [
            Tally(str(year), str(year), n)
            for year, n in sorted(years.items(), key=lambda kv: -(kv[0] or 0))
            if year is not None
        ],
    }


def _labelled(counts: dict[str, int], choices: Any) -> list[Tally]:
    return [Tally(str(key), str(label), counts[key]) for key, label in choices if counts.get(key)]


def region_statistics(region: Region) -> dict[str, Any]:
    return portal_statistics(public_agreements().filter(_in_region(region.code)))


def regions_with_public_agreements(parent: Region | None = None) -> list[tuple[str, str, int]]:
    """(code, name, count) of the regions party to a public agreement (the owner region is
    always one of the parties); with `parent`, only its regencies/cities."""
    parties = Party.objects.filter(agreement__in=public_agreements().values("pk"))
    parties = parties.filter(region__isnull=False)
    if parent is not None:
        parties = parties.filter(region__parent=parent)
    rows = (
        parties.order_by("region__code")
        .values_list("region__code", "region__name")
        .annotate(n=Count("agreement_id", distinct=True))
    )
    return [(code, name, n) for code, name, n in rows]


def data_version(today: datetime.date | None = None) -> str:
    """Changes after every committed change to the agreements' data (core.versions: the
    counter raised when an agreement is published, edited, withdrawn or deleted, and by any
    other change, which only renews the cache more often than needed) and every day (the
    status of an agreement past its end date changes with the date). One read by key."""
    today = today or timezone.localdate()
    return f"{agreements_data_version()}:{today.isoformat()}"
