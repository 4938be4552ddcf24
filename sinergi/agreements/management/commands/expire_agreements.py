from typing import Any

from django.core.management.base import BaseCommand

from sinergi.agreements.services import agreements_expire_due


class Command(BaseCommand):
    help = "Mengubah status kerja sama yang telah mencapai tanggal berakhir menjadi Berakhir."

    def handle(self, *args: Any, **options: Any) -> None:
        count = agreements_expire_due()
        self.stdout.write(f"{count} kerja sama berakhir hari ini.")
