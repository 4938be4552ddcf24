"""Is a new agreement one the registry already holds? Same parties, a close title, and terms
that overlap (or the same document number) make a likely duplicate.

Officers re-type and re-upload signed agreements; the second copy of the same agreement
would count twice on every dashboard. The check warns and asks for a confirmation; it never
blocks on its own, since two PKS between the same regions with similar titles can be real.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from sinergi.agreements.models import Agreement

TITLE_SIMILARITY = 85  # token-set ratio: word order and extra words aside
CANDIDATE_LIMIT = 500


@dataclass(frozen=True)
class Shape:
    """What the check compares: values only, so a draft and a recorded agreement compare alike."""

    pk: int | None
    title: str
    parties: frozenset[str]  # region codes, or organisation names in lower case
    number: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass
class PossibleDuplicate:
    agreement: Agreement
    reasons: list[str]


def _normalised(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    filler = {"tentang", "kerja", "sama", "kerjasama", "perjanjian", "kesepakatan", "bersama"}
    return " ".join(word for word in words if word not in filler)


def duplicate_reasons(new: Shape, old: Shape) -> list[str]:
    """Why `old` looks like `new` (empty: it does not)."""
    shared = new.parties & old.parties
    if len(shared) < min(2, len(new.parties)) or not shared:
        return []
    same_number = bool(new.number) and new.number.strip().lower() == old.number.strip().lower()
    similarity = fuzz.token_set_ratio(_normalised(new.title), _normalised(old.title))
    if similarity < TITLE_SIMILARITY and not same_number:
        return []
    if not _overlap(new, old):
        return []
    reasons = [f"pihak sama: {', '.join(sorted(shared))}"]
    if same_number:
        reasons.append(f"nomor sama: {old.number}")
    if similarity >= TITLE_SIMILARITY:
        reasons.append(f"judul mirip ({similarity:.0f}%)")
    if new.start and old.start:
        reasons.append("masa berlaku bertumpang tindih")
    return reasons


def _overlap(new: Shape, old: Shape) -> bool:
    """Terms overlap; an unknown start or end does not rule it out."""
    if new.start and old.end and new.start > old.end:
        return False
    return not (new.end and old.start and new.end < old.start)


def shape_of(agreement: Agreement) -> Shape:
    return Shape(
        pk=agreement.pk,
        title=agreement.title,
        parties=frozenset(
            party.region.code if party.region else str(party.organization).lower()
            for party in agreement.parties.all()
        ),
        number=agreement.number,
        start=agreement.start_date or agreement.signed_on,
        end=agreement.end_date,
    )


def draft_shape(data: Any, parties: list[Any]) -> Shape:
    """The shape of an AgreementInput and its PartyInputs (nothing saved yet)."""
    return Shape(
        pk=None,
        title=data.title,
        parties=frozenset(
            party.region.code if party.region else str(party.organization.name).lower()
            for party in parties
            if party.region or party.organization
        ),
        number=data.number,
        start=data.start_date or data.signed_on,
        end=data.end_date,
    )


def possible_duplicates(
    *, user: Any, data: Any, parties: list[Any], exclude_pk: int | None = None, limit: int = 5
) -> list[PossibleDuplicate]:
    """Recorded agreements the user may see that look like the draft, most alike first."""
    codes = [party.region.code for party in parties if party.region]
    return find_duplicates(
        user=user,
        shape=draft_shape(data, parties),
        region_codes=codes,
        exclude_pk=exclude_pk,
        limit=limit,
    )


def find_duplicates(
    *,
    user: Any,
    shape: Shape,
    region_codes: list[str],
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[PossibleDuplicate]:
    from sinergi.agreements.selectors import visible_agreements

    if not region_codes:
        return []
    candidates = (
        visible_agreements(user=user)
        .filter(parties__region__code__in=region_codes)
        .exclude(pk=exclude_pk)
        .distinct()
        .prefetch_related("parties__region", "parties__organization")
        .select_related("owner_region")
        .defer("owner_region__boundary", "owner_region__attribute_sources")
        .order_by("-pk")[:CANDIDATE_LIMIT]
    )
    found = []
    for agreement in candidates:
        reasons = duplicate_reasons(shape, shape_of(agreement))
        if reasons:
            found.append(PossibleDuplicate(agreement, reasons))
    found.sort(key=lambda item: -len(item.reasons))
    return found[:limit]
