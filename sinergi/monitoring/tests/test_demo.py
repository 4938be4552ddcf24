import datetime
from typing import Any

from sinergi.agreements.models import Agreement
from sinergi.monitoring.demo import seed_demo
from sinergi.monitoring.models import MonitoringReport

D = datetime.date


def test_the_demo_seeds_reports_in_each_state_once(
    agreement: Agreement, tkksd_samarinda: Any, tkksd_kukar: Any, province_admin: Any
) -> None:
    users = {u.username: u for u in (tkksd_samarinda, tkksd_kukar, province_admin)}
    seed_demo([agreement], users)
    seed_demo([agreement], users)  # idempotent
    states = list(agreement.reports.order_by("period_start").values_list("state", flat=True))
    assert states == [
        MonitoringReport.State.REVIEWED,
        MonitoringReport.State.SUBMITTED,
        MonitoringReport.State.DRAFT,
    ]
    assert agreement.indicators.count() == 2
    assert agreement.obligations.filter(done_at__isnull=False).count() == 2
    assert agreement.obligations.overdue(D(2099, 1, 1)).count() == 2
