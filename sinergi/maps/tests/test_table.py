"""The table under the map: the colours' numbers per region, and its CSV/XLSX download."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from sinergi.conftest import client_for
from sinergi.maps.selectors import VALUE_HEADERS
from sinergi.regions.models import Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_set")]

REGENCIES = {"tingkat": "kabupaten_kota", "provinsi": "64"}


def _table_rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.split("<tr>")[1:]


def test_the_map_page_lists_every_regency_of_the_province_highest_first(
    province_admin: Any,
) -> None:
    html = client_for(province_admin).get("/peta/").content.decode()
    rows = _table_rows(html.split('id="tabel-nilai"', 1)[1])
    assert len(rows) == Region.objects.filter(parent__code="64").count()
    assert "Kota Samarinda" in rows[0]
    assert '<a href="/kerja-sama/?region=64.72">4</a>' in rows[0]
    assert ">2</td>" in rows[0]
    assert ">50%</td>" in rows[0]
    assert "Kabupaten Kutai Kartanegara" in rows[1]
    assert '<a href="/wilayah/64.02/">' in rows[1]
    assert ">0</td>" in rows[2]
    assert ">—</td>" in rows[2]


def test_the_metric_orders_the_table_and_the_links_keep_the_filters(
    province_admin: Any,
) -> None:
    query = {**REGENCIES, "metrik": "aktif", "kind": "ksdd", "year_from": "2024"}
    html = client_for(province_admin).get("/peta/tabel/", query).content.decode()
    assert "Diurutkan menurut kerja sama berlaku." in html
    rows = _table_rows(html)
    assert "Kabupaten Kutai Kartanegara" in rows[0]  # 3 in force against Samarinda's 2
    assert "/kerja-sama/?region=64.02&amp;year_from=2024&amp;kind=ksdd" in rows[0]


def test_regions_outside_the_scope_have_no_numbers(province_admin: Any) -> None:
    html = client_for(province_admin).get("/peta/tabel/", {"tingkat": "provinsi"}).content
    rows = _table_rows(html.decode())
    assert len(rows) == Region.objects.provinces().count()
    assert "Kalimantan Timur" in rows[0]
    assert "Di luar cakupan Anda" not in rows[0]
    assert all("Di luar cakupan Anda" in row for row in rows[1:])


def test_the_csv_and_xlsx_hold_the_same_figures(province_admin: Any) -> None:
    client = client_for(province_admin)
    response = client.get("/peta/nilai.csv", REGENCIES)
    assert response["Content-Disposition"] == 'attachment; filename="peta-nilai-wilayah.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == VALUE_HEADERS
    assert lines[1] == ["64.72", "Kota Samarinda", "4", "2", "0.5"]
    assert lines[2][:4] == ["64.02", "Kabupaten Kutai Kartanegara", "3", "3"]
    workbook = load_workbook(io.BytesIO(client.get("/peta/nilai.xlsx", REGENCIES).content))
    sheet = list(workbook.active.iter_rows(values_only=True))
    assert list(sheet[0]) == VALUE_HEADERS
    assert sheet[1] == ("64.72", "Kota Samarinda", 4, 2, 0.5)
    assert len(sheet) == len(lines)


def test_bad_input_and_anonymous_visitors_are_refused(province_admin: Any) -> None:
    client = client_for(province_admin)
    wrong_year = client.get("/peta/tabel/", {"year_from": "kemarin"})
    assert wrong_year.status_code == 400
    assert "Tahun harus berupa angka empat digit" in wrong_year.content.decode()
    assert client.get("/peta/nilai.pdf").status_code == 404
    for url in ("/peta/tabel/", "/peta/nilai.csv"):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]


def test_the_map_fetches_the_values_the_page_computed_for_its_table(
    province_admin: Any,
) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client = client_for(province_admin)
    client.get("/peta/")  # computes the values for the table
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/peta/nilai.json", {**REGENCIES, "metrik": "jumlah", "garis": "1"})
    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if "agreements_party" in q["sql"]]
