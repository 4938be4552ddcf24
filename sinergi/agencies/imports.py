"""Importing an OPD register (CSV/XLSX) in two steps: preview with a verdict per row, then apply.

Verdicts: `baru` (will be created), `sama` (already registered or repeated in the file:
skipped), `mirip` (probably the same unit spelled differently: created only when the user
accepts that row), `galat` (cannot be imported, with the reason).
"""

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from sinergi.accounts.scope import manageable_regions
from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency, AgencyImport
from sinergi.agencies.names import likely_same_unit, same_unit
from sinergi.agencies.services import agency_create
from sinergi.core.errors import DomainError
from sinergi.core.tables import read_table

NEW, SAME, LIKELY, ERROR = "baru", "sama", "mirip", "galat"
COLUMNS = ["kode_wilayah", "nama", "singkatan", "jenis", "kode_unit", "urusan"]
_ALIASES = {
    "kode_wilayah": ("kode_wilayah", "kode_daerah", "wilayah", "kode_kemendagri"),
    "nama": ("nama", "nama_opd", "nama_perangkat_daerah", "perangkat_daerah"),
    "singkatan": ("singkatan", "akronim"),
    "jenis": ("jenis", "jenis_opd"),
    "kode_unit": ("kode_unit", "kode_sipd", "kode_opd"),
    "urusan": ("urusan", "kode_urusan"),
}
_KIND_WORDS = [
    ("RSUD", Agency.Kind.HOSPITAL),
    ("RUMAH SAKIT", Agency.Kind.HOSPITAL),
    ("PUSKESMAS", Agency.Kind.CLINIC),
    ("KECAMATAN", Agency.Kind.DISTRICT),
    ("KELURAHAN", Agency.Kind.VILLAGE),
    ("SATUAN POLISI", Agency.Kind.POLICE),
    ("SATPOL", Agency.Kind.POLICE),
    ("INSPEKTORAT", Agency.Kind.INSPECTORATE),
    ("SEKRETARIAT", Agency.Kind.SECRETARIAT),
    ("BIRO", Agency.Kind.BUREAU),
    ("BAGIAN", Agency.Kind.BUREAU),
    ("DINAS", Agency.Kind.OFFICE),
    ("BADAN", Agency.Kind.AGENCY),
    ("UPTD", Agency.Kind.UNIT),
    ("KANTOR", Agency.Kind.UNIT),
]


def guess_kind(name: str) -> str:
    upper = name.upper()
    return next((kind for word, kind in _KIND_WORDS if upper.startswith(word)), Agency.Kind.OTHER)


def agency_import_preview(*, user: Any, data: bytes, file_name: str) -> AgencyImport:
    table = read_table(data)
    if not table:
        raise DomainError("Berkas tidak berisi baris data.")
    missing = [c for c in ("kode_wilayah", "nama") if _get(table[0], c) is None]
    if missing:
        raise DomainError(
            f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Gunakan templat impor."
        )
    regions = {r.code: r for r in manageable_regions(user)}
    if not regions:
        raise PermissionDenied("Anda tidak berwenang mengimpor perangkat daerah.")
    affairs = {a.code: a.pk for a in Affair.objects.all()}
    rows = _classify([_values(row) for row in table], regions, affairs)
    return AgencyImport.objects.create(
        created_by=user,
        file_name=file_name[:255],
        rows=rows,
        file_sha256=hashlib.sha256(data).hexdigest(),
    )


def _get(row: dict[str, str], column: str) -> str | None:
    return next((row[a] for a in _ALIASES[column] if a in row), None)


def _values(row: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {c: (_get(row, c) or "").strip() for c in COLUMNS}
    values["number"] = int(row["_row"])
    return values


def _classify(
    rows: list[dict[str, Any]], regions: dict[str, Any], affairs: dict[str, int]
) -> list[dict[str, Any]]:
    existing: dict[int, list[str]] = {}
    for region_id, name in Agency.objects.filter(region__in=regions.values()).values_list(
        "region_id", "name"
    ):
        existing.setdefault(region_id, []).append(name)
    seen: dict[str, list[str]] = {}
    return [_classify_row(row, regions, affairs, existing, seen) for row in rows]


def _classify_row(
    row: dict[str, Any],
    regions: dict[str, Any],
    affairs: dict[str, int],
    existing: dict[int, list[str]],
    seen: dict[str, list[str]],
) -> dict[str, Any]:
    number = row.pop("number")
    result: dict[str, Any] = {"number": number, "values": row, "messages": [], "matches": []}
    errors = _row_errors(row, regions, affairs)
    if errors:
        return {**result, "verdict": ERROR, "messages": errors}
    region = regions[row["kode_wilayah"]]
    registered = existing.get(region.pk, [])
    earlier = seen.setdefault(region.code, [])
    earlier.append(row["nama"])
    exact = [n for n in registered if same_unit(n, row["nama"])]
    if exact:
        return {
            **result,
            "verdict": SAME,
            "matches": exact,
            "messages": ["Sudah terdaftar; baris dilewati."],
        }
    if any(same_unit(n, row["nama"]) for n in earlier[:-1]):
        return {**result, "verdict": SAME, "messages": ["Baris ganda dalam berkas; dilewati."]}
    similar = [n for n in registered + earlier[:-1] if likely_same_unit(n, row["nama"])]
    if similar:
        return {
            **result,
            "verdict": LIKELY,
            "matches": similar,
            "messages": ["Kemungkinan unit yang sama dengan ejaan berbeda."],
        }
    return {**result, "verdict": NEW}


def _row_errors(row: dict[str, Any], regions: dict[str, Any], affairs: dict[str, int]) -> list[str]:
    errors = []
    if not row["nama"]:
        errors.append("Nama perangkat daerah kosong.")
    elif len(row["nama"]) > 200:
        errors.append("Nama perangkat daerah lebih dari 200 karakter.")
    if row["kode_wilayah"] not in regions:
        errors.append(
            f"Kode wilayah “{row['kode_wilayah']}” tidak dikenal atau di luar "
            "wilayah kewenangan Anda."
        )
    if row["jenis"] and row["jenis"] not in Agency.Kind.values:
        errors.append(f"Jenis “{row['jenis']}” tidak dikenal.")
    unknown = [c for c in _affair_codes(row["urusan"]) if c not in affairs]
    if unknown:
        errors.append(f"Kode urusan tidak dikenal: {', '.join(unknown)}.")
    return errors


def _affair_codes(text: str) -> list[str]:
    return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]


@transaction.atomic
def agency_import_apply(*, user: Any, batch: AgencyImport, accepted: set[int]) -> AgencyImport:
    """Create the new rows and the accepted `mirip` rows, all or nothing."""
    batch = AgencyImport.objects.select_for_update().get(pk=batch.pk)
    if batch.created_by_id != user.pk:
        raise PermissionDenied("Impor ini milik pengguna lain.")
    if batch.status != AgencyImport.Status.PREVIEW:
        raise DomainError("Impor ini sudah diterapkan atau dibatalkan.")
    regions = {r.code: r for r in manageable_regions(user)}
    affairs = {a.code: a for a in Affair.objects.all()}
    created = 0
    for row in batch.rows:
        if row["verdict"] == NEW or (row["verdict"] == LIKELY and row["number"] in accepted):
            _create(user, row, regions, affairs)
            row["created"] = True
            created += 1
    batch.status = AgencyImport.Status.APPLIED
    batch.created_count = created
    batch.applied_at = timezone.now()
    batch.save()
    return batch


def _create(
    user: Any, row: dict[str, Any], regions: dict[str, Any], affairs: dict[str, Any]
) -> None:
    values = row["values"]
    region = regions.get(values["kode_wilayah"])
    if region is None:
        raise PermissionDenied(f"Baris {row['number']}: wilayah di luar kewenangan Anda.")
    try:
        agency_create(
            user=user,
            region=region,
            name=values["nama"],
            short_name=values["singkatan"],
            kind=values["jenis"] or guess_kind(values["nama"]),
            unit_code=values["kode_unit"],
            affairs=[affairs[c] for c in _affair_codes(values["urusan"])],
        )
    except DomainError as exc:
        raise DomainError(f"Baris {row['number']}: {exc.message}") from exc


def agency_import_cancel(*, user: Any, batch: AgencyImport) -> AgencyImport:
    if batch.created_by_id != user.pk:
        raise PermissionDenied("Impor ini milik pengguna lain.")
    if batch.status == AgencyImport.Status.PREVIEW:
        batch.status = AgencyImport.Status.CANCELLED
        batch.save(update_fields=["status", "updated_at"])
    return batch
