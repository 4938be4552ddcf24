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
    """A fresh page; the test fails on any script error, console error (a failed request, a
    CSP violation) or accessibility fault found by `assert_accessible` along the way."""
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript errors, failed requests or CSP violations: {errors}"


# axe-core from npm (a devDependency): run through the debugging protocol, not a <script>
# element, which the page's Content Security Policy refuses, as it should.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page: Any) -> None:
    """No serious or critical WCAG 2.1 AA fault on the page as it is now: labels, names,
    contrast, landmarks, keyboard focus order (axe-core's rules)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_AA,
    )
    faults = [
        f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert faults == [], f"{page.url}: {faults}"


def capture(page: Any, name: str) -> None:
    """A journey's stop: the page checked for accessibility, then its screenshot saved."""
    assert_accessible(page)
    page.screenshot(path=screenshot_path(name), full_page=True)


def assert_reachable_by_keyboard(page: Any, name: str, presses: int = 60) -> None:
    """Tab from the top of the page reaches the link or button named `name`, and it shows
    that it has the focus (an outline or a box shadow)."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return {text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim(),"
            " ring: s.outlineStyle !== 'none' || s.boxShadow !== 'none'}; }"
        )
        if focused["text"] == name:
            assert focused["ring"], f"{name!r} has the focus but does not show it"
            return
    raise AssertionError(f"{name!r} is not reached with Tab on {page.url}")


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
    assert_reachable_by_keyboard(page, "Kerja Sama")
    capture(page, "beranda.png")
    page.get_by_role("link", name="Kerja Sama", exact=True).click()
    page.get_by_role("link", name="Catat kerja sama").click()
    assert_accessible(page)
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
    capture(page, "kerja-sama-rincian.png")

    # The PKS that carries the KB out, recorded under it and taken through the same steps.
    page.get_by_role("link", name="Kerja Sama", exact=True).click()
    page.get_by_role("link", name="Catat kerja sama").click()
    page.get_by_label("Jenis dokumen").select_option(label="Perjanjian Kerja Sama (PKS)")
    kb = page.locator("#id_parent option", has_text="Pelayanan kesehatan rujukan warga")
    page.get_by_label("Dokumen induk").select_option(kb.get_attribute("value"))
    page.get_by_label("Judul").fill("PKS rujukan pasien RSUD ke puskesmas perbatasan")
    page.get_by_label("Urusan utama").select_option(label="1.02 Kesehatan")
    page.get_by_label("Tanggal mulai").fill("2026-02-01")
    page.get_by_label("Jangka waktu (bulan)").fill("12")
    page.locator("#id_pihak-1-region").select_option(label="64.02 — Kabupaten Kutai Kartanegara")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".breadcrumb")).to_contain_text("Pelayanan kesehatan rujukan")
    page.get_by_role("button", name="Ajukan ke TKKSD").click()
    expect(page.locator(".alert-success")).to_contain_text("Status kerja sama diperbarui")
    assert_accessible(page)
