"""Reference data through the API (/api/v1/wilayah): regions by Kemendagri code, without
their boundaries (those are served by /api/v1/peta/batas)."""

from typing import Any, Literal

from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from sinergi.core.paging import PageIn, page_of
from sinergi.core.schemas import ERROR_RESPONSES
from sinergi.regions.models import Region

router = Router(tags=["Referensi"])


class RegionOut(Schema):
    code: str = Field(description="Kode Kemendagri.")
    name: str
    level: str
    kind: str
    province_code: str
    is_border: bool = Field(description="Kawasan perbatasan negara.")
    is_underdeveloped: bool = Field(description="Daerah tertinggal.")
    population: int | None
    lat: float | None
    lng: float | None


class RegionFilterIn(PageIn):
    q: str = Field("", max_length=100, description="Sebagian nama wilayah.")
    level: Literal["", "provinsi", "kabupaten_kota"] = ""
    province: str = Field("", max_length=2, description="Kode provinsi: ia dan daerahnya.")


class RegionListOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    items: list[RegionOut]


def _regions() -> Any:
    return Region.objects.select_related("parent").defer("boundary", "parent__boundary")


@router.get(
    "",
    response={200: RegionListOut, **ERROR_RESPONSES},
    operation_id="region_list",
    summary="Daftar wilayah (kode Kemendagri)",
    description="Provinsi dan kabupaten/kota urut kode, tanpa batas wilayah (lihat /peta/batas).",
)
def list_regions(request: HttpRequest, filters: Query[RegionFilterIn]) -> dict[str, Any]:
    regions = _regions()
    if filters.q.strip():
        regions = regions.filter(name__icontains=filters.q.strip())
    if filters.level:
        regions = regions.filter(level=filters.level)
    if filters.province:
        regions = regions.filter(Q(code=filters.province) | Q(parent__code=filters.province))
    return page_of(regions.order_by("code"), page=filters.page, size=filters.page_size)


@router.get(
    "/{str:code}",
    response={200: RegionOut, **ERROR_RESPONSES},
    operation_id="region_detail",
    summary="Satu wilayah",
    description="Atribut wilayah menurut kodenya: tingkat, jenis, perbatasan, tertinggal.",
)
def get_region(request: HttpRequest, code: str) -> Region:
    region = _regions().filter(code=code).first()
    if region is None:
        raise Http404(f"Wilayah dengan kode {code} tidak ditemukan.")
    return region
