"""The map in a real Chromium: polygons drawn from the real boundaries, a click opens the
region's profile, whose small map highlights it. Screenshots for docs/screenshots/."""

import datetime
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sinergi.agreements.models import Agreement
from sinergi.maps.tests.conftest import REAL_FILES
from sinergi.tests.test_browser import CHROMIUM, browser, capture, log_in, page, screenshot_path  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
    pytest.mark.skipif(
        not all(p.exists() for p in REAL_FILES), reason="../shared boundary files are absent"
    ),
]
TODAY = datetime.date.today()


@pytest.mark.django_db(transaction=True)
def test_the_map_draws_the_regencies_and_a_click_opens_the_region_profile(
    page: Any,  # noqa: F811
    live_server: Any,
    province_admin: Any,
    samarinda: Any,
    kukar: Any,
    pontianak: Any,
    university: Any,
    make_active_agreement: Callable[..., Agreement],
) -> None:
    call_command("load_boundaries", *map(str, REAL_FILES), stdout=io.StringIO())
    for partners in ([kukar], [pontianak], [kukar, university]):
        make_active_agreement(
            province_admin,
            samarinda,
            partners,
            start_date=TODAY - datetime.timedelta(days=30),
            end_date=TODAY + datetime.timedelta(days=400),
        )
    log_in(page, live_server, "admin.kaltim")
    page.goto(f"{live_server.url}/peta/")
    page.wait_for_selector("#peta[data-ready='1']", timeout=60_000)
    assert page.locator("path.leaflet-interactive").count() >= 10  # Kaltim's regencies + lines
    expect(page.locator("#legenda")).to_contain_text("Jumlah kerja sama")
    expect(page.locator("#mitra-organisasi")).to_contain_text("Universitas Mulawarman")
    expect(page.locator("#peta-status")).to_contain_text("10 wilayah digambar")
    capture(page, "peta.png")
    # Pontianak (West Kalimantan) is a partner outside the regencies drawn and the view.
    far = page.get_by_role("button", name="Tampilkan 1 wilayah mitra di luar tampilan")
    far.click()
    expect(far).to_be_hidden()

    page.get_by_label("Garis antarwilayah").uncheck()  # the lines redraw in place
    page.wait_for_selector("#peta[data-ready='1']")
    expect(page.locator("path.leaflet-interactive[stroke='#c0392b']")).to_have_count(0)
    page.get_by_label("Ukuran").select_option("aktif")
    page.wait_for_selector("#peta[data-ready='1']")
    expect(page.locator("#legenda")).to_contain_text("Kerja sama berlaku")
    assert "metrik=aktif" in page.url
    table = page.get_by_role("table", name="Nilai peta per wilayah: Kerja sama berlaku")
    expect(table).to_be_visible()  # the table under the map was redrawn for the new metric
    expect(table.locator("tbody tr").first).to_contain_text("Kota Samarinda")

    page.locator("path.wilayah-64-72").click()
    page.wait_for_url(f"{live_server.url}/wilayah/64.72/")
    expect(page.get_by_role("heading", name="Kota Samarinda")).to_be_visible()
    page.wait_for_selector("#peta[data-ready='1']", timeout=30_000)
    expect(page.locator("path.wilayah-64-72")).to_have_attribute("fill", "#0b5d5b")
    expect(page.get_by_role("button", name="Cetak")).to_be_visible()
    capture(page, "profil-wilayah.png")
