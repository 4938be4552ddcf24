"""KSDD wajib sub-types (Permendagri 22/2020) derived from the parties' levels and borders."""

from collections.abc import Callable
from typing import Any

import pytest

from sinergi.agreements.models import Agreement
from sinergi.core.errors import DomainError
from sinergi.regions.models import Region, RegionBorder


@pytest.fixture
def borders(region: Any) -> None:
    """The real neighbours these tests need (as computed from the boundary files)."""
    pairs = [("64.72", "64.02"), ("64.01", "63.02"), ("64", "65")]
    for a, b in pairs:
        RegionBorder.objects.create(region=region(a), neighbour=region(b))
        RegionBorder.objects.create(region=region(b), neighbour=region(a))


@pytest.mark.usefixtures("borders")
@pytest.mark.parametrize(
    ("owner", "partner", "subtype", "reason"),
    [
        ("64.72", "64.02", "a", "dalam satu provinsi"),
        ("64.01", "63.02", "b", "provinsi yang berbeda"),
        ("64", "65", "c", "Dua provinsi yang berbatasan"),
        ("64", "64.72", "d", "Kota Samarinda berada di wilayah Kalimantan Timur"),
    ],
)
def test_a_mandatory_ksdd_gets_its_subtype_from_levels_and_borders(
    make_agreement: Callable[..., Agreement],
    superuser: Any,
    region: Any,
    owner: str,
    partner: str,
    subtype: str,
    reason: str,
) -> None:
    from sinergi.agreements.presenters import agreement_facts

    agreement = make_agreement(superuser, region(owner), [region(partner)], ksdd_category="wajib")
    assert (agreement.kind, agreement.ksdd_category, agreement.ksdd_subtype) == (
        "ksdd",
        "wajib",
        subtype,
    )
    assert reason in agreement_facts(agreement)["subtype_reason"]


@pytest.mark.usefixtures("borders")
def test_regions_that_do_not_border_cannot_have_a_mandatory_ksdd(
    make_agreement: Callable[..., Agreement], superuser: Any, region: Any
) -> None:
    with pytest.raises(DomainError, match="Pilih kategori sukarela"):
        make_agreement(superuser, region("64.72"), [region("64.71")], ksdd_category="wajib")
    voluntary = make_agreement(superuser, region("64.72"), [region("64.71")])
    assert (voluntary.ksdd_category, voluntary.ksdd_subtype) == ("sukarela", "")


def test_a_kab_kota_and_another_province_is_never_subtype_d(
    make_agreement: Callable[..., Agreement], superuser: Any, region: Any
) -> None:
    with pytest.raises(DomainError):
        make_agreement(superuser, region("64.72"), [region("65")], ksdd_category="wajib")


def test_the_category_is_cleared_when_a_third_party_joins(
    make_agreement: Callable[..., Agreement], superuser: Any, region: Any, university: Any
) -> None:
    agreement = make_agreement(superuser, region("64.72"), [university], ksdd_category="wajib")
    assert (agreement.kind, agreement.ksdd_category, agreement.ksdd_subtype) == ("ksdpk", "", "")


def test_the_owner_must_take_part(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, region: Any
) -> None:
    from sinergi.affairs.models import Affair
    from sinergi.agreements.services import AgreementInput, PartyInput, agreement_create

    data = AgreementInput(
        owner_region=region("64.72"),
        doc_type="kb",
        title="Bukan pihak",
        primary_affair=Affair.objects.get(code="1.02"),
    )
    parties = [PartyInput(region=region("64.71")), PartyInput(region=region("64.02"))]
    with pytest.raises(DomainError, match="harus menjadi salah satu pihak"):
        agreement_create(user=tkksd_samarinda, data=data, parties=parties)
    assert not Region.objects.get(code="64.72").owned_agreements.exists()
