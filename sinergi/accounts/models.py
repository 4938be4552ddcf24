from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class User(AbstractUser):
    """An officer. Every user belongs to one region; the role says what they may do there."""

    class Role(models.TextChoices):
        PROVINCE_ADMIN = "admin_provinsi", "Admin Provinsi"
        TKKSD = "tkksd", "TKKSD"
        AGENCY_OFFICER = "perangkat_daerah", "Perangkat Daerah"
        EXECUTIVE = "pimpinan", "Pimpinan"

    role = models.CharField("peran", max_length=20, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="wilayah",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="perangkat daerah",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    position = models.CharField("jabatan", max_length=150, blank=True)
    phone = models.CharField("nomor telepon", max_length=32, blank=True)
    is_demo = models.BooleanField("akun demo", default=False)

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        constraints = [
            models.CheckConstraint(
                condition=Q(is_superuser=True) | (Q(region__isnull=False) & ~Q(role="")),
                name="user_has_region_and_role_unless_superuser",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.role == self.Role.PROVINCE_ADMIN and self.region and not self.region.is_province:
            raise ValidationError(
                {"region": "Admin Provinsi harus terdaftar pada wilayah provinsi."}
            )
        if self.role == self.Role.AGENCY_OFFICER and not self.agency_id:
            raise ValidationError(
                {"agency": "Peran Perangkat Daerah wajib memilih perangkat daerah."}
            )
        if self.agency_id and self.agency.region_id != self.region_id:  # type: ignore[union-attr]
            raise ValidationError({"agency": "Perangkat daerah harus berada di wilayah pengguna."})

    @property
    def audit_region_id(self) -> Any:
        return self.region_id


class LoginAttempt(models.Model):
    """Every login attempt, kept to lock an account after repeated failures and to audit access."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "percobaan masuk"
        verbose_name_plural = "percobaan masuk"
        ordering = ["-at"]

    def __str__(self) -> str:
        return (
            f"{self.username} {'berhasil' if self.succeeded else 'gagal'} {self.at:%Y-%m-%d %H:%M}"
        )
