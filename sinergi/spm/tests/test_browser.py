"""SPM in a real Chromium: an officer reads a region's index, uploads figures from an XLSX
file, and compares regions."""

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sinergi.regions.models import Region
from sinergi.spm.tests.test_imports import row, xlsx
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
def test_an_officer_reads_the_index_uploads_figures_and_compares_regions(
    page: Any,  # noqa: F811
    live_server: Any,
    samarinda_2025: Region,
    province_admin: Any,
    tmp_path: Path,
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "admin.kaltim")

    page.goto(f"{live_server.url}/spm/?wilayah=64.72&tahun=2025")
    expect(page.get_by_test_id("indeks")).to_have_text("95,50")
    expect(page.get_by_text("Tuntas Utama").first).to_be_visible()
    capture(page, "spm.png")

    page.get_by_role("link", name="Isi / impor capaian").click()
    upload = tmp_path / "capaian.xlsx"
    upload.write_bytes(xlsx([row("64.72", "K-KES-03-P", 40, 40, triwulan=4)]))
    page.get_by_label("Berkas capaian SPM (XLSX atau CSV)").set_input_files(str(upload))
    page.get_by_role("button", name="Unggah dan simpan").click()
    expect(page.get_by_role("status")).to_contain_text("1 baris disimpan")

    page.goto(f"{live_server.url}/spm/perbandingan/?tahun=2025")
    expect(page.get_by_role("heading", name="Perbandingan capaian SPM 2025")).to_be_visible()
    expect(page.get_by_role("link", name="Kota Samarinda (64.72)")).to_be_visible()
