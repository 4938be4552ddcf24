"""Follow-up journeys in a real Chromium: monev report, annual report progress, OPD filter."""

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from sinergi.monitoring.models import Indicator, MonitoringReport
from sinergi.tests.factories import AgencyFactory
from sinergi.tests.test_browser import browser, log_in, page  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_tkksd_officer_writes_and_submits_a_monev_report(
    page: Any,  # noqa: F811
    live_server: Any,
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
) -> None:
    start = datetime.date.today().replace(day=1) - datetime.timedelta(days=400)
    agreement = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Rujukan pasien lintas batas",
        start_date=start,
        duration_months=36,
    )
    Indicator.objects.create(agreement=agreement, name="Pasien dirujuk", unit="orang", target=100)
    log_in(page, live_server, "tkksd.samarinda")
    page.goto(f"{live_server.url}/kerja-sama/{agreement.pk}/")
    page.get_by_role("link", name="Kewajiban & monev").click()
    expect(page.get_by_role("heading", name="Kewajiban dan monev")).to_be_visible()
    expect(page.get_by_text("Terlambat")).to_be_visible()  # a period ended long ago

    page.get_by_role("link", name="Susun laporan monev").click()
    page.get_by_label("Kegiatan yang dilaksanakan").fill("Rujukan 80 pasien ke RSUD Kukar.")
    page.get_by_label("Rekomendasi").select_option("diperluas")
    page.get_by_label("Realisasi: Pasien dirujuk (orang; target 100.00)").fill("80")
    page.get_by_role("button", name="Simpan draf").click()
    page.get_by_role("button", name="Ajukan untuk direviu").click()

    expect(page.get_by_text("Diajukan").first).to_be_visible()
    report = MonitoringReport.objects.get(agreement=agreement)
    assert report.state == MonitoringReport.State.SUBMITTED
    assert report.realisations.get().value == 80


@pytest.mark.django_db(transaction=True)
def test_an_annual_report_is_requested_and_offered_for_download(
    page: Any,  # noqa: F811
    live_server: Any,
    province_admin: Any,
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
) -> None:
    year = datetime.date.today().year
    make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        start_date=datetime.date(year, 1, 2),
        duration_months=24,
    )
    log_in(page, live_server, "admin.kaltim")
    page.get_by_role("button", name="Pemantauan").click()
    page.get_by_role("link", name="Evaluasi tahunan").click()
    page.get_by_role("button", name="Buat laporan").click()
    expect(page.get_by_role("link", name="Unduh PDF").first).to_be_visible(timeout=60_000)
    expect(page.get_by_role("link", name="Unduh XLSX").first).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_choosing_a_region_offers_its_opds_in_the_list_filter(
    page: Any,  # noqa: F811
    live_server: Any,
    province_admin: Any,
    kukar: Any,
    samarinda: Any,
) -> None:
    AgencyFactory(region=kukar, name="Dinas Kesehatan Kutai Kartanegara")
    AgencyFactory(region=samarinda, name="Dinas Kesehatan Kota Samarinda")
    log_in(page, live_server, "admin.kaltim")
    page.goto(f"{live_server.url}/kerja-sama/")
    agency = page.get_by_label("Perangkat daerah")
    expect(agency.locator("option")).to_have_count(1)  # the province's own: none yet
    page.get_by_label("Wilayah", exact=True).select_option(kukar.code)
    expect(agency.locator("option", has_text="Kutai Kartanegara")).to_have_count(1)
    expect(agency.locator("option", has_text="Samarinda")).to_have_count(0)
