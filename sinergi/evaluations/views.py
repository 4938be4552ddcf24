"""Pages of evaluation: one agreement's evaluations (start, score, recompute, finalise), the
annual report (request, progress, downloads) and the OPD performance ranking."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sinergi.agreements.selectors import agreement_get_for_user
from sinergi.core.errors import DomainError
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, attachment, render_page_or_partial
from sinergi.core.tables import XLSX_CONTENT_TYPE
from sinergi.evaluations import performance, services
from sinergi.evaluations.forms import AnnualRequestForm, ScoreForm, StartForm
from sinergi.evaluations.models import Criterion
from sinergi.evaluations.selectors import (
    annual_report_get_for_user,
    annual_reports_for,
    evaluation_get,
    evaluations_of,
    report_regions,
)

PAGE_SIZE = 25
DOWNLOAD_TYPES = {"pdf": "application/pdf", "xlsx": XLSX_CONTENT_TYPE}


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


# --- annual report --------------------------------------------------------------------------


def _require_report_regions(request: AuthedRequest) -> Any:
    regions = report_regions(request.user)
    if not regions.exists():
        raise PermissionDenied("Laporan tahunan untuk admin provinsi, TKKSD dan pimpinan.")
    return regions


@login_required
def annual_reports(request: AuthedRequest) -> HttpResponse:
    regions = _require_report_regions(request)
    form = AnnualRequestForm(request.POST or None, initial=_annual_initial(request))
    if request.method == "POST" and form.is_valid():
        region = regions.filter(code=form.cleaned_data["region"]).first()
        if region is None:
            raise Http404("Wilayah tidak ditemukan.")
        try:
            report = services.annual_report_request(
                user=request.user, region=region, year=form.cleaned_data["year"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Laporan {report.year} {region.name} sedang disiapkan.")
            return redirect("evaluations:annual")
    paginator = Paginator(annual_reports_for(request.user), PAGE_SIZE)
    context = {
        "form": form,
        "regions": regions.values_list("code", "name"),
        "page": paginator.get_page(request.GET.get("halaman")),
    }
    return render(request, "evaluations/annual.html", context)


def _annual_initial(request: AuthedRequest) -> dict[str, Any]:
    region = request.user.region
    return {"year": timezone.localdate().year - 1, "region": region.code if region else ""}


@login_required
def annual_progress(request: AuthedRequest, pk: int) -> HttpResponse:
    report = annual_report_get_for_user(user=request.user, pk=pk)
    return render(request, "evaluations/_annual_progress.html", {"report": report})


@login_required
def annual_download(request: AuthedRequest, pk: int, fmt: str) -> FileResponse:
    """Files are served only after the scope check, never from a public URL."""
    report = annual_report_get_for_user(user=request.user, pk=pk)
    file = {"pdf": report.pdf, "xlsx": report.xlsx}.get(fmt)
    if file is None or not file or report.state != report.State.DONE:
        raise Http404("Berkas laporan belum tersedia.")
    name = f"evaluasi-kerja-sama-{report.region.code}-{report.year}.{fmt}"
    return attachment(file, name, DOWNLOAD_TYPES[fmt])


# --- OPD performance ------------------------------------------------------------------------

RANKING_HEADERS = [
    "peringkat",
    "perangkat_daerah",
    "wilayah",
    "jumlah_kerja_sama",
    "laporan_tepat_waktu",
    "kewajiban_dipenuhi",
    "capaian_indikator",
    "realisasi_anggaran",
    "nilai_gabungan",
]


def _year(request: AuthedRequest) -> int:
    value = request.GET.get("tahun", "")
    this_year = timezone.localdate().year
    return int(value) if value.isdigit() and 2000 <= int(value) <= this_year else this_year


def _ranking_context(request: AuthedRequest) -> dict[str, Any]:
    year = _year(request)
    this_year = timezone.localdate().year
    return {
        "year": year,
        "years": range(this_year, this_year - 6, -1),
        "ranking": performance.agency_ranking(user=request.user, year=year),
        "weights": [(performance.LABELS[k], w) for k, w in performance.WEIGHTS.items()],
    }


@login_required
def agency_ranking_view(request: AuthedRequest) -> HttpResponse:
    context = _ranking_context(request)
    context["page"] = Paginator(context.pop("ranking"), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    return render_page_or_partial(
        request, "evaluations/agencies.html", "evaluations/_agencies_table.html", context
    )


@login_required
def agency_ranking_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    context = _ranking_context(request)
    rows = (
        [
            p.rank,
            p.agency.name,
            p.agency.region.name,
            len(p.agreements),
            *(p.parts[k].value for k in performance.WEIGHTS),
            p.composite,
        ]
        for p in context["ranking"]
    )
    name = f"kinerja-perangkat-daerah-{context['year']}"
    return table_response(fmt, name, RANKING_HEADERS, rows)


@login_required
def agency_view(request: AuthedRequest, pk: int) -> HttpResponse:
    year = _year(request)
    item = performance.agency_performance_get(user=request.user, pk=pk, year=year)
    context = {
        "item": item,
        "year": year,
        "parts": [
            (performance.LABELS[k], performance.WEIGHTS[k], item.parts[k]) for k in item.parts
        ],
    }
    return render(request, "evaluations/agency.html", context)
