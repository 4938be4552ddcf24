"""Journeys in a real Chromium (Debian's /usr/bin/chromium) through Playwright."""

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sinergi.tests.factories import PASSWORD, AgencyFactory
from sinergi.tests.files import pdf

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
]
# Flags from docs/operations.md: no sandbox as root, and no background calls to the internet.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def screenshot_path(name: str) -> str:
    """Where a journey saves its screenshot: docs/screenshots/ when `make screenshots` asks
    for them (SINERGI_SCREENSHOTS=1), else a temporary folder, so a test run leaves the
    committed images alone."""
    if os.environ.get("SINERGI_SCREENSHOTS") == "1":
        folder = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    else:
        folder = Path(tempfile.gettempdir()) / "sinergi-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / name)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Playwright runs an event loop in this thread; Django's ORM calls from the test are safe.
    # Only for these tests: the variable must not leak into the rest of the suite.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript errors or CSP violations: {errors}"


def log_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.django_db(transaction=True)
def test_a_province_admin_logs_in_switches_region_and_searches_opds(
    page: Any, live_server: Any, province_admin: Any, kukar: Any, samarinda: Any
) -> None:
    AgencyFactory(region=kukar, name="RSUD Aji Muhammad Parikesit")
    AgencyFactory(region=samarinda, name="RSUD I.A. Moeis")
    log_in(page, live_server, "admin.kaltim")
    assert page.get_by_role("heading", name="Beranda").is_visible()
    assert "Kalimantan Timur (64)" in page.content()

    page.get_by_label("Wilayah kerja").select_option("64.02")
    page.wait_for_load_state("networkidle")
    assert "Kabupaten Kutai Kartanegara (64.02)" in page.content()

    page.get_by_role("button", name="Referensi").click()
    page.get_by_role("link", name="Perangkat daerah", exact=True).click()
    table = page.locator("#tabel-opd")
    expect(table).to_contain_text("Parikesit")  # the list follows the switched region
    expect(table).not_to_contain_text("Moeis")

    page.get_by_label("Wilayah", exact=True).select_option("")  # htmx swaps the table
    expect(table).to_contain_text("RSUD I.A. Moeis")
    page.get_by_label("Cari").fill("moeis")
    expect(table).not_to_contain_text("Parikesit")
    expect(table).to_contain_text("RSUD I.A. Moeis")
    assert "?q=moeis" in page.url  # htmx keeps the filter in the address for sharing

    page.get_by_role("link", name="RSUD I.A. Moeis").click()
    assert page.get_by_role("heading", name="RSUD I.A. Moeis").is_visible()
    assert page.get_by_role("heading", name="Riwayat perubahan").is_visible()


@pytest.mark.django_db(transaction=True)
def test_the_layout_works_on_a_phone(browser: Any, live_server: Any, tkksd_samarinda: Any) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    log_in(page, live_server, "tkksd.samarinda")
    menu = page.get_by_role("button", name="Buka menu")
    assert menu.is_visible()
    menu.click()
    # Bootstrap animates the menu open ("collapsing") and only then marks it "show"; a click on
    # a dropdown during the animation can be lost, which made this test flaky on a busy CI.
    expect(page.locator("#menu-utama")).to_have_class(re.compile(r"\bshow\b"))
    references = page.get_by_role("button", name="Referensi")
    references.click()
    expect(references).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Perangkat daerah", exact=True).click()
    expect(page.get_by_role("heading", name="Perangkat daerah")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_tkksd_officer_records_a_kb_and_takes_it_to_signing(
    page: Any, live_server: Any, tkksd_samarinda: Any, kukar: Any, tmp_path: Any
) -> None:
    log_in(page, live_server, "tkksd.samarinda")
    page.get_by_role("link", name="Kerja Sama", exact=True).click()
    page.get_by_role("link", name="Catat kerja sama").click()
    page.get_by_label("Judul").fill("Pelayanan kesehatan rujukan warga perbatasan")
    page.get_by_label("Urusan utama").select_option(label="1.02 Kesehatan")
    page.get_by_label("Tanggal mulai").fill("2026-01-01")
    page.get_by_label("Jangka waktu (bulan)").fill("36")
    page.locator("#id_pihak-1-region").select_option(label="64.02 — Kabupaten Kutai Kartanegara")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Pelayanan kesehatan rujukan warga perbatasan"
    )
    expect(page.locator("body")).to_contain_text("Semua pihak adalah pemerintah daerah")
    expect(page.locator("body")).to_contain_text("01 Jan 2026 s.d. 31 Des 2028 (36 bulan)")
    for button in (
        "Ajukan ke TKKSD",
        "Setujui, lanjut penyusunan naskah",
        "Naskah selesai disusun",
    ):
        page.get_by_role("button", name=button).click()
        expect(page.locator(".alert-success")).to_contain_text("Status kerja sama diperbarui")
    page.get_by_label("Tanggal penandatanganan").fill("2025-12-20")
    page.get_by_label("Tempat", exact=True).fill("Samarinda")
    page.get_by_role("button", name="Catat penandatanganan").click()
    expect(page.locator(".badge.status-berlaku").first).to_have_text("Berlaku")

    signed_text = tmp_path / "naskah.pdf"
    signed_text.write_bytes(pdf("naskah"))
    page.get_by_label("Judul berkas").fill("Naskah KB bertanda tangan")
    page.get_by_label("Berkas", exact=True).set_input_files(str(signed_text))
    page.get_by_role("button", name="Unggah berkas").click()
    expect(page.get_by_role("link", name="Naskah KB bertanda tangan")).to_be_visible()
    timeline = page.locator(".timeline").inner_text()
    assert timeline.index("Usulan") < timeline.index("Berlaku")
