from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sinergi.core.backup import backup_write


class Command(BaseCommand):
    help = "Cadangkan seluruh basis data dan berkas unggahan ke satu berkas .tar.gz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "output", help="Berkas tujuan, mis. /cadangan/sinergi-2026-11-24.tar.gz"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = backup_write(Path(options["output"]))
        rows = sum(manifest["rows"].values())
        files = len(manifest["files"])
        self.stdout.write(f"Cadangan ditulis: {options['output']} ({rows} baris, {files} berkas).")
