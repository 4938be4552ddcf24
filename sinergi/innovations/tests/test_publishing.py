"""Who may record, edit, publish and see innovations, through the services and the pages."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sinergi.audit.models import AuditEntry
from sinergi.conftest import client_for
from sinergi.core.errors import DomainError
from sinergi.innovations import services
from sinergi.innovations.models import Innovation
from sinergi.innovations.services import InnovationInput

pytestmark = pytest.mark.django_db


def _input(region: Any, affair: Any, **changes: Any) -> InnovationInput:
    values: dict[str, Any] = {
        "region": region,
        "name": "Antrean Puskesmas Daring",
        "affair": affair,
        "kind": Innovation.Kind.PUBLIC_SERVICE,
        "form": Innovation.Form.DIGITAL,
        "maturity": Innovation.Maturity.APPLIED,
        "started_year": 2023,
        "problem": "Pasien menunggu berjam-jam di puskesmas.",
        "description": "Nomor antrean diambil lewat aplikasi dan pesan singkat.",
        "results": "Waktu tunggu rata-rata turun dari 120 menjadi 25 menit.",
    }
    values.update(changes)
    return InnovationInput(**values)


def test_a_tkksd_records_a_draft_and_publishes_it(
    tkksd_samarinda: Any, samarinda: Any, health: Any
) -> None:
    innovation = services.innovation_create(user=tkksd_samarinda, data=_input(samarinda, health))
    assert innovation.status == Innovation.Status.DRAFT
    assert "antre" in innovation.search_stems  # stemmed for the keyword search

    services.innovation_publish(user=tkksd_samarinda, innovation=innovation)

    innovation.refresh_from_db()
    assert innovation.is_published
    assert innovation.published_at is not None
    changes = AuditEntry.objects.filter(object_id=str(innovation.pk), object_repr=innovation.name)
    assert changes.count() >= 2  # created, then published: both in the audit trail


def test_an_officer_drafts_for_their_own_opd_but_may_not_publish(
    officer: Any, samarinda: Any, health: Any, dinkes_samarinda: Any
) -> None:
    innovation = services.innovation_create(user=officer, data=_input(samarinda, health))
    assert innovation.agency == dinkes_samarinda  # the officer's own OPD, whatever was sent

    with pytest.raises(PermissionDenied):
        services.innovation_publish(user=officer, innovation=innovation)


@pytest.mark.parametrize("persona", ["tkksd_kukar", "executive", "tkksd_pontianak"])
def test_others_may_not_record_for_samarinda(
    persona: str, request: Any, samarinda: Any, health: Any
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.innovation_create(user=user, data=_input(samarinda, health))


def test_the_province_admin_publishes_for_a_regency_of_the_province(
    province_admin: Any, make_innovation: Any, samarinda: Any
) -> None:
    draft = make_innovation(samarinda, status=Innovation.Status.DRAFT)
    services.innovation_publish(user=province_admin, innovation=draft)
    assert Innovation.objects.get(pk=draft.pk).is_published


def test_publishing_needs_results(tkksd_samarinda: Any, samarinda: Any, health: Any) -> None:
    innovation = services.innovation_create(
        user=tkksd_samarinda, data=_input(samarinda, health, results="")
    )
    with pytest.raises(DomainError, match="hasil"):
        services.innovation_publish(user=tkksd_samarinda, innovation=innovation)

    services.innovation_figure_add(
        user=tkksd_samarinda,
        innovation=innovation,
        data=services.FigureInput(
            label="Waktu tunggu", before=120, after=25, unit="menit", year=2024
        ),  # type: ignore[arg-type]
    )
    services.innovation_publish(user=tkksd_samarinda, innovation=innovation)


def test_bad_values_are_refused_with_a_clear_message(
    tkksd_samarinda: Any, samarinda: Any, health: Any
) -> None:
    next_year = datetime.date.today().year + 1
    with pytest.raises(DomainError, match="Tahun mulai"):
        services.innovation_create(
            user=tkksd_samarinda, data=_input(samarinda, health, started_year=next_year)
        )
    assert not Innovation.objects.exists()


def test_an_edit_over_someone_elses_is_refused(
    tkksd_samarinda: Any, province_admin: Any, samarinda: Any, health: Any
) -> None:
    innovation = services.innovation_create(user=tkksd_samarinda, data=_input(samarinda, health))
    services.innovation_update(
        user=province_admin,
        innovation=innovation,
        expected_version=1,
        data=_input(samarinda, health, name="Nama dari admin"),
    )
    with pytest.raises(DomainError, match="diubah oleh pengguna lain"):
        services.innovation_update(
            user=tkksd_samarinda,
            innovation=innovation,
            expected_version=1,
            data=_input(samarinda, health, name="Nama lama"),
        )
    assert Innovation.objects.get(pk=innovation.pk).name == "Nama dari admin"


def test_a_draft_is_seen_only_in_its_region_and_a_published_one_by_all(
    make_innovation: Any,
    samarinda: Any,
    tkksd_samarinda: Any,
    tkksd_kukar: Any,
    tkksd_pontianak: Any,
) -> None:
    draft = make_innovation(samarinda, status=Innovation.Status.DRAFT, name="Draf Samarinda")
    published = make_innovation(samarinda, name="Terbit Samarinda")
    for user, draft_status in [(tkksd_samarinda, 200), (tkksd_kukar, 404), (tkksd_pontianak, 404)]:
        client = client_for(user)
        assert (
            client.get(reverse("innovations:detail", args=[draft.pk])).status_code == draft_status
        )
        assert client.get(reverse("innovations:detail", args=[published.pk])).status_code == 200
        listing = client.get(reverse("innovations:list")).content.decode()
        assert "Terbit Samarinda" in listing
        assert ("Draf Samarinda" in listing) == (draft_status == 200)


def test_the_page_offers_publishing_to_the_region_only(
    make_innovation: Any, samarinda: Any, tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    draft = make_innovation(samarinda, status=Innovation.Status.DRAFT)
    url = reverse("innovations:publish", args=[draft.pk])
    assert client_for(tkksd_kukar).post(url).status_code == 404  # cannot even see the draft
    response = client_for(tkksd_samarinda).post(url, follow=True)
    assert "Inovasi diterbitkan" in response.content.decode()
    assert Innovation.objects.get(pk=draft.pk).is_published


def test_the_form_records_an_innovation_and_keeps_input_on_errors(
    tkksd_samarinda: Any, samarinda: Any, health: Any
) -> None:
    client = client_for(tkksd_samarinda)
    form = {
        "region": samarinda.pk,
        "name": "Posyandu Digital",
        "affair": health.pk,
        "kind": "pelayanan_publik",
        "form": "digital",
        "maturity": "uji_coba",
        "started_year": "3000",
        "problem": "Data balita tercatat di buku.",
        "description": "Kader mencatat di aplikasi.",
        "replicable": "on",
    }
    response = client.post(reverse("innovations:create"), form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tahun mulai" in page
    assert "Posyandu Digital" in page  # nothing typed is lost
    form["started_year"] = "2024"
    response = client.post(reverse("innovations:create"), form)
    innovation = Innovation.objects.get(name="Posyandu Digital")
    assert response.url == reverse("innovations:detail", args=[innovation.pk])
