"""Suggestions for a region's lagging services: regions doing well (bordering first), and
agreements evaluated as good to replicate; each opens a prefilled draft agreement."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sinergi.agreements.models import Agreement
from sinergi.conftest import client_for
from sinergi.dashboards.tests.conftest import border
from sinergi.evaluations.models import Evaluation
from sinergi.regions.models import Region
from sinergi.spm.suggestions import suggestions
from sinergi.spm.tests.conftest import enter

pytestmark = pytest.mark.django_db


@pytest.fixture
def lagging_samarinda(
    reference_data: Any,
    samarinda: Region,
    kukar: Region,
    region: Any,
    province_admin: Any,
    make_active_agreement: Callable[..., Agreement],
) -> Agreement:
    balikpapan = region("64.71")
    border(samarinda, kukar)
    enter(samarinda, "K-KES-04-P", 4, 100, 50)  # balita: 50, lagging
    enter(samarinda, "K-KES-05-P", 4, 100, 85)  # not lagging
    enter(balikpapan, "K-KES-04-P", 4, 100, 95)  # same province, does well
    enter(kukar, "K-KES-04-P", 4, 100, 92)  # bordering, does well
    enter(region("64.01"), "K-KES-04-P", 4, 100, 70)  # does not do well
    model = make_active_agreement(
        province_admin,
        kukar,
        [balikpapan],
        signed_on=datetime.date(2025, 1, 5),
        start_date=datetime.date(2025, 1, 5),
        end_date=datetime.date.today() + datetime.timedelta(days=365),
        title="Layanan posyandu keliling",
    )
    Evaluation.objects.create(agreement=model, year=2025, state="final", category="baik", total=80)
    return model


def test_lagging_services_get_partners_bordering_first_and_a_model_agreement(
    lagging_samarinda: Agreement, samarinda: Region, province_admin: Any
) -> None:
    (lagging,) = suggestions(user=province_admin, region=samarinda, year=2025)

    assert lagging.service.code == "K-KES-04"
    partners = [(s.kind, s.partner.code if s.partner else "") for s in lagging.suggestions]
    assert partners == [("wilayah", "64.02"), ("wilayah", "64.71"), ("kerja_sama", "64.02")]
    first = lagging.suggestions[0]
    assert "berbatasan dengan Kota Samarinda" in first.reason
    assert "mitra=64.02" in first.draft_url
    assert "urusan=1.02" in first.draft_url
    assert lagging.suggestions[2].agreement == lagging_samarinda


def test_a_suggestion_opens_a_prefilled_draft(
    lagging_samarinda: Agreement, samarinda: Region, province_admin: Any
) -> None:
    (lagging,) = suggestions(user=province_admin, region=samarinda, year=2025)
    response = client_for(province_admin).get(lagging.suggestions[0].draft_url)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["primary_affair"].code == "1.02"
    assert form.initial["title"].startswith("Kerja sama pelayanan kesehatan balita")
    regions = [row.get("region") for row in response.context["parties"].initial]
    assert [r.code for r in regions if r] == ["64", "64.02"]


def test_the_spm_page_lists_the_suggestions(
    lagging_samarinda: Agreement, province_admin: Any
) -> None:
    url = reverse("spm:index") + "?wilayah=64.72&tahun=2025"
    page = client_for(province_admin).get(url).content.decode()
    assert "Saran kerja sama" in page
    assert "Layanan posyandu keliling" in page


def test_published_innovations_of_the_affair_are_suggested_nearest_first(
    lagging_samarinda: Agreement, samarinda: Region, province_admin: Any, region: Any
) -> None:
    from sinergi.innovations.models import Innovation
    from sinergi.innovations.tests.factories import InnovationFactory

    health = lagging_samarinda.primary_affair
    InnovationFactory(region=region("61.71"), affair=health, name="Posyandu Sungai")
    InnovationFactory(region=region("64.03"), affair=health, name="Posyandu Digital Berau")
    InnovationFactory(region=samarinda, affair=health, name="Milik Sendiri")
    InnovationFactory(region=region("64.01"), affair=health, name="Tertutup", replicable=False)
    InnovationFactory(
        region=region("64.01"), affair=health, name="Draf", status=Innovation.Status.DRAFT
    )

    (lagging,) = suggestions(user=province_admin, region=samarinda, year=2025)

    offered = [s for s in lagging.suggestions if s.kind == "inovasi"]
    assert [s.title for s in offered] == ["Posyandu Digital Berau", "Posyandu Sungai"]
    assert offered[0].draft_url.endswith(f"/inovasi/{offered[0].innovation.pk}/minat/")
