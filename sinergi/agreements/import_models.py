"""The state of one register import: its rows and verdicts, then the background run's progress.

Kept apart from models.py so the import can grow without touching the agreement model;
models.py imports this module so Django registers the model in the `agreements` app.
"""

from django.conf import settings
from django.db import models

from sinergi.core.models import TimeStampedModel


class AgreementImport(TimeStampedModel):
    """An uploaded register: previewed row by row, then written by a background task."""

    class Status(models.TextChoices):
        PREVIEW = "pratinjau", "Menunggu konfirmasi"
        RUNNING = "berjalan", "Sedang diimpor"
        DONE = "selesai", "Selesai"
        FAILED = "gagal", "Gagal"
        CANCELLED = "dibatalkan", "Dibatalkan"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField("nama berkas", max_length=255)
    file_sha256 = models.CharField("SHA-256 berkas", max_length=64)
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.PREVIEW
    )
    total_rows = models.PositiveIntegerField("jumlah baris", default=0)
    # Rows per verdict ({"baru": 3, "sama": 1, "galat": 2}), so pages need not read `rows`.
    counts = models.JSONField("jumlah per hasil", default=dict)
    processed_rows = models.PositiveIntegerField("baris diproses", default=0)
    created_count = models.PositiveIntegerField("dibuat", default=0)
    # One dict per data row: number, values, verdict, messages, created (see imports.py).
    rows = models.JSONField(default=list)
    error = models.TextField("galat", blank=True)
    started_at = models.DateTimeField("mulai", null=True, blank=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        app_label = "agreements"
        verbose_name = "impor kerja sama"
        verbose_name_plural = "impor kerja sama"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Impor {self.file_name} ({self.get_status_display()})"

    def count(self, verdict: str) -> int:
        return int(self.counts.get(verdict, 0))

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED}

    @property
    def percent(self) -> int:
        """Share of the new rows written so far, for the progress bar."""
        if self.status == self.Status.DONE:
            return 100
        to_create = self.count("baru")
        return min(100, self.processed_rows * 100 // to_create) if to_create else 0
