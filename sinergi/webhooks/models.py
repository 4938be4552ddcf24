"""Webhooks: a registered system receives a signed POST when an agreement of its region changes
status; every attempt is kept in a delivery log."""

from typing import Any

from django.conf import settings
from django.db import models


class Webhook(models.Model):
    class Event(models.TextChoices):
        STATUS_CHANGED = "kerja_sama.status", "Status kerja sama berubah"

    region = models.ForeignKey(
        "regions.Region",
        verbose_name="wilayah",
        on_delete=models.CASCADE,
        related_name="webhooks",
        help_text="Kerja sama yang dicatat atau melibatkan wilayah ini (provinsi: dan daerahnya).",
    )
    name = models.CharField("nama sistem", max_length=100)
    url = models.URLField("alamat penerima", max_length=500)
    # Needed in clear to sign every delivery (HMAC); shown once, hidden from the audit trail.
    secret = models.CharField(max_length=64)
    event = models.CharField(
        "peristiwa", max_length=24, choices=Event.choices, default=Event.STATUS_CHANGED
    )
    active = models.BooleanField("aktif", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "webhook"
        verbose_name_plural = "webhook"
        ordering = ["region__code", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.url})"

    @property
    def audit_region_id(self) -> Any:
        return self.region_id


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "menunggu", "Menunggu/diulang"
        DELIVERED = "terkirim", "Terkirim"
        FAILED = "gagal", "Gagal (batas percobaan)"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=24)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField("percobaan", default=0)
    next_attempt_at = models.DateTimeField("percobaan berikutnya", null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField("kode jawaban", null=True, blank=True)
    last_error = models.CharField("galat terakhir", max_length=300, blank=True)
    delivered_at = models.DateTimeField("terkirim pada", null=True, blank=True)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "pengiriman webhook"
        verbose_name_plural = "pengiriman webhook"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook_id} ({self.state})"
