import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from sinergi.core.errors import DomainError
from sinergi.regions.models import Region
from sinergi.regions.services import boundaries_load

pytestmark = pytest.mark.usefixtures("reference_data")
SHARED_REGIONS = Path(settings.BASE_DIR).parent / "shared" / "data" / "regions"
SQUARE = [[[117.1, -0.5], [117.2, -0.5], [117.2, -0.4], [117.1, -0.4], [117.1, -0.5]]]


def feature(code: str, geometry: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"code": code}, "geometry": geometry}


def write(tmp_path: Path, features: list[Any]) -> Path:
    path = tmp_path / "batas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_it_loads_a_polygon_as_multipolygon_with_a_point(tmp_path: Path) -> None:
    path = write(tmp_path, [feature("64.72", {"type": "Polygon", "coordinates": SQUARE})])
    report = boundaries_load(path=path)
    assert report.loaded == ["64.72"]
    samarinda = Region.objects.get(code="64.72")
    assert samarinda.boundary == {"type": "MultiPolygon", "coordinates": [SQUARE]}
    assert samarinda.lat == pytest.approx(-0.45)
    assert samarinda.lng == pytest.approx(117.15)
    assert samarinda.boundary_source == "batas.geojson"


def test_a_bad_file_reports_unknown_codes_and_bad_geometry_and_loads_only_the_good(
    tmp_path: Path,
) -> None:
    open_ring = [[[117.1, -0.5], [117.2, -0.5], [117.2, -0.4], [117.1, -0.4]]]
    far_away = [[[517.1, -0.5], [117.2, -0.5], [117.2, -0.4], [517.1, -0.5]]]
    path = write(
        tmp_path,
        [
            feature("64.72", {"type": "Polygon", "coordinates": SQUARE}),
            feature("99.99", {"type": "Polygon", "coordinates": SQUARE}),
            feature("64.71", {"type": "Polygon", "coordinates": open_ring}),
            feature("64.74", {"type": "Polygon", "coordinates": far_away}),
            feature("64.02", {"type": "Point", "coordinates": [117.0, -0.4]}),
            feature("64.01", None),
            {"type": "Feature", "properties": {}, "geometry": None},
        ],
    )
    report = boundaries_load(path=path)
    assert report.loaded == ["64.72"]
    assert report.unknown_codes == ["99.99", "fitur ke-7"]
    reasons = dict(report.invalid)
    assert "tidak tertutup" in reasons["64.71"]
    assert "di luar jangkauan" in reasons["64.74"]
    assert "tidak didukung" in reasons["64.02"]
    assert "kosong" in reasons["64.01"]
    assert Region.objects.get(code="64.71").boundary is None


def test_the_command_fails_loudly_on_a_partially_bad_file(tmp_path: Path) -> None:
    path = write(tmp_path, [feature("99.99", {"type": "Polygon", "coordinates": SQUARE})])
    with pytest.raises(CommandError, match="Sebagian fitur tidak dimuat"):
        call_command("load_boundaries", str(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not json", "bukan GeoJSON"),
        ('{"type": "Feature"}', "FeatureCollection"),
        ('{"type": "FeatureCollection"}', "features"),
    ],
)
def test_it_rejects_files_that_are_not_feature_collections(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "rusak.geojson"
    path.write_text(content)
    with pytest.raises(DomainError, match=message):
        boundaries_load(path=path)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="tidak ditemukan"):
        boundaries_load(path=tmp_path / "tidak-ada.geojson")


@pytest.mark.skipif(not SHARED_REGIONS.exists(), reason="../shared/data/regions not present")
def test_it_loads_every_province_boundary_from_the_reference_file() -> None:
    report = boundaries_load(path=SHARED_REGIONS / "provinces.geojson")
    assert report.ok
    assert len(report.loaded) == 38
    assert Region.objects.provinces().filter(boundary__isnull=True).count() == 0


def test_each_boundary_load_is_recorded_with_the_files_checksum(tmp_path: Path) -> None:
    from sinergi.core.models import ReferenceDataLoad

    path = write(tmp_path, [feature("64.72", {"type": "Polygon", "coordinates": SQUARE})])
    boundaries_load(path=path)
    load = ReferenceDataLoad.latest("batas_wilayah")
    assert load is not None
    assert (load.source, load.rows, len(load.checksum)) == ("batas.geojson", 1, 64)
