"""Geometry for the map: boundaries simplified for the browser, and one point per region.

Pure functions over GeoJSON dicts (no database): the selectors read the boundaries and cache
what these return.
"""

import json
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

# Coordinates kept: 4 decimals of a degree is about 11 m, far below what a screen shows.
PRECISION = 4


def _parse(geometry: dict[str, Any]) -> Any:
    # GEOS reads GeoJSON in C: ten times faster than shapely.geometry.shape for 20,000 rings.
    return shapely.from_geojson(json.dumps(geometry))


def _polygons(geometry: Any) -> list[Polygon]:
    return [
        part
        for part in shapely.get_parts(geometry)
        if isinstance(part, Polygon) and not part.is_empty and part.area > 0
    ]


def _round(geometry: Any) -> Any:
    return shapely.transform(geometry, lambda points: np.round(points, PRECISION))


def _on_grid(geometry: Any) -> Any:
    """The geometry with rounded coordinates, still valid. Rounding can make a thin part
    cross itself; GEOS then snaps it to the grid with a valid result."""
    rounded = _round(geometry)
    if rounded.is_valid:
        return rounded
    try:
        return shapely.set_precision(geometry.buffer(0), 10**-PRECISION)
    except shapely.errors.GEOSException:
        return rounded.buffer(0)


def _simplify_part(polygon: Polygon, tolerance: float) -> list[Polygon]:
    return _polygons(_on_grid(polygon.simplify(tolerance, preserve_topology=True)))


def simplify_geometry(geometry: dict[str, Any], *, tolerance: float, min_area: float) -> Any:
    """A valid MultiPolygon GeoJSON geometry, simplified, rounded, without tiny islands.

    Islands smaller than `min_area` (square degrees) are invisible at the map's scale but are
    most of the bytes of a coastline: they go, except the largest part, so no region vanishes.
    """
    parts = sorted(_polygons(_parse(geometry)), key=lambda p: -p.area)
    kept = [p for index, p in enumerate(parts) if index == 0 or p.area >= min_area]
    simplified = [piece for part in kept for piece in _simplify_part(part, tolerance)]
    result = MultiPolygon(simplified)
    if not result.is_valid:  # two simplified islands may now overlap
        result = MultiPolygon(_polygons(_on_grid(result.buffer(0))))
    return {"type": "MultiPolygon", "coordinates": _rounded(mapping(result)["coordinates"])}


def _rounded(coordinates: Any) -> Any:
    """Plain lists with rounded floats, so the JSON has no `117.12340000000001`."""
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(float(value), PRECISION) for value in coordinates[:2]]
    return [_rounded(item) for item in coordinates]


def centre(geometry: dict[str, Any]) -> tuple[float, float]:
    """(lat, lng) of the centroid, or of a point inside when the centroid falls outside
    (a bay, a crescent-shaped coast): the end of the region's lines on the map."""
    parts = _polygons(_parse(geometry))
    if not parts:
        raise ValueError("geometri tanpa poligon")
    main = max(parts, key=lambda p: p.area)  # an archipelago's point sits on its main island
    point = main.centroid
    if not main.contains(point):
        point = main.representative_point()
    return round(point.y, PRECISION), round(point.x, PRECISION)
