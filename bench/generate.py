"""Realistic agreements written straight into the tables with bulk inserts.

Not through `agreement_create` (some 30 queries per agreement; the import measures the write
path). The columns the list and the search read are filled as the services fill them: kind
and KSDD sub-type from the parties (`rules`), `search_document` by `search.document_text`.
Timelines and SOP milestones are left out: no list or search reads them.

Families: a KB, Nota Kesepakatan or MoU (30%) with the PKS that carry it out (65%), and an
adendum to some PKS (5%), over 10 years and all regions. Partners are mostly the same province
or a neighbour; about one agreement in five has a third-party organisation.
"""

import datetime
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from bench import words
from bench.world import World
from sinergi.agreements import rules, search
from sinergi.agreements.models import PIPELINE_STATUSES, Agreement, Organization, Party, Status
from sinergi.regions.models import Region

BATCH_SIZE = 2000
FRAMEWORK_TYPES = ["kb", "kb", "nota", "mou"]
CHILDREN = ([0, 1, 2, 3, 4, 5], [12, 22, 30, 18, 11, 7])  # PKS per framework: 2.15 on average
ADDENDUM_PER_PKS = 5 / 65
MONTHS = {"kb": [36, 60, 60, 120], "nota": [24, 60], "mou": [36, 60], "pks": [12, 24, 36]}
Side = Region | Organization


@dataclass
class Row:
    agreement: Agreement
    parties: list[Party]
    sides: list[Side]  # the owner first
    other_affairs: list[int]
    sector: str


class Generator:
    def __init__(self, world: World, rng: random.Random) -> None:
        self.world, self.rng = world, rng
        self.today = timezone.localdate()
        self.first_day = datetime.date(self.today.year - 9, 1, 1)
        self.next_id = (Agreement.all_objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.owner_weights = list(
            itertools.accumulate(4 if r.is_province else 1 for r in world.regions)
        )
        org_weights = (1 / (rank + 1) ** 0.7 for rank in range(len(world.organizations)))
        self.org_weights = list(itertools.accumulate(org_weights))
        codes = list(world.affairs)
        self.sectors = (
            codes,
            [words.SECTOR_WEIGHTS.get(c, words.OTHER_SECTOR_WEIGHT) for c in codes],
        )

    def insert(self, count: int) -> None:
        """Write `count` more agreements (whole families, the last one possibly cut short)."""
        batch: list[Row] = []
        while count > 0:
            for row in itertools.islice(self._family(), count):
                batch.append(row)
                count -= 1
                if len(batch) == BATCH_SIZE:
                    _write(batch)
                    batch = []
        _write(batch)
        _reset_sequence()

    def _family(self) -> Iterator[Row]:
        framework = self._row(self.rng.choice(FRAMEWORK_TYPES), None)
        yield framework
        for _ in range(self.rng.choices(*CHILDREN)[0]):
            pks = self._row("pks", framework)
            yield pks
            if self.rng.random() < ADDENDUM_PER_PKS:
                yield self._row("adendum", pks)

    def _row(self, doc_type: str, parent: Row | None) -> Row:
        sides = self._sides(parent)
        sector = parent.sector if parent and self.rng.random() < 0.8 else self._sector()
        agreement = self._agreement(doc_type, sides, parent, sector)
        parties = [_party(agreement, position, side) for position, side in enumerate(sides, 1)]
        agreement.kind, agreement.ksdd_category, agreement.ksdd_subtype = self._kind(sides)
        agreement.search_document = search.document_text(agreement, parties)
        return Row(agreement, parties, sides, self._other_affairs(sector), sector)

    # --- who signs -------------------------------------------------------------------------

    def _sides(self, parent: Row | None) -> list[Side]:
        if parent is not None:  # a PKS: the owner and one partner of its KB, maybe a firm
            if self.rng.random() < 0.1:
                return [parent.sides[0], self._organization()]
            return parent.sides[:2]
        owner = self.rng.choices(self.world.regions, cum_weights=self.owner_weights)[0]
        sides: list[Side] = [owner, *self._partners(owner)]
        if len(sides) == 1 or self.rng.random() < 0.15:
            sides.append(self._organization())
        return sides

    def _partners(self, owner: Region) -> list[Region]:
        partners: dict[int, Region] = {}
        for _ in range(self.rng.choice([0, 1, 1, 1, 1, 2, 2, 3])):
            partner = self._partner(owner)
            if partner.pk != owner.pk:
                partners[partner.pk] = partner
        return list(partners.values())

    def _partner(self, owner: Region) -> Region:
        draw = self.rng.random()
        neighbours = self.world.neighbours.get(owner.pk)
        if draw < 0.3 and neighbours:
            return self.rng.choice(neighbours)
        if draw < 0.92:
            return self.rng.choice(self.world.members[self.world.province_of(owner).pk])
        return self.rng.choice(self.world.regions)

    def _organization(self) -> Organization:
        organizations = self.world.organizations
        return self.rng.choices(organizations, cum_weights=self.org_weights)[0]

    def _kind(self, sides: list[Side]) -> tuple[str, str, str]:
        specs = [
            rules.PartySpec(s) if isinstance(s, Region) else rules.PartySpec(None, s.kind)
            for s in sides
        ]
        kind = rules.derive_kind(specs).value
        if kind != Agreement.Kind.KSDD:
            return kind, "", ""
        subtype = self._subtype(sides) if len(sides) == 2 else ""
        if subtype and self.rng.random() < 0.3:
            return kind, Agreement.Category.MANDATORY, subtype
        return kind, Agreement.Category.VOLUNTARY, ""

    def _subtype(self, sides: list[Any]) -> str:
        """`rules.derive_ksdd_subtype` without a query per pair (neighbours are in memory)."""
        a, b = sides
        if a.is_province != b.is_province:
            province, regency = (a, b) if a.is_province else (b, a)
            return "d" if regency.parent_id == province.pk else ""
        if b not in self.world.neighbours.get(a.pk, []):
            return ""
        if a.is_province:
            return "c"
        return "a" if a.parent_id == b.parent_id else "b"

    # --- what and when ---------------------------------------------------------------------

    def _sector(self) -> str:
        return self.rng.choices(*self.sectors)[0]

    def _other_affairs(self, sector: str) -> list[int]:
        if self.rng.random() > 0.3:
            return []
        codes = {self._sector() for _ in range(self.rng.choice([1, 2]))} - {sector}
        return [self.world.affairs[code].pk for code in codes]

    def _agreement(
        self, doc_type: str, sides: list[Side], parent: Row | None, sector: str
    ) -> Agreement:
        owner = sides[0]
        agreement = Agreement(
            id=self.next_id,
            owner_region_id=owner.pk,
            doc_type=doc_type,
            parent_id=parent.agreement.pk if parent else None,
            primary_affair_id=self.world.affairs[sector].pk,
            financing="APBD masing-masing pihak sesuai kemampuan keuangan daerah",
            deleted_at=timezone.now() if self.rng.random() < 0.005 else None,
        )
        self.next_id += 1
        self._texts(agreement, sides, sector)
        self._term(agreement, parent)
        return agreement

    def _texts(self, agreement: Agreement, sides: list[Side], sector: str) -> None:
        topics = words.TOPICS.get(sector) or [f"Urusan {self.world.affairs[sector].name}"]
        topic = f"{self.rng.choice(words.ACTIONS)} {self.rng.choice(topics)}"
        names = " dan ".join(str(s) for s in sides[:3])
        agreement.title = f"{words.DOC_PREFIXES[agreement.doc_type]} {topic} antara {names}"[:500]
        agreement.subject = f"{topic} di {sides[0]}"
        agreement.purpose = f"Kerja sama ini bertujuan {self.rng.choice(words.PURPOSES)}."
        agreement.scope = "; ".join(self.rng.sample(words.SCOPES, 3))
        agreement.location = str(sides[0])

    def _term(self, agreement: Agreement, parent: Row | None) -> None:
        """Dates and status. Recent ones are often still in the pipeline (no signature)."""
        if parent is not None and parent.agreement.signed_on is None:
            agreement.status, agreement.duration_months = Status.PROPOSED, 12
            return
        signed = self._signed_on(parent)
        months = self.rng.choice(MONTHS.get(agreement.doc_type, [12, 24]))
        end = rules.add_months(signed, months) - datetime.timedelta(days=1)
        if agreement.doc_type == Agreement.DocType.ADDENDUM and parent:
            end = max(end, parent.agreement.end_date or end)
        agreement.status = self._status(signed, end)
        agreement.duration_months = months
        if agreement.status in (*PIPELINE_STATUSES, Status.REJECTED):
            return  # not signed (yet): no number, no dates
        agreement.signed_on = agreement.start_date = signed
        agreement.end_date = end
        agreement.signed_place = str(agreement.location).split(" ", 1)[-1]
        agreement.number = f"000.7/{agreement.pk:06d}/{agreement.doc_type.upper()}/{signed.year}"
        if agreement.status == Status.TERMINATED:
            agreement.termination_reason = Agreement.TerminationReason.GOAL_MET

    def _signed_on(self, parent: Row | None) -> datetime.date:
        if parent is None:
            days = (self.today - self.first_day).days
            return self.first_day + datetime.timedelta(days=self.rng.randint(0, days))
        parent_signed = parent.agreement.signed_on or self.today
        return min(parent_signed + datetime.timedelta(days=self.rng.randint(7, 540)), self.today)

    def _status(self, signed: datetime.date, end: datetime.date) -> str:
        draw = self.rng.random()
        if (self.today - signed).days < 365 and draw < 0.4:
            return self.rng.choice(PIPELINE_STATUSES)
        if draw < 0.01:
            return Status.REJECTED
        if draw < 0.025:
            return Status.TERMINATED
        # A few past their end date are still "berlaku": the daily expiry job has not run yet.
        return Status.ACTIVE if end > self.today or draw > 0.995 else Status.ENDED


def _party(agreement: Agreement, position: int, side: Side) -> Party:
    number = ""
    if agreement.signed_on:
        number = f"119/{agreement.pk:06d}-{position}/{agreement.signed_on.year}"
    if isinstance(side, Region):
        return Party(
            agreement_id=agreement.pk, position=position, region=side, document_number=number
        )
    return Party(
        agreement_id=agreement.pk, position=position, organization=side, document_number=number
    )


@transaction.atomic
def _write(rows: list[Row]) -> None:
    Agreement.objects.bulk_create([r.agreement for r in rows], batch_size=1000)
    Party.objects.bulk_create([p for r in rows for p in r.parties], batch_size=1000)
    through = Agreement.other_affairs.through
    links = [
        through(agreement_id=r.agreement.pk, affair_id=affair_id)
        for r in rows
        for affair_id in r.other_affairs
    ]
    through.objects.bulk_create(links, batch_size=1000)


def _reset_sequence() -> None:
    """Explicit ids leave the id sequence behind; the import creates rows after these."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Agreement]):
            cursor.execute(sql)
