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
from django.db import transaction
from django.utils import timezone

from sinergi.agreements.models import Agreement, Status
from sinergi.agreements.permissions import can_decide
from sinergi.agreements.services import actor_or_none
from sinergi.core.errors import DomainError
from sinergi.evaluations import sources
from sinergi.evaluations.models import Criterion, Evaluation, Score
from sinergi.evaluations.scoring import Weighted, summary, weighted_total

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
