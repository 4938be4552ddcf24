"""Demo follow-up data: obligations, indicators and reports in each state, for the demo
agreements in force or ended. Written through the services so every rule holds; idempotent
(an agreement that already has indicators is left alone)."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from sinergi.agreements.models import Agreement
from sinergi.monitoring import schedule, services
from sinergi.monitoring.permissions import can_manage_followup, can_write_reports

MAX_AGREEMENTS = 3


@transaction.atomic
def seed_demo(agreements: list[Agreement], users: dict[str, Any]) -> None:
    today = timezone.localdate()
    seeded = 0
    for agreement in agreements:
        if seeded == MAX_AGREEMENTS:
            return
        if agreement.current_status(today) not in services.REPORTABLE:
            continue
        if agreement.start_date is None or agreement.indicators.exists():
            continue
        people = _people(agreement, list(users.values()))
        if people is None:
            continue
        manager, author, reviewer = people
        _seed_obligations(agreement, manager, today)
        indicators = _seed_indicators(agreement, manager)
        _seed_reports(agreement, author, reviewer, indicators, today)
        seeded += 1


def _people(agreement: Agreement, users: list[Any]) -> tuple[Any, Any, Any] | None:
    """A manager of the owner region, a report author and a reviewer other than the author."""
    managers = [u for u in users if can_manage_followup(u, agreement)]
    authors = [u for u in users if can_write_reports(u, agreement)]
    if not managers or not authors:
        return None
    # Prefer an author from outside the owner's managers, so any manager may review.
    author = next((u for u in authors if u not in managers), authors[0])
    reviewer = next((u for u in managers if u.pk != author.pk), None)
    return (managers[0], author, reviewer) if reviewer else None


def _seed_obligations(agreement: Agreement, manager: Any, today: datetime.date) -> None:
    for party in agreement.parties.all()[:2]:
        met = services.obligation_create(
            user=manager,
            agreement=agreement,
            data=services.ObligationInput(
                party=party,
                description=f"Menunjuk penanggung jawab pelaksanaan dari {party}",
                due_date=agreement.start_date,
            ),
        )
        services.obligation_fulfil(user=manager, obligation=met, note="SK penunjukan terbit.")
        services.obligation_create(
            user=manager,
            agreement=agreement,
            data=services.ObligationInput(
                party=party,
                description=f"Menyampaikan data pelaksanaan semesteran dari {party}",
                due_date=today - datetime.timedelta(days=14),
            ),
        )


def _seed_indicators(agreement: Agreement, manager: Any) -> list[Any]:
    specs = [
        ("Kegiatan bersama terlaksana", "kegiatan", Decimal(12), True),
        ("Lama penyelesaian layanan", "hari", Decimal(5), False),
    ]
    return [
        services.indicator_create(
            user=manager,
            agreement=agreement,
            data=services.IndicatorInput(
                name=name, unit=unit, target=target, higher_is_better=higher
            ),
        )
        for name, unit, target, higher in specs
    ]


def _seed_reports(
    agreement: Agreement, author: Any, reviewer: Any, indicators: list[Any], today: datetime.date
) -> None:
    """First period reviewed, second submitted, third left as a draft."""
    for number, period in enumerate(schedule.periods(agreement, today)[:3]):
        data = services.ReportInput(
            period_start=period.start,
            period_end=period.end,
            activities="Rapat koordinasi para pihak dan pelaksanaan kegiatan bersama.",
            outputs="Notulen rapat; laporan kegiatan.",
            budget_realised=Decimal(25_000_000 * (number + 1)),
            obstacles="Jadwal para pihak sulit diselaraskan." if number else "",
            recommendation="dilanjutkan",
            realisations=[
                services.RealisationInput(indicators[0], Decimal(4 * (number + 1))),
                services.RealisationInput(indicators[1], Decimal(7 - number)),
            ],
        )
        report = services.report_create(user=author, agreement=agreement, data=data)
        if number < 2:
            report = services.report_submit(user=author, report=report)
        if number == 0:
            services.report_review(user=reviewer, report=report, comment="Sesuai rencana kerja.")
