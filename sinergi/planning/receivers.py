"""Keep an agreement's planning flags in step with the agreement itself: signing, ending,
editing its parties or affairs changes which flags apply, not only plan and budget edits."""

from typing import Any

from django.db import transaction

from sinergi.agreements.models import Agreement


def refresh_flags_after_commit(sender: Any, instance: Agreement, **kwargs: Any) -> None:
    # After the commit: an edit saves the agreement before replacing its parties.
    # Bulk imports bypass signals; the daily `refresh_planning_flags` catches those up.
    if kwargs.get("raw"):
        return
    pk = instance.pk
    transaction.on_commit(lambda: _refresh(pk))


def _refresh(pk: int) -> None:
    from sinergi.planning.services import flags_refresh

    agreement = Agreement.all_objects.filter(pk=pk).first()
    if agreement is not None:
        flags_refresh(agreement=agreement)
