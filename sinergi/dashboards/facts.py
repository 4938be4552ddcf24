"""The whole country's agreements as columns in memory, for filtered national views.

A filtered view of the whole country (a superuser's dashboard or map with a sector, kind,
status or years picked) reads every agreement and party again in SQL: 0.2–0.4 s per request
at 100,000 agreements, and no two filter combinations share an answer. Instead, one snapshot
per data version and date (`national_facts`, stored like the default answers) holds, per
agreement, the few attributes the filters and counts use, plus its other sectors, parties,
region pairs and flags as index arrays. A filter is then a boolean mask and every count a
`bincount` over it: a few ms (docs/benchmarks.md).

The counts must equal what SQL gives for the same filters: `select` answers None for a
filter it does not cover (the caller then computes in SQL), and tests compare both on a
known data set for every filter."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement, Party, Status
from sinergi.agreements.selectors import ENDING_SOON, IDLE, IN_PROCESS, AgreementFilters
from sinergi.dashboards.buckets import (
    ACTIVE_REST,
    STATUS_BUCKETS,
    idle_agreement_ids,
    status_bucket,
)
from sinergi.planning.models import AgreementFlag

BUCKETS = tuple(str(code) for code in STATUS_BUCKETS)
KINDS = tuple(Agreement.Kind.values)
DOC_TYPES = tuple(Agreement.DocType.values)
FLAGS = tuple(AgreementFlag.Code.values)
# The status filter as sets of buckets (the idle filter is a column of its own); other
# values (a single pipeline stage) are not covered: computed in SQL.
STATUS_BUCKET_SETS: dict[str, tuple[str, ...]] = {
    Status.ACTIVE: (ENDING_SOON, ACTIVE_REST),
    ENDING_SOON: (ENDING_SOON,),
    Status.ENDED: (Status.ENDED,),
    IN_PROCESS: (IN_PROCESS,),
    Status.TERMINATED: (Status.TERMINATED,),
    Status.REJECTED: (Status.REJECTED,),
}
# The filters `select` covers: any other one set means SQL.
COVERED = {"affair", "kind", "status", "year_from", "year_to", "sort"}


@dataclass
class Facts:
    """Row i of the agreement columns is one agreement; the `*_at` columns hold row
    numbers of the agreements their rows belong to."""

    year: np.ndarray  # int16, 0: not signed
    bucket: np.ndarray  # int8, index in BUCKETS
    kind: np.ndarray  # int8, index in KINDS
    doc_type: np.ndarray  # int8, index in DOC_TYPES
    affair: np.ndarray  # int32, primary affair id
    idle: np.ndarray  # bool, an open "simbolis" warning
    owner: np.ndarray  # int32, owner region id (0: none)
    owner_alone: np.ndarray  # bool, the owner region is not one of the parties
    other_at: np.ndarray  # other affairs (not the primary one): row, affair id
    other_affair: np.ndarray
    party_at: np.ndarray  # parties: row, region id (0: an organisation), organisation id
    party_region: np.ndarray
    party_org: np.ndarray
    pair_at: np.ndarray  # every two regions party to one agreement: row, ids a < b
    pair_a: np.ndarray
    pair_b: np.ndarray
    flag_at: np.ndarray  # planning flags: row, index in FLAGS
    flag_code: np.ndarray

    @property
    def active(self) -> np.ndarray:
        """In force today (buckets "akan berakhir" and the rest of "berlaku")."""
        return np.isin(self.bucket, _indexes(BUCKETS, STATUS_BUCKET_SETS[Status.ACTIVE]))

    def select(self, filters: AgreementFilters) -> np.ndarray | None:
        """The rows the filters keep, as `apply_filters` would; None if not covered."""
        if {name for name, value in vars(filters).items() if value} - COVERED:
            return None
        if filters.status and filters.status != IDLE and filters.status not in STATUS_BUCKET_SETS:
            return None
        keep = np.ones(len(self.year), dtype=bool)
        if filters.year_from:
            keep &= self.year >= filters.year_from
        if filters.year_to:
            keep &= (self.year > 0) & (self.year <= filters.year_to)
        if filters.kind:
            keep &= self.kind == _index(KINDS, filters.kind)
        if filters.status == IDLE:
            keep &= self.idle
        elif filters.status:
            keep &= np.isin(self.bucket, _indexes(BUCKETS, STATUS_BUCKET_SETS[filters.status]))
        if filters.affair:
            keep &= self._with_affair(filters.affair)
        return keep

    def _with_affair(self, code: str) -> np.ndarray:
        affair_id = Affair.objects.filter(code=code).values_list("pk", flat=True).first()
        rows = np.zeros(len(self.year), dtype=bool)
        if affair_id is not None:
            rows[self.affair == affair_id] = True
            rows[self.other_at[self.other_affair == affair_id]] = True
        return rows

    # --- counts over the selected rows (each as its SQL counterpart returns it) -----------

    def cube(self, keep: np.ndarray) -> dict[str, Any]:
        """Per dimension, like `dashboards.selectors._cube`: years (None: not signed),
        status buckets, kinds, document types, primary sectors, and how many are idle."""
        years = _counts(self.year[keep])
        return {
            "years": Counter({(year or None): n for year, n in years.items()}),
            "statuses": _named(self.bucket[keep], BUCKETS),
            "kinds": _named(self.kind[keep], KINDS),
            "doc_types": _named(self.doc_type[keep], DOC_TYPES),
            "sectors": _counts(self.affair[keep]),
            "idle": int(self.idle[keep].sum()),
        }

    def other_sectors(self, keep: np.ndarray) -> Counter[int]:
        return _counts(self.other_affair[keep[self.other_at]])

    def partner_counts(self, keep: np.ndarray) -> list[tuple[int | None, int | None, int]]:
        """(region id, organisation id, agreements) of every party in the selected rows,
        ordered as SQL's `ORDER BY n DESC, region_id, organization_id` (NULLs last)."""
        at = keep[self.party_at]
        regions = _counts(self.party_region[at & (self.party_region > 0)])
        orgs = _counts(self.party_org[at & (self.party_org > 0)])
        rows: list[tuple[int | None, int | None, int]] = [
            *((region, None, n) for region, n in regions.items()),
            *((None, org, n) for org, n in orgs.items()),
        ]
        return sorted(rows, key=lambda r: (-r[2], r[0] is None, r[0] or 0, r[1] or 0))

    def flag_counts(self, keep: np.ndarray) -> Counter[str]:
        return _named(self.flag_code[keep[self.flag_at]], FLAGS)

    def region_counts(
        self, keep: np.ndarray, region_ids: np.ndarray
    ) -> dict[int, tuple[int, int, int]]:
        """Per region of `region_ids`: agreements it is party to or owns without being a
        party (`jumlah`), of which in force (`aktif`), and in force and idle, as
        `maps.selectors._region_rows` counts them."""
        active = self.active
        counts: dict[int, tuple[int, int, int]] = {}
        party = keep[self.party_at] & np.isin(self.party_region, region_ids)
        owner = keep & self.owner_alone & np.isin(self.owner, region_ids)
        for regions, rows in (
            (self.party_region[party], self.party_at[party]),
            (self.owner[owner], np.flatnonzero(owner)),
        ):
            totals = _counts(regions)
            in_force = _counts(regions[active[rows]])
            idle = _counts(regions[active[rows] & self.idle[rows]])
            for region, n in totals.items():
                before = counts.get(region, (0, 0, 0))
                counts[region] = (
                    before[0] + n,
                    before[1] + in_force.get(region, 0),
                    before[2] + idle.get(region, 0),
                )
        return counts

    def pair_counts(self, keep: np.ndarray) -> list[tuple[int, int, int]]:
        """(region a, region b, agreements naming both), a < b."""
        at = keep[self.pair_at]
        if not at.any():
            return []
        joined = (self.pair_a[at].astype(np.int64) << 32) | self.pair_b[at].astype(np.int64)
        keys, n = np.unique(joined, return_counts=True)
        # Whole columns to Python ints at once: element by element costs ~10 µs each.
        first, second = (keys >> 32).tolist(), (keys & 0xFFFFFFFF).tolist()
        return list(zip(first, second, n.tolist(), strict=True))

    def organization_counts(self, keep: np.ndarray) -> Counter[int]:
        at = keep[self.party_at] & (self.party_org > 0)
        return _counts(self.party_org[at])


def build_facts(today: datetime.date) -> Facts:
    """Read every agreement (one query), its other sectors, parties and flags (three)."""
    rows = list(
        Agreement.objects.order_by("pk")
        .annotate(
            year=ExtractYear("signed_on"),
            bucket=status_bucket(today),
            idle=Exists(idle_agreement_ids().filter(agreement_id=OuterRef("pk"))),
        )
        .values_list(
            "pk",
            "year",
            "bucket",
            "kind",
            "doc_type",
            "primary_affair_id",
            "owner_region_id",
            "idle",
        )
    )
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    row_of = _rows_of(ids)
    through = Agreement.other_affairs.through.objects.order_by()
    others = [
        (row, affair)
        for agreement, affair in through.values_list("agreement_id", "affair_id")
        if (row := row_of.get(agreement)) is not None and affair != rows[row][5]
    ]
    parties = [
        (row, region or 0, org or 0)
        for agreement, region, org in Party.objects.order_by().values_list(
            "agreement_id", "region_id", "organization_id"
        )
        if (row := row_of.get(agreement)) is not None
    ]
    flag_index = {code: i for i, code in enumerate(FLAGS)}
    flags = [
        (row, flag_index[code])
        for agreement, code in AgreementFlag.objects.order_by().values_list("agreement_id", "code")
        if (row := row_of.get(agreement)) is not None and code in flag_index
    ]
    regions_of: defaultdict[int, list[int]] = defaultdict(list)
    for row, region, _ in parties:
        if region:
            regions_of[row].append(region)
    pairs = [
        (row, a, b) for row, named in regions_of.items() for a, b in combinations(sorted(named), 2)
    ]
    owner_alone = [bool(r[6]) and r[6] not in regions_of.get(i, ()) for i, r in enumerate(rows)]
    return Facts(
        year=_column([r[1] or 0 for r in rows], np.int16),
        bucket=_column([BUCKETS.index(r[2]) for r in rows], np.int8),
        kind=_column([KINDS.index(r[3]) for r in rows], np.int8),
        doc_type=_column([DOC_TYPES.index(r[4]) for r in rows], np.int8),
        affair=_column([r[5] for r in rows], np.int32),
        idle=_column([r[7] for r in rows], np.bool_),
        owner=_column([r[6] or 0 for r in rows], np.int32),
        owner_alone=_column(owner_alone, np.bool_),
        other_at=_column([r for r, _ in others], np.int32),
        other_affair=_column([a for _, a in others], np.int32),
        party_at=_column([p[0] for p in parties], np.int32),
        party_region=_column([p[1] for p in parties], np.int32),
        party_org=_column([p[2] for p in parties], np.int32),
        pair_at=_column([p[0] for p in pairs], np.int32),
        pair_a=_column([p[1] for p in pairs], np.int32),
        pair_b=_column([p[2] for p in pairs], np.int32),
        flag_at=_column([f[0] for f in flags], np.int32),
        flag_code=_column([f[1] for f in flags], np.int8),
    )


# --- helpers ----------------------------------------------------------------------------------


def _rows_of(ids: np.ndarray) -> dict[int, int]:
    return {int(pk): row for row, pk in enumerate(ids)}


def _column(values: list[Any], dtype: Any) -> np.ndarray:
    return np.array(values, dtype=dtype)


def _index(names: tuple[str, ...], name: str) -> int:
    return names.index(name) if name in names else -1


def _indexes(names: tuple[str, ...], wanted: tuple[str, ...]) -> list[int]:
    return [names.index(str(name)) for name in wanted]


def _counts(values: np.ndarray) -> Counter[int]:
    """How often each value occurs (an empty Counter for no values)."""
    keys, n = np.unique(values, return_counts=True)
    return Counter(dict(zip(keys.tolist(), n.tolist(), strict=True)))


def _named(values: np.ndarray, names: tuple[str, ...]) -> Counter[str]:
    return Counter({names[i]: n for i, n in _counts(values).items()})
