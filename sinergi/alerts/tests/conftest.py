"""Fixtures of the early-warning tests: an agreement in force between Samarinda (owner) and
Kukar, implemented by Dinkes Samarinda, with its lifecycle history moved to its start date
and its SOP milestones removed, so each test adds only the situation it is about."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from sinergi.agreements.models import Agreement, Milestone, StatusChange


def at(day: datetime.date) -> datetime.datetime:
    """Noon of `day` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def in_force(
    make_active_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    dinkes_samarinda: Any,
) -> Callable[..., Agreement]:
    def make(start: datetime.date, end: datetime.date, **fields: Any) -> Agreement:
        agreement = make_active_agreement(
            tkksd_samarinda, samarinda, [kukar], start_date=start, end_date=end, **fields
        )
        StatusChange.objects.filter(agreement=agreement).update(at=at(start))
        Milestone.objects.filter(agreement=agreement).delete()
        agreement.parties.get(region=samarinda).agencies.add(dinkes_samarinda)
        return agreement

    return make
