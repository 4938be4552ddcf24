"""Writes of evaluations: start (with the computed scores), score a reviewer's criterion,
recompute, finalise; and the request and background run of the annual report.

Reviewers are the users who decide on the agreement (the owner region's TKKSD or province
admin, or a superuser); Pimpinan and everyone else read only. A final evaluation is never
changed again.
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sinergi.agreements.models import Agreement, Status
from sinergi.agreements.permissions import can_decide
from sinergi.agreements.services import actor_or_none
from sinergi.core.errors import DomainError
from sinergi.evaluations import annual, annual_output, sources
from sinergi.evaluations.models import AnnualReport, Criterion, Evaluation, Score
from sinergi.evaluations.scoring import Weighted, summary, weighted_total
from sinergi.evaluations.selectors import report_regions
from sinergi.regions.models import Region

EVALUATED_STATUSES = (Status.ACTIVE, Status.ENDED, Status.TERMINATED)


def can_review(user: Any, agreement: Agreement) -> bool:
    return bool(can_decide(user, agreement))


def _require_reviewer(user: Any, agreement: Agreement) -> None:
    if not can_review(user, agreement):
        raise PermissionDenied("Hanya TKKSD atau admin provinsi wilayah pencatat yang menilai.")


def _require_draft(evaluation: Evaluation) -> None:
    if evaluation.state == Evaluation.State.FINAL:
        raise DomainError("Evaluasi sudah final dan tidak dapat diubah lagi.")


def _check_year(agreement: Agreement, year: int, today: datetime.date) -> None:
    if agreement.status not in EVALUATED_STATUSES or agreement.start_date is None:
        raise DomainError("Hanya kerja sama yang sudah ditandatangani yang dapat dievaluasi.")
    last = today.year
    if agreement.end_date is not None:
        last = min(last, agreement.end_date.year)
    if not agreement.start_date.year <= year <= last:
        raise DomainError(
            f"Tahun evaluasi harus antara {agreement.start_date.year} dan {last} "
            "(masa berlaku kerja sama sampai tahun ini)."
        )


@transaction.atomic
def evaluation_start(
    *, user: Any, agreement: Agreement, year: int, today: datetime.date | None = None
) -> Evaluation:
    """A draft evaluation of `year` with a row per criterion in use, computed ones filled."""
    today = today or timezone.localdate()
    _require_reviewer(user, agreement)
    _check_year(agreement, year, today)
    if Evaluation.objects.filter(agreement=agreement, year=year).exists():
        raise DomainError(f"Evaluasi tahun {year} untuk kerja sama ini sudah ada.")
    evaluation = Evaluation.objects.create(
        agreement=agreement, year=year, reviewer=actor_or_none(user)
    )
    _refresh(evaluation, today)
    return evaluation


@transaction.atomic
def evaluation_recompute(
    *, user: Any, evaluation: Evaluation, today: datetime.date | None = None
) -> Evaluation:
    """Read the data again (new reports, budget) and add criteria put in use since."""
    evaluation = _locked(evaluation)
    _require_reviewer(user, evaluation.agreement)
    _require_draft(evaluation)
    _refresh(evaluation, today or timezone.localdate())
    return evaluation


@transaction.atomic
def evaluation_score(
    *, user: Any, evaluation: Evaluation, criterion: Criterion, value: Any, basis: str
) -> Score:
    """A reviewer's score (0–100) of a criterion scored by reviewers, with its basis."""
    evaluation = _locked(evaluation)
    _require_reviewer(user, evaluation.agreement)
    _require_draft(evaluation)
    if criterion.source != Criterion.Source.MANUAL:
        raise DomainError(f"Nilai “{criterion.name}” dihitung sistem, tidak diisi penilai.")
    number = _score_value(value)
    basis = (basis or "").strip()
    if not basis:
        raise DomainError("Tuliskan dasar penilaian (data atau alasan yang dipakai).")
    score, _ = Score.objects.update_or_create(
        evaluation=evaluation,
        criterion=criterion,
        defaults={"value": number, "basis": basis, "computed": False},
    )
    _update_total(evaluation)
    return score


@transaction.atomic
def evaluation_finalise(*, user: Any, evaluation: Evaluation) -> Evaluation:
    """Close the evaluation once every reviewer's criterion has a score; read-only after."""
    evaluation = _locked(evaluation)
    _require_reviewer(user, evaluation.agreement)
    _require_draft(evaluation)
    missing = [
        s.criterion.name
        for s in evaluation.scores.select_related("criterion")
        if s.criterion.source == Criterion.Source.MANUAL and s.value is None
    ]
    if missing:
        raise DomainError(f"Isi dulu nilai kriteria: {', '.join(missing)}.")
    _update_total(evaluation)
    evaluation.state = Evaluation.State.FINAL
    evaluation.reviewer = actor_or_none(user)
    evaluation.save(update_fields=["state", "reviewer", "updated_at"])
    return evaluation


def _locked(evaluation: Evaluation) -> Evaluation:
    # Two reviewers saving at once must not interleave their totals.
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("agreement", "agreement__owner_region")
        .get(pk=evaluation.pk)
    )


def _score_value(value: Any) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise DomainError("Nilai harus berupa angka 0–100.") from None
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise DomainError("Nilai harus antara 0 dan 100.")
    return number.quantize(Decimal("0.01"))


def _refresh(evaluation: Evaluation, today: datetime.date) -> None:
    agreement = evaluation.agreement
    for criterion in Criterion.objects.filter(active=True):
        if criterion.source == Criterion.Source.MANUAL:
            Score.objects.get_or_create(evaluation=evaluation, criterion=criterion)
            continue
        result = sources.compute(criterion.source, agreement, evaluation.year, today)
        Score.objects.update_or_create(
            evaluation=evaluation,
            criterion=criterion,
            defaults={"value": result.value, "basis": result.basis, "computed": True},
        )
    _update_total(evaluation)


def weighted_items(evaluation: Evaluation) -> list[Weighted]:
    scores = evaluation.scores.select_related("criterion").order_by("criterion__order")
    return [Weighted(s.criterion.name, s.criterion.weight, s.value) for s in scores]


def _update_total(evaluation: Evaluation) -> None:
    items = weighted_items(evaluation)
    total = weighted_total(items)
    evaluation.total = total.value
    evaluation.category = total.category
    evaluation.summary = summary(items)
    evaluation.save(update_fields=["total", "category", "summary", "updated_at"])


# --- annual report --------------------------------------------------------------------------

FIRST_REPORT_YEAR = 2000


@transaction.atomic
def annual_report_request(
    *, user: Any, region: Region, year: int, today: datetime.date | None = None
) -> AnnualReport:
    """Queue the annual report of a region in the user's scope; built after commit."""
    from sinergi.evaluations.tasks import build_annual_report  # tasks.py imports this module

    if not report_regions(user).filter(pk=region.pk).exists():
        raise PermissionDenied("Anda tidak berwenang meminta laporan wilayah ini.")
    this_year = (today or timezone.localdate()).year
    if not FIRST_REPORT_YEAR <= year <= this_year:
        raise DomainError(f"Tahun laporan harus antara {FIRST_REPORT_YEAR} dan {this_year}.")
    report = AnnualReport.objects.create(
        region=region, year=year, requested_by=actor_or_none(user), step="Menunggu giliran"
    )
    report_id = report.pk
    transaction.on_commit(lambda: build_annual_report.enqueue(report_id))
    return report


def annual_report_run(*, report_id: int) -> AnnualReport:
    """The background half: figures, PDF, XLSX, with progress on the row for the page."""
    if not _claim(report_id):
        return AnnualReport.objects.get(pk=report_id)
    report = AnnualReport.objects.select_related("region").get(pk=report_id)
    try:
        figures = annual.build(report.region, report.year, lambda p, s: _progress(report_id, p, s))
        _progress(report_id, 60, "Menyusun PDF")
        pdf = annual_output.render_pdf(figures)
        _progress(report_id, 85, "Menyusun XLSX")
        xlsx = annual_output.render_xlsx(figures)
        _finish(report, pdf, xlsx)
    except Exception as exc:
        _fail(report_id, exc)
        raise
    return AnnualReport.objects.get(pk=report_id)


def _claim(report_id: int) -> bool:
    # One run per report, even if the task is delivered twice.
    return bool(
        AnnualReport.objects.filter(pk=report_id, state=AnnualReport.State.QUEUED).update(
            state=AnnualReport.State.RUNNING, progress=0, step="Memulai"
        )
    )


def _progress(report_id: int, percent: int, step: str) -> None:
    AnnualReport.objects.filter(pk=report_id).update(progress=percent, step=step)


def _finish(report: AnnualReport, pdf: bytes, xlsx: bytes) -> None:
    name = f"evaluasi-kerja-sama-{report.region.code}-{report.year}"
    report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    report.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
    report.state = AnnualReport.State.DONE
    report.progress = 100
    report.step = "Selesai"
    report.finished_at = timezone.now()
    report.save()


def _fail(report_id: int, exc: Exception) -> None:
    reason = exc.message if isinstance(exc, DomainError) else "kesalahan sistem"
    AnnualReport.objects.filter(pk=report_id).update(
        state=AnnualReport.State.FAILED,
        step="Gagal",
        error=f"Laporan gagal dibuat: {reason}. Minta ulang laporan; bila berulang, hubungi admin.",
        finished_at=timezone.now(),
    )
