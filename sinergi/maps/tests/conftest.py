"""Boundaries for the map's tests: tiny squares (fast), or the real files of ../shared."""

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from sinergi.core.models import ReferenceDataLoad
from sinergi.regions.models import Region, RegionBorder
from sinergi.regions.services import BOUNDARIES_DATASET, boundaries_load

SHARED_REGIONS = Path(settings.BASE_DIR).parent / "shared" / "data" / "regions"
REAL_FILES = [SHARED_REGIONS / "provinces.geojson", SHARED_REGIONS / "regencies.geojson"]


def square(lng: float, lat: float, size: float = 0.2) -> dict[str, Any]:
    ring = [[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


# Samarinda and Kukar side by side, Kaltim around them, Pontianak far west. Kota Balikpapan
# (64.71) has no boundary: it must be listed apart.
SQUARES = {
    "64": square(115.0, -2.0, 4.0),
    "64.72": square(117.1, -0.6),
    "64.02": square(116.9, -0.6),
    "61": square(108.0, -2.0, 4.0),
    "61.71": square(109.3, -0.1),
}


@pytest.fixture
def tiny_boundaries(reference_data: None, tmp_path: Path) -> None:
    features = [
        {"type": "Feature", "properties": {"code": code}, "geometry": geometry}
        for code, geometry in SQUARES.items()
    ]
    path = tmp_path / "kecil.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert boundaries_load(path=path).ok


def _clear_boundaries() -> None:
    Region.objects.filter(boundary__isnull=False).update(
        boundary=None, boundary_source="", lat=None, lng=None
    )
    RegionBorder.objects.all().delete()
    ReferenceDataLoad.objects.filter(dataset=BOUNDARIES_DATASET).delete()


@pytest.fixture(scope="module")
def real_boundaries(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The real boundary files, loaded once for the module (outside the tests' rollback, so
    removed again afterwards: other modules expect regions without boundaries)."""
    if not all(path.exists() for path in REAL_FILES):
        pytest.skip("../shared/data/regions boundary files are absent")
    with django_db_blocker.unblock():
        call_command("load_boundaries", *map(str, REAL_FILES), stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        _clear_boundaries()
