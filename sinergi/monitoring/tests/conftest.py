"""Monitoring fixtures: a PKS in force between Samarinda (owner, implemented by Dinkes
Samarinda) and Kutai Kartanegara, with one duty per party and two indicators."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from sinergi.agreements.models import Agreement, Party
from sinergi.monitoring.models import Indicator, MonitoringReport, Obligation
from sinergi.monitoring.services import RealisationInput, ReportInput, report_create
from sinergi.tests.files import pdf

D = datetime.date
FIRST_DAY = D(2025, 1, 1)
PDF = pdf("bukti monev")


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def agreement(
    make_active_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    dinkes_samarinda: Any,
) -> Agreement:
    agreement = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Rujukan pasien antardaerah",
        start_date=D(2025, 1, 1),
        end_date=D(2030, 12, 31),
    )
    agreement.parties.get(region=samarinda).agencies.add(dinkes_samarinda)
    return agreement


@pytest.fixture
def samarinda_party(agreement: Agreement, samarinda: Any) -> Party:
    return agreement.parties.get(region=samarinda)


@pytest.fixture
def kukar_party(agreement: Agreement, kukar: Any) -> Party:
    return agreement.parties.get(region=kukar)


@pytest.fixture
def samarinda_duty(agreement: Agreement, samarinda_party: Party) -> Obligation:
    return Obligation.objects.create(
        agreement=agreement,
        party=samarinda_party,
        description="Menyediakan ruang rawat rujukan",
        due_date=D(2025, 3, 31),
    )


@pytest.fixture
def kukar_duty(agreement: Agreement, kukar_party: Party) -> Obligation:
    return Obligation.objects.create(
        agreement=agreement,
        party=kukar_party,
        description="Mengirim data pasien rujukan",
        due_date=D(2025, 6, 30),
    )


@pytest.fixture
def beds(agreement: Agreement) -> Indicator:
    return Indicator.objects.create(
        agreement=agreement, name="Pasien rujukan dilayani", unit="orang", target=Decimal(200)
    )


@pytest.fixture
def waiting_days(agreement: Agreement) -> Indicator:
    return Indicator.objects.create(
        agreement=agreement,
        name="Lama tunggu rujukan",
        unit="hari",
        target=Decimal(3),
        higher_is_better=False,
    )


def complete_input(
    indicators: list[Indicator], start: datetime.date = FIRST_DAY, **fields: Any
) -> ReportInput:
    values = {
        "period_start": start,
        "period_end": fields.pop("period_end", D(2025, 6, 30)),
        "activities": "Rapat koordinasi; 120 pasien dirujuk",
        "recommendation": "dilanjutkan",
        "budget_realised": Decimal("15000000"),
        "realisations": [RealisationInput(i, Decimal(100)) for i in indicators],
    }
    values.update(fields)
    return ReportInput(**values)


@pytest.fixture
def make_report(agreement: Agreement) -> Callable[..., MonitoringReport]:
    def make(user: Any, indicators: list[Indicator] | None = None, **fields: Any) -> Any:
        data = complete_input(indicators or [], **fields)
        return report_create(user=user, agreement=agreement, data=data)

    return make
