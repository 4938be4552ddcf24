"""The officer's journey in a real Chromium: upload a scanned agreement, review, accept."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sinergi.agreements.models import Agreement
from sinergi.extractions.tests import documents
from sinergi.tests.test_browser import browser, capture, log_in, page, screenshot_path  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_an_officer_records_an_agreement_from_its_scan(
    page: Any,  # noqa: F811
    live_server: Any,
    tkksd_samarinda: Any,
    kukar: Any,
    tmp_path: Path,
    settings: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    text = (documents.CORPUS / "02_pks_samarinda_kukar_rujukan_kesehatan.txt").read_text()
    scan = tmp_path / "pks-rujukan-scan.pdf"
    scan.write_bytes(documents.scanned_pdf(text))
    log_in(page, live_server, "tkksd.samarinda")
    page.goto(f"{live_server.url}/kerja-sama/")
    page.get_by_role("link", name="Baca dari naskah").click()
    page.get_by_label("Berkas naskah").set_input_files(str(scan))
    page.get_by_role("button", name="Unggah dan baca").click()

    table = page.locator("#hasil-baca")
    expect(table).to_be_visible(timeout=60_000)  # OCR of three pages
    expect(table.get_by_text("Kota Samarinda (64.72)")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(
        "PELAYANAN RUJUKAN KESEHATAN DAN PENANGANAN KEGAWATDARURATAN MEDIS DI WILAYAH PERBATASAN"
    )
    capture(page, "baca-naskah.png")
    page.locator("#id_title").fill("Pelayanan Rujukan Kesehatan Wilayah Perbatasan")
    page.get_by_role("button", name="Terima dan catat").click()

    expect(
        page.get_by_role("heading", name="Pelayanan Rujukan Kesehatan Wilayah Perbatasan")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Naskah kerja sama")).to_be_visible()  # attached
    # The similar-agreements block loads by itself (htmx); this registry has no other one.
    expect(page.get_by_text("Belum ada kerja sama lain yang mirip")).to_be_visible()
    agreement = Agreement.objects.get()
    assert agreement.signed_on is not None
    assert [p.region.code for p in agreement.parties.order_by("position")] == ["64.72", "64.02"]
