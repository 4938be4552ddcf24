"""The whole country's and each province's default views, precomputed per data version in
the background and kept in the database (core.answers), so that the first request after a
change reads them instead of every agreement and party in scope (whole country: 0.5–2.5 s;
a province: 100–270 ms at 100,000 agreements).

Which views: what a superuser, or a province's admin or pimpinan, sees without filters: the
dashboard's figures, the network (page and JSON), the map's values (provinces and
regencies/cities for the country, regencies/cities for a province) and its lines; and, for
the country's filtered dashboard and map, its agreements in memory (`national_facts`, see
dashboards.facts). Other filtered views are computed on request. Run by the daily job (the
status buckets depend on the date) and, debounced, after every change (`schedule_store`)."""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.tasks import task
from django.utils import timezone

from sinergi.core.answers import forget_older, storing
from sinergi.core.scheduling import enqueue_debounced
from sinergi.core.versions import data_version
from sinergi.dashboards.network import network_both
from sinergi.dashboards.selectors import (
    DashboardFilters,
    dashboard_figures,
    dashboard_scope,
    national_facts,
)
from sinergi.maps.selectors import MapFilters, map_lines_json, map_scope, map_values_json
from sinergi.regions.models import Region

# After a change, wait this long for more before computing: an import or a busy morning of
# edits then costs one run, not one per save.
DEBOUNCE_SECONDS = 60
_SCHEDULED_KEY = "jawaban-bawaan:terjadwal"


def default_answers_store(*, today: datetime.date | None = None) -> int:
    """Compute and store the default views of the current data version for the whole
    country and for each province's officers; delete those of older versions. Returns how
    many older answers were deleted."""
    day = today or timezone.localdate()
    version = data_version()
    people: Any = get_user_model()
    with storing():
        both = (Region.Level.PROVINCE, Region.Level.REGENCY)
        national_facts(day)
        _store_defaults(people(is_superuser=True), day, both)
        for province in Region.objects.provinces():
            officer = people(role=people.Role.PROVINCE_ADMIN, region=province)
            _store_defaults(officer, day, (Region.Level.REGENCY,))
    return forget_older(version)


def _store_defaults(user: Any, day: datetime.date, levels: tuple[str, ...]) -> None:
    """What `user` (never saved: it only names a scope) sees without filters."""
    scope = dashboard_scope(user=user)
    filters = DashboardFilters()
    dashboard_figures(scope, filters=filters, today=day)
    network_both(scope, filters=filters, today=day)
    places = map_scope(user, public=False)
    for level in levels:
        map_values_json(places, level=level, metric="jumlah", filters=MapFilters(), today=day)
    map_lines_json(places, filters=MapFilters(), today=day)


@task()
def store_default_answers() -> int:
    return default_answers_store()


def schedule_store() -> None:
    """Recompute the default answers DEBOUNCE_SECONDS after a change (one run for many)."""
    enqueue_debounced(store_default_answers, _SCHEDULED_KEY, DEBOUNCE_SECONDS)
