from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from sinergi.accounts.models import User
from sinergi.accounts.scope import manageable_regions, scope_key, visible_regions
from sinergi.regions.models import Region
from sinergi.tests.factories import PASSWORD, UserFactory


def codes(regions: Any) -> set[str]:
    return set(regions.values_list("code", flat=True))


def test_a_province_admin_sees_and_manages_the_whole_province(province_admin: Any) -> None:
    kaltim = {"64", *Region.objects.filter(parent__code="64").values_list("code", flat=True)}
    assert codes(visible_regions(province_admin)) == kaltim
    assert codes(manageable_regions(province_admin)) == kaltim


def test_a_tkksd_sees_and_manages_only_its_region(tkksd_samarinda: Any) -> None:
    assert codes(visible_regions(tkksd_samarinda)) == {"64.72"}
    assert codes(manageable_regions(tkksd_samarinda)) == {"64.72"}


def test_an_executive_sees_the_province_but_manages_nothing(executive: Any) -> None:
    assert len(codes(visible_regions(executive))) == 11
    assert not manageable_regions(executive).exists()


def test_an_officer_sees_its_region_and_manages_no_region(officer: Any) -> None:
    assert codes(visible_regions(officer)) == {"64.72"}
    assert not manageable_regions(officer).exists()


def test_a_province_admin_switches_only_to_regions_of_its_province(
    province_admin: Any,
) -> None:
    client = Client()
    client.login(username=province_admin.username, password=PASSWORD)
    client.post(reverse("accounts:switch_region"), {"region": "64.02"})
    assert client.session["active_region_code"] == "64.02"
    assert "Kabupaten Kutai Kartanegara (64.02)" in client.get("/").content.decode()
    response = client.post(reverse("accounts:switch_region"), {"region": "61.71"}, follow=True)
    assert "di luar kewenangan" in response.content.decode()
    assert client.session["active_region_code"] == "64.02"


def test_every_user_but_a_superuser_needs_a_region_and_a_role(reference_data: None) -> None:
    with pytest.raises(IntegrityError):
        User.objects.create(username="tanpa.wilayah", role="tkksd", region=None)


def test_a_province_admin_must_belong_to_a_province(samarinda: Any) -> None:
    user = UserFactory.build(username="salah", role="admin_provinsi", region=samarinda)
    with pytest.raises(ValidationError, match="wilayah provinsi"):
        user.full_clean()


def test_an_officer_must_have_an_opd_in_its_own_region(kukar: Any, dinkes_samarinda: Any) -> None:
    user = UserFactory.build(username="salah", role="perangkat_daerah", region=kukar)
    with pytest.raises(ValidationError, match="wajib memilih perangkat daerah"):
        user.full_clean()
    user.agency = dinkes_samarinda
    with pytest.raises(ValidationError, match="berada di wilayah pengguna"):
        user.full_clean()


def test_only_a_province_admin_has_a_region_switcher(tkksd_samarinda: Any) -> None:
    client = Client()
    client.login(username=tkksd_samarinda.username, password=PASSWORD)
    assert client.post(reverse("accounts:switch_region"), {"region": "64.72"}).status_code == 403
    assert 'id="pilih-wilayah"' not in client.get("/").content.decode()


def test_users_share_a_scope_key_exactly_when_they_see_the_same_regions(
    province_admin: Any, executive: Any, tkksd_samarinda: Any, officer: Any, kaltim: Any
) -> None:
    """Cached figures are keyed by `scope_key`: a key shared by users who see different
    regions would show one the other's figures."""
    root = UserFactory(username="root", is_superuser=True, role="", region=None)
    tkksd_kaltim = UserFactory(username="tkksd.kaltim", role="tkksd", region=kaltim)
    users = [province_admin, executive, tkksd_samarinda, officer, root, tkksd_kaltim]
    for a in users:
        for b in users:
            same_regions = codes(visible_regions(a)) == codes(visible_regions(b))
            assert (scope_key(a) == scope_key(b)) == same_regions, (a.username, b.username)
    assert scope_key(province_admin) == f"provinsi:{kaltim.pk}"
    assert scope_key(tkksd_kaltim) == f"wilayah:{kaltim.pk}"  # only the province's own
