"""Which regions border which, computed from their boundary polygons. No database access here.

One layer at a time: provinces are compared with provinces and regencies/cities with
regencies/cities. A regency touches its own province's outline, but that is containment
(`Region.parent`), not a border between two regions.
"""

from collections.abc import Mapping
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

# In degrees, about 550 m at the equator. The reference files simplify each polygon on its
# own (provinces at 0.01°, regencies at 0.004°), so two regions that share a line in reality
# are left with slivers of gap or overlap between them and an exact `touches` misses them.
# 0.005 is just above the regency simplification. On the reference files 0.01 already pairs
# regions that a third region separates (Kab. Pemalang and Kab. Brebes, across Kab. Tegal).
BORDER_TOLERANCE = 0.005

Geometry = Mapping[str, Any]
Pair = tuple[str, str]


def bordering_pairs(
    geometries: Mapping[str, Geometry], *, tolerance: float = BORDER_TOLERANCE
) -> set[Pair]:
    """Pairs `(a, b)`, `a < b`, of codes in ONE layer whose polygons lie within `tolerance`."""
    codes = sorted(geometries)
    shapes = [polygons(geometries[code]) for code in codes]
    tree = shapely.STRtree(shapes)
    # The tree finds candidates by bounding box; the `dwithin` predicate then keeps those
    # with `distance <= tolerance`, stopping at the first close point instead of computing
    # the exact distance, which is several times faster than calling `a.distance(b)`.
    left, right = tree.query(shapes, predicate="dwithin", distance=tolerance)
    pairs = zip(left.tolist(), right.tolist(), strict=True)
    return {(codes[i], codes[j]) for i, j in pairs if i < j}


def bordering_pairs_per_layer(
    layers: Mapping[str, Mapping[str, Geometry]], *, tolerance: float = BORDER_TOLERANCE
) -> dict[str, set[Pair]]:
    """`{layer: pairs}` for `{layer: {code: geometry}}`; never pairs codes of two layers."""
    return {
        layer: bordering_pairs(geometries, tolerance=tolerance)
        for layer, geometries in layers.items()
    }


def polygons(geometry: Geometry) -> BaseGeometry:
    """The GeoJSON geometry as a valid shapely geometry."""
    result = shape(geometry)
    if result.is_valid:
        return result
    # Simplification leaves rings that cross themselves and islets collapsed to a point.
    # "structure" drops the collapsed parts; the default "linework" method fails on them
    # ("Overlay input is mixed-dimension": Kota Mataram, Kota Jayapura).
    return shapely.make_valid(result, method="structure", keep_collapsed=False)
