"""Automatic audit of tracked models through model signals.

Signals (not service calls) so that every path that saves a row, the Django admin included,
leaves an entry. Bulk loaders that bypass `save()` record their own summary entry instead.
"""

import datetime
import decimal
import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from sinergi.audit.context import current_actor
from sinergi.audit.models import AuditEntry

_ALWAYS_SKIPPED = {"id", "created_at", "updated_at"}
HIDDEN = "(disembunyikan)"


@dataclass(frozen=True)
class _Options:
    summarise: frozenset[str]
    hide: frozenset[str]
    ignore: frozenset[str]


_tracked: dict[type[models.Model], _Options] = {}


def track(
    model: type[models.Model],
    *,
    summarise: tuple[str, ...] = (),
    hide: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> None:
    """Audit every create/update/delete of `model`.

    `summarise`: large fields (geometries) recorded as "changed" without their content.
    `hide`: secrets (password hashes) recorded as changed, never with their value.
    `ignore`: bookkeeping fields whose changes are not worth an entry (last login).
    """
    _tracked[model] = _Options(frozenset(summarise), frozenset(hide), frozenset(ignore))
    uid = f"audit-{model._meta.label}"
    pre_save.connect(_remember_before, sender=model, dispatch_uid=uid)
    post_save.connect(_record_save, sender=model, dispatch_uid=uid)
    post_delete.connect(_record_purge, sender=model, dispatch_uid=uid)
    for field in model._meta.many_to_many:
        m2m_changed.connect(_record_m2m, sender=field.remote_field.through, dispatch_uid=uid)


def to_json(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    options = _tracked.get(type(instance), _Options(frozenset(), frozenset(), frozenset()))
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in _ALWAYS_SKIPPED or field.name in options.ignore:
            continue
        value = field.value_from_object(instance)
        if field.name in options.summarise:
            value = _digest(value)
        elif field.name in options.hide:
            value = _fingerprint(value)
        elif field.is_relation and value is not None:
            # Keep the id for machines and the name for people reading the trail.
            value = {"id": value, "label": str(getattr(instance, field.name))}
        values[field.attname] = to_json(value)
    return values


def _digest(value: Any) -> str | None:
    # Enough to tell that a large value changed, without storing it twice.
    if value in (None, "", {}):
        return None
    return f"<{len(str(value))} karakter>"


def _fingerprint(value: Any) -> str | None:
    # Shows that a secret changed without keeping anything that helps to recover it.
    if not value:
        return None
    return f"{HIDDEN} #{hashlib.sha256(str(value).encode()).hexdigest()[:8]}"


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        key: {"before": before.get(key), "after": value}
        for key, value in after.items()
        if before.get(key) != value
    }


_suspended: ContextVar[bool] = ContextVar("sinergi_audit_suspended", default=False)


@contextmanager
def suspended() -> Iterator[None]:
    """No entries while restoring a backup: the rows come back as they were (their own audit
    entries included); putting them back is not a change to record."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def record(
    instance: models.Model, action: str, changes: dict[str, Any], *, label: str | None = None
) -> AuditEntry | None:
    if _suspended.get():
        return None
    actor = current_actor()
    user = actor.user if actor.user is not None and actor.user.pk else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=user.get_username() if user else "sistem",
        ip=actor.ip,
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=(label or str(instance))[:255],
        region_id=getattr(instance, "audit_region_id", None),
        changes=changes,
    )


def _remember_before(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    old = sender._base_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = snapshot(old) if old is not None else None  # type: ignore[attr-defined]


def _record_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if created or before is None:
        filled = {k: v for k, v in after.items() if v not in (None, "", [], {})}
        record(instance, AuditEntry.Action.CREATE, diff({}, filled))
        return
    changes = diff(before, after)
    if not changes:
        return
    record(instance, _action_for(changes), changes)


def _action_for(changes: dict[str, dict[str, Any]]) -> str:
    deleted = changes.get("deleted_at")
    if deleted is None:
        return AuditEntry.Action.UPDATE
    return AuditEntry.Action.DELETE if deleted["after"] else AuditEntry.Action.RESTORE


def _record_purge(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    record(instance, AuditEntry.Action.PURGE, diff({}, snapshot(instance)))


def _record_m2m(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if type(instance) not in _tracked or kwargs.get("reverse"):
        return
    field = next(f for f in instance._meta.many_to_many if f.remote_field.through is sender)
    current = sorted(str(pk) for pk in getattr(instance, field.name).values_list("pk", flat=True))
    if action.startswith("pre_"):
        instance._audit_m2m_before = current  # type: ignore[attr-defined]
        return
    if action.startswith("post_"):
        before = getattr(instance, "_audit_m2m_before", [])
        if before != current:
            changes = {field.name: {"before": before, "after": current}}
            record(instance, AuditEntry.Action.UPDATE, changes)
