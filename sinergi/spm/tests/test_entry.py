"""Entering one indicator's figures with its evidence, and who may see or change them."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sinergi.conftest import client_for
from sinergi.regions.models import Region
from sinergi.spm.models import Entry
from sinergi.tests.files import pdf

pytestmark = pytest.mark.django_db
PDF = pdf("bukti SPM")


def url(indicator: str = "K-KES-01-P", quarter: int = 2) -> str:
    return reverse("spm:entry", args=["64.72", 2025, quarter, indicator])


def test_an_officer_enters_figures_with_evidence_and_downloads_it(
    reference_data: Any, province_admin: Any
) -> None:
    client = client_for(province_admin)
    evidence = SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf")
    data = {
        "target_population": "120",
        "served": "90",
        "notes": "Data dinkes",
        "evidence": evidence,
    }
    response = client.post(url(), data)

    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.quarter, entry.target_population, entry.served) == (2, 120, 90)
    download = client.get(reverse("spm:evidence", args=[entry.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(url()).context["form"].initial["served"] == 90


def test_a_file_that_is_not_a_document_is_refused_and_nothing_saved(
    reference_data: Any, province_admin: Any
) -> None:
    fake = SimpleUploadedFile(
        "laporan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    data = {"target_population": "10", "served": "5", "evidence": fake}
    response = client_for(province_admin).post(url(), data)

    assert response.status_code == 200
    assert "Jenis berkas tidak didukung" in response.content.decode()
    assert not Entry.objects.exists()


def test_rules_of_the_indicator_are_explained(reference_data: Any, province_admin: Any) -> None:
    client = client_for(province_admin)
    only_target = client.post(url(), {"target_population": "10"})
    assert "bersama-sama" in only_target.content.decode()
    trend_counts = client.post(url("K-PDK-02-T"), {"target_population": "1", "served": "1"})
    assert "nilai hasil" in trend_counts.content.decode()
    assert not Entry.objects.exists()


def test_others_may_neither_change_nor_download(
    reference_data: Any,
    province_admin: Any,
    executive: Any,
    tkksd_pontianak: Any,
    samarinda: Region,
) -> None:
    evidence = SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf")
    client_for(province_admin).post(
        url(), {"target_population": "1", "served": "1", "evidence": evidence}
    )
    entry = Entry.objects.get()

    assert (
        client_for(executive).post(url(), {"target_population": "2", "served": "2"}).status_code
        == 403
    )
    assert client_for(tkksd_pontianak).get(url()).status_code == 404
    assert (
        client_for(tkksd_pontianak).get(reverse("spm:evidence", args=[entry.pk])).status_code == 404
    )
    assert Entry.objects.get().served == 1
