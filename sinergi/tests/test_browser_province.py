"""The province admin's journey in a real Chromium (issue #11): import a register, review the
import report, open the dashboard, the map and a region profile, generate the annual report.
Every stop is checked for accessibility (`capture`) and the page fixture fails on any console
error."""

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from sinergi.agreements.imports import COLUMNS
from sinergi.agreements.tests.test_imports import row, xlsx
from sinergi.portal.tests.test_map import give_boundaries
from sinergi.tests.test_browser import (  # noqa: F401 - fixtures
    CHROMIUM,
    browser,
    capture,
    log_in,
    page,
)

pytestmark = [pytest.mark.browser]


@pytest.mark.skipif(not __import__("os").path.exists(CHROMIUM), reason="Chromium is not installed")
@pytest.mark.django_db(transaction=True)
def test_the_province_admin_imports_a_register_and_reads_the_province(
    page: Any,  # noqa: F811
    live_server: Any,
    province_admin: Any,
    tmp_path: Any,
) -> None:
    year = datetime.date.today().year
    register = tmp_path / "register-kaltim.xlsx"
    register.write_bytes(
        xlsx(
            [
                row(nomor="KB/01/KALTIM", tanggal_ttd=f"2 Januari {year}"),
                row(
                    nomor="KB/02/KALTIM",
                    judul="Pengelolaan sampah regional",
                    kode_wilayah_pencatat="64.02",
                    pihak="64.72",
                    kode_urusan="1.03",
                    tanggal_ttd=f"5 Februari {year}",
                ),
                row(nomor="KB/03/KALTIM", pihak="99.99"),  # an unknown region: refused
            ],
            header=COLUMNS,
        )
    )
    give_boundaries()
    log_in(page, live_server, "admin.kaltim")
    page.get_by_role("link", name="Kerja Sama", exact=True).click()
    page.get_by_role("link", name="Impor register").click()
    page.get_by_label("Berkas daftar kerja sama (XLSX atau CSV)").set_input_files(str(register))
    page.get_by_role("button", name="Unggah dan periksa").click()

    expect(page.get_by_role("button", name="Impor 2 baris baru")).to_be_visible()
    expect(page.locator("body")).to_contain_text("99.99")  # the refused row, with its reason
    capture(page, "impor-tinjau.png")
    page.once("dialog", lambda dialog: dialog.accept())  # "Impor 2 kerja sama baru sekarang?"
    page.get_by_role("button", name="Impor 2 baris baru").click()
    expect(page.locator("#kemajuan-impor")).to_contain_text(
        "Selesai: 2 kerja sama ditambahkan", timeout=30_000
    )

    page.get_by_role("button", name="Pemetaan").click()
    page.get_by_role("link", name="Dasbor", exact=True).click()
    expect(page.get_by_role("heading", name="Dasbor kerja sama")).to_be_visible()
    expect(page.locator(".stat").first).to_have_text("2")  # the two imported agreements
    expect(page.locator("canvas[data-rendered='1']").first).to_be_visible()
    capture(page, "dasbor-provinsi.png")

    page.get_by_role("button", name="Pemetaan").click()
    page.get_by_role("link", name="Peta", exact=True).click()
    expect(page.locator("path.leaflet-interactive").first).to_be_visible()
    capture(page, "peta-provinsi.png")

    page.goto(f"{live_server.url}/wilayah/64.72/")
    expect(page.get_by_role("heading", name="Kota Samarinda")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Kabupaten Kutai Kartanegara")  # its partner
    capture(page, "profil-samarinda.png")

    page.get_by_role("button", name="Pemantauan").click()
    page.get_by_role("link", name="Evaluasi tahunan").click()
    page.get_by_role("button", name="Buat laporan").click()
    expect(page.get_by_role("link", name="Unduh PDF").first).to_be_visible(timeout=60_000)
    capture(page, "evaluasi-tahunan.png")
