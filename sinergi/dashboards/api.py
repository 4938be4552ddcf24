"""API endpoints of the dashboards under /api/v1/dasbor/ (same scope as the pages)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from sinergi.core.http import api_user
from sinergi.core.schemas import ERROR_RESPONSES
from sinergi.dashboards.network import network_figures
from sinergi.dashboards.schemas import DashboardFilterIn, DashboardOut, NetworkOut
from sinergi.dashboards.selectors import dashboard_figures, dashboard_scope

router = Router(tags=["Dasbor"])


@router.get(
    "",
    response={200: DashboardOut, **ERROR_RESPONSES},
    operation_id="dashboard_figures",
    url_name="dashboard-figures",
    summary="Angka dasbor kerja sama",
    description=(
        "Jumlah kerja sama dalam cakupan Anda per tahun penandatanganan, jenis, jenis dokumen, "
        "urusan dan status per hari ini, mitra terbanyak dan tanda perencanaan. Angka yang sama "
        "dengan halaman /dasbor/ (tersimpan sementara, diperbarui bila data berubah)."
    ),
)
def figures(request: HttpRequest, filters: Query[DashboardFilterIn]) -> dict[str, Any]:
    wanted = filters.to_filters()
    scope = dashboard_scope(user=api_user(request), province_code=wanted.province)
    found = dashboard_figures(scope, filters=wanted, today=timezone.localdate())
    return {"scope": scope.label, **found}


@router.get(
    "/jejaring",
    response={200: NetworkOut, **ERROR_RESPONSES},
    operation_id="dashboard_network",
    url_name="dashboard-network",
    summary="Jejaring kerja sama",
    description=(
        "Simpul (wilayah, dan pihak ketiga per jenis) dan garis (kerja sama antara dua pihak, "
        "dengan jumlah per urusan dan status), simpul paling terhubung, wilayah tanpa kerja "
        "sama, dan wilayah berbatasan tanpa kerja sama (calon KSDD wajib)."
    ),
)
def network(request: HttpRequest, filters: Query[DashboardFilterIn]) -> dict[str, Any]:
    wanted = filters.to_filters()
    scope = dashboard_scope(user=api_user(request), province_code=wanted.province)
    graph = network_figures(scope, filters=wanted, today=timezone.localdate())
    return {"scope": scope.label, **graph}
