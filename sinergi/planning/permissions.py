"""Who may change an agreement's planning and budget. Seeing follows the agreement itself
(`agreement_get_for_user`).

- Plan (RPJMD, RKPD, needs budget): managers of the owner region (`can_decide`).
- A party's budget lines: managers of the owner region, and the TKKSD/admin of that party's
  region.
- A party's realisation: also the perangkat daerah officers of an implementing OPD of it.
"""

from typing import Any

from sinergi.accounts.scope import can_manage_region
from sinergi.agreements.models import Agreement, Party
from sinergi.agreements.permissions import can_decide


def can_edit_plan(user: Any, agreement: Agreement) -> bool:
    return can_decide(user, agreement)


def can_edit_party_budget(user: Any, agreement: Agreement, party: Party) -> bool:
    if can_decide(user, agreement):
        return True
    return party.region is not None and can_manage_region(user, party.region)


def can_record_realisation(user: Any, agreement: Agreement, party: Party) -> bool:
    if can_edit_party_budget(user, agreement, party):
        return True
    agency_id = getattr(user, "agency_id", None)
    return (
        getattr(user, "role", "") == "perangkat_daerah"
        and agency_id is not None
        and party.agencies.filter(pk=agency_id).exists()
    )


def can_change_any_planning(user: Any, agreement: Agreement) -> bool:
    """Any of the rights above, on any party: who may send a planning change at all."""
    return can_edit_plan(user, agreement) or any(
        can_record_realisation(user, agreement, party) for party in agreement.parties.all()
    )
