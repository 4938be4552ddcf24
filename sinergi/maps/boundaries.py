"""Boundaries for the map: simplified GeoJSON per level and one point per region, cached.

Boundaries are public reference data, the same for every visitor: one cached body per level
(and province), recomputed when a new load of regions or boundaries is recorded
(`ReferenceDataLoad`), otherwise kept for `GEOJSON_SECONDS`.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max

from sinergi.core.errors import DomainError
from sinergi.core.models import ReferenceDataLoad
from sinergi.maps.geo import centre, simplify_geometry
from sinergi.regions.models import Region
from sinergi.regions.services import BOUNDARIES_DATASET, REGIONS_DATASET

GEOJSON_SECONDS = 24 * 60 * 60
# Degrees. With the shared data (already simplified at 0.01°/0.004°) all 514 regencies/cities
# are about 1.3 MB of JSON, 0.38 MB gzipped; provinces 0.46 MB, 0.14 MB gzipped.
SIMPLIFY = {
    Region.Level.PROVINCE: {"tolerance": 0.01, "min_area": 0.0001},
    Region.Level.REGENCY: {"tolerance": 0.005, "min_area": 0.0001},
}
LEVEL_ERROR = "Tingkat harus `provinsi` atau `kabupaten_kota`."
PROVINCE_ERROR = "Kode provinsi harus dua angka, misalnya 64."


@dataclass(frozen=True)
class BoundaryLayer:
    """A GeoJSON body ready to send, with what HTTP caches need to validate it."""

    body: bytes
    etag: str
    last_modified: datetime.datetime | None
    features: int


def check_level(level: str) -> str:
    if level not in Region.Level.values:
        raise DomainError(LEVEL_ERROR)
    return level


def boundaries_version() -> tuple[str, datetime.datetime | None]:
    """Changes whenever regions or boundaries are loaded again (`load_boundaries`)."""
    loads = ReferenceDataLoad.objects.filter(dataset__in=(REGIONS_DATASET, BOUNDARIES_DATASET))
    latest = loads.aggregate(last=Max("pk"), n=Count("pk"), at=Max("loaded_at"))
    return f"{latest['last']}.{latest['n']}", latest["at"]


def boundary_layer(*, level: str, province: str = "") -> BoundaryLayer:
    """Polygons of one level (optionally one province's), simplified; cached per version.

    Regions of the level without a loaded boundary are listed in `without_boundary` (a
    foreign member of the FeatureCollection) with their lat/lng, which may be null.
    """
    check_level(level)
    if province and not re.fullmatch(r"\d{2}", province):
        raise DomainError(PROVINCE_ERROR)
    version, loaded_at = boundaries_version()
    key = f"maps:batas:{version}:{level}:{province}"
    layer: BoundaryLayer | None = cache.get(key)
    if layer is None:
        layer = _build_layer(level=level, province=province, loaded_at=loaded_at)
        cache.set(key, layer, GEOJSON_SECONDS)
    return layer


def _layer_rows(level: str, province: str) -> Any:
    regions = Region.objects.filter(level=level)
    if province and level == Region.Level.PROVINCE:
        regions = regions.filter(code=province)
    elif province:
        regions = regions.filter(parent__code=province)
    fields = ("code", "name", "level", "parent__code", "boundary", "lat", "lng")
    return regions.order_by("code").values_list(*fields)


def _build_layer(*, level: str, province: str, loaded_at: Any) -> BoundaryLayer:
    features, without = [], []
    for code, name, lvl, parent, boundary, lat, lng in _layer_rows(level, province):
        properties = {"code": code, "name": name, "level": lvl, "parent": parent}
        if boundary:
            geometry = simplify_geometry(boundary, **SIMPLIFY[lvl])
            features.append(
                {"type": "Feature", "id": code, "properties": properties, "geometry": geometry}
            )
        else:
            without.append({**properties, "lat": lat, "lng": lng})
    collection = {"type": "FeatureCollection", "features": features, "without_boundary": without}
    body = json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return BoundaryLayer(body=body, etag=etag, last_modified=loaded_at, features=len(features))


def region_points() -> dict[str, tuple[float, float]]:
    """(lat, lng) of every region that has one: the centroid of its boundary (computed once
    per boundary version), else the stored Region.lat/lng. Ends of the map's lines."""
    version, _ = boundaries_version()
    key = f"maps:titik:{version}"
    points: dict[str, tuple[float, float]] | None = cache.get(key)
    if points is None:
        points = {}
        rows = Region.objects.order_by().values_list("code", "boundary", "lat", "lng")
        for code, boundary, lat, lng in rows.iterator(chunk_size=100):
            if boundary:
                points[code] = centre(boundary)
            elif lat is not None and lng is not None:
                points[code] = (lat, lng)
        cache.set(key, points, GEOJSON_SECONDS)
    return points
