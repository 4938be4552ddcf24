"""API endpoints of evaluasi under /api/v1/evaluasi/ (same permissions as the pages)."""

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from sinergi.agreements.selectors import agreement_get_for_user
from sinergi.core.http import api_user
from sinergi.core.schemas import ERROR_RESPONSES
from sinergi.evaluations import performance, services
from sinergi.evaluations.models import AnnualReport, Criterion
from sinergi.evaluations.schemas import (
    AgencyPerformanceListOut,
    AnnualReportIn,
    AnnualReportOut,
    CriterionOut,
    EvaluationOut,
    EvaluationStartIn,
    PerformanceFilterIn,
    ScoreIn,
)
from sinergi.evaluations.selectors import (
    annual_report_get_for_user,
    evaluation_get,
    evaluations_of,
    report_regions,
)

router = Router(tags=["Evaluasi"])


@router.get(
    "/kriteria",
    response={200: list[CriterionOut], **ERROR_RESPONSES},
    operation_id="evaluation_criteria",
    summary="Rubrik evaluasi",
    description="Kriteria yang dipakai, dengan bobot dan pedoman penilaiannya.",
)
def list_criteria(request: HttpRequest) -> Any:
    return Criterion.objects.filter(active=True)


@router.get(
    "/kerja-sama/{int:agreement_id}",
    response={200: list[EvaluationOut], **ERROR_RESPONSES},
    operation_id="evaluation_list",
    summary="Evaluasi sebuah kerja sama",
    description="Evaluasi per tahun dengan nilai dan dasar tiap kriteria. 404 di luar wilayah.",
)
def list_evaluations(request: HttpRequest, agreement_id: int) -> Any:
    agreement = agreement_get_for_user(user=api_user(request), pk=agreement_id)
    return list(evaluations_of(agreement))


@router.post(
    "/kerja-sama/{int:agreement_id}",
    response={201: EvaluationOut, **ERROR_RESPONSES},
    operation_id="evaluation_start",
    summary="Mulai evaluasi tahunan",
    description="Membuat draf evaluasi dengan nilai yang dihitung sistem (TKKSD/admin).",
)
def start_evaluation(request: HttpRequest, agreement_id: int, payload: EvaluationStartIn) -> Any:
    user = api_user(request)
    agreement = agreement_get_for_user(user=user, pk=agreement_id)
    evaluation = services.evaluation_start(user=user, agreement=agreement, year=payload.year)
    return Status(201, evaluation_get(agreement=agreement, pk=evaluation.pk))


@router.put(
    "/kerja-sama/{int:agreement_id}/{int:evaluation_id}/nilai/{str:code}",
    response={200: EvaluationOut, **ERROR_RESPONSES},
    operation_id="evaluation_score",
    summary="Isi nilai kriteria penilai",
    description="Nilai 0–100 dan dasar penilaiannya, untuk evaluasi yang masih draf.",
)
def score_criterion(
    request: HttpRequest, agreement_id: int, evaluation_id: int, code: str, payload: ScoreIn
) -> Any:
    user = api_user(request)
    agreement = agreement_get_for_user(user=user, pk=agreement_id)
    evaluation = evaluation_get(agreement=agreement, pk=evaluation_id)
    criterion = Criterion.objects.filter(code=code).first()
    if criterion is None:
        raise Http404("Kriteria tidak ditemukan.")
    services.evaluation_score(
        user=user,
        evaluation=evaluation,
        criterion=criterion,
        value=payload.value,
        basis=payload.basis,
    )
    return evaluation_get(agreement=agreement, pk=evaluation_id)


@router.post(
    "/kerja-sama/{int:agreement_id}/{int:evaluation_id}/final",
    response={200: EvaluationOut, **ERROR_RESPONSES},
    operation_id="evaluation_finalise",
    summary="Tetapkan evaluasi final",
    description="Setelah final, evaluasi tidak dapat diubah lagi.",
)
def finalise_evaluation(request: HttpRequest, agreement_id: int, evaluation_id: int) -> Any:
    user = api_user(request)
    agreement = agreement_get_for_user(user=user, pk=agreement_id)
    evaluation = evaluation_get(agreement=agreement, pk=evaluation_id)
    services.evaluation_finalise(user=user, evaluation=evaluation)
    return evaluation_get(agreement=agreement, pk=evaluation_id)


def _report_out(report: AnnualReport) -> dict[str, Any]:
    done = report.state == AnnualReport.State.DONE
    links = {
        f"{fmt}_url": reverse("evaluations:annual_download", args=[report.pk, fmt])
        if done
        else None
        for fmt in ("pdf", "xlsx")
    }
    return {
        "id": report.pk,
        "region": report.region.code,
        "year": report.year,
        "state": report.state,
        "progress": report.progress,
        "step": report.step,
        "error": report.error,
        "requested_at": report.requested_at,
        "finished_at": report.finished_at,
        **links,
    }


@router.post(
    "/laporan-tahunan",
    response={201: AnnualReportOut, **ERROR_RESPONSES},
    operation_id="annual_report_request",
    summary="Minta laporan evaluasi tahunan",
    description=(
        "Laporan wilayah (provinsi: beserta kabupaten/kota) dibuat di latar belakang; pantau "
        "kemajuannya lewat GET laporan-tahunan/{id}."
    ),
)
def request_annual_report(request: HttpRequest, payload: AnnualReportIn) -> Any:
    user = api_user(request)
    region = report_regions(user).filter(code=payload.region).first()
    if region is None:
        raise Http404("Wilayah tidak ditemukan.")
    report = services.annual_report_request(user=user, region=region, year=payload.year)
    return Status(201, _report_out(report))


@router.get(
    "/laporan-tahunan/{int:report_id}",
    response={200: AnnualReportOut, **ERROR_RESPONSES},
    operation_id="annual_report_get",
    summary="Status laporan evaluasi tahunan",
    description="Status, kemajuan (0–100), tahap, dan tautan unduhan bila selesai.",
)
def get_annual_report(request: HttpRequest, report_id: int) -> Any:
    return _report_out(annual_report_get_for_user(user=api_user(request), pk=report_id))


@router.get(
    "/perangkat-daerah",
    response={200: AgencyPerformanceListOut, **ERROR_RESPONSES},
    operation_id="agency_performance_list",
    summary="Kinerja perangkat daerah pelaksana",
    description="Peringkat perangkat daerah dalam wilayah Anda dengan angka dan dasarnya.",
)
def list_agency_performance(request: HttpRequest, filters: Query[PerformanceFilterIn]) -> Any:
    year = filters.tahun or timezone.localdate().year
    ranking = performance.agency_ranking(user=api_user(request), year=year)
    start = (filters.halaman - 1) * filters.per_halaman
    items = [_performance_out(p) for p in ranking[start : start + filters.per_halaman]]
    return {
        "year": year,
        "weights": performance.WEIGHTS,
        "count": len(ranking),
        "page": filters.halaman,
        "page_size": filters.per_halaman,
        "items": items,
    }


def _performance_out(p: performance.AgencyPerformance) -> dict[str, Any]:
    def figure(key: str) -> dict[str, Any]:
        return {"value": p.parts[key].value, "basis": p.parts[key].basis}

    return {
        "rank": p.rank,
        "agency_id": p.agency.pk,
        "agency": p.agency.name,
        "region": p.agency.region.code,
        "agreements": len(p.agreements),
        "reports_on_time": figure("reports"),
        "obligations_met": figure("obligations"),
        "indicator_achievement": figure("indicators"),
        "budget_realisation": figure("budget"),
        "composite": p.composite,
        "composite_basis": p.composite_basis,
    }
