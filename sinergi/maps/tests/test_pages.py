"""The map page (/peta/): where it starts, what it loads, and nothing inline (strict CSP)."""

import re
from typing import Any

import pytest
from django.test import Client

from sinergi.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_province_admin_starts_on_the_regencies_of_the_province(province_admin: Any) -> None:
    response = client_for(province_admin).get("/peta/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-level="kabupaten_kota" data-province="64"' in html
    assert 'data-boundaries="/peta/batas.geojson"' in html
    assert 'data-values="/peta/nilai.json"' in html
    assert 'data-profile="/wilayah/KODE/"' in html
    assert '<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">' in html
    assert '<script src="/static/vendor/leaflet/leaflet.js" defer></script>' in html
    assert '<script src="/static/maps/map.js" defer></script>' in html


def test_the_page_has_no_inline_script_or_style_and_no_outside_address(
    province_admin: Any,
) -> None:
    html = client_for(province_admin).get("/peta/").content.decode()
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert not re.search(r"(src|href)=\"https?://", html)


def test_a_national_user_starts_on_the_provinces(superuser: Any) -> None:
    html = client_for(superuser).get("/peta/").content.decode()
    assert 'data-level="provinsi" data-province=""' in html


def test_the_form_keeps_the_chosen_filters_and_metric(tkksd_samarinda: Any) -> None:
    query = {"tingkat": "provinsi", "metrik": "aktif", "year_from": "2024", "kind": "ksdd"}
    html = client_for(tkksd_samarinda).get("/peta/", query).content.decode()
    assert 'data-level="provinsi" data-province=""' in html
    assert '<option value="aktif" selected>' in html
    assert 'name="year_from" inputmode="numeric" value="2024"' in html
    assert '<option value="ksdd" selected>' in html
    assert 'id="f-garis" name="garis" value="1" >' in html  # lines off once the form is sent


def test_a_wrong_year_is_explained_and_the_map_still_opens(tkksd_samarinda: Any) -> None:
    response = client_for(tkksd_samarinda).get("/peta/", {"year_from": "kemarin"})
    assert response.status_code == 200
    assert "Tahun harus berupa angka empat digit" in response.content.decode()


def test_the_map_asks_for_boundaries_when_none_are_loaded(tkksd_samarinda: Any) -> None:
    html = client_for(tkksd_samarinda).get("/peta/").content.decode()
    assert "Batas wilayah belum dimuat" in html


def test_anonymous_visitors_are_sent_to_the_login(reference_data: None) -> None:
    response = Client().get("/peta/")
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]
