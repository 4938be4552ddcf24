from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.core.errors import DomainError
from sinergi.planning.authority import authority_load_reference


class Command(BaseCommand):
    help = (
        "Memuat peta kewenangan urusan per tingkat pemerintahan (UU 23/2014) dari "
        "sinergi/planning/data/authority.csv. Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="muat ulang walau berkas sama")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        try:
            written = authority_load_reference(force=force)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Peta kewenangan: {written} baris ditulis.")
