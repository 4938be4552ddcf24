"""Reads of agreements for pages, exports and the API. Region scope is applied here."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Lookup, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from sinergi.accounts.scope import visible_regions
from sinergi.affairs.models import Affair
from sinergi.agreements import search
from sinergi.agreements.models import (
    PIPELINE_STATUSES,
    Agreement,
    AgreementQuerySet,
    Party,
    Status,
    StatusAsOf,
)
from sinergi.core.kept import kept
from sinergi.core.versions import AGREEMENTS

SORTS = {
    "terbaru": ("-signed_on", "-created_at", "-id"),
    "terlama": ("signed_on", "created_at", "id"),
    "berakhir": ("end_date", "id"),
    "judul": ("title", "id"),
}
# A status filter a user can pick besides the stored ones.
ENDING_SOON = "akan_berakhir"
# Columns no list, export or API item shows; a region's boundary is a GeoJSON of up to
# hundreds of kB, which would be read and decoded for every row of a page.
UNLISTED = (
    "search_document",
    "search_stems",
    "owner_region__boundary",
    "owner_region__attribute_sources",
)
UNLISTED_REGION = ("region__boundary", "region__attribute_sources")
IN_PROCESS = "dalam_proses"  # usulan up to penandatanganan
IDLE = "simbolis"  # an open early warning "tidak ada kegiatan" (alerts.Warning)


@dataclass
class AgreementFilters:
    q: str = ""
    doc_type: str = ""
    kind: str = ""
    affair: str = ""  # affair code, primary or other
    status: str = ""  # a Status value, or "akan_berakhir"
    year: int | None = None  # year of signing
    year_from: int | None = None  # signed in this year or later
    year_to: int | None = None  # signed in this year or earlier
    province: str = ""  # province code: owned by or naming the province or one of its regions
    region: str = ""  # Kemendagri code of a party or the owner
    party: str = ""  # part of a party's name (region or organisation)
    organization: int | None = None  # a third-party organisation's id (exact, for links)
    agency: int | None = None  # implementing OPD id
    flag: str = ""  # a planning flag code (planning.AgreementFlag.Code)
    sort: str = "terbaru"


def visible_agreements(*, user: Any) -> AgreementQuerySet:
    """Agreements owned by or naming one of the user's regions (`visible_to_regions`).

    Written for PostgreSQL's planner (docs/benchmarks.md). A superuser sees every region:
    no condition, rather than one that every row passes after a scan of them all. For the
    others, `owner IN (subquery) OR pk IN (subquery)` reads the whole table and every party;
    instead the ids in scope are gathered first (owned UNION party to, two index-only
    scans) and the rows fetched by primary key, `pk = ANY(ARRAY(...))`.
    """
    if user.is_superuser:
        return Agreement.objects.all()
    regions = visible_regions(user)
    if connection.vendor != "postgresql":
        return Agreement.objects.visible_to_regions(regions)
    from django.contrib.postgres.expressions import ArraySubquery  # needs psycopg

    owned = Agreement.all_objects.filter(owner_region__in=regions).order_by().values("pk")
    party_to = Party.objects.filter(region__in=regions).order_by().values("agreement_id")
    return Agreement.objects.filter(
        _AnyOf(F("pk"), ArraySubquery(owned.union(party_to).order_by()))
    )


@dataclass(frozen=True)
class PinnedAgreements:
    """Agreements whose ids were read once (`pin`), for several aggregates over the same
    ones: the agreements themselves, and `of(field)` to filter related rows by them."""

    agreements: AgreementQuerySet
    array: Any = None  # the ids as one SQL array, or None: not pinned, a subquery instead

    def of(self, field: str) -> Any:
        """A filter for `field` (a related table's agreement id) to be one of them."""
        if self.array is None:
            return Q(**{f"{field}__in": self.agreements.order_by().values("pk")})
        return _AnyOf(F(field), self.array)


def pin(agreements: AgreementQuerySet, *, enabled: bool = True) -> PinnedAgreements:
    """Read the ids of a region's or province's agreements once (a few thousand), then pass
    them as one array parameter: each aggregate would otherwise gather the scope again and
    PostgreSQL, given the scope as a subquery, may scan a related table whole instead of
    looking up those ids (docs/benchmarks.md). PostgreSQL only; SQLite (the quick start)
    keeps the subquery, whose ids as an IN list would be capped by its parameters. Not for
    the whole country (`enabled=False`): there every row is in scope anyway."""
    if not enabled or connection.vendor != "postgresql":
        return PinnedAgreements(agreements)
    ids = agreements.order_by().values_list("pk", flat=True)
    # One text parameter cast to an array: a list parameter is converted id by id, twice
    # (Django's field, then psycopg), for every query that uses it.
    array = RawSQL("%s::bigint[]", ("{" + ",".join(map(str, ids)) + "}",))
    pinned = Agreement.all_objects.filter(_AnyOf(F("pk"), array))  # ids of live rows only
    return PinnedAgreements(pinned, array)


class _AnyOf(Lookup[Any]):
    """`column = ANY(array)`: an index condition on the array computed once, where
    `IN (subquery)` lets the planner join the subquery to a scan of the whole table."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def agreement_list(
    *, user: Any, filters: AgreementFilters, today: datetime.date | None = None
) -> AgreementQuerySet:
    """The agreements a user may see, filtered, searched and sorted, ready for a page."""
    today = today or timezone.localdate()
    agreements = apply_filters(visible_agreements(user=user), filters, today)
    agreements = search.matching(agreements, filters.q)
    return _listed(agreements).order_by(*SORTS.get(filters.sort, SORTS["terbaru"]))


def _listed(agreements: AgreementQuerySet) -> AgreementQuerySet:
    """What a list row shows: owner, sector and parties, without the heavy columns."""
    parties = Party.objects.select_related("region", "organization").defer(*UNLISTED_REGION)
    return (
        agreements.select_related("owner_region", "primary_affair")
        .defer(*UNLISTED)
        .prefetch_related(Prefetch("parties", queryset=parties), "flags")
    )


def agreement_page(
    agreements: AgreementQuerySet, *, number: Any, per_page: int, count: int
) -> Page:
    """One page of `agreement_list`, its rows in order; `count` as `agreement_counts` gave it.

    The ids of the page are chosen first, from the agreement table alone, and only those
    rows are then joined to their owner, sector and parties: joined first, PostgreSQL joins
    every row in scope before it sorts them (docs/benchmarks.md).
    """
    paginator = Paginator(agreements.values_list("pk", flat=True), per_page)
    paginator.count = count  # counted already, with the same scope and filters
    page = paginator.get_page(number)
    page.object_list = list_rows(list(page.object_list))
    return page


def agreement_rows(ids: list[int]) -> list[Agreement]:
    """The agreements `ids`, in that order, with what an API list item shows.

    `ids` must come from `agreement_list` (which applied the user's scope). The related
    rows go to plain lists (`to_attr`, read by `schemas.AgreementOut`): prefetched into
    their managers, Django builds a filtered queryset per agreement and per party, which
    cost more than the queries (docs/benchmarks.md)."""
    from sinergi.agencies.models import Agency

    agencies = Prefetch("agencies", queryset=Agency.objects.only("pk"), to_attr="listed_agencies")
    parties = (
        Party.objects.select_related("region", "organization")
        .defer(*UNLISTED_REGION)
        .prefetch_related(agencies)
    )
    listed = (
        Agreement.objects.filter(pk__in=ids)
        .select_related("owner_region", "primary_affair")
        .defer(*UNLISTED)
        .prefetch_related(
            Prefetch("parties", queryset=parties, to_attr="listed_parties"),
            Prefetch(
                "other_affairs", queryset=Affair.objects.only("code"), to_attr="listed_affairs"
            ),
        )
    )
    rows = {a.pk: a for a in listed}
    return [rows[pk] for pk in ids if pk in rows]


@dataclass(frozen=True)
class ListFlag:
    code: str
    explanation: str

    def get_code_display(self) -> str:
        from sinergi.planning.models import AgreementFlag  # planning depends on agreements

        return str(AgreementFlag.Code(self.code).label)


@dataclass
class ListRow(StatusAsOf):
    """One line of the list page, read as values: a page of 25 agreements as model
    instances, with their owner, sector, parties and the parties' regions, is some 180
    objects, which took longer to build than its three queries took (docs/benchmarks.md)."""

    pk: int
    title: str
    number: str
    doc_type: str
    kind: str
    status: str
    end_date: datetime.date | None
    affair_name: str | None
    parties: list[str] = field(default_factory=list)
    flags: list[ListFlag] = field(default_factory=list)

    def get_doc_type_display(self) -> str:
        return str(Agreement.DocType(self.doc_type).label)


def list_rows(ids: list[int]) -> list[ListRow]:
    """The agreements `ids`, in that order, as the list page shows them.

    `ids` must come from `agreement_list` (which applied the user's scope)."""
    from sinergi.planning.models import AgreementFlag  # planning depends on agreements

    columns = ("title", "number", "doc_type", "kind", "status", "end_date")
    found = Agreement.objects.filter(pk__in=ids).values_list("pk", *columns, "primary_affair__name")
    rows = {r[0]: ListRow(*r) for r in found}
    parties = Party.objects.filter(agreement_id__in=ids).order_by("agreement_id", "position")
    for agreement_id, region, organization in parties.values_list(
        "agreement_id", "region__name", "organization__name"
    ):
        rows[agreement_id].parties.append(region or organization)
    flags = AgreementFlag.objects.filter(agreement_id__in=ids).order_by("agreement_id", "code")
    for agreement_id, code, explanation in flags.values_list("agreement_id", "code", "explanation"):
        rows[agreement_id].flags.append(ListFlag(code, explanation))
    return [rows[pk] for pk in ids if pk in rows]


def apply_filters(
    agreements: AgreementQuerySet, f: AgreementFilters, today: datetime.date
) -> AgreementQuerySet:
    if f.doc_type:
        agreements = agreements.filter(doc_type=f.doc_type)
    if f.kind:
        agreements = agreements.filter(kind=f.kind)
    if f.affair:
        agreements = _filter_affair(agreements, f.affair)
    agreements = _filter_status(agreements, f.status, today)
    if f.year:
        agreements = agreements.filter(signed_on__year=f.year)
    if f.province:
        in_province = Q(region__code=f.province) | Q(region__parent__code=f.province)
        agreements = agreements.filter(
            Q(owner_region__code=f.province)
            | Q(owner_region__parent__code=f.province)
            | Q(pk__in=Party.objects.filter(in_province).values("agreement_id"))
        )
    if f.year_from:
        agreements = agreements.filter(signed_on__year__gte=f.year_from)
    if f.year_to:
        agreements = agreements.filter(signed_on__year__lte=f.year_to)
    if f.region:
        agreements = agreements.filter(
            Q(owner_region__code=f.region)
            | Q(pk__in=Party.objects.filter(region__code=f.region).values("agreement_id"))
        )
    if f.party:
        parties = Party.objects.filter(
            Q(region__name__icontains=f.party) | Q(organization__name__icontains=f.party)
        )
        agreements = agreements.filter(pk__in=parties.values("agreement_id"))
    if f.organization:
        parties = Party.objects.filter(organization_id=f.organization)
        agreements = agreements.filter(pk__in=parties.values("agreement_id"))
    if f.agency:
        parties = Party.objects.filter(agencies__pk=f.agency)
        agreements = agreements.filter(pk__in=parties.values("agreement_id"))
    if f.flag:
        from sinergi.planning.models import AgreementFlag  # planning depends on agreements

        flagged = AgreementFlag.objects.filter(code=f.flag).values("agreement_id")
        agreements = agreements.filter(pk__in=flagged)
    return agreements


def _filter_affair(agreements: AgreementQuerySet, code: str) -> AgreementQuerySet:
    """Primary or other affair `code`. The affair's id is read first (one row): compared by
    id, PostgreSQL checks the column of each agreement and a hashed set of the other-affair
    rows (45 ms at 100,000 agreements), where a join to the affairs by code took 210 ms.
    A subquery, not a join to the other affairs: a join repeats rows and needs DISTINCT."""
    affair_id = Affair.objects.filter(code=code).values_list("pk", flat=True).first()
    if affair_id is None:
        return agreements.none()
    others = Agreement.other_affairs.through.objects.filter(affair_id=affair_id)
    return agreements.filter(
        Q(primary_affair_id=affair_id) | Q(pk__in=others.values("agreement_id"))
    )


def _filter_status(
    agreements: AgreementQuerySet, status: str, today: datetime.date
) -> AgreementQuerySet:
    """Status as of today: an active agreement past its end date counts as ended."""
    if status == ENDING_SOON:
        return agreements.ending_within(90, today)
    if status == IN_PROCESS:
        return agreements.filter(status__in=PIPELINE_STATUSES)
    if status == IDLE:
        from sinergi.alerts.models import Warning  # alerts depends on agreements

        idle = Warning.objects.open().filter(kind=Warning.Kind.IDLE).values("agreement_id")
        return agreements.filter(pk__in=idle)
    if status == Status.ACTIVE:
        return agreements.active(today)
    if status == Status.ENDED:
        return agreements.filter(
            Q(status=Status.ENDED) | Q(status=Status.ACTIVE, end_date__lte=today)
        )
    if status in Status.values:
        return agreements.filter(status=status)
    return agreements


def agreement_get_for_user(*, user: Any, pk: int) -> Agreement:
    """The one access-checked lookup of an agreement: 404 outside the user's regions."""
    agreement = (
        visible_agreements(user=user)
        .filter(pk=pk)
        .select_related("owner_region", "primary_affair", "parent", "renews", "created_by")
        # The owner's boundary is a polygon of up to hundreds of kB that no agreement page
        # draws: reading it took most of this query's time at national size.
        .defer("owner_region__boundary")
        .first()
    )
    if agreement is None:
        raise Http404("Kerja sama tidak ditemukan.")
    return agreement


def agreement_counts(agreements: AgreementQuerySet) -> dict[str, int]:
    """KB-type documents and PKS counted apart, as the province reports them.

    One query (GROUP BY doc_type) instead of one per count: each count repeats the scope and
    the filters. COUNT(*), as COUNT(id) would need an index that holds the id. `semua` (all)
    is what a paginator would count again.
    """
    count = Count("pk", distinct=True) if agreements.query.distinct else Count("*")
    rows = agreements.order_by().prefetch_related(None).values_list("doc_type")
    return _type_counts(dict(rows.annotate(n=count)))


def _type_counts(by_type: dict[str, int]) -> dict[str, int]:
    return {
        "kerangka": sum(by_type.get(t, 0) for t in Agreement.FRAMEWORK_TYPES),
        "pks": by_type.get(Agreement.DocType.PKS, 0),
        "adendum": by_type.get(Agreement.DocType.ADDENDUM, 0),
        "semua": sum(by_type.values()),
    }


IN_MEMORY_ROWS = 5000


def _matches_in_memory(agreements: AgreementQuerySet, *fields: str) -> list[Any] | None:
    """`fields` of every match, in order, when there are at most `IN_MEMORY_ROWS` (a region's
    or province's scope: counted and paged in Python from this one query), else None."""
    rows = list(agreements.prefetch_related(None).values_list(*fields)[: IN_MEMORY_ROWS + 1])
    if len(rows) > IN_MEMORY_ROWS:
        return None
    if agreements.query.distinct:  # a search joined to its matches: a row per match
        rows = list(dict.fromkeys(rows))
    return rows


def agreement_ids(
    agreements: AgreementQuerySet, *, start: int, size: int, whole_country: bool
) -> tuple[int, list[int]]:
    """How many agreements match, and the ids of `size` of them from `start` (the API's
    page): in a region's scope from one query, as `agreement_listing` does."""
    rows = None if whole_country else _matches_in_memory(agreements, "pk")
    if rows is not None:
        return len(rows), [pk for (pk,) in rows[start : start + size]]
    ids = list(agreements.values_list("pk", flat=True)[start : start + size])
    return _kept_counts(agreements)["semua"], ids


def _kept_counts(agreements: AgreementQuerySet) -> dict[str, int]:
    """`agreement_counts` of a large scope, kept under the agreements' data version (raised
    by every change a filter reads): counting the whole country took 25–70 ms at 100,000
    agreements on every page turn, 3× the time at 1,000 (docs/benchmarks.md)."""
    return kept(
        "kerja-sama-jumlah",
        agreements.order_by(),
        [AGREEMENTS],
        lambda: agreement_counts(agreements),
    )


def agreement_listing(
    agreements: AgreementQuerySet, *, number: Any, per_page: int, whole_country: bool
) -> tuple[dict[str, int], Page]:
    """The counts (`agreement_counts`) and one page (`agreement_page`) of `agreement_list`.

    In a region's or province's scope one query reads the id and document type of every
    match, in order, and Python counts and slices them: the scope and the filters are
    evaluated once instead of twice (docs/benchmarks.md). Beyond `IN_MEMORY_ROWS` matches
    (the whole country, a large province) that costs more than it saves: a GROUP BY and the
    page's ids instead."""
    rows = None if whole_country else _matches_in_memory(agreements, "pk", "doc_type")
    if rows is None:
        counts = _kept_counts(agreements)
        page = agreement_page(agreements, number=number, per_page=per_page, count=counts["semua"])
        return counts, page
    by_type: dict[str, int] = {}
    for _, doc_type in rows:
        by_type[doc_type] = by_type.get(doc_type, 0) + 1
    ids: list[Any] = [pk for pk, _ in rows]  # then the page's agreements (Page[Any])
    page = Paginator(ids, per_page).get_page(number)
    page.object_list = list_rows(list(page.object_list))
    return _type_counts(by_type), page
