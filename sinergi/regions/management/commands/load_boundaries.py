from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.core.errors import DomainError
from sinergi.regions.services import boundaries_load, region_borders_compute


class Command(BaseCommand):
    help = "Memuat batas wilayah dari GeoJSON yang fiturnya memiliki properti `code` Kemendagri."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        failed = False
        for path in paths:
            try:
                report = boundaries_load(path=path)
            except DomainError as exc:
                raise CommandError(exc.message) from exc
            self.stdout.write(f"{path.name}: {len(report.loaded)} batas wilayah dimuat.")
            for code in report.unknown_codes:
                self.stderr.write(f"  kode tidak dikenal, dilewati: {code}")
            for code, reason in report.invalid:
                self.stderr.write(f"  geometri tidak sah untuk {code}: {reason}")
            failed = failed or not report.ok
        # After every file, so that provinces and regencies loaded together are both in.
        pairs = region_borders_compute(source=", ".join(path.name for path in paths))
        self.stdout.write(f"Perbatasan antarwilayah dihitung: {pairs} pasang.")
        if failed:
            raise CommandError("Sebagian fitur tidak dimuat; lihat daftar di atas.")
