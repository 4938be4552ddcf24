from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    """Bulk writes are refused too, so no code path rewrites history."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Jejak audit tidak dapat diubah.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Jejak audit tidak dapat dihapus.")


class AuditEntry(models.Model):
    """One change to one object. Append-only: the model refuses updates and deletes."""

    class Action(models.TextChoices):
        CREATE = "create", "Dibuat"
        UPDATE = "update", "Diubah"
        DELETE = "delete", "Dihapus"
        RESTORE = "restore", "Dipulihkan"
        PURGE = "purge", "Dihapus permanen"

    created_at = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pelaku",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField("nama pelaku", max_length=150)
    ip = models.GenericIPAddressField("alamat IP", null=True, blank=True)
    action = models.CharField("tindakan", max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField("objek", max_length=255)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changes = models.JSONField("perubahan", default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "entri audit"
        verbose_name_plural = "jejak audit"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr} oleh {self.actor_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Jejak audit tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("Jejak audit tidak dapat dihapus.")

    def change_rows(self) -> list[tuple[str, Any, Any]]:
        """(field label, before, after) with the model's own Indonesian field names."""
        model = self.content_type.model_class()
        labels = {}
        if model is not None:
            for field in model._meta.get_fields():
                if hasattr(field, "attname"):
                    labels[field.attname] = str(getattr(field, "verbose_name", field.name))
                labels.setdefault(field.name, str(getattr(field, "verbose_name", field.name)))
        return [
            (labels.get(key, key), _readable(change.get("before")), _readable(change.get("after")))
            for key, change in self.changes.items()
            if key not in {"normalized_name", "deleted_by_id"}
        ]


def _readable(value: Any) -> Any:
    """Foreign keys are stored as {"id", "label"}; people read the label."""
    if isinstance(value, dict) and "label" in value:
        return value["label"]
    return value
