"""Cooperation that could close a region's SPM gaps (issue #6, "Gaps and action").

For each lagging service type of the region (score under LAGGING, lowest first):
- regions of the same level that do well in it (score from GOOD), bordering ones first,
  then those of the same province: a partner to learn from or to share a service with;
- agreements in the service's affair, in force, evaluated "baik"/"sangat baik" (final), that
  the user may see: a model to replicate.
- published innovations in the service's affair, open to replication, of other regions (the
  same province first): a surat minat replikasi away from a draft agreement.
Each suggestion says why, and links to a new draft agreement prefilled with the partner,
the affair and a title (for an innovation: to its letter of interest).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Case, Q, Value, When
from django.urls import reverse

from sinergi.agreements.models import Agreement
from sinergi.agreements.selectors import visible_agreements
from sinergi.evaluations.models import Evaluation
from sinergi.regions.models import Region
from sinergi.spm.models import ServiceType
from sinergi.spm.selectors import RegionIndex, ServiceResult, region_indices

LAGGING = Decimal(80)  # below "Tuntas Utama" in the default bands
GOOD = Decimal(90)
SERVICES, PER_SERVICE = 5, 3


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "wilayah" (a partner region) or "kerja_sama" (an agreement to replicate)
    title: str
    reason: str
    draft_url: str
    partner: Region | None = None
    agreement: Agreement | None = None
    innovation: Any = None  # sinergi.innovations.models.Innovation


@dataclass
class LaggingService:
    service: ServiceResult
    suggestions: list[Suggestion] = field(default_factory=list)


def suggestions(*, user: Any, region: Region, year: int) -> list[LaggingService]:
    peers = _peers(region)
    results = region_indices(regions=[region, *peers], year=year)
    own, others = results[0], dict(zip(peers, results[1:], strict=True))
    neighbours = set(Region.objects.neighbours_of(region).values_list("pk", flat=True))
    lagging = sorted(
        (s for s in own.services if s.score is not None and s.score < LAGGING),
        key=lambda s: s.score or 0,
    )[:SERVICES]
    affairs = dict(ServiceType.objects.values_list("code", "field__affair__code"))
    return [
        LaggingService(
            service,
            _from_regions(region, service, others, neighbours, affairs[service.code])
            + _from_agreements(user, service, affairs[service.code], region)
            + _from_innovations(service, affairs[service.code], region),
        )
        for service in lagging
    ]


def _peers(region: Region) -> list[Region]:
    """Regions of the same level that border it or share its province."""
    province = region.parent_id or region.pk
    same = Region.objects.filter(level=region.level).exclude(pk=region.pk).defer("boundary")
    near = Q(borders__neighbour=region) | Q(parent_id=province) | Q(pk=province)
    return list(same.filter(near).distinct().order_by("code"))


def _from_regions(
    region: Region,
    service: ServiceResult,
    others: dict[Region, RegionIndex],
    neighbours: set[int],
    affair: str,
) -> list[Suggestion]:
    good = []
    for peer, result in others.items():
        score = next((s.score for s in result.services if s.code == service.code), None)
        if score is not None and score >= GOOD:
            good.append((peer.pk not in neighbours, -score, peer, score))
    rows = []
    for far, _, peer, score in sorted(good, key=lambda g: g[:2])[:PER_SERVICE]:
        where = "satu provinsi dengan" if far else "berbatasan dengan"
        reason = (
            f"{peer.name} {where} {region.name} dan mencapai {score} untuk "
            f"{service.name.lower()}, sedangkan {region.name} {service.score}."
        )
        title = f"Kerja sama {service.name.lower()} dengan {peer.name}"
        rows.append(Suggestion("wilayah", title, reason, _draft(affair, title, peer), peer))
    return rows


def _from_agreements(
    user: Any, service: ServiceResult, affair: str, region: Region
) -> list[Suggestion]:
    good = Evaluation.objects.filter(
        state=Evaluation.State.FINAL,
        category__in=(Evaluation.Category.VERY_GOOD, Evaluation.Category.GOOD),
    ).values("agreement_id")
    found = (
        visible_agreements(user=user)
        .active()
        .filter(primary_affair__code=affair, pk__in=good)
        .exclude(owner_region=region)
        .select_related("owner_region")
        .order_by("-signed_on")[:PER_SERVICE]
    )
    rows = []
    for agreement in found:
        reason = (
            f"“{agreement.title}” ({agreement.owner_region.name}) berlaku dan dinilai baik "
            "dalam evaluasi: pelajari dan ajukan kerja sama serupa."
        )
        title = f"Replikasi: {agreement.title}"[:255]
        partner = agreement.owner_region
        draft = _draft(affair, title, partner)
        rows.append(Suggestion("kerja_sama", title, reason, draft, partner, agreement))
    return rows


def _from_innovations(service: ServiceResult, affair: str, region: Region) -> list[Suggestion]:
    from sinergi.innovations.models import Innovation

    province = region.parent_id or region.pk
    found = (
        Innovation.objects.published()
        .filter(affair__code=affair, replicable=True)
        .exclude(region=region)
        .select_related("region")
        .defer("region__boundary")
        .annotate(
            nearby=Case(
                When(Q(region_id=province) | Q(region__parent_id=province), then=Value(0)),
                default=Value(1),
            )
        )
        .order_by("nearby", "-published_at")[:PER_SERVICE]
    )
    rows = []
    for innovation in found:
        reason = (
            f"Inovasi {innovation.region.name} di urusan yang sama "
            f"({innovation.get_maturity_display().lower()} sejak {innovation.started_year}) "
            f"dapat direplikasi untuk {service.name.lower()}."
        )
        url = reverse("innovations:interest_create", args=[innovation.pk])
        rows.append(
            Suggestion("inovasi", innovation.name, reason, url, innovation.region, None, innovation)
        )
    return rows


def _draft(affair: str, title: str, partner: Region) -> str:
    query = urlencode({"urusan": affair, "judul": title, "mitra": partner.code})
    return f"{reverse('agreements:create')}?{query}"
