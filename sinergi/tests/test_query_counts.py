"""No N+1 queries on the main pages and API lists (issue #11).

Each page is read twice: with a few rows, then with several more of the rows it shows (more
agreements for a list, more parties, documents and reports for an agreement's page). The
number of queries must not grow with them: a page that asks once per row would grow by at
least one query per added row. Caches are emptied before each reading, so both readings
compute everything.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sinergi.agreements.models import Agreement
from sinergi.conftest import client_for
from sinergi.innovations.models import Innovation
from sinergi.innovations.tests.factories import InnovationFactory
from sinergi.monitoring.models import Indicator, MonitoringReport, Obligation

pytestmark = pytest.mark.django_db
ADDED = 4  # rows added between the two readings


def _queries(client: Client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


@pytest.fixture
def grow(
    make_active_agreement: Any, tkksd_samarinda: Any, samarinda: Any, region: Any, health: Any
) -> Callable[[int], Agreement]:
    """Adds `count` agreements of Samarinda in force, each with a partner, an obligation, an
    indicator, a report and an innovation of the region; returns the last."""
    partners = [region(code) for code in ("64.71", "64.02", "64.74", "64.03", "64.01")]

    def add(count: int) -> Agreement:
        agreement = None
        for number in range(count):
            agreement = make_active_agreement(
                tkksd_samarinda,
                samarinda,
                [partners[number % len(partners)]],
                title=f"Kerja sama layanan {number} {Agreement.objects.count()}",
                start_date=datetime.date(2025, 1, 1),
                duration_months=36,
            )
            _children(agreement, tkksd_samarinda, samarinda, 1)
            InnovationFactory(region=samarinda, affair=health, status=Innovation.Status.PUBLISHED)
        assert agreement is not None
        return agreement

    return add


def _children(agreement: Agreement, author: Any, region: Any, count: int) -> None:
    party = agreement.parties.get(region=region)
    for number in range(count):
        Obligation.objects.create(agreement=agreement, party=party, description=f"Tugas {number}")
        Indicator.objects.create(
            agreement=agreement, name=f"Ukuran {number}", unit="orang", target=9
        )
        MonitoringReport.objects.create(
            agreement=agreement,
            period_start=datetime.date(2025, 1 + number, 1),
            period_end=datetime.date(2025, 1 + number, 28),
            author=author,
        )


LISTS = [
    "/kerja-sama/",
    "/kerja-sama/?status=berlaku&urusan=1.02",
    "/kerja-sama/ekspor.csv",
    "/monev/",
    "/inovasi/",
    "/dasbor/",
    "/peta/nilai.json",
    "/peta/garis.json",
    "/dasbor/jejaring/data.json",
    "/wilayah/64.72/",
    "/spm/",
    "/spm/perbandingan/",
    "/evaluasi/perangkat-daerah/",
    "/api/v1/kerja-sama",
    "/api/v1/inovasi",
    "/api/v1/peringatan",
    "/api/v1/perangkat-daerah",
]


@pytest.mark.parametrize("url", LISTS)
def test_lists_ask_the_same_number_of_queries_for_more_rows(
    url: str, grow: Callable[[int], Agreement], tkksd_samarinda: Any
) -> None:
    client = client_for(tkksd_samarinda)
    grow(2)
    before = _queries(client, url)
    grow(ADDED)
    after = _queries(client, url)
    assert after - before < ADDED // 2, f"{url}: {before} → {after} queries"


OBJECT_PAGES = {
    "agreement": lambda pk: reverse("agreements:detail", args=[pk]),
    "monitoring": lambda pk: reverse("monitoring:agreement", args=[pk]),
    "planning": lambda pk: reverse("planning:agreement", args=[pk]),
    "evaluation": lambda pk: reverse("evaluations:agreement", args=[pk]),
    "API agreement": lambda pk: f"/api/v1/kerja-sama/{pk}",
    "API reports": lambda pk: f"/api/v1/monev/kerja-sama/{pk}/laporan",
    "API obligations": lambda pk: f"/api/v1/monev/kerja-sama/{pk}/kewajiban",
    "API timeline": lambda pk: f"/api/v1/kerja-sama/{pk}/riwayat",
}


@pytest.mark.parametrize("page", OBJECT_PAGES)
def test_an_agreements_pages_ask_the_same_number_of_queries_for_more_children(
    page: str,
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    region: Any,
) -> None:
    """One agreement with one partner and one of each child, one with five and five."""
    small, large = (
        make_active_agreement(
            tkksd_samarinda,
            samarinda,
            partners,
            start_date=datetime.date(2025, 1, 1),
            duration_months=36,
        )
        for partners in (
            [region("64.71")],
            [region(code) for code in ("64.71", "64.02", "64.74", "64.03", "64.01")],
        )
    )
    _children(small, tkksd_samarinda, samarinda, 1)
    _children(large, tkksd_samarinda, samarinda, 1 + ADDED)
    client = client_for(tkksd_samarinda)
    before = _queries(client, OBJECT_PAGES[page](small.pk))
    after = _queries(client, OBJECT_PAGES[page](large.pk))
    assert after - before < ADDED // 2, f"{page}: {before} → {after} queries"
