"""Tasks left behind by a worker that was killed (power cut, OOM killer, `kill -9`):
django-tasks-db marks a task RUNNING when a worker claims it and nothing ever moves it on if
that worker dies. Each worker runs under a fixed id (`db_worker --worker-id ID`); before it
starts again, `manage.py requeue_tasks --worker-id ID` puts the tasks its previous run had
claimed and not finished back in the queue, to run once more.

Every task of Sinergi is safe to run again from the start: imports and document reading keep
their state on their own row and start over, vectors are written for what is still pending,
annual reports and stored answers are rebuilt, webhook deliveries are claimed with a lease,
the daily jobs are idempotent.
"""

from django.db import transaction
from django.tasks.base import TaskResultStatus


@transaction.atomic
def tasks_requeue(*, worker_id: str) -> int:
    """Put back in the queue the RUNNING tasks last claimed by `worker_id`; how many."""
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.running().select_for_update()
    orphans = [task for task in running if task.worker_ids and task.worker_ids[-1] == worker_id]
    for task in orphans:
        task.status = TaskResultStatus.READY
        task.started_at = None
        task.save(update_fields=["status", "started_at"])
    return len(orphans)
