import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from sinergi.agencies.imports import (
    agency_import_apply,
    agency_import_cancel,
    agency_import_preview,
)
from sinergi.agencies.models import Agency, AgencyImport
from sinergi.core.errors import DomainError
from sinergi.tests.factories import AgencyFactory

HEADER = ["kode_wilayah", "nama", "singkatan", "jenis", "kode_unit", "urusan"]


def xlsx(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def register(samarinda: Any) -> bytes:
    AgencyFactory(region=samarinda, name="RSUD I.A MOEIS")
    AgencyFactory(region=samarinda, name="Dinas Kesehatan Kota Samarinda")
    return xlsx(
        [
            ["64.72", "Dinas Pendidikan Kota Samarinda", "Disdik", "dinas", "", "1.01"],
            ["64.72", "RSUD IA MOEIS", "", "", "", "1.02"],
            ["64.72", "Dinas Kesehatn Kota Samarinda", "", "", "", ""],
            ["64.72", "Dinas Pendidikan Kota  Samarinda.", "", "", "", ""],
            ["61.71", "Dinas Kesehatan Kota Pontianak", "", "", "", ""],
            ["64.72", "", "", "", "", ""],
            ["64.72", "Dinas Sosial Kota Samarinda", "", "", "", "9.99"],
            [None, None, None, None, None, None],
            ["64.72", "Puskesmas Sidomulyo", "", "", "", "1.02"],
        ]
    )


def verdicts(batch: AgencyImport) -> dict[int, str]:
    return {row["number"]: row["verdict"] for row in batch.rows}


def test_the_preview_classifies_every_row_and_changes_nothing(
    tkksd_samarinda: Any, register: bytes
) -> None:
    batch = agency_import_preview(user=tkksd_samarinda, data=register, file_name="opd.xlsx")
    assert verdicts(batch) == {
        2: "baru",
        3: "sama",
        4: "mirip",
        5: "sama",
        6: "galat",
        7: "galat",
        8: "galat",
        10: "baru",
    }
    rows = {row["number"]: row for row in batch.rows}
    assert rows[3]["matches"] == ["RSUD I.A MOEIS"]
    assert rows[4]["matches"] == ["Dinas Kesehatan Kota Samarinda"]
    assert "di luar wilayah kewenangan" in rows[6]["messages"][0]
    assert rows[7]["messages"] == ["Nama perangkat daerah kosong."]
    assert "9.99" in rows[8]["messages"][0]
    assert Agency.objects.count() == 2


def test_applying_creates_new_rows_and_only_the_accepted_likely_duplicates(
    tkksd_samarinda: Any, register: bytes
) -> None:
    batch = agency_import_preview(user=tkksd_samarinda, data=register, file_name="opd.xlsx")
    batch = agency_import_apply(user=tkksd_samarinda, batch=batch, accepted={4})
    assert batch.status == AgencyImport.Status.APPLIED
    assert batch.created_count == 3
    names = set(Agency.objects.values_list("name", flat=True))
    assert names == {
        "RSUD I.A MOEIS",
        "Dinas Kesehatan Kota Samarinda",
        "Dinas Pendidikan Kota Samarinda",
        "Dinas Kesehatn Kota Samarinda",
        "Puskesmas Sidomulyo",
    }
    puskesmas = Agency.objects.get(name="Puskesmas Sidomulyo")
    assert puskesmas.kind == Agency.Kind.CLINIC
    assert [a.code for a in puskesmas.affairs.all()] == ["1.02"]
    assert Agency.objects.get(name="Dinas Pendidikan Kota Samarinda").short_name == "Disdik"


def test_an_import_cannot_be_applied_twice(tkksd_samarinda: Any, register: bytes) -> None:
    batch = agency_import_preview(user=tkksd_samarinda, data=register, file_name="opd.xlsx")
    agency_import_apply(user=tkksd_samarinda, batch=batch, accepted=set())
    with pytest.raises(DomainError, match="sudah diterapkan"):
        agency_import_apply(user=tkksd_samarinda, batch=batch, accepted=set())


def test_applying_is_all_or_nothing(tkksd_samarinda: Any, samarinda: Any) -> None:
    data = xlsx(
        [
            ["64.72", "Dinas Pariwisata Kota Samarinda", "", "", "", ""],
            ["64.72", "Dinas Perhubungan Kota Samarinda", "", "", "", ""],
        ]
    )
    batch = agency_import_preview(user=tkksd_samarinda, data=data, file_name="opd.xlsx")
    # Someone registers the second unit between preview and apply.
    AgencyFactory(region=samarinda, name="Dinas Perhubungan Kota Samarinda")
    with pytest.raises(DomainError, match="Baris 3"):
        agency_import_apply(user=tkksd_samarinda, batch=batch, accepted=set())
    assert not Agency.objects.filter(name="Dinas Pariwisata Kota Samarinda").exists()


def test_someone_else_cannot_apply_or_cancel_my_import(
    tkksd_samarinda: Any, province_admin: Any, register: bytes
) -> None:
    batch = agency_import_preview(user=tkksd_samarinda, data=register, file_name="opd.xlsx")
    with pytest.raises(PermissionDenied):
        agency_import_apply(user=province_admin, batch=batch, accepted=set())
    with pytest.raises(PermissionDenied):
        agency_import_cancel(user=province_admin, batch=batch)


def test_a_province_admin_imports_for_every_region_of_the_province(province_admin: Any) -> None:
    data = xlsx(
        [
            ["64.02", "Dinas Kesehatan Kabupaten Kutai Kartanegara", "", "", "", ""],
            ["64", "Dinas Kesehatan Provinsi Kalimantan Timur", "", "", "", ""],
            ["63.71", "Dinas Kesehatan Kota Banjarmasin", "", "", "", ""],
        ]
    )
    batch = agency_import_preview(user=province_admin, data=data, file_name="opd.xlsx")
    assert verdicts(batch) == {2: "baru", 3: "baru", 4: "galat"}


def test_a_semicolon_csv_with_other_header_names_is_read(tkksd_samarinda: Any) -> None:
    data = b"Kode Wilayah;Nama OPD;Urusan\n64.72;Dinas Sosial Kota Samarinda;1.06\n"
    batch = agency_import_preview(user=tkksd_samarinda, data=data, file_name="opd.csv")
    assert verdicts(batch) == {2: "baru"}
    assert batch.rows[0]["values"]["urusan"] == "1.06"


def test_a_file_without_the_required_columns_is_refused(tkksd_samarinda: Any) -> None:
    with pytest.raises(DomainError, match="Kolom wajib tidak ditemukan: kode_wilayah"):
        agency_import_preview(
            user=tkksd_samarinda, data=xlsx([["x"]], header=["nama"]), file_name="a.xlsx"
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bukan CSV atau XLSX"),
        (b"PK\x03\x04 not really a zip", "bukan XLSX yang sah"),
        (b"", "kosong"),
    ],
)
def test_files_that_are_not_tables_are_refused_by_content(
    tkksd_samarinda: Any, data: bytes, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        agency_import_preview(user=tkksd_samarinda, data=data, file_name="opd.xlsx")


def test_a_zip_bomb_is_refused_before_parsing(tkksd_samarinda: Any) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    with pytest.raises(DomainError, match="terlalu besar setelah diekstrak"):
        agency_import_preview(user=tkksd_samarinda, data=buffer.getvalue(), file_name="b.xlsx")


def test_an_oversized_upload_is_refused(tkksd_samarinda: Any, settings: Any) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(DomainError, match="terlalu besar"):
        agency_import_preview(user=tkksd_samarinda, data=b"a" * 101, file_name="opd.csv")


def test_an_executive_cannot_import(executive: Any) -> None:
    with pytest.raises(PermissionDenied):
        agency_import_preview(
            user=executive, data=xlsx([["64", "X", "", "", "", ""]]), file_name="a.xlsx"
        )
