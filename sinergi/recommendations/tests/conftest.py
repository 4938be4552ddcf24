"""The known registry the answers and recommendations are checked against."""

import datetime
from typing import Any

import pytest

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement

D = datetime.date
TODAY = D(2026, 11, 23)


@pytest.fixture
def registry(
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    tkksd_kukar: Any,
    tkksd_pontianak: Any,
    samarinda: Any,
    kukar: Any,
    pontianak: Any,
    region: Any,
    university: Any,
    health: Any,
) -> dict[str, Agreement]:
    environment = Affair.objects.get(code="2.11")
    return {
        "rujukan": make_active_agreement(
            tkksd_samarinda,
            samarinda,
            [kukar],
            title="Pelayanan rujukan pasien",
            start_date=D(2024, 1, 1),
            end_date=D(2026, 12, 31),
        ),
        "sampah": make_active_agreement(
            tkksd_samarinda,
            samarinda,
            [region("64.71")],
            title="Pengelolaan sampah regional",
            primary_affair=environment,
            start_date=D(2025, 1, 1),
            end_date=D(2028, 12, 31),
        ),
        "kampus": make_active_agreement(
            tkksd_kukar,
            kukar,
            [university],
            doc_type="pks",
            title="Penelitian gizi balita",
            start_date=D(2025, 3, 1),
            end_date=D(2027, 2, 28),
        ),
        "pontianak": make_active_agreement(
            tkksd_pontianak,
            pontianak,
            [region("61.12")],
            title="Rujukan pasien Kubu Raya",
            start_date=D(2024, 1, 1),
            end_date=D(2026, 6, 30),
        ),
    }
