"""Background task of the document reading: a thin wrapper around the service."""

from django.tasks import task

from sinergi.extractions import services


@task()
def run_extraction(extraction_id: int) -> str:
    """Read one uploaded document; returns its final status."""
    return services.extraction_run(extraction_id=extraction_id).status
