import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sinergi.conftest import client_for
from sinergi.planning.models import NomenclatureImport, NomenclatureItem, NomenclatureVersion
from sinergi.planning.nomenclature import CodeError, normalise_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "code", "level"),
    [
        ("1.02.02.2.02.0014", "1.02.02.2.02.0014", "sub_kegiatan"),
        ("1.02.02.202.0014", "1.02.02.2.02.0014", "sub_kegiatan"),  # merged kegiatan
        ("1.2.2.2.2.14", "1.02.02.2.02.0014", "sub_kegiatan"),  # unpadded
        ("1.2.2.202.14", "1.02.02.2.02.0014", "sub_kegiatan"),
        (" 1.02. 02.2.02.0014 ", "1.02.02.2.02.0014", "sub_kegiatan"),  # spaces
        ("1.02.02.2.02.0014.", "1.02.02.2.02.0014", "sub_kegiatan"),  # trailing dot
        ("1.02.02.2.02", "1.02.02.2.02", "kegiatan"),
        ("1.02.02.202", "1.02.02.2.02", "kegiatan"),
        ("1.02.02", "1.02.02", "program"),
        ("1.02.02..", "1.02.02", "program"),
        ("1.02", "1.02", "bidang"),
        (1.02, "1.02", "bidang"),  # a number cell
        (1.1, "1.01", "bidang"),  # unpadded 1.01 (1.10 is no bidang)
        ("2.1", "2.10", "bidang"),  # Excel dropped the zero of 2.10 (2.01 is no bidang)
        (2.1, "2.10", "bidang"),
        (2.2, "2.20", "bidang"),
        (2.07, "2.07", "bidang"),
        (3.3, "3.30", "bidang"),
        ("1,02", "1.02", "bidang"),  # decimal comma
        ("1", "1", "urusan"),
        (1, "1", "urusan"),
    ],
)
def test_it_normalises_every_code_form_to_the_six_segment_one(
    raw: Any, code: str, level: str
) -> None:
    assert normalise_code(raw) == (code, level)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("X.XX.01", "placeholder X"),
        ("x.xx.02.2.01.0001", "placeholder X"),
        ("", "Kode kosong"),
        (None, "Kode kosong"),
        ("1.02.02.02.02", "harus 3 angka"),
        ("1.02.02.2.02.0014.1", "7 segmen"),
        ("1.123.02", "lebih dari 2 angka"),
        ("1.02.02.2.02.12345", "lebih dari 4 angka"),
        ("3.2", "tidak dikenal"),
        ("1.a", "hanya boleh berisi angka"),
    ],
)
def test_it_refuses_what_is_no_code_with_a_reason(raw: Any, reason: str) -> None:
    with pytest.raises(CodeError) as error:
        normalise_code(raw)
    assert reason in error.value.message


ROWS: list[tuple[Any, str]] = [
    ("1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"),  # row 2
    (1.02, "URUSAN PEMERINTAHAN BIDANG KESEHATAN"),  # 3
    ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN MASYARAKAT"),  # 4
    ("1.02.02.202", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan"),  # 5
    ("1.02.02.2.02.0014", "Pengelolaan Pelayanan Kesehatan Orang dengan Masalah Jiwa"),  # 6
    ("X.XX.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"),  # 7
    ("1.2.2.2.2.14", "Pengelolaan Pelayanan Kesehatan Jiwa (ganda)"),  # 8
    ("1.02.02.202.0015", "Pengelolaan Pelayanan Kesehatan Penderita Hipertensi"),  # 9
    (2.1, "URUSAN PEMERINTAHAN BIDANG PERTANAHAN"),  # 10
    ("1.02.02.2.02.0016", ""),  # 11
]


def xlsx_file(rows: list[tuple[Any, str]] = ROWS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Kode", "Nomenklatur"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client: Any, data: bytes, *, year: int = 2026, name: str = "nomenklatur.xlsx") -> Any:
    file = SimpleUploadedFile(name, data)
    return client.post(
        reverse("planning:nomenclature_import"),
        {"year": year, "label": "Kepmendagri 900.1.15.5-1317/2023", "file": file},
    )


def test_the_dry_run_counts_levels_reports_bad_and_duplicate_rows_and_writes_nothing(
    province_admin: Any,
) -> None:
    client = client_for(province_admin)
    response = upload(client, xlsx_file())
    batch = NomenclatureImport.objects.get()
    assert response.url == reverse("planning:nomenclature_preview", args=[batch.pk])
    preview = batch.preview
    assert preview["counts"] == {"bidang": 2, "program": 1, "kegiatan": 1, "sub_kegiatan": 2}
    assert [(e["row"], e["code"]) for e in preview["errors"]] == [
        (7, "X.XX.01"),
        (11, "1.02.02.2.02.0016"),
    ]
    assert "placeholder X" in preview["errors"][0]["message"]
    assert preview["errors"][1]["message"] == "Nama nomenklatur kosong."
    assert preview["duplicates"] == [{"code": "1.02.02.2.02.0014", "rows": [6, 8]}]
    assert preview["skipped"] == 1
    assert not NomenclatureVersion.objects.exists()
    assert not NomenclatureItem.objects.exists()

    page = client.get(response.url).content.decode()
    assert "placeholder X" in page
    assert "1.02.02.2.02.0014" in page
    assert "2 kode ganda" not in page
    assert "1 kode ganda" in page


def test_confirming_creates_a_version_with_the_codes_linked_to_their_affair(
    province_admin: Any,
) -> None:
    client = client_for(province_admin)
    response = upload(client, xlsx_file())
    response = client.post(response.url, {"terapkan": "1"})
    version = NomenclatureVersion.objects.get()
    assert response.url == reverse("planning:nomenclature_items", args=[version.pk])
    assert (version.year, version.rows, version.duplicates) == (2026, 6, 1)
    codes = dict(version.items.values_list("code", "affair__code"))
    assert codes == {
        "1.02": "1.02",
        "1.02.02": "1.02",
        "1.02.02.2.02": "1.02",
        "1.02.02.2.02.0014": "1.02",
        "1.02.02.2.02.0015": "1.02",
        "2.10": "2.10",
    }
    first = version.items.get(code="1.02.02.2.02.0014")
    assert first.name == "Pengelolaan Pelayanan Kesehatan Orang dengan Masalah Jiwa"
    assert NomenclatureImport.objects.get().status == "diterapkan"


def test_an_identical_file_for_the_same_year_is_refused_politely(province_admin: Any) -> None:
    client = client_for(province_admin)
    # One file's bytes: openpyxl stamps the time into each new workbook.
    data = xlsx_file()
    client.post(upload(client, data).url, {"terapkan": "1"})
    again = upload(client, data)
    assert again.status_code == 200
    assert "sudah diimpor untuk tahun 2026" in again.content.decode()
    assert NomenclatureVersion.objects.count() == 1
    other_year = upload(client, data, year=2027)
    assert other_year.status_code == 302


def test_a_newer_import_of_a_year_becomes_the_current_version(province_admin: Any) -> None:
    client = client_for(province_admin)
    client.post(upload(client, xlsx_file()).url, {"terapkan": "1"})
    newer = xlsx_file([*ROWS[:5], ("1.02.02.2.02.0099", "Sub-kegiatan baru")])
    client.post(upload(client, newer).url, {"terapkan": "1"})
    from sinergi.planning.selectors import nomenclature_current

    versions = list(NomenclatureVersion.objects.order_by("created_at", "pk"))
    assert len(versions) == 2
    assert nomenclature_current(2026) == versions[1]
    listing = client.get(reverse("planning:nomenclature_versions")).content.decode()
    assert "berlaku" in listing
    assert "versi lama" in listing


def test_a_semicolon_csv_with_other_headers_is_read_too(province_admin: Any) -> None:
    csv = (
        b"Kode Sub Kegiatan;Uraian\n"
        b"1.02.02.2.02.0014.;Pengelolaan Pelayanan Kesehatan Jiwa\n"
        b" 1.2.2.202.15 ;Pengelolaan Pelayanan Kesehatan Hipertensi\n"
        b"1.02.02.2.02.0014;Ganda\n"
        b"X.XX.01.2.01.0001;Penyusunan Dokumen Perencanaan\n"
    )
    client = client_for(province_admin)
    upload(client, csv, name="nomenklatur.csv")
    preview = NomenclatureImport.objects.get().preview
    assert [i["code"] for i in preview["items"]] == ["1.02.02.2.02.0014", "1.02.02.2.02.0015"]
    assert preview["duplicates"] == [{"code": "1.02.02.2.02.0014", "rows": [2, 4]}]
    assert [e["row"] for e in preview["errors"]] == [5]


def test_a_file_without_code_or_name_column_is_refused(province_admin: Any) -> None:
    response = upload(client_for(province_admin), b"nomor,judul\n1,Apa\n", name="x.csv")
    assert "Kolom kode" in response.content.decode()
    assert not NomenclatureImport.objects.exists()


def test_only_the_province_admin_and_superuser_import(
    tkksd_samarinda: Any, executive: Any, officer: Any, superuser: Any
) -> None:
    for user in (tkksd_samarinda, executive, officer):
        client = client_for(user)
        assert client.get(reverse("planning:nomenclature_import")).status_code == 403
        assert upload(client, xlsx_file()).status_code == 403
    assert upload(client_for(superuser), xlsx_file()).status_code == 302


def test_another_user_cannot_confirm_someones_preview(province_admin: Any, superuser: Any) -> None:
    upload(client_for(province_admin), xlsx_file())
    batch = NomenclatureImport.objects.get()
    url = reverse("planning:nomenclature_preview", args=[batch.pk])
    assert client_for(superuser).post(url, {"terapkan": "1"}).status_code == 404
    assert not NomenclatureVersion.objects.exists()


def test_cancelling_a_preview_writes_nothing(province_admin: Any) -> None:
    client = client_for(province_admin)
    client.post(upload(client, xlsx_file()).url, {"batal": "1"})
    assert NomenclatureImport.objects.get().status == "dibatalkan"
    assert not NomenclatureVersion.objects.exists()


def test_every_signed_in_user_searches_and_exports_the_codes(
    province_admin: Any, tkksd_pontianak: Any
) -> None:
    admin = client_for(province_admin)
    admin.post(upload(admin, xlsx_file()).url, {"terapkan": "1"})
    version = NomenclatureVersion.objects.get()
    client = client_for(tkksd_pontianak)
    url = reverse("planning:nomenclature_items", args=[version.pk])
    page = client.get(url, {"q": "hipertensi"}).content.decode()
    assert "1.02.02.2.02.0015" in page
    assert "1.02.02.2.02.0014" not in page
    by_code = client.get(url, {"q": "1.02.02.2", "tingkat": "sub_kegiatan"}).content.decode()
    assert "1.02.02.2.02.0014" in by_code
    assert "1.02.02.2.02<" not in by_code
    export = client.get(
        reverse("planning:nomenclature_export", args=[version.pk, "xlsx"]), {"q": "hipertensi"}
    )
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert list(sheet.values) == [
        ("kode", "tingkat", "nomenklatur", "kode_urusan"),
        (
            "1.02.02.2.02.0015",
            "sub_kegiatan",
            "Pengelolaan Pelayanan Kesehatan Penderita Hipertensi",
            "1.02",
        ),
    ]
    csv = client.get(reverse("planning:nomenclature_export", args=[version.pk, "csv"]))
    assert "1.02.02.2.02.0014" in csv.content.decode()
