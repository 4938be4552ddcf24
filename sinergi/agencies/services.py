"""Writes to OPDs. Every write checks the actor's scope; the audit trail records it."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from sinergi.accounts.scope import can_manage_region, can_restore
from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agencies.names import compact
from sinergi.core.errors import DomainError
from sinergi.regions.models import Region

EDITABLE_FIELDS = ("name", "short_name", "kind", "unit_code")


def _ensure_can_manage(user: Any, region: Region) -> None:
    if not can_manage_region(user, region):
        raise PermissionDenied("Anda tidak berwenang mengelola perangkat daerah di wilayah ini.")


def _ensure_unique(region: Region, name: str, exclude_pk: int | None = None) -> None:
    clash = Agency.objects.filter(region=region, normalized_name=compact(name))
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DomainError(f"Perangkat daerah “{name}” sudah terdaftar di {region.name}.")


@transaction.atomic
def agency_create(
    *,
    user: Any,
    region: Region,
    name: str,
    short_name: str = "",
    kind: str = Agency.Kind.OTHER,
    unit_code: str = "",
    affairs: list[Affair] | None = None,
    is_demo: bool = False,
) -> Agency:
    _ensure_can_manage(user, region)
    name = name.strip()
    if not name:
        raise DomainError("Nama perangkat daerah wajib diisi.")
    _ensure_unique(region, name)
    agency = Agency(
        region=region,
        name=name,
        short_name=short_name.strip(),
        kind=kind,
        unit_code=unit_code.strip(),
        is_demo=is_demo,
        created_by=user if getattr(user, "pk", None) else None,
    )
    agency.full_clean(exclude=["created_by"])
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError as exc:  # a concurrent request created the same unit
        raise DomainError(f"Perangkat daerah “{name}” sudah terdaftar di {region.name}.") from exc
    if affairs:
        agency.affairs.set(affairs)
    return agency


@transaction.atomic
def agency_update(
    *, user: Any, agency: Agency, affairs: list[Affair] | None = None, **values: Any
) -> Agency:
    if not agency_can_edit(user, agency):
        raise PermissionDenied("Anda tidak berwenang mengubah perangkat daerah ini.")
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Kolom tidak dapat diubah: {sorted(unknown)}")
    if "name" in values:
        values["name"] = values["name"].strip()
        _ensure_unique(agency.region, values["name"], exclude_pk=agency.pk)
    for key, value in values.items():
        setattr(agency, key, value)
    agency.full_clean(exclude=["created_by"])
    agency.save()
    if affairs is not None:
        agency.affairs.set(affairs)
    return agency


def agency_can_edit(user: Any, agency: Agency) -> bool:
    """Region managers edit any OPD; an OPD officer edits only the details of their own OPD."""
    if can_manage_region(user, agency.region):
        return True
    return getattr(user, "role", "") == "perangkat_daerah" and user.agency_id == agency.pk


@transaction.atomic
def agency_delete(*, user: Any, agency: Agency) -> Agency:
    _ensure_can_manage(user, agency.region)
    if agency.officers.filter(is_active=True).exists():
        raise DomainError(
            "Perangkat daerah ini masih memiliki akun pengguna aktif; nonaktifkan akunnya dahulu."
        )
    agency.mark_deleted(by=user)
    agency.save()
    return agency


@transaction.atomic
def agency_restore(*, user: Any, agency: Agency) -> Agency:
    if not can_restore(user, agency.region):
        raise PermissionDenied("Hanya admin yang dapat memulihkan data yang dihapus.")
    _ensure_unique(agency.region, agency.name, exclude_pk=agency.pk)
    agency.mark_restored()
    agency.save()
    return agency
