"""Reference code lists through the API: regions by Kemendagri code, urusan, OPDs."""

from typing import Any

import pytest

from sinergi.conftest import client_for
from sinergi.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_regions_are_listed_by_code_with_filters_and_pages(tkksd_kukar: Any) -> None:
    client = client_for(tkksd_kukar)
    body = client.get("/api/v1/wilayah", {"province": "64", "page_size": 5}).json()
    assert body["count"] == 11  # Kalimantan Timur and its ten regencies and cities
    assert [r["code"] for r in body["items"]] == ["64", "64.01", "64.02", "64.03", "64.07"]
    assert body["pages"] == 3
    second = client.get("/api/v1/wilayah", {"province": "64", "page_size": 5, "page": 2}).json()
    assert second["items"][0]["code"] == "64.08"  # a stable order: pages neither repeat nor skip
    one = client.get("/api/v1/wilayah/64.02").json()
    assert one["name"] == "Kabupaten Kutai Kartanegara"
    assert one["province_code"] == "64"
    assert "boundary" not in one
    missing = client.get("/api/v1/wilayah/99.99")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_urusan_are_the_whole_code_list(tkksd_kukar: Any) -> None:
    body = client_for(tkksd_kukar).get("/api/v1/urusan").json()
    assert body["count"] == len(body["items"]) >= 40
    assert body["items"][1]["code"] == "1.02"


def test_opds_are_those_of_the_users_regions(
    tkksd_kukar: Any, province_admin: Any, kukar: Any, samarinda: Any
) -> None:
    own = AgencyFactory(region=kukar, name="Dinas Kesehatan Kukar")
    other = AgencyFactory(region=samarinda, name="Dinas Kesehatan Samarinda")
    kukar_client = client_for(tkksd_kukar)
    names = [a["name"] for a in kukar_client.get("/api/v1/perangkat-daerah").json()["items"]]
    assert names == ["Dinas Kesehatan Kukar"]
    assert kukar_client.get(f"/api/v1/perangkat-daerah/{own.pk}").status_code == 200
    assert kukar_client.get(f"/api/v1/perangkat-daerah/{other.pk}").status_code == 404
    admin = client_for(province_admin).get("/api/v1/perangkat-daerah", {"q": "kesehatan"}).json()
    assert admin["count"] == 2


def test_the_region_profile_shows_the_latest_spm_index(
    tkksd_samarinda: Any, tkksd_kukar: Any, samarinda: Any
) -> None:
    from decimal import Decimal

    from sinergi.spm.models import Field, FieldValue

    for spm_field in Field.objects.all():
        value = Decimal(70) if spm_field.code == "kesehatan" else Decimal(90)
        FieldValue.objects.create(
            region=samarinda, year=2025, field=spm_field, value=value, source="uji"
        )
    page = client_for(tkksd_samarinda).get("/wilayah/64.72/").content.decode()
    assert "Indeks Pencapaian SPM 2025: <strong>86,7</strong>" in page  # (5 × 90 + 70) / 6
    assert "Kesehatan" in page
    assert "/spm/?wilayah=64.72&amp;tahun=2025" in page
    other = client_for(tkksd_kukar).get("/wilayah/64.72/").content.decode()
    assert "belum tersedia dalam cakupan Anda" in other  # another region's figures stay hidden
