"""Background task of the early warnings: a thin wrapper around the daily job.

Cron runs `manage.py send_warnings` directly; the task lets an operator (or a scheduler
inside the worker) queue the same job with `run_daily_warnings.enqueue()`.
"""

import datetime

from django.tasks import task

from sinergi.alerts.services import warnings_run_daily


@task()
def run_daily_warnings(day: str | None = None) -> int:
    """Run the daily job for `day` (ISO date, default today); returns the WarningRun id."""
    today = datetime.date.fromisoformat(day) if day else None
    return warnings_run_daily(today=today).pk
