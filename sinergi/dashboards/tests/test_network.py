"""The cooperation network: edges from party pairs, hubs, and neighbours without agreement."""

from types import SimpleNamespace
from typing import Any

import pytest

from sinergi.dashboards.network import (
    RegionInfo,
    build_graph,
    group_parties,
    hubs,
    isolated,
    neighbours_without_agreement,
    network_figures,
)
from sinergi.dashboards.selectors import DashboardFilters, dashboard_scope
from sinergi.dashboards.tests.conftest import TODAY, border

SMD = RegionInfo(1, "64.72", "Kota Samarinda", "kabupaten_kota", "64")
KKR = RegionInfo(2, "64.02", "Kabupaten Kutai Kartanegara", "kabupaten_kota", "64")
KTM = RegionInfo(3, "64.08", "Kabupaten Kutai Timur", "kabupaten_kota", "64")
REGIONS = {r.id: r for r in (SMD, KKR, KTM)}


def test_each_pair_of_parties_is_one_edge_with_its_counts_by_sector_and_status() -> None:
    pairs = [  # both orders and each party with itself, as the GROUP BY gives them
        ("r1", "r2", 10, "berlaku_lain", 2),
        ("r2", "r1", 10, "berlaku_lain", 2),
        ("r1", "r2", 11, "berakhir", 1),
        ("r2", "r1", 11, "berakhir", 1),
        ("r1", "r1", 10, "berlaku_lain", 2),
        ("r1", "o:perguruan_tinggi", 10, "akan_berakhir", 1),
        ("o:perguruan_tinggi", "r1", 10, "akan_berakhir", 1),
    ]
    nodes = [("r1", 4, 0), ("r2", 3, 0), ("o:perguruan_tinggi", 1, 2)]
    graph = build_graph(pairs, nodes, REGIONS, {10: "1.02", 11: "1.03"}, {1, 2})
    assert graph["edges"] == [
        {
            "id": "o:perguruan_tinggi~r:64.72",
            "source": "o:perguruan_tinggi",
            "target": "r:64.72",
            "count": 1,
            "by_sector": {"1.02": 1},
            "by_status": {"akan_berakhir": 1},
            "sector": "1.02",
            "status": "akan_berakhir",
        },
        {
            "id": "r:64.72~r:64.02",
            "source": "r:64.72",
            "target": "r:64.02",
            "count": 3,
            "by_sector": {"1.02": 2, "1.03": 1},
            "by_status": {"berakhir": 1, "berlaku_lain": 2},
            "sector": "1.02",
            "status": "berlaku_lain",
        },
    ]
    by_id = {n["id"]: n for n in graph["nodes"]}
    assert by_id["r:64.72"]["degree"] == 2
    assert by_id["r:64.02"]["degree"] == 1
    assert by_id["o:perguruan_tinggi"]["label"] == "Perguruan tinggi (2)"
    assert by_id["o:perguruan_tinggi"]["in_scope"] is False
    assert [n["id"] for n in hubs(graph["nodes"])] == ["r:64.72", "r:64.02", "o:perguruan_tinggi"]


def test_party_rows_group_into_pairs_and_nodes_once_per_agreement() -> None:
    parties = [
        (100, 1, None),  # Samarinda, Kukar and two universities
        (100, 2, None),
        (100, None, 7),
        (100, None, 8),
        (101, 2, None),  # Kukar and Samarinda again, another sector
        (101, 1, None),
        (102, 1, None),  # changed after the facts were read: left out
        (102, 3, None),
    ]
    kinds = {7: "perguruan_tinggi", 8: "perguruan_tinggi"}
    facts = {100: (10, "berlaku_lain"), 101: (11, "berakhir")}
    pairs, nodes = group_parties(parties, kinds, facts)
    assert sorted(pairs) == [
        ("o:perguruan_tinggi", "r1", 10, "berlaku_lain", 1),  # the two universities: one node
        ("o:perguruan_tinggi", "r2", 10, "berlaku_lain", 1),
        ("r1", "r2", 10, "berlaku_lain", 1),
        ("r1", "r2", 11, "berakhir", 1),
    ]
    assert sorted(nodes) == [("o:perguruan_tinggi", 1, 2), ("r1", 2, 0), ("r2", 2, 0)]


def test_regions_in_scope_named_in_no_agreement_are_listed() -> None:
    assert isolated([KTM, SMD, KKR], {"64.72", "64.02"}) == [
        {"code": "64.08", "name": "Kabupaten Kutai Timur"}
    ]


def test_bordering_regions_without_an_agreement_are_ksdd_candidates() -> None:
    linked = {frozenset(("r:64.72", "r:64.02"))}
    found = neighbours_without_agreement([(1, 2), (2, 3), (3, 1)], linked, REGIONS)
    assert [(p["code_a"], p["code_b"]) for p in found] == [("64.02", "64.08"), ("64.08", "64.72")]


def network_for(user: Any, **filters: Any) -> dict[str, Any]:
    wanted = DashboardFilters(**filters)
    scope = dashboard_scope(user=user, province_code=wanted.province)
    return network_figures(scope, filters=wanted, today=TODAY)


@pytest.fixture
def borders(region: Any, samarinda: Any, kukar: Any, pontianak: Any) -> None:
    border(samarinda, kukar)  # cooperating
    border(samarinda, region("64.74"))  # Bontang: no agreement
    border(kukar, region("64.08"))  # Kutai Timur: no agreement
    border(region("64"), region("61"))  # provinces: Kaltim has no agreement with Kalbar
    border(region("61.04"), region("61.71"))  # both in Kalbar, out of Kaltim's scope


@pytest.mark.django_db
def test_the_network_joins_the_parties_of_the_agreements_in_scope(
    dataset: SimpleNamespace, borders: None, province_admin: Any
) -> None:
    graph = network_for(province_admin)
    edges = {frozenset((e["source"], e["target"])): e["count"] for e in graph["edges"]}
    assert edges == {
        frozenset(("o:perguruan_tinggi", "r:64.02")): 1,
        frozenset(("o:perguruan_tinggi", "r:64.72")): 2,
        frozenset(("r:64.72", "r:64.02")): 7,
    }
    assert {n["id"] for n in graph["nodes"]} == {"r:64.72", "r:64.02", "o:perguruan_tinggi"}
    assert "Kota Pontianak" not in str(graph)
    pairs = [(p["code_a"], p["code_b"]) for p in graph["unlinked_neighbours"]]
    assert pairs == [("64.02", "64.08"), ("64.72", "64.74")]
    isolated_codes = {r["code"] for r in graph["isolated"]}
    assert {"64", "64.08", "64.74"} <= isolated_codes
    assert not {"64.72", "64.02"} & isolated_codes


@pytest.mark.django_db
def test_filters_apply_to_the_network_and_its_neighbour_list(
    dataset: SimpleNamespace, borders: None, province_admin: Any
) -> None:
    graph = network_for(province_admin, status="akan_berakhir")
    assert [(e["source"], e["target"], e["count"]) for e in graph["edges"]] == [
        ("o:perguruan_tinggi", "r:64.72", 2)
    ]
    pairs = [(p["code_a"], p["code_b"]) for p in graph["unlinked_neighbours"]]
    assert ("64.02", "64.72") in pairs


@pytest.mark.django_db
def test_a_city_sees_its_partners_outside_its_scope_but_no_neighbour_pairs_of_others(
    dataset: SimpleNamespace, borders: None, tkksd_samarinda: Any
) -> None:
    graph = network_for(tkksd_samarinda)
    kukar = next(n for n in graph["nodes"] if n["code"] == "64.02")
    assert kukar["in_scope"] is False
    assert graph["unlinked_neighbours"] == []  # Bontang is not in Samarinda's scope
    assert graph["isolated"] == []


@pytest.mark.django_db
def test_a_superuser_sees_every_province_and_the_neighbour_pairs_across_them(
    dataset: SimpleNamespace, borders: None, superuser: Any
) -> None:
    graph = network_for(superuser)
    assert any(n["code"] == "61.71" for n in graph["nodes"])
    pairs = [(p["code_a"], p["code_b"]) for p in graph["unlinked_neighbours"]]
    assert ("61", "64") in pairs
    assert ("61.04", "61.71") in pairs
