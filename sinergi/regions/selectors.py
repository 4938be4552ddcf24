from django.db.models import Q
from django.http import Http404

from sinergi.regions.models import Region, RegionQuerySet


def region_list(
    *, q: str = "", province: str = "", level: str = "", flag: str = ""
) -> RegionQuerySet:
    regions = Region.objects.select_related("parent").defer("boundary")
    if province:
        regions = regions.filter(Q(code=province) | Q(parent__code=province))
    if level in Region.Level.values:
        regions = regions.filter(level=level)
    if flag == "perbatasan":
        regions = regions.filter(is_border=True)
    elif flag == "tertinggal":
        regions = regions.filter(is_underdeveloped=True)
    if q.strip():
        regions = regions.filter(Q(name__icontains=q.strip()) | Q(code__startswith=q.strip()))
    return regions


def region_get(*, code: str) -> Region:
    """Regions are public reference data: any signed-in user may open any region's page."""
    region = Region.objects.select_related("parent").filter(code=code).first()
    if region is None:
        raise Http404("Wilayah tidak ditemukan.")
    return region
