import gzip
import json
import time
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from shapely.geometry import shape

from sinergi.conftest import client_for
from sinergi.maps.boundaries import boundary_layer, region_points
from sinergi.maps.tests.conftest import SQUARES, square
from sinergi.regions.models import Region
from sinergi.regions.services import boundaries_load

pytestmark = pytest.mark.django_db
URL = "/peta/batas.geojson"


def get_geojson(client: Client, **params: str) -> dict[str, Any]:
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


@pytest.mark.usefixtures("tiny_boundaries")
class TestTinyBoundaries:
    def test_it_serves_a_feature_collection_keyed_by_code_with_only_public_properties(
        self,
    ) -> None:
        data = get_geojson(Client(), tingkat="kabupaten_kota", provinsi="64")  # anonymous
        assert data["type"] == "FeatureCollection"
        by_code = {f["id"]: f for f in data["features"]}
        assert set(by_code) == {"64.72", "64.02"}
        samarinda = by_code["64.72"]
        assert samarinda["properties"] == {
            "code": "64.72",
            "name": "Kota Samarinda",
            "level": "kabupaten_kota",
            "parent": "64",
        }
        assert samarinda["geometry"]["type"] == "MultiPolygon"
        assert shape(samarinda["geometry"]).is_valid

    def test_regions_without_a_boundary_are_listed_apart_with_their_point(self) -> None:
        Region.objects.filter(code="64.71").update(lat=-1.25, lng=116.85)
        data = get_geojson(Client(), tingkat="kabupaten_kota", provinsi="64")
        without = {r["code"]: r for r in data["without_boundary"]}
        assert without["64.71"]["lat"] == -1.25
        assert without["64.71"]["name"] == "Kota Balikpapan"
        assert without["64.74"]["lat"] is None  # Bontang: no point known either
        assert "64.72" not in without
        assert (
            len(without) + len(data["features"]) == Region.objects.filter(parent__code="64").count()
        )

    def test_the_province_level_lists_provinces(self) -> None:
        data = get_geojson(Client(), tingkat="provinsi")
        assert {f["id"] for f in data["features"]} == {"64", "61"}
        assert all(f["properties"]["parent"] is None for f in data["features"])
        assert len(data["without_boundary"]) == Region.objects.provinces().count() - 2

    def test_it_answers_304_to_a_matching_etag_or_date_and_lets_caches_keep_it(self) -> None:
        client = Client()
        first = client.get(URL, {"tingkat": "provinsi"})
        assert "public" in first["Cache-Control"]
        assert "max-age=3600" in first["Cache-Control"]
        assert first["ETag"]
        assert first["Last-Modified"]
        again = client.get(URL, {"tingkat": "provinsi"}, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304
        assert again.content == b""
        since = client.get(
            URL, {"tingkat": "provinsi"}, headers={"if-modified-since": first["Last-Modified"]}
        )
        assert since.status_code == 304

    def test_it_is_gzipped_for_clients_that_accept_it(self) -> None:
        response = Client().get(URL, {"tingkat": "provinsi"}, headers={"accept-encoding": "gzip"})
        assert response["Content-Encoding"] == "gzip"
        assert json.loads(gzip.decompress(response.content))["type"] == "FeatureCollection"

    def test_it_is_built_once_and_rebuilt_after_a_new_load(
        self, tmp_path: Any, django_assert_max_num_queries: Any
    ) -> None:
        first = boundary_layer(level="provinsi")
        with django_assert_max_num_queries(1):  # the version only; no region is read
            assert boundary_layer(level="provinsi").etag == first.etag
        path = tmp_path / "baru.geojson"
        feature = {"type": "Feature", "properties": {"code": "62"}, "geometry": square(112, -2)}
        path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
        boundaries_load(path=path)
        second = boundary_layer(level="provinsi")
        assert second.etag != first.etag
        assert second.features == 3

    def test_an_unknown_level_or_province_code_is_refused(self) -> None:
        response = Client().get(URL, {"tingkat": "kecamatan"})
        assert response.status_code == 400
        assert "Tingkat" in response.json()["message"]
        assert Client().get(URL, {"tingkat": "provinsi", "provinsi": "x y"}).status_code == 400

    def test_points_are_centroids_of_boundaries_else_the_stored_point(self) -> None:
        Region.objects.filter(code="64.71").update(lat=-1.25, lng=116.85)
        points = region_points()
        assert points["64.72"] == pytest.approx((-0.5, 117.2))
        assert points["64.71"] == (-1.25, 116.85)
        assert "64.74" not in points

    def test_the_api_serves_the_same_geojson(self, province_admin: Any) -> None:
        response = client_for(province_admin).get(
            "/api/v1/peta/batas", {"tingkat": "kabupaten_kota", "provinsi": "64"}
        )
        assert response.status_code == 200
        assert {f["id"] for f in json.loads(response.content)["features"]} == {"64.72", "64.02"}
        assert Client().get("/api/v1/peta/batas").status_code == 401


def test_the_tiny_squares_cover_the_fixture_regions() -> None:
    assert set(SQUARES) >= {"64", "64.72", "64.02", "61.71"}


@pytest.mark.usefixtures("real_boundaries")
class TestRealBoundaries:
    def test_all_514_regencies_are_valid_and_under_one_megabyte_gzipped(self) -> None:
        cache.clear()
        started = time.perf_counter()
        layer = boundary_layer(level="kabupaten_kota")
        seconds = time.perf_counter() - started
        data = json.loads(layer.body)
        assert len(data["features"]) == 514
        assert data["without_boundary"] == []
        assert len({f["id"] for f in data["features"]}) == 514
        invalid = [f["id"] for f in data["features"] if not shape(f["geometry"]).is_valid]
        assert invalid == []
        compressed = len(gzip.compress(layer.body))
        print(f"regencies: {len(layer.body)} B raw, {compressed} B gzip, built in {seconds:.2f} s")
        assert compressed < 1_000_000

    def test_the_38_provinces_are_valid_and_small(self) -> None:
        layer = boundary_layer(level="provinsi")
        data = json.loads(layer.body)
        assert len(data["features"]) == 38
        assert all(shape(f["geometry"]).is_valid for f in data["features"])
        compressed = len(gzip.compress(layer.body))
        print(f"provinces: {len(layer.body)} B raw, {compressed} B gzip")
        assert compressed < 300_000

    def test_one_province_is_a_small_part(self) -> None:
        data = json.loads(boundary_layer(level="kabupaten_kota", province="64").body)
        assert {f["properties"]["parent"] for f in data["features"]} == {"64"}
        assert len(data["features"]) == 10
