from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sinergi.accounts.scope import can_view_region
from sinergi.agencies.models import Agency
from sinergi.agreements.selectors import visible_agreements
from sinergi.audit.selectors import history_for
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, render_page_or_partial
from sinergi.innovations.selectors import region_innovations
from sinergi.maps.profile import region_profile
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
    """Reference data for everyone; agreement figures only for a region in the user's scope,
    and only from the agreements the user may see."""
    region = region_get(code=code)
    in_scope = can_view_region(request.user, region)
    profile = None
    if in_scope:
        agreements = visible_agreements(user=request.user)
        profile = region_profile(agreements, region=region, today=timezone.localdate())
    context = {
        "profile": profile,
        "map": _mini_map(region),
        "region": region,
        "in_scope": in_scope,
        "children": region.children.defer("boundary") if region.is_province else [],
        "agencies": Agency.objects.filter(region=region) if in_scope else None,
        "history": history_for(region)[:20] if in_scope else None,
        "sources": sorted(region.attribute_sources.items()),
        "innovations": region_innovations(user=request.user, region=region),
        "spm": _spm_summary(region) if in_scope else None,
    }
    return render(request, "regions/detail.html", context)


def _spm_summary(region: Region) -> dict[str, Any] | None:
    """The region's SPM index of the latest year with figures, with each field's index."""
    from sinergi.spm.models import Field
    from sinergi.spm.selectors import latest_year, region_index

    year = latest_year()
    if year is None:
        return None
    result = region_index(region=region, year=year)
    if result.index is None:
        return None
    names = dict(Field.objects.values_list("code", "name"))
    fields = [(names.get(code, code), value) for code, value in result.fields.items()]
    return {"year": year, "result": result, "fields": fields}


def _mini_map(region: Region) -> dict[str, str]:
    """What the profile's small map draws: the region among its province's regencies, or a
    province among all provinces (maps/map.js, `data-highlight`)."""
    return {
        "boundaries": reverse("maps:boundaries"),
        "profile": reverse("regions:detail", args=["KODE"]),
        "level": region.level,
        "province": "" if region.is_province else region.province_code,
        "lat": "" if region.lat is None else str(region.lat),
        "lng": "" if region.lng is None else str(region.lng),
    }
