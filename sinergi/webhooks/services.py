"""Registering webhooks and delivering them.

A status change of an agreement (a StatusChange row) makes one Delivery per active webhook of
the owner's or a party's region (or their province), sent after the commit. Each POST carries
`X-Sinergi-Signature: sha256=<hex>`, the HMAC-SHA256 with the webhook's secret of
`<X-Sinergi-Timestamp>.<body>`, so a receiver can check origin and freshness. A failed attempt
(network error, timeout, any answer but 2xx) is retried after 1 min, 5 min, 30 min and 2 h;
after the fifth it is marked failed. Redirects are not followed.
"""

import datetime
import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.tasks import default_task_backend
from django.utils import timezone

from sinergi.accounts.scope import can_manage_region
from sinergi.agreements.models import StatusChange
from sinergi.core.errors import DomainError
from sinergi.regions.models import Region
from sinergi.webhooks.models import Delivery, Webhook

RETRY_DELAYS = [60, 300, 1800, 7200]  # seconds after the 1st, 2nd, 3rd and 4th failure
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
TIMEOUT = 10  # seconds per attempt
LEASE = datetime.timedelta(seconds=TIMEOUT * 3)  # an attempt under way is not taken twice
USER_AGENT = "Sinergi-Webhook/1"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


@transaction.atomic
def webhook_create(*, user: Any, region: Region, name: str, url: str) -> tuple[Webhook, str]:
    """Register a receiver for `region`; returns the row and its secret (shown once)."""
    if not can_manage_region(user, region):
        raise PermissionDenied("Webhook didaftarkan oleh TKKSD atau Admin Provinsi wilayahnya.")
    url = url.strip()
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError as error:
        raise DomainError("Alamat penerima harus URL http(s) yang sah.") from error
    if not name.strip():
        raise DomainError("Beri nama sistem penerima.")
    secret = secrets.token_hex(32)
    webhook = Webhook.objects.create(
        region=region, name=name.strip()[:100], url=url, secret=secret, created_by=user
    )
    return webhook, secret


@transaction.atomic
def webhook_deactivate(*, user: Any, webhook: Webhook) -> None:
    if not can_manage_region(user, webhook.region):
        raise PermissionDenied("Anda tidak berwenang mengubah webhook ini.")
    webhook.active = False
    webhook.save(update_fields=["active"])
    webhook.deliveries.filter(state=Delivery.State.PENDING).update(
        state=Delivery.State.FAILED, last_error="Webhook dinonaktifkan."
    )


def status_changed(sender: Any, instance: StatusChange, created: bool, **kwargs: Any) -> None:
    """post_save of StatusChange: queue a delivery for each webhook watching the agreement."""
    if not created or kwargs.get("raw"):
        return
    agreement = instance.agreement
    region_ids = {agreement.owner_region_id, *agreement.parties.values_list("region_id", flat=True)}
    region_ids.discard(None)
    provinces = Region.objects.filter(pk__in=region_ids).values("parent_id")
    hooks = list(
        Webhook.objects.filter(active=True).filter(
            Q(region_id__in=region_ids) | Q(region_id__in=provinces)
        )
    )
    if not hooks:
        return
    payload = _payload(instance)
    now = timezone.now()
    deliveries = Delivery.objects.bulk_create(
        Delivery(webhook=hook, event=hook.event, payload=payload, next_attempt_at=now)
        for hook in hooks
    )
    ids = [d.pk for d in deliveries]
    transaction.on_commit(lambda: _enqueue(ids), robust=True)


def _payload(change: StatusChange) -> dict[str, Any]:
    agreement = change.agreement
    return {
        "event": Webhook.Event.STATUS_CHANGED,
        "occurred_at": change.at.isoformat(),
        "agreement": {
            "id": agreement.pk,
            "number": agreement.number,
            "title": agreement.title,
            "owner_region": agreement.owner_region.code,
            "parties": [
                p.region.code if p.region else str(p.organization)
                for p in agreement.parties.select_related("region", "organization")
            ],
            "from_status": change.from_status,
            "to_status": change.to_status,
            "api_url": f"/api/v1/kerja-sama/{agreement.pk}",
        },
    }


def _enqueue(ids: list[int], run_after: datetime.datetime | None = None) -> None:
    from sinergi.webhooks.tasks import deliver_webhook

    for pk in ids:
        if run_after is not None and default_task_backend.supports_defer:
            deliver_webhook.using(run_after=run_after).enqueue(pk)
        elif run_after is None:
            deliver_webhook.enqueue(pk)
        # else: no deferred tasks here; `deliveries_due` (manage.py deliver_webhooks) retries


def delivery_attempt(*, delivery_id: int, now: datetime.datetime | None = None) -> Delivery | None:
    """One attempt, if the delivery is due and not taken by another worker; None otherwise."""
    now = now or timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, state=Delivery.State.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + LEASE)
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("webhook").get(pk=delivery_id)
    code, error = _post(delivery)
    delivery.attempts += 1
    delivery.last_status_code = code
    delivery.last_error = error[:300]
    if code is not None and 200 <= code < 300:
        delivery.state = Delivery.State.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state = Delivery.State.FAILED
        delivery.next_attempt_at = None
    else:
        delay = RETRY_DELAYS[delivery.attempts - 1]
        delivery.next_attempt_at = now + datetime.timedelta(seconds=delay)
    delivery.save()
    if delivery.state == Delivery.State.PENDING:
        _enqueue([delivery.pk], run_after=delivery.next_attempt_at)
    return delivery


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx is an answer to report, not a place to go


_opener = urllib.request.build_opener(_NoRedirects)


def _post(delivery: Delivery) -> tuple[int | None, str]:
    if not delivery.webhook.url.startswith(("https://", "http://")):
        return None, "Alamat penerima bukan http(s)."
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
        delivery.webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Sinergi-Event": delivery.event,
            "X-Sinergi-Delivery": str(delivery.pk),
            "X-Sinergi-Timestamp": timestamp,
            "X-Sinergi-Signature": signature(delivery.webhook.secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"Jawaban HTTP {error.code}"
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return None, f"Tidak tersambung: {getattr(error, 'reason', error)}"


def deliveries_due(*, now: datetime.datetime | None = None) -> int:
    """Attempt every delivery that is due (retries, and any left by a stopped worker)."""
    now = now or timezone.now()
    due = Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
    done = 0
    for pk in due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:500]:
        if delivery_attempt(delivery_id=pk, now=now) is not None:
            done += 1
    return done
