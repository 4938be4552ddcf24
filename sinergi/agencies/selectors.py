from typing import Any

from django.http import Http404

from sinergi.accounts.scope import visible_regions
from sinergi.agencies.models import Agency, AgencyQuerySet


def agency_list(*, user: Any, region: Any = None, q: str = "", kind: str = "") -> AgencyQuerySet:
    agencies = Agency.objects.in_regions(visible_regions(user)).select_related("region")
    if region is not None:
        agencies = agencies.filter(region=region)
    if kind:
        agencies = agencies.filter(kind=kind)
    return agencies.search(q).order_by("region__code", "name")


def agency_trash(*, user: Any) -> AgencyQuerySet:
    return (
        Agency.all_objects.deleted()
        .filter(region__in=visible_regions(user))
        .select_related("region", "deleted_by")
        .order_by("-deleted_at")
    )


def agency_get_for_user(*, user: Any, pk: int, include_deleted: bool = False) -> Agency:
    """The one access-checked lookup of an OPD: 404 outside the user's regions."""
    manager = Agency.all_objects if include_deleted else Agency.objects
    agency = (
        manager.filter(pk=pk, region__in=visible_regions(user))
        .select_related("region", "region__parent")
        .first()
    )
    if agency is None:
        raise Http404("Perangkat daerah tidak ditemukan.")
    return agency


def agency_filter_choices(*, user: Any, region_code: str = "") -> list[tuple[int, str]]:
    """(id, name) of the OPDs a list filter offers: those of the chosen region, or of the
    user's own region when none is chosen. Never every visible OPD: a national list would
    hold tens of thousands, unusable in a select and slow to render."""
    regions = visible_regions(user)
    if region_code:
        regions = regions.filter(code=region_code)
    elif getattr(user, "region_id", None):
        regions = regions.filter(pk=user.region_id)
    else:
        return []
    return list(Agency.objects.in_regions(regions).order_by("name").values_list("pk", "name"))
