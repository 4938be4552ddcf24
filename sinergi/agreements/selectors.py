"""Reads of agreements for pages, exports and the API. Region scope is applied here."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from sinergi.accounts.scope import visible_regions
from sinergi.agreements import search
from sinergi.agreements.models import (
    PIPELINE_STATUSES,
    Agreement,
    AgreementQuerySet,
    Party,
    Status,
)

SORTS = {
    "terbaru": ("-signed_on", "-created_at", "-id"),
    "terlama": ("signed_on", "created_at", "id"),
    "berakhir": ("end_date", "id"),
    "judul": ("title", "id"),
}
# A status filter a user can pick besides the stored ones.
ENDING_SOON = "akan_berakhir"
IN_PROCESS = "dalam_proses"  # usulan up to penandatanganan


@dataclass
class AgreementFilters:
    q: str = ""
    doc_type: str = ""
    kind: str = ""
    affair: str = ""  # affair code, primary or other
    status: str = ""  # a Status value, or "akan_berakhir"
    year: int | None = None  # year of signing
    region: str = ""  # Kemendagri code of a party or the owner
    party: str = ""  # part of a party's name (region or organisation)
    agency: int | None = None  # implementing OPD id
    sort: str = "terbaru"


def visible_agreements(*, user: Any) -> AgreementQuerySet:
    return Agreement.objects.visible_to_regions(visible_regions(user))


def agreement_list(
    *, user: Any, filters: AgreementFilters, today: datetime.date | None = None
) -> AgreementQuerySet:
    """The agreements a user may see, filtered, searched and sorted, ready for a page."""
    today = today or timezone.localdate()
    agreements = _filter(visible_agreements(user=user), filters, today)
    agreements = search.matching(agreements, filters.q)
    return (
        agreements.select_related("owner_region", "primary_affair")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("region", "organization"))
        )
        .order_by(*SORTS.get(filters.sort, SORTS["terbaru"]))
    )


def _filter(
    agreements: AgreementQuerySet, f: AgreementFilters, today: datetime.date
) -> AgreementQuerySet:
    if f.doc_type:
        agreements = agreements.filter(doc_type=f.doc_type)
    if f.kind:
        agreements = agreements.filter(kind=f.kind)
    if f.affair:
        agreements = agreements.filter(
            Q(primary_affair__code=f.affair) | Q(other_affairs__code=f.affair)
        ).distinct()
    agreements = _filter_status(agreements, f.status, today)
    if f.year:
        agreements = agreements.filter(signed_on__year=f.year)
    if f.region:
        agreements = agreements.filter(
            Q(owner_region__code=f.region)
            | Q(pk__in=Party.objects.filter(region__code=f.region).values("agreement_id"))
        )
    if f.party:
        parties = Party.objects.filter(
            Q(region__name__icontains=f.party) | Q(organization__name__icontains=f.party)
        )
        agreements = agreements.filter(pk__in=parties.values("agreement_id"))
    if f.agency:
        parties = Party.objects.filter(agencies__pk=f.agency)
        agreements = agreements.filter(pk__in=parties.values("agreement_id"))
    return agreements


def _filter_status(
    agreements: AgreementQuerySet, status: str, today: datetime.date
) -> AgreementQuerySet:
    """Status as of today: an active agreement past its end date counts as ended."""
    if status == ENDING_SOON:
        return agreements.ending_within(90, today)
    if status == IN_PROCESS:
        return agreements.filter(status__in=PIPELINE_STATUSES)
    if status == Status.ACTIVE:
        return agreements.active(today)
    if status == Status.ENDED:
        return agreements.filter(
            Q(status=Status.ENDED) | Q(status=Status.ACTIVE, end_date__lte=today)
        )
    if status in Status.values:
        return agreements.filter(status=status)
    return agreements


def agreement_get_for_user(*, user: Any, pk: int) -> Agreement:
    """The one access-checked lookup of an agreement: 404 outside the user's regions."""
    agreement = (
        visible_agreements(user=user)
        .filter(pk=pk)
        .select_related("owner_region", "primary_affair", "parent", "renews", "created_by")
        .first()
    )
    if agreement is None:
        raise Http404("Kerja sama tidak ditemukan.")
    return agreement


def agreement_counts(agreements: AgreementQuerySet) -> dict[str, int]:
    """KB-type documents and PKS counted apart, as the province reports them."""
    return {
        "kerangka": agreements.framework().count(),
        "pks": agreements.filter(doc_type=Agreement.DocType.PKS).count(),
        "adendum": agreements.filter(doc_type=Agreement.DocType.ADDENDUM).count(),
    }
