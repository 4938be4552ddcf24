import datetime
from collections.abc import Callable
from typing import Any

from sinergi.agreements.models import Agreement
from sinergi.monitoring import schedule
from sinergi.monitoring.models import MonitoringReport

D = datetime.date


def report(agreement: Agreement, start: datetime.date, end: datetime.date, state: str) -> None:
    MonitoringReport.objects.create(
        agreement=agreement, period_start=start, period_end=end, state=state
    )


def test_periods_run_every_six_months_and_stop_at_the_end_date(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    agreement = make_agreement(
        tkksd_samarinda, samarinda, [kukar], start_date=D(2025, 1, 1), end_date=D(2026, 3, 31)
    )
    ends = [(p.end, p.due) for p in schedule.periods(agreement, D(2030, 1, 1))]
    assert ends == [
        (D(2025, 6, 30), D(2025, 7, 30)),
        (D(2025, 12, 31), D(2026, 1, 30)),
        (D(2026, 3, 31), D(2026, 4, 30)),
    ]


def test_a_period_is_overdue_the_day_after_its_due_date_until_a_report_is_submitted(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    agreement = make_agreement(
        tkksd_samarinda, samarinda, [kukar], start_date=D(2025, 1, 1), duration_months=24
    )
    assert schedule.overdue_periods(agreement, D(2025, 7, 30)) == []
    assert [p.end for p in schedule.overdue_periods(agreement, D(2025, 7, 31))] == [D(2025, 6, 30)]
    report(agreement, D(2025, 1, 1), D(2025, 6, 30), MonitoringReport.State.DRAFT)
    assert len(schedule.overdue_periods(agreement, D(2025, 7, 31))) == 1  # a draft is not sent
    report(agreement, D(2025, 1, 1), D(2025, 6, 30), MonitoringReport.State.SUBMITTED)
    assert schedule.overdue_periods(agreement, D(2025, 7, 31)) == []
    assert schedule.next_due(agreement, D(2025, 7, 31)).end == D(2025, 12, 31)  # type: ignore[union-attr]
