"""The public map's GeoJSON: province outlines, and the regions party to public agreements
with their counts. Boundaries are simplified (shapely) and coordinates rounded, so the whole
collection stays small; the caller caches it under the data version."""

from typing import Any

from django.urls import reverse
from shapely.geometry import mapping, shape

from sinergi.portal.selectors import regions_with_public_agreements
from sinergi.regions.models import Region

# Degrees: about 2 km for province outlines, 500 m for regencies/cities.
PROVINCE_TOLERANCE = 0.02
REGENCY_TOLERANCE = 0.005
DIGITS = 4  # about 10 m


def simplified(geometry: dict[str, Any], tolerance: float) -> dict[str, Any] | None:
    geom = shape(geometry).simplify(tolerance, preserve_topology=True)
    if geom.is_empty:
        return None
    return _rounded(mapping(geom))


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def public_map() -> dict[str, Any]:
    """A FeatureCollection keyed by Kemendagri code: every province with a boundary
    (`layer: provinsi`) and each regency/city party to a public agreement
    (`layer: kabupaten_kota`); `count` = public agreements the region is a party to."""
    counts = {code: n for code, _, n in regions_with_public_agreements()}
    provinces = Region.objects.provinces().filter(boundary__isnull=False)
    regencies = Region.objects.regencies().filter(code__in=counts, boundary__isnull=False)
    features = [
        *_features(provinces, counts, PROVINCE_TOLERANCE),
        *_features(regencies, counts, REGENCY_TOLERANCE),
    ]
    return {"type": "FeatureCollection", "features": features}


def _features(regions: Any, counts: dict[str, int], tolerance: float) -> list[dict[str, Any]]:
    features = []
    rows = regions.order_by("code").values_list("code", "name", "level", "boundary")
    for code, name, level, boundary in rows:
        geometry = simplified(boundary, tolerance)
        if geometry is None:
            continue
        properties = {
            "code": code,
            "name": name,
            "layer": level,
            "count": counts.get(code, 0),
            "url": reverse("portal:region", args=[code]),
        }
        features.append(
            {"type": "Feature", "id": code, "properties": properties, "geometry": geometry}
        )
    return features
