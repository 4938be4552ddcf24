"""Rankings of the catalogue: the most replicated innovations, the regions that share most,
and the SPM fields with few innovations against their gaps.

Only published innovations count (what every region can see). A replication counts once its
interest is accepted (a draft agreement exists); `signed` says how many of those agreements
are signed, i.e. replications actually under way.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

from sinergi.innovations.models import Innovation, ReplicationInterest
from sinergi.innovations.selectors import SIGNED
from sinergi.regions.models import Region

LIMIT = 10
LAGGING = Decimal(80)  # an SPM field index below "Tuntas Utama" (as in spm.suggestions)
ACCEPTED = ReplicationInterest.Status.ACCEPTED


def _scoped(region: Region | None) -> Any:
    innovations = Innovation.objects.published()
    if region is not None:
        innovations = innovations.filter(Q(region=region) | Q(region__parent=region))
    return innovations


def most_replicated(*, province: Region | None = None, limit: int = LIMIT) -> list[Innovation]:
    """Published innovations by accepted replications, then signed ones, then name."""
    accepted = Q(interests__status=ACCEPTED)
    signed = accepted & Q(interests__agreement__status__in=SIGNED)
    return list(
        _scoped(province)
        .select_related("region", "affair")
        .annotate(
            replications=Count("interests", filter=accepted, distinct=True),
            signed=Count("interests", filter=signed, distinct=True),
        )
        .filter(replications__gt=0)
        .order_by("-replications", "-signed", "name", "pk")[:limit]
    )


@dataclass
class SharingRegion:
    region: Region
    published: int
    replicated_by_others: int

    @property
    def score(self) -> int:
        return self.published + 2 * self.replicated_by_others


def sharing_regions(*, province: Region | None = None, limit: int = LIMIT) -> list[SharingRegion]:
    """Regions by what they share: innovations published, and replications of them by other
    regions (counted double: shared knowledge that was taken up)."""
    counts: dict[int, list[int]] = {}
    published = _scoped(province).values("region").annotate(n=Count("pk"))
    for row in published:
        counts.setdefault(row["region"], [0, 0])[0] = row["n"]
    replicated = (
        ReplicationInterest.objects.filter(status=ACCEPTED, innovation__in=_scoped(province))
        .values("innovation__region")
        .annotate(n=Count("pk"))
    )
    for row in replicated:
        counts.setdefault(row["innovation__region"], [0, 0])[1] = row["n"]
    regions = Region.objects.defer("boundary").in_bulk(list(counts))
    found = [SharingRegion(regions[pk], p, r) for pk, (p, r) in counts.items()]
    found.sort(key=lambda s: (-s.score, -s.published, s.region.name))
    return found[:limit]


@dataclass
class SectorGap:
    field_name: str
    affair_name: str
    affair_code: str
    innovations: int
    regions_measured: int
    regions_lagging: int
    mean_index: Decimal | None

    @property
    def lagging_share(self) -> Decimal | None:
        if not self.regions_measured:
            return None
        return Decimal(100) * self.regions_lagging / self.regions_measured

    @property
    def need(self) -> Decimal:
        """Lagging regions per innovation available (more is a bigger unmet need)."""
        return Decimal(self.regions_lagging) / Decimal(self.innovations + 1)


def sector_gaps(*, regions: list[Region], year: int | None) -> list[SectorGap]:
    """Per SPM field: published innovations in its affair against the regions (of `regions`)
    whose field index is under LAGGING in `year`; biggest unmet need first."""
    from sinergi.spm.models import Field
    from sinergi.spm.selectors import region_indices

    fields = list(Field.objects.select_related("affair"))
    counts = dict(
        Innovation.objects.published()
        .filter(affair__in=[f.affair_id for f in fields])
        .values_list("affair")
        .annotate(n=Count("pk"))
    )
    indices = region_indices(regions=regions, year=year, services=False) if year and regions else []
    gaps = []
    for spm_field in fields:
        values = [r.fields.get(spm_field.code) for r in indices]
        measured = [v for v in values if v is not None]
        mean = sum(measured, Decimal(0)) / len(measured) if measured else None
        gaps.append(
            SectorGap(
                field_name=spm_field.name,
                affair_name=spm_field.affair.name,
                affair_code=spm_field.affair.code,
                innovations=counts.get(spm_field.affair_id, 0),
                regions_measured=len(measured),
                regions_lagging=sum(1 for v in measured if v < LAGGING),
                mean_index=mean,
            )
        )
    gaps.sort(key=lambda g: (-g.need, g.innovations, g.field_name))
    return gaps
