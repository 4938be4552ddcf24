from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sinergi.accounts.models import User
from sinergi.core.demo import DEMO_PASSWORD, load_demo_data


class Command(BaseCommand):
    help = "Memuat data DEMO (Kalimantan) dan akun demo untuk setiap peran. Jangan di produksi."

    def handle(self, *args: Any, **options: Any) -> None:
        # Demo accounts share a password published in the source: never on a real server.
        if not (settings.DEBUG or settings.DEMO_MODE):
            raise CommandError(
                "Data demo hanya untuk instalasi uji coba: jalankan dengan SINERGI_DEMO=true."
            )
        users = load_demo_data()
        self.stdout.write(self.style.WARNING("DATA DEMO dimuat. Akun demo (kata sandi sama):"))
        self.stdout.write(f"  kata sandi: {DEMO_PASSWORD}")
        for user in users:
            role = "Superuser" if user.superuser else User.Role(user.role).label
            where = f" — wilayah {user.region}" if user.region else ""
            self.stdout.write(f"  {user.username:<24} {role}{where}")
        self.stdout.write("Buka http://127.0.0.1:8000 lalu masuk dengan salah satu akun di atas.")
