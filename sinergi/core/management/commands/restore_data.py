from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.core.backup import restore_read
from sinergi.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Pulihkan cadangan backup_data ke basis data kosong yang sudah dimigrasi "
        "(jalankan `migrate` dahulu) dan ke MEDIA_ROOT."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="Berkas cadangan .tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_read(Path(options["source"]))
        except DomainError as error:
            raise CommandError(error.message) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Dipulihkan dan diperiksa: {rows} baris, {len(manifest['files'])} berkas "
            f"(cadangan {manifest['created_at']})."
        )
