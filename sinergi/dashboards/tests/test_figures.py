"""The dashboard's aggregate numbers against the known data set of conftest.py."""

import datetime
from collections import Counter
from types import SimpleNamespace
from typing import Any

import pytest

from sinergi.affairs.models import Affair
from sinergi.agreements.services import agreement_terminate
from sinergi.dashboards.selectors import (
    DashboardFilters,
    dashboard_figures,
    dashboard_scope,
    year_series,
    year_summary,
)
from sinergi.dashboards.tests.conftest import TODAY, idle_warning

pytestmark = pytest.mark.django_db


def figures_for(user: Any, today: datetime.date = TODAY, **filters: Any) -> dict[str, Any]:
    wanted = DashboardFilters(**filters)
    scope = dashboard_scope(user=user, province_code=wanted.province)
    return dashboard_figures(scope, filters=wanted, today=today)


def counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {row["code"]: row["count"] for row in rows}


def test_it_counts_kb_type_documents_pks_and_addenda_apart(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    figures = figures_for(province_admin)
    assert figures["total"] == 10
    assert counts(figures["by_doc_type"]) == {"kb": 6, "mou": 1, "pks": 3}
    assert figures["doc_groups"] == {"kerangka": 7, "pks": 3, "adendum": 0}


def test_it_counts_by_kind_and_sector(dataset: SimpleNamespace, province_admin: Any) -> None:
    figures = figures_for(province_admin)
    assert counts(figures["by_kind"]) == {"ksdd": 7, "ksdpk": 3}
    assert counts(figures["by_sector"]) == {"1.02": 10}


def test_it_counts_the_status_as_of_today_with_the_end_date_boundaries(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    figures = figures_for(province_admin)
    # In force: 400, 91, 90 and 1 days left. Ended: the one ending today and yesterday.
    assert counts(figures["by_status"]) == {
        "berlaku": 4,
        "akan_berakhir": 2,  # 90 days left is "akan berakhir", 91 is not
        "simbolis": 1,  # the resolved warning does not count
        "berakhir": 2,
        "dalam_proses": 2,
        "diakhiri": 1,
        "ditolak": 1,
    }
    buckets = counts(figures["status_buckets"])
    assert buckets == {
        "berlaku_lain": 2,
        "akan_berakhir": 2,
        "berakhir": 2,
        "dalam_proses": 2,
        "diakhiri": 1,
        "ditolak": 1,
    }
    assert sum(buckets.values()) == figures["total"]


def test_a_day_later_the_agreement_with_one_day_left_has_ended(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    figures = figures_for(province_admin, today=TODAY + datetime.timedelta(days=1))
    status = counts(figures["by_status"])
    assert status["berakhir"] == 3
    assert status["berlaku"] == 3
    assert status["akan_berakhir"] == 2  # 89 and 90 days left now


def test_it_counts_signings_per_year_with_the_change_against_the_year_before(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    figures = figures_for(province_admin)
    assert figures["by_year"] == [
        {"year": 2024, "count": 2, "change_pct": None},
        {"year": 2025, "count": 5, "change_pct": 150},
        {"year": None, "count": 3, "change_pct": None},
    ]
    assert figures["year_summary"] == "5 pada 2025, naik 150% dari 2 pada 2024."


def test_the_year_sentence_is_computed_from_the_counts() -> None:
    series = year_series(Counter({2022: 60, 2023: 90, 2024: 100, 2025: 208}))
    assert [r["change_pct"] for r in series] == [None, 50, 11, 108]
    assert year_summary(series) == (
        "208 pada 2025, naik 108% dari 100 pada 2024; tahun-tahun sebelumnya paling banyak 100."
    )
    assert year_summary(year_series(Counter({2024: 10, 2025: 8}))) == (
        "8 pada 2025, turun 20% dari 10 pada 2024."
    )
    assert year_summary(year_series(Counter({2023: 4, 2025: 3}))) == (
        "3 pada 2025, sedangkan pada 2024 tidak ada."
    )
    assert year_summary(year_series(Counter({None: 2}))) == (
        "Belum ada kerja sama yang ditandatangani."
    )


def test_it_lists_partners_other_than_the_users_own_regions(
    dataset: SimpleNamespace, province_admin: Any, tkksd_samarinda: Any
) -> None:
    province = figures_for(province_admin)["top_partners"]
    assert [(p["label"], p["count"]) for p in province] == [("Universitas Mulawarman", 3)]
    city = figures_for(tkksd_samarinda)["top_partners"]
    assert [(p["label"], p["group"], p["count"]) for p in city] == [
        ("Kabupaten Kutai Kartanegara", "Wilayah", 7),
        ("Universitas Mulawarman", "Perguruan tinggi", 2),
    ]


def test_it_counts_planning_flags_in_scope_only(
    dataset: SimpleNamespace, province_admin: Any
) -> None:
    assert counts(figures_for(province_admin)["flags"]) == {
        "belum_direncanakan": 0,
        "belum_dianggarkan": 1,
        "kewenangan_tidak_sesuai": 0,
        "realisasi_rendah": 0,
    }


def test_a_tkksd_of_pontianak_sees_none_of_kaltims_agreements(
    dataset: SimpleNamespace, tkksd_pontianak: Any
) -> None:
    figures = figures_for(tkksd_pontianak)
    assert figures["total"] == 1
    assert counts(figures["by_status"])["simbolis"] == 0
    assert counts(figures["flags"])["belum_dianggarkan"] == 1
    assert figures["top_partners"][0]["label"] == "Universitas Mulawarman"


def test_a_superuser_sees_the_nation_or_picks_one_province(
    dataset: SimpleNamespace, superuser: Any, province_admin: Any
) -> None:
    assert figures_for(superuser)["total"] == 11
    assert figures_for(superuser, province="61")["total"] == 1
    assert figures_for(superuser, province="64")["total"] == 10
    # A province admin cannot look into another province: the choice is ignored.
    assert figures_for(province_admin, province="61")["total"] == 10


@pytest.mark.parametrize(
    ("filters", "total"),
    [
        ({"year_from": 2025}, 5),
        ({"year_to": 2024}, 2),
        ({"year_from": 2024, "year_to": 2024}, 2),
        ({"kind": "ksdpk"}, 3),
        ({"status": "akan_berakhir"}, 2),
        ({"status": "berakhir"}, 2),
        ({"status": "simbolis"}, 1),
        ({"status": "dalam_proses"}, 2),
        ({"affair": "1.02"}, 10),
        ({"affair": "1.01"}, 0),
    ],
)
def test_the_filters_narrow_every_figure(
    dataset: SimpleNamespace, province_admin: Any, filters: dict[str, Any], total: int
) -> None:
    figures = figures_for(province_admin, **filters)
    assert figures["total"] == total
    assert sum(r["count"] for r in figures["status_buckets"]) == total
    assert sum(r["count"] for r in figures["by_doc_type"]) == total


def test_an_agreement_counts_in_each_of_its_sectors(
    province_admin: Any, samarinda: Any, kukar: Any, make_agreement: Any, health: Affair
) -> None:
    education = Affair.objects.get(code="1.01")
    make_agreement(
        province_admin, samarinda, [kukar], primary_affair=education, other_affairs=[health]
    )
    make_agreement(province_admin, samarinda, [kukar])
    figures = figures_for(province_admin)
    assert counts(figures["by_sector"]) == {"1.02": 2, "1.01": 1}
    assert figures_for(province_admin, affair="1.01")["total"] == 1


def test_a_change_to_an_agreement_shows_up_at_once_despite_the_cache(
    dataset: SimpleNamespace,
    province_admin: Any,
    django_assert_max_num_queries: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    before = figures_for(province_admin)
    # Cached: the scope's regions and the data version only, none of the GROUP BYs.
    with django_assert_max_num_queries(4):
        assert figures_for(province_admin) == before
    with django_capture_on_commit_callbacks(execute=True):  # the version rises on commit
        agreement_terminate(
            user=province_admin, agreement=dataset.kb_active, reason="keadaan_kahar"
        )
    after = counts(figures_for(province_admin)["by_status"])
    assert after["berlaku"] == 3
    assert after["diakhiri"] == 2


def test_a_new_idle_warning_shows_up_at_once_despite_the_cache(
    dataset: SimpleNamespace, province_admin: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert counts(figures_for(province_admin)["by_status"])["simbolis"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        idle_warning(dataset.pks_soon)
    assert counts(figures_for(province_admin)["by_status"])["simbolis"] == 2
