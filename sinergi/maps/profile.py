"""The figures of a region's profile page (/wilayah/<code>/), from the agreements the
viewer may see. Every figure counts distinct agreements and links to the agreement list
with the same filter, so the list shows exactly that many."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q

from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agreements.models import Agreement, Organization, Party, Status
from sinergi.agreements.selectors import PinnedAgreements, pin
from sinergi.planning.models import AgreementFlag
from sinergi.regions.models import Region


@dataclass
class Figure:
    label: str
    count: int
    params: dict[str, str]  # query of /kerja-sama/ listing these agreements
    code: str = ""

    @property
    def query(self) -> str:
        return urlencode(self.params)


@dataclass
class RegionProfile:
    total: int = 0
    by_status: list[Figure] = field(default_factory=list)
    by_sector: list[Figure] = field(default_factory=list)
    partner_regions: list[Figure] = field(default_factory=list)
    partner_organizations: list[Figure] = field(default_factory=list)
    agencies: list[Figure] = field(default_factory=list)
    flags: list[Figure] = field(default_factory=list)


def region_agreements(agreements: Any, *, region: Region) -> Any:
    """The agreements of `agreements` that `region` owns or is a party to (the list's
    `region` filter). A UNION of the two small sets, not an OR: with the OR PostgreSQL read
    every agreement in scope (60–100 ms per figure for the whole country)."""
    owned = Agreement.all_objects.filter(owner_region=region).values("pk")
    parties = Party.objects.filter(region=region).values("agreement_id")
    return agreements.filter(pk__in=owned.union(parties))


def region_profile(agreements: Any, *, region: Region, today: datetime.date) -> RegionProfile:
    """`agreements` must already be scoped to what the viewer may see."""
    # The region's agreements found once; every figure then reads them by id (one array).
    pinned = pin(region_agreements(agreements, region=region))
    mine = pinned.agreements.order_by()
    base = {"region": region.code}
    total, by_status = _by_status(mine, base, today)
    return RegionProfile(
        total=total,
        by_status=by_status,
        by_sector=_by_sector(pinned, base),
        partner_regions=_partner_regions(pinned, region, base),
        partner_organizations=_partner_organizations(pinned, base),
        agencies=_agencies(pinned, region),
        flags=_flags(pinned, base),
    )


def _by_status(mine: Any, base: dict[str, str], today: datetime.date) -> tuple[int, list[Figure]]:
    """The total and the status as of today, as the list filters it: in force past its end
    date = ended. One query: each count on its own repeated the scope (at national size
    three scans of the viewer's agreements)."""
    in_force = Q(status=Status.ACTIVE)
    expired = in_force & Q(end_date__lte=today)
    ending = in_force & Q(end_date__gt=today, end_date__lte=today + datetime.timedelta(days=90))
    rows: Counter[str] = Counter()
    total = 0
    for status, n, n_expired, n_ending in mine.values_list("status").annotate(
        n=Count("pk"), expired=Count("pk", filter=expired), ending=Count("pk", filter=ending)
    ):
        rows[status] += n - n_expired
        rows[Status.ENDED] += n_expired
        rows["akan_berakhir"] += n_ending
        total += n
    figures = [
        Figure(str(label), rows[value], base | {"status": value}, value)
        for value, label in Status.choices
        if rows[value]
    ]
    if rows["akan_berakhir"]:
        params = base | {"status": "akan_berakhir"}
        figures.append(
            Figure("Akan berakhir (≤ 90 hari)", rows["akan_berakhir"], params, "akan_berakhir")
        )
    return total, figures


def _by_sector(pinned: PinnedAgreements, base: dict[str, str]) -> list[Figure]:
    """Per affair, primary or other (as the list's `affair` filter): an agreement with two
    affairs counts under both."""
    pairs = set(pinned.agreements.order_by().values_list("pk", "primary_affair_id"))
    through = Agreement.other_affairs.through.objects.filter(pinned.of("agreement_id"))
    pairs |= set(through.values_list("agreement_id", "affair_id"))
    counts = Counter(affair_id for _, affair_id in pairs)
    affairs = Affair.objects.in_bulk(list(counts))
    figures = [
        Figure(affairs[pk].name, n, base | {"affair": affairs[pk].code}, affairs[pk].code)
        for pk, n in counts.items()
    ]
    return sorted(figures, key=lambda f: (-f.count, f.code))


def _partner_regions(
    pinned: PinnedAgreements, region: Region, base: dict[str, str]
) -> list[Figure]:
    rows = (
        Party.objects.filter(pinned.of("agreement_id"), region__isnull=False)
        .exclude(region=region)
        .values_list("region__code", "region__name")
        .annotate(n=Count("agreement_id", distinct=True))
        .order_by("-n", "region__code")
    )
    return [Figure(name, n, base | {"party": name}, code) for code, name, n in rows]


def _partner_organizations(pinned: PinnedAgreements, base: dict[str, str]) -> list[Figure]:
    kinds = dict(Organization.Kind.choices)
    rows = (
        Party.objects.filter(pinned.of("agreement_id"), organization__isnull=False)
        .values_list("organization__name", "organization__kind")
        .annotate(n=Count("agreement_id", distinct=True))
        .order_by("-n", "organization__name")
    )
    return [
        Figure(name, n, base | {"party": name}, str(kinds.get(kind, ""))) for name, kind, n in rows
    ]


def _agencies(pinned: PinnedAgreements, region: Region) -> list[Figure]:
    """The region's own OPDs named as implementers of its side (or any side) of these."""
    rows = (
        Agency.objects.filter(pinned.of("agreement_parties__agreement_id"), region=region)
        .values_list("pk", "name")
        .annotate(n=Count("agreement_parties__agreement_id", distinct=True))
        .order_by("-n", "name")
    )
    return [
        Figure(name, n, {"region": region.code, "agency": str(pk)}, str(pk)) for pk, name, n in rows
    ]


def _flags(pinned: PinnedAgreements, base: dict[str, str]) -> list[Figure]:
    labels = dict(AgreementFlag.Code.choices)
    rows = (
        AgreementFlag.objects.filter(pinned.of("agreement_id"))
        .values_list("code")
        .annotate(n=Count("agreement_id", distinct=True))
        .order_by("code")
    )
    return [Figure(str(labels.get(code, code)), n, base | {"flag": code}, code) for code, n in rows]
