"""API endpoints of SPM under /api/v1/spm/ (the user's visible regions)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from sinergi.core.http import api_user
from sinergi.core.paging import page_of
from sinergi.core.schemas import ERROR_RESPONSES
from sinergi.spm.models import Entry
from sinergi.spm.schemas import SpmIndexIn, SpmIndexOut, SpmValueListOut, SpmValuesIn
from sinergi.spm.selectors import region_index, spm_region_get_for_user

router = Router(tags=["SPM"])


@router.get(
    "/indeks",
    response={200: SpmIndexOut, **ERROR_RESPONSES},
    operation_id="spm_index",
    url_name="spm-index",
    summary="Indeks Pencapaian SPM satu wilayah",
    description=(
        "Indeks 0–100 dan kategorinya untuk satu wilayah dan tahun, dengan indeks per bidang: "
        "dari indeks bidang yang diterbitkan bila ada, selain itu dihitung dari capaian "
        "indikator. Sama dengan `manage.py spm_index --json`."
    ),
)
def index(request: HttpRequest, query: Query[SpmIndexIn]) -> dict[str, Any]:
    region = spm_region_get_for_user(user=api_user(request), code=query.region)
    return region_index(region=region, year=query.year).as_json()


@router.get(
    "/nilai",
    response={200: SpmValueListOut, **ERROR_RESPONSES},
    operation_id="spm_values",
    summary="Capaian indikator SPM satu wilayah",
    description=(
        "Angka yang diisi per indikator dan triwulan (kumulatif dalam tahun): jumlah sasaran, "
        "terlayani, nilai hasil. Urut triwulan lalu kode indikator."
    ),
)
def values(request: HttpRequest, query: Query[SpmValuesIn]) -> dict[str, Any]:
    region = spm_region_get_for_user(user=api_user(request), code=query.region)
    entries = Entry.objects.filter(region=region, year=query.year).select_related(
        "indicator__service"
    )
    if query.quarter:
        entries = entries.filter(quarter=query.quarter)
    ordered = entries.order_by("quarter", "indicator__code", "pk")
    return page_of(ordered, page=query.page, size=query.page_size)
