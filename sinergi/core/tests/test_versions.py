"""The agreements' data version: raised after every committed change, never before it."""

from typing import Any

import pytest
from django.db import transaction

from sinergi.agreements.models import Agreement, Party
from sinergi.alerts.services import warnings_refresh
from sinergi.core.models import DataVersion
from sinergi.core.versions import bump_data_version, data_version

pytestmark = pytest.mark.django_db


def test_the_version_rises_once_the_change_is_committed(
    django_capture_on_commit_callbacks: Any,
) -> None:
    start = data_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bump_data_version()
        assert data_version() == start  # not before the commit: readers still see old data
    for callback in callbacks:
        callback()
    assert data_version() == start + 1


def test_a_rolled_back_change_leaves_the_version_alone(transactional_db: Any) -> None:
    start = data_version()

    def change_then_fail() -> None:
        with transaction.atomic():
            bump_data_version()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert data_version() == start
    bump_data_version()  # outside a transaction: at once, creating the row if missing
    assert data_version() == start + 1


def test_the_counter_row_is_created_by_the_first_bump(
    django_capture_on_commit_callbacks: Any,
) -> None:
    DataVersion.objects.all().delete()
    assert data_version() == 0
    with django_capture_on_commit_callbacks(execute=True):
        bump_data_version()
    assert data_version() == 1


def test_saving_an_agreement_or_its_parties_raises_the_version(
    province_admin: Any,
    samarinda: Any,
    kukar: Any,
    make_agreement: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        agreement = make_agreement(province_admin, samarinda, [kukar])
    start = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        Party.objects.filter(agreement=agreement).last().delete()  # type: ignore[union-attr]
    assert data_version() > start
    start = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        agreement.other_affairs.clear()
    assert data_version() > start
    start = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        Agreement.objects.filter(pk=agreement.pk).update(title="Tanpa sinyal")
    assert data_version() == start  # a queryset update sends no signal: services bump


def test_the_daily_warnings_refresh_raises_the_version(
    django_capture_on_commit_callbacks: Any,
) -> None:
    import datetime

    start = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        warnings_refresh(today=datetime.date(2026, 11, 23))
    assert data_version() == start + 1
