"""Each agreement's status as of a day, in buckets that add up to the total (SQL)."""

import datetime
from typing import Any

from django.db.models import Case, CharField, Expression, F, Q, Value, When

from sinergi.agreements.models import ENDING_SOON_DAYS, PIPELINE_STATUSES, Status
from sinergi.agreements.selectors import ENDING_SOON, IN_PROCESS
from sinergi.alerts.models import Warning

# Status as of today, one bucket per agreement (so the buckets add up to the total): an
# agreement in force past its end date has ended, one ending within 90 days "akan berakhir".
ACTIVE_REST = "berlaku_lain"
STATUS_BUCKETS: dict[str, str] = {
    ACTIVE_REST: "Berlaku (lebih dari 90 hari lagi)",
    ENDING_SOON: "Akan berakhir (≤ 90 hari)",
    Status.ENDED: "Berakhir",
    IN_PROCESS: "Dalam proses",
    Status.TERMINATED: "Dibatalkan/diakhiri",
    Status.REJECTED: "Ditolak",
}


def status_bucket(today: datetime.date, prefix: str = "") -> Expression:
    """SQL CASE giving each agreement its STATUS_BUCKETS key as of `today`."""
    soon = today + datetime.timedelta(days=ENDING_SOON_DAYS)
    status, end = f"{prefix}status", f"{prefix}end_date"
    return Case(
        When(Q(**{status: Status.ACTIVE, f"{end}__lte": today}), then=Value(Status.ENDED.value)),
        When(Q(**{status: Status.ACTIVE, f"{end}__lte": soon}), then=Value(ENDING_SOON)),
        When(Q(**{status: Status.ACTIVE}), then=Value(ACTIVE_REST)),
        When(Q(**{f"{status}__in": PIPELINE_STATUSES}), then=Value(IN_PROCESS)),
        default=F(status),
        output_field=CharField(),
    )


def idle_agreement_ids() -> Any:
    """Agreements with an open "simbolis" early warning (as a subquery)."""
    return Warning.objects.open().filter(kind=Warning.Kind.IDLE).values("agreement_id")
