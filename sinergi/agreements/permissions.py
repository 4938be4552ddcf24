"""Who may do what with an agreement. Views, services and the API all ask here.

- Seeing: users of the owning region or of any party region (by their region scope).
- Proposing (usulan): TKKSD and Admin Provinsi of the region, and OPD officers of it.
- Editing: the owning region's TKKSD/Admin Provinsi; the proposing officer while it is usulan.
- Deciding (every lifecycle step): the owning region's TKKSD or Admin Provinsi.
- Pimpinan: read-only.
"""

from typing import Any

from sinergi.accounts.scope import can_manage_region, manageable_regions
from sinergi.agreements.models import Agreement, Status
from sinergi.regions.models import Region


def can_propose_in(user: Any, region: Region) -> bool:
    if can_manage_region(user, region):
        return True
    return getattr(user, "role", "") == "perangkat_daerah" and user.region_id == region.pk


def proposable_regions(user: Any) -> Any:
    """The regions `user` may record agreements for (one query, no row loaded)."""
    regions = manageable_regions(user)
    if not regions.exists() and getattr(user, "role", "") == "perangkat_daerah":
        regions = Region.objects.filter(pk=user.region_id)
    return regions


def creation_rights(user: Any) -> dict[str, bool]:
    """For the list page's buttons: `can_import` (manages a region) and `can_propose`
    (`proposable_regions(user).exists()`), in one query."""
    can_import = manageable_regions(user).exists()
    officer = getattr(user, "role", "") == "perangkat_daerah" and user.region_id is not None
    return {"can_import": can_import, "can_propose": can_import or officer}


def can_decide(user: Any, agreement: Agreement) -> bool:
    return can_manage_region(user, agreement.owner_region)


def can_edit(user: Any, agreement: Agreement) -> bool:
    if agreement.is_final and agreement.status != Status.ENDED:
        return False
    if can_decide(user, agreement):
        return True
    return (
        agreement.status == Status.PROPOSED
        and agreement.created_by_id == getattr(user, "pk", None)
        and can_propose_in(user, agreement.owner_region)
    )
