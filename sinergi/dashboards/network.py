"""The cooperation network: who cooperates with whom, hubs, and bordering regions without any
agreement (candidates for KSDD wajib).

Nodes are regions, and third parties grouped by their kind (one node "Perguruan tinggi (3)" for
all universities); an edge joins two nodes named in the same agreements, weighted by how many,
with counts by sector and status for colouring. The database groups party pairs; the pure
functions below (tested directly) turn those groups into nodes, edges and lists.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any

from django.db.models import F

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Organization, Party
from sinergi.agreements.selectors import PinnedAgreements, pin
from sinergi.dashboards.buckets import status_bucket
from sinergi.dashboards.selectors import (
    DashboardFilters,
    DashboardScope,
    cached,
    cached_json,
    filtered,
)
from sinergi.regions.models import Region, RegionBorder

HUBS = 10
ORG_KINDS = dict(Organization.Kind.choices)


@dataclass(frozen=True)
class RegionInfo:
    id: int
    code: str
    name: str
    level: str
    province: str  # province code


# (node a, node b, affair id, status bucket, agreements)
PairRow = tuple[str, str, int, str, int]
# (node, agreements, distinct organisations)
NodeRow = tuple[str, int, int]


def node_key(region_id: int | None, org_kind: str | None) -> str:
    return f"r{region_id}" if region_id is not None else f"o:{org_kind}"


def network_figures(
    scope: DashboardScope, *, filters: DashboardFilters, today: datetime.date
) -> dict[str, Any]:
    """Nodes, edges, hubs, regions without cooperation and neighbours without agreement.

    The two lists are about the scope's regions. Cached like the dashboard figures."""
    return cached("jejaring", scope.key, *_job(scope, filters, today))


def network_json(
    scope: DashboardScope, *, filters: DashboardFilters, today: datetime.date
) -> bytes:
    """`network_figures` encoded, cached as the response body (`cached_json`)."""
    return cached_json("jejaring", scope.key, *_job(scope, filters, today))


def network_both(scope: DashboardScope, *, filters: DashboardFilters, today: datetime.date) -> None:
    """`network_figures` and `network_json` from one computation (the job that stores the
    national answers: the country's network takes seconds)."""
    key_parts, compute = _job(scope, filters, today)
    graph = cached("jejaring", scope.key, key_parts, compute)
    cached_json("jejaring", scope.key, key_parts, lambda: graph)


def _job(
    scope: DashboardScope, filters: DashboardFilters, today: datetime.date
) -> tuple[list[Any], Callable[[], dict[str, Any]]]:
    def compute() -> dict[str, Any]:
        scope_ids = tuple(sorted(scope.regions.values_list("pk", flat=True)))
        scoped = pin(filtered(scope.agreements, filters, today), enabled=not scope.national)
        return _compute(scoped, today, scope_ids)

    return [asdict(filters), today], compute


def _compute(scoped: PinnedAgreements, today: datetime.date, scope_ids: tuple[int, ...]) -> Any:
    pairs, nodes = _party_groups(scoped, today)
    region_ids = {int(key[1:]) for key, _, _ in nodes if key.startswith("r")} | set(scope_ids)
    regions = region_infos(region_ids)
    affairs = dict(Affair.objects.values_list("pk", "code"))
    graph = build_graph(pairs, nodes, regions, affairs, set(scope_ids))
    linked = {frozenset((e["source"], e["target"])) for e in graph["edges"]}
    graph["hubs"] = hubs(graph["nodes"])
    named = {n["code"] for n in graph["nodes"]}
    graph["isolated"] = isolated([regions[i] for i in scope_ids], named)
    graph["unlinked_neighbours"] = neighbours_without_agreement(
        border_pairs(scope_ids), linked, regions
    )
    return graph


def _party_groups(scoped: PinnedAgreements, today: datetime.date) -> Any:
    """Pairs and nodes from one read of the scope's parties and one of its agreements.

    Grouping every two parties of an agreement in SQL (a self-join, string node keys and
    COUNT(DISTINCT)) took ~70 ms for a province; the rows themselves (two or three parties
    per agreement) are read in a few ms and grouped here (`group_parties`)."""
    facts = scoped.agreements.annotate(bucket=status_bucket(today)).values_list(
        "pk", "primary_affair_id", "bucket"
    )
    parties = list(
        Party.objects.filter(scoped.of("agreement_id"))
        .order_by()  # not by position: a sort of every row, and no order is needed
        .values_list("agreement_id", "region_id", "organization_id")
    )
    # Kinds looked up apart: a join per party row cost more than this (a few hundred rows).
    org_ids = {org for _, _, org in parties if org is not None}
    kinds = dict(Organization.objects.filter(pk__in=org_ids).values_list("pk", "kind"))
    return group_parties(parties, kinds, {pk: (affair, bucket) for pk, affair, bucket in facts})


def region_infos(ids: Iterable[int]) -> dict[int, RegionInfo]:
    rows = Region.objects.filter(pk__in=list(ids)).values_list(
        "pk", "code", "name", "level", "parent__code"
    )
    return {
        pk: RegionInfo(pk, code, name, level, parent or code)
        for pk, code, name, level, parent in rows
    }


def border_pairs(scope_ids: Iterable[int]) -> list[tuple[int, int]]:
    """Bordering regions both in scope, each pair once (rows are stored in both directions)."""
    ids = list(scope_ids)
    rows = RegionBorder.objects.filter(
        region_id__in=ids,
        neighbour_id__in=ids,
        region_id__lt=F("neighbour_id"),
        region__level=F("neighbour__level"),
    ).values_list("region_id", "neighbour_id")
    return list(rows)


# --- pure functions ---------------------------------------------------------------------------


def group_parties(
    parties: Iterable[tuple[int, int | None, int | None]],
    org_kinds: dict[int, str],
    facts: dict[int, tuple[int, str]],
) -> tuple[list[PairRow], list[NodeRow]]:
    """Party rows (agreement, region, organisation), the organisations' kinds and each
    agreement's (sector, status bucket) → pair groups (each pair of nodes once, in order,
    counted once per agreement) and nodes (agreements, distinct organisations). Third
    parties of one kind are one node; agreements missing from `facts` (changed meanwhile)
    are left out."""
    keys: defaultdict[int, set[str]] = defaultdict(set)
    orgs: defaultdict[str, set[int]] = defaultdict(set)
    for agreement_id, region_id, org_id in parties:
        if org_id is None:
            keys[agreement_id].add(f"r{region_id}")
        else:
            key = node_key(None, org_kinds[org_id])
            keys[agreement_id].add(key)
            orgs[key].add(org_id)
    pairs: dict[tuple[str, str, int, str], int] = {}
    nodes: dict[str, int] = {}
    for agreement_id, named in keys.items():
        fact = facts.get(agreement_id)
        if fact is None:
            continue
        for key in named:
            nodes[key] = nodes.get(key, 0) + 1
        for a, b in combinations(sorted(named), 2):
            pair = (a, b, *fact)
            pairs[pair] = pairs.get(pair, 0) + 1
    return (
        [(a, b, affair, bucket, n) for (a, b, affair, bucket), n in pairs.items()],
        [(key, n, len(orgs[key])) for key, n in sorted(nodes.items())],
    )


def build_graph(
    pairs: Iterable[PairRow],
    nodes: Iterable[NodeRow],
    regions: dict[int, RegionInfo],
    affairs: dict[int, str],
    scope_ids: set[int],
) -> dict[str, Any]:
    """Edges from the pair groups (each unordered pair once), nodes with their degree."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for a, b, affair, bucket, n in pairs:
        if a >= b:  # the same pair comes in both orders; a party with itself is no edge
            continue
        edge = edges.get((a, b)) or edges.setdefault((a, b), _edge(a, b))
        edge["count"] += n
        edge["by_sector"][affairs.get(affair, "?")] += n
        edge["by_status"][bucket] += n
    degree: Counter[str] = Counter()
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    return {
        "nodes": [_node(key, n, orgs, regions, scope_ids, degree[key]) for key, n, orgs in nodes],
        "edges": [_finish(edge, regions) for _, edge in sorted(edges.items())],
    }


def public_id(key: str, regions: dict[int, RegionInfo]) -> str:
    """Node ids the API shows: `r:64.72` for a region (its code), `o:<kind>` for a group."""
    return f"r:{regions[int(key[1:])].code}" if key.startswith("r") else key


def _edge(a: str, b: str) -> dict[str, Any]:
    return {
        "source": a,
        "target": b,
        "count": 0,
        "by_sector": Counter(),
        "by_status": Counter(),
    }


def _finish(edge: dict[str, Any], regions: dict[int, RegionInfo]) -> dict[str, Any]:
    """Public ids, plain dicts (JSON), and the dominant sector and status (the colours)."""
    edge["source"] = public_id(edge["source"], regions)
    edge["target"] = public_id(edge["target"], regions)
    edge["id"] = f"{edge['source']}~{edge['target']}"
    for name in ("sector", "status"):
        counts: Counter[str] = edge[f"by_{name}"]
        edge[name] = min(counts, key=lambda k: (-counts[k], k))
        edge[f"by_{name}"] = dict(sorted(counts.items()))
    return edge


def _node(
    key: str,
    agreements: int,
    orgs: int,
    regions: dict[int, RegionInfo],
    scope_ids: set[int],
    degree: int,
) -> dict[str, Any]:
    if key.startswith("o:"):
        kind = key[2:]
        return {
            "id": key,
            "label": f"{ORG_KINDS.get(kind, kind)} ({orgs})",
            "type": "organisasi",
            "kind": kind,
            "code": "",
            "level": "",
            "province": "",
            "in_scope": False,
            "agreements": agreements,
            "degree": degree,
        }
    info = regions[int(key[1:])]
    return {
        "id": public_id(key, regions),
        "label": info.name,
        "type": "wilayah",
        "kind": "",
        "code": info.code,
        "level": info.level,
        "province": info.province,
        "in_scope": info.id in scope_ids,
        "agreements": agreements,
        "degree": degree,
    }


def hubs(nodes: list[dict[str, Any]], limit: int = HUBS) -> list[dict[str, Any]]:
    """The most connected nodes: most partners, then most agreements."""
    ranked = sorted(
        (n for n in nodes if n["degree"]),
        key=lambda n: (-n["degree"], -n["agreements"], n["label"]),
    )
    return ranked[:limit]


def isolated(scope: Iterable[RegionInfo], named: set[str]) -> list[dict[str, str]]:
    """Regions in scope (codes) named in no agreement at all (with the filters applied)."""
    return [
        {"code": r.code, "name": r.name}
        for r in sorted(scope, key=lambda r: r.code)
        if r.code not in named
    ]


def neighbours_without_agreement(
    borders: Iterable[tuple[int, int]],
    linked: set[frozenset[str]],
    regions: dict[int, RegionInfo],
) -> list[dict[str, str]]:
    """Bordering pairs (region ids) that no agreement names together (`linked`: pairs of
    node ids): candidates for KSDD wajib."""
    rows = []
    for a, b in borders:
        first, second = sorted((regions[a], regions[b]), key=lambda r: r.code)
        if frozenset((f"r:{first.code}", f"r:{second.code}")) in linked:
            continue
        rows.append(
            {
                "code_a": first.code,
                "name_a": first.name,
                "code_b": second.code,
                "name_b": second.name,
            }
        )
    return sorted(rows, key=lambda r: (r["code_a"], r["code_b"]))
