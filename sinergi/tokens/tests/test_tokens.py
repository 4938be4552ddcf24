"""Personal API tokens: scopes, expiry, revocation, region isolation and the rate limit."""

import datetime
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sinergi.audit.models import AuditEntry
from sinergi.conftest import client_for
from sinergi.core.errors import DomainError
from sinergi.innovations.tests.factories import draft_payload
from sinergi.tokens.models import ApiToken
from sinergi.tokens.services import token_create

pytestmark = pytest.mark.django_db


def bearer(text: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {text}"}


@pytest.fixture
def agreements(
    make_agreement: Any,
    tkksd_samarinda: Any,
    tkksd_kukar: Any,
    samarinda: Any,
    kukar: Any,
    pontianak: Any,
) -> dict[str, Any]:
    return {
        "samarinda": make_agreement(
            tkksd_samarinda, samarinda, [pontianak], title="Milik Samarinda"
        ),
        "kukar": make_agreement(tkksd_kukar, kukar, [pontianak], title="Milik Kukar"),
    }


def test_a_token_acts_as_its_user_within_the_users_regions(
    agreements: dict[str, Any], tkksd_kukar: Any
) -> None:
    token, text = token_create(user=tkksd_kukar, name="SIPD", scope="baca", days=30)
    assert text.startswith("snrg_")
    assert text not in token.secret_hash
    client = Client()
    body = client.get("/api/v1/kerja-sama", headers=bearer(text)).json()
    assert [item["title"] for item in body["items"]] == ["Milik Kukar"]
    own = client.get(f"/api/v1/kerja-sama/{agreements['kukar'].pk}", headers=bearer(text))
    assert own.status_code == 200
    other = client.get(f"/api/v1/kerja-sama/{agreements['samarinda'].pk}", headers=bearer(text))
    assert other.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_a_read_only_token_cannot_write_and_a_write_token_can_without_csrf(
    tkksd_kukar: Any, health: Any
) -> None:
    draft = draft_payload("64.02", health.code)
    _r, read_only = token_create(user=tkksd_kukar, name="baca", scope="baca", days=30)
    _w, writer = token_create(user=tkksd_kukar, name="tulis", scope="baca_tulis", days=30)
    client = Client(enforce_csrf_checks=True)
    refused = client.post(
        "/api/v1/inovasi",
        json.dumps(draft),
        content_type="application/json",
        headers=bearer(read_only),
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert "hanya untuk membaca" in refused.json()["message"]
    made = client.post(
        "/api/v1/inovasi",
        json.dumps(draft),
        content_type="application/json",
        headers=bearer(writer),
    )
    assert made.status_code == 201, made.content
    entry = AuditEntry.objects.get(object_repr="Posyandu Digital", action="create")
    assert entry.actor == tkksd_kukar  # a change made with a token is audited as its user


@pytest.mark.parametrize(
    "spoil", ["expired", "revoked", "inactive_user", "wrong_secret", "garbage"]
)
def test_unusable_tokens_are_refused_with_401(spoil: str, tkksd_kukar: Any) -> None:
    token, text = token_create(user=tkksd_kukar, name="x", scope="baca", days=30)
    if spoil == "expired":
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
    elif spoil == "revoked":
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    elif spoil == "inactive_user":
        type(tkksd_kukar).objects.filter(pk=tkksd_kukar.pk).update(is_active=False)
    elif spoil == "wrong_secret":
        text = text[:-4] + ("AAAA" if not text.endswith("AAAA") else "BBBB")
    else:
        text = "bukan-token"
    response = Client().get("/api/v1/kerja-sama", headers=bearer(text))
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_bad_token_requests_are_explained(tkksd_kukar: Any) -> None:
    with pytest.raises(DomainError, match="1 sampai 365 hari"):
        token_create(user=tkksd_kukar, name="x", scope="baca", days=400)
    with pytest.raises(DomainError, match="Cakupan"):
        token_create(user=tkksd_kukar, name="x", scope="admin", days=10)
    assert not ApiToken.objects.exists()


def test_the_rate_limit_is_per_token_with_retry_after(tkksd_kukar: Any, settings: Any) -> None:
    settings.SINERGI_API_RATE = 3
    _a, first = token_create(user=tkksd_kukar, name="a", scope="baca", days=1)
    _b, second = token_create(user=tkksd_kukar, name="b", scope="baca", days=1)
    client = Client()
    codes = [client.get("/api/v1/inovasi", headers=bearer(first)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/api/v1/inovasi", headers=bearer(first))
    assert limited.json()["code"] == "throttled"
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert client.get("/api/v1/inovasi", headers=bearer(second)).status_code == 200


def test_open_endpoints_are_limited_per_address(reference_data: Any, settings: Any) -> None:
    settings.SINERGI_API_ANON_RATE = 2
    client = Client()
    codes = [client.get("/api/v1/inovasi/publik").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_token_page_shows_a_new_token_once_and_revokes(
    tkksd_kukar: Any, tkksd_samarinda: Any
) -> None:
    client = client_for(tkksd_kukar)
    page = client.post(reverse("tokens:list"), {"name": "SIPD", "scope": "baca", "days": "30"})
    html = page.content.decode()
    token = ApiToken.objects.get()
    text = html.split('id="token-baru">')[1].split("<")[0]
    assert text.startswith(f"snrg_{token.prefix}_")
    assert page["Cache-Control"] == "no-store"
    assert text not in client.get(reverse("tokens:list")).content.decode()  # shown once

    other = client_for(tkksd_samarinda).post(reverse("tokens:revoke", args=[token.pk]))
    assert other.status_code == 404  # someone else's token is not even found
    client.post(reverse("tokens:revoke", args=[token.pk]))
    assert Client().get("/api/v1/kerja-sama", headers=bearer(text)).status_code == 401


def test_reads_carry_an_etag_and_an_unchanged_answer_is_304(
    agreements: dict[str, Any], tkksd_kukar: Any, make_agreement: Any, kukar: Any, pontianak: Any
) -> None:
    _t, text = token_create(user=tkksd_kukar, name="x", scope="baca", days=1)
    client = Client()
    first = client.get("/api/v1/kerja-sama", headers=bearer(text))
    etag = first["ETag"]
    assert etag.startswith('"')
    assert "Authorization" in first["Vary"]
    again = client.get("/api/v1/kerja-sama", headers={**bearer(text), "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    make_agreement(tkksd_kukar, kukar, [pontianak], title="Baru")
    changed = client.get("/api/v1/kerja-sama", headers={**bearer(text), "If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
