"""Backup and restore of the whole database and the uploaded files, on SQLite and PostgreSQL
alike (`manage.py backup_data` / `restore_data`).

A backup is one .tar.gz holding:
- `data.exact-json`: every row of every model (Django's JSON, times to the microsecond, natural
  keys for content types, so it loads into any freshly migrated database of the same version);
- `media/...`: every uploaded file;
- `manifest.json`: when, which migrations, the row count per model and the SHA-256 of every
  file — what `restore_data` checks after loading.

Restore goes into an empty, migrated database (it refuses one holding users or agreements):
the rows are loaded as they were (no audit entries, flags or versions are written by the load)
and the files put back, each checked against its digest. PostgreSQL's own `pg_dump` is faster
for large databases (docs/operations.md); this format is the one that moves between engines.
"""

import datetime
import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from sinergi.audit.tracking import suspended as audit_suspended
from sinergi.core.errors import DomainError

FORMAT = 1
DATA = "data.exact-json"  # the extension names the serialiser to loaddata
# Rebuilt by `migrate` in the target database; dumping them would clash with its own rows.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "django_tasks_database"]


def _media_files() -> Iterator[Path]:
    root = Path(settings.MEDIA_ROOT)
    if root.exists():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"contenttypes", "sessions", "django_tasks_database"}
        and model._meta.label != "auth.Permission"
        and not model._meta.proxy
    }


def backup_write(target: Path) -> dict[str, Any]:
    """Write the backup to `target` (a .tar.gz); returns its manifest."""
    root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / DATA
        with transaction.atomic():  # one consistent snapshot of the rows and their counts
            call_command(
                "dumpdata",
                format="exact-json",
                exclude=EXCLUDED,
                natural_foreign=True,
                output=str(data),
                verbosity=0,
            )
            counts = row_counts()
        files = {str(p.relative_to(root)): _sha256(p) for p in _media_files()}
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": connection.vendor,
            "migrations": _latest_migrations(),
            "rows": counts,
            "files": files,
        }
        with tarfile.open(target, "w:gz") as archive:
            archive.add(data, arcname=DATA)
            for name in files:
                archive.add(root / name, arcname=f"media/{name}")
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def restore_read(source: Path) -> dict[str, Any]:
    """Load a backup into this (empty, migrated) database and MEDIA_ROOT; returns the
    manifest after every row count and file digest was checked."""
    _ensure_empty()
    with tempfile.TemporaryDirectory() as folder, tarfile.open(source, "r:gz") as archive:
        archive.extractall(folder, filter="data")  # no absolute paths, links or devices
        manifest = json.loads((Path(folder) / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise DomainError("Format cadangan tidak dikenal.")
        _ensure_same_migrations(manifest["migrations"])
        with transaction.atomic(), audit_suspended():
            call_command("loaddata", str(Path(folder) / DATA), verbosity=0)
            counts = row_counts()
            wrong = {
                k: (v, counts.get(k)) for k, v in manifest["rows"].items() if counts.get(k) != v
            }
            if wrong:
                raise DomainError(f"Jumlah baris setelah pemulihan tidak sama: {wrong}")
        _restore_files(Path(folder) / "media", manifest["files"])
    return manifest


def _ensure_empty() -> None:
    from sinergi.accounts.models import User
    from sinergi.agreements.models import Agreement

    if User.objects.exists() or Agreement.all_objects.exists():
        raise DomainError(
            "Basis data tujuan tidak kosong (ada pengguna atau kerja sama). Pulihkan ke basis "
            "data baru yang sudah dimigrasi."
        )


def _ensure_same_migrations(expected: dict[str, str]) -> None:
    current = _latest_migrations()
    missing = {app: name for app, name in expected.items() if current.get(app, "") < name}
    if missing:
        raise DomainError(f"Basis data tujuan belum dimigrasi sejauh cadangan: {missing}")


def _restore_files(source: Path, files: dict[str, str]) -> None:
    root = Path(settings.MEDIA_ROOT)
    for name, digest in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((source / name).read_bytes())
        if _sha256(target) != digest:
            raise DomainError(f"Berkas {name} rusak (SHA-256 berbeda).")
