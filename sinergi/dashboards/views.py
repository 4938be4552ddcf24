"""Dashboard and network pages: thin views over the selectors (scope, filters, cache)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone

from sinergi.agreements.permissions import proposable_regions
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, render_page_or_partial
from sinergi.dashboards.buckets import STATUS_BUCKETS
from sinergi.dashboards.forms import DashboardFilterForm
from sinergi.dashboards.network import network_figures, network_json
from sinergi.dashboards.presenters import chart_by_slug, charts, list_url
from sinergi.dashboards.selectors import (
    DashboardFilters,
    DashboardScope,
    dashboard_figures,
    dashboard_scope,
    province_choices,
)


def _filters(request: AuthedRequest) -> tuple[DashboardFilterForm, DashboardFilters]:
    provinces = list(province_choices(request.user).values_list("code", "name"))
    form = DashboardFilterForm(request.GET, provinces=provinces)
    return form, form.filters()


def _figures(request: AuthedRequest, filters: DashboardFilters) -> tuple[DashboardScope, Any]:
    scope = dashboard_scope(user=request.user, province_code=filters.province)
    figures = dashboard_figures(scope, filters=filters, today=timezone.localdate())
    return scope, figures


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    form, filters = _filters(request)
    scope, figures = _figures(request, filters)
    found = charts(figures, filters)
    context = {
        "form": form,
        "scope": scope,
        "figures": figures,
        "charts": found,
        "chart_data": [c.data() for c in found],
        "total_url": list_url(filters, {}),
        "query": request.GET.urlencode(),
    }
    return render_page_or_partial(
        request, "dashboards/index.html", "dashboards/_figures.html", context
    )


@login_required
def export(request: AuthedRequest, slug: str, fmt: str) -> HttpResponse:
    _, filters = _filters(request)
    _, figures = _figures(request, filters)
    chart = chart_by_slug(figures, filters, slug)
    if chart is None:
        raise Http404("Grafik tidak dikenal.")
    headers, rows = chart.csv()
    return table_response(fmt, f"dasbor-{slug}", headers, rows)


def _network(request: AuthedRequest, filters: DashboardFilters) -> tuple[DashboardScope, Any]:
    scope = dashboard_scope(user=request.user, province_code=filters.province)
    graph = network_figures(scope, filters=filters, today=timezone.localdate())
    return scope, graph


@login_required
def network(request: AuthedRequest) -> HttpResponse:
    form, filters = _filters(request)
    scope, graph = _network(request, filters)
    proposable = set(proposable_regions(request.user).values_list("code", flat=True))
    candidates = [
        {**pair, "can_propose": bool({pair["code_a"], pair["code_b"]} & proposable)}
        for pair in graph["unlinked_neighbours"]
    ]
    context = {
        "form": form,
        "scope": scope,
        "graph": graph,
        "graph_data": {
            "nodes": graph["nodes"],
            "edges": graph["edges"],
            "status_labels": STATUS_BUCKETS,
        },
        "hubs": [{**hub, "url": list_url(filters, _node_params(hub))} for hub in graph["hubs"]],
        "edges": _edge_rows(graph, filters),
        "candidates": candidates,
        "list_base": list_url(filters, {}),
        "query": request.GET.urlencode(),
    }
    return render_page_or_partial(
        request, "dashboards/network.html", "dashboards/_network.html", context
    )


def _edge_rows(graph: dict[str, Any], filters: DashboardFilters) -> list[dict[str, Any]]:
    """The graph as a table (its accessible form): pairs by count, linked when both are
    regions (the list finds agreements naming a region and, by name, a party)."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    rows = []
    for edge in sorted(graph["edges"], key=lambda e: -e["count"]):
        a, b = nodes[edge["source"]], nodes[edge["target"]]
        params = {"region": a["code"], "party": b["label"]} if a["code"] and b["code"] else None
        statuses = [(STATUS_BUCKETS.get(k, k), n) for k, n in edge["by_status"].items()]
        row = {"a": a, "b": b, "edge": edge, "statuses": statuses}
        rows.append({**row, "url": list_url(filters, params)})
    return rows


def _node_params(node: dict[str, Any]) -> dict[str, str] | None:
    return {"region": node["code"]} if node["code"] else None


@login_required
def network_data(request: AuthedRequest) -> HttpResponse:
    _, filters = _filters(request)
    scope = dashboard_scope(user=request.user, province_code=filters.province)
    body = network_json(scope, filters=filters, today=timezone.localdate())
    return HttpResponse(body, content_type="application/json")
