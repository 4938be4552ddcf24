"""/api/v1/dasbor: the dashboard's figures and network, with the pages' scope and filters."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from sinergi.agreements.models import Organization
from sinergi.conftest import client_for

pytestmark = pytest.mark.django_db


def test_it_answers_the_figures_of_the_users_scope_with_filters(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    response = client_for(province_admin).get("/api/v1/dasbor", {"year_from": 2025})
    assert response.status_code == 200
    data = response.json()
    assert data["scope"] == "Kalimantan Timur (64)"
    assert data["total"] == 5
    assert data["doc_groups"] == {"kerangka": 3, "pks": 2, "adendum": 0}
    assert data["by_year"] == [{"year": 2025, "count": 5, "change_pct": None}]


def test_it_keeps_other_provinces_out(dataset: SimpleNamespace, tkksd_pontianak: Any) -> None:
    data = client_for(tkksd_pontianak).get("/api/v1/dasbor").json()
    assert data["total"] == 1
    assert [p["label"] for p in data["top_partners"]] == ["Universitas Mulawarman"]
    assert data["top_partners"][0]["organization"] == Organization.objects.get().pk


def test_it_refuses_anonymous_callers_and_unknown_filter_values(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    assert Client().get("/api/v1/dasbor").status_code == 401
    response = client_for(province_admin).get("/api/v1/dasbor", {"status": "lenyap"})
    assert response.status_code == 422


def test_it_answers_the_network_with_nodes_edges_and_lists(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    data = client_for(province_admin).get("/api/v1/dasbor/jejaring", {"kind": "ksdpk"}).json()
    assert {n["id"] for n in data["nodes"]} == {"r:64.72", "r:64.02", "o:perguruan_tinggi"}
    assert sorted(e["count"] for e in data["edges"]) == [1, 2]
    assert data["unlinked_neighbours"] == []
    assert {"code": "64.74", "name": "Kota Bontang"} in data["isolated"]


def test_the_agreement_list_api_takes_the_dashboards_year_range_and_idle_status(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    client = client_for(province_admin)
    ranged = client.get("/api/v1/kerja-sama", {"year_from": 2024, "year_to": 2024}).json()
    assert ranged["count"] == 2
    idle = client.get("/api/v1/kerja-sama", {"status": "simbolis"}).json()
    assert [item["id"] for item in idle["items"]] == [dataset.kb_active.pk]
