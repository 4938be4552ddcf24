"""Shared fixtures: reference data loaded once, and the personas every permission test uses.

Personas (see conventions): a province admin of Kaltim, the TKKSD of Kota Samarinda, the
TKKSD of Kab. Kutai Kartanegara (same province), the TKKSD of Kota Pontianak (another
province), an officer of Dinkes Samarinda, a provincial executive, and the anonymous public.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement, Organization
from sinergi.agreements.services import (
    AgreementInput,
    PartyInput,
    agreement_accept,
    agreement_create,
    agreement_finish_draft,
    agreement_sign,
    agreement_submit,
)
from sinergi.regions.models import Region
from sinergi.tests.factories import PASSWORD, AgencyFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # The production hasher is slow on purpose; tests only need a working one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_search_indexes() -> None:
    # Indexes are kept per process and data version; each test rolls its data back.
    from sinergi.embeddings.index import forget
    from sinergi.extractions.engine import _classifier

    forget()
    _classifier.cache_clear()


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    # Cached aggregates and pages must not leak from one test's data into another's.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture
def reference_data(db: Any) -> None:
    # Transactional tests (browser) flush tables; reload for whoever comes after them.
    if not Region.objects.exists():
        call_command("load_reference_data", "--force", verbosity=0)


@pytest.fixture
def region(reference_data: None) -> Any:
    def get(code: str) -> Region:
        return Region.objects.get(code=code)

    return get


@pytest.fixture
def kaltim(region: Any) -> Region:
    return region("64")


@pytest.fixture
def samarinda(region: Any) -> Region:
    return region("64.72")


@pytest.fixture
def kukar(region: Any) -> Region:
    return region("64.02")


@pytest.fixture
def pontianak(region: Any) -> Region:
    return region("61.71")


@pytest.fixture
def province_admin(kaltim: Region) -> Any:
    return UserFactory(username="admin.kaltim", role="admin_provinsi", region=kaltim)


@pytest.fixture
def executive(kaltim: Region) -> Any:
    return UserFactory(username="pimpinan.kaltim", role="pimpinan", region=kaltim)


@pytest.fixture
def tkksd_samarinda(samarinda: Region) -> Any:
    return UserFactory(username="tkksd.samarinda", role="tkksd", region=samarinda)


@pytest.fixture
def tkksd_kukar(kukar: Region) -> Any:
    return UserFactory(username="tkksd.kukar", role="tkksd", region=kukar)


@pytest.fixture
def tkksd_pontianak(pontianak: Region) -> Any:
    return UserFactory(username="tkksd.pontianak", role="tkksd", region=pontianak)


@pytest.fixture
def dinkes_samarinda(samarinda: Region) -> Any:
    return AgencyFactory(region=samarinda, name="Dinas Kesehatan Kota Samarinda")


@pytest.fixture
def officer(dinkes_samarinda: Any) -> Any:
    return UserFactory(
        username="opd.dinkes",
        role="perangkat_daerah",
        region=dinkes_samarinda.region,
        agency=dinkes_samarinda,
    )


@pytest.fixture
def superuser(reference_data: None) -> Any:
    return UserFactory(username="root", is_superuser=True, is_staff=True, role="", region=None)


def client_for(user: Any) -> Client:
    """A test client signed in as `user` (through the login, so lockout and hashing run)."""
    client = Client()
    if not client.login(username=user.username, password=PASSWORD):
        raise AssertionError(f"login as {user.username} failed")
    return client


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


@pytest.fixture
def make_active_agreement(make_agreement: Callable[..., Agreement]) -> Callable[..., Agreement]:
    """An agreement walked through the lifecycle services to berlaku (in force).

    `signed_on` defaults to the start date; pass `start_date` and `end_date` or
    `duration_months` as for `make_agreement`."""

    def make(
        user: Any,
        owner: Region,
        partners: list[Region | Organization],
        *,
        signed_on: datetime.date | None = None,
        **fields: Any,
    ) -> Agreement:
        agreement = make_agreement(user, owner, partners, **fields)
        agreement = agreement_submit(user=user, agreement=agreement)
        agreement = agreement_accept(user=user, agreement=agreement)
        agreement = agreement_finish_draft(user=user, agreement=agreement)
        signed = signed_on or agreement.start_date or datetime.date(2025, 1, 2)
        return agreement_sign(
            user=user, agreement=agreement, signed_on=signed, signed_place=owner.name
        )

    return make
