"""Shared fixtures: reference data loaded once, and the personas every permission test uses.

Personas (see conventions): a province admin of Kaltim, the TKKSD of Kota Samarinda, the
TKKSD of Kab. Kutai Kartanegara (same province), the TKKSD of Kota Pontianak (another
province), an officer of Dinkes Samarinda, a provincial executive, and the anonymous public.
"""

from typing import Any

import pytest
from django.core.management import call_command

from sinergi.regions.models import Region
from sinergi.tests.factories import AgencyFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # The production hasher is slow on purpose; tests only need a working one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
