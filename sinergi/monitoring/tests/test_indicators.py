"""Indicators: achievement against target, either direction, from counted reports only."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from sinergi.agreements.models import Agreement
from sinergi.core.errors import DomainError
from sinergi.monitoring.models import Indicator, MonitoringReport
from sinergi.monitoring.selectors import indicator_rows
from sinergi.monitoring.services import (
    IndicatorInput,
    RealisationInput,
    indicator_create,
    indicator_delete,
    indicator_update,
    report_submit,
)

D = Decimal


@pytest.mark.parametrize(
    ("higher", "target", "value", "expected"),
    [
        (True, "200", "150", D("75.0")),
        (True, "200", "250", D("125.0")),
        (True, "3", "1", D("33.3")),
        (False, "3", "6", D("50.0")),  # lower is better: twice the allowed waiting time
        (False, "3", "2", D("150.0")),
        (False, "3", "0", D("100")),  # zero cases meets any lower-is-better target
        (True, "0", "5", None),  # no ratio to a zero target
        (True, "200", None, None),
    ],
)
def test_achievement_respects_the_direction_of_the_indicator(
    higher: bool, target: str, value: str | None, expected: Decimal | None
) -> None:
    indicator = Indicator(name="x", unit="u", target=D(target), higher_is_better=higher)
    assert indicator.achievement_percent(D(value) if value else None) == expected


def test_the_latest_counted_report_gives_the_realisation_shown(
    make_report: Callable[..., MonitoringReport],
    tkksd_samarinda: Any,
    beds: Indicator,
    waiting_days: Indicator,
    agreement: Agreement,
) -> None:
    first = make_report(tkksd_samarinda, [beds, waiting_days])
    report_submit(user=tkksd_samarinda, report=first)
    later = make_report(
        tkksd_samarinda,
        [beds, waiting_days],
        start=datetime.date(2025, 7, 1),
        period_end=datetime.date(2025, 12, 31),
        realisations=[RealisationInput(beds, D(180)), RealisationInput(waiting_days, D(4))],
    )
    rows = {r.indicator.pk: r for r in indicator_rows(agreement)}
    assert rows[beds.pk].latest.value == D(100)  # type: ignore[union-attr]  # the draft not yet
    report_submit(user=tkksd_samarinda, report=later)
    rows = {r.indicator.pk: r for r in indicator_rows(agreement)}
    assert rows[beds.pk].achievement == D("90.0")
    assert rows[waiting_days.pk].achievement == D("75.0")


def test_owner_managers_define_indicators_others_may_not(
    agreement: Agreement, tkksd_samarinda: Any, tkksd_kukar: Any, executive: Any
) -> None:
    data = IndicatorInput(name="Pasien", unit="orang", target=D(10))
    indicator = indicator_create(user=tkksd_samarinda, agreement=agreement, data=data)
    data.target = D(20)
    assert indicator_update(user=tkksd_samarinda, indicator=indicator, data=data).target == 20
    for user in (tkksd_kukar, executive):
        with pytest.raises(PermissionDenied):
            indicator_create(user=user, agreement=agreement, data=data)
        with pytest.raises(PermissionDenied):
            indicator_delete(user=user, indicator=indicator)
    indicator_delete(user=tkksd_samarinda, indicator=indicator)


def test_an_indicator_with_realisations_is_not_deleted(
    make_report: Callable[..., MonitoringReport], tkksd_samarinda: Any, beds: Indicator
) -> None:
    make_report(tkksd_samarinda, [beds])
    with pytest.raises(DomainError, match="sudah memiliki realisasi"):
        indicator_delete(user=tkksd_samarinda, indicator=beds)
