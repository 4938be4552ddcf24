from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sinergi.core.task_recovery import tasks_requeue


class Command(BaseCommand):
    help = (
        "Kembalikan ke antrean tugas yang sedang dikerjakan pekerja ini saat ia terhenti "
        "(jalankan sebelum `db_worker --worker-id ID` dimulai lagi)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--worker-id", required=True, help="Id tetap pekerja, mis. pekerja-1")

    def handle(self, *args: Any, **options: Any) -> None:
        count = tasks_requeue(worker_id=options["worker_id"])
        self.stdout.write(f"{count} tugas dikembalikan ke antrean.")
