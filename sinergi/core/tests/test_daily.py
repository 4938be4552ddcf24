import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from sinergi.agreements.models import Agreement, Status

D = datetime.date


def test_the_daily_jobs_end_flag_and_warn_once_per_day(
    make_active_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
) -> None:
    tkksd_samarinda.email = "tkksd@samarinda.go.id"
    tkksd_samarinda.save()
    ending = make_active_agreement(
        tkksd_samarinda, samarinda, [kukar], start_date=D(2025, 1, 1), end_date=D(2026, 2, 1)
    )
    ended = make_active_agreement(
        tkksd_samarinda, samarinda, [kukar], start_date=D(2024, 1, 1), end_date=D(2025, 12, 31)
    )
    out = StringIO()
    call_command("run_daily_jobs", "--date", "2026-01-02", stdout=out)

    ended.refresh_from_db()
    assert ended.status == Status.ENDED
    assert ending.flags.filter(code="belum_dianggarkan").exists()
    assert ending.warnings.filter(key="akan_berakhir:30", resolved_at__isnull=True).exists()
    assert "Kerja sama berakhir: 1 kerja sama berakhir." in out.getvalue()
    sent = len(mail.outbox)
    assert sent == 1
    call_command("run_daily_jobs", "--date", "2026-01-02", stdout=StringIO())
    assert len(mail.outbox) == sent


def test_a_bad_date_is_refused_in_indonesian(db: Any) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("run_daily_jobs", "--date", "02-01-2026")
