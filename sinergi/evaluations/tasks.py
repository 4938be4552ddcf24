"""Background tasks of the evaluations app: thin wrappers around services, queued after
commit by the services and run by `manage.py db_worker` (at once under pytest)."""

from django.tasks import task

from sinergi.evaluations import services


@task()
def build_annual_report(report_id: int) -> str:
    """Build the PDF and XLSX of an annual report; returns its final state."""
    return str(services.annual_report_run(report_id=report_id).state)
