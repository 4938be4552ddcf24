"""Data versions: a counter per data set that cache keys hold (`data_version`), raised
after every committed change (`bump_data_version`).

Raised after the commit, never inside the transaction: the counter is one row that every
writer updates, and holding its lock until a long import commits would make every other
save wait. Correct either way round: a reader that saw the old version computed its figures
either before the change (its entry is never read again) or after it (the entry is current).
Model saves raise it through signals (dashboards.receivers); services that write in bulk,
bypassing signals, call `bump_data_version` themselves.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from sinergi.core.models import DataVersion

AGREEMENTS = "kerja_sama"  # agreements, parties, affairs, warnings, flags, regions' borders
SPM = "spm"  # SPM figures, published field indices, the index scheme and its bands
INNOVATIONS = "inovasi"  # innovations and their replications (map, rankings)
MONITORING = "monev"  # monitoring reports (the report list's counts)

# Sent after a counter was raised, with `name`: dashboards.answers queues the recomputation
# of what it keeps per version.
version_raised = Signal()


def data_version(name: str = AGREEMENTS) -> int:
    value = DataVersion.objects.filter(name=name).values_list("value", flat=True).first()
    return value or 0


def bump_data_version(name: str = AGREEMENTS) -> None:
    """Raise the counter once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _bump(name), robust=True)


def raise_on_change(name: str, *models: type[Model]) -> None:
    """Raise the `name` version after every committed save or delete of one of `models`
    (not while fixtures load). Call from an app's `ready()`."""

    def changed(sender: Any, **kwargs: Any) -> None:
        if not kwargs.get("raw"):
            bump_data_version(name)

    for model in models:
        uid = f"data-version-{name}-{model._meta.label_lower}"
        # A closure: kept alive by the signal (weak=False), connected once by its uid.
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def _bump(name: str) -> None:
    _raise(name)
    version_raised.send(sender=DataVersion, name=name)


def _raise(name: str) -> None:
    if DataVersion.objects.filter(name=name).update(value=F("value") + 1):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(name=name, value=1)
    except IntegrityError:  # created meanwhile by a concurrent first bump
        DataVersion.objects.filter(name=name).update(value=F("value") + 1)
