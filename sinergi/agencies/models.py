from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from sinergi.agencies.names import compact
from sinergi.core.models import AliveManager, SoftDeleteModel, SoftDeleteQuerySet, TimeStampedModel


class AgencyQuerySet(SoftDeleteQuerySet):
    def in_regions(self, regions: Any) -> "AgencyQuerySet":
        return self.filter(region__in=regions)

    def search(self, text: str) -> "AgencyQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(short_name__icontains=text)
            | Q(normalized_name__contains=compact(text))
        )


class Agency(SoftDeleteModel, TimeStampedModel):
    """A perangkat daerah (OPD) of one region: dinas, badan, RSUD, kecamatan, puskesmas..."""

    class Kind(models.TextChoices):
        SECRETARIAT = "sekretariat", "Sekretariat Daerah / DPRD"
        BUREAU = "biro_bagian", "Biro / Bagian"
        OFFICE = "dinas", "Dinas"
        AGENCY = "badan", "Badan"
        INSPECTORATE = "inspektorat", "Inspektorat"
        POLICE = "satpol_pp", "Satuan Polisi Pamong Praja"
        HOSPITAL = "rsud", "Rumah Sakit Umum Daerah"
        DISTRICT = "kecamatan", "Kecamatan"
        VILLAGE = "kelurahan", "Kelurahan"
        CLINIC = "puskesmas", "Puskesmas"
        UNIT = "uptd", "UPTD / Kantor"
        OTHER = "lainnya", "Lainnya"

    region = models.ForeignKey(
        "regions.Region", verbose_name="wilayah", on_delete=models.PROTECT, related_name="agencies"
    )
    name = models.CharField("nama", max_length=200)
    short_name = models.CharField("singkatan", max_length=40, blank=True)
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    unit_code = models.CharField(
        "kode unit (SIPD)",
        max_length=40,
        blank=True,
        help_text="Opsional, mis. 1.02.0.00.0.00.01.0000",
    )
    affairs = models.ManyToManyField(
        "affairs.Affair", verbose_name="urusan yang ditangani", blank=True, related_name="agencies"
    )
    # compact(name): one key for every spelling of a unit ("RSUD I. A. Moeis" = "RSUD IA MOEIS"),
    # so the database itself refuses the second spelling.
    normalized_name = models.CharField(max_length=200, editable=False, db_index=True)
    is_demo = models.BooleanField("data demo", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = AliveManager.from_queryset(AgencyQuerySet)()
    all_objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["region__code", "name"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "normalized_name"],
                condition=Q(deleted_at__isnull=True),
                name="agency_unique_name_per_region",
                violation_error_message=(
                    "Perangkat daerah dengan nama ini sudah ada di wilayah tersebut."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalized_name = compact(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "normalized_name"}
        super().save(*args, **kwargs)

    @property
    def audit_region_id(self) -> Any:
        return self.region_id


class AgencyImport(TimeStampedModel):
    """An uploaded OPD register: parsed into rows, reviewed by the user, then applied at once."""

    class Status(models.TextChoices):
        PREVIEW = "pratinjau", "Menunggu konfirmasi"
        APPLIED = "diterapkan", "Diterapkan"
        CANCELLED = "dibatalkan", "Dibatalkan"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField("nama berkas", max_length=255)
    file_sha256 = models.CharField("SHA-256 berkas", max_length=64)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREVIEW)
    # One dict per data row: number, values, verdict, messages, matches (see imports.py).
    rows = models.JSONField(default=list)
    created_count = models.PositiveIntegerField("dibuat", default=0)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "impor perangkat daerah"
        verbose_name_plural = "impor perangkat daerah"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Impor {self.file_name} ({self.get_status_display()})"

    def count(self, verdict: str) -> int:
        return sum(1 for row in self.rows if row["verdict"] == verdict)
