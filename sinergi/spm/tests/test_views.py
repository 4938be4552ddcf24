"""The SPM pages: the index with its drill-down, completeness, and the import through the
browser's form (a real XLSX file)."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.conftest import client_for
from sinergi.regions.models import Region
from sinergi.spm.imports import FIELD_COLUMNS
from sinergi.spm.models import Entry, FieldValue
from sinergi.spm.tests.test_imports import row, xlsx

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_index_fields_and_completeness(
    samarinda_2025: Region,
    province_admin: Any,
) -> None:
    response = client_for(province_admin).get(reverse("spm:index") + "?wilayah=64.72&tahun=2025")

    page = response.content.decode()
    assert response.status_code == 200
    assert "95,50" in page  # numbers in the Indonesian format
    assert "Tuntas Utama" in page
    assert "91,00" in page
    assert "K-KES-01-P: triwulan 2 belum diisi" in page
    assert "spm-hitam" in page  # quarter 2 of Samarinda: nothing entered


def test_a_region_outside_the_scope_is_not_found(reference_data: Any, tkksd_pontianak: Any) -> None:
    response = client_for(tkksd_pontianak).get(reverse("spm:index") + "?wilayah=64.72")
    assert response.status_code == 404


def test_the_template_downloads_and_an_upload_is_saved(
    reference_data: Any, province_admin: Any
) -> None:
    client = client_for(province_admin)
    template = client.get(reverse("spm:import_template") + "?tahun=2025&triwulan=3")
    assert template.status_code == 200
    sheet = load_workbook(io.BytesIO(template.content))["Capaian SPM"]
    assert sheet.cell(row=2, column=3).value == 2025

    upload = SimpleUploadedFile("capaian.xlsx", xlsx([row("64.72", "K-KES-01-P", 10, 9)]))
    response = client.post(reverse("spm:import"), {"file": upload})

    assert response.status_code == 200
    assert "1 baris disimpan" in response.content.decode()
    assert Entry.objects.get().served == 9


def test_a_bad_upload_lists_the_rows_and_saves_nothing(
    reference_data: Any, province_admin: Any
) -> None:
    upload = SimpleUploadedFile("capaian.xlsx", xlsx([row("64.72", "K-KES-01-P", "x", 9)]))
    response = client_for(province_admin).post(reverse("spm:import"), {"file": upload})

    assert response.status_code == 400
    assert "Tidak ada yang disimpan" in response.content.decode()
    assert not Entry.objects.exists()


def test_only_those_who_manage_a_region_may_import(reference_data: Any, executive: Any) -> None:
    assert client_for(executive).get(reverse("spm:import")).status_code == 403


def test_published_field_indices_are_uploaded_through_the_same_page(
    reference_data: Any, province_admin: Any
) -> None:
    client = client_for(province_admin)
    template = client.get(
        reverse("spm:import_template") + "?tahun=2025&triwulan=1&jenis=indeks_bidang"
    )
    assert "indeks-bidang" in template["Content-Disposition"]

    rows = [["64.72", "", 2025, "kesehatan", "", 88, "Kemendagri 2025"]]
    upload = SimpleUploadedFile("indeks.xlsx", xlsx(rows, FIELD_COLUMNS))
    response = client.post(reverse("spm:import"), {"jenis": "indeks_bidang", "file": upload})

    assert "1 baris disimpan" in response.content.decode()
    assert FieldValue.objects.get().value == 88


def test_completeness_covers_the_chosen_regions_province_only(
    samarinda_2025: Region, superuser: Any
) -> None:
    page = client_for(superuser).get(reverse("spm:index") + "?wilayah=64.72&tahun=2025")
    rows = [c.region for c in page.context["completeness"]]
    assert "Kota Samarinda (64.72)" in rows
    assert "Kalimantan Timur (64)" in rows
    assert not [r for r in rows if "(61" in r]  # West Kalimantan: another province
