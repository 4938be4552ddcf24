"""The SPM rankings of the whole country and of each province, computed in the background
after a change of SPM figures and by the daily job, so that the first visitor after a change
does not wait: the country's 552 indices take over a second to compute from ~90,000
figures, a cached ranking 100 ms (docs/benchmarks.md).

They land in the cache that `region_indices` reads (one entry per set of regions, year and
SPM data version): shared by every process with the database cache of production."""

from typing import Any

from django.contrib.auth import get_user_model
from django.tasks import task

from sinergi.accounts.scope import visible_regions
from sinergi.core.scheduling import enqueue_debounced
from sinergi.regions.models import Region
from sinergi.spm.comparison import comparison
from sinergi.spm.selectors import latest_year

DEBOUNCE_SECONDS = 60
_SCHEDULED_KEY = "spm-indeks:terjadwal"


def spm_rankings_store() -> int:
    """Compute the latest year's ranking for the country and each province, as the
    comparison page asks for them (the regions a superuser and a province's officers see:
    users never saved, they only name a scope); returns how many rankings."""
    year = latest_year()
    if year is None:
        return 0
    people: Any = get_user_model()
    viewers = [people(is_superuser=True)]
    viewers += [
        people(role=people.Role.PROVINCE_ADMIN, region=province)
        for province in Region.objects.provinces()
    ]
    for viewer in viewers:
        comparison(regions=visible_regions(viewer).defer("boundary"), year=year)
    return len(viewers)


@task()
def store_spm_rankings() -> int:
    return spm_rankings_store()


def schedule_store() -> None:
    enqueue_debounced(store_spm_rankings, _SCHEDULED_KEY, DEBOUNCE_SECONDS)
