"""The whole country's and the provinces' default views kept in the database per data
version (core.answers, dashboards.answers): read instead of computed, never stale,
recomputed after a change."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sinergi.agreements.models import Agreement
from sinergi.conftest import client_for
from sinergi.core.daily import run_daily_jobs
from sinergi.core.models import StoredAnswer
from sinergi.core.versions import data_version
from sinergi.dashboards.answers import DEBOUNCE_SECONDS, default_answers_store
from sinergi.regions.models import Region

pytestmark = pytest.mark.django_db

# The default pages and the data they fetch: what the job keeps, per user.
NATIONAL_DEFAULTS = (
    reverse("dashboards:index"),
    reverse("dashboards:network"),
    reverse("dashboards:network_data"),
    reverse("api-v1:dashboard-figures"),
    reverse("maps:values") + "?tingkat=provinsi",
    reverse("maps:values") + "?tingkat=kabupaten_kota",
    reverse("maps:lines"),
)
PROVINCE_DEFAULTS = tuple(url for url in NATIONAL_DEFAULTS if "provinsi" not in url)
# Per data version: the country's 6 answers and its facts, and 5 for each of 38 provinces.
ANSWERS = 7 + 5 * 38


def _reads_of_agreements(client: Any, url: str) -> tuple[bytes, int]:
    """The response body, and how many queries read the agreements' parties."""
    cache.clear()  # a cold process: only the database may answer
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    reads = sum('"agreements_party"' in query["sql"] for query in queries.captured_queries)
    return response.content, reads


@pytest.mark.parametrize(
    ("who", "urls"), [("superuser", NATIONAL_DEFAULTS), ("province_admin", PROVINCE_DEFAULTS)]
)
def test_stored_answers_are_read_instead_of_computed(
    dataset: SimpleNamespace, request: Any, who: str, urls: tuple[str, ...]
) -> None:
    client = client_for(request.getfixturevalue(who))
    live = {url: _reads_of_agreements(client, url) for url in urls}
    assert all(reads for _, reads in live.values())  # computed: the parties were read

    default_answers_store()

    assert StoredAnswer.objects.count() == ANSWERS
    for url in urls:
        body, reads = _reads_of_agreements(client, url)
        assert reads == 0, url
        if ".json" in url or "/api/" in url:
            assert body == live[url][0]  # the same answer as computed on request


@pytest.mark.parametrize(
    ("who", "query"),
    [
        ("province_admin", "?kind=ksdpk"),  # a province's filtered views: never stored
        ("superuser", "?status=usulan"),  # one pipeline stage: not in the country's facts
    ],
)
def test_other_filtered_views_are_computed_on_request(
    dataset: SimpleNamespace, request: Any, who: str, query: str
) -> None:
    default_answers_store()
    client = client_for(request.getfixturevalue(who))
    _, reads = _reads_of_agreements(client, reverse("maps:lines") + query)
    assert reads


def test_a_change_is_seen_at_once_and_the_next_run_forgets_the_old_answers(
    dataset: SimpleNamespace,
    superuser: Any,
    make_agreement: Callable[..., Agreement],
    samarinda: Region,
    pontianak: Region,
    django_capture_on_commit_callbacks: Any,
) -> None:
    default_answers_store()
    client = client_for(superuser)
    before = client.get(reverse("dashboards:index")).context["figures"]["total"]
    stored_version = data_version()

    with django_capture_on_commit_callbacks(execute=True):  # the version is raised on commit
        make_agreement(superuser, samarinda, [pontianak])

    assert data_version() > stored_version
    cache.clear()
    assert client.get(reverse("dashboards:index")).context["figures"]["total"] == before + 1
    assert default_answers_store() == ANSWERS  # the answers of the older version deleted
    assert set(StoredAnswer.objects.values_list("version", flat=True)) == {data_version()}


def test_the_daily_job_stores_them(dataset: SimpleNamespace) -> None:
    names = [name for name, _ in run_daily_jobs()]
    assert names[-1] == "Angka nasional"
    assert StoredAnswer.objects.filter(version=data_version()).count() == ANSWERS


def test_a_change_queues_one_recomputation_a_minute(
    settings: Any,
    superuser: Any,
    samarinda: Region,
    pontianak: Region,
    make_agreement: Callable[..., Agreement],
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_agreement(superuser, samarinda, [pontianak])
    with django_capture_on_commit_callbacks(execute=True):
        make_agreement(superuser, samarinda, [pontianak])

    queued = DBTaskResult.objects.filter(task_path__endswith="store_default_answers")
    assert queued.count() == 1
    delay = (queued.get().run_after - queued.get().enqueued_at).total_seconds()
    assert DEBOUNCE_SECONDS - 5 <= delay <= DEBOUNCE_SECONDS + 5
