"""The requests measured, each beside the raw SQL that fetches the same rows.

A scenario is one URL requested as one persona through Django's test client (middleware,
session, template or JSON rendering). Requests and raw queries alternate, so both see the
same load from whatever else runs on the machine.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.test import Client, RequestFactory

from bench.raw import RawQuery
from bench.timing import Sample, Stats, slowest, timed
from sinergi.accounts.models import User
from sinergi.accounts.scope import visible_regions
from sinergi.agreements.selectors import agreement_list
from sinergi.agreements.views import PAGE_SIZE, filters_from
from sinergi.regions.models import Region

LIST_URL, API_URL, API_PAGE_SIZE = "/kerja-sama/", "/api/v1/kerja-sama", 20
WARMUP = 5


@dataclass(frozen=True)
class Case:
    group: str  # list, search, api, growth
    name: str
    query: tuple[tuple[str, str], ...] = ()
    page: int = 1

    @property
    def params(self) -> dict[str, str]:
        return dict(self.query)


@dataclass
class Persona:
    name: str
    user: User
    client: Client
    scope: list[int] | None  # region ids, None = the whole country


@dataclass
class Result:
    case: Case
    persona: str
    page: int
    matches: int
    server: Stats
    db: Stats
    queries: int
    raw: Stats
    statements: list[tuple[str, float]]  # the slowest statement shapes, mean ms per request

    @property
    def ratio(self) -> float:
        return self.db.p50 / self.raw.p50


def personas() -> list[Persona]:
    kaltim = Region.objects.get(code="64")
    admin, _ = User.objects.get_or_create(
        username="bench.admin.kaltim", defaults={"role": "admin_provinsi", "region": kaltim}
    )
    root, _ = User.objects.get_or_create(
        username="bench.root", defaults={"is_superuser": True, "is_staff": True}
    )
    scope = list(visible_regions(admin).values_list("pk", flat=True))
    return [_persona("Admin Provinsi Kaltim", admin, scope), _persona("superuser", root, None)]


def _persona(name: str, user: User, scope: list[int] | None) -> Persona:
    client = Client()
    client.force_login(user)
    return Persona(name, user, client, scope)


def measure(persona: Persona, case: Case, runs: int) -> Result:
    """Warm up, then alternate request and raw query `runs` times."""
    size = API_PAGE_SIZE if case.group == "api" else PAGE_SIZE
    ids, page, matches = _expected(persona.user, case, size)
    raw = RawQuery(persona.scope, case.params)
    url = _url(case, page)
    _check(persona, raw, url, ids, page, size, matches)
    samples, raw_samples = [], []
    for run in range(WARMUP + runs):
        sample, response = timed(lambda: persona.client.get(url))
        raw_sample, _ = timed(lambda: (raw.page(page, size), raw.totals()))
        ensure(response.status_code == 200, f"{url}: HTTP {response.status_code}")
        if run >= WARMUP:
            samples.append(sample)
            raw_samples.append(raw_sample)
    return _result(persona, case, page, matches, samples, raw_samples)


def _url(case: Case, page: int) -> str:
    if case.group == "api":
        return f"{API_URL}?{urlencode({**case.params, 'page': page})}"
    return f"{LIST_URL}?{urlencode({**case.params, 'halaman': page})}"


def _expected(user: User, case: Case, size: int) -> tuple[list[int], int, int]:
    """The page the view shows: its ids, its number (a page past the end shows the last),
    and the count of matches, read through the view's own parsing and selector."""
    request = RequestFactory().get(LIST_URL, case.params)
    request.user = user
    agreements = agreement_list(user=user, filters=filters_from(request))  # type: ignore[arg-type]
    page = Paginator(agreements, size).get_page(case.page)
    return [a.pk for a in page.object_list], page.number, page.paginator.count


def _check(
    persona: Persona, raw: RawQuery, url: str, ids: list[int], page: int, size: int, count: int
) -> None:
    """The raw SQL returns the same rows in the same order, and so does the response."""
    ensure([row[0] for row in raw.page(page, size)] == ids, f"{url}: raw SQL, other rows")
    ensure(raw.totals()[0] == count, f"{url}: raw SQL counts other rows than the page")
    response = persona.client.get(url)
    if url.startswith(API_URL):
        shown = [item["id"] for item in response.json()["items"]]
    else:
        shown = [
            int(pk) for pk in re.findall(r'href="/kerja-sama/(\d+)/"', response.content.decode())
        ]
    ensure(shown == ids, f"{url}: the response shows other rows than the selector")


def ensure(condition: bool, message: str) -> None:
    if not condition:
        raise RuntimeError(message)


def _result(
    persona: Persona,
    case: Case,
    page: int,
    matches: int,
    samples: list[Sample],
    raw_samples: list[Sample],
) -> Result:
    return Result(
        case=case,
        persona=persona.name,
        page=page,
        matches=matches,
        server=Stats.of([s.seconds for s in samples]),
        db=Stats.of([s.db_seconds for s in samples]),
        queries=max(s.queries for s in samples),
        raw=Stats.of([s.seconds for s in raw_samples]),
        statements=slowest(samples),
    )


def cases(year: int) -> list[Case]:
    return [
        Case("list", "first page"),
        Case("list", "page 200", page=200),
        Case(
            "list",
            "filter berlaku + 1.02 + year",
            (("status", "berlaku"), ("affair", "1.02"), ("year", str(year))),
        ),
        Case("search", "q=pelayanan kesehatan", (("q", "pelayanan kesehatan"),)),
        Case("search", "q=sampah terpadu (rare)", (("q", "sampah terpadu"),)),
        Case("api", "API first page"),
        Case("api", "API q=pelayanan kesehatan", (("q", "pelayanan kesehatan"),)),
    ]


GROWTH_CASE = Case("list", "first page")


def run_all(people: list[Persona], selected: list[Case], runs: int) -> list[Result]:
    return [measure(p, c, runs) for c in selected for p in people]
