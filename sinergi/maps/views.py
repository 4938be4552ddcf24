"""The map page and the JSON it draws from (boundaries, values per region, lines).

Boundaries are public reference data: one cached body for everyone, validated by ETag and
Last-Modified. Values and lines are the signed-in user's scope, or with `?publik=1` the
agreements marked public (for the public portal's map), which anyone may read.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement
from sinergi.core.errors import DomainError
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest
from sinergi.maps.boundaries import boundary_layer
from sinergi.maps.selectors import (
    METRICS,
    STATUS_CHOICES,
    VALUE_HEADERS,
    MapFilters,
    MapScope,
    ValueRow,
    map_lines_json,
    map_scope,
    map_values_json,
    value_rows,
)
from sinergi.regions.models import Region

BOUNDARY_MAX_AGE = 60 * 60  # browsers and proxies reuse the GeoJSON for an hour
DATA_MAX_AGE = 60
LOGIN_MESSAGE = "Silakan masuk terlebih dahulu."


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"code": "invalid", "message": message, "errors": []}, status=status)


@require_GET
@gzip_page
def boundaries_view(request: HttpRequest) -> HttpResponse:
    """GeoJSON of one level, the same for everyone (no sign-in needed: public data)."""
    try:
        layer = boundary_layer(
            level=request.GET.get("tingkat", Region.Level.PROVINCE),
            province=request.GET.get("provinsi", ""),
        )
    except DomainError as exc:
        return _error(str(exc.message), 400)
    modified = int(layer.last_modified.timestamp()) if layer.last_modified else None
    response = HttpResponse(layer.body, content_type="application/geo+json")
    response["ETag"] = layer.etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=BOUNDARY_MAX_AGE)
    conditional = get_conditional_response(
        request, etag=layer.etag, last_modified=modified, response=response
    )
    return conditional or response


def _data_view(
    request: HttpRequest, build: Callable[[MapScope, MapFilters], bytes]
) -> HttpResponse:
    public = request.GET.get("publik") == "1"
    if not public and not request.user.is_authenticated:
        return _error(LOGIN_MESSAGE, 401)
    scope = map_scope(request.user, public=public)
    try:
        filters = MapFilters.from_query(request.GET)
        body = build(scope, filters)
    except DomainError as exc:
        return _error(str(exc.message), 400)
    response = HttpResponse(body, content_type="application/json")
    if public:
        patch_cache_control(response, public=True, max_age=DATA_MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=DATA_MAX_AGE)
    return response


@require_GET
def values_view(request: HttpRequest) -> HttpResponse:
    """Choropleth values keyed by region code (`tingkat`, `metrik`, and the filters)."""

    def build(scope: MapScope, filters: MapFilters) -> bytes:
        return map_values_json(
            scope,
            level=request.GET.get("tingkat", Region.Level.PROVINCE),
            metric=request.GET.get("metrik", "jumlah"),
            filters=filters,
            today=timezone.localdate(),
        )

    return _data_view(request, build)


@require_GET
def lines_view(request: HttpRequest) -> HttpResponse:
    """Pairs of cooperating regions with counts, their points, and third-party partners."""

    def build(scope: MapScope, filters: MapFilters) -> bytes:
        return map_lines_json(scope, filters=filters, today=timezone.localdate())

    return _data_view(request, build)


def _default_place(user: Any) -> tuple[str, str]:
    """A user of a region starts on its province's regencies; a national user on provinces."""
    region = getattr(user, "region", None)
    if region is None:
        return Region.Level.PROVINCE, ""
    return Region.Level.REGENCY, region.province_code


def _place(request: HttpRequest) -> tuple[str, str, str]:
    """Level, province and metric asked for, or the user's defaults (`_default_place`)."""
    g = request.GET
    level, province = _default_place(request.user)
    if "tingkat" in g:
        level, province = g.get("tingkat", level), g.get("provinsi", "")
    if level not in Region.Level.values:
        level = Region.Level.PROVINCE
    metric = g.get("metrik", "jumlah") if g.get("metrik") in METRICS else "jumlah"
    return level, province, metric


def _value_rows(request: HttpRequest, filters: MapFilters) -> list[ValueRow]:
    level, province, metric = _place(request)
    return value_rows(
        map_scope(request.user, public=False),
        level=level,
        province=province,
        metric=metric,
        filters=filters,
        today=timezone.localdate(),
    )


@login_required
def map_index(request: AuthedRequest) -> HttpResponse:
    g = request.GET
    level, province, metric = _place(request)
    try:
        filters = MapFilters.from_query(g)
        error = ""
    except DomainError as exc:
        filters, error = MapFilters(), str(exc.message)
    context = {
        "level": level,
        "province": province,
        "metric": metric,
        "lines": g.get("garis") == "1" or "tingkat" not in g,
        "filters": filters,
        "error": error,
        "levels": Region.Level.choices,
        "provinces": Region.objects.provinces().only("code", "name"),
        "metrics": METRICS.items(),
        "affairs": Affair.objects.sectors().only("code", "name"),
        "kinds": Agreement.Kind.choices,
        "statuses": STATUS_CHOICES,
        "has_boundaries": Region.objects.filter(boundary__isnull=False).exists(),
        "urls": _urls(),
        **_table_context(request, filters, metric),
    }
    return render(request, "maps/index.html", context)


def _table_context(request: HttpRequest, filters: MapFilters, metric: str) -> dict[str, Any]:
    return {
        "rows": _value_rows(request, filters),
        "metric_label": METRICS[metric],
        "query": request.GET.urlencode(),
        "list_params": filters.as_params(),
    }


@login_required
@require_GET
def values_table(request: AuthedRequest) -> HttpResponse:
    """The table beside the map, redrawn in place when the metric changes (htmx/fetch)."""
    try:
        filters = MapFilters.from_query(request.GET)
    except DomainError as exc:
        return HttpResponse(str(exc.message), status=400)
    _, _, metric = _place(request)
    return render(request, "maps/_values_table.html", _table_context(request, filters, metric))


@login_required
@require_GET
def values_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    """The values of the table as CSV or XLSX (regions outside the scope left blank)."""
    try:
        filters = MapFilters.from_query(request.GET)
    except DomainError as exc:
        return HttpResponse(str(exc.message), status=400)
    rows = (
        (r.code, r.name, r.jumlah, r.aktif, None if r.simbolis is None else round(r.simbolis, 4))
        for r in _value_rows(request, filters)
    )
    return table_response(fmt, "peta-nilai-wilayah", VALUE_HEADERS, rows)


def _urls() -> dict[str, str]:
    return {
        "boundaries": reverse("maps:boundaries"),
        "values": reverse("maps:values"),
        "table": reverse("maps:values_table"),
        "lines": reverse("maps:lines"),
        "profile": reverse("regions:detail", args=["KODE"]),
        "list": reverse("agreements:list"),
    }
