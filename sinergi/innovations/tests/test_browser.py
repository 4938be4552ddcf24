"""The replication journey in a real Chromium: find an innovation, send the letter, accept."""

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from sinergi.innovations.models import ReplicationInterest
from sinergi.tests.test_browser import browser, capture, log_in, page, screenshot_path  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_region_finds_an_innovation_asks_to_replicate_and_the_owner_accepts(
    page: Any,  # noqa: F811
    live_server: Any,
    make_innovation: Any,
    samarinda: Any,
    tkksd_samarinda: Any,
    tkksd_kukar: Any,
) -> None:
    make_innovation(
        samarinda,
        name="SiAP Sehat: Antrean Puskesmas Daring",
        problem="Pasien menunggu berjam-jam di puskesmas.",
        description="Nomor antrean lewat aplikasi.",
    )
    log_in(page, live_server, "tkksd.kukar")
    page.goto(f"{live_server.url}/inovasi/")
    page.get_by_label("Cari (kata atau makna)").fill("antrean puskesmas")
    table = page.locator("#tabel-inovasi")
    expect(table).to_contain_text("memuat kata")  # htmx swapped in the search result
    table.get_by_role("link", name="SiAP Sehat: Antrean Puskesmas Daring").click()
    page.get_by_role("link", name="Nyatakan minat replikasi").click()
    page.get_by_label("Nomor surat minat").fill("000.7/88/Pem")
    page.get_by_label("Tanggal surat").fill(datetime.date.today().isoformat())
    page.get_by_label("Kebutuhan dan alasan").fill("Antrean puskesmas di Tenggarong panjang.")
    page.get_by_role("button", name="Kirim surat minat").click()
    expect(page.get_by_text("Minat replikasi dikirim")).to_be_visible()
    capture(page, "inovasi-minat-replikasi.png")

    page.context.clear_cookies()
    log_in(page, live_server, "tkksd.samarinda")
    page.goto(f"{live_server.url}/inovasi/minat/")
    page.get_by_role("link", name="SiAP Sehat: Antrean Puskesmas Daring").click()
    page.get_by_role("button", name="Terima dan buka draf kerja sama").click()
    expect(page.get_by_text("Minat diterima: draf Kesepakatan Bersama")).to_be_visible()
    expect(page.get_by_role("link", name="surat minat 000.7/88/Pem")).to_be_visible()
    interest = ReplicationInterest.objects.get()
    assert interest.status == "diterima"
    assert interest.agreement is not None
    assert page.url.endswith(f"/kerja-sama/{interest.agreement_id}/")
