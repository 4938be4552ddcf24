"""Health of the service for load balancers and monitoring (GET /sehat/, no sign-in).

- database: a trivial query answers (its time in ms); if not, 503.
- worker: with the database task backend, a ready task waiting longer than WORKER_LAG means no
  worker is taking tasks (stopped, or far behind): "degraded", still 200 (pages work; imports,
  reading documents, e-mails and webhooks wait).
Nothing about data or users is told.
"""

import datetime
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

WORKER_LAG = datetime.timedelta(minutes=5)


def database_status() -> dict[str, Any]:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return {"status": "gagal"}
    return {"status": "ok", "ms": round((time.monotonic() - started) * 1000, 1)}


def worker_status() -> dict[str, Any]:
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return {"status": "tidak_dipakai"}  # tasks run in the web process
    from django_tasks_db.models import DBTaskResult

    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    if oldest is None:
        return {"status": "ok", "waiting": 0}
    waiting = DBTaskResult.objects.ready().count()
    late = timezone.now() - oldest > WORKER_LAG
    return {"status": "terlambat" if late else "ok", "waiting": waiting}


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    database = database_status()
    worker = worker_status() if database["status"] == "ok" else {"status": "tidak_diketahui"}
    if database["status"] != "ok":
        overall, code = "gagal", 503
    elif worker["status"] == "terlambat":
        overall, code = "terganggu", 200
    else:
        overall, code = "ok", 200
    return JsonResponse({"status": overall, "database": database, "worker": worker}, status=code)
