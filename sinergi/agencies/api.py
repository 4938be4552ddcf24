"""OPDs (perangkat daerah) through the API (/api/v1/perangkat-daerah): those of the user's
regions, as on the list page."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from sinergi.accounts.scope import visible_regions
from sinergi.agencies.models import Agency
from sinergi.agencies.selectors import agency_get_for_user
from sinergi.core.http import api_user
from sinergi.core.paging import PageIn, page_of
from sinergi.core.schemas import ERROR_RESPONSES

router = Router(tags=["Referensi"])


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    unit_code: str
    region_code: str
    affairs: list[str] = Field(description="Kode urusan yang ditangani.")

    @staticmethod
    def resolve_region_code(obj: Any) -> str:
        return str(obj.region.code)

    @staticmethod
    def resolve_affairs(obj: Any) -> list[str]:
        return [affair.code for affair in obj.affairs.all()]


class AgencyFilterIn(PageIn):
    q: str = Field("", max_length=100, description="Sebagian nama atau singkatan.")
    region: str = Field("", max_length=13, description="Kode wilayah; kode provinsi: ia saja.")
    affair: str = Field("", max_length=8, description="Kode urusan yang ditangani.")


class AgencyListOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    items: list[AgencyOut]


@router.get(
    "",
    response={200: AgencyListOut, **ERROR_RESPONSES},
    operation_id="agency_list",
    summary="Daftar perangkat daerah",
    description="Perangkat daerah di wilayah Anda (Admin Provinsi: seluruh provinsi).",
)
def list_agencies(request: HttpRequest, filters: Query[AgencyFilterIn]) -> dict[str, Any]:
    agencies = (
        Agency.objects.in_regions(visible_regions(api_user(request)))
        .search(filters.q)
        .select_related("region")
        .prefetch_related("affairs")
    )
    if filters.region:
        agencies = agencies.filter(region__code=filters.region)
    if filters.affair:
        agencies = agencies.filter(Q(affairs__code=filters.affair)).distinct()
    ordered = agencies.order_by("region__code", "name", "pk")
    return page_of(ordered, page=filters.page, size=filters.page_size)


@router.get(
    "/{int:agency_id}",
    response={200: AgencyOut, **ERROR_RESPONSES},
    operation_id="agency_detail",
    summary="Satu perangkat daerah",
    description="Perangkat daerah di wilayah Anda; di luar wilayah Anda: 404.",
)
def get_agency(request: HttpRequest, agency_id: int) -> Agency:
    return agency_get_for_user(user=api_user(request), pk=agency_id)
