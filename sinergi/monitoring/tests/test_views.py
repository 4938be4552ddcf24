"""Monitoring pages: the agreement's monev page, report pages, the cross-agreement list and
its export, through the same rights as the services."""

import datetime
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.agreements.models import Agreement
from sinergi.conftest import client_for
from sinergi.monitoring.models import Indicator, MonitoringReport, Obligation
from sinergi.monitoring.services import report_review, report_submit
from sinergi.monitoring.tests.conftest import PDF

D = datetime.date
State = MonitoringReport.State
MakeReport = Callable[..., MonitoringReport]


def page_url(agreement: Agreement) -> str:
    return reverse("monitoring:agreement", args=[agreement.pk])


def report_url(report: MonitoringReport, name: str = "report_detail", *extra: Any) -> str:
    return reverse(f"monitoring:{name}", args=[report.agreement_id, report.pk, *extra])


def test_the_agreement_page_shows_checklist_indicators_reports_and_overdue_periods(
    agreement: Agreement,
    samarinda_duty: Obligation,
    beds: Indicator,
    make_report: MakeReport,
    tkksd_samarinda: Any,
    executive: Any,
) -> None:
    make_report(tkksd_samarinda, [beds])
    assert page_url(agreement) == f"/monev/kerja-sama/{agreement.pk}/"
    body = client_for(executive).get(page_url(agreement)).content.decode()
    assert "Menyediakan ruang rawat rujukan" in body
    assert "Terlambat" in body  # due 31 Mar 2025, not met
    assert "Pasien rujukan dilayani" in body
    assert "01 Jan 2025 s.d. 30 Jun 2025" in body  # the draft, and the first overdue period
    assert "Susun laporan monev" not in body  # read-only
    assert "Tandai terpenuhi" not in body


def test_a_reports_side_sees_the_buttons_it_may_use(
    agreement: Agreement, samarinda_duty: Obligation, officer: Any
) -> None:
    body = client_for(officer).get(page_url(agreement)).content.decode()
    assert "Susun laporan monev" in body
    assert "Tandai terpenuhi" in body
    assert reverse("monitoring:obligation_create", args=[agreement.pk]) not in body


def test_pontianak_gets_404_on_every_monitoring_page(
    agreement: Agreement, make_report: MakeReport, tkksd_samarinda: Any, tkksd_pontianak: Any
) -> None:
    report = make_report(tkksd_samarinda)
    client = client_for(tkksd_pontianak)
    for url in (
        page_url(agreement),
        report_url(report),
        reverse("monitoring:report_create", args=[agreement.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(report_url(report, "report_transition", "reviu")).status_code == 404


def test_the_new_report_form_starts_with_the_next_due_period(
    agreement: Agreement, tkksd_kukar: Any, beds: Indicator
) -> None:
    body = client_for(tkksd_kukar).get(reverse("monitoring:report_create", args=[agreement.pk]))
    html = body.content.decode()
    assert 'value="2025-01-01"' in html
    assert 'value="2025-06-30"' in html
    assert "Realisasi: Pasien rujukan dilayani" in html


def test_a_report_is_written_submitted_returned_and_reviewed_through_the_pages(
    agreement: Agreement, beds: Indicator, tkksd_kukar: Any, tkksd_samarinda: Any
) -> None:
    author, reviewer = client_for(tkksd_kukar), client_for(tkksd_samarinda)
    response = author.post(
        reverse("monitoring:report_create", args=[agreement.pk]),
        {
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
            "activities": "Rujukan 40 pasien",
            "budget_realised": "2500000",
            "recommendation": "diperluas",
            f"ind_{beds.pk}": "40",
        },
    )
    report = MonitoringReport.objects.get()
    assert response.status_code == 302
    assert report.realisations.get().value == Decimal(40)
    author.post(report_url(report, "report_transition", "ajukan"))
    report.refresh_from_db()
    assert report.state == State.SUBMITTED
    reviewer.post(report_url(report, "report_transition", "kembalikan"), {"comment": ""})
    report.refresh_from_db()
    assert report.state == State.SUBMITTED  # a return needs a comment
    reviewer.post(report_url(report, "report_transition", "kembalikan"), {"comment": "Foto?"})
    report.refresh_from_db()
    assert report.state == State.RETURNED
    assert "Foto?" in author.get(report_url(report)).content.decode()
    author.post(report_url(report, "report_transition", "ajukan"))
    reviewer.post(report_url(report, "report_transition", "reviu"), {"comment": "Baik"})
    report.refresh_from_db()
    assert report.state == State.REVIEWED


def test_the_executive_may_read_a_report_but_every_post_is_403(
    make_report: MakeReport, tkksd_kukar: Any, executive: Any
) -> None:
    report = report_submit(user=tkksd_kukar, report=make_report(tkksd_kukar))
    client = client_for(executive)
    assert client.get(report_url(report)).status_code == 200
    assert client.post(report_url(report, "report_transition", "reviu")).status_code == 403
    assert client.post(report_url(report, "report_comment"), {"body": "x"}).status_code == 403
    assert client.get(report_url(report, "report_edit")).status_code == 403
    create = reverse("monitoring:report_create", args=[report.agreement_id])
    assert client.post(create, {}).status_code == 403


def test_a_stale_edit_page_shows_the_conflict_and_keeps_the_other_save(
    make_report: MakeReport, tkksd_kukar: Any
) -> None:
    report = make_report(tkksd_kukar)
    form = {
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "activities": "A",
        "budget_realised": "0",
        "version": str(report.version),
    }
    client = client_for(tkksd_kukar)
    assert client.post(report_url(report, "report_edit"), form).status_code == 302
    response = client.post(report_url(report, "report_edit"), {**form, "activities": "B"})
    assert "diubah oleh pengguna lain" in response.content.decode()
    report.refresh_from_db()
    assert report.activities == "A"


def test_report_evidence_is_checked_listed_and_downloaded_as_an_attachment(
    make_report: MakeReport, tkksd_kukar: Any, executive: Any, settings: Any
) -> None:
    report = make_report(tkksd_kukar)
    client = client_for(tkksd_kukar)
    upload = report_url(report, "evidence_upload")
    client.post(upload, {"file": SimpleUploadedFile("foto.exe", b"MZ\x90 binary")})
    assert not report.evidence.exists()
    client.post(upload, {"file": SimpleUploadedFile("notulen rapat.pdf", PDF)})
    evidence = report.evidence.get()
    assert evidence.original_name == "notulen rapat.pdf"
    settings.UPLOAD_MAX_BYTES = 10
    response = client.post(upload, {"file": SimpleUploadedFile("dua.pdf", PDF + b" ")}, follow=True)
    assert "terlalu besar" in response.content.decode()
    download = client_for(executive).get(report_url(report, "evidence_download", evidence.pk))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]


def test_templates_have_no_inline_scripts_styles_or_handlers() -> None:
    folder = Path(__file__).resolve().parents[2] / "templates" / "monitoring"
    for template in folder.glob("*.html"):
        text = template.read_text()
        assert "<script" not in text, template
        assert "style=" not in text, template
        assert "hx-on" not in text, template
        assert " onclick" not in text, template


# --- the cross-agreement list ---------------------------------------------------------------


@pytest.fixture
def three_reports(
    make_report: MakeReport, tkksd_kukar: Any, tkksd_samarinda: Any, province_admin: Any
) -> list[MonitoringReport]:
    draft = make_report(tkksd_samarinda, start=D(2026, 1, 1), period_end=D(2026, 6, 30))
    reviewed = report_submit(user=tkksd_kukar, report=make_report(tkksd_kukar))
    report_review(user=province_admin, report=reviewed)
    waiting = make_report(tkksd_kukar, start=D(2025, 7, 1), period_end=D(2025, 12, 31))
    report_submit(user=tkksd_kukar, report=waiting)
    return [draft, reviewed, waiting]


def test_the_list_filters_by_state_and_year_and_keeps_to_the_users_scope(
    three_reports: list[MonitoringReport], tkksd_kukar: Any, tkksd_pontianak: Any
) -> None:
    url = reverse("monitoring:reports")
    assert url == "/monev/"
    client = client_for(tkksd_kukar)
    body = client.get(url).content.decode()
    assert body.count("Rujukan pasien antardaerah") == 3
    assert client.get(url, {"state": "direviu"}).content.decode().count("s.d.") == 1
    assert client.get(url, {"year": "2026"}).content.decode().count("01 Jan 2026") == 1
    assert "Rujukan pasien" not in client_for(tkksd_pontianak).get(url).content.decode()


def test_awaiting_my_review_lists_what_the_user_may_review(
    three_reports: list[MonitoringReport], tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    url = reverse("monitoring:reports")
    body = client_for(tkksd_samarinda).get(url, {"state": "reviu_saya"}).content.decode()
    assert "Menunggu reviu saya (1)" in body
    assert "01 Jul 2025 s.d. 31 Des 2025" in body
    assert "01 Jan 2025 s.d." not in body
    # Kukar manages no owner region here: nothing awaits it.
    body = client_for(tkksd_kukar).get(url, {"state": "reviu_saya"}).content.decode()
    assert "Tidak ada laporan yang cocok" in body


def test_the_list_answers_htmx_with_the_table_only(
    three_reports: list[MonitoringReport], tkksd_kukar: Any
) -> None:
    response = client_for(tkksd_kukar).get(reverse("monitoring:reports"), HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert "Rujukan pasien antardaerah" in response.content.decode()


def test_the_xlsx_export_holds_the_filtered_reports(
    three_reports: list[MonitoringReport], tkksd_kukar: Any
) -> None:
    url = reverse("monitoring:reports_export", args=["xlsx"])
    response = client_for(tkksd_kukar).get(url, {"state": "direviu"})
    assert response["Content-Disposition"] == 'attachment; filename="laporan-monev.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("id_laporan", "kerja_sama", "nomor")
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["status"] == "Direviu"
    assert row["awal_periode"].date() == D(2025, 1, 1)  # type: ignore[union-attr]
    assert row["rekomendasi"] == "Dilanjutkan"
    assert Decimal(str(row["realisasi_anggaran"])) == Decimal(15000000)
    assert row["wilayah_pencatat"] == "64.72"


def test_the_csv_export_has_every_report_in_scope(
    three_reports: list[MonitoringReport], tkksd_kukar: Any
) -> None:
    url = reverse("monitoring:reports_export", args=["csv"])
    text = client_for(tkksd_kukar).get(url).content.decode()
    lines = text.strip().splitlines()
    assert lines[0].startswith("id_laporan,kerja_sama")
    assert len(lines) == 4
    assert "Diajukan" in text
    assert "Draf" in text


def test_the_report_lists_count_is_kept_until_a_report_changes(
    agreement: Agreement, superuser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The count under the list is kept between page turns (core.kept), never past a new
    or deleted report."""
    client = client_for(superuser)

    def filed(day: int) -> MonitoringReport:
        with django_capture_on_commit_callbacks(execute=True):  # the version rises on commit
            return MonitoringReport.objects.create(
                agreement=agreement,
                period_start=datetime.date(2025, 1, day),
                period_end=datetime.date(2025, 1, day + 1),
            )

    def shown() -> int:
        return client.get(reverse("monitoring:reports")).context["page"].paginator.count

    filed(1)
    assert shown() == 1
    second = filed(5)
    assert shown() == 2
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert shown() == 1
