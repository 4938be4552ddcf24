"""Background work of innovations: thin wrappers around the services."""

import logging

from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from sinergi.alerts.services import base_url
from sinergi.innovations import notifications, services
from sinergi.innovations.models import ReplicationInterest

logger = logging.getLogger(__name__)


@task
def embed_innovation(innovation_id: int) -> bool:
    return services.innovation_embed(innovation_id=innovation_id)


@task
def send_interest_mail(interest_id: int, event: str) -> int:
    """Mail the other side of a surat minat; returns how many addresses were written to."""
    interest = (
        ReplicationInterest.objects.select_related(
            "innovation__region", "region", "created_by", "agreement"
        )
        .filter(pk=interest_id)
        .first()
    )
    if interest is None:
        return 0
    to_region = interest.innovation.region if event == "diajukan" else interest.region
    recipients = notifications.region_managers(to_region)
    if event != "diajukan" and interest.created_by and interest.created_by.email:
        recipients = sorted({*recipients, interest.created_by.email})
    if not recipients:
        return 0
    context = {
        "interest": interest,
        "event": event,
        "innovation_url": base_url() + reverse("innovations:detail", args=[interest.innovation_id]),
        "inbox_url": base_url() + reverse("innovations:interests"),
        "agreement_url": base_url() + reverse("agreements:detail", args=[interest.agreement_id])
        if interest.agreement_id
        else "",
    }
    subject = (
        f"[Sinergi] Minat replikasi dari {interest.region}: {interest.innovation.name}"
        if event == "diajukan"
        else f"[Sinergi] Minat replikasi {interest.get_status_display().lower()}: "
        f"{interest.innovation.name}"
    )
    body = render_to_string("innovations/email_interest.txt", context)
    try:
        EmailMessage(subject=subject[:200], body=body, to=recipients).send()
    except OSError:  # SMTP and network errors: the inbox page still shows it
        logger.exception("Surel minat replikasi %s gagal dikirim", interest_id)
        return 0
    return len(recipients)
