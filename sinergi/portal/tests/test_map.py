"""The public map's GeoJSON: valid, keyed by code, counts public agreements only."""

import json
from typing import Any

from django.test import Client
from django.urls import reverse

from sinergi.portal.geo import public_map
from sinergi.portal.tests.conftest import PortalData
from sinergi.regions.models import Region


def square(x: float, y: float, size: float = 0.5) -> dict[str, Any]:
    # Many points on each side, so simplification has something to drop.
    steps = [i / 50 for i in range(51)]
    ring = (
        [[x + size * t, y] for t in steps]
        + [[x + size, y + size * t] for t in steps[1:]]
        + [[x + size * (1 - t), y + size] for t in steps[1:]]
        + [[x, y + size * (1 - t)] for t in steps[1:]]
    )
    return {"type": "Polygon", "coordinates": [ring]}


def give_boundaries() -> None:
    Region.objects.filter(code="64").update(boundary=square(115.0, -2.0, 4.0))
    Region.objects.filter(code="64.72").update(boundary=square(117.1, -0.5))
    Region.objects.filter(code="64.02").update(boundary=square(116.5, -0.5))
    Region.objects.filter(code="64.01").update(boundary=square(116.0, -1.5))  # no agreement


def test_the_map_data_is_geojson_keyed_by_code_with_public_counts(
    portal_data: PortalData,
) -> None:
    give_boundaries()
    response = Client().get(reverse("portal:map_data"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    features = {f["id"]: f for f in data["features"]}
    # The province outline, and only the regencies/cities party to a public agreement.
    assert set(features) == {"64", "64.72", "64.02"}
    counts = {code: f["properties"]["count"] for code, f in features.items()}
    assert counts == {"64": 0, "64.72": 3, "64.02": 3}  # not the closed/pipeline/deleted ones
    samarinda = features["64.72"]
    assert samarinda["properties"]["url"] == reverse("portal:region", args=["64.72"])
    geometry = samarinda["geometry"]
    assert geometry["type"] in {"Polygon", "MultiPolygon"}
    ring = (
        geometry["coordinates"][0]
        if geometry["type"] == "Polygon"
        else geometry["coordinates"][0][0]
    )
    assert len(ring) < 20  # simplified: 201 points before


def test_outlines_are_cached_and_only_counts_follow_the_data(portal_data: PortalData) -> None:
    give_boundaries()
    first = {f["id"]: f["geometry"] for f in public_map()["features"]}
    Region.objects.filter(code="64.72").update(boundary=square(100.0, 5.0))
    again = {f["id"]: f["geometry"] for f in public_map()["features"]}
    assert again == first  # outlines come from the map's cache, per boundary version


def test_the_map_page_opens_for_anonymous_visitors(portal_data: PortalData) -> None:
    html = Client().get(reverse("portal:map")).content.decode()
    assert 'data-url="/publik/peta/data.geojson"' in html
    assert "Kabupaten Kutai Kartanegara" in html
    assert Client().post(reverse("portal:map_data")).status_code == 405
