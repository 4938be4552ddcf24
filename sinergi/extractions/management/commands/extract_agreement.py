"""Print what Sinergi reads from one agreement file (PDF, DOCX, image or text)."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.extractions.engine import extract_document
from sinergi.extractions.reading import UnreadableDocument


class Command(BaseCommand):
    help = "Membaca satu berkas kerja sama dan mencetak isian yang ditemukan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="berkas PDF, DOCX, gambar atau teks")
        parser.add_argument("--json", action="store_true", help="cetak sebagai JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        if path.stat().st_size > settings.EXTRACTION_MAX_BYTES:
            raise CommandError(
                f"Berkas terlalu besar; batasnya {settings.EXTRACTION_MAX_BYTES // 1048576} MB."
            )
        try:
            document, extracted = extract_document(path.read_bytes())
        except UnreadableDocument as exc:
            raise CommandError(exc.message) from exc
        result = extracted.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{path.name}: {document.page_count} halaman ({len(document.ocr_pages)} lewat OCR)"
        )
        for name, value in result.items():
            if name == "confidence":
                continue
            confidence = result["confidence"].get(name)
            suffix = f"  [{confidence:.2f}]" if confidence is not None else ""
            self.stdout.write(f"  {name}: {json.dumps(value, ensure_ascii=False)}{suffix}")
