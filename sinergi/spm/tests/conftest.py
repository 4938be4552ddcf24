"""A known SPM data set: Samarinda's 2025 figures (and a 2023 literacy score)."""

from decimal import Decimal
from typing import Any

import pytest

from sinergi.regions.models import Region
from sinergi.spm.models import Entry, Indicator

D = Decimal


def enter(region: Region, code: str, quarter: int, target: Any, served: Any, year: int = 2025):
    indicator = Indicator.objects.get(code=code)
    return Entry.objects.create(
        region=region,
        year=year,
        quarter=quarter,
        indicator=indicator,
        target_population=target,
        served=served,
    )


def score(region: Region, code: str, year: int, value: str) -> None:
    indicator = Indicator.objects.get(code=code)
    Entry.objects.create(region=region, year=year, quarter=4, indicator=indicator, score=D(value))


@pytest.fixture
def samarinda_2025(reference_data: Any, samarinda: Region) -> Region:
    enter(samarinda, "K-KES-01-P", 1, 100, 30)
    enter(samarinda, "K-KES-01-P", 3, 100, 90)  # quarter 2 was never entered
    enter(samarinda, "K-KES-01-M", 3, 10, 5)
    enter(samarinda, "K-KES-02-P", 4, 0, 0)  # nobody to serve
    enter(samarinda, "K-PDK-02-P", 4, 200, 250)  # over 100%
    score(samarinda, "K-PDK-02-T", 2025, "60")
    score(samarinda, "K-PDK-02-T", 2023, "55")
    return samarinda
