import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.alerts.services import warnings_run_daily


class Command(BaseCommand):
    help = (
        "Menghitung ulang peringatan dini seluruh kerja sama dan mengirim surel peringatan "
        "baru. Aman dijalankan berulang: peringatan yang sudah dikirim tidak dikirim lagi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).", default=None
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options["date"]) if options["date"] else None
        run = warnings_run_daily(today=today)
        self.stdout.write(
            f"Pemeriksaan peringatan dini {run.run_on:%d-%m-%Y}: {run.opened} peringatan baru, "
            f"{run.resolved} peringatan selesai, {run.emails} surel terkirim."
        )


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Tanggal “{value}” tidak sah; gunakan format YYYY-MM-DD.") from None
