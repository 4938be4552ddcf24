from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agencies.services import agency_create, agency_delete, agency_restore, agency_update
from sinergi.audit.context import acting_as
from sinergi.audit.models import AuditEntry
from sinergi.audit.selectors import history_for
from sinergi.tests.factories import PASSWORD, AgencyFactory


def actions(obj: Any) -> list[str]:
    return [e.action for e in history_for(obj).order_by("created_at", "id")]


def test_create_update_delete_and_restore_are_recorded_with_who_and_what(
    tkksd_samarinda: Any, province_admin: Any, samarinda: Any
) -> None:
    with acting_as(tkksd_samarinda, "10.0.0.5"):
        agency = agency_create(user=tkksd_samarinda, region=samarinda, name="Dinas Sosial")
        agency_update(user=tkksd_samarinda, agency=agency, name="Dinas Sosial Kota Samarinda")
        agency_delete(user=tkksd_samarinda, agency=agency)
    with acting_as(province_admin):
        agency_restore(user=province_admin, agency=agency)
    assert actions(agency) == ["create", "update", "delete", "restore"]
    created, updated, deleted, restored = history_for(agency).order_by("created_at", "id")
    assert created.actor == tkksd_samarinda
    assert created.ip == "10.0.0.5"
    assert created.changes["name"] == {"before": None, "after": "Dinas Sosial"}
    assert updated.changes["name"] == {
        "before": "Dinas Sosial",
        "after": "Dinas Sosial Kota Samarinda",
    }
    assert "created_at" not in updated.changes
    assert deleted.changes["deleted_at"]["after"] is not None
    assert restored.actor_label == province_admin.username
    assert created.region == samarinda


def test_saving_without_changes_records_nothing(samarinda: Any) -> None:
    agency = AgencyFactory(region=samarinda)
    agency.save()
    assert actions(agency) == ["create"]


def test_changes_to_handled_affairs_are_recorded(samarinda: Any) -> None:
    agency = AgencyFactory(region=samarinda)
    health = Affair.objects.get(code="1.02")
    agency.affairs.add(health)
    entry = history_for(agency).first()
    assert entry is not None
    assert entry.changes == {"affairs": {"before": [], "after": [str(health.pk)]}}


def test_changes_outside_a_request_are_attributed_to_the_system(samarinda: Any) -> None:
    agency = AgencyFactory(region=samarinda)
    entry = history_for(agency).get()
    assert entry.actor is None
    assert entry.actor_label == "sistem"


def test_the_trail_cannot_be_edited_or_deleted(samarinda: Any) -> None:
    entry = history_for(AgencyFactory(region=samarinda)).get()
    entry.object_repr = "dipalsukan"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_a_web_edit_is_attributed_to_the_logged_in_user(
    tkksd_samarinda: Any, dinkes_samarinda: Agency
) -> None:
    client = Client()
    client.login(username=tkksd_samarinda.username, password=PASSWORD)
    client.post(
        reverse("agencies:edit", args=[dinkes_samarinda.pk]),
        {"name": "Dinas Kesehatan Kota Samarinda", "short_name": "Dinkes", "kind": "dinas"},
        REMOTE_ADDR="192.0.2.7",
    )
    entry = history_for(dinkes_samarinda).first()
    assert entry is not None
    assert (entry.actor, entry.ip, entry.action) == (tkksd_samarinda, "192.0.2.7", "update")
    detail = client.get(reverse("agencies:detail", args=[dinkes_samarinda.pk])).content.decode()
    assert "Riwayat perubahan" in detail
    assert "Dinkes" in detail


def test_the_audit_page_is_for_admins_and_scoped_to_their_province(
    province_admin: Any, tkksd_samarinda: Any, samarinda: Any, pontianak: Any
) -> None:
    AgencyFactory(region=samarinda, name="Unit Samarinda")
    AgencyFactory(region=pontianak, name="Unit Pontianak")
    admin = Client()
    admin.login(username=province_admin.username, password=PASSWORD)
    content = admin.get(reverse("audit:list")).content.decode()
    assert "Unit Samarinda" in content
    assert "Unit Pontianak" not in content
    exported = admin.get(reverse("audit:export")).content.decode()
    assert "Unit Samarinda" in exported
    assert "Unit Pontianak" not in exported
    tkksd = Client()
    tkksd.login(username=tkksd_samarinda.username, password=PASSWORD)
    assert tkksd.get(reverse("audit:list")).status_code == 403


def test_audit_entries_are_not_editable_in_the_admin(superuser: Any, samarinda: Any) -> None:
    entry = history_for(AgencyFactory(region=samarinda)).get()
    client = Client()
    client.login(username=superuser.username, password=PASSWORD)
    url = reverse("admin:audit_auditentry_change", args=[entry.pk])
    response = client.post(url, {"object_repr": "dipalsukan"})
    assert response.status_code in {200, 403}
    assert AuditEntry.objects.get(pk=entry.pk).object_repr != "dipalsukan"
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_foreign_keys_are_recorded_with_a_readable_name(samarinda: Any) -> None:
    entry = history_for(AgencyFactory(region=samarinda)).get()
    assert entry.changes["region_id"]["after"] == {"id": samarinda.pk, "label": "Kota Samarinda"}
    assert ("wilayah", None, "Kota Samarinda") in entry.change_rows()


def test_passwords_are_never_written_to_the_trail_and_logins_are_not_changes(
    tkksd_samarinda: Any,
) -> None:
    tkksd_samarinda.set_password("Kata-Sandi-Baru-2026")
    tkksd_samarinda.save()
    Client().login(username=tkksd_samarinda.username, password="Kata-Sandi-Baru-2026")
    entries = list(history_for(tkksd_samarinda))
    change = entries[0].changes["password"]
    assert change["before"].startswith("(disembunyikan) #")
    assert change["after"].startswith("(disembunyikan) #")
    assert change["before"] != change["after"]
    assert list(entries[0].changes) == ["password"]
    assert "pbkdf2" not in str([e.changes for e in entries]).lower()
    assert all("last_login" not in e.changes for e in entries)


def test_bulk_updates_and_deletes_of_the_trail_are_refused(samarinda: Any) -> None:
    AgencyFactory(region=samarinda)
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(actor_label="dipalsukan")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "192.0.2.1"),  # no proxy configured: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged first entry is not believed
    ],
)
def test_the_recorded_ip_trusts_only_configured_proxies(
    settings: Any, proxies: int, forwarded: str, expected: str
) -> None:
    from django.test import RequestFactory

    from sinergi.audit.middleware import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
