"""Which region or organisation to approach for a need: a sector, an SPM field, or a free text.

Each candidate is scored on its record, and every point of the score is a reason shown:
- experience: agreements in force in that sector it is a party to (log-scaled: the tenth
  agreement says less than the first);
- results: those agreements evaluated "baik"/"sangat baik" (final evaluations);
- SPM: its index in the sector's SPM field above the asking region's;
- adjacency: a shared border (a KSDD can then be mandatory, PP 28/2018) or the same province;
- innovations: a published innovation in the sector open to replication (issue #8).
Counts come from agreements the user may see or that are public; the evidence links only to
those. A free text is mapped to a sector by the extraction's sector classifier.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement, Party
from sinergi.agreements.selectors import visible_agreements
from sinergi.evaluations.models import Evaluation
from sinergi.regions.models import Region

WEIGHTS = {
    "experience": 1.0,
    "results": 0.8,
    "spm": 2.0,
    "border": 0.7,
    "province": 0.3,
    "innovation": 0.9,
}
GOOD = [Evaluation.Category.VERY_GOOD, Evaluation.Category.GOOD]
LIMIT = 10


@dataclass
class Candidate:
    name: str
    region: Region | None = None
    organization_id: int | None = None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    evidence: list[Agreement] = field(default_factory=list)

    def add(self, weight: str, amount: float, reason: str) -> None:
        if amount > 0:
            self.score += WEIGHTS[weight] * amount
            self.reasons.append(reason)


@dataclass
class Recommendation:
    affair: Affair | None
    affair_reason: str
    regions: list[Candidate]
    organizations: list[Candidate]


def affair_for_need(text: str) -> tuple[Affair | None, str]:
    """The sector a free-text need belongs to, and why."""
    from sinergi.extractions.engine import sector_classifier

    found, _confidence, why = sector_classifier()(text, text)
    if found is None:
        return None, "kebutuhan tidak dikenali sebagai urusan tertentu"
    return Affair.objects.filter(code=found[0]).first(), f"dikenali dari kata: {why}"


def recommend_partners(
    *, user: Any, region: Region, affair: Affair | None, year: int | None = None
) -> list[Candidate]:
    """Candidate partner regions for `region` in `affair`, best first, with reasons."""
    evidence = _evidence_agreements(user, affair)
    candidates: dict[int, Candidate] = {}

    def candidate(other: Region) -> Candidate:
        return candidates.setdefault(other.pk, Candidate(other.name, region=other))

    _experience(evidence, region, candidate, affair)
    _results(evidence, region, candidate)
    _innovations(affair, candidate)
    neighbours = set(Region.objects.neighbours_of(region).values_list("pk", flat=True))
    for other in Region.objects.filter(pk__in=neighbours).defer("boundary"):
        candidate(other).add("border", 1, "berbatasan langsung")
    province = region.parent_id or region.pk
    for item in candidates.values():
        if item.region is None:
            continue
        if item.region.pk != region.pk and (item.region.parent_id or item.region.pk) == province:
            item.add("province", 1, "satu provinsi")
    _spm(region, affair, year, candidates, candidate)
    candidates.pop(region.pk, None)
    return sorted(candidates.values(), key=lambda c: (-c.score, c.name))[:LIMIT]


def _evidence_agreements(user: Any, affair: Affair | None) -> Any:
    """Agreements in force in the sector that the user may see or that are public."""
    if affair is None:
        return Agreement.objects.none()
    visible = visible_agreements(user=user).values("pk")
    return (
        Agreement.objects.active()
        .filter(Q(primary_affair=affair) | Q(other_affairs=affair))
        .filter(Q(pk__in=visible) | Q(is_public=True))
        .distinct()
    )


def _experience(evidence: Any, region: Region, candidate: Any, affair: Affair | None) -> None:
    parties = Party.objects.filter(agreement__in=evidence.values("pk"), region__isnull=False)
    counts = Counter(parties.values_list("region_id", flat=True))
    examples: dict[int, list[int]] = {}
    for region_id, agreement_id in parties.values_list("region_id", "agreement_id"):
        examples.setdefault(region_id, []).append(agreement_id)
    regions = Region.objects.defer("boundary").in_bulk(list(counts))
    rows = Agreement.objects.in_bulk([pk for ids in examples.values() for pk in ids[:3]])
    for region_id, count in counts.items():
        item = candidate(regions[region_id])
        label = affair.name if affair else ""
        item.add("experience", math.log1p(count), f"{count} kerja sama berlaku bidang {label}")
        item.evidence = [rows[pk] for pk in examples[region_id][:3] if pk in rows]


def _innovations(affair: Affair | None, candidate: Any) -> None:
    """Regions with a published innovation in the sector that others may replicate."""
    from sinergi.innovations.models import Innovation

    if affair is None:
        return
    offered = (
        Innovation.objects.published()
        .filter(affair=affair, replicable=True)
        .select_related("region")
        .defer("region__boundary")
        .order_by("region_id", "-published_at")
    )
    by_region: dict[int, list[Innovation]] = {}
    for innovation in offered[:500]:
        by_region.setdefault(innovation.region_id, []).append(innovation)
    for items in by_region.values():
        names = ", ".join(f"“{i.name}”" for i in items[:2])
        more = f" dan {len(items) - 2} lainnya" if len(items) > 2 else ""
        candidate(items[0].region).add(
            "innovation", math.log1p(len(items)), f"inovasi yang dapat direplikasi: {names}{more}"
        )


def _results(evidence: Any, region: Region, candidate: Any) -> None:
    good = Evaluation.objects.filter(
        state=Evaluation.State.FINAL, category__in=GOOD, agreement__in=evidence.values("pk")
    ).values("agreement_id")
    parties = Party.objects.filter(agreement_id__in=good, region__isnull=False)
    counts = Counter(parties.values_list("region_id", flat=True))
    regions = Region.objects.defer("boundary").in_bulk(list(counts))
    for region_id, count in counts.items():
        candidate(regions[region_id]).add(
            "results", count, f"{count} kerja sama bidang ini dinilai baik/sangat baik"
        )


def _spm(
    region: Region,
    affair: Affair | None,
    year: int | None,
    candidates: dict[int, Candidate],
    candidate: Any,
) -> None:
    """Regions doing better in the sector's SPM field: the shortlist so far, plus the
    province's best performers."""
    from sinergi.spm.models import Field
    from sinergi.spm.selectors import latest_year, region_indices

    spm_field = Field.objects.filter(affair=affair).first() if affair else None
    year = year or latest_year()
    if spm_field is None or year is None:
        return
    province = region.parent_id or region.pk
    nearby = Region.objects.filter(Q(pk__in=list(candidates)) | Q(parent_id=province))
    peers = list(nearby.exclude(pk=region.pk).filter(level=region.level).defer("boundary")[:120])
    results = region_indices(regions=[region, *peers], year=year)
    own = results[0].fields.get(spm_field.code)
    for peer, result in zip(peers, results[1:], strict=True):
        value = result.fields.get(spm_field.code)
        if value is None:
            continue
        gap = value - (own if own is not None else Decimal(0))
        if gap > 0:
            own_text = f"{own:.0f}" if own is not None else "belum ada"
            candidate(peer).add(
                "spm",
                float(gap) / 100,
                f"indeks SPM {spm_field.name} {year} {value:.0f} (wilayah Anda {own_text})",
            )


def recommend_organizations(*, user: Any, affair: Affair | None) -> list[Candidate]:
    """Third parties with agreements in force in the sector (for a KSDPK)."""
    evidence = _evidence_agreements(user, affair)
    parties = Party.objects.filter(agreement__in=evidence.values("pk"), organization__isnull=False)
    counts = Counter(parties.values_list("organization_id", "organization__name"))
    result = []
    for (organization_id, name), count in counts.most_common(LIMIT):
        item = Candidate(name, organization_id=organization_id)
        item.add("experience", math.log1p(count), f"{count} kerja sama berlaku bidang ini")
        result.append(item)
    return result


def recommendation(
    *, user: Any, region: Region, affair: Affair | None = None, need: str = ""
) -> Recommendation:
    reason = f"urusan dipilih: {affair.name}" if affair else ""
    if affair is None and need:
        affair, reason = affair_for_need(need)
    return Recommendation(
        affair=affair,
        affair_reason=reason,
        regions=recommend_partners(user=user, region=region, affair=affair),
        organizations=recommend_organizations(user=user, affair=affair),
    )
