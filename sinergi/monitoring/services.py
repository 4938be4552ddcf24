"""Writes of follow-up monitoring: obligations, indicators and monev reports.

A report moves draf → diajukan → direviu, or diajukan → dikembalikan → diajukan again. Each
step is its own guarded service: it locks the row, checks the user's right and the current
state, moves the state, bumps `version` and leaves a comment as the report's history.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sinergi.agreements.models import Agreement, Party, Status
from sinergi.agreements.services import actor_or_none
from sinergi.core.errors import DomainError
from sinergi.core.uploads import checked_document
from sinergi.monitoring.models import (
    Indicator,
    IndicatorRealisation,
    MonitoringReport,
    Obligation,
    ReportComment,
    ReportEvidence,
)
from sinergi.monitoring.permissions import (
    can_act_for_party,
    can_edit_report,
    can_manage_followup,
    can_review,
    can_write_reports,
)
from sinergi.monitoring.schedule import COUNTED_STATES

State = MonitoringReport.State
EDITABLE = (State.DRAFT, State.RETURNED)
REPORTABLE = (Status.ACTIVE, Status.ENDED)
CONFLICT_MESSAGE = (
    "Laporan ini telah diubah oleh pengguna lain sejak Anda membukanya. "
    "Muat ulang halaman untuk melihat perubahan terbaru, lalu ulangi perubahan Anda."
)


# --- obligations ----------------------------------------------------------------------------


@dataclass
class ObligationInput:
    party: Party
    description: str
    kind: str = Obligation.Kind.DUTY
    due_date: datetime.date | None = None


def _apply_obligation(obligation: Obligation, agreement: Agreement, data: ObligationInput) -> None:
    if data.party.agreement_id != agreement.pk:
        raise DomainError("Pihak yang dipilih bukan pihak kerja sama ini.")
    if not data.description.strip():
        raise DomainError("Uraian hak/kewajiban wajib diisi.")
    if data.kind not in Obligation.Kind.values:
        raise DomainError("Pilih jenis: hak atau kewajiban.")
    obligation.party = data.party
    obligation.description = data.description.strip()
    obligation.kind = data.kind
    obligation.due_date = data.due_date


@transaction.atomic
def obligation_create(*, user: Any, agreement: Agreement, data: ObligationInput) -> Obligation:
    if not can_manage_followup(user, agreement):
        raise PermissionDenied("Anda tidak berwenang mencatat hak dan kewajiban kerja sama ini.")
    obligation = Obligation(agreement=agreement)
    _apply_obligation(obligation, agreement, data)
    obligation.save()
    return obligation


@transaction.atomic
def obligation_update(*, user: Any, obligation: Obligation, data: ObligationInput) -> Obligation:
    if not can_manage_followup(user, obligation.agreement):
        raise PermissionDenied("Anda tidak berwenang mengubah hak dan kewajiban ini.")
    _apply_obligation(obligation, obligation.agreement, data)
    obligation.save()
    return obligation


@transaction.atomic
def obligation_delete(*, user: Any, obligation: Obligation) -> None:
    if not can_manage_followup(user, obligation.agreement):
        raise PermissionDenied("Anda tidak berwenang menghapus hak dan kewajiban ini.")
    obligation.delete()


def _lock_obligation(user: Any, obligation: Obligation) -> Obligation:
    locked = Obligation.objects.select_for_update().select_related("party").get(pk=obligation.pk)
    locked.agreement = obligation.agreement  # already checked for visibility by the caller
    locked.party.agreement = obligation.agreement
    if not can_act_for_party(user, locked.party):
        raise PermissionDenied("Anda tidak berwenang menandai hak/kewajiban pihak ini.")
    return locked


@transaction.atomic
def obligation_fulfil(
    *, user: Any, obligation: Obligation, evidence: Any = None, note: str = ""
) -> Obligation:
    """Tick an obligation off, with an optional evidence file (checked, SHA-256 kept)."""
    locked = _lock_obligation(user, obligation)
    if locked.done_at is not None:
        raise DomainError("Hak/kewajiban ini sudah ditandai terpenuhi.")
    if evidence is not None:
        checked = checked_document(evidence, default_name="bukti")
        locked.evidence.save(checked.sha256, ContentFile(checked.content), save=False)
        locked.evidence_sha256 = checked.sha256
    locked.done_at, locked.done_by = timezone.now(), actor_or_none(user)
    locked.note = note.strip()
    locked.save()
    return locked


@transaction.atomic
def obligation_reopen(*, user: Any, obligation: Obligation, note: str = "") -> Obligation:
    """Undo a tick (wrong evidence, or not met after all). The evidence file is kept."""
    locked = _lock_obligation(user, obligation)
    if locked.done_at is None:
        raise DomainError("Hak/kewajiban ini belum ditandai terpenuhi.")
    locked.done_at = locked.done_by = None
    locked.note = note.strip()
    locked.save()
    return locked


# --- indicators -----------------------------------------------------------------------------


@dataclass
class IndicatorInput:
    name: str
    unit: str
    target: Decimal
    baseline: Decimal | None = None
    target_year: int | None = None
    higher_is_better: bool = True


def _apply_indicator(indicator: Indicator, data: IndicatorInput) -> None:
    if not data.name.strip() or not data.unit.strip():
        raise DomainError("Nama indikator dan satuannya wajib diisi.")
    indicator.name, indicator.unit = data.name.strip(), data.unit.strip()
    indicator.target, indicator.baseline = data.target, data.baseline
    indicator.target_year, indicator.higher_is_better = data.target_year, data.higher_is_better


@transaction.atomic
def indicator_create(*, user: Any, agreement: Agreement, data: IndicatorInput) -> Indicator:
    if not can_manage_followup(user, agreement):
        raise PermissionDenied("Anda tidak berwenang menetapkan indikator kerja sama ini.")
    indicator = Indicator(agreement=agreement)
    _apply_indicator(indicator, data)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(*, user: Any, indicator: Indicator, data: IndicatorInput) -> Indicator:
    if not can_manage_followup(user, indicator.agreement):
        raise PermissionDenied("Anda tidak berwenang mengubah indikator ini.")
    _apply_indicator(indicator, data)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, user: Any, indicator: Indicator) -> None:
    if not can_manage_followup(user, indicator.agreement):
        raise PermissionDenied("Anda tidak berwenang menghapus indikator ini.")
    if indicator.realisations.exists():
        # Deleting would silently remove figures from reports already written.
        raise DomainError(
            "Indikator ini sudah memiliki realisasi pada laporan; ubah, jangan hapus."
        )
    indicator.delete()


# --- reports --------------------------------------------------------------------------------


@dataclass
class RealisationInput:
    indicator: Indicator
    value: Decimal
    note: str = ""


@dataclass
class ReportInput:
    period_start: datetime.date
    period_end: datetime.date
    activities: str = ""
    outputs: str = ""
    budget_realised: Decimal = Decimal(0)
    obstacles: str = ""
    recommendation: str = ""
    realisations: list[RealisationInput] = field(default_factory=list)


def _check_period(agreement: Agreement, data: ReportInput, exclude_pk: int | None) -> None:
    if data.period_end < data.period_start:
        raise DomainError("Akhir periode tidak boleh sebelum awal periode.")
    if (agreement.start_date and data.period_start < agreement.start_date) or (
        agreement.end_date and data.period_end > agreement.end_date
    ):
        raise DomainError("Periode laporan harus berada dalam jangka waktu kerja sama.")
    _check_no_overlap(agreement, data.period_start, data.period_end, exclude_pk)


def _check_no_overlap(
    agreement: Agreement, start: datetime.date, end: datetime.date, exclude_pk: int | None
) -> None:
    """Periods of reports that count (submitted or reviewed) may not overlap."""
    clash = (
        MonitoringReport.objects.filter(
            agreement=agreement,
            state__in=COUNTED_STATES,
            period_start__lte=end,
            period_end__gte=start,
        )
        .exclude(pk=exclude_pk or 0)
        .first()
    )
    if clash is not None:
        raise DomainError(
            f"Periode ini bertumpang tindih dengan laporan {clash.period_start:%d-%m-%Y} s.d. "
            f"{clash.period_end:%d-%m-%Y} yang sudah diajukan."
        )


def _check_realisations(agreement: Agreement, realisations: list[RealisationInput]) -> None:
    seen: set[int] = set()
    for item in realisations:
        if item.indicator.agreement_id != agreement.pk:
            raise DomainError(f"Indikator “{item.indicator.name}” bukan milik kerja sama ini.")
        if item.indicator.pk in seen:
            raise DomainError(f"Indikator “{item.indicator.name}” diisi lebih dari sekali.")
        seen.add(item.indicator.pk)


def _apply_report(report: MonitoringReport, data: ReportInput) -> None:
    agreement = report.agreement
    _check_period(agreement, data, report.pk)
    if data.recommendation and data.recommendation not in MonitoringReport.Recommendation.values:
        raise DomainError("Rekomendasi harus dilanjutkan, diperluas atau dihentikan.")
    if data.budget_realised < 0:
        raise DomainError("Realisasi anggaran tidak boleh negatif.")
    _check_realisations(agreement, data.realisations)
    report.period_start, report.period_end = data.period_start, data.period_end
    report.activities, report.outputs = data.activities.strip(), data.outputs.strip()
    report.obstacles = data.obstacles.strip()
    report.budget_realised, report.recommendation = data.budget_realised, data.recommendation


def _save_realisations(report: MonitoringReport, realisations: list[RealisationInput]) -> None:
    report.realisations.all().delete()
    IndicatorRealisation.objects.bulk_create(
        IndicatorRealisation(
            report=report, indicator=r.indicator, value=r.value, note=r.note.strip()[:300]
        )
        for r in realisations
    )


@transaction.atomic
def report_create(*, user: Any, agreement: Agreement, data: ReportInput) -> MonitoringReport:
    """A new draft. Only for agreements in force or ended (there is something to report)."""
    if not can_write_reports(user, agreement):
        raise PermissionDenied("Anda tidak berwenang menyusun laporan monev kerja sama ini.")
    if agreement.current_status() not in REPORTABLE:
        raise DomainError("Laporan monev hanya untuk kerja sama yang berlaku atau telah berakhir.")
    report = MonitoringReport(agreement=agreement, author=actor_or_none(user))
    _apply_report(report, data)
    report.save()
    _save_realisations(report, data.realisations)
    return report


def _lock(report: MonitoringReport) -> MonitoringReport:
    locked = MonitoringReport.objects.select_for_update().get(pk=report.pk)
    locked.agreement = report.agreement  # the caller's access-checked agreement
    return locked


def _require_state(report: MonitoringReport, allowed: tuple[str, ...]) -> None:
    if report.state not in allowed:
        raise DomainError(
            f"Langkah ini tidak dapat dilakukan dari status “{State(report.state).label}”."
        )


def _require_author_side(user: Any, report: MonitoringReport) -> None:
    if not can_write_reports(user, report.agreement):
        raise PermissionDenied("Anda tidak berwenang mengubah laporan monev kerja sama ini.")
    _require_state(report, EDITABLE)
    if not can_edit_report(user, report):
        raise PermissionDenied(
            "Hanya penyusun laporan atau pengelola wilayahnya yang dapat mengubah laporan ini."
        )


@transaction.atomic
def report_update(
    *, user: Any, report: MonitoringReport, expected_version: int, data: ReportInput
) -> MonitoringReport:
    """Save an edit unless someone else saved in between (then refuse, never overwrite)."""
    locked = _lock(report)
    _require_author_side(user, locked)
    if locked.version != expected_version:
        raise DomainError(CONFLICT_MESSAGE, code="conflict")
    _apply_report(locked, data)
    locked.version += 1
    locked.save()
    _save_realisations(locked, data.realisations)
    return locked


@transaction.atomic
def report_delete(*, user: Any, report: MonitoringReport) -> None:
    """Only a draft never sent: once submitted a report is part of the record."""
    locked = _lock(report)
    _require_author_side(user, locked)
    _require_state(locked, (State.DRAFT,))
    locked.delete()


def _missing_for_submit(report: MonitoringReport) -> list[str]:
    missing = []
    if not report.activities.strip():
        missing.append("kegiatan yang dilaksanakan")
    if not report.recommendation:
        missing.append("rekomendasi")
    filled = set(report.realisations.values_list("indicator_id", flat=True))
    for indicator in report.agreement.indicators.all():
        if indicator.pk not in filled:
            missing.append(f"realisasi indikator “{indicator.name}”")
    return missing


def _move(
    report: MonitoringReport, user: Any, to: str, comment: str, **changes: Any
) -> MonitoringReport:
    report.state, report.version = to, report.version + 1
    for name, value in changes.items():
        setattr(report, name, value)
    report.save()
    ReportComment.objects.create(report=report, author=actor_or_none(user), body=comment)
    return report


@transaction.atomic
def report_submit(*, user: Any, report: MonitoringReport, note: str = "") -> MonitoringReport:
    """Draf/dikembalikan → diajukan, once the report is complete."""
    locked = _lock(report)
    _require_author_side(user, locked)
    missing = _missing_for_submit(locked)
    if missing:
        raise DomainError(f"Lengkapi sebelum mengajukan: {'; '.join(missing)}.")
    # Another report for the same period may have been submitted since this one was saved.
    _check_no_overlap(locked.agreement, locked.period_start, locked.period_end, locked.pk)
    body = note.strip() or "Laporan diajukan untuk direviu."
    return _move(locked, user, State.SUBMITTED, body, submitted_at=timezone.now())


def _require_reviewer(user: Any, report: MonitoringReport) -> None:
    if report.author_id is not None and report.author_id == getattr(user, "pk", None):
        raise PermissionDenied("Anda tidak dapat mereviu laporan yang Anda susun sendiri.")
    if not can_review(user, report):
        raise PermissionDenied(
            "Hanya TKKSD atau Admin Provinsi wilayah pencatat yang dapat mereviu laporan ini."
        )


@transaction.atomic
def report_return(*, user: Any, report: MonitoringReport, comment: str) -> MonitoringReport:
    """Diajukan → dikembalikan, always with the reason for the author."""
    locked = _lock(report)
    _require_reviewer(user, locked)
    _require_state(locked, (State.SUBMITTED,))
    if not comment.strip():
        raise DomainError("Tuliskan catatan perbaikan untuk penyusun laporan.")
    return _move(locked, user, State.RETURNED, comment.strip())


@transaction.atomic
def report_review(*, user: Any, report: MonitoringReport, comment: str = "") -> MonitoringReport:
    """Diajukan → direviu: the report is accepted as the record of its period."""
    locked = _lock(report)
    _require_reviewer(user, locked)
    _require_state(locked, (State.SUBMITTED,))
    return _move(
        locked,
        user,
        State.REVIEWED,
        comment.strip() or "Laporan telah direviu.",
        reviewed_at=timezone.now(),
        reviewed_by=actor_or_none(user),
    )


# The steps by action name with the argument the free text goes to; the pages and the API
# both go through `report_transition`, so a step means the same everywhere.
TRANSITIONS: dict[str, tuple[Any, str]] = {
    "submit": (report_submit, "note"),
    "return": (report_return, "comment"),
    "review": (report_review, "comment"),
}


def report_transition(
    *, user: Any, report: MonitoringReport, action: str, comment: str = ""
) -> MonitoringReport:
    if action not in TRANSITIONS:
        raise DomainError(f"Langkah “{action}” tidak dikenal.")
    step, argument = TRANSITIONS[action]
    result: MonitoringReport = step(user=user, report=report, **{argument: comment})
    return result


@transaction.atomic
def report_comment_add(*, user: Any, report: MonitoringReport, body: str) -> ReportComment:
    """A remark from the author's side or a reviewer; read-only users only read."""
    agreement = report.agreement
    if not (can_write_reports(user, agreement) or can_manage_followup(user, agreement)):
        raise PermissionDenied("Anda tidak berwenang mengomentari laporan ini.")
    if not body.strip():
        raise DomainError("Komentar tidak boleh kosong.")
    return ReportComment.objects.create(
        report=report, author=actor_or_none(user), body=body.strip()
    )


@transaction.atomic
def report_evidence_add(*, user: Any, report: MonitoringReport, upload: Any) -> ReportEvidence:
    locked = _lock(report)
    _require_author_side(user, locked)
    checked = checked_document(upload, default_name="bukti")
    if locked.evidence.filter(sha256=checked.sha256).exists():
        raise DomainError("Berkas yang sama persis sudah dilampirkan pada laporan ini.")
    evidence = ReportEvidence(
        report=locked,
        original_name=checked.name,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=actor_or_none(user),
    )
    evidence.file.save(checked.sha256, ContentFile(checked.content), save=False)
    evidence.save()
    return evidence


@transaction.atomic
def report_evidence_delete(*, user: Any, evidence: ReportEvidence) -> None:
    locked = _lock(evidence.report)
    _require_author_side(user, locked)
    evidence.file.delete(save=False)
    evidence.delete()
