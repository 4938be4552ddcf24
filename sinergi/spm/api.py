"""API endpoints of SPM under /api/v1/spm/ (the user's visible regions)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from sinergi.core.http import api_user
from sinergi.core.schemas import ERROR_RESPONSES
from sinergi.spm.schemas import SpmIndexIn, SpmIndexOut
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
