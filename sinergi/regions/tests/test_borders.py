import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import F

from sinergi.regions.borders import BORDER_TOLERANCE, bordering_pairs, bordering_pairs_per_layer
from sinergi.regions.models import Region, RegionBorder
from sinergi.regions.services import boundaries_load, region_borders_compute

SHARED_REGIONS = Path(settings.BASE_DIR).parent / "shared" / "data" / "regions"


def square(west: float, south: float, size: float = 0.1) -> dict[str, Any]:
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "MultiPolygon", "coordinates": [[ring]]}


def test_two_squares_sharing_a_side_border() -> None:
    assert bordering_pairs({"b": square(117.1, -0.5), "a": square(117.2, -0.5)}) == {("a", "b")}


def test_two_squares_a_tenth_of_a_degree_apart_do_not_border() -> None:
    assert bordering_pairs({"a": square(117.0, -0.5), "b": square(117.2, -0.5)}) == set()


def test_a_sliver_of_gap_under_the_tolerance_still_borders() -> None:
    # Independently simplified neighbours no longer quite touch.
    gap = BORDER_TOLERANCE / 2
    assert bordering_pairs({"a": square(117.0, -0.5), "b": square(117.1 + gap, -0.5)}) == {
        ("a", "b")
    }


def test_a_gap_just_over_the_tolerance_does_not_border() -> None:
    gap = BORDER_TOLERANCE * 1.2
    assert bordering_pairs({"a": square(117.0, -0.5), "b": square(117.1 + gap, -0.5)}) == set()


def test_overlapping_squares_border() -> None:
    assert bordering_pairs({"a": square(117.0, -0.5), "b": square(117.09, -0.5)}) == {("a", "b")}


def test_an_islet_collapsed_to_a_point_is_dropped_before_comparing() -> None:
    # Kota Mataram's outline in the reference file has such a part; the default
    # `make_valid` method fails on it ("Overlay input is mixed-dimension").
    broken = square(117.0, -0.5)
    broken["coordinates"].insert(0, [[[116.9, -0.45]] * 4])
    assert bordering_pairs({"a": broken, "b": square(117.1, -0.5)}) == {("a", "b")}


def test_a_province_and_a_regency_never_pair_even_when_they_touch() -> None:
    layers = {
        "provinsi": {"64": square(117.0, -0.5)},
        "kabupaten_kota": {"64.72": square(117.1, -0.5)},
    }
    assert bordering_pairs_per_layer(layers) == {"provinsi": set(), "kabupaten_kota": set()}


def set_boundaries(boundaries: dict[str, dict[str, Any]]) -> None:
    for code, boundary in boundaries.items():
        Region.objects.filter(code=code).update(boundary=boundary)


@pytest.mark.usefixtures("reference_data")
class TestComputingBordersFromStoredBoundaries:
    def test_each_pair_is_stored_in_both_directions_and_counted_once(self, region: Any) -> None:
        set_boundaries({"64.72": square(117.1, -0.5), "64.02": square(117.2, -0.5)})
        assert region_borders_compute(source="uji.geojson") == 1
        samarinda, kukar = region("64.72"), region("64.02")
        assert samarinda.borders_with(kukar)
        assert kukar.borders_with(samarinda)
        assert list(Region.objects.neighbours_of(samarinda)) == [kukar]
        assert set(RegionBorder.objects.values_list("source", flat=True)) == {"uji.geojson"}

    def test_a_province_never_borders_its_own_regency(self, region: Any) -> None:
        set_boundaries({"64": square(117.0, -0.5, size=0.5), "64.72": square(117.1, -0.4)})
        assert region_borders_compute(source="uji.geojson") == 0
        assert not region("64").borders_with(region("64.72"))

    def test_a_rerun_replaces_every_border(self, region: Any) -> None:
        set_boundaries({"64.72": square(117.1, -0.5), "64.02": square(117.2, -0.5)})
        region_borders_compute(source="lama.geojson")
        set_boundaries({"64.02": square(118.0, -0.5), "64.71": square(117.1, -0.6)})
        assert region_borders_compute(source="baru.geojson") == 1
        assert not region("64.72").borders_with(region("64.02"))
        assert region("64.72").borders_with(region("64.71"))
        assert RegionBorder.objects.count() == 2

    def test_a_region_cannot_border_itself(self, samarinda: Region) -> None:
        with pytest.raises(IntegrityError), transaction.atomic():
            RegionBorder.objects.create(region=samarinda, neighbour=samarinda, source="x")

    def test_the_command_computes_borders_after_loading_every_file(self, tmp_path: Path) -> None:
        features = [
            {"type": "Feature", "properties": {"code": code}, "geometry": geometry}
            for code, geometry in [("64.72", square(117.1, -0.5)), ("64.02", square(117.2, -0.5))]
        ]
        path = tmp_path / "batas.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        out = StringIO()
        call_command("load_boundaries", str(path), stdout=out)
        assert "Perbatasan antarwilayah dihitung: 1 pasang." in out.getvalue()


def kalimantan_only(path: Path, tmp_path: Path) -> Path:
    """The reference file cut down to Kalimantan, to keep the test to about a second."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"] = [
        feature
        for feature in data["features"]
        if feature["properties"]["code"].split(".")[0] in Region.KALIMANTAN_PROVINCE_CODES
    ]
    cut = tmp_path / path.name
    cut.write_text(json.dumps(data))
    return cut


@pytest.mark.skipif(not SHARED_REGIONS.exists(), reason="../shared/data/regions not present")
@pytest.mark.usefixtures("reference_data")
def test_the_reference_files_give_the_known_borders_of_kalimantan(
    tmp_path: Path, region: Any
) -> None:
    for name in ["provinces.geojson", "regencies.geojson"]:
        assert boundaries_load(path=kalimantan_only(SHARED_REGIONS / name, tmp_path)).ok

    region_borders_compute(source="provinces.geojson, regencies.geojson")

    def neighbours(code: str) -> set[str]:
        return set(Region.objects.neighbours_of(region(code)).values_list("code", flat=True))

    # Kaltim meets Kalbar only deep in the interior (Mahakam Ulu–Kapuas Hulu).
    assert neighbours("64") == {"61", "62", "63", "65"}
    assert region("64.11").borders_with(region("61.06"))
    # Samarinda lies inside Kutai Kartanegara; Balikpapan faces Penajam across its bay.
    assert neighbours("64.72") == {"64.02"}
    assert neighbours("64.71") == {"64.02", "64.09"}
    assert not region("64.72").borders_with(region("64.71"))
    assert not RegionBorder.objects.exclude(region__level=F("neighbour__level")).exists()
