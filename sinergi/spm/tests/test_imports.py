"""SPM figures from a real XLSX file: the template, the all-or-nothing import, per-row
errors, and who may import."""

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook, load_workbook

from sinergi.core.errors import DomainError
from sinergi.regions.models import Region
from sinergi.spm.imports import (
    COLUMNS,
    FIELD_COLUMNS,
    spm_entries_import,
    spm_field_template_xlsx,
    spm_field_values_import,
    spm_template_xlsx,
)
from sinergi.spm.models import Entry, FieldValue
from sinergi.spm.selectors import region_index

pytestmark = pytest.mark.django_db


def xlsx(rows: list[list[Any]], header: list[str] = COLUMNS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def row(code: str, indicator: str, target: Any = None, served: Any = None, **kw: Any) -> list:
    values = {"tahun": 2025, "triwulan": 2, "nilai_hasil": None, "catatan": ""} | kw
    return [code, "", values["tahun"], values["triwulan"], indicator, "", target, served,
            values["nilai_hasil"], values["catatan"]]  # fmt: skip


def test_the_template_lists_every_managed_region_with_the_indicators_of_its_level(
    reference_data: Any, province_admin: Any
) -> None:
    sheet = load_workbook(io.BytesIO(spm_template_xlsx(user=province_admin, year=2025, quarter=2)))
    rows = list(sheet["Capaian SPM"].iter_rows(values_only=True))

    assert list(rows[0]) == COLUMNS
    by_region: dict[str, int] = {}
    for values in rows[1:]:
        by_region[values[0]] = by_region.get(values[0], 0) + 1
    assert by_region["64"] == 29  # the province: 14 service types × 2 + the literacy trend
    assert by_region["64.72"] == 59  # a city: 29 service types × 2 + the trend
    assert "Petunjuk" in sheet.sheetnames


def test_a_filled_template_is_imported_and_blank_rows_are_skipped(
    reference_data: Any, province_admin: Any
) -> None:
    data = spm_template_xlsx(user=province_admin, year=2025, quarter=2)
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["Capaian SPM"]
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value == "64.72" and cells[4].value == "K-KES-01-P":
            cells[6].value, cells[7].value = 1250, 1000.0  # a float cell, as Excel may store
        if cells[0].value == "64.72" and cells[4].value == "K-PDK-02-T":
            cells[8].value = "61,5"
    out = io.BytesIO()
    workbook.save(out)

    result = spm_entries_import(user=province_admin, data=out.getvalue())

    assert result.errors == []
    assert result.written == 2
    assert result.skipped == 29 + 59 * 10 - 2
    entry = Entry.objects.get(indicator__code="K-KES-01-P")
    assert (entry.target_population, entry.served, entry.entered_by) == (1250, 1000, province_admin)
    assert Entry.objects.get(indicator__code="K-PDK-02-T").score == Decimal("61.5")


def test_one_bad_row_writes_nothing_and_every_error_is_listed_by_row(
    reference_data: Any, province_admin: Any
) -> None:
    data = xlsx([
        row("64.72", "K-KES-01-P", "1.250", 1000),  # fine (thousands written 1.250)
        row("64.72", "K-KES-02-P", -1, 3),  # negative
        row("64.72", "P-KES-01-P", 10, 5),  # a province indicator for a city
        row("61.71", "K-KES-01-P", 10, 5),  # Pontianak: outside the user's regions
        row("64.72", "K-KES-03-P", 10, None),  # served missing
        row("64.72", "K-KES-04-P", 10, 5, triwulan=5),
        row("64.72", "K-PDK-02-T", 10, 5),  # a trend indicator takes nilai_hasil
        row("64.72", "K-KES-01-P", 1, 1),  # the first row again
    ])  # fmt: skip

    result = spm_entries_import(user=province_admin, data=data)

    assert result.written == 0
    assert not Entry.objects.exists()
    rows_with_errors = sorted({number for number, _ in result.errors})
    assert rows_with_errors == [3, 4, 5, 6, 7, 8, 9]
    messages: dict[int, str] = {}
    for number, message in result.errors:
        messages[number] = messages.get(number, "") + message
    assert "jumlah_sasaran harus bilangan bulat" in messages[3]
    assert "bukan untuk tingkat Kabupaten/Kota" in messages[4]
    assert "Baris ganda" not in messages[4]  # two bad rows are not duplicates of each other
    assert "di luar kewenangan" in messages[5]
    assert "bersama-sama" in messages[6]
    assert "triwulan harus bilangan bulat antara 1 dan 4" in messages[7]
    assert "nilai_hasil" in messages[8]
    assert "Baris ganda" in messages[9]


def test_importing_again_replaces_the_figure(reference_data: Any, province_admin: Any) -> None:
    spm_entries_import(user=province_admin, data=xlsx([row("64.72", "K-KES-01-P", 100, 40)]))
    spm_entries_import(user=province_admin, data=xlsx([row("64.72", "K-KES-01-P", 100, 60)]))
    assert Entry.objects.get().served == 60


def test_a_file_without_the_template_columns_is_refused(
    reference_data: Any, province_admin: Any
) -> None:
    with pytest.raises(DomainError, match="Kolom wajib"):
        spm_entries_import(user=province_admin, data=xlsx([["x"]], header=["kolom"]))


def test_an_executive_may_not_import(reference_data: Any, executive: Any) -> None:
    with pytest.raises(PermissionDenied):
        spm_entries_import(user=executive, data=xlsx([row("64.72", "K-KES-01-P", 1, 1)]))


def field_row(code: str, field: str, value: Any, source: str = "Kemendagri 2025") -> list:
    return [code, "", 2025, field, "", value, source]


def test_published_field_indices_are_imported_and_give_the_index(
    reference_data: Any, province_admin: Any
) -> None:
    template = spm_field_template_xlsx(user=province_admin, year=2025)
    assert len(list(load_workbook(io.BytesIO(template)).active.iter_rows())) == 1 + 11 * 6
    fields = ["pendidikan", "kesehatan", "pekerjaan_umum", "perumahan", "trantibumlinmas"]
    rows = [field_row("64.02", f, "70") for f in fields] + [field_row("64.02", "sosial", "76,5")]

    result = spm_field_values_import(user=province_admin, data=xlsx(rows, FIELD_COLUMNS))

    assert (result.errors, result.written) == ([], 6)
    kukar = Region.objects.get(code="64.02")
    assert region_index(region=kukar, year=2025).index == Decimal("71.08")


def test_bad_field_indices_are_listed_and_nothing_is_saved(
    reference_data: Any, province_admin: Any
) -> None:
    rows = [
        field_row("64.02", "kesehatan", "120"),
        field_row("64.02", "olahraga", "70"),
        field_row("64.02", "sosial", "70", source=""),
        field_row("64.02", "pendidikan", "70"),
        field_row("64.02", "pendidikan", "71"),
    ]
    result = spm_field_values_import(user=province_admin, data=xlsx(rows, FIELD_COLUMNS))

    assert sorted({n for n, _ in result.errors}) == [2, 3, 4, 6]
    assert not FieldValue.objects.exists()
