"""Webhooks: a real HTTP receiver on this machine gets signed POSTs; failures are retried and
logged; only managers register them."""

import datetime
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from sinergi.agreements.services import agreement_submit
from sinergi.conftest import client_for
from sinergi.core.errors import DomainError
from sinergi.webhooks import services
from sinergi.webhooks.models import Delivery

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server answering each POST with the next planned status (then 200)."""

    def __init__(self, answers: list[int]) -> None:
        self.answers = answers
        self.received: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": dict(self.headers), "body": body})
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sinergi"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver([])
    yield found
    found.server.shutdown()


def test_a_status_change_is_posted_signed_to_the_regions_receiver(
    receiver: Receiver,
    make_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _hook, secret = services.webhook_create(
        user=tkksd_samarinda, region=samarinda, name="SIPD", url=receiver.url
    )
    agreement = make_agreement(tkksd_samarinda, samarinda, [kukar])
    receiver.received.clear()  # the creation (usulan) was the first event
    with django_capture_on_commit_callbacks(execute=True):
        agreement_submit(user=tkksd_samarinda, agreement=agreement)

    [call] = receiver.received
    headers, body = call["headers"], call["body"]
    expected = hmac.new(
        secret.encode(), headers["X-Sinergi-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-Sinergi-Signature"] == f"sha256={expected}"
    assert headers["X-Sinergi-Event"] == "kerja_sama.status"
    payload = json.loads(body)
    assert payload["agreement"]["id"] == agreement.pk
    assert payload["agreement"]["to_status"] == "pembahasan_tkksd"
    assert payload["agreement"]["parties"] == ["64.72", "64.02"]
    delivery = Delivery.objects.get(pk=int(headers["X-Sinergi-Delivery"]))
    assert delivery.state == "terkirim"
    assert delivery.last_status_code == 200


def test_a_failed_delivery_is_retried_with_backoff_then_given_up(
    receiver: Receiver,
    make_agreement: Any,
    tkksd_samarinda: Any,
    province_admin: Any,
    kaltim: Any,
    samarinda: Any,
    kukar: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.webhook_create(user=province_admin, region=kaltim, name="Satu Data", url=receiver.url)
    receiver.answers = [500, 503]
    with django_capture_on_commit_callbacks(execute=True):
        make_agreement(tkksd_samarinda, samarinda, [kukar])  # a regency's: the province hears
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("menunggu", 1, 500)
    first_retry = delivery.next_attempt_at
    assert first_retry is not None
    assert 55 <= (first_retry - timezone.now()).total_seconds() <= 60

    assert services.deliveries_due() == 0  # not due yet
    assert services.deliveries_due(now=first_retry) == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code) == (2, 503)
    assert services.deliveries_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert delivery.state == "terkirim"
    assert delivery.attempts == 3
    assert len(receiver.received) == 3

    receiver.answers = [500] * 5
    Delivery.objects.filter(pk=delivery.pk).update(
        state="menunggu", attempts=4, next_attempt_at=timezone.now()
    )
    services.deliveries_due()
    delivery.refresh_from_db()
    assert delivery.state == "gagal"
    assert delivery.next_attempt_at is None


def test_an_unreachable_receiver_is_logged(
    make_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.webhook_create(
        user=tkksd_samarinda, region=samarinda, name="Mati", url="http://127.0.0.1:9/tidak-ada"
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_agreement(tkksd_samarinda, samarinda, [kukar])
    delivery = Delivery.objects.get()
    assert delivery.last_status_code is None
    assert "Tidak tersambung" in delivery.last_error
    page = client_for(tkksd_samarinda).get(
        reverse("webhooks:deliveries", args=[delivery.webhook_id])
    )
    assert "Tidak tersambung" in page.content.decode()


def test_only_managers_register_and_only_http_urls(
    tkksd_kukar: Any, executive: Any, samarinda: Any, kukar: Any, kaltim: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.webhook_create(user=tkksd_kukar, region=samarinda, name="x", url="https://a.id")
    with pytest.raises(PermissionDenied):
        services.webhook_create(user=executive, region=kaltim, name="x", url="https://a.id")
    with pytest.raises(DomainError, match="URL"):
        services.webhook_create(user=tkksd_kukar, region=kukar, name="x", url="file:///etc/passwd")
    assert client_for(executive).get(reverse("webhooks:list")).status_code == 403


def test_the_page_shows_the_secret_once(tkksd_kukar: Any, kukar: Any) -> None:
    client = client_for(tkksd_kukar)
    page = client.post(
        reverse("webhooks:list"), {"region": kukar.pk, "name": "SIPD", "url": "https://sipd.id/h"}
    ).content.decode()
    secret = page.split('id="rahasia-baru">')[1].split("<")[0]
    assert len(secret) == 64
    assert secret not in client.get(reverse("webhooks:list")).content.decode()


def test_a_deactivated_webhook_stops_its_retries(
    tkksd_kukar: Any, kukar: Any, make_agreement: Any, samarinda: Any
) -> None:
    hook, _ = services.webhook_create(
        user=tkksd_kukar, region=kukar, name="x", url="http://127.0.0.1:9/"
    )
    Delivery.objects.create(
        webhook=hook, event="kerja_sama.status", payload={}, next_attempt_at=timezone.now()
    )
    services.webhook_deactivate(user=tkksd_kukar, webhook=hook)
    later = timezone.now() + datetime.timedelta(hours=1)
    assert services.deliveries_due(now=later) == 0
    assert Delivery.objects.get().state == "gagal"
