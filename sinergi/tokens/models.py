"""Personal API tokens: a machine acts as its user, with the user's role and regions, and a
scope (read only, or read and write) and an expiry of its own."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "baca", "Hanya baca"
        WRITE = "baca_tulis", "Baca dan tulis"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("nama", max_length=100, help_text="Mis. Sinkronisasi SIPD Bappeda")
    # The token is "snrg_<prefix>_<secret>": the prefix finds the row, the hash proves it.
    prefix = models.CharField("awalan", max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scope = models.CharField("cakupan", max_length=12, choices=Scope.choices)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    expires_at = models.DateTimeField("berlaku sampai")
    last_used_at = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    revoked_at = models.DateTimeField("dicabut pada", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def audit_region_id(self) -> Any:
        return self.user.region_id

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def state_label(self) -> str:
        if self.revoked_at is not None:
            return "Dicabut"
        if self.expires_at <= timezone.now():
            return "Kedaluwarsa"
        return "Aktif"
