"""A small known data set for the evaluation tests, written straight to the models (the
monitoring and planning pages are other apps' business)."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from sinergi.agreements.models import Agreement, Milestone, Party
from sinergi.monitoring.models import Indicator, IndicatorRealisation, MonitoringReport
from sinergi.planning.models import BudgetLine

D = datetime.date


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def add_report(
    agreement: Agreement,
    start: datetime.date,
    end: datetime.date,
    *,
    sent: datetime.date | None,
    state: str = "diajukan",
    recommendation: str = "",
) -> MonitoringReport:
    return MonitoringReport.objects.create(
        agreement=agreement,
        period_start=start,
        period_end=end,
        state=state,
        submitted_at=at(sent) if sent else None,
        recommendation=recommendation,
    )


def add_indicator(
    agreement: Agreement, target: str, *, name: str = "Pasien rujukan", lower: bool = False
) -> Indicator:
    return Indicator.objects.create(
        agreement=agreement,
        name=name,
        unit="orang",
        target=Decimal(target),
        higher_is_better=not lower,
    )


def realise(report: MonitoringReport, indicator: Indicator, value: str) -> None:
    IndicatorRealisation.objects.create(report=report, indicator=indicator, value=Decimal(value))


def add_budget(
    agreement: Agreement,
    year: int,
    allocated: str,
    realised: str,
    *,
    position: int = 1,
    code: str = "1.02.02.2.02.0014",
) -> BudgetLine:
    party = agreement.parties.get(position=position)
    return BudgetLine.objects.create(
        agreement=agreement,
        party=party,
        fiscal_year=year,
        sub_activity_code=code,
        allocated=Decimal(allocated),
        realised=Decimal(realised),
    )


def add_milestone(
    agreement: Agreement, due: datetime.date, done: datetime.date | None
) -> Milestone:
    return Milestone.objects.create(
        agreement=agreement,
        stage="berlaku",
        name="Rapat koordinasi",
        responsible="TKKSD",
        due_date=due,
        done_at=at(done) if done else None,
    )


def first_party(agreement: Agreement) -> Party:
    return agreement.parties.get(position=1)


@pytest.fixture
def rujukan(
    make_active_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    kukar: Any,
    samarinda: Any,
) -> Agreement:
    """Samarinda–Kukar, in force 1 Jan 2025 – 31 Dec 2026; no milestones of its own."""
    agreement = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Rujukan pasien Samarinda–Kukar",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
    )
    agreement.milestones.all().delete()
    return agreement
