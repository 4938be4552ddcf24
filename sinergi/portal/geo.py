"""The public map's GeoJSON: province outlines, and the regions party to public agreements
with their counts.

The outlines are the map's (`sinergi.maps.boundaries`: simplified, rounded, cached per
boundary version); only the counts and links are the portal's, cached by the caller under the
public data version, so publishing rebuilds the counts and not the geometry.
"""

import json
from typing import Any

from django.urls import reverse

from sinergi.maps.boundaries import boundary_layer
from sinergi.portal.selectors import regions_with_public_agreements
from sinergi.regions.models import Region


def public_map() -> dict[str, Any]:
    """A FeatureCollection keyed by Kemendagri code: every province with a boundary
    (`layer: provinsi`) and each regency/city party to a public agreement
    (`layer: kabupaten_kota`); `count` = public agreements the region is a party to."""
    counts = {code: n for code, _, n in regions_with_public_agreements()}
    features = [
        *_features(Region.Level.PROVINCE, counts, every=True),
        *_features(Region.Level.REGENCY, counts, every=False),
    ]
    return {"type": "FeatureCollection", "features": features}


def _features(level: str, counts: dict[str, int], *, every: bool) -> list[dict[str, Any]]:
    features = []
    for feature in json.loads(boundary_layer(level=level).body)["features"]:
        code = feature["properties"]["code"]
        if every or code in counts:
            feature["properties"] = {
                "code": code,
                "name": feature["properties"]["name"],
                "layer": level,
                "count": counts.get(code, 0),
                "url": reverse("portal:region", args=[code]),
            }
            features.append(feature)
    return features
