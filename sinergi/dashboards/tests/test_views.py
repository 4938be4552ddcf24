"""The dashboard and network pages, their links to the agreement list, and the exports."""

import csv
import io
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from sinergi.conftest import client_for
from sinergi.dashboards.tests.conftest import border

pytestmark = pytest.mark.django_db


def test_the_dashboard_needs_a_login(client: Any) -> None:
    response = client.get(reverse("dashboards:index"))
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]


def test_the_dashboard_shows_the_figures_of_the_users_scope(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    response = client_for(province_admin).get(reverse("dashboards:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kalimantan Timur (64)" in html
    assert 'id="data-dasbor"' in html
    for slug in ("tahun", "jenis-kerja-sama", "jenis-dokumen", "status", "urusan", "mitra"):
        assert f'data-chart="{slug}"' in html
        assert reverse("dashboards:export", args=[slug, "csv"]) in html
    assert "Unduh PNG" in html
    assert '<a href="/kerja-sama/?kind=ksdpk">3</a>' in html
    assert '<a href="/kerja-sama/?doc_type=pks">3</a>' in html
    assert "5 pada 2025, naik 150% dari 2 pada 2024." in html
    assert "+150%" in html


def test_every_number_links_to_a_list_with_as_many_agreements(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    client = client_for(province_admin)
    response = client.get(reverse("dashboards:index"), {"year_from": "2024"})
    checked = 0
    for chart in response.context["charts"]:
        for row in chart.rows:
            if not row.url:
                continue
            listed = client.get(row.url).context["counts"]["semua"]
            assert listed == row.count, (chart.slug, row.label, row.url)
            checked += 1
    assert checked >= 15
    total = client.get(response.context["total_url"]).context["counts"]["semua"]
    assert total == response.context["figures"]["total"] == 7


def test_htmx_reloads_only_the_figures_with_the_filters(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    response = client_for(province_admin).get(
        reverse("dashboards:index"), {"kind": "ksdpk"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="data-dasbor"' in html
    assert response.context["figures"]["total"] == 3
    assert '<a href="/kerja-sama/?kind=ksdpk&amp;doc_type=pks">1</a>' in html


def test_an_invalid_filter_is_ignored_and_said(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    response = client_for(province_admin).get(
        reverse("dashboards:index"), {"year_from": "abad", "status": "apa"}
    )
    assert response.status_code == 200
    assert response.context["figures"]["total"] == 10
    assert "Filter berikut diabaikan" in response.content.decode()


def test_pontianak_sees_none_of_kaltims_figures(
    dataset: SimpleNamespace, tkksd_pontianak: Any
) -> None:
    response = client_for(tkksd_pontianak).get(reverse("dashboards:index"))
    assert response.context["figures"]["total"] == 1
    html = response.content.decode()
    assert "Kutai Kartanegara" not in html
    assert "Kota Samarinda" not in html


def test_only_users_with_several_provinces_may_pick_one(
    dataset: SimpleNamespace, superuser: Any, province_admin: Any
) -> None:
    national = client_for(superuser).get(reverse("dashboards:index"), {"province": "61"})
    assert 'name="province"' in national.content.decode()
    assert national.context["figures"]["total"] == 1
    own = client_for(province_admin).get(reverse("dashboards:index"), {"province": "61"})
    assert 'name="province"' not in own.content.decode()
    assert own.context["figures"]["total"] == 10


def read_csv(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_each_chart_exports_its_table_as_csv_with_the_filters(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    client = client_for(province_admin)
    response = client.get(reverse("dashboards:export", args=["tahun", "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="dasbor-tahun.csv"' in response["Content-Disposition"]
    assert read_csv(response) == [
        ["tahun", "jumlah", "perubahan_persen"],
        ["2024", "2", ""],
        ["2025", "5", "150"],
        ["Belum ditandatangani", "3", ""],
    ]
    filtered = client.get(
        reverse("dashboards:export", args=["jenis-dokumen", "csv"]), {"kind": "ksdd"}
    )
    assert read_csv(filtered) == [
        ["jenis_dokumen", "jumlah"],
        ["Kesepakatan Bersama (KB)", "5"],
        ["Perjanjian Kerja Sama (PKS)", "2"],
    ]


def test_a_chart_exports_as_xlsx_too_and_an_unknown_one_is_not_found(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    client = client_for(province_admin)
    response = client.get(reverse("dashboards:export", args=["status", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["status", "jumlah"]
    assert [r[0] for r in rows[1:4]] == [
        "Berlaku",
        "Akan berakhir (≤ 90 hari)",
        "Simbolis (tidak ada kegiatan)",
    ]
    assert sum(r[1] for r in rows[1:]) >= 10
    assert client.get(reverse("dashboards:export", args=["tidak-ada", "csv"])).status_code == 404


def test_the_network_page_lists_hubs_and_neighbours_without_agreement(
    dataset: SimpleNamespace, province_admin: Any, executive: Any, samarinda: Any, region: Any
) -> None:
    border(samarinda, region("64.74"))
    response = client_for(province_admin).get(reverse("dashboards:network"))
    html = response.content.decode()
    assert 'id="data-jejaring"' in html
    assert "Kota Samarinda – Kota Bontang" in html
    assert f'<a href="{reverse("agreements:create")}">Usulkan KSDD</a>' in html
    assert "Perguruan tinggi (1)" in html
    hubs = response.context["hubs"]
    assert hubs[0]["label"] == "Kota Samarinda"
    assert hubs[0]["url"] == "/kerja-sama/?region=64.72"
    # The executive reads the same list but may not propose.
    read_only = client_for(executive).get(reverse("dashboards:network")).content.decode()
    assert "Kota Samarinda – Kota Bontang" in read_only
    assert "Usulkan KSDD" not in read_only


def test_the_pairs_table_links_region_pairs_to_their_agreements(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    client = client_for(province_admin)
    response = client.get(reverse("dashboards:network"))
    pair = next(r for r in response.context["edges"] if r["a"]["code"] and r["b"]["code"])
    assert pair["edge"]["count"] == 7
    assert client.get(pair["url"]).context["counts"]["semua"] == 7


def test_the_network_data_is_json(dataset: SimpleNamespace, tkksd_pontianak: Any) -> None:
    response = client_for(tkksd_pontianak).get(reverse("dashboards:network_data"))
    data = response.json()
    assert {n["id"] for n in data["nodes"]} == {"r:61.71", "o:perguruan_tinggi"}
    assert len(data["edges"]) == 1
