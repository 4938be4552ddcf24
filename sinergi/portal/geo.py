"""The public map's GeoJSON: province outlines, and the regions party to public agreements
with their counts.

Boundaries are simplified (shapely, tiny islands dropped) and rounded to about 100 m: for all
38 provinces and 514 regencies/cities that is about 0.8 MB raw, 0.2 MB gzip (against 4.5 MB
of source files). A simplified outline is cached per region for a day (boundaries change only
when an operator loads a new file: clear the cache then); the collection with its counts is
cached by the caller under the data version, so publishing only rebuilds the counts.
"""

from typing import Any

from django.core.cache import cache
from django.urls import reverse
from shapely.geometry import mapping, shape

from sinergi.portal.selectors import regions_with_public_agreements
from sinergi.regions.models import Region

# Degrees: about 2 km for province outlines, 1 km for regencies/cities.
PROVINCE_TOLERANCE = 0.02
REGENCY_TOLERANCE = 0.01
DIGITS = 3  # about 100 m: enough on a map of Indonesia, and a third of the bytes of 6 digits
GEOMETRY_SECONDS = 24 * 3600
_NO_BOUNDARY = "-"  # cached too: a region without a boundary is not asked for again


def simplified(geometry: dict[str, Any], tolerance: float) -> dict[str, Any] | None:
    """Simplified without keeping topology: rings smaller than the tolerance disappear, which
    is most of the bytes (small islands), and the map needs no exact topology."""
    geom = shape(geometry).simplify(tolerance, preserve_topology=False)
    if geom.is_empty:
        return None
    return dict(_rounded(mapping(geom)))


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
    provinces = Region.objects.provinces()
    regencies = Region.objects.regencies().filter(code__in=counts)
    features = [
        *_features(provinces, counts, PROVINCE_TOLERANCE),
        *_features(regencies, counts, REGENCY_TOLERANCE),
    ]
    return {"type": "FeatureCollection", "features": features}


def _features(regions: Any, counts: dict[str, int], tolerance: float) -> list[dict[str, Any]]:
    rows = list(regions.order_by("code").values_list("code", "name", "level"))
    geometries = _geometries([code for code, _, _ in rows], tolerance)
    return [
        {
            "type": "Feature",
            "id": code,
            "properties": {
                "code": code,
                "name": name,
                "layer": level,
                "count": counts.get(code, 0),
                "url": reverse("portal:region", args=[code]),
            },
            "geometry": geometries[code],
        }
        for code, name, level in rows
        if geometries.get(code) is not None
    ]


def _geometries(codes: list[str], tolerance: float) -> dict[str, dict[str, Any] | None]:
    """Simplified outlines by code, from the cache, reading only the missing boundaries."""
    keys = {code: f"portal:geometry:{tolerance}:{code}" for code in codes}
    cached = cache.get_many(list(keys.values()))
    found = {code: cached[key] for code, key in keys.items() if key in cached}
    missing = [code for code in codes if code not in found]
    if missing:
        rows = Region.objects.filter(code__in=missing).values_list("code", "boundary")
        fresh = {code: simplified(b, tolerance) if b else None for code, b in rows}
        cache.set_many(
            {keys[code]: g or _NO_BOUNDARY for code, g in fresh.items()}, GEOMETRY_SECONDS
        )
        found.update(fresh)
    return {code: None if g == _NO_BOUNDARY else g for code, g in found.items()}
