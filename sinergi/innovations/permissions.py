"""Who may do what with innovations. Views, services and the API all ask here.

- Seeing: a published innovation, everyone (the public portal too); a draft or withdrawn one,
  users who see its region.
- Writing (create, edit, figures, files): the region's TKKSD/Admin Provinsi; an OPD officer
  for innovations of their own region whose contact OPD is their own.
- Publishing and withdrawing: the region's TKKSD/Admin Provinsi only (the region's decision,
  as for agreements on the portal).
- Stating interest (surat minat replikasi): the TKKSD/Admin Provinsi of another region, for a
  published innovation open to replication.
- Deciding on an interest: the originating region's TKKSD/Admin Provinsi; withdrawing it: the
  interested region's.
- Pimpinan: read-only.
"""

from typing import Any

from sinergi.accounts.scope import can_manage_region, can_view_region, manageable_regions
from sinergi.innovations.models import Innovation, ReplicationInterest
from sinergi.regions.models import Region

OFFICER = "perangkat_daerah"


def can_view(user: Any, innovation: Innovation) -> bool:
    return innovation.is_published or can_view_region(user, innovation.region)


def can_create_in(user: Any, region: Region) -> bool:
    if can_manage_region(user, region):
        return True
    return _is_officer_of(user, region)


def creatable_regions(user: Any) -> Any:
    regions = manageable_regions(user)
    if not regions.exists() and _is_officer_of(user, getattr(user, "region", None)):
        regions = Region.objects.filter(pk=user.region_id)
    return regions


def can_edit(user: Any, innovation: Innovation) -> bool:
    if can_manage_region(user, innovation.region):
        return True
    return (
        innovation.status == Innovation.Status.DRAFT
        and _is_officer_of(user, innovation.region)
        and innovation.agency_id is not None
        and innovation.agency_id == user.agency_id
    )


def can_publish(user: Any, innovation: Innovation) -> bool:
    return can_manage_region(user, innovation.region)


def interest_regions(user: Any, innovation: Innovation) -> Any:
    """The regions for which `user` may send a surat minat for `innovation`."""
    if not (innovation.is_published and innovation.replicable):
        return Region.objects.none()
    return manageable_regions(user).exclude(pk=innovation.region_id)


def can_decide(user: Any, interest: ReplicationInterest) -> bool:
    return can_manage_region(user, interest.innovation.region)


def can_withdraw(user: Any, interest: ReplicationInterest) -> bool:
    return can_manage_region(user, interest.region)


def _is_officer_of(user: Any, region: Region | None) -> bool:
    return (
        region is not None
        and getattr(user, "role", "") == OFFICER
        and getattr(user, "region_id", None) == region.pk
        and getattr(user, "agency_id", None) is not None
    )
