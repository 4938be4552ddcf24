"""A visitor without an account uses the public portal in a real Chromium."""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement
from sinergi.portal.tests.test_map import give_boundaries
from sinergi.tests.test_browser import (  # noqa: F401
    CHROMIUM,
    assert_accessible,
    assert_reachable_by_keyboard,
    browser,
    capture,
    page,
    screenshot_path,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
]
SCREENSHOT = Path(screenshot_path("portal.png"))
D = datetime.date


@pytest.mark.django_db(transaction=True)
def test_a_visitor_reads_statistics_searches_and_opens_an_agreement(
    page: Any,  # noqa: F811
    live_server: Any,
    make_active_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    tkksd_pontianak: Any,
    samarinda: Any,
    kukar: Any,
    pontianak: Any,
    region: Any,
    university: Any,
) -> None:
    education = Affair.objects.get(code="1.01")
    works = Affair.objects.get(code="1.03")
    make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Pelayanan kesehatan rujukan lintas daerah",
        purpose="Rujukan pasien antara RSUD kedua daerah.",
        start_date=D(2025, 2, 1),
        duration_months=36,
        is_public=True,
    )
    make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        doc_type="pks",
        title="Pembangunan jalan penghubung antarkecamatan",
        primary_affair=works,
        start_date=D(2024, 5, 1),
        duration_months=48,
        is_public=True,
    )
    make_active_agreement(
        tkksd_pontianak,
        pontianak,
        [university],
        title="Beasiswa mahasiswa berprestasi",
        primary_affair=education,
        start_date=D(2023, 8, 1),
        duration_months=36,
        is_public=True,
    )
    make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Kerja sama yang tidak dipublikasikan",
        start_date=D(2025, 1, 1),
        duration_months=24,
    )

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Lihat kerja sama yang dipublikasikan").click()
    expect(
        page.get_by_role("heading", name="Kerja sama daerah yang dipublikasikan")
    ).to_be_visible()
    expect(page.locator(".stat")).to_have_text("3")
    expect(page.get_by_role("link", name="Masuk").first).to_be_visible()
    assert_reachable_by_keyboard(page, "Peta")
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    page.get_by_label("Cari kerja sama").fill("layanan rujukan")
    page.get_by_role("button", name="Cari").click()
    result = page.get_by_role("link", name="Pelayanan kesehatan rujukan lintas daerah")
    expect(result).to_be_visible()
    expect(page.locator("table")).not_to_contain_text("Beasiswa")
    expect(page.locator("body")).not_to_contain_text("tidak dipublikasikan")

    result.click()
    expect(
        page.get_by_role("heading", name="Pelayanan kesehatan rujukan lintas daerah")
    ).to_be_visible()
    expect(page.locator("dl")).to_contain_text("Kabupaten Kutai Kartanegara")
    expect(page.locator("dl")).to_contain_text("Rujukan pasien antara RSUD kedua daerah.")
    assert_accessible(page)

    page.get_by_role("link", name="Kabupaten Kutai Kartanegara").click()
    expect(page.get_by_role("heading", name="Kabupaten Kutai Kartanegara")).to_be_visible()
    expect(page.locator(".stat")).to_have_text("2")
    assert SCREENSHOT.stat().st_size < 400_000

    give_boundaries()
    page.get_by_role("link", name="Peta").click()
    expect(page.locator("#peta-publik")).to_have_attribute("data-loaded", "3")
    expect(page.locator("path.leaflet-interactive").first).to_be_visible()
    capture(page, "portal-peta.png")
    # The table beside the map (the map test in sinergi/maps clicks polygons).
    page.locator("table").get_by_role("link", name="Kabupaten Kutai Kartanegara").click()
    expect(page.locator(".stat")).to_have_text("2")
