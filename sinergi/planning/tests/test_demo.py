import datetime
from typing import Any

import pytest

from sinergi.planning.demo import seed_demo
from sinergi.planning.models import AgreementFlag, AgreementPlan

pytestmark = pytest.mark.django_db


def test_the_demo_shows_each_budget_flag_and_can_run_twice(
    make_active_agreement: Any, tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    start = datetime.date(datetime.date.today().year - 1, 1, 1)
    agreements = [
        make_active_agreement(
            tkksd_samarinda, samarinda, [kukar], start_date=start, duration_months=36
        )
        for _ in range(3)
    ]
    users = {"tkksd": tkksd_samarinda}
    seed_demo(agreements, users)
    seed_demo(agreements, users)
    assert AgreementPlan.objects.count() == 2
    codes = set(AgreementFlag.objects.values_list("code", flat=True))
    assert {"realisasi_rendah", "belum_dianggarkan", "belum_direncanakan"} <= codes
