"""Base models shared by the domain apps: timestamps and soft delete. No business rules here."""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        abstract = True


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self) -> Self:
        return self.filter(deleted_at__isnull=True)

    def deleted(self) -> Self:
        return self.filter(deleted_at__isnull=False)


class AliveManager(models.Manager):
    """Default manager: soft-deleted rows are invisible unless asked for via `all_objects`.

    Combine with a model's own QuerySet: `AliveManager.from_queryset(AgencyQuerySet)()`.
    """

    def get_queryset(self) -> Any:
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeleteModel(models.Model):
    """Rows are never removed from the UI: deletion stamps `deleted_at`, an admin can restore.

    Concrete models declare two managers: `objects = AliveManager.from_queryset(TheirQS)()`
    (hides deleted rows) and `all_objects = TheirQS.as_manager()` (sees everything).
    """

    deleted_at = models.DateTimeField("dihapus pada", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dihapus oleh",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def mark_deleted(self, *, by: Any) -> None:
        self.deleted_at = timezone.now()
        self.deleted_by = by

    def mark_restored(self) -> None:
        self.deleted_at = None
        self.deleted_by = None


class ReferenceDataLoad(models.Model):
    """One load of a reference data set, so an operator can tell which version is in use."""

    dataset = models.CharField("data set", max_length=64, db_index=True)
    version = models.CharField("versi", max_length=64)
    checksum = models.CharField("SHA-256 sumber", max_length=64)
    source = models.CharField("sumber", max_length=255)
    rows = models.PositiveIntegerField("jumlah baris")
    summary = models.JSONField("ringkasan", default=dict)
    loaded_at = models.DateTimeField("dimuat pada", auto_now_add=True)

    class Meta:
        verbose_name = "pemuatan data referensi"
        verbose_name_plural = "pemuatan data referensi"
        ordering = ["-loaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.dataset} {self.version}"

    @classmethod
    def latest(cls, dataset: str) -> "ReferenceDataLoad | None":
        return cls.objects.filter(dataset=dataset).first()


class DataVersion(models.Model):
    """A counter per data set, raised after every committed change to it (core.versions).

    Cached figures are keyed by it: one read by primary key tells whether they are current,
    instead of an aggregate over the rows they were computed from."""

    name = models.CharField("data", max_length=40, primary_key=True)
    value = models.BigIntegerField("versi", default=0)

    class Meta:
        verbose_name = "versi data"
        verbose_name_plural = "versi data"

    def __str__(self) -> str:
        return f"{self.name} v{self.value}"


class StoredAnswer(models.Model):
    """A computed answer (figures, or a JSON body) kept in the database for every process,
    under the same key as the in-process cache (`dashboards.selectors.cached`), which holds
    the data version: an answer of an older version is never read, only deleted.

    Written by the background job that precomputes the views that are too slow to compute
    on request (`dashboards.answers`); the value is pickled, as Django's database cache does,
    and only ever written by this code."""

    key = models.CharField("kunci", max_length=200, primary_key=True)
    version = models.BigIntegerField("versi data")
    value = models.BinaryField("nilai")
    computed_at = models.DateTimeField("dihitung pada", auto_now=True)
    seconds = models.FloatField("lama menghitung (detik)", default=0)

    class Meta:
        verbose_name = "jawaban tersimpan"
        verbose_name_plural = "jawaban tersimpan"

    def __str__(self) -> str:
        return self.key
