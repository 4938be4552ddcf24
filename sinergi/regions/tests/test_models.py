from typing import Any

from sinergi.regions.models import Region


def test_boundaries_are_read_only_when_asked_for(kaltim: Region, province_admin: Any) -> None:
    # Megabytes of GeoJSON must not be decoded on every page touching a region.
    kaltim.boundary = {"type": "Polygon", "coordinates": []}
    kaltim.save()
    user = type(province_admin).objects.get(pk=province_admin.pk)
    assert "boundary" in user.region.get_deferred_fields()
    assert "boundary" in Region.objects.get(code="64").get_deferred_fields()
    assert Region.objects.get(code="64").boundary == {"type": "Polygon", "coordinates": []}
