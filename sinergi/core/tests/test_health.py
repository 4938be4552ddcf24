"""GET /sehat/: the database and the task worker, for load balancers and monitoring."""

import datetime
from typing import Any
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_healthy_service_answers_ok_without_a_login() -> None:
    response = Client().get("/sehat/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_a_worker_that_takes_no_tasks_is_reported(settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from sinergi.core.daily import run_daily_jobs_task

    result = run_daily_jobs_task.using(backend="default").enqueue()
    body = Client().get("/sehat/").json()
    assert body["worker"] == {"status": "ok", "waiting": 1}  # just queued
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    late = Client().get("/sehat/")
    assert late.status_code == 200
    assert late.json()["status"] == "terganggu"
    assert late.json()["worker"]["status"] == "terlambat"


def test_a_database_that_does_not_answer_gives_503() -> None:
    with mock.patch("sinergi.core.health.connection.cursor", side_effect=DatabaseError("mati")):
        response = Client().get("/sehat/")
    assert response.status_code == 503
    assert response.json()["database"] == {"status": "gagal"}
