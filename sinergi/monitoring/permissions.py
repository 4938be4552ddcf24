"""Who may do what in follow-up monitoring. Views, services and the API all ask here.

Seeing is decided earlier, by `agreement_get_for_user` (404 outside the user's regions).
- Managing obligations and indicators: the owning region's TKKSD/Admin Provinsi (`can_decide`).
- Meeting a party's obligation: those managers, the TKKSD/Admin Provinsi of the party's region,
  and officers of an OPD that implements the agreement for that party.
- Writing a report: the same three groups, for any party of the agreement.
- Editing a draft or returned report: its author, or a manager of the author's region.
- Reviewing (return, review): the owning region's managers, never on a report they wrote.
- Pimpinan: read-only everywhere.
"""

from typing import Any

from sinergi.accounts.scope import can_manage_region
from sinergi.agreements.models import Agreement, Party
from sinergi.agreements.permissions import can_decide
from sinergi.monitoring.models import MonitoringReport

OFFICER = "perangkat_daerah"


def can_manage_followup(user: Any, agreement: Agreement) -> bool:
    """Create, edit and delete obligations and indicators."""
    return can_decide(user, agreement)


def _implements(user: Any, party: Party) -> bool:
    if getattr(user, "role", "") != OFFICER or not getattr(user, "agency_id", None):
        return False
    # Through .all() so a prefetched list is used rather than one query per party.
    return any(agency.pk == user.agency_id for agency in party.agencies.all())


def can_act_for_party(user: Any, party: Party) -> bool:
    """Meet this party's obligations: the owner's managers, the party's own region managers
    and its implementing OPD officers."""
    if can_decide(user, party.agreement):
        return True
    if party.region is not None and can_manage_region(user, party.region):
        return True
    return _implements(user, party)


def can_write_reports(user: Any, agreement: Agreement) -> bool:
    """Draft a monitoring report: anyone who may act for one of the parties."""
    if can_decide(user, agreement):
        return True
    return any(can_act_for_party(user, party) for party in _parties(agreement))


def can_edit_report(user: Any, report: MonitoringReport) -> bool:
    """The author's side: the author, or a manager of the author's region."""
    if not report.is_editable or not can_write_reports(user, report.agreement):
        return False
    author = report.author
    if author is None:  # the author's account is gone: the owner's managers take over
        return can_decide(user, report.agreement)
    if author.pk == user.pk:
        return True
    return author.region is not None and can_manage_region(user, author.region)


def can_review(user: Any, report: MonitoringReport) -> bool:
    """Return or review: a manager of the owning region who did not write the report."""
    if report.author_id is not None and report.author_id == getattr(user, "pk", None):
        return False
    return can_decide(user, report.agreement)


def _parties(agreement: Agreement) -> list[Party]:
    return list(
        agreement.parties.select_related("region", "agreement__owner_region").prefetch_related(
            "agencies"
        )
    )
