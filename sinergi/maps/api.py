"""API endpoints of the map under /api/v1/peta/ (same scope as the pages)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router

from sinergi.core.http import api_user
from sinergi.core.schemas import ERROR_RESPONSES
from sinergi.maps.boundaries import boundary_layer
from sinergi.maps.schemas import BoundariesIn, LinesOut, MapFilterIn, ValuesIn, ValuesOut
from sinergi.maps.selectors import map_lines, map_scope, map_values

router = Router(tags=["Peta"])


@router.get(
    "/batas",
    response={200: None, **ERROR_RESPONSES},
    operation_id="map_boundaries",
    url_name="map-boundaries",
    summary="Batas wilayah (GeoJSON)",
    description=(
        "FeatureCollection poligon yang disederhanakan, satu fitur per wilayah (`id` dan "
        "`properties.code` = kode Kemendagri; `name`, `level`, `parent`). Wilayah tanpa batas "
        "tercantum di `without_boundary` dengan `lat`/`lng`. Sama untuk semua pengguna; "
        "dapat disimpan peramban (ETag)."
    ),
)
def boundaries(request: HttpRequest, params: Query[BoundariesIn]) -> HttpResponse:
    layer = boundary_layer(level=params.tingkat, province=params.provinsi)
    response = HttpResponse(layer.body, content_type="application/geo+json")
    response["ETag"] = layer.etag
    return response


@router.get(
    "/nilai",
    response={200: ValuesOut, **ERROR_RESPONSES},
    operation_id="map_values",
    url_name="map-values",
    summary="Nilai per wilayah (koroplet)",
    description=(
        "Per kode wilayah dalam cakupan Anda: jumlah kerja sama (dicatat atau sebagai pihak), "
        "yang berlaku, dan porsi yang simbolis; dengan legenda kelas. Ukuran SPM menyusul."
    ),
)
def values(request: HttpRequest, params: Query[ValuesIn]) -> dict[str, Any]:
    return map_values(
        map_scope(api_user(request), public=False),
        level=params.tingkat,
        metric=params.metrik,
        filters=params.to_filters(),
        today=timezone.localdate(),
    )


@router.get(
    "/garis",
    response={200: LinesOut, **ERROR_RESPONSES},
    operation_id="map_lines",
    url_name="map-lines",
    summary="Garis antarwilayah yang bekerja sama",
    description="Pasangan wilayah pihak dalam kerja sama yang sama, dengan jumlahnya.",
)
def lines(request: HttpRequest, params: Query[MapFilterIn]) -> dict[str, Any]:
    scope = map_scope(api_user(request), public=False)
    return map_lines(scope, filters=params.to_filters(), today=timezone.localdate())
