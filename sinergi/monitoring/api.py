"""JSON API of follow-up monitoring (/api/v1/monev): the same reads, writes and rights as the
pages. Every operation reaches its agreement through `agreement_get_for_user` (404 outside the
user's regions) and writes through the services; errors become HTTP answers centrally."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from sinergi.agreements.selectors import agreement_get_for_user
from sinergi.core.errors import DomainError
from sinergi.core.http import api_user
from sinergi.core.schemas import ERROR_RESPONSES, ErrorOut
from sinergi.monitoring import selectors, services
from sinergi.monitoring.models import MonitoringReport
from sinergi.monitoring.schemas import (
    FulfilIn,
    IndicatorListOut,
    ObligationListOut,
    ObligationOut,
    ReportIn,
    ReportListOut,
    ReportOut,
    ReportTransitionIn,
    ReportUpdateIn,
    indicator_out,
)

router = Router(tags=["Monev"])


@router.get(
    "/kerja-sama/{int:agreement_id}/laporan",
    response={200: ReportListOut, **ERROR_RESPONSES},
    operation_id="monitoring_report_list",
    summary="Laporan monev sebuah kerja sama",
    description="Semua laporan kerja sama ini, periode terbaru lebih dahulu.",
)
def list_reports(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    agreement = agreement_get_for_user(user=api_user(request), pk=agreement_id)
    return {"items": agreement.reports.all()}


@router.post(
    "/kerja-sama/{int:agreement_id}/laporan",
    response={201: ReportOut, **ERROR_RESPONSES},
    operation_id="monitoring_report_create",
    summary="Susun laporan monev (draf)",
    description=(
        "Draf laporan untuk kerja sama yang berlaku atau telah berakhir. Periode tidak boleh "
        "bertumpang tindih dengan laporan yang sudah diajukan. Satu nilai per indikator."
    ),
)
def create_report(request: HttpRequest, agreement_id: int, payload: ReportIn) -> Status:
    user = api_user(request)
    agreement = agreement_get_for_user(user=user, pk=agreement_id)
    data = _report_input(agreement, payload)
    report = services.report_create(user=user, agreement=agreement, data=data)
    return Status(201, report)


@router.get(
    "/laporan/{int:report_id}",
    response={200: ReportOut, **ERROR_RESPONSES},
    operation_id="monitoring_report_get",
    summary="Rincian laporan monev",
    description="Laporan dengan realisasi indikator, bukti dan komentar.",
)
def get_report(request: HttpRequest, report_id: int) -> MonitoringReport:
    report: MonitoringReport = selectors.report_get_for_user(user=api_user(request), pk=report_id)
    return report


@router.put(
    "/laporan/{int:report_id}",
    response={200: ReportOut, 409: ErrorOut, **ERROR_RESPONSES},
    operation_id="monitoring_report_update",
    summary="Ubah laporan monev",
    description=(
        "Hanya laporan berstatus draf atau dikembalikan, oleh pihak penyusunnya. Sertakan "
        "`version` dari bacaan terakhir; bila sudah diubah orang lain, ditolak dengan 409."
    ),
)
def update_report(request: HttpRequest, report_id: int, payload: ReportUpdateIn) -> Any:
    user = api_user(request)
    report = selectors.report_get_for_user(user=user, pk=report_id)
    data = _report_input(report.agreement, payload)
    return services.report_update(
        user=user, report=report, expected_version=payload.version, data=data
    )


@router.post(
    "/laporan/{int:report_id}/transisi",
    response={200: ReportOut, **ERROR_RESPONSES},
    operation_id="monitoring_report_transition",
    summary="Pindahkan status laporan monev",
    description=(
        "submit (draf/dikembalikan → diajukan; butuh kegiatan, rekomendasi dan realisasi "
        "setiap indikator), return (diajukan → dikembalikan; comment wajib), review "
        "(diajukan → direviu). Reviu oleh TKKSD/Admin Provinsi wilayah pencatat, bukan "
        "penyusun laporan."
    ),
)
def transition_report(request: HttpRequest, report_id: int, payload: ReportTransitionIn) -> Any:
    user = api_user(request)
    report = selectors.report_get_for_user(user=user, pk=report_id)
    return services.report_transition(
        user=user, report=report, action=payload.action, comment=payload.comment
    )


@router.get(
    "/kerja-sama/{int:agreement_id}/kewajiban",
    response={200: ObligationListOut, **ERROR_RESPONSES},
    operation_id="monitoring_obligation_list",
    summary="Hak dan kewajiban para pihak",
    description="Daftar periksa per pihak, dengan batas waktu dan tanda terlambat.",
)
def list_obligations(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    agreement = agreement_get_for_user(user=api_user(request), pk=agreement_id)
    return {"items": agreement.obligations.select_related("party__region", "party__organization")}


@router.post(
    "/kerja-sama/{int:agreement_id}/kewajiban/{int:obligation_id}/penuhi",
    response={200: ObligationOut, **ERROR_RESPONSES},
    operation_id="monitoring_obligation_fulfil",
    summary="Tandai hak/kewajiban terpenuhi",
    description=(
        "Tanpa berkas (unggah bukti lewat halaman web). Oleh TKKSD/Admin wilayah pihak itu, "
        "perangkat daerah pelaksananya, atau pengelola wilayah pencatat."
    ),
)
def fulfil_obligation(
    request: HttpRequest, agreement_id: int, obligation_id: int, payload: FulfilIn
) -> Any:
    user = api_user(request)
    agreement = agreement_get_for_user(user=user, pk=agreement_id)
    obligation = selectors.obligation_get(agreement=agreement, pk=obligation_id)
    return services.obligation_fulfil(user=user, obligation=obligation, note=payload.note)


@router.get(
    "/kerja-sama/{int:agreement_id}/indikator",
    response={200: IndicatorListOut, **ERROR_RESPONSES},
    operation_id="monitoring_indicator_list",
    summary="Indikator, target dan capaian",
    description="Setiap indikator dengan realisasi terakhir dan capaiannya terhadap target.",
)
def list_indicators(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    agreement = agreement_get_for_user(user=api_user(request), pk=agreement_id)
    return {
        "items": [indicator_out(r.indicator, r.latest) for r in selectors.indicator_rows(agreement)]
    }


def _report_input(agreement: Any, payload: ReportIn) -> services.ReportInput:
    indicators = {i.pk: i for i in agreement.indicators.all()}
    realisations = []
    for item in payload.realisations:
        if item.indicator_id not in indicators:
            raise DomainError(f"Indikator dengan id {item.indicator_id} tidak ditemukan.")
        realisations.append(
            services.RealisationInput(indicators[item.indicator_id], item.value, item.note)
        )
    fields = payload.model_dump(exclude={"realisations", "version"})
    return services.ReportInput(**fields, realisations=realisations)
