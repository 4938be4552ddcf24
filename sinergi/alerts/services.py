"""The daily early-warning job: recompute every agreement's warnings, then e-mail what is new.

Idempotent by construction: a warning is one row per (agreement, key), upserted; an e-mail is
sent only for (warning, recipient) pairs without a `WarningDelivery`, and the delivery rows
are written in the transaction that sends, so a second run on the same day sends nothing and
a failed send is retried by the next run.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sinergi.accounts.models import User
from sinergi.alerts import recipients, selectors
from sinergi.alerts.models import Warning, WarningDelivery, WarningRun
from sinergi.alerts.rules import AgreementFacts, Found, current_warnings
from sinergi.audit.models import AuditEntry
from sinergi.audit.tracking import record
from sinergi.core.versions import bump_data_version

logger = logging.getLogger(__name__)

# An e-mail lists this many warnings; the rest are on the work queue it links to.
DIGEST_LIMIT = 50
_UPSERTED = ["kind", "message", "next_step", "due_date", "last_seen", "resolved_at"]


def base_url() -> str:
    """Where the site is reachable from a mail client (no request to build it from)."""
    return str(settings.BASE_URL).rstrip("/")


@dataclass
class _Tally:
    opened: int = 0
    resolved: int = 0


# --- refresh --------------------------------------------------------------------------------


def warnings_refresh(*, today: datetime.date) -> WarningRun:
    """Recompute the warnings of every candidate agreement as of `today`.

    New situations get a row (`first_seen` = today); current ones get today's message and
    `last_seen`; a resolved one that comes back is reopened on the same row; open warnings
    no longer found (or of agreements no longer candidates) are resolved.
    """
    run = WarningRun.objects.create(run_on=today)
    tally = _Tally()
    now = timezone.now()
    for chunk in selectors.facts_chunks(today):
        with transaction.atomic():
            _refresh_chunk(chunk, today, now, tally)
    tally.resolved += (
        Warning.objects.open()
        .exclude(agreement__in=selectors.candidates(today).values("pk"))
        .update(resolved_at=now)
    )
    run.opened, run.resolved = tally.opened, tally.resolved
    bump_data_version()  # bulk upserts and updates send no signals
    run.save(update_fields=["opened", "resolved"])
    return run


def _refresh_chunk(
    chunk: list[AgreementFacts],
    today: datetime.date,
    now: datetime.datetime,
    tally: _Tally,
) -> None:
    found = {
        (facts.agreement.pk, w.key): w for facts in chunk for w in current_warnings(facts, today)
    }
    existing = {
        (w.agreement_id, w.key): w
        for w in Warning.objects.filter(agreement_id__in=[f.agreement.pk for f in chunk]).only(
            "id", "agreement_id", "key", "resolved_at"
        )
    }
    tally.opened += sum(
        1 for k in found if k not in existing or existing[k].resolved_at is not None
    )
    gone = [w.pk for k, w in existing.items() if k not in found and w.resolved_at is None]
    tally.resolved += Warning.objects.filter(pk__in=gone).update(resolved_at=now)
    Warning.objects.bulk_create(
        [_row(pk, w, today) for (pk, _), w in found.items()],
        update_conflicts=True,
        unique_fields=["agreement", "key"],
        update_fields=_UPSERTED,
    )


def _row(agreement_id: int, found: Found, today: datetime.date) -> Warning:
    # `first_seen` is written on insert only (not in _UPSERTED): an existing row keeps it.
    return Warning(
        agreement_id=agreement_id,
        kind=found.kind,
        key=found.key,
        message=found.message[:500],
        next_step=found.next_step[:500],
        due_date=found.due_date,
        first_seen=today,
        last_seen=today,
        resolved_at=None,
    )


# --- send -----------------------------------------------------------------------------------


def warnings_send(*, today: datetime.date, run: WarningRun) -> int:
    """E-mail each recipient one digest of their open warnings not yet sent to them.

    Returns the number of e-mails sent (also added to `run.emails`).
    """
    people = recipients.directory()
    pending = _pending(people)
    sent = 0
    for user_id, warning_ids in pending.items():
        sent += _send_digest(people.users[user_id], warning_ids, today)
    run.emails += sent
    run.save(update_fields=["emails"])
    return sent


def _pending(people: recipients.Directory) -> dict[int, list[int]]:
    """For each recipient, the open warnings they have not been sent, read in chunks."""
    pending: dict[int, list[int]] = defaultdict(list)
    open_warnings = Warning.objects.open().order_by("pk").values_list("pk", "agreement_id")
    last_pk = 0
    while chunk := list(open_warnings.filter(pk__gt=last_pk)[: selectors.CHUNK_SIZE]):
        last_pk = chunk[-1][0]
        by_agreement = recipients.recipients_by_agreement({a for _, a in chunk}, people)
        delivered = set(
            WarningDelivery.objects.filter(warning_id__in=[w for w, _ in chunk]).values_list(
                "warning_id", "recipient_id"
            )
        )
        for warning_id, agreement_id in chunk:
            for user_id in by_agreement.get(agreement_id, ()):
                if (warning_id, user_id) not in delivered:
                    pending[user_id].append(warning_id)
    return pending


def _send_digest(user: User, warning_ids: list[int], today: datetime.date) -> int:
    """Record the deliveries and send, in one transaction: if the mail server refuses, no
    delivery is recorded and the next run tries again; if another run recorded them first
    (unique row), this one sends nothing."""
    try:
        with transaction.atomic():
            WarningDelivery.objects.bulk_create(
                WarningDelivery(warning_id=pk, recipient=user) for pk in warning_ids
            )
            _digest(user, warning_ids, today).send()
    except IntegrityError:
        return 0
    except OSError:  # SMTP and network errors: the others still get theirs
        logger.exception("Surel peringatan dini untuk pengguna %s gagal dikirim", user.pk)
        return 0
    return 1


def _digest(user: User, warning_ids: list[int], today: datetime.date) -> EmailMessage:
    warnings = list(
        Warning.objects.filter(pk__in=warning_ids)
        .select_related("agreement")
        .only(
            "kind",
            "message",
            "next_step",
            "due_date",
            "agreement__id",
            "agreement__title",
            "agreement__number",
        )
        .order_by("due_date", "pk")
    )
    base = base_url()
    context = {
        "user": user,
        "today": today,
        "count": len(warnings),
        "warnings": [
            (w, base + reverse("agreements:detail", args=[w.agreement_id]))
            for w in warnings[:DIGEST_LIMIT]
        ],
        "more": max(0, len(warnings) - DIGEST_LIMIT),
        "queue_url": base + reverse("alerts:queue"),
    }
    subject = f"[Sinergi] {len(warnings)} peringatan dini baru kerja sama ({today:%d-%m-%Y})"
    body = render_to_string("alerts/email_digest.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


# --- the daily job --------------------------------------------------------------------------


def warnings_run_daily(*, today: datetime.date | None = None) -> WarningRun:
    """Refresh, then send; the run row keeps the counts, the audit trail one summary entry
    (the bulk writes send no audit signals, `sinergi.audit.tracking`)."""
    today = today or timezone.localdate()
    run = warnings_refresh(today=today)
    warnings_send(today=today, run=run)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    record(
        run,
        AuditEntry.Action.CREATE,
        {
            "opened": {"before": None, "after": run.opened},
            "resolved": {"before": None, "after": run.resolved},
            "emails": {"before": None, "after": run.emails},
        },
        label=f"Pemeriksaan peringatan dini {today:%d-%m-%Y}",
    )
    return run
