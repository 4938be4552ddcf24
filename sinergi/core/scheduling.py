"""Debounced background work: after a change, wait a while for more before computing."""

import datetime
from typing import Any

from django.core.cache import cache
from django.tasks import default_task_backend
from django.utils import timezone


def enqueue_debounced(task: Any, key: str, seconds: int) -> None:
    """Queue `task` to run `seconds` from now, unless one was queued under `key` in the last
    `seconds` (it will see this change too): an import or a busy morning of edits then costs
    one run, not one per save. Needs a backend that can defer (the database one); the tests'
    immediate backend cannot, and runs none."""
    if not default_task_backend.supports_defer:
        return
    if not cache.add(key, True, seconds):
        return
    run_after = timezone.now() + datetime.timedelta(seconds=seconds)
    task.using(run_after=run_after).enqueue()
