"""The SPM rankings computed in the background (spm.answers): the comparison page then
computes nothing, and a change of figures queues one recomputation."""

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sinergi.conftest import client_for
from sinergi.core.daily import run_daily_jobs
from sinergi.regions.models import Region
from sinergi.spm.answers import DEBOUNCE_SECONDS, spm_rankings_store
from sinergi.spm.tests.conftest import enter

pytestmark = pytest.mark.django_db


def entries_read(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("spm:comparison") + "?tahun=2025")
    assert response.status_code == 200
    return sum("spm_entry" in q["sql"] for q in captured.captured_queries)


def test_stored_rankings_serve_the_country_and_each_province(
    samarinda_2025: Region, superuser: Any, province_admin: Any
) -> None:
    assert spm_rankings_store() == 1 + Region.objects.provinces().count()

    assert entries_read(client_for(superuser)) == 0
    assert entries_read(client_for(province_admin)) == 0
    cache.clear()
    assert entries_read(client_for(province_admin)) > 0  # what the store saved them


def test_the_daily_job_stores_them(samarinda_2025: Region, superuser: Any) -> None:
    names = [name for name, _ in run_daily_jobs()]
    assert "Peringkat SPM" in names
    assert entries_read(client_for(superuser)) == 0


def test_new_figures_queue_one_recomputation_a_minute(
    settings: Any,
    reference_data: Any,
    samarinda: Region,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enter(samarinda, "K-KES-01-P", 1, 100, 30)
    with django_capture_on_commit_callbacks(execute=True):
        enter(samarinda, "K-KES-01-P", 2, 100, 60)

    queued = DBTaskResult.objects.filter(task_path__endswith="store_spm_rankings")
    assert queued.count() == 1
    delay = (queued.get().run_after - queued.get().enqueued_at).total_seconds()
    assert DEBOUNCE_SECONDS - 5 <= delay <= DEBOUNCE_SECONDS + 5
