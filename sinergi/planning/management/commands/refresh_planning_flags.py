from typing import Any

from django.core.management.base import BaseCommand

from sinergi.planning.services import flags_refresh_all


class Command(BaseCommand):
    help = (
        "Menghitung ulang tanda perencanaan/anggaran semua kerja sama yang berlaku atau "
        "dalam proses. Dijalankan harian; aman diulang."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        checked = flags_refresh_all()
        self.stdout.write(f"Tanda perencanaan: {checked} kerja sama diperiksa.")
