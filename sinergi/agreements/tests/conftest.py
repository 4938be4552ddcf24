from collections.abc import Callable
from typing import Any

import pytest

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement, Organization
from sinergi.agreements.services import AgreementInput, PartyInput, agreement_create
from sinergi.regions.models import Region


@pytest.fixture
def health(reference_data: None) -> Affair:
    return Affair.objects.get(code="1.02")


@pytest.fixture
def university(db: Any) -> Organization:
    return Organization.objects.create(name="Universitas Mulawarman", kind="perguruan_tinggi")


@pytest.fixture
def make_agreement(health: Affair) -> Callable[..., Agreement]:
    """Create an agreement through the service, as the UI does. Keyword arguments override."""

    def make(
        user: Any, owner: Region, partners: list[Region | Organization], **fields: Any
    ) -> Agreement:
        parties = [PartyInput(region=owner)] + [
            PartyInput(region=p) if isinstance(p, Region) else PartyInput(organization=p)
            for p in partners
        ]
        data = AgreementInput(
            owner_region=owner,
            doc_type=fields.pop("doc_type", "kb"),
            title=fields.pop("title", "Kerja sama pelayanan kesehatan rujukan"),
            primary_affair=fields.pop("primary_affair", health),
            **fields,
        )
        return agreement_create(user=user, data=data, parties=parties)

    return make
