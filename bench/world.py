"""What generated agreements draw from: the 552 regions, their neighbours, the affairs and a
few hundred partner organisations (created here, in one insert)."""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from bench import words
from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agencies.names import compact
from sinergi.agreements.models import Organization
from sinergi.regions.models import Region, RegionBorder


@dataclass
class World:
    regions: list[Region]
    affairs: dict[str, Affair]
    organizations: list[Organization]
    by_id: dict[int, Region] = field(init=False)
    members: dict[int, list[Region]] = field(init=False)  # province id -> province + regencies
    neighbours: dict[int, list[Region]] = field(init=False)  # from the boundaries, if loaded

    def __post_init__(self) -> None:
        self.by_id = {r.pk: r for r in self.regions}
        self.members = defaultdict(list)
        for region in self.regions:
            self.members[region.parent_id or region.pk].append(region)
        self.neighbours = defaultdict(list)
        # Ordered, so that the same seed draws the same partners on every run.
        borders = RegionBorder.objects.order_by("region__code", "neighbour__code")
        for region_id, neighbour_id in borders.values_list("region", "neighbour"):
            self.neighbours[region_id].append(self.by_id[neighbour_id])

    def province_of(self, region: Region) -> Region:
        return self.by_id[region.parent_id or region.pk]


def load_world(rng: random.Random, organizations: int = 300) -> World:
    regions = list(Region.objects.defer("boundary", "attribute_sources").order_by("code"))
    affairs = {a.code: a for a in Affair.objects.sectors()}
    _create_agencies(regions)
    return World(regions, affairs, _create_organizations(rng, regions, organizations))


def _create_agencies(regions: list[Region]) -> None:
    """The usual OPDs of every region (no agreement names them: only the filter lists them)."""
    Agency.objects.bulk_create(
        [
            Agency(
                region=r,
                name=f"{name} {r.name}",
                kind=kind,
                normalized_name=compact(f"{name} {r.name}"),
            )
            for r in regions
            for name, kind in words.AGENCIES
        ],
        batch_size=2000,
    )


def _create_organizations(
    rng: random.Random, regions: list[Region], count: int
) -> list[Organization]:
    """Universities, firms and regional enterprises named after cities; ministries; a few
    foreign bodies. Most popular first (the generator picks them with falling weights)."""
    cities = [r.name.removeprefix("Kabupaten ").removeprefix("Kota ") for r in regions]
    named = [(name, "kementerian_lembaga") for name in words.CENTRAL_BODIES] + words.FOREIGN
    seen = {compact(name) for name, _ in named}
    while len(named) < count:
        pattern, kind = rng.choice(words.ORG_PATTERNS)
        name = pattern.format(city=rng.choice(cities), word=rng.choice(words.ORG_WORDS))
        if compact(name) not in seen:
            seen.add(compact(name))
            named.append((name, kind))
    rng.shuffle(named)
    rows = [Organization(name=n, kind=k, name_key=compact(n)) for n, k in named]
    return Organization.objects.bulk_create(rows)
