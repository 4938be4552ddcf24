"""Just enough GeoJSON checking to refuse broken boundaries before they reach the map."""

from typing import Any


class GeometryError(ValueError):
    pass


def validate_geometry(geometry: Any) -> dict[str, Any]:
    """Return the geometry as a MultiPolygon, or raise GeometryError saying what is wrong."""
    if not isinstance(geometry, dict):
        raise GeometryError("geometri kosong")
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        coordinates = [coordinates]
    elif kind != "MultiPolygon":
        raise GeometryError(f"jenis geometri {kind!r} tidak didukung (harus Polygon/MultiPolygon)")
    if not isinstance(coordinates, list) or not coordinates:
        raise GeometryError("koordinat kosong")
    for polygon in coordinates:
        _check_polygon(polygon)
    return {"type": "MultiPolygon", "coordinates": coordinates}


def _check_polygon(polygon: Any) -> None:
    if not isinstance(polygon, list) or not polygon:
        raise GeometryError("poligon tanpa cincin")
    for ring in polygon:
        if not isinstance(ring, list) or len(ring) < 4:
            raise GeometryError("cincin poligon harus memiliki sedikitnya 4 titik")
        for point in ring:
            _check_point(point)
        if ring[0] != ring[-1]:
            raise GeometryError("cincin poligon tidak tertutup")


def _check_point(point: Any) -> None:
    if (
        not isinstance(point, list)
        or len(point) < 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point[:2])
    ):
        raise GeometryError(f"titik tidak sah: {point!r}")
    lng, lat = point[0], point[1]
    if not (-180 <= lng <= 180 and -90 <= lat <= 90):
        raise GeometryError(f"koordinat di luar jangkauan: {point!r}")


def representative_point(geometry: dict[str, Any]) -> tuple[float, float]:
    """Centre of the bounding box as (lat, lng): good enough for a label or a marker."""
    lngs = [p[0] for polygon in geometry["coordinates"] for ring in polygon for p in ring]
    lats = [p[1] for polygon in geometry["coordinates"] for ring in polygon for p in ring]
    return (min(lats) + max(lats)) / 2, (min(lngs) + max(lngs)) / 2
