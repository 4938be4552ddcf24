"""Rankings on a known data set: most replicated, regions that share most, SPM gaps."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Status
from sinergi.conftest import client_for
from sinergi.innovations import rankings
from sinergi.innovations.models import Innovation, ReplicationInterest
from sinergi.regions.models import Region
from sinergi.spm.models import Field, FieldValue

pytestmark = pytest.mark.django_db


def _replicate(
    innovation: Innovation, region: Region, make_agreement: Any, user: Any, *, signed: bool
) -> None:
    agreement = make_agreement(
        user, innovation.region, [region], title=f"Replikasi {innovation.name}"
    )
    if signed:
        type(agreement).objects.filter(pk=agreement.pk).update(status=Status.ACTIVE)
    ReplicationInterest.objects.create(
        innovation=innovation,
        region=region,
        letter_number="1",
        letter_date=datetime.date(2026, 1, 5),
        reason="Perlu",
        status=ReplicationInterest.Status.ACCEPTED,
        decided_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC),
        agreement=agreement,
    )


@pytest.fixture
def known(make_innovation: Any, make_agreement: Any, region: Any, superuser: Any) -> dict[str, Any]:
    """Samarinda: 2 innovations, replicated 3 times (2 signed); Balikpapan: 1, replicated twice
    (none signed); Kukar: 3 innovations never replicated; a draft and a withdrawn innovation
    with replications that must not count; Pontianak (another province): 1, replicated once."""
    samarinda, balikpapan, kukar = region("64.72"), region("64.71"), region("64.02")
    berau, kubar, pontianak = region("64.03"), region("64.07"), region("61.71")
    education = Affair.objects.get(code="1.01")
    queue = make_innovation(samarinda, name="Antrean Daring")
    clinic = make_innovation(samarinda, name="Klinik Apung")
    permits = make_innovation(balikpapan, name="Izin Sehari", affair=education)
    for n in range(3):
        make_innovation(kukar, name=f"Kukar {n}", affair=education)
    draft = make_innovation(kukar, name="Draf", status=Innovation.Status.DRAFT)
    withdrawn = make_innovation(kukar, name="Ditarik", status=Innovation.Status.WITHDRAWN)
    borneo = make_innovation(pontianak, name="Pontianak Sehat")
    _replicate(queue, kukar, make_agreement, superuser, signed=True)
    _replicate(queue, berau, make_agreement, superuser, signed=True)
    _replicate(clinic, kubar, make_agreement, superuser, signed=False)
    _replicate(permits, kukar, make_agreement, superuser, signed=False)
    _replicate(permits, berau, make_agreement, superuser, signed=False)
    _replicate(draft, berau, make_agreement, superuser, signed=True)
    _replicate(withdrawn, kubar, make_agreement, superuser, signed=True)
    _replicate(borneo, kukar, make_agreement, superuser, signed=True)
    return {"kaltim": region("64"), "queue": queue}


def test_most_replicated_counts_accepted_replications_of_published_innovations(
    known: dict[str, Any],
) -> None:
    found = rankings.most_replicated(province=known["kaltim"])
    assert [(i.name, i.replications, i.signed) for i in found] == [
        ("Antrean Daring", 2, 2),
        ("Izin Sehari", 2, 0),
        ("Klinik Apung", 1, 0),
    ]
    national = [i.name for i in rankings.most_replicated()]
    assert "Pontianak Sehat" in national
    assert "Draf" not in national


def test_regions_that_share_most(known: dict[str, Any]) -> None:
    found = rankings.sharing_regions(province=known["kaltim"])
    assert [(s.region.code, s.published, s.replicated_by_others) for s in found] == [
        ("64.72", 2, 3),  # score 8
        ("64.71", 1, 2),  # score 5
        ("64.02", 3, 0),  # score 3: drafts and withdrawn ones are not shared
    ]


def test_sectors_with_few_innovations_against_their_spm_gaps(known: dict[str, Any]) -> None:
    kaltim_regions = list(Region.objects.in_province(known["kaltim"]))
    values = {"64.72": 95, "64.71": 70, "64.02": 60, "64.03": 50}  # health below 80 in three
    health, education = Field.objects.get(code="kesehatan"), Field.objects.get(code="pendidikan")
    for code, value in values.items():
        target = Region.objects.get(code=code)
        FieldValue.objects.create(
            region=target, year=2025, field=health, value=Decimal(value), source="uji"
        )
        FieldValue.objects.create(
            region=target, year=2025, field=education, value=Decimal(85), source="uji"
        )

    gaps = {g.field_name: g for g in rankings.sector_gaps(regions=kaltim_regions, year=2025)}

    assert gaps["Kesehatan"].innovations == 3  # Samarinda's two + Pontianak's (published)
    assert (gaps["Kesehatan"].regions_measured, gaps["Kesehatan"].regions_lagging) == (4, 3)
    assert gaps["Kesehatan"].mean_index == Decimal("68.75")
    assert gaps["Pendidikan"].innovations == 4
    assert gaps["Pendidikan"].regions_lagging == 0
    order = [g.field_name for g in rankings.sector_gaps(regions=kaltim_regions, year=2025)]
    assert order[0] == "Kesehatan"  # the biggest unmet need comes first


def test_the_rankings_page_shows_the_three_tables(
    known: dict[str, Any], province_admin: Any
) -> None:
    page = client_for(province_admin).get(reverse("innovations:rankings")).content.decode()
    assert "Kalimantan Timur" in page
    assert page.index("Antrean Daring") < page.index("Izin Sehari") < page.index("Klinik Apung")
    assert "Pontianak Sehat" not in page  # the admin's own province by default
    national = client_for(province_admin).get(
        reverse("innovations:rankings"), {"provinsi": "semua"}
    )
    assert "Pontianak Sehat" in national.content.decode()


def test_spm_gaps_count_only_regions_in_the_users_scope(
    known: dict[str, Any], tkksd_kukar: Any
) -> None:
    health = Field.objects.get(code="kesehatan")
    for code in ("64.02", "64.72"):
        FieldValue.objects.create(
            region=Region.objects.get(code=code),
            year=2025,
            field=health,
            value=Decimal(60),
            source="uji",
        )
    response = client_for(tkksd_kukar).get(reverse("innovations:rankings"))
    gaps = {g.field_name: g for g in response.context["gaps"]}
    assert gaps["Kesehatan"].regions_measured == 1  # Kukar itself, not Samarinda's figures
