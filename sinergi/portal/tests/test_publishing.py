"""Marking an agreement public: only the owner region's TKKSD or Admin Provinsi."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from sinergi.agreements.models import Agreement
from sinergi.conftest import client_for
from sinergi.portal.tests.conftest import D, edit_form_data, publish


@pytest.fixture
def signed(
    make_active_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
) -> Agreement:
    return make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Pengelolaan air limbah bersama",
        start_date=D(2025, 2, 1),
        duration_months=36,
    )


def is_public(agreement: Agreement) -> bool:
    return Agreement.objects.get(pk=agreement.pk).is_public


def test_the_owner_regions_tkksd_publishes_and_withdraws_through_the_edit_page(
    signed: Agreement, tkksd_samarinda: Any
) -> None:
    client = client_for(tkksd_samarinda)
    detail = reverse("agreements:detail", args=[signed.pk])
    assert 'Tampil di portal publik</dt><dd class="col-sm-8">Tidak' in client.get(detail).text
    assert (
        "Tampilkan di portal publik"
        in client.get(reverse("agreements:edit", args=[signed.pk])).text
    )
    publish(tkksd_samarinda, signed)
    assert is_public(signed)
    assert 'Tampil di portal publik</dt><dd class="col-sm-8">Ya' in client.get(detail).text
    assert client.get(reverse("portal:detail", args=[signed.pk])).status_code == 200

    signed.refresh_from_db()
    client.post(
        reverse("agreements:edit", args=[signed.pk]), edit_form_data(signed, is_public=None)
    )
    assert not is_public(signed)  # unticked: withdrawn from the portal
    assert client.get(reverse("portal:detail", args=[signed.pk])).status_code == 404


def test_the_province_admin_may_publish_a_regencys_agreement(
    signed: Agreement, province_admin: Any
) -> None:
    publish(province_admin, signed)
    assert is_public(signed)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("executive", 403), ("tkksd_kukar", 403), ("tkksd_pontianak", 404)],
)
def test_others_cannot_publish(
    signed: Agreement, request: pytest.FixtureRequest, persona: str, status: int
) -> None:
    user = request.getfixturevalue(persona)
    url = reverse("agreements:edit", args=[signed.pk])
    response = client_for(user).post(url, edit_form_data(signed, is_public="on"))
    assert response.status_code == status
    assert not is_public(signed)


def test_the_proposing_officer_edits_an_usulan_but_cannot_publish_it(
    make_agreement: Callable[..., Agreement], officer: Any, samarinda: Any, kukar: Any
) -> None:
    usulan = make_agreement(officer, samarinda, [kukar], title="Usulan dari dinas kesehatan")
    client = client_for(officer)
    url = reverse("agreements:edit", args=[usulan.pk])
    assert client.post(url, edit_form_data(usulan, is_public="on")).status_code == 403
    assert not is_public(usulan)
    assert client.post(url, edit_form_data(usulan, title="Usulan diperbaiki")).status_code == 302
    assert Agreement.objects.get(pk=usulan.pk).title == "Usulan diperbaiki"


def api_payload(client: Any, agreement: Agreement, **changes: Any) -> dict[str, Any]:
    body = client.get(f"/api/v1/kerja-sama/{agreement.pk}").json()
    payload = {
        **{k: body[k] for k in ("doc_type", "title", "number", "subject", "purpose", "scope")},
        **{k: body[k] for k in ("location", "financing", "signed_place", "burdens_public")},
        **{k: body[k] for k in ("budgeted", "is_public", "version", "other_affairs")},
        **{k: body[k] for k in ("signed_on", "start_date", "end_date", "duration_months")},
        "owner_region": body["owner_region"]["code"],
        "primary_affair": body["primary_affair"]["code"],
        "parties": [
            {
                "region": p["region"]["code"] if p["region"] else None,
                "organization": p["organization"]["id"] if p["organization"] else None,
            }
            for p in body["parties"]
        ],
    }
    return {**payload, **changes}


def test_the_api_shows_and_sets_is_public_for_the_owner_region_only(
    signed: Agreement, tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    owner, partner = client_for(tkksd_samarinda), client_for(tkksd_kukar)
    url = f"/api/v1/kerja-sama/{signed.pk}"
    assert owner.get(url).json()["is_public"] is False
    refused = partner.put(
        url, api_payload(partner, signed, is_public=True), content_type="application/json"
    )
    assert refused.status_code == 403
    response = owner.put(
        url, api_payload(owner, signed, is_public=True), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["is_public"] is True
    assert is_public(signed)
    assert partner.get(url).json()["is_public"] is True
