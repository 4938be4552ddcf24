"""Reading and writing simple tables (CSV/XLSX) for imports and exports. No business rules.

The file type is decided by content, never by name; oversized files and ZIP bombs are
refused before parsing.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from openpyxl import Workbook, load_workbook

from sinergi.core.errors import DomainError

MAX_ROWS = 5000
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ensure_upload_size(size: int, limit: int | None = None) -> None:
    """Refuse an upload over the limit (UPLOAD_MAX_BYTES unless given) before reading it."""
    limit = settings.UPLOAD_MAX_BYTES if limit is None else limit
    if size > limit:
        raise DomainError(f"Berkas terlalu besar (batas {limit // (1024 * 1024)} MB).")


def read_table(data: bytes, *, max_rows: int = MAX_ROWS) -> list[dict[str, str]]:
    """Rows of the first sheet (XLSX) or of a CSV file, keyed by normalised header."""
    ensure_upload_size(len(data))
    is_zip = data.startswith(b"PK\x03\x04")  # XLSX is a ZIP archive
    return _to_dicts(_read_xlsx(data, max_rows) if is_zip else _read_csv(data, max_rows))


def _read_xlsx(data: bytes, max_rows: int) -> list[list[Any]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise DomainError("Berkas XLSX terlalu besar setelah diekstrak; ditolak.")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DomainError:
        raise
    except Exception as exc:  # openpyxl raises many types for malformed files
        raise DomainError("Berkas bukan XLSX yang sah atau rusak.") from exc
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        if len(rows) > max_rows + 1:
            raise DomainError(f"Berkas berisi lebih dari {max_rows} baris; pecah menjadi beberapa.")
    workbook.close()
    return rows


def _read_csv(data: bytes, max_rows: int) -> list[list[Any]]:
    if b"\x00" in data[:4096]:
        raise DomainError("Berkas bukan CSV atau XLSX (isi biner tidak dikenali).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if len(rows) > max_rows + 1:
        raise DomainError(f"Berkas berisi lebih dari {max_rows} baris; pecah menjadi beberapa.")
    return rows


def normalise_header(value: Any) -> str:
    return "_".join(str(value or "").strip().lower().replace("/", " ").split())


def _to_dicts(rows: list[list[Any]]) -> list[dict[str, str]]:
    if not rows:
        raise DomainError("Berkas kosong.")
    headers = [normalise_header(h) for h in rows[0]]
    result = []
    for number, values in enumerate(rows[1:], start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        if any(cells):
            row = dict(zip(headers, cells, strict=False))
            row["_row"] = str(number)  # the spreadsheet row number, for error messages
            result.append(row)
    return result


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    return buffer.getvalue()


def _safe_cell(value: Any) -> Any:
    # Spreadsheet apps execute cells starting with these characters as formulas (CSV injection).
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value
