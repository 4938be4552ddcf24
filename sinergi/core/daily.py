"""The daily jobs, declared in one place and run in this order by `manage.py run_daily_jobs`
(cron, once a day) or the task `run_daily_jobs_task`: end what has ended, then recompute the
planning flags, then the early warnings and their e-mails, then any webhook delivery still
due (a catch-up for installs without a worker or cron), then the SPM rankings (kept a day),
last the default dashboard, network and map of the whole country and of each province
(dashboards.answers). Each job is safe to repeat."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.tasks import task
from django.utils import timezone

from sinergi.agreements.services import agreements_expire_due
from sinergi.alerts.services import warnings_run_daily
from sinergi.dashboards.answers import default_answers_store
from sinergi.planning.services import flags_refresh_all
from sinergi.spm.answers import spm_rankings_store
from sinergi.webhooks.services import deliveries_due


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[datetime.date], str]


JOBS = (
    Job(
        "Kerja sama berakhir",
        lambda day: f"{agreements_expire_due(today=day)} kerja sama berakhir",
    ),
    Job(
        "Tanda perencanaan",
        lambda day: f"{flags_refresh_all(today=day)} kerja sama diperiksa",
    ),
    Job("Peringatan dini", lambda day: _warnings(day)),
    # A catch-up: retries normally run on the worker, or `deliver_webhooks` from cron.
    Job("Webhook tertunda", lambda day: f"{deliveries_due()} pengiriman webhook dicoba"),
    Job("Peringkat SPM", lambda day: f"{spm_rankings_store()} peringkat SPM dihitung ulang"),
    Job("Angka nasional", lambda day: _default_answers(day)),
)


def _default_answers(day: datetime.date) -> str:
    # Last: the figures depend on what the jobs above changed and on the date.
    default_answers_store(today=day)
    return "dasbor, jejaring dan peta nasional dan per provinsi dihitung ulang"


def _warnings(day: datetime.date) -> str:
    run = warnings_run_daily(today=day)
    return f"{run.opened} baru, {run.resolved} selesai, {run.emails} surel terkirim"


def run_daily_jobs(*, today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Run every job for `today`; (job name, summary) per job."""
    day = today or timezone.localdate()
    return [(job.name, job.run(day)) for job in JOBS]


@task()
def run_daily_jobs_task(day: str | None = None) -> list[list[str]]:
    today = datetime.date.fromisoformat(day) if day else None
    return [list(row) for row in run_daily_jobs(today=today)]
