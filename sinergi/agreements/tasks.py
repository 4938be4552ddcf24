"""Background tasks of the agreements app: thin wrappers around services.

They are queued with `transaction.on_commit` by the services and run by `manage.py db_worker`
(or at once under the immediate backend in tests). Their state lives on a row, not here.
"""

from django.tasks import task

from sinergi.agreements import imports


@task()
def run_agreement_import(import_id: int) -> int:
    """Write a confirmed register import; returns the number of agreements created."""
    return imports.agreement_import_run(batch_id=import_id).created_count
