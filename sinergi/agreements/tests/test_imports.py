import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sinergi.agreements.import_models import AgreementImport
from sinergi.agreements.import_parsing import parse_date, region_code
from sinergi.agreements.imports import (
    COLUMNS,
    agreement_import_cancel,
    agreement_import_confirm,
    agreement_import_preview,
    agreement_import_run,
)
from sinergi.agreements.models import Agreement, Organization
from sinergi.audit.models import AuditEntry
from sinergi.core.errors import DomainError

D = datetime.date
TODAY = D(2025, 6, 1)
Status = AgreementImport.Status


def xlsx(rows: list[dict[str, Any]], header: list[str] = COLUMNS) -> bytes:
    """A register as officers keep it: one dict per row, missing columns left empty."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(column) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(**values: Any) -> dict[str, Any]:
    """A good KB of Kota Samarinda with Kab. Kutai Kartanegara; keywords change columns."""
    base = {
        "jenis_dokumen": "KB",
        "judul": "Kerja sama pelayanan kesehatan rujukan",
        "kode_wilayah_pencatat": "64.72",
        "pihak": "64.02",
        "kode_urusan": "1.02",
        "tanggal_ttd": "20 Mei 2024",
        "tempat_ttd": "Samarinda",
        "jangka_waktu_bulan": 24,
    }
    return {**base, **values}


@pytest.fixture
def recorded(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> Agreement:
    return make_agreement(tkksd_samarinda, samarinda, [kukar], number="KB/LAMA/2023")


@pytest.fixture
def register(recorded: Agreement, university: Organization) -> bytes:
    return xlsx(
        [
            row(nomor="KB/001/2024"),  # 2
            row(  # 3: a PKS under row 2, ended before TODAY
                nomor="PKS/002/2024",
                jenis_dokumen="pks",
                judul="Sistem rujukan terintegrasi",
                pihak=(
                    "64.02; UNIVERSITAS  MULAWARMAN; Politeknik Negeri Samarinda [perguruan_tinggi]"
                ),
                kode_urusan="1.02; 1.01",
                tanggal_ttd=None,
                tanggal_mulai="01/06/2024",
                tanggal_berakhir="31-12-2024",
                jangka_waktu_bulan=None,
                nomor_induk="KB/001/2024",
            ),
            row(nomor="KB/003/2024", pihak="99.99"),  # 4
            row(nomor="KB/004/2024", tanggal_ttd="20 Mai 2024"),  # 5
            row(nomor="KB/LAMA/2023"),  # 6: recorded already
            row(nomor="KB/001/2024", judul="Salinan baris 2"),  # 7
            row(nomor="KB/005/2024", pihak=""),  # 8
            row(nomor="KB/006/2024", kode_urusan="9.99"),  # 9
            row(  # 10
                nomor="KB/007/2024",
                tanggal_mulai="2024-06-01",
                tanggal_berakhir="2024-01-01",
                jangka_waktu_bulan=None,
            ),
            row(  # 11: no number; an Excel date cell and an abbreviated month
                tanggal_ttd=datetime.datetime(2024, 8, 20),
                tanggal_berakhir="20 Agt 2026",
                jangka_waktu_bulan=None,
            ),
            row(nomor="KB/008/2024", jenis_dokumen="Perjanjian", kode_wilayah_pencatat="61.71"),
            {},  # 13: an empty line is not a row
            row(nomor="PKS/009/2024", jenis_dokumen="PKS", nomor_induk="KB/003/2024"),  # 14
        ]
    )


def preview(user: Any, data: bytes) -> AgreementImport:
    return agreement_import_preview(user=user, data=data, file_name="register.xlsx", today=TODAY)


def apply(user: Any, batch: AgreementImport) -> AgreementImport:
    """Confirm, then run the task body with a fixed today (tests do not run on_commit)."""
    agreement_import_confirm(user=user, batch=batch)
    return agreement_import_run(batch_id=batch.pk, today=TODAY)


def by_number(batch: AgreementImport, key: str) -> dict[int, Any]:
    return {r["number"]: r[key] for r in batch.rows}


def test_the_dry_run_gives_every_row_a_verdict_and_every_reason(
    tkksd_samarinda: Any, register: bytes, recorded: Agreement
) -> None:
    batch = preview(tkksd_samarinda, register)
    assert by_number(batch, "verdict") == {
        2: "baru",
        3: "baru",
        4: "galat",
        5: "galat",
        6: "sama",
        7: "sama",
        8: "galat",
        9: "galat",
        10: "galat",
        11: "baru",
        12: "galat",
        14: "galat",
    }
    # The recorded KB of the fixture has the same parties and title and no term: rows 2 and 11
    # may be it with another number, so they carry a note (and are still imported).
    looks_like = [
        f"Mirip kerja sama yang sudah tercatat (id {recorded.pk}: “{recorded.title}”): "
        "pihak sama: 64.02, 64.72; judul mirip (100%). Periksa agar tidak tercatat dua kali."
    ]
    assert by_number(batch, "messages") == {
        2: looks_like,
        3: ["Organisasi baru akan dibuat: Politeknik Negeri Samarinda (Perguruan tinggi)."],
        4: ["Kode wilayah pihak “99.99” tidak dikenal."],
        5: [
            "Kolom tanggal_ttd: tanggal “20 Mai 2024” tidak terbaca "
            "(contoh yang benar: 20-05-2024, 2024-05-20 atau 20 Mei 2024)."
        ],
        6: ["Nomor “KB/LAMA/2023” sudah tercatat di Kota Samarinda; baris dilewati."],
        7: ["Sama dengan baris 2 dalam berkas ini; baris dilewati."],
        8: ["Pihak lain kosong: isi sedikitnya satu kode wilayah atau organisasi."],
        9: ["Kode urusan tidak dikenal: 9.99."],
        10: ["Tanggal berakhir tidak boleh sebelum tanggal mulai."],
        11: looks_like,
        12: [
            "Jenis dokumen “Perjanjian” tidak dikenal; gunakan KB, Nota Kesepakatan, MoU, PKS "
            "atau Adendum.",
            "Wilayah pencatat “61.71” (Kota Pontianak) di luar wilayah kewenangan Anda.",
        ],
        14: ["Dokumen induk nomor “KB/003/2024” ada di baris 4 yang bermasalah."],
    }
    assert batch.counts == {"baru": 3, "sama": 2, "galat": 7}
    assert batch.total_rows == 12
    assert batch.status == Status.PREVIEW


def test_the_dry_run_writes_nothing(tkksd_samarinda: Any, register: bytes) -> None:
    agreements, organizations = Agreement.objects.count(), Organization.objects.count()
    preview(tkksd_samarinda, register)
    assert Agreement.objects.count() == agreements == 1
    assert Organization.objects.count() == organizations


def test_applying_creates_exactly_the_new_rows(
    tkksd_samarinda: Any, register: bytes, university: Organization
) -> None:
    batch = apply(tkksd_samarinda, preview(tkksd_samarinda, register))
    assert batch.status == Status.DONE
    assert batch.created_count == batch.processed_rows == 3
    assert Agreement.objects.count() == 4
    kb = Agreement.objects.get(number="KB/001/2024")
    assert (kb.status, kb.signed_on, kb.start_date, kb.end_date) == (
        "berlaku",
        D(2024, 5, 20),
        D(2024, 5, 20),
        D(2026, 5, 19),
    )
    assert kb.timeline.get().note == "Diimpor dari berkas register.xlsx"
    pks = Agreement.objects.get(number="PKS/002/2024")
    assert (pks.status, pks.parent, pks.kind) == ("berakhir", kb, "ksdpk")
    assert [str(p) for p in pks.parties.all()] == [
        "Kota Samarinda",
        "Kabupaten Kutai Kartanegara",
        "Universitas Mulawarman",
        "Politeknik Negeri Samarinda",
    ]
    assert pks.parties.get(position=3).organization == university
    assert [a.code for a in pks.other_affairs.all()] == ["1.01"]
    unnumbered = Agreement.objects.get(number="")
    assert (unnumbered.signed_on, unnumbered.end_date) == (D(2024, 8, 20), D(2026, 8, 20))
    assert {r["number"] for r in batch.rows if r.get("created")} == {2, 3, 11}


def test_the_audit_trail_names_the_uploader_and_the_file(
    tkksd_samarinda: Any, register: bytes, samarinda: Any
) -> None:
    batch = apply(tkksd_samarinda, preview(tkksd_samarinda, register))
    entry = AuditEntry.objects.get(object_id=str(batch.pk), content_type__model="agreementimport")
    assert (entry.actor, entry.region, entry.action) == (tkksd_samarinda, samarinda, "create")
    assert entry.changes["created_count"] == {"before": None, "after": 3}
    assert entry.changes["file_name"]["after"] == "register.xlsx"


def test_importing_the_same_file_again_creates_nothing(
    tkksd_samarinda: Any, register: bytes
) -> None:
    apply(tkksd_samarinda, preview(tkksd_samarinda, register))
    count = Agreement.objects.count()
    again = preview(tkksd_samarinda, register)
    assert again.counts == {"baru": 0, "sama": 5, "galat": 7}
    assert by_number(again, "messages")[11] == [
        "Kerja sama tanpa nomor dengan jenis, judul dan tanggal yang sama sudah tercatat; "
        "baris dilewati."
    ]
    with pytest.raises(DomainError, match="Tidak ada baris baru"):
        agreement_import_confirm(user=tkksd_samarinda, batch=again)
    assert Agreement.objects.count() == count
    assert Organization.objects.filter(name="Politeknik Negeri Samarinda").count() == 1


def test_the_run_is_all_or_nothing(
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    make_agreement: Callable[..., Agreement],
) -> None:
    data = xlsx([row(nomor="KB/010/2025"), row(nomor="KB/011/2025")])
    batch = preview(tkksd_samarinda, data)
    # Someone records the second number between the dry run and the run.
    make_agreement(tkksd_samarinda, samarinda, [kukar], number="KB/011/2025")
    batch = apply(tkksd_samarinda, batch)
    assert batch.status == Status.FAILED
    assert batch.error == (
        "Impor gagal, tidak ada data yang disimpan. Baris 3: Nomor “KB/011/2025” sudah "
        "tercatat di Kota Samarinda; baris dilewati. Unggah ulang berkas untuk pratinjau baru."
    )
    assert not Agreement.objects.filter(number="KB/010/2025").exists()


def test_a_confirmed_import_runs_once(tkksd_samarinda: Any) -> None:
    batch = apply(tkksd_samarinda, preview(tkksd_samarinda, xlsx([row(nomor="KB/1")])))
    again = agreement_import_run(batch_id=batch.pk, today=TODAY)
    assert again.created_count == 1
    assert Agreement.objects.filter(number="KB/1").count() == 1
    with pytest.raises(DomainError, match="sudah dijalankan"):
        agreement_import_confirm(user=tkksd_samarinda, batch=batch)


def test_a_user_of_another_province_cannot_import_for_samarinda(
    tkksd_pontianak: Any, tkksd_samarinda: Any
) -> None:
    batch = preview(tkksd_pontianak, xlsx([row(nomor="KB/1")]))
    assert by_number(batch, "messages") == {
        2: ["Wilayah pencatat “64.72” (Kota Samarinda) di luar wilayah kewenangan Anda."]
    }
    with pytest.raises(PermissionDenied):
        agreement_import_confirm(user=tkksd_samarinda, batch=batch)


def test_an_executive_cannot_import(executive: Any) -> None:
    with pytest.raises(PermissionDenied):
        preview(executive, xlsx([row(nomor="KB/1", kode_wilayah_pencatat="64")]))


def test_a_cancelled_import_cannot_be_confirmed(tkksd_samarinda: Any) -> None:
    batch = preview(tkksd_samarinda, xlsx([row(nomor="KB/1")]))
    agreement_import_cancel(user=tkksd_samarinda, batch=batch)
    with pytest.raises(DomainError, match="sudah dijalankan atau dibatalkan"):
        agreement_import_confirm(user=tkksd_samarinda, batch=batch)
    assert not Agreement.objects.exists()


def test_rules_of_the_service_are_checked_in_the_dry_run(tkksd_samarinda: Any) -> None:
    batch = preview(
        tkksd_samarinda,
        xlsx(
            [
                row(nomor="A/1", jenis_dokumen="Adendum"),
                row(nomor="A/2", nomor_induk="X/1"),
                row(nomor="A/3", kategori_ksdd="wajib", pihak="61.71"),
                row(nomor="A/4", pihak="64.02; 64.02", tanggal_ttd=None),
                row(nomor="A/5", pihak="Yayasan Peduli", jangka_waktu_bulan=None),
                row(nomor="A/6", pihak="64.02; Yayasan Baru [lsm]; yayasan  baru [lsm]"),
            ]
        ),
    )
    assert by_number(batch, "messages") == {
        2: ["Adendum harus menyebut perjanjian yang diubahnya di kolom nomor_induk."],
        3: ["KB, Nota Kesepakatan dan MoU tidak memiliki dokumen induk."],
        4: [
            "Kerja sama wajib hanya antara dua daerah yang berbatasan, atau kabupaten/kota "
            "dengan provinsinya (Permendagri 22/2020). Pilih kategori sukarela."
        ],
        5: [
            "Wilayah “Kabupaten Kutai Kartanegara” tercantum lebih dari sekali sebagai pihak.",
            "Isi tanggal_mulai atau tanggal_ttd.",
        ],
        6: [
            "Organisasi “Yayasan Peduli” belum terdaftar; tulis jenisnya dalam kurung siku, "
            "mis. “Yayasan Peduli [perguruan_tinggi]”.",
            "Isi tanggal_berakhir atau jangka_waktu_bulan.",
        ],
        7: ["Organisasi “Yayasan Baru” tercantum lebih dari sekali sebagai pihak."],
    }


def test_a_csv_with_other_header_names_is_read(tkksd_samarinda: Any) -> None:
    data = (
        b"No;Jenis;Judul;Kode Wilayah;Pihak Lain;Urusan;Tanggal TTD;Jangka Waktu\n"
        b"KB/9;Kesepakatan Bersama;Kerja sama air minum;64.72;64.02;1.03;"
        b"Senin, 20 Mei 2024;12\n"
    )
    batch = agreement_import_preview(user=tkksd_samarinda, data=data, file_name="a.csv")
    assert by_number(batch, "verdict") == {2: "baru"}


def test_a_file_without_the_required_columns_is_refused(tkksd_samarinda: Any) -> None:
    with pytest.raises(DomainError, match="Kolom wajib tidak ditemukan: pihak, kode_urusan"):
        preview(
            tkksd_samarinda,
            xlsx([{"judul": "x"}], header=["jenis_dokumen", "judul", "kode_wilayah_pencatat"]),
        )


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-05-20", D(2024, 5, 20)),
        ("2024-05-20 00:00:00", D(2024, 5, 20)),  # an Excel date cell as core.tables gives it
        ("20-05-2024", D(2024, 5, 20)),
        ("20/5/2024", D(2024, 5, 20)),
        ("20.05.2024", D(2024, 5, 20)),
        ("20 Mei 2024", D(2024, 5, 20)),
        ("20\xa0Mei\xa02024", D(2024, 5, 20)),
        ("20 MEI 2024", D(2024, 5, 20)),
        ("1 Agt. 2024", D(2024, 8, 1)),
        ("1 Ags 2024", D(2024, 8, 1)),
        ("1 Agustus 2024", D(2024, 8, 1)),
        ("17 Okt 2024", D(2024, 10, 17)),
        ("31 Desember 2024", D(2024, 12, 31)),
        ("Jumat, 5 Januari 2024", D(2024, 1, 5)),
        ("20 Mai 2024", None),
        ("31 Februari 2024", None),
        ("2024/05/20", None),
        ("05-20-2024", None),
        ("Mei 2024", None),
    ],
)
def test_dates_are_read_in_iso_numeric_and_indonesian_forms(
    text: str, day: datetime.date | None
) -> None:
    assert parse_date(text) == day


def test_a_region_code_that_lost_its_zero_in_a_number_cell_is_restored() -> None:
    assert [region_code(c) for c in ("64.1", "64.10", "64", "Kota X")] == [
        "64.10",
        "64.10",
        "64",
        None,
    ]


# --- pages ----------------------------------------------------------------------------------


@pytest.fixture
def samarinda_client(client: Client, tkksd_samarinda: Any) -> Client:
    client.force_login(tkksd_samarinda)
    return client


def test_the_web_flow_imports_after_confirmation(
    samarinda_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # The task runs with the real today: a ten-year term keeps the row in force.
    data = xlsx([row(nomor="KB/1", jangka_waktu_bulan=120), row(nomor="KB/2", pihak="")])
    file = io.BytesIO(data)
    file.name = "register.xlsx"
    assert "Unduh templat XLSX" in samarinda_client.get(reverse("agreements:import_upload")).text
    response = samarinda_client.post(reverse("agreements:import_upload"), {"file": file})
    batch = AgreementImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:import_review", args=[batch.pk])
    page = samarinda_client.get(response["Location"])
    assert "1 baru" in page.text
    assert "Pihak lain kosong" in page.text
    assert not Agreement.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        samarinda_client.post(reverse("agreements:import_confirm", args=[batch.pk]))
    progress = samarinda_client.get(
        reverse("agreements:import_progress", args=[batch.pk]), headers={"HX-Request": "true"}
    )
    assert "Selesai" in progress.text
    assert "every 1s" not in progress.text
    assert Agreement.objects.filter(number="KB/1", status="berlaku").exists()


def test_the_progress_partial_polls_while_the_import_runs(
    samarinda_client: Client, tkksd_samarinda: Any
) -> None:
    batch = preview(tkksd_samarinda, xlsx([row(nomor="KB/1")]))
    agreement_import_confirm(user=tkksd_samarinda, batch=batch)  # the task is never run here
    progress = samarinda_client.get(reverse("agreements:import_progress", args=[batch.pk]))
    assert 'hx-trigger="every 1s"' in progress.text


def test_the_error_report_lists_the_bad_rows(
    samarinda_client: Client, tkksd_samarinda: Any, register: bytes
) -> None:
    batch = preview(tkksd_samarinda, register)
    response = samarinda_client.get(reverse("agreements:import_errors", args=[batch.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("baris_asal", "keterangan")
    assert [(r[0], r[-2]) for r in rows[1:]] == [
        ("KB/003/2024", 4),
        ("KB/004/2024", 5),
        ("KB/005/2024", 8),
        ("KB/006/2024", 9),
        ("KB/007/2024", 10),
        ("KB/008/2024", 12),
        ("PKS/009/2024", 14),
    ]
    assert rows[1][-1] == "Kode wilayah pihak “99.99” tidak dikenal."


def test_the_template_imports_cleanly_for_the_province_admin(
    client: Client, province_admin: Any
) -> None:
    client.force_login(province_admin)
    response = client.get(reverse("agreements:import_template"))
    batch = preview(province_admin, response.content)
    assert by_number(batch, "verdict") == {2: "baru", 3: "baru"}


def test_an_import_is_visible_only_to_its_uploader(
    client: Client, tkksd_samarinda: Any, province_admin: Any
) -> None:
    batch = preview(tkksd_samarinda, xlsx([row(nomor="KB/1")]))
    client.force_login(province_admin)
    for name in ("import_review", "import_progress", "import_errors"):
        assert client.get(reverse(f"agreements:{name}", args=[batch.pk])).status_code == 404
    assert client.post(reverse("agreements:import_confirm", args=[batch.pk])).status_code == 404


def test_only_users_who_manage_a_region_may_open_the_upload_page(
    client: Client, executive: Any
) -> None:
    client.force_login(executive)
    assert client.get(reverse("agreements:import_upload")).status_code == 403


def test_a_row_that_looks_like_a_recorded_agreement_is_imported_with_a_note(
    tkksd_samarinda: Any, recorded: Agreement
) -> None:
    # Same parties and subject, a number typed differently: probably the same agreement.
    batch = preview(
        tkksd_samarinda,
        xlsx([row(nomor="KB-LAMA-2023", judul=f"{recorded.title} (salinan register)")]),
    )
    assert by_number(batch, "verdict") == {2: "baru"}
    [note] = by_number(batch, "messages")[2]
    assert note.startswith(f"Mirip kerja sama yang sudah tercatat (id {recorded.pk}:")
    assert "pihak sama: 64.02, 64.72" in note
