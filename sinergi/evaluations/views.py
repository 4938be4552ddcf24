"""Pages of the evaluation of one agreement: list by year, start, score, recompute, finalise."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sinergi.agreements.selectors import agreement_get_for_user
from sinergi.core.errors import DomainError
from sinergi.core.http import AuthedRequest
from sinergi.evaluations import services
from sinergi.evaluations.forms import ScoreForm, StartForm
from sinergi.evaluations.models import Criterion
from sinergi.evaluations.selectors import evaluation_get, evaluations_of


@login_required
def agreement_evaluations(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    context = {
        "agreement": agreement,
        "evaluations": evaluations_of(agreement),
        "can_review": services.can_review(request.user, agreement),
        "start_form": StartForm(initial={"year": timezone.localdate().year}),
        "criteria": Criterion.objects.filter(active=True),
    }
    return render(request, "evaluations/agreement.html", context)


def _act(request: AuthedRequest, pk: int, done: str, action: Callable[[], Any]) -> HttpResponse:
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("evaluations:agreement", pk=pk)


@require_POST
@login_required
def evaluation_start_view(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Isi tahun evaluasi.")
        return redirect("evaluations:agreement", pk=pk)
    year = form.cleaned_data["year"]
    return _act(
        request,
        pk,
        f"Evaluasi tahun {year} dimulai; nilai yang dihitung sistem sudah terisi.",
        lambda: services.evaluation_start(user=request.user, agreement=agreement, year=year),
    )


@require_POST
@login_required
def evaluation_score_view(
    request: AuthedRequest, pk: int, evaluation_pk: int, criterion_pk: int
) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    evaluation = evaluation_get(agreement=agreement, pk=evaluation_pk)
    criterion = Criterion.objects.filter(pk=criterion_pk).first()
    if criterion is None:
        raise Http404("Kriteria tidak ditemukan.")
    form = ScoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Isi nilai 0–100 dan dasar penilaiannya.")
        return redirect("evaluations:agreement", pk=pk)
    return _act(
        request,
        pk,
        f"Nilai “{criterion.name}” tersimpan.",
        lambda: services.evaluation_score(
            user=request.user,
            evaluation=evaluation,
            criterion=criterion,
            value=form.cleaned_data["value"],
            basis=form.cleaned_data["basis"],
        ),
    )


@require_POST
@login_required
def evaluation_recompute_view(request: AuthedRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    evaluation = evaluation_get(agreement=agreement, pk=evaluation_pk)
    return _act(
        request,
        pk,
        "Nilai yang dihitung sistem diperbarui dari data terbaru.",
        lambda: services.evaluation_recompute(user=request.user, evaluation=evaluation),
    )


@require_POST
@login_required
def evaluation_finalise_view(request: AuthedRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    evaluation = evaluation_get(agreement=agreement, pk=evaluation_pk)
    return _act(
        request,
        pk,
        f"Evaluasi tahun {evaluation.year} final.",
        lambda: services.evaluation_finalise(user=request.user, evaluation=evaluation),
    )
