"""Creating many agreements at once, for the register import.

`agreement_create` costs about 30 queries (some 30 ms) per agreement: audit signals on every
save, the search index, the SOP milestones. An import of 10,000 rows has to finish in seconds,
so this service writes the very same rows with one insert per table per batch:

- every agreement is filled by the service's own `_apply` (kind, KSDD sub-type, term, party
  and hierarchy checks), so the two paths cannot drift apart on the rules;
- the parties, other affairs, the timeline step, the stage's SOP milestones and the search
  text are built in memory, then inserted.

Two things are the caller's. Field checks that `full_clean` makes (lengths, choices): the
import checks every row in its dry run. The audit trail: bulk inserts send no signals, and
an entry per agreement would cost more than the agreement itself, so the caller records a
summary, as `sinergi.audit.tracking` asks of bulk loaders (the import: one entry per owner
region). tests/test_bulk.py compares the result with `agreement_create`.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from sinergi.agreements import search, services
from sinergi.agreements.models import (
    Agreement,
    Milestone,
    MilestoneTemplate,
    Party,
    StatusChange,
)
from sinergi.agreements.permissions import can_propose_in
from sinergi.agreements.services import AgreementInput, PartyInput
from sinergi.core.bulk import insert_many
from sinergi.core.errors import DomainError
from sinergi.core.versions import bump_data_version

BATCH_SIZE = 500


@dataclass
class NewAgreement:
    """One agreement to create. `parent_item`: its parent, an item placed before it."""

    data: AgreementInput
    parties: list[PartyInput]
    status: str
    parent_item: "NewAgreement | None" = None
    agreement: Agreement | None = None  # set once built


@transaction.atomic
def agreements_create_many(*, user: Any, items: list[NewAgreement], note: str) -> list[Agreement]:
    """What `agreement_create` does for each item, in a few queries for all of them."""
    for region in {item.data.owner_region for item in items}:
        if not can_propose_in(user, region):
            raise PermissionDenied("Anda tidak berwenang mencatat kerja sama untuk wilayah ini.")
    agreements = [_build(user, item) for item in items]
    _insert_agreements(agreements)
    _insert_parties(items, agreements)
    _insert_other_affairs(items, agreements)
    insert_many(StatusChange, [_first_step(user, a, note) for a in agreements])
    insert_many(Milestone, _milestones(agreements))
    _index(agreements)
    bump_data_version()  # no signals from bulk inserts
    return agreements


def _build(user: Any, item: NewAgreement) -> Agreement:
    if item.parent_item is not None:
        if item.parent_item.agreement is None:
            raise ValueError("An item's parent_item must come before it.")
        item.data.parent = item.parent_item.agreement
    agreement = Agreement(created_by=services.actor_or_none(user), status=item.status)
    services.agreement_fill(agreement, item.data, item.parties)
    agreement.search_document = search.document_text(agreement, item.parties)
    if connection.vendor == "sqlite":
        agreement.search_stems = search.stem(agreement.search_document)
    item.agreement = agreement
    return agreement


def _insert_agreements(agreements: list[Agreement]) -> None:
    """Parents first: a PKS may name a KB that is created in the same call."""
    waiting = agreements
    try:
        while waiting:
            ready = [a for a in waiting if a.parent is None or a.parent.pk is not None]
            if not ready:
                raise ValueError("A parent is neither recorded nor among the new agreements.")
            insert_many(Agreement, ready)
            waiting = [a for a in waiting if a.pk is None]
    except IntegrityError as exc:  # someone recorded one of the numbers meanwhile
        raise DomainError("Nomor dokumen ini sudah tercatat di wilayah pencatat.") from exc


def _insert_parties(items: list[NewAgreement], agreements: list[Agreement]) -> None:
    # Ids rather than objects: at 10,000 rows the related-object checks cost seconds.
    parties = [
        Party(
            agreement_id=agreement.pk,
            position=position,
            region_id=getattr(p.region, "pk", None),
            organization_id=getattr(p.organization, "pk", None),
            signatory_name=p.signatory_name.strip(),
            signatory_position=p.signatory_position.strip(),
            document_number=p.document_number.strip(),
            under_power_of_attorney=p.under_power_of_attorney,
            power_of_attorney_number=p.power_of_attorney_number.strip(),
        )
        for item, agreement in zip(items, agreements, strict=True)
        for position, p in enumerate(item.parties, start=1)
    ]
    insert_many(Party, parties)
    links = [
        Party.agencies.through(party_id=party.pk, agency_id=agency.pk)
        for party, p in zip(parties, (p for item in items for p in item.parties), strict=True)
        for agency in p.agencies
    ]
    insert_many(Party.agencies.through, links)


def _insert_other_affairs(items: list[NewAgreement], agreements: list[Agreement]) -> None:
    through = Agreement.other_affairs.through
    links = [
        through(agreement_id=agreement.pk, affair_id=affair_id)
        for item, agreement in zip(items, agreements, strict=True)
        for affair_id in dict.fromkeys(a.pk for a in item.data.other_affairs)
    ]
    insert_many(through, links)


def _first_step(user: Any, agreement: Agreement, note: str) -> StatusChange:
    return StatusChange(
        agreement_id=agreement.pk,
        to_status=agreement.status,
        actor_id=getattr(services.actor_or_none(user), "pk", None),
        note=note or "Dicatat di Sinergi.",
    )


def _milestones(agreements: list[Agreement]) -> list[Milestone]:
    """The SOP control points of each agreement's stage (one query per stage and kind)."""
    today = timezone.localdate()
    templates: dict[tuple[str, str], list[MilestoneTemplate]] = {}
    milestones = []
    for agreement in agreements:
        key = (agreement.status, agreement.kind)
        if key not in templates:
            templates[key] = list(
                MilestoneTemplate.objects.filter(stage=key[0], kind__in=["", key[1]])
            )
        milestones += [services.new_milestone(agreement, t, today) for t in templates[key]]
    return milestones


def _index(agreements: list[Agreement]) -> None:
    # PostgreSQL searches search_document itself; SQLite needs the stems in its FTS table.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(search.FTS_INSERT, [(a.pk, a.search_stems) for a in agreements])
