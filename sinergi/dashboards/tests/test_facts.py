"""The whole country's agreements in memory (dashboards.facts) give, for every filter they
cover, exactly the numbers SQL gives: dashboard figures, map values and lines."""

import datetime
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement
from sinergi.agreements.selectors import AgreementFilters, pin
from sinergi.conftest import client_for
from sinergi.core.answers import storing
from sinergi.core.models import StoredAnswer
from sinergi.dashboards.answers import default_answers_store
from sinergi.dashboards.selectors import (
    DashboardFilters,
    _counts_in_memory,
    _counts_in_sql,
    _figures,
    filtered,
    national_facts,
)
from sinergi.dashboards.tests.conftest import TODAY
from sinergi.maps.selectors import (
    MapFilters,
    _lines_in_memory,
    _region_rows,
    _region_rows_in_memory,
    _values,
    cooperation_lines,
    partner_organizations,
)
from sinergi.regions.models import Region

pytestmark = pytest.mark.django_db

# Every status of the filter, sectors as primary and as other affair, kinds, years, and
# combinations; "9.99" is no affair at all.
FILTERS: list[dict[str, Any]] = [
    {"affair": "1.02"},
    {"affair": "1.01"},
    {"affair": "2.07"},
    {"affair": "9.99"},
    {"kind": "ksdd"},
    {"kind": "ksdpk"},
    {"year_from": 2025},
    {"year_to": 2024},
    {"year_from": 2024, "year_to": 2024},
    {"year_from": 2025, "affair": "1.01", "status": "berlaku"},
    *({"status": status} for status in ("berlaku", "akan_berakhir", "simbolis", "berakhir")),
    *({"status": status} for status in ("dalam_proses", "diakhiri", "ditolak")),
]


@pytest.fixture
def country(
    dataset: SimpleNamespace,
    province_admin: Any,
    kaltim: Region,
    samarinda: Region,
    kukar: Region,
    university: Any,
    make_active_agreement: Callable[..., Agreement],
) -> SimpleNamespace:
    """The dashboards' data set, plus other sectors (one the same as the primary, which
    counts once) and a province recording an agreement between two of its regencies."""
    education = Affair.objects.get(code="1.01")
    dataset.kb_active.other_affairs.add(education, Affair.objects.get(code="2.07"))
    dataset.pks_soon.other_affairs.add(education, dataset.pks_soon.primary_affair)
    dataset.by_province = make_active_agreement(
        province_admin,
        kaltim,
        [samarinda, kukar, university],
        signed_on=datetime.date(2025, 8, 1),
        start_date=datetime.date(2025, 8, 1),
        end_date=TODAY + datetime.timedelta(days=30),
    )
    # The province is a party (make_agreement names the owner first): recorded "alone".
    dataset.by_province.parties.filter(region=kaltim).delete()
    with storing():  # what the worker does after a change (dashboards.answers)
        national_facts(TODAY)
    return dataset


def test_statuses_of_the_data_set_are_all_there(country: SimpleNamespace) -> None:
    """The comparison below means something only if each filter keeps some rows."""
    facts = national_facts(TODAY)
    for wanted in FILTERS:
        if wanted.get("affair") == "9.99":
            continue
        keep = facts.select(AgreementFilters(**wanted))
        assert keep is not None, wanted
        assert keep.any(), wanted
    assert facts.owner_alone.sum() == 1


@pytest.mark.parametrize("wanted", FILTERS, ids=str)
def test_dashboard_figures_in_memory_equal_sql(country: SimpleNamespace, wanted: Any) -> None:
    filters = DashboardFilters(**wanted)
    scoped = pin(filtered(Agreement.objects.all(), filters, TODAY), enabled=False)
    in_sql = _figures(_counts_in_sql(scoped, TODAY, ()))
    in_memory = _counts_in_memory(filters, TODAY)

    assert in_memory is not None
    assert _figures(in_memory) == in_sql


@pytest.mark.parametrize("wanted", FILTERS, ids=str)
@pytest.mark.parametrize("level", ["provinsi", "kabupaten_kota"])
def test_map_values_and_lines_in_memory_equal_sql(
    country: SimpleNamespace, wanted: Any, level: str
) -> None:
    filters = MapFilters(**wanted)
    scoped = pin(filters.apply(Agreement.objects.all(), TODAY), enabled=False)
    sql_rows = _region_rows(scoped, level=level, today=TODAY, within=None)
    memory_rows = _region_rows_in_memory(filters, level=level, today=TODAY)

    assert memory_rows is not None
    assert _values(memory_rows, level=level, within=None) == _values(
        sql_rows, level=level, within=None
    )
    assert _lines_in_memory(filters, TODAY) == (
        cooperation_lines(scoped, None),
        partner_organizations(scoped),
    )


def test_the_province_recording_alone_is_counted_for_the_province(
    country: SimpleNamespace,
) -> None:
    rows = _region_rows_in_memory(MapFilters(kind="ksdpk"), level="provinsi", today=TODAY)
    assert dict(rows or []) == {"64": {"jumlah": 1, "aktif": 1, "simbolis_jumlah": 0}}


@pytest.mark.parametrize(
    "wanted", [{"status": "usulan"}, {"province": "64"}, {"party": "Samarinda"}, {"q": "x"}]
)
def test_filters_not_covered_are_left_to_sql(country: SimpleNamespace, wanted: Any) -> None:
    assert national_facts(TODAY).select(AgreementFilters(**wanted)) is None


def test_without_stored_facts_a_filtered_view_is_computed_in_sql(
    dataset: SimpleNamespace,
) -> None:
    """A request never builds the facts (2 s at 100,000 agreements): SQL answers instead."""
    filters = DashboardFilters(affair="1.02")
    assert _counts_in_memory(filters, TODAY) is None
    on_map = MapFilters(affair="1.02")
    assert _lines_in_memory(on_map, TODAY) is None
    assert _region_rows_in_memory(on_map, level="provinsi", today=TODAY) is None
    assert not StoredAnswer.objects.exists()


def test_a_filtered_national_view_reads_the_stored_facts_not_the_agreements(
    country: SimpleNamespace, superuser: Any
) -> None:
    default_answers_store()
    client = client_for(superuser)
    for url in (
        reverse("api-v1:dashboard-figures") + "?affair=1.02&status=berlaku",
        reverse("maps:values") + "?tingkat=kabupaten_kota&year_from=2025",
        reverse("maps:lines") + "?kind=ksdpk",
    ):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        sql = " ".join(query["sql"] for query in queries.captured_queries)
        assert '"agreements_party"' not in sql, url
        assert 'FROM "agreements_agreement"' not in sql, url
