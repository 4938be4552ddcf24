"""A worker killed in the middle of a task: the task is found RUNNING under the worker's id,
put back in the queue before the worker starts again, and then done exactly once."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_a_task_of_a_killed_worker_is_requeued_and_done_once(
    settings: Any,
    tmp_path: Path,
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
) -> None:
    from django_tasks_db.models import DBTaskResult

    from sinergi.webhooks import services
    from sinergi.webhooks.models import Delivery

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # A receiver that never answers in time: the worker is busy in the task when it is killed.
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
    hook, _secret = services.webhook_create(
        user=tkksd_samarinda, region=samarinda, name="x", url=url
    )
    make_active_agreement(  # its status changes make the deliveries
        tkksd_samarinda, samarinda, [kukar], start_date=datetime.date.today(), duration_months=12
    )
    queued = DBTaskResult.objects.filter(task_path__endswith="deliver_webhook").count()
    assert queued >= 1

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--worker-id",
            "pekerja-1",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not DBTaskResult.objects.running().exists():
            assert time.monotonic() < deadline, "the worker never took the task"
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGKILL)  # no clean shutdown: the task stays RUNNING
        worker.wait(timeout=30)
        silent.close()
    stuck = DBTaskResult.objects.running().get()
    assert stuck.worker_ids[-1] == "pekerja-1"

    call_command("requeue_tasks", "--worker-id", "pekerja-2", verbosity=0)  # not its task
    assert DBTaskResult.objects.running().count() == 1
    call_command("requeue_tasks", "--worker-id", "pekerja-1", verbosity=0)
    assert not DBTaskResult.objects.running().exists()

    # The killed attempt held a lease on its delivery; once it runs out, the delivery is due.
    Delivery.objects.filter(webhook=hook).update(next_attempt_at="2000-01-01T00:00:00Z")
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--worker-id",
        "pekerja-1",
        verbosity=0,
    )
    stuck.refresh_from_db()
    assert stuck.status == "SUCCESSFUL"  # the killed task, done on the second run
    assert not DBTaskResult.objects.filter(status__in=["RUNNING", "FAILED"]).exists()
    # Nothing done twice: one attempt per delivery (the killed one never finished its attempt;
    # a failure now queues a deferred retry, which is not run here).
    assert [d.attempts for d in Delivery.objects.filter(webhook=hook)] == [1] * queued
