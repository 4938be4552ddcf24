"""Likely duplicates: same parties, a close title, overlapping terms (or the same number)."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from sinergi.agreements.duplicates import Shape, duplicate_reasons
from sinergi.agreements.models import Agreement
from sinergi.agreements.tests.test_views import form_data
from sinergi.conftest import client_for

D = datetime.date
RECORDED = Shape(
    pk=1,
    title="Perjanjian Kerja Sama tentang Pelayanan Rujukan Kesehatan Warga Perbatasan",
    parties=frozenset({"64.72", "64.02"}),
    number="400.7/1184/DKK-II/VIII/2024",
    start=D(2024, 8, 12),
    end=D(2027, 8, 11),
)


def _draft(**changes: Any) -> Shape:
    values = {
        "pk": None,
        "title": "Pelayanan rujukan kesehatan bagi warga perbatasan",
        "parties": frozenset({"64.02", "64.72"}),
        "number": "",
        "start": D(2024, 8, 12),
        "end": None,
    }
    values.update(changes)
    return Shape(**values)


def test_same_parties_close_title_overlapping_term_is_a_likely_duplicate() -> None:
    reasons = duplicate_reasons(_draft(), RECORDED)
    assert reasons[0] == "pihak sama: 64.02, 64.72"
    assert any(reason.startswith("judul mirip") for reason in reasons)


@pytest.mark.parametrize(
    "changes",
    [
        {"parties": frozenset({"64.72", "64.71"})},  # another partner
        {"title": "Pengelolaan sampah regional"},  # another subject
        {"start": D(2028, 1, 1)},  # after the recorded term ended: a renewal, not a copy
    ],
    ids=["other-partner", "other-title", "later-term"],
)
def test_what_differs_is_not_a_duplicate(changes: dict[str, Any]) -> None:
    assert duplicate_reasons(_draft(**changes), RECORDED) == []


def test_the_same_number_with_the_same_parties_is_a_duplicate_whatever_the_title() -> None:
    reasons = duplicate_reasons(
        _draft(title="Naskah PKS", number="400.7/1184/dkk-ii/viii/2024"), RECORDED
    )
    assert "nomor sama: 400.7/1184/DKK-II/VIII/2024" in reasons


@pytest.mark.django_db
def test_recording_the_same_agreement_twice_asks_for_confirmation(
    tkksd_samarinda: Any, samarinda: Any, kukar: Any, health: Any
) -> None:
    client = client_for(tkksd_samarinda)
    first = client.post(reverse("agreements:create"), form_data(samarinda, kukar, health))
    assert first.status_code == 302
    again = client.post(
        reverse("agreements:create"),
        form_data(samarinda, kukar, health, title="Kerja Sama Air Minum antardaerah"),
    )
    page = again.content.decode()
    assert again.status_code == 200
    assert "Mungkin sudah tercatat" in page
    assert "Kerja sama air minum" in page
    assert Agreement.objects.count() == 1
    confirmed = client.post(
        reverse("agreements:create"),
        form_data(
            samarinda, kukar, health, title="Kerja Sama Air Minum antardaerah", bukan_duplikat="1"
        ),
    )
    assert confirmed.status_code == 302
    assert Agreement.objects.count() == 2


@pytest.mark.django_db
def test_an_agreement_of_other_partners_raises_no_warning(
    tkksd_samarinda: Any, samarinda: Any, kukar: Any, health: Any, region: Any
) -> None:
    client = client_for(tkksd_samarinda)
    client.post(reverse("agreements:create"), form_data(samarinda, kukar, health))
    other = form_data(samarinda, kukar, health, **{"pihak-1-region": region("64.71").pk})
    assert client.post(reverse("agreements:create"), other).status_code == 302
