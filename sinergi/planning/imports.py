"""Importing the ministry's nomenclature (CSV/XLSX): a dry run first, then a new version.

The dry run parses every row, reports the bad ones and the duplicate codes with their row
numbers, and keeps the result on a NomenclatureImport row; confirming writes exactly that.
Only the province admin and the superuser import: the nomenclature is national.
"""

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from sinergi.affairs.models import Affair
from sinergi.core.errors import DomainError
from sinergi.core.tables import read_table
from sinergi.planning.models import NomenclatureImport, NomenclatureItem, NomenclatureVersion
from sinergi.planning.nomenclature import URUSAN, CodeError, affair_code, normalise_code

MAX_ROWS = 60_000  # the 2024 nomenclature has about 20,000 codes with its headings
CODE_COLUMNS = (
    "kode",
    "kode_sub_kegiatan",
    "kode_kegiatan",
    "kode_program",
    "kode_nomenklatur",
    "kode_rekening",
)
NAME_COLUMNS = (
    "nomenklatur",
    "nama",
    "uraian",
    "nama_sub_kegiatan",
    "nomenklatur_sub_kegiatan",
    "nama_kegiatan",
    "nama_program",
)
LEVELS = [choice for choice, _ in NomenclatureItem.Level.choices]
NAME_MAX = 500


def can_import(user: Any) -> bool:
    return bool(user.is_superuser or getattr(user, "role", "") == "admin_provinsi")


def _ensure_can_import(user: Any) -> None:
    if not can_import(user):
        raise PermissionDenied("Hanya Admin Provinsi yang dapat mengimpor nomenklatur.")


def nomenclature_import_preview(
    *, user: Any, data: bytes, file_name: str, year: int, label: str = ""
) -> NomenclatureImport:
    """Parse the file and keep the result for review; nothing of the nomenclature changes."""
    _ensure_can_import(user)
    sha256 = hashlib.sha256(data).hexdigest()
    _ensure_not_imported(year, sha256)
    table = [_keys(row) for row in read_table(data, max_rows=MAX_ROWS)]
    if not table:
        raise DomainError("Berkas tidak berisi baris data.")
    _ensure_columns(table[0])
    return NomenclatureImport.objects.create(
        created_by=user,
        year=year,
        label=label[:200],
        file_name=file_name[:255],
        sha256=sha256,
        preview=parse_rows(table),
    )


def _keys(row: dict[str, str]) -> dict[str, str]:
    return {key.replace("-", "_"): value for key, value in row.items()}


def _ensure_columns(row: dict[str, str]) -> None:
    if not any(c in row for c in CODE_COLUMNS) or not any(c in row for c in NAME_COLUMNS):
        raise DomainError(
            "Kolom kode (kode / kode_sub_kegiatan) dan kolom nama (nomenklatur / nama / "
            "uraian) wajib ada pada baris pertama."
        )


def _ensure_not_imported(year: int, sha256: str) -> None:
    earlier = NomenclatureVersion.objects.filter(year=year, sha256=sha256).first()
    if earlier is not None:
        raise DomainError(
            f"Berkas yang sama persis sudah diimpor untuk tahun {year} pada "
            f"{earlier.created_at:%d-%m-%Y %H:%M}; tidak ada yang perlu diubah."
        )


def _first(row: dict[str, str], columns: tuple[str, ...]) -> str:
    return next((row[c] for c in columns if row.get(c)), "")


def parse_rows(table: list[dict[str, str]]) -> dict[str, Any]:
    """Items, row errors, duplicates (both row numbers) and counts per level of a table."""
    items: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    duplicates: list[dict[str, Any]] = []
    skipped = 0
    first_row: dict[str, int] = {}
    for row in table:
        number, raw = int(row["_row"]), _first(row, CODE_COLUMNS)
        name = " ".join(_first(row, NAME_COLUMNS).split())
        try:
            code, level = normalise_code(raw)
        except CodeError as exc:
            errors.append({"row": number, "code": raw, "message": exc.message})
            continue
        if level == URUSAN:
            skipped += 1  # the urusan headings of the ministry's file: no code of ours
            continue
        problem = _name_problem(name)
        if problem:
            errors.append({"row": number, "code": raw, "message": problem})
        elif code in first_row:
            duplicates.append({"code": code, "rows": [first_row[code], number]})
        else:
            first_row[code] = number
            items.append({"row": number, "code": code, "level": level, "name": name})
    counts = {level: sum(1 for i in items if i["level"] == level) for level in LEVELS}
    return {
        "items": items,
        "errors": errors,
        "duplicates": duplicates,
        "skipped": skipped,
        "counts": counts,
    }


def _name_problem(name: str) -> str:
    if not name:
        return "Nama nomenklatur kosong."
    if len(name) > NAME_MAX:
        return f"Nama nomenklatur lebih dari {NAME_MAX} karakter."
    return ""


def _own_preview(user: Any, batch: NomenclatureImport) -> NomenclatureImport:
    _ensure_can_import(user)
    batch = NomenclatureImport.objects.select_for_update().get(pk=batch.pk)
    if batch.created_by_id != user.pk:
        raise PermissionDenied("Impor ini milik pengguna lain.")
    if batch.status != NomenclatureImport.Status.PREVIEW:
        raise DomainError("Impor ini sudah diterapkan atau dibatalkan.")
    return batch


@transaction.atomic
def nomenclature_import_confirm(*, user: Any, batch: NomenclatureImport) -> NomenclatureVersion:
    """Write the previewed codes as a new version of the year; it becomes the current one."""
    batch = _own_preview(user, batch)
    _ensure_not_imported(batch.year, batch.sha256)
    preview = batch.preview
    if not preview["items"]:
        raise DomainError("Tidak ada kode yang sah untuk diimpor.")
    version = NomenclatureVersion.objects.create(
        year=batch.year,
        label=batch.label,
        source_name=batch.file_name,
        sha256=batch.sha256,
        rows=len(preview["items"]),
        duplicates=len(preview["duplicates"]),
        created_by=user,
    )
    affairs = dict(Affair.objects.values_list("code", "pk"))
    NomenclatureItem.objects.bulk_create(
        (
            NomenclatureItem(
                version=version,
                code=item["code"],
                level=item["level"],
                name=item["name"],
                affair_id=affairs.get(affair_code(item["code"])),
            )
            for item in preview["items"]
        ),
        batch_size=2000,
    )
    batch.status = NomenclatureImport.Status.APPLIED
    batch.version = version
    batch.save(update_fields=["status", "version"])
    return version


@transaction.atomic
def nomenclature_import_cancel(*, user: Any, batch: NomenclatureImport) -> None:
    batch = _own_preview(user, batch)
    batch.status = NomenclatureImport.Status.CANCELLED
    batch.save(update_fields=["status"])
