"""Importing a register of agreements signed before Sinergi (CSV/XLSX), in two steps.

1. Dry run (`agreement_import_preview`): every row gets a verdict, stored on an
   `AgreementImport`; nothing else is written. `baru`: will be created. `sama`: already
   recorded (same owner and number, or a number met earlier in the file; a row without a
   number: same type, title and date), so it is skipped and importing a file twice creates
   nothing. `galat`: cannot be imported, with every reason found.
2. Once the uploader confirms (`agreement_import_confirm`), a background task runs
   `agreement_import_run`: it checks the rows again against the database as it is then, and
   writes every new row in one transaction, all or nothing, through
   `bulk.agreements_create_many` (what `agreement_create` writes, in bulk inserts).

The checks of each row live in `import_checks`; they load what a row is checked against once,
so checking costs no query per row, and writing costs a few queries per batch of rows.
"""

import datetime
import hashlib
from collections import Counter
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from sinergi.accounts.scope import manageable_regions
from sinergi.agreements.bulk import NewAgreement, agreements_create_many
from sinergi.agreements.import_checks import (
    ERROR,
    NEW,
    Draft,
    classify,
    counts,
    load_lookup,
    reason,
)
from sinergi.agreements.import_models import AgreementImport
from sinergi.agreements.models import Agreement, Organization
from sinergi.agreements.services import PartyInput
from sinergi.audit.context import acting_as, current_actor
from sinergi.audit.models import AuditEntry
from sinergi.core.errors import DomainError
from sinergi.core.tables import read_table
from sinergi.regions.models import Region

MAX_ROWS = 10_000
BATCH_SIZE = 500  # rows per bulk write, and how often the progress count moves

COLUMNS = [
    "nomor",
    "jenis_dokumen",
    "judul",
    "perihal",
    "kode_wilayah_pencatat",
    "pihak",
    "kode_urusan",
    "kategori_ksdd",
    "tanggal_ttd",
    "tempat_ttd",
    "tanggal_mulai",
    "tanggal_berakhir",
    "jangka_waktu_bulan",
    "nomor_induk",
    "ruang_lingkup",
]
REQUIRED_COLUMNS = ("jenis_dokumen", "judul", "kode_wilayah_pencatat", "pihak", "kode_urusan")
_ALIASES = {
    "nomor": ("nomor", "nomor_dokumen", "no", "no.", "no_dokumen", "nomor_kerja_sama"),
    "jenis_dokumen": ("jenis_dokumen", "jenis", "bentuk_dokumen", "bentuk"),
    "judul": ("judul", "judul_kerja_sama", "nama_kerja_sama"),
    "perihal": ("perihal", "tentang"),
    "kode_wilayah_pencatat": (
        "kode_wilayah_pencatat",
        "wilayah_pencatat",
        "kode_pencatat",
        "kode_wilayah",
        "kode_daerah",
    ),
    "pihak": ("pihak", "pihak_lain", "para_pihak", "mitra"),
    "kode_urusan": ("kode_urusan", "urusan"),
    "kategori_ksdd": ("kategori_ksdd", "kategori"),
    "tanggal_ttd": ("tanggal_ttd", "tgl_ttd", "tanggal_penandatanganan", "tanggal_tanda_tangan"),
    "tempat_ttd": ("tempat_ttd", "tempat_penandatanganan"),
    "tanggal_mulai": ("tanggal_mulai", "tgl_mulai", "mulai_berlaku"),
    "tanggal_berakhir": ("tanggal_berakhir", "tgl_berakhir", "tanggal_selesai", "berakhir"),
    "jangka_waktu_bulan": ("jangka_waktu_bulan", "jangka_waktu", "jangka_waktu_(bulan)"),
    "nomor_induk": ("nomor_induk", "nomor_dokumen_induk", "nomor_kb", "induk"),
    "ruang_lingkup": ("ruang_lingkup", "lingkup"),
}


# --- dry run --------------------------------------------------------------------------------


def agreement_import_preview(
    *, user: Any, data: bytes, file_name: str, today: datetime.date | None = None
) -> AgreementImport:
    """Read the file and give every row a verdict. Writes only the AgreementImport row."""
    if not manageable_regions(user).exists():
        raise PermissionDenied("Anda tidak berwenang mengimpor kerja sama.")
    rows = _read(data)
    classified = classify(rows, load_lookup(user, rows), today or timezone.localdate())
    results = [result for result, _ in classified]
    return AgreementImport.objects.create(
        created_by=user,
        file_name=file_name[:255],
        file_sha256=hashlib.sha256(data).hexdigest(),
        total_rows=len(results),
        counts=counts(results),
        rows=results,
    )


def _read(data: bytes) -> list[dict[str, Any]]:
    table = read_table(data, max_rows=MAX_ROWS)
    if not table:
        raise DomainError("Berkas tidak berisi baris data.")
    headers = _headers(table[0])
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        raise DomainError(
            f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Gunakan templat impor."
        )
    return [
        {
            "number": int(row["_row"]),
            "values": {c: row.get(headers[c], "").strip() if c in headers else "" for c in COLUMNS},
        }
        for row in table
    ]


def _headers(first: dict[str, str]) -> dict[str, str]:
    """Each column → the header the file uses for it (the first alias present)."""
    return {
        column: next(a for a in aliases if a in first)
        for column, aliases in _ALIASES.items()
        if any(a in first for a in aliases)
    }


# --- confirm, run, cancel -------------------------------------------------------------------


def _own(user: Any, batch: AgreementImport) -> None:
    if batch.created_by_id != user.pk:
        raise PermissionDenied("Impor ini milik pengguna lain.")


@transaction.atomic
def agreement_import_confirm(*, user: Any, batch: AgreementImport) -> AgreementImport:
    """The uploader's go-ahead: mark the import as running and queue it after commit."""
    from sinergi.agreements.tasks import run_agreement_import  # tasks.py imports this module

    _own(user, batch)
    batch = AgreementImport.objects.select_for_update().get(pk=batch.pk)
    if batch.status != AgreementImport.Status.PREVIEW:
        raise DomainError("Impor ini sudah dijalankan atau dibatalkan.")
    if not batch.count(NEW):
        raise DomainError("Tidak ada baris baru untuk diimpor.")
    batch.status = AgreementImport.Status.RUNNING
    batch.save(update_fields=["status", "updated_at"])
    batch_id = batch.pk
    transaction.on_commit(lambda: run_agreement_import.enqueue(batch_id))
    return batch


def agreement_import_cancel(*, user: Any, batch: AgreementImport) -> AgreementImport:
    _own(user, batch)
    now = timezone.now()
    cancelled = AgreementImport.objects.filter(
        pk=batch.pk, status=AgreementImport.Status.PREVIEW
    ).update(status=AgreementImport.Status.CANCELLED, finished_at=now, updated_at=now)
    if not cancelled:
        raise DomainError("Hanya impor yang belum dijalankan yang dapat dibatalkan.")
    batch.refresh_from_db()
    return batch


def agreement_import_run(*, batch_id: int, today: datetime.date | None = None) -> AgreementImport:
    """The background half: write every confirmed row, or nothing, and record the outcome."""
    if _claim(batch_id):
        batch = AgreementImport.objects.select_related("created_by").get(pk=batch_id)
        try:
            # In the worker no request names the actor; the audit trail names the uploader.
            with acting_as(batch.created_by):
                _write(batch, today or timezone.localdate())
        except (ValidationError, PermissionDenied) as exc:
            _fail(batch_id, f"Impor gagal, tidak ada data yang disimpan. {reason(exc)}")
        except Exception:
            _fail(batch_id, "Impor gagal karena kesalahan sistem; tidak ada data yang disimpan.")
            raise
    return AgreementImport.objects.get(pk=batch_id)


def _claim(batch_id: int) -> bool:
    # Only one run per import, even if the task is delivered twice.
    return bool(
        AgreementImport.objects.filter(
            pk=batch_id, status=AgreementImport.Status.RUNNING, started_at=None
        ).update(started_at=timezone.now())
    )


def _fail(batch_id: int, error: str) -> None:
    now = timezone.now()
    AgreementImport.objects.filter(pk=batch_id).update(
        status=AgreementImport.Status.FAILED,
        error=error,
        processed_rows=0,
        finished_at=now,
        updated_at=now,
    )


def _write(batch: AgreementImport, today: datetime.date) -> None:
    user = batch.created_by
    rows = [{"number": r["number"], "values": r["values"]} for r in batch.rows]
    planned = classify(rows, load_lookup(user, rows), today)
    drafts = _still_new(planned, {r["number"] for r in batch.rows if r["verdict"] == NEW})
    progress = _Progress(batch.pk)
    try:
        with transaction.atomic():
            created = _create_all(user, batch.file_name, drafts, progress)
            _audit(batch, created)
            _finish(batch, {number: a.pk for (number, _), a in zip(drafts, created, strict=True)})
    finally:
        progress.close()


def _still_new(
    planned: list[tuple[dict[str, Any], Draft | None]], confirmed: set[int]
) -> list[tuple[int, Draft]]:
    """The confirmed rows, checked again: the database may have changed since the dry run."""
    drafts = []
    for result, draft in planned:
        if result["number"] not in confirmed:
            continue
        if draft is None:
            raise DomainError(
                f"Baris {result['number']}: {' '.join(result['messages'])} "
                "Unggah ulang berkas untuk pratinjau baru."
            )
        drafts.append((result["number"], draft))
    return drafts


def _create_all(
    user: Any, file_name: str, drafts: list[tuple[int, Draft]], progress: "_Progress"
) -> list[Agreement]:
    """Create the rows in file order (a parent before its PKS), in batches."""
    items = _items(drafts)
    created: list[Agreement] = []
    for start in range(0, len(items), BATCH_SIZE):
        created += agreements_create_many(
            user=user,
            items=items[start : start + BATCH_SIZE],
            note=f"Diimpor dari berkas {file_name}",
        )
        progress.report(len(created))
    return created


def _items(drafts: list[tuple[int, Draft]]) -> list[NewAgreement]:
    """Service input in file order; a parent from the file is the item created before."""
    by_number: dict[tuple[int, str], NewAgreement] = {}
    items = []
    for number, draft in drafts:
        draft.data.parent = draft.parent
        parent_item = by_number.get(draft.parent_key) if draft.parent_key else None
        if draft.parent_key and draft.parent is None and parent_item is None:
            # Its row was recorded at the dry run (so not confirmed), and is gone now.
            raise DomainError(
                f"Baris {number}: dokumen induk “{draft.parent_key[1]}” tidak ada lagi. "
                "Unggah ulang berkas untuk pratinjau baru."
            )
        item = NewAgreement(
            data=draft.data,
            parties=[PartyInput(region=draft.data.owner_region)]
            + [_party_input(p) for p in draft.others],
            status=draft.status,
            parent_item=parent_item,
        )
        if draft.data.number:
            by_number[(draft.data.owner_region.pk, draft.data.number)] = item
        items.append(item)
    return items


def _party_input(party: Region | Organization) -> PartyInput:
    if isinstance(party, Region):
        return PartyInput(region=party)
    if party.pk is None:  # first row naming a new organisation; later rows share the object
        party.save()
    return PartyInput(organization=party)


def _audit(batch: AgreementImport, created: list[Agreement]) -> None:
    """One entry per owner region, on the import itself (its rows link to each agreement).

    Bulk inserts send no audit signals, and an entry per agreement would cost more than the
    agreement; `sinergi.audit.tracking` asks bulk loaders for a summary instead.
    """
    actor = current_actor()
    user = actor.user if actor.user is not None and actor.user.pk else None
    content_type = ContentType.objects.get_for_model(AgreementImport)
    counts = Counter(a.owner_region_id for a in created)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=user,
            actor_label=user.get_username() if user else "sistem",
            ip=actor.ip,
            action=AuditEntry.Action.CREATE,
            content_type=content_type,
            object_id=str(batch.pk),
            object_repr=f"Impor {batch.file_name}: {count} kerja sama"[:255],
            region_id=region_id,
            changes={
                "file_name": {"before": None, "after": batch.file_name},
                "file_sha256": {"before": None, "after": batch.file_sha256},
                "created_count": {"before": None, "after": count},
            },
        )
        for region_id, count in counts.items()
    )


def _finish(batch: AgreementImport, created: dict[int, int]) -> None:
    """Mark the import done inside the writing transaction: both happen, or neither."""
    rows = batch.rows
    for row in rows:
        if row["number"] in created:
            row["created"], row["agreement_id"] = True, created[row["number"]]
    now = timezone.now()
    AgreementImport.objects.filter(pk=batch.pk).update(
        status=AgreementImport.Status.DONE,
        rows=rows,
        created_count=len(created),
        processed_rows=len(created),
        error="",
        finished_at=now,
        updated_at=now,
    )


_PROGRESS_SQL = "UPDATE agreements_agreementimport SET processed_rows = %s WHERE id = %s"


class _Progress:
    """Makes the count of written rows visible to the progress page during the run.

    The rows are written in one transaction, whose own updates stay invisible to others
    until it ends. On PostgreSQL a second connection commits the count on its own. SQLite
    lets one connection write at a time (a second would wait for ours), so there the page
    sees the import go from 0 to done.
    """

    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self.side = (
            None
            if connection.vendor == "sqlite"
            else connections.create_connection(DEFAULT_DB_ALIAS)
        )

    def report(self, processed: int) -> None:
        if self.side is not None:
            with self.side.cursor() as cursor:
                cursor.execute(_PROGRESS_SQL, [processed, self.batch_id])

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


# --- files for the user ---------------------------------------------------------------------

ERROR_REPORT_HEADERS = [*COLUMNS, "baris_asal", "keterangan"]


def error_report_rows(batch: AgreementImport) -> list[list[Any]]:
    """The bad rows as they were uploaded, with their reasons: fix them and upload again.

    The extra columns have no alias, so the import ignores them in a corrected file.
    """
    return [
        [*(row["values"][c] for c in COLUMNS), row["number"], " ".join(row["messages"])]
        for row in batch.rows
        if row["verdict"] == ERROR
    ]


def template_rows() -> list[list[str]]:
    """Two rows for Kaltim: a KB between the province and Kota Samarinda, and a PKS under it."""
    kb_number = "000.7/001/KSD-PEM/2024"
    return [
        [
            kb_number,
            "KB",
            "Kesepakatan Bersama tentang Peningkatan Pelayanan Kesehatan Rujukan",
            "Pelayanan kesehatan rujukan lintas daerah",
            "64",
            "64.72",
            "1.02",
            "sukarela",
            "15 Januari 2024",
            "Samarinda",
            "15-01-2024",
            "",
            "60",
            "",
            "Rujukan pasien, pertukaran data kesehatan, peningkatan kapasitas tenaga kesehatan",
        ],
        [
            "000.7/014/PKS-DINKES/2024",
            "PKS",
            "Perjanjian Kerja Sama Sistem Rujukan Terintegrasi",
            "Pelaksanaan sistem rujukan terintegrasi",
            "64",
            "64.72",
            "1.02; 2.16",
            "",
            "2024-03-01",
            "Samarinda",
            "01/03/2024",
            "28 Februari 2026",
            "",
            kb_number,
            "Aplikasi rujukan bersama dan pelaporan bulanan",
        ],
    ]
