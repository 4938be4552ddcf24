import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.agencies.models import Agency
from sinergi.tests.factories import PASSWORD, AgencyFactory


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def dinkes_pontianak(pontianak: Any) -> Agency:
    return AgencyFactory(region=pontianak, name="Dinas Kesehatan Kota Pontianak")


@pytest.fixture
def dinkes_kukar(kukar: Any) -> Agency:
    return AgencyFactory(region=kukar, name="Dinas Kesehatan Kabupaten Kutai Kartanegara")


def test_anonymous_visitors_are_sent_to_the_login_page(dinkes_samarinda: Agency) -> None:
    response = Client().get(reverse("agencies:detail", args=[dinkes_samarinda.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("persona", "own", "same_province", "other_province"),
    [
        ("tkksd_samarinda", 200, 404, 404),
        ("tkksd_kukar", 404, 200, 404),
        ("province_admin", 200, 200, 404),
        ("executive", 200, 200, 404),
        ("officer", 200, 404, 404),
        ("tkksd_pontianak", 404, 404, 200),
        ("superuser", 200, 200, 200),
    ],
)
def test_each_role_sees_only_the_opds_of_its_regions(
    request: pytest.FixtureRequest,
    persona: str,
    own: int,
    same_province: int,
    other_province: int,
    dinkes_samarinda: Agency,
    dinkes_kukar: Agency,
    dinkes_pontianak: Agency,
) -> None:
    client = client_for(request.getfixturevalue(persona))
    for agency, expected in [
        (dinkes_samarinda, own),
        (dinkes_kukar, same_province),
        (dinkes_pontianak, other_province),
    ]:
        assert client.get(reverse("agencies:detail", args=[agency.pk])).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("tkksd_samarinda", 302),
        ("province_admin", 302),
        ("officer", 302),
        ("executive", 403),
        ("tkksd_kukar", 404),
        ("tkksd_pontianak", 404),
    ],
)
def test_who_may_edit_an_opd(
    request: pytest.FixtureRequest, persona: str, expected: int, dinkes_samarinda: Agency
) -> None:
    client = client_for(request.getfixturevalue(persona))
    url = reverse("agencies:edit", args=[dinkes_samarinda.pk])
    response = client.post(url, {"name": "Dinas Kesehatan Kota Samarinda", "kind": "dinas"})
    assert response.status_code == expected


def test_the_list_shows_only_opds_in_scope(
    tkksd_samarinda: Any, dinkes_samarinda: Agency, dinkes_pontianak: Agency
) -> None:
    content = client_for(tkksd_samarinda).get(reverse("agencies:list")).content.decode()
    assert dinkes_samarinda.name in content
    assert dinkes_pontianak.name not in content


def test_a_region_cannot_be_created_outside_the_users_scope(
    tkksd_samarinda: Any, pontianak: Any
) -> None:
    response = client_for(tkksd_samarinda).post(
        reverse("agencies:create"),
        {"region": pontianak.pk, "name": "Dinas Sosial Kota Pontianak", "kind": "dinas"},
    )
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Agency.objects.filter(name="Dinas Sosial Kota Pontianak").exists()


def test_a_duplicate_name_is_refused_with_a_clear_message(
    tkksd_samarinda: Any, samarinda: Any, dinkes_samarinda: Agency
) -> None:
    response = client_for(tkksd_samarinda).post(
        reverse("agencies:create"),
        {"region": samarinda.pk, "name": "dinas kesehatan kota samarinda.", "kind": "dinas"},
    )
    assert "sudah terdaftar di Kota Samarinda" in response.content.decode()
    assert Agency.objects.filter(region=samarinda).count() == 1


def test_delete_is_soft_and_an_admin_restores(
    tkksd_samarinda: Any, province_admin: Any, dinkes_samarinda: Agency
) -> None:
    tkksd = client_for(tkksd_samarinda)
    response = tkksd.post(reverse("agencies:delete", args=[dinkes_samarinda.pk]))
    assert response.status_code == 302
    assert not Agency.objects.filter(pk=dinkes_samarinda.pk).exists()
    assert Agency.all_objects.get(pk=dinkes_samarinda.pk).deleted_by == tkksd_samarinda
    assert tkksd.get(reverse("agencies:detail", args=[dinkes_samarinda.pk])).status_code == 404
    restore = reverse("agencies:restore", args=[dinkes_samarinda.pk])
    assert tkksd.post(restore).status_code == 403

    admin = client_for(province_admin)
    assert dinkes_samarinda.name in admin.get(reverse("agencies:trash")).content.decode()
    assert admin.post(restore).status_code == 302
    assert Agency.objects.filter(pk=dinkes_samarinda.pk).exists()


def test_an_officer_cannot_delete_even_their_own_opd(officer: Any) -> None:
    url = reverse("agencies:delete", args=[officer.agency_id])
    assert client_for(officer).post(url).status_code == 403


def test_an_opd_with_active_accounts_cannot_be_deleted(tkksd_samarinda: Any, officer: Any) -> None:
    response = client_for(tkksd_samarinda).post(
        reverse("agencies:delete", args=[officer.agency_id]), follow=True
    )
    assert "masih memiliki akun pengguna aktif" in response.content.decode()
    assert Agency.objects.filter(pk=officer.agency_id).exists()


def test_the_export_is_a_real_xlsx_of_the_opds_in_scope(
    tkksd_samarinda: Any, dinkes_samarinda: Agency, dinkes_pontianak: Agency
) -> None:
    response = client_for(tkksd_samarinda).get(reverse("agencies:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("kode_wilayah", "wilayah", "nama")
    assert [r[2] for r in rows[1:]] == ["Dinas Kesehatan Kota Samarinda"]


def test_the_import_page_flow_previews_then_applies(tkksd_samarinda: Any) -> None:
    client = client_for(tkksd_samarinda)
    template = client.get(reverse("agencies:import_template"))
    assert load_workbook(io.BytesIO(template.content)).active["A2"].value == "64.72"
    upload = io.BytesIO(template.content)
    upload.name = "templat.xlsx"
    response = client.post(reverse("agencies:import"), {"file": upload})
    assert response.status_code == 302
    review = client.get(response["Location"]).content.decode()
    assert "1 baru" in review
    assert not Agency.objects.filter(name="Dinas Kesehatan").exists()
    client.post(response["Location"], {"terapkan": "1"})
    assert Agency.objects.filter(name="Dinas Kesehatan", region__code="64.72").exists()


def test_an_upload_error_keeps_the_user_on_the_form(tkksd_samarinda: Any) -> None:
    upload = io.BytesIO(b"\x00\x01\x02 binary")
    upload.name = "opd.xlsx"
    response = client_for(tkksd_samarinda).post(reverse("agencies:import"), {"file": upload})
    assert response.status_code == 200
    assert "bukan CSV atau XLSX" in response.content.decode()


def test_the_list_follows_the_region_picked_in_the_switcher(
    province_admin: Any, dinkes_samarinda: Agency, dinkes_kukar: Agency
) -> None:
    client = client_for(province_admin)
    both = client.get(reverse("agencies:list")).content.decode()
    assert dinkes_samarinda.name in both
    assert dinkes_kukar.name in both
    client.post(reverse("accounts:switch_region"), {"region": "64.02"})
    focused = client.get(reverse("agencies:list")).content.decode()
    assert dinkes_kukar.name in focused
    assert dinkes_samarinda.name not in focused
    explicit = client.get(reverse("agencies:list"), {"wilayah": ""}).content.decode()
    assert dinkes_samarinda.name in explicit


def test_the_form_refuses_the_same_unit_spelled_with_other_spaces_and_dots(
    tkksd_samarinda: Any, samarinda: Any
) -> None:
    AgencyFactory(region=samarinda, name="RSUD IA Moeis")
    response = client_for(tkksd_samarinda).post(
        reverse("agencies:create"),
        {"region": samarinda.pk, "name": "RSUD I. A. Moeis", "kind": "rsud"},
    )
    assert "sudah terdaftar" in response.content.decode()
    assert Agency.objects.filter(region=samarinda).count() == 1


def test_htmx_gets_the_table_and_caches_keep_page_and_table_apart(
    tkksd_samarinda: Any, dinkes_samarinda: Agency
) -> None:
    client = client_for(tkksd_samarinda)
    partial = client.get(reverse("agencies:list"), headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert dinkes_samarinda.name in partial.content.decode()
    assert "HX-Request" in partial["Vary"]
    restore = client.get(
        reverse("agencies:list"),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.content.decode()
