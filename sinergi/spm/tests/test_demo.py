"""Demo SPM figures: Kalimantan only, marked as demo, and showing the gap between cities
and border regions that the gap pages are about."""

from typing import Any

import pytest
from django.urls import reverse

from sinergi.conftest import client_for
from sinergi.regions.models import Region
from sinergi.spm import demo
from sinergi.spm.computation import mean
from sinergi.spm.models import Entry
from sinergi.spm.selectors import region_index

pytestmark = pytest.mark.django_db


def test_demo_figures_cover_kalimantan_and_are_marked(reference_data: Any) -> None:
    created = demo.seed_demo()

    assert created > 0
    assert demo.seed_demo() == 0  # idempotent
    assert not Entry.objects.filter(is_demo=False).exists()
    assert not Entry.objects.exclude(notes=demo.NOTE).exists()
    provinces = {code[:2] for code in Entry.objects.values_list("region__code", flat=True)}
    assert provinces == set(Region.KALIMANTAN_PROVINCE_CODES)


def test_demo_cities_are_ahead_of_border_regencies(reference_data: Any) -> None:
    demo.seed_demo()
    kalimantan = Region.objects.kalimantan()

    def average(regions: Any) -> Any:
        return mean(region_index(region=r, year=demo.DEMO_YEAR).index for r in regions)

    cities = average(kalimantan.filter(kind=Region.Kind.CITY))
    border = average(kalimantan.filter(kind=Region.Kind.REGENCY, is_border=True))
    assert cities is not None
    assert border is not None
    assert cities > border


def test_the_page_says_the_figures_are_demo(reference_data: Any, province_admin: Any) -> None:
    demo.seed_demo()
    url = reverse("spm:index") + f"?wilayah=64.72&tahun={demo.DEMO_YEAR}"
    assert "DATA DEMO" in client_for(province_admin).get(url).content.decode()
