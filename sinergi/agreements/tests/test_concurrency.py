"""Two people save the same agreement at the same moment, each from the version they opened:
one save wins, the other is refused with the conflict message, and nothing is overwritten
silently. Real threads, each with its own database connection, on both databases."""

import threading
from typing import Any

import pytest
from django.db import connection

from sinergi.agreements.models import Agreement
from sinergi.agreements.services import (
    CONFLICT_MESSAGE,
    AgreementInput,
    PartyInput,
    agreement_update,
)
from sinergi.core.errors import DomainError


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_one_version_let_exactly_one_through(
    make_agreement: Any, tkksd_samarinda: Any, province_admin: Any, samarinda: Any, kukar: Any
) -> None:
    agreement = make_agreement(tkksd_samarinda, samarinda, [kukar], title="Judul awal")
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user: Any, title: str) -> None:
        try:
            opened = Agreement.objects.get(pk=agreement.pk)  # both opened version 1
            data = AgreementInput(
                owner_region=samarinda,
                doc_type="kb",
                title=title,
                primary_affair=opened.primary_affair,
            )
            parties = [PartyInput(region=samarinda), PartyInput(region=kukar)]
            start.wait(timeout=10)
            agreement_update(
                user=user, agreement=opened, expected_version=1, data=data, parties=parties
            )
            outcomes[title] = "disimpan"
        except DomainError as error:
            outcomes[title] = error.message
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(tkksd_samarinda, "Judul TKKSD")),
        threading.Thread(target=save, args=(province_admin, "Judul Admin")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values()) == sorted(["disimpan", CONFLICT_MESSAGE])
    winner = next(title for title, outcome in outcomes.items() if outcome == "disimpan")
    saved = Agreement.objects.get(pk=agreement.pk)
    assert saved.title == winner
    assert saved.version == 2
