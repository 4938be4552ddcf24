"""Keeping the vectors current: agreements without one, or changed since, are embedded in
batches by the worker (about 5 a second on one thread, 9 on two: docs/operations.md)."""

import datetime
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db.models import F, Q
from django.tasks import default_task_backend
from django.utils import timezone

from sinergi.agreements.models import Agreement
from sinergi.core.versions import bump_data_version
from sinergi.embeddings.encoders import agreement_text, encoder
from sinergi.embeddings.models import AgreementVector

VECTORS = "vektor"  # data version of the vectors: the in-memory index reloads when it moves
BATCH_SIZE = 64
DEBOUNCE_SECONDS = 10
_SCHEDULED_KEY = "embeddings:scheduled"


def pending() -> Any:
    """Agreements whose vector is missing or older than their last change."""
    return Agreement.objects.filter(
        Q(vector__isnull=True) | Q(updated_at__gt=F("vector__updated_at"))
    ).order_by("pk")


def embed_pending(*, limit: int | None = None) -> int:
    """Embed what is pending, batch by batch; returns how many vectors were written."""
    model = encoder()
    if model is None:
        return 0
    written = 0
    while limit is None or written < limit:
        size = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - written)
        rows = list(
            pending().values_list(
                "pk", "title", "subject", "purpose", "scope", "primary_affair__name"
            )[:size]
        )
        if not rows:
            break
        started = timezone.now()
        vectors = model.passages([agreement_text(*row[1:]) for row in rows])
        _store(model.name, [row[0] for row in rows], vectors, started)
        written += len(rows)
    if written:
        bump_data_version(VECTORS)
    return written


def _store(name: str, ids: list[int], vectors: np.ndarray, at: datetime.datetime) -> None:
    # Stamped with the batch's start: an agreement changed while it was embedded stays pending.
    AgreementVector.objects.filter(agreement_id__in=ids).delete()
    AgreementVector.objects.bulk_create(
        AgreementVector(
            agreement_id=pk, model=name, vector=vector.astype(np.float16).tobytes(), updated_at=at
        )
        for pk, vector in zip(ids, vectors, strict=True)
    )


def schedule_embedding() -> None:
    """Queue the embedding of changed agreements a few seconds from now (once per burst of
    changes). The tests' immediate backend cannot defer, and runs none."""
    if encoder() is None or not default_task_backend.supports_defer:
        return
    if not cache.add(_SCHEDULED_KEY, True, DEBOUNCE_SECONDS):
        return
    from sinergi.embeddings.tasks import embed_agreements

    run_after = timezone.now() + datetime.timedelta(seconds=DEBOUNCE_SECONDS)
    embed_agreements.using(run_after=run_after).enqueue()
