"""What the agreement page says in words: derived facts with their reasons, and next steps."""

from dataclasses import dataclass
from typing import Any

from sinergi.agreements import rules
from sinergi.agreements.models import Agreement, Party, Status
from sinergi.agreements.permissions import can_decide, can_edit


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    fields: tuple[str, ...] = ()
    danger: bool = False


_NEXT: dict[str, list[Action]] = {
    Status.PROPOSED: [Action("ajukan", "Ajukan ke TKKSD")],
    Status.TKKSD_REVIEW: [Action("setujui", "Setujui, lanjut penyusunan naskah")],
    Status.DRAFTING: [Action("selesai_naskah", "Naskah selesai disusun")],
    Status.DPRD_APPROVAL: [
        Action("persetujuan_dprd", "Catat persetujuan DPRD", ("number", "date")),
    ],
    Status.SIGNING: [
        Action("tandatangani", "Catat penandatanganan", ("signed_on", "signed_place")),
    ],
}
_REJECT = Action("tolak", "Tolak usulan", ("note",), danger=True)
_TERMINATE = Action("akhiri", "Batalkan / akhiri", ("reason",), danger=True)


def available_actions(user: Any, agreement: Agreement) -> list[Action]:
    status = agreement.current_status()
    if status in {Status.ENDED, Status.REJECTED, Status.TERMINATED}:
        return []
    if not can_decide(user, agreement):
        submit = status == Status.PROPOSED and can_edit(user, agreement)
        return list(_NEXT[Status.PROPOSED]) if submit else []
    actions = list(_NEXT.get(status, []))
    if status in {Status.PROPOSED, Status.TKKSD_REVIEW}:
        actions.append(_REJECT)
    actions.append(_TERMINATE)
    return actions


def agreement_facts(agreement: Agreement, parties: list[Party] | None = None) -> dict[str, Any]:
    """Derived values with the reason for each, as the detail page shows them. `parties`:
    the agreement's parties when the caller has read them already."""
    if parties is None:
        parties = list(agreement.parties.select_related("region", "organization"))
    specs = [
        rules.PartySpec(p.region, p.organization.kind if p.organization else "") for p in parties
    ]
    kind = rules.derive_kind(specs) if len(specs) >= 2 else None
    regions = [p.region for p in parties if p.region]
    subtype = rules.derive_ksdd_subtype(regions) if agreement.ksdd_subtype else None
    return {
        "kind_reason": kind.reason if kind else "",
        "subtype_reason": subtype.reason if subtype else "",
        "dprd_reason": rules.dprd_reason(
            burdens_public=agreement.burdens_public, budgeted=agreement.budgeted
        ),
        "status": Status(agreement.current_status()),
        "ends_soon": agreement.ends_soon(),
    }
