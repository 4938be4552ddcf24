"""Ranking, province roll-up and the gaps between groups of regions, on a known data set of
published field indices (so every index is exact)."""

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.conftest import client_for
from sinergi.regions.models import Region
from sinergi.spm.comparison import comparison
from sinergi.spm.models import Field, FieldValue

pytestmark = pytest.mark.django_db
D = Decimal
# code: (index of every field, kind, border, underdeveloped)
KNOWN = {
    "64": (75, "provinsi", False, False),
    "64.72": (90, "kota", False, False),
    "64.71": (80, "kota", False, False),
    "64.01": (70, "kabupaten", False, True),
    "64.02": (60, "kabupaten", True, False),
}


@pytest.fixture
def kaltim_2025(reference_data: Any) -> Region:
    fields = list(Field.objects.all())
    for code, (value, kind, border, underdeveloped) in KNOWN.items():
        region = Region.objects.get(code=code)
        Region.objects.filter(pk=region.pk).update(
            kind=kind, is_border=border, is_underdeveloped=underdeveloped
        )
        for field in fields:
            FieldValue.objects.create(
                region=region, year=2025, field=field, value=D(value), source="uji"
            )
    return Region.objects.get(code="64")


def test_regions_are_ranked_and_those_without_figures_come_last(kaltim_2025: Region) -> None:
    result = comparison(regions=Region.objects.in_province(kaltim_2025), year=2025)

    codes = [item.region.code for item in result.ranking]
    assert codes[:5] == ["64.72", "64.71", "64", "64.01", "64.02"]
    assert all(item.result.index is None for item in result.ranking[5:])


def test_a_province_is_shown_beside_its_regencies(kaltim_2025: Region) -> None:
    result = comparison(regions=Region.objects.in_province(kaltim_2025), year=2025)

    (province,) = result.provinces
    assert (province.own, province.regencies, province.counted) == (D(75), D(75), 4)


def test_gaps_between_cities_border_and_underdeveloped_regions(kaltim_2025: Region) -> None:
    gaps = {g.label: g for g in comparison(regions=Region.objects.kalimantan(), year=2025).gaps}

    cities = gaps["Kota dan kabupaten"]
    assert (cities.first_mean, cities.second_mean, cities.gap) == (D(85), D(65), D(20))
    assert cities.by_field["kesehatan"] == D(20)
    border = gaps["Perbatasan"]
    assert (border.first_mean, border.second_mean, border.second_count) == (D(80), D(60), 1)
    assert gaps["Daerah tertinggal"].gap == D("6.67")


def test_the_page_and_its_export_show_the_ranking(kaltim_2025: Region, province_admin: Any) -> None:
    client = client_for(province_admin)
    page = client.get(reverse("spm:comparison") + "?tahun=2025").content.decode()
    assert "Kota dan kabupaten" in page
    assert "Kesehatan: 20" in page

    export = client.get(reverse("spm:comparison_export", args=["xlsx"]) + "?tahun=2025")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == (1, "64.72", "Kota Samarinda")


def test_the_map_colours_regions_by_their_spm_index(
    kaltim_2025: Region, province_admin: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(province_admin)
    url = reverse("maps:values") + "?tingkat=kabupaten_kota&metrik=spm"
    body = client.get(url).json()

    assert body["metric_label"] == "Indeks Pencapaian SPM 2025"
    assert body["values"]["64.72"]["value"] == 90.0
    assert body["values"]["64.03"]["value"] is None  # no figures: "belum ada data"
    assert [c["label"] for c in body["legend"]][:3] == [
        "Belum ada data",
        "Tuntas Paripurna",
        "Tuntas Utama (80–99,99)",
    ]

    # A new figure is seen at once: SPM changes raise their own data version.
    with django_capture_on_commit_callbacks(execute=True):
        for value in FieldValue.objects.filter(region__code="64.72"):
            value.value = D(50)
            value.save()
    assert client.get(url).json()["values"]["64.72"]["value"] == 50.0
