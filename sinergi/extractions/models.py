"""An uploaded agreement document, read in the background into a draft for human review."""

from typing import Any, Self

from django.conf import settings
from django.db import models

from sinergi.core.models import TimeStampedModel


def extraction_path(instance: "DocumentExtraction", filename: str) -> str:
    # Stored by content hash, never by the uploaded name (which the user controls).
    return f"extractions/{instance.sha256[:2]}/{instance.sha256}"


class DocumentExtractionQuerySet(models.QuerySet["DocumentExtraction"]):
    def accepted(self) -> Self:
        return self.filter(status=DocumentExtraction.Status.ACCEPTED)

    def for_regions(self, region_ids: Any) -> Self:
        return self.filter(owner_region_id__in=region_ids)


class DocumentExtraction(TimeStampedModel):
    class Status(models.TextChoices):
        QUEUED = "antre", "Menunggu giliran"
        RUNNING = "dibaca", "Sedang dibaca"
        READY = "siap", "Siap ditinjau"
        FAILED = "gagal", "Gagal dibaca"
        ACCEPTED = "diterima", "Diterima menjadi kerja sama"
        DISCARDED = "dibuang", "Dibuang"

    owner_region = models.ForeignKey(
        "regions.Region",
        verbose_name="wilayah pencatat",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField("berkas", upload_to=extraction_path, max_length=255)
    original_name = models.CharField("nama berkas asli", max_length=255)
    file_kind = models.CharField("format", max_length=10)
    size = models.PositiveBigIntegerField("ukuran (bita)")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    pages_total = models.PositiveIntegerField("jumlah halaman", default=0)
    pages_done = models.PositiveIntegerField("halaman terbaca", default=0)
    ocr_pages = models.PositiveIntegerField("halaman lewat OCR", default=0)
    error = models.TextField("galat", blank=True)
    text = models.TextField("teks terbaca", blank=True)
    # extract_agreement's JSON plus passages, obligations, financing, scope (see fields.py).
    result = models.JSONField("hasil pembacaan", default=dict)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name="kerja sama",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="extractions",
    )
    # What the reviewer changed, per field: {"judul": {"dibaca": ..., "diterima": ...}}.
    corrections = models.JSONField("koreksi peninjau", default=dict)
    accepted_sector_code = models.CharField(max_length=10, blank=True)
    training_text = models.TextField(blank=True)  # title and scope the sector was learned from
    started_at = models.DateTimeField("mulai dibaca", null=True, blank=True)
    finished_at = models.DateTimeField("selesai dibaca", null=True, blank=True)

    objects = DocumentExtractionQuerySet.as_manager()

    class Meta:
        verbose_name = "pembacaan dokumen"
        verbose_name_plural = "pembacaan dokumen"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner_region", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def audit_region_id(self) -> Any:
        return self.owner_region_id

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if self.status != self.Status.RUNNING:
            return 0 if self.is_working else 100
        return min(99, self.pages_done * 100 // self.pages_total) if self.pages_total else 0
