"""SPM figures per indicator through the API, within the user's regions."""

from typing import Any

import pytest

from sinergi.conftest import client_for
from sinergi.spm.tests.conftest import enter

pytestmark = pytest.mark.django_db


def test_values_are_listed_per_quarter_and_indicator(
    samarinda: Any, tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    enter(samarinda, "K-KES-05-P", 2, 100, 40)
    enter(samarinda, "K-KES-04-P", 4, 100, 85)
    enter(samarinda, "K-KES-04-P", 2, 100, 45)
    client = client_for(tkksd_samarinda)
    body = client.get("/api/v1/spm/nilai", {"region": "64.72", "year": 2025}).json()
    assert [(v["quarter"], v["indicator"], v["served"]) for v in body["items"]] == [
        (2, "K-KES-04-P", 45),
        (2, "K-KES-05-P", 40),
        (4, "K-KES-04-P", 85),
    ]
    assert body["items"][0]["service"] == "K-KES-04"
    fourth = client.get("/api/v1/spm/nilai", {"region": "64.72", "year": 2025, "quarter": 4})
    assert fourth.json()["count"] == 1
    other = client_for(tkksd_kukar).get("/api/v1/spm/nilai", {"region": "64.72", "year": 2025})
    assert other.status_code == 404
