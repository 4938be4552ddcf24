"""Public portal (/publik/): agreements regions marked public, for anyone, no login.

Pages are rendered without the request (`render_public`): no user, no CSRF token, no
messages, no session. What a page shows of an agreement is fixed by the portal templates and
`PUBLIC_COLUMNS`: never signatories, party document numbers, powers of attorney, files,
notes, milestones, audit or budgets.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from sinergi.agreements.models import Agreement
from sinergi.core.exports import table_response
from sinergi.core.http import attachment
from sinergi.innovations.models import Innovation
from sinergi.portal.caching import cached_value, public_page
from sinergi.portal.geo import public_map
from sinergi.portal.selectors import (
    PUBLIC_STATUSES,
    PortalFilters,
    portal_get,
    portal_list,
    portal_rows,
    portal_statistics,
    public_agreements,
    region_statistics,
    regions_with_public_agreements,
    search_words,
)
from sinergi.regions.models import Region

PAGE_SIZE = 20
EXPORT_LIMIT = 10_000  # rows; a bigger export is a data request, not a page
LATEST = 5


def render_public(template: str, context: dict[str, Any]) -> HttpResponse:
    """Render without the request: context processors (user, messages, CSRF) never run, so
    nothing about the visitor can end up in a page that is cached for everyone."""
    context = {"demo_mode": settings.DEMO_MODE, **context}
    return HttpResponse(render_to_string(template, context))


@public_page
def index(request: HttpRequest) -> HttpResponse:
    stats = cached_value(request, "stats:all", lambda: portal_statistics(public_agreements()))
    regions = cached_value(request, "regions:all", regions_with_public_agreements)
    latest_ids = list(public_agreements().order_by("-signed_on", "-id")[:LATEST].values_list("pk"))
    return render_public(
        "portal/index.html",
        {
            "stats": stats,
            "regions": regions,
            "latest": portal_rows([pk for (pk,) in latest_ids]),
        },
    )


@public_page
def agreement_list(request: HttpRequest) -> HttpResponse:
    filters = PortalFilters.from_query(request.GET)
    page = _page(portal_list(filters), request.GET.get("halaman"))
    _, numbers_dropped = search_words(filters.q)
    return render_public(
        "portal/list.html",
        {
            "page": page,
            "filters": filters,
            "query": filters.as_query(),
            "numbers_dropped": numbers_dropped,
            **_choices(request),
        },
    )


@public_page
def agreement_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = PortalFilters.from_query(request.GET)
    ids = list(portal_list(filters).values_list("pk", flat=True)[:EXPORT_LIMIT])
    rows = [_export_row(a) for a in portal_rows(ids)]
    return table_response(fmt, "kerja-sama-publik", EXPORT_HEADERS, rows)


EXPORT_HEADERS = [
    "Judul",
    "Jenis dokumen",
    "Jenis kerja sama",
    "Para pihak",
    "Wilayah pencatat",
    "Urusan",
    "Status",
    "Tanggal penandatanganan",
    "Tempat penandatanganan",
    "Tanggal mulai",
    "Tanggal berakhir",
]


def _export_row(a: Agreement) -> list[Any]:
    return [
        a.title,
        a.get_doc_type_display(),
        a.get_kind_display(),
        "; ".join(str(p) for p in a.parties.all()),
        a.owner_region.label,
        a.primary_affair.name,
        a.current_status_label(),
        a.signed_on,
        a.signed_place,
        a.start_date,
        a.end_date,
    ]


@public_page
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = portal_get(pk)
    if agreement is None:
        raise Http404("Kerja sama tidak ditemukan.")
    return render_public("portal/detail.html", {"agreement": agreement})


@public_page
def region_page(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent"), code=code)
    filters = PortalFilters(region=region.code)
    page = _page(portal_list(filters), request.GET.get("halaman"))
    stats = cached_value(request, f"stats:{region.code}", lambda: region_statistics(region))
    children: list[tuple[str, str, int]] = []
    if region.is_province:
        children = cached_value(
            request, f"regions:{region.code}", lambda: regions_with_public_agreements(region)
        )
    return render_public(
        "portal/region.html",
        {
            "region": region,
            "page": page,
            "stats": stats,
            "children": children,
            "query": filters.as_query(),
        },
    )


@public_page
def map_page(request: HttpRequest) -> HttpResponse:
    regions = cached_value(request, "regions:all", regions_with_public_agreements)
    return render_public("portal/map.html", {"regions": regions})


@public_page
def map_data(request: HttpRequest) -> JsonResponse:
    # Compact separators: a third fewer bytes for the coordinates.
    data = cached_value(request, "map", public_map)
    return JsonResponse(data, json_dumps_params={"separators": (",", ":")})


def _page(agreements: Any, number: Any) -> Page:
    # Ids first, rows after: only the page's rows are joined to their parties.
    page = Paginator(agreements.values_list("pk", flat=True), PAGE_SIZE).get_page(number)
    page.object_list = portal_rows(list(page.object_list))
    return page


def _choices(request: HttpRequest) -> dict[str, Any]:
    stats = cached_value(request, "stats:all", lambda: portal_statistics(public_agreements()))
    return {
        "regions": cached_value(request, "regions:all", regions_with_public_agreements),
        "affairs": [(t.key, t.label) for t in stats["affairs"]],
        "kinds": Agreement.Kind.choices,
        "doc_types": Agreement.DocType.choices,
        "statuses": [(s.value, s.label) for s in PUBLIC_STATUSES],
        "years": [t.key for t in stats["years"]],
    }


# --- innovations (issue #8): published ones only, never drafts, contacts or interests -------


@require_safe
def innovation_list(request: HttpRequest) -> HttpResponse:
    from sinergi.innovations.selectors import (
        CatalogueFilters,
        catalogue,
        catalogue_rows,
        filter_choices,
    )

    filters = CatalogueFilters.from_query(request.GET)
    filters.status = ""
    ids, reasons = catalogue(Innovation.objects.published(), filters)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("halaman"))
    rows = [(i, reasons.get(i.pk, [])) for i in catalogue_rows(list(page.object_list))]
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {"page": page, "rows": rows, "get": request.GET, "query": query.urlencode()}
    return render_public("portal/innovations.html", {**context, **filter_choices()})


def _published_innovation(pk: int) -> Innovation:
    return get_object_or_404(
        Innovation.objects.published().select_related("region", "affair", "agency"), pk=pk
    )


@require_safe
def innovation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from sinergi.innovations.selectors import replications

    innovation = _published_innovation(pk)
    context = {
        "innovation": innovation,
        "figures": innovation.figures.all(),
        "files": innovation.files.all(),
        "replications": replications(innovation, user=AnonymousUser()),
    }
    return render_public("portal/innovation.html", context)


@require_safe
def innovation_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    innovation = _published_innovation(pk)
    stored = get_object_or_404(innovation.files, pk=file_pk)
    return attachment(stored.file, stored.original_name, stored.content_type)
