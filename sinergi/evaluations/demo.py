"""Demo evaluations for the lead's `core/demo.py`: a final and a draft evaluation of the
first agreements in force, scored by the owner region's TKKSD or the superuser."""

from typing import Any

from django.utils import timezone

from sinergi.agreements.models import Agreement, Status
from sinergi.core.errors import DomainError
from sinergi.evaluations.models import Criterion, Evaluation
from sinergi.evaluations.services import (
    can_review,
    evaluation_finalise,
    evaluation_score,
    evaluation_start,
)

# Reviewers' demo scores per criterion code, with the basis a TKKSD would write.
DEMO_SCORES = {
    "kesesuaian_tujuan": ("85", "Kegiatan rujukan sesuai ruang lingkup (notulen rapat TKKSD)."),
    "koordinasi": ("70", "Rapat koordinasi triwulanan berjalan; satu rapat tertunda."),
    "dampak_layanan_publik": ("80", "Waktu tunggu rujukan turun menurut laporan monev."),
}


def _reviewer(agreement: Agreement, users: dict[str, Any]) -> Any:
    return next((u for u in users.values() if can_review(u, agreement)), None)


def seed_demo(agreements: list[Agreement], users: dict[str, Any]) -> None:
    """Idempotent: an agreement already evaluated this year is left as it is."""
    year = timezone.localdate().year
    in_force = [a for a in agreements if a.status == Status.ACTIVE and a.start_date][:2]
    for index, agreement in enumerate(in_force):
        reviewer = _reviewer(agreement, users)
        if reviewer is None or Evaluation.objects.filter(agreement=agreement, year=year).exists():
            continue
        try:
            evaluation = evaluation_start(user=reviewer, agreement=agreement, year=year)
            for criterion in Criterion.objects.filter(code__in=DEMO_SCORES, active=True):
                value, basis = DEMO_SCORES[criterion.code]
                evaluation_score(
                    user=reviewer,
                    evaluation=evaluation,
                    criterion=criterion,
                    value=value,
                    basis=basis,
                )
            if index == 0:
                evaluation_finalise(user=reviewer, evaluation=evaluation)
        except DomainError:
            continue  # e.g. the year lies outside the agreement's term: no demo for it
