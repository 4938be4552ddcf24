"""Background tasks of planning: thin wrappers around services (see agreements/tasks.py)."""

from django.tasks import task

from sinergi.planning.services import flags_refresh_all


@task()
def refresh_planning_flags() -> int:
    """The daily recomputation of every live agreement's flags (dates move on: a new fiscal
    year, a month more for realisation); returns how many agreements were checked."""
    return flags_refresh_all()
