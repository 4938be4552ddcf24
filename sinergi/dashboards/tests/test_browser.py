"""The dashboard and the network in a real Chromium: charts and graph drawn, no CSP error."""

import os
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import expect

from sinergi.dashboards.tests.conftest import border
from sinergi.tests.test_browser import (  # noqa: F401
    CHROMIUM,
    browser,
    capture,
    log_in,
    page,
    screenshot_path,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
]


@pytest.mark.django_db(transaction=True)
def test_a_province_admin_reads_the_dashboard_and_the_network(
    page: Any,  # noqa: F811
    live_server: Any,
    dataset: SimpleNamespace,
    samarinda: Any,
    region: Any,
) -> None:
    border(samarinda, region("64.74"))
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "admin.kaltim")

    page.goto(f"{live_server.url}/dasbor/")
    expect(page.get_by_role("heading", name="Dasbor kerja sama")).to_be_visible()
    expect(page.locator("canvas[data-rendered='1']")).to_have_count(7)
    expect(page.locator("#ringkasan-tahun")).to_have_text(
        "5 pada 2025, naik 150% dari 2 pada 2024."
    )
    with page.expect_download() as download:
        page.locator("[data-chart-png='tahun']").click()
    assert download.value.suggested_filename == "dasbor-tahun.png"
    assert os.path.getsize(download.value.path()) > 1000

    page.get_by_label("Jenis kerja sama", exact=True).select_option(
        "ksdpk"
    )  # htmx reloads the figures
    expect(page.locator("#judul-jenis-dokumen")).to_be_visible()
    expect(page.locator(".stat").first).to_have_text("3")
    assert "kind=ksdpk" in page.url
    expect(page.locator("canvas[data-rendered='1']")).to_have_count(7)
    page.get_by_label("Jenis kerja sama", exact=True).select_option("")
    expect(page.locator(".stat").first).to_have_text("10")
    expect(page.locator("canvas[data-rendered='1']")).to_have_count(7)
    capture(page, "dasbor.png")

    page.get_by_role("link", name="Lihat jejaring kerja sama").click()
    expect(page.get_by_role("heading", name="Jejaring kerja sama")).to_be_visible()
    expect(page.locator("[data-graph]")).to_have_attribute("data-rendered", "3")
    expect(page.locator("[data-graph] canvas").first).to_be_visible()
    expect(page.locator("#daftar-tetangga")).to_contain_text("Kota Samarinda – Kota Bontang")
    expect(page.locator("#jejaring-legenda li")).to_have_count(6)
    page.get_by_label("Warnai garis menurut").select_option("sector")
    expect(page.locator("#jejaring-legenda li")).to_have_count(1)
    capture(page, "jejaring.png")
