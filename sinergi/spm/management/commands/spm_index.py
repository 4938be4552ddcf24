import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.regions.models import Region
from sinergi.spm.selectors import region_index


class Command(BaseCommand):
    help = "Menampilkan Indeks Pencapaian SPM satu wilayah untuk satu tahun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="kode wilayah Kemendagri, mis. 64.72")
        parser.add_argument("--year", required=True, type=int, help="tahun, mis. 2025")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, region: str, year: int, **options: Any) -> None:
        found = Region.objects.filter(code=region.strip()).first()
        if found is None:
            raise CommandError(f"Wilayah dengan kode {region!r} tidak dikenal.")
        if not 2000 <= year <= 2100:
            raise CommandError("Tahun harus antara 2000 dan 2100.")
        result = region_index(region=found, year=year)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self.stdout.write(f"{found.label}, {year}")
        index = "belum ada data" if result.index is None else f"{result.index} ({result.category})"
        self.stdout.write(f"Indeks Pencapaian SPM: {index}")
        for code, value in result.fields.items():
            self.stdout.write(f"  {code}: {'—' if value is None else value}")
