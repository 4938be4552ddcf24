"""The Indeks Pencapaian SPM of a region and year, from entries and from published field
values, and `manage.py spm_index`."""

import json
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sinergi.conftest import client_for
from sinergi.regions.models import Region
from sinergi.spm.models import Field, FieldValue, Indicator, Scheme
from sinergi.spm.selectors import completeness, index_trend, region_index, region_indices

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_index_is_computed_from_indicators_services_and_fields(
    samarinda_2025: Region,
) -> None:
    result = region_index(region=samarinda_2025, year=2025)

    services = {s.code: s for s in result.services}
    assert services["K-KES-01"].score == D("82.00")  # 0.8 × 90 + 0.2 × 50
    assert services["K-KES-01"].missing_quarters == {"K-KES-01-P": (2,), "K-KES-01-M": (1, 2)}
    assert services["K-KES-02"].score == D(100)  # no target population: met
    assert services["K-PDK-02"].indicators["K-PDK-02-P"].value == D("125.00")
    assert services["K-PDK-02"].score == D(100)  # 125% counts as 100; literacy rose
    assert services["K-KES-03"].score is None  # nothing entered: left out, not 0
    assert result.fields["kesehatan"] == D("91.00")
    assert result.fields["pendidikan"] == D(100)
    assert result.fields["sosial"] is None
    assert result.index == D("95.50")
    assert result.category == "Tuntas Utama"
    assert not result.published


def test_published_field_values_give_the_index_directly(reference_data: Any, kukar: Region) -> None:
    values = {"pendidikan": 80, "kesehatan": 60, "pekerjaan_umum": 70}
    values |= {"perumahan": 90, "trantibumlinmas": 100, "sosial": 20}
    for code, value in values.items():
        FieldValue.objects.create(
            region=kukar, year=2025, field=Field.objects.get(code=code), value=D(value),
            source="Kemendagri (uji)",
        )  # fmt: skip

    result = region_index(region=kukar, year=2025)

    assert result.published
    assert result.index == D(70)
    assert result.category == "Tuntas Madya"


def test_a_region_without_figures_has_no_index(reference_data: Any, kukar: Region) -> None:
    result = region_index(region=kukar, year=2025)
    assert (result.index, result.category) == (None, None)


def test_the_command_prints_the_index_as_json(samarinda_2025: Region) -> None:
    out = StringIO()
    call_command("spm_index", region="64.72", year=2025, json=True, stdout=out)

    printed = json.loads(out.getvalue())
    assert printed == {
        "region": "64.72",
        "year": 2025,
        "index": 95.5,
        "category": "Tuntas Utama",
        "fields": {
            "pendidikan": 100.0,
            "kesehatan": 91.0,
            "pekerjaan_umum": None,
            "perumahan": None,
            "trantibumlinmas": None,
            "sosial": None,
        },
    }


def test_the_command_names_an_unknown_region(reference_data: Any) -> None:
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("spm_index", region="99.99", year=2025, json=True, stdout=StringIO())


def test_the_api_gives_the_same_index_within_the_users_scope(
    samarinda_2025: Region, province_admin: Any
) -> None:
    url = reverse("api-v1:spm-index") + "?region=64.72&year=2025"
    response = client_for(province_admin).get(url)

    assert response.status_code == 200
    assert response.json()["index"] == 95.5
    assert response.json()["fields"]["kesehatan"] == 91.0


def test_the_api_hides_regions_outside_the_scope_and_needs_a_login(
    samarinda_2025: Region, tkksd_pontianak: Any
) -> None:
    url = reverse("api-v1:spm-index") + "?region=64.72&year=2025"
    assert client_for(tkksd_pontianak).get(url).status_code == 404
    assert Client().get(url).status_code == 401
    bad_year = reverse("api-v1:spm-index") + "?region=64.72&year=1999"
    assert client_for(tkksd_pontianak).get(bad_year).status_code == 422


def test_completeness_per_quarter_is_coloured_by_the_schemes_thresholds(
    samarinda_2025: Region,
) -> None:
    Scheme.objects.filter(is_default=True).update(complete_green=D(5), complete_yellow=D(3))

    rows = completeness(regions=Region.objects.filter(code="64.72"), year=2025)

    expected = Indicator.objects.filter(service__level="kabupaten_kota").count()
    assert expected == 59  # 29 service types × (recipients, quality) + the literacy trend
    assert [(r.quarter, r.filled, r.percent, r.colour) for r in rows] == [
        (1, 1, D("1.69"), "merah"),
        (2, 0, D(0), "hitam"),
        (3, 2, D("3.39"), "kuning"),
        (4, 3, D("5.08"), "hijau"),
    ]


def test_many_regions_cost_the_same_queries_as_one(samarinda_2025: Region) -> None:
    def queries(regions: Any) -> int:
        with CaptureQueriesContext(connection) as captured:
            region_indices(regions=regions, year=2025)
        return len(captured.captured_queries)

    one = queries(Region.objects.filter(code="64.72"))
    assert queries(Region.objects.kalimantan()) == one


def test_the_trend_shows_each_years_index(reference_data: Any, kukar: Region) -> None:
    for year, value in ((2023, 50), (2025, 70)):
        for field in Field.objects.all():
            FieldValue.objects.create(
                region=kukar, year=year, field=field, value=D(value), source="uji"
            )
    assert index_trend(region=kukar, year=2025, years=3) == [
        (2023, D(50)),
        (2024, None),
        (2025, D(70)),
    ]


def test_indices_are_kept_until_a_figure_changes(
    reference_data: Any, kukar: Region, django_capture_on_commit_callbacks: Any
) -> None:
    def published(value: int) -> None:
        with django_capture_on_commit_callbacks(execute=True):  # the version rises on commit
            FieldValue.objects.update_or_create(
                region=kukar, year=2025, field=Field.objects.get(code="pendidikan"),
                defaults={"value": D(value), "source": "Kemendagri (uji)"},
            )  # fmt: skip

    published(80)
    assert region_indices(regions=[kukar], year=2025, services=False)[0].index == D(80)
    with CaptureQueriesContext(connection) as captured:
        again = region_indices(regions=[kukar], year=2025, services=False)
    assert again[0].index == D(80)
    assert len(captured.captured_queries) == 1  # the data version only: the rest is kept

    published(60)
    assert region_indices(regions=[kukar], year=2025, services=False)[0].index == D(60)
    assert region_index(region=kukar, year=2025).index == D(60)
