"""Region scope: which regions a user may see and manage. Every view and endpoint asks here.

Roles (see docs/architecture.md):
- Admin Provinsi: sees and manages its province and all regencies/cities in it.
- TKKSD: sees and manages its own region.
- Perangkat Daerah: sees its own region; manages only its own OPD's records.
- Pimpinan: read-only; a provincial Pimpinan sees the whole province.
- Superuser: everything. Anonymous visitors: published data only (never these querysets).
"""

from typing import Any

from sinergi.regions.models import Region, RegionQuerySet

NATIONAL_KEY = "semua"  # `scope_key` of a superuser: every region of the country
PROVINCE_KEY_PREFIX = "provinsi:"  # + region id: a province's admin or pimpinan


def _role(user: Any) -> str:
    return getattr(user, "role", "") or ""


def visible_regions(user: Any) -> RegionQuerySet:
    if not user.is_authenticated:
        return Region.objects.none()
    if user.is_superuser:
        return Region.objects.all()
    if user.region is None:
        return Region.objects.none()
    if user.region.is_province and _role(user) in {"admin_provinsi", "pimpinan"}:
        return Region.objects.in_province(user.region)
    return Region.objects.filter(pk=user.region_id)


def scope_key(user: Any) -> str:
    """Names the regions `visible_regions` gives this user, without a query: users with the
    same key see the same regions (cache keys of figures computed for a scope). Follows the
    branches of `visible_regions` one by one; change both together."""
    if not user.is_authenticated:
        return "tidak-ada"
    if user.is_superuser:
        return NATIONAL_KEY
    if user.region_id is None:
        return "tidak-ada"
    if user.region.is_province and _role(user) in {"admin_provinsi", "pimpinan"}:
        return f"{PROVINCE_KEY_PREFIX}{user.region_id}"
    return f"wilayah:{user.region_id}"


def manageable_regions(user: Any) -> RegionQuerySet:
    """Regions whose domain data (OPDs, and later agreements) the user may change."""
    if user.is_authenticated and user.is_superuser:
        return Region.objects.all()
    if _role(user) in {"admin_provinsi", "tkksd"}:
        return visible_regions(user)
    return Region.objects.none()


def can_view_region(user: Any, region: Region) -> bool:
    return _has(user, "visible", visible_regions, region)


def can_manage_region(user: Any, region: Region) -> bool:
    return _has(user, "manageable", manageable_regions, region)


def _has(user: Any, kind: str, regions: Any, region: Region) -> bool:
    """Whether `region` is among the user's regions of `kind`, from one query of their ids kept
    on the user object (a request's user lives for that request): a page asking once per party
    or per row asks the database once. The key includes what the regions depend on, so a
    changed role or region is never answered from an old list."""
    if user.is_authenticated and user.is_superuser:
        return True
    key = (kind, _role(user), getattr(user, "region_id", None))
    known = user.__dict__.setdefault("_scope_ids", {})
    if key not in known:
        known[key] = frozenset(regions(user).values_list("pk", flat=True))
    return region.pk in known[key]


def can_restore(user: Any, region: Region) -> bool:
    """Restoring soft-deleted rows is an admin task: superuser or the province's admin."""
    if user.is_authenticated and user.is_superuser:
        return True
    return _role(user) == "admin_provinsi" and can_view_region(user, region)
