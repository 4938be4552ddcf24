from typing import Any

from django.core.management.base import BaseCommand

from sinergi.webhooks.services import deliveries_due


class Command(BaseCommand):
    help = "Kirim webhook yang jatuh tempo (percobaan ulang); jalankan tiap menit lewat cron."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{deliveries_due()} pengiriman dicoba.")
