"""Backup and restore round trip: every table and every uploaded file comes back the same."""

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from sinergi.agreements.services import document_upload
from sinergi.tests.files import pdf


def _tables() -> dict[str, list[str]]:
    """Every row of every model, serialised, keyed by model (the comparison of record)."""
    found = {}
    for model in apps.get_models():
        if model._meta.app_label in {"contenttypes", "sessions", "django_tasks_database", "auth"}:
            continue
        rows = model._base_manager.order_by("pk")
        found[model._meta.label] = [
            serializers.serialize("exact-json", [row], use_natural_foreign_keys=True)
            for row in rows
        ]
    return found


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_identically(
    tmp_path: Path,
    settings: Any,
    reference_data: None,
    make_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DEMO_MODE = True
    call_command("load_demo_data", verbosity=0)
    agreement = make_agreement(tkksd_samarinda, samarinda, [kukar], title="Dengan naskah")
    document_upload(
        user=tkksd_samarinda,
        agreement=agreement,
        kind="naskah",
        title="Naskah",
        upload=SimpleUploadedFile("naskah.pdf", pdf("isi naskah")),
    )
    before_rows, before_files = _tables(), _files(tmp_path / "media")
    assert before_files  # the round trip covers files too
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup_data", str(archive), verbosity=0)

    call_command("flush", interactive=False, verbosity=0)  # an empty, migrated database
    shutil.rmtree(tmp_path / "media")
    call_command("restore_data", str(archive), verbosity=0)

    assert _tables() == before_rows
    assert _files(tmp_path / "media") == before_files
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("restore_data", str(archive), verbosity=0)
