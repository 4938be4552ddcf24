import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook
from pypdf import PdfReader

from sinergi.affairs.models import Affair
from sinergi.conftest import client_for
from sinergi.core.errors import DomainError
from sinergi.evaluations import services
from sinergi.evaluations.models import AnnualReport, Criterion
from sinergi.evaluations.services import (
    annual_report_request,
    evaluation_finalise,
    evaluation_score,
    evaluation_start,
)
from sinergi.evaluations.tests.conftest import (
    D,
    add_budget,
    add_indicator,
    add_report,
    realise,
)
from sinergi.planning.models import AgreementFlag

pytestmark = pytest.mark.django_db


def finalise(user, agreement, manual: str) -> None:
    evaluation = evaluation_start(user=user, agreement=agreement, year=2025)
    for criterion in Criterion.objects.filter(source="penilai"):
        evaluation_score(
            user=user, evaluation=evaluation, criterion=criterion, value=manual, basis="Notulen"
        )
    evaluation_finalise(user=user, evaluation=evaluation)


@pytest.fixture
def data_set(
    make_active_agreement,
    make_agreement,
    rujukan,
    tkksd_samarinda,
    tkksd_kukar,
    tkksd_pontianak,
    samarinda,
    kukar,
    pontianak,
    university,
    province_admin,
):
    """2025 in Kaltim: A (rujukan, KB, new, scored 86.75), B (PKS ended mid-2025),
    C (Kukar KB, idle, flagged, scored 15); outside: Pontianak's, a 2026 proposal, one
    that ended in 2024."""
    education = Affair.objects.get(code="1.01")
    # A: on-time report, an indicator at 80 %, budget at 75 %, reviewers' 90.
    report = add_report(
        rujukan, D(2025, 1, 1), D(2025, 6, 30), sent=D(2025, 7, 10), recommendation="dilanjutkan"
    )
    realise(report, add_indicator(rujukan, "100"), "80")
    add_budget(rujukan, 2025, "1000000", "750000")
    finalise(tkksd_samarinda, rujukan, "90")
    # B: PKS with the university, ended 30 Jun 2025, advised to stop.
    ended = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [university],
        doc_type="pks",
        title="Beasiswa Unmul",
        primary_affair=education,
        start_date=D(2023, 1, 1),
        end_date=D(2025, 6, 30),
    )
    add_report(
        ended,
        D(2025, 1, 1),
        D(2025, 6, 30),
        sent=D(2025, 7, 5),
        state="direviu",
        recommendation="dihentikan",
    )
    # C: Kukar's KB in force since 2024 with nothing done in 2025.
    idle = make_active_agreement(
        tkksd_kukar,
        kukar,
        [university],
        title="Riset pertanian Kukar",
        start_date=D(2024, 1, 1),
        end_date=D(2027, 12, 31),
    )
    idle.milestones.all().delete()
    AgreementFlag.objects.create(agreement=idle, code="belum_dianggarkan", explanation="x")
    finalise(tkksd_kukar, idle, "20")
    # Outside the Kaltim 2025 report.
    make_active_agreement(
        tkksd_pontianak,
        pontianak,
        [university],
        title="Kerja sama Pontianak",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
    )
    make_agreement(tkksd_samarinda, samarinda, [kukar], title="Usulan 2026")
    make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Selesai 2024",
        start_date=D(2023, 1, 1),
        end_date=D(2024, 12, 31),
    )
    return {"A": rujukan, "B": ended, "C": idle}


def pdf_text(report: AnnualReport) -> str:
    with report.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def workbook(report: AnnualReport):
    with report.xlsx.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read()))


def table(book, sheet: str) -> dict:
    return {row[0]: row[1] for row in book[sheet].iter_rows(min_row=2, values_only=True)}


@pytest.fixture
def kaltim_2025(data_set, province_admin, kaltim, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = annual_report_request(user=province_admin, region=kaltim, year=2025)
    report.refresh_from_db()
    return report


def test_it_builds_the_report_in_the_background_to_done(kaltim_2025) -> None:
    assert kaltim_2025.state == "selesai"
    assert kaltim_2025.progress == 100
    assert kaltim_2025.finished_at is not None
    assert kaltim_2025.pdf.name.endswith("evaluasi-kerja-sama-64-2025.pdf")


def test_the_pdf_states_the_figures_of_the_known_data_set(kaltim_2025, data_set) -> None:
    text = pdf_text(kaltim_2025)
    assert "Laporan Evaluasi Kerja Sama Daerah Tahun 2025" in text
    assert "Kalimantan Timur beserta kabupaten/kota" in text
    assert "Jumlah kerja sama 3" in text
    assert "Berlaku pada 31 Desember 2025 2" in text
    assert "Baru ditandatangani pada 2025 1" in text
    assert "Berakhir pada 2025 1" in text
    assert "Tanpa kegiatan (simbolis) 1" in text
    assert "Dievaluasi (final) 2" in text
    assert "rata-rata nilai akhir 50,88" in text
    assert "Riset pertanian Kukar 15" in text  # listed as needing review
    assert "Kerja sama Pontianak" not in text
    assert "Usulan 2026" not in text
    assert "Selesai 2024" not in text
    assert "<svg" not in text  # charts are drawn, not printed as markup
    # The list: one item per agreement, its term and its follow-up on the lines below.
    assert "Beasiswa Unmul" in text
    assert "Riset pertanian Kukar" in text
    assert "tanpa kegiatan: ya" in text
    assert "evaluasi: nilai akhir" in text
    # Each counted table is followed by its bar chart, whose labels repeat the table's.
    assert text.count("KSDPK — dengan pihak ketiga") == 2


def test_a_chart_escapes_its_labels_and_scales_to_the_largest_count() -> None:
    from sinergi.evaluations.annual_output import BAR_WIDTH, bar_chart

    svg = str(bar_chart("Uji", [("<b>Dinas</b>", 4), ("Lain", 2)]))
    assert "&lt;b&gt;Dinas&lt;/b&gt;" in svg
    assert f'width="{BAR_WIDTH}"' in svg
    assert f'width="{BAR_WIDTH // 2}"' in svg
    assert str(bar_chart("Kosong", [("A", 0)])) == ""


def test_the_workbook_has_a_sheet_per_table_with_the_figures(kaltim_2025) -> None:
    book = workbook(kaltim_2025)
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True) if row}
    assert summary["Jumlah kerja sama"] == 3
    assert summary["KB / Nota Kesepakatan / MoU"] == 2
    assert summary["PKS"] == 1
    assert summary["Dengan tanda perencanaan/anggaran"] == 1
    assert table(book, "Jenis kerja sama")["KSDD — dengan daerah lain"] == 1
    assert table(book, "Jenis kerja sama")["KSDPK — dengan pihak ketiga"] == 2
    assert table(book, "Status akhir tahun") == {
        "Berlaku": 2,
        "Berakhir": 1,
        "Dibatalkan/Diakhiri": 0,
        "Ditolak": 0,
        "Dalam proses (usulan s.d. penandatanganan)": 0,
    }
    assert table(book, "Bidang urusan")["1.02 Kesehatan"] == 2
    assert table(book, "Tanda")["Belum dianggarkan tahun berjalan"] == 1
    assert table(book, "Nilai evaluasi")["Sangat baik"] == 1
    assert table(book, "Nilai evaluasi")["Kurang (perlu ditinjau)"] == 1
    assert table(book, "Rekomendasi monev")["Dilanjutkan"] == 1
    assert table(book, "Rekomendasi monev")["Dihentikan"] == 1
    assert table(book, "Baru dan berakhir") == {
        "Baru: ditandatangani pada 2025": 1,
        "Berakhir: tanggal berakhir pada 2025": 1,
    }
    rows = {r[1]: r for r in book["Kerja sama"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {
        "Rujukan pasien Samarinda–Kukar",
        "Beasiswa Unmul",
        "Riset pertanian Kukar",
    }
    kukar = rows["Riset pertanian Kukar"]
    assert kukar[8] == "Belum dianggarkan tahun berjalan"
    assert kukar[9] == "ya"
    assert kukar[10] == 15
    assert rows["Rujukan pasien Samarinda–Kukar"][10] == pytest.approx(86.75)


def test_a_regency_report_covers_its_own_agreements_only(
    data_set, tkksd_kukar, kukar, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = annual_report_request(user=tkksd_kukar, region=kukar, year=2025)
    report.refresh_from_db()
    titles = {r[1] for r in workbook(report)["Kerja sama"].iter_rows(min_row=2, values_only=True)}
    assert titles == {"Rujukan pasien Samarinda–Kukar", "Riset pertanian Kukar"}


# --- background states ----------------------------------------------------------------------


def test_it_stays_queued_until_the_request_commits(
    province_admin, kaltim, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = annual_report_request(user=province_admin, region=kaltim, year=2025)
    assert len(callbacks) == 1
    report.refresh_from_db()
    assert (report.state, report.progress) == ("antre", 0)


def test_it_records_each_step_while_running(
    data_set, province_admin, kaltim, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    seen: list[tuple[str, int, str]] = []
    original = services._progress

    def spy(report_id: int, percent: int, step: str) -> None:
        original(report_id, percent, step)
        row = AnnualReport.objects.get(pk=report_id)
        seen.append((row.state, row.progress, row.step))

    monkeypatch.setattr(services, "_progress", spy)
    with django_capture_on_commit_callbacks(execute=True):
        annual_report_request(user=province_admin, region=kaltim, year=2025)
    assert seen == [
        ("berjalan", 10, "Menghimpun kerja sama"),
        ("berjalan", 30, "Menghitung angka"),
        ("berjalan", 60, "Menyusun PDF"),
        ("berjalan", 85, "Menyusun XLSX"),
    ]


def test_a_failed_run_says_so_and_keeps_no_files(
    province_admin, kaltim, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    def broken(figures) -> bytes:
        raise RuntimeError("font hilang")

    monkeypatch.setattr(services.annual_output, "render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = annual_report_request(user=province_admin, region=kaltim, year=2025)
    report.refresh_from_db()
    assert report.state == "gagal"
    assert "kesalahan sistem" in report.error
    assert not report.pdf


def test_a_second_delivery_of_the_task_does_not_rebuild(kaltim_2025) -> None:
    finished = kaltim_2025.finished_at
    again = services.annual_report_run(report_id=kaltim_2025.pk)
    assert again.finished_at == finished
    assert again.state == "selesai"


# --- who may request and download -----------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "code"),
    [
        ("officer", "64.72"),
        ("tkksd_kukar", "64.72"),
        ("tkksd_pontianak", "64"),
        ("tkksd_samarinda", "64"),
    ],
)
def test_it_refuses_a_report_outside_the_users_scope(persona, code, region, request) -> None:
    with pytest.raises(PermissionDenied):
        annual_report_request(user=request.getfixturevalue(persona), region=region(code), year=2025)


def test_it_refuses_a_future_year(province_admin, kaltim) -> None:
    with pytest.raises(DomainError, match="Tahun laporan"):
        annual_report_request(user=province_admin, region=kaltim, year=2099)


def test_the_executive_requests_and_downloads_from_the_page(
    executive, data_set, django_capture_on_commit_callbacks
) -> None:
    client = client_for(executive)
    page = client.get("/evaluasi/tahunan/")
    assert page.status_code == 200
    assert "Kota Samarinda (64.72)" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/evaluasi/tahunan/", {"year": 2025, "region": "64"}, follow=True)
    assert "sedang disiapkan" in response.content.decode()
    report = AnnualReport.objects.get()
    download = client.get(f"/evaluasi/tahunan/{report.pk}/unduh.pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    progress = client.get(f"/evaluasi/tahunan/{report.pk}/kemajuan/").content.decode()
    assert "Unduh XLSX" in progress
    assert "every 2s" not in progress  # finished: polling stops


def test_the_progress_partial_polls_while_running(executive, kaltim) -> None:
    report = AnnualReport.objects.create(
        region=kaltim, year=2025, state="berjalan", progress=30, step="Menghitung angka"
    )
    html = client_for(executive).get(f"/evaluasi/tahunan/{report.pk}/kemajuan/").content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "Menghitung angka (30%)" in html


def test_reports_of_other_regions_are_not_found(
    tkksd_kukar, tkksd_pontianak, samarinda, kaltim
) -> None:
    report = AnnualReport.objects.create(region=samarinda, year=2025, state="selesai")
    assert (
        client_for(tkksd_kukar).get(f"/evaluasi/tahunan/{report.pk}/kemajuan/").status_code == 404
    )
    assert (
        client_for(tkksd_pontianak).get(f"/evaluasi/tahunan/{report.pk}/unduh.pdf").status_code
        == 404
    )


def test_an_opd_officer_has_no_annual_report_page(officer) -> None:
    assert client_for(officer).get("/evaluasi/tahunan/").status_code == 403
