from typing import Any

import pytest
from django.test import Client

from sinergi.agreements.models import Agreement
from sinergi.agreements.selectors import visible_agreements
from sinergi.conftest import client_for
from sinergi.maps.selectors import MapFilters, choropleth_values, legend
from sinergi.maps.tests.conftest import DAY, TODAY
from sinergi.regions.models import Region

pytestmark = pytest.mark.django_db

VALUES = "/peta/nilai.json"
LINES = "/peta/garis.json"


def get(client: Client, url: str, **params: str) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.usefixtures("data_set")
class TestValues:
    def test_regency_figures_count_owned_or_party_active_and_idle(
        self, province_admin: Any
    ) -> None:
        data = get(client_for(province_admin), VALUES, tingkat="kabupaten_kota", metrik="jumlah")
        values = data["values"]
        assert values["64.72"] == {
            "value": 4,
            "jumlah": 4,
            "aktif": 2,
            "simbolis": 0.5,
            "simbolis_jumlah": 1,
        }
        assert values["64.02"]["jumlah"] == 3
        assert values["64.02"]["aktif"] == 3
        assert values["64.02"]["simbolis"] == pytest.approx(1 / 3, abs=1e-4)
        assert values["64.71"] == {  # Balikpapan: in scope, nothing recorded
            "value": 0,
            "jumlah": 0,
            "aktif": 0,
            "simbolis": None,
            "simbolis_jumlah": 0,
        }
        assert "61.71" not in values  # Pontianak's other agreements are not in this scope
        kaltim_regencies = Region.objects.filter(parent__code="64").values_list("code", flat=True)
        assert set(values) == set(kaltim_regencies)
        assert data["complete"] is False
        assert data["metric_label"] == "Jumlah kerja sama"

    def test_a_province_counts_what_it_records_without_being_a_party(
        self, province_admin: Any
    ) -> None:
        data = get(client_for(province_admin), VALUES, tingkat="provinsi", metrik="aktif")
        assert data["values"] == {
            "64": {"value": 2, "jumlah": 2, "aktif": 2, "simbolis": 0.0, "simbolis_jumlah": 0}
        }

    def test_the_active_boundary_is_the_end_date(self, province_admin: Any) -> None:
        agreements = visible_agreements(user=province_admin)
        today = choropleth_values(
            agreements, level="kabupaten_kota", filters=MapFilters(), today=TODAY
        )
        tomorrow = choropleth_values(
            agreements, level="kabupaten_kota", filters=MapFilters(), today=TODAY + DAY
        )
        assert today["64.72"]["aktif"] == 2  # a4 ends tomorrow: active today
        assert tomorrow["64.72"]["aktif"] == 1  # ... and ended on its end date
        yesterday = choropleth_values(
            agreements, level="kabupaten_kota", filters=MapFilters(), today=TODAY - DAY
        )
        assert yesterday["64.72"]["aktif"] == 3  # a2 was still active the day before it ended

    @pytest.mark.parametrize(
        ("params", "in_samarinda", "in_kukar"),
        [
            ({"status": "berlaku"}, 2, 3),
            ({"status": "berakhir"}, 1, 0),
            ({"status": "usulan"}, 1, 0),
            ({"status": "simbolis"}, 1, 1),
            ({"kind": "ksdpk"}, 1, 0),
            ({"year_from": "2025"}, 1, 2),
            ({"year_from": "2023", "year_to": "2024"}, 2, 1),
            ({"affair": "1.02"}, 4, 3),
            ({"affair": "1.03"}, 0, 0),
        ],
    )
    def test_filters_use_the_agreement_list_vocabulary(
        self, province_admin: Any, params: dict[str, str], in_samarinda: int, in_kukar: int
    ) -> None:
        data = get(client_for(province_admin), VALUES, tingkat="kabupaten_kota", **params)
        assert data["values"]["64.72"]["jumlah"] == in_samarinda
        assert data["values"]["64.02"]["jumlah"] == in_kukar
        assert data["filters"] == params

    def test_the_pontianak_tkksd_sees_no_kaltim_values(self, tkksd_pontianak: Any) -> None:
        client = client_for(tkksd_pontianak)
        data = get(client, VALUES, tingkat="kabupaten_kota")
        assert data["values"] == {
            "61.71": {"value": 1, "jumlah": 1, "aktif": 0, "simbolis": None, "simbolis_jumlah": 0}
        }
        assert get(client, VALUES, tingkat="provinsi")["values"] == {}

    def test_a_superuser_sees_every_region_and_the_map_is_complete(self, superuser: Any) -> None:
        data = get(client_for(superuser), VALUES, tingkat="kabupaten_kota")
        assert data["complete"] is True
        assert data["values"]["61.71"]["jumlah"] == 1
        assert data["values"]["64.72"]["jumlah"] == 4
        assert "64.71" not in data["values"]  # complete: missing means none

    def test_the_legend_has_indonesian_labels_and_covers_every_value(
        self, province_admin: Any
    ) -> None:
        data = get(client_for(province_admin), VALUES, tingkat="kabupaten_kota")
        labels = [c["label"] for c in data["legend"]]
        assert labels[0] == "Tidak ada"
        assert labels[1:] == ["1–3", "4"]
        shares = get(
            client_for(province_admin), VALUES, tingkat="kabupaten_kota", metrik="simbolis"
        )
        assert shares["legend"][0]["label"] == "0%–10%"
        assert shares["values"]["64.72"]["value"] == 0.5

    def test_wrong_parameters_are_refused_in_indonesian(self, province_admin: Any) -> None:
        client = client_for(province_admin)
        assert client.get(VALUES, {"tingkat": "desa"}).json()["message"].startswith("Tingkat")
        assert client.get(VALUES, {"metrik": "kemiskinan"}).status_code == 400
        assert client.get(VALUES, {"year_from": "dua"}).json()["message"].startswith("Tahun")
        assert client.get(VALUES, {"status": "x"}).status_code == 400

    def test_anonymous_visitors_need_the_public_flag(self) -> None:
        assert Client().get(VALUES).status_code == 401
        assert Client().get(LINES).status_code == 401

    def test_the_public_flag_counts_only_public_agreements_and_hides_idle_shares(
        self, data_set: dict[str, Agreement]
    ) -> None:
        Agreement.objects.filter(pk__in=[data_set["a1"].pk, data_set["a3"].pk]).update(
            is_public=True
        )
        response = Client().get(VALUES, {"publik": "1", "tingkat": "kabupaten_kota"})
        assert "public" in response["Cache-Control"]
        data = response.json()
        assert data["values"] == {
            "64.02": {"value": 1, "jumlah": 1, "aktif": 1},
            "64.72": {"value": 1, "jumlah": 1, "aktif": 1},  # a3 is a proposal: never public
        }
        refused = Client().get(VALUES, {"publik": "1", "metrik": "simbolis"})
        assert refused.status_code == 400
        lines = Client().get(LINES, {"publik": "1"}).json()
        assert lines["lines"] == [{"a": "64.02", "b": "64.72", "count": 1}]

    def test_values_are_cached_and_follow_every_change(
        self,
        province_admin: Any,
        kukar: Any,
        samarinda: Any,
        make_agreement: Any,
        django_assert_max_num_queries: Any,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        client = client_for(province_admin)
        assert get(client, VALUES, tingkat="kabupaten_kota")["values"]["64.72"]["jumlah"] == 4
        # sign-in, scope, the data version, the session saved (3 statements), no aggregate
        with django_assert_max_num_queries(7) as queries:
            get(client, VALUES, tingkat="kabupaten_kota")
        assert not [q for q in queries.captured_queries if "GROUP BY" in q["sql"]]
        with django_capture_on_commit_callbacks(execute=True):  # the version rises on commit
            make_agreement(province_admin, kukar, [samarinda], title="Pasar bersama")
        assert get(client, VALUES, tingkat="kabupaten_kota")["values"]["64.72"]["jumlah"] == 5


@pytest.mark.usefixtures("data_set", "tiny_boundaries")
class TestLines:
    def test_lines_pair_cooperating_regions_with_counts_and_points(
        self, province_admin: Any, university: Any
    ) -> None:
        data = get(client_for(province_admin), LINES)
        assert data["lines"] == [
            {"a": "64.02", "b": "64.72", "count": 2},
            {"a": "61.71", "b": "64.72", "count": 1},
            {"a": "64", "b": "64.02", "count": 1},
        ]
        assert data["points"]["64.72"] == {
            "name": "Kota Samarinda",
            "lat": pytest.approx(-0.5),
            "lng": pytest.approx(117.2),
        }
        assert data["points"]["61.71"]["name"] == "Kota Pontianak"  # a partner outside Kaltim
        assert data["organizations"] == [
            {
                "id": university.pk,  # the list's ?organization=<id>: exact, not by name
                "name": "Universitas Mulawarman",
                "kind": "perguruan_tinggi",
                "kind_label": "Perguruan tinggi",
                "count": 1,
            }
        ]

    def test_lines_follow_the_filters_and_the_scope(
        self, province_admin: Any, tkksd_pontianak: Any
    ) -> None:
        active = get(client_for(province_admin), LINES, status="berlaku")
        assert [(x["a"], x["b"]) for x in active["lines"]] == [("64.02", "64.72"), ("64", "64.02")]
        assert active["organizations"] == []
        mine = get(client_for(tkksd_pontianak), LINES)
        assert mine["lines"] == [{"a": "61.71", "b": "64.72", "count": 1}]
        assert mine["organizations"] == []


@pytest.mark.usefixtures("data_set")
class TestApi:
    def test_the_api_answers_the_same_values_and_lines(self, province_admin: Any) -> None:
        client = client_for(province_admin)
        api = get(client, "/api/v1/peta/nilai", tingkat="kabupaten_kota", metrik="aktif")
        page = get(client, VALUES, tingkat="kabupaten_kota", metrik="aktif")
        assert api == page
        lines = get(client, "/api/v1/peta/garis", status="berlaku")
        assert lines["lines"][0] == {"a": "64.02", "b": "64.72", "count": 2}

    def test_the_api_checks_its_input_and_its_caller(self, tkksd_pontianak: Any) -> None:
        client = client_for(tkksd_pontianak)
        assert client.get("/api/v1/peta/nilai", {"metrik": "spm"}).status_code == 422
        assert client.get("/api/v1/peta/nilai", {"status": "x"}).status_code == 400
        assert get(client, "/api/v1/peta/nilai", tingkat="kabupaten_kota")["values"].keys() == {
            "61.71"
        }
        assert Client().get("/api/v1/peta/nilai").status_code == 401


def test_count_classes_split_the_distinct_values_in_at_most_five() -> None:
    values = {str(n): {"jumlah": n} for n in [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]}
    classes = legend(values, "jumlah")
    assert [c["label"] for c in classes] == ["Tidak ada", "1–2", "3–5", "6–21", "22–55", "56–144"]
