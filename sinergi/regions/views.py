from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from sinergi.accounts.scope import can_view_region
from sinergi.agencies.models import Agency
from sinergi.audit.selectors import history_for
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, render_page_or_partial
from sinergi.regions.models import Region
from sinergi.regions.selectors import region_get, region_list

FILTERS = ("q", "provinsi", "tingkat", "atribut")


def _filtered(request: AuthedRequest):
    g = request.GET
    return region_list(
        q=g.get("q", ""),
        province=g.get("provinsi", ""),
        level=g.get("tingkat", ""),
        flag=g.get("atribut", ""),
    )


@login_required
def region_list_view(request: AuthedRequest) -> HttpResponse:
    page = Paginator(_filtered(request), 50).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "provinces": Region.objects.provinces().defer("boundary"),
        "levels": Region.Level.choices,
    }
    return render_page_or_partial(request, "regions/list.html", "regions/_table.html", context)


@login_required
def region_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    headers = [
        "kode",
        "nama",
        "tingkat",
        "jenis",
        "provinsi",
        "perbatasan",
        "tertinggal",
        "penduduk",
        "luas_km2",
    ]
    rows = (
        (
            r.code,
            r.name,
            r.get_level_display(),
            r.get_kind_display(),
            r.parent.name if r.parent else "",
            "ya" if r.is_border else "tidak",
            "ya" if r.is_underdeveloped else "tidak",
            r.population,
            r.area_km2,
        )
        for r in _filtered(request)
    )
    return table_response(fmt, "wilayah", headers, rows)


@login_required
def region_detail(request: AuthedRequest, code: str) -> HttpResponse:
    region = region_get(code=code)
    in_scope = can_view_region(request.user, region)
    context = {
        "region": region,
        "in_scope": in_scope,
        "children": region.children.defer("boundary") if region.is_province else [],
        "agencies": Agency.objects.filter(region=region) if in_scope else None,
        "history": history_for(region)[:20] if in_scope else None,
        "sources": sorted(region.attribute_sources.items()),
    }
    return render(request, "regions/detail.html", context)
