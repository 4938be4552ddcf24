import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.core.daily import run_daily_jobs


class Command(BaseCommand):
    help = (
        "Pekerjaan harian: mengakhiri kerja sama yang jatuh tempo, menghitung ulang tanda "
        "perencanaan, lalu peringatan dini dan surelnya. Aman diulang pada hari yang sama."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as error:
            raise CommandError("Format --date harus YYYY-MM-DD, mis. 2026-11-23.") from error
        for name, summary in run_daily_jobs(today=day):
            self.stdout.write(f"{name}: {summary}.")
