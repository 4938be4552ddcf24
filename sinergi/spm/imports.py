"""SPM figures from a spreadsheet: a template per user (every region they manage × every
indicator of its level, for one year and quarter) and its import.

The import is all or nothing: every row is checked first, and if any row has an error
nothing is written and every error is listed with its row number, so a corrected file can
be uploaded again without anything half-saved. Rows left blank (no number at all) are
skipped: a template need not be filled completely. An existing figure for the same region,
year, quarter and indicator is replaced (audited)."""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from sinergi.accounts.scope import manageable_regions
from sinergi.core.errors import DomainError
from sinergi.core.tables import read_table, xlsx_bytes
from sinergi.regions.models import Region
from sinergi.spm.models import Entry, Field, FieldValue, Indicator

_DECIMAL_ZERO = re.compile(r"^\d+[.,]0$")  # str() of a float: one zero; "1.000" is a thousand
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
COLUMNS = [
    "kode_wilayah",
    "nama_wilayah",
    "tahun",
    "triwulan",
    "kode_indikator",
    "nama_indikator",
    "jumlah_sasaran",
    "jumlah_terlayani",
    "nilai_hasil",
    "catatan",
]
REQUIRED = ["kode_wilayah", "tahun", "triwulan", "kode_indikator"]
GUIDE = [
    "Isi jumlah_sasaran dan jumlah_terlayani untuk indikator penerima dan mutu (bilangan bulat "
    "tidak negatif; jumlah sasaran 0 berarti tidak ada sasaran, dianggap terpenuhi).",
    "Isi nilai_hasil hanya untuk indikator tren (literasi dan numerasi hasil Asesmen Nasional).",
    "Angka triwulan bersifat kumulatif dalam tahun yang sama, seperti pada e-SPM.",
    "Baris yang dibiarkan kosong dilewati. Bila ada satu baris yang salah, tidak ada yang "
    "disimpan; perbaiki baris yang disebut lalu unggah lagi.",
]


@dataclass
class ImportResult:
    written: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)


def spm_template_xlsx(*, user: Any, year: int, quarter: int) -> bytes:
    regions = _manageable(user)
    indicators = list(Indicator.objects.select_related("service").order_by("service__order"))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Capaian SPM"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for region in regions.order_by("code"):
        for indicator in indicators:
            if indicator.service.level == region.level:
                sheet.append(
                    [region.code, region.name, year, quarter, indicator.code, indicator.name]
                )
    guide = workbook.create_sheet("Petunjuk")
    for line in GUIDE:
        guide.append([line])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def spm_entries_import(*, user: Any, data: bytes) -> ImportResult:
    regions = {r.code: r for r in _manageable(user)}
    table = _table(data, REQUIRED)
    indicators = {i.code: i for i in Indicator.objects.select_related("service")}
    result, entries = _checked_rows(
        table,
        filled=lambda row: any(
            row.get(c) for c in ("jumlah_sasaran", "jumlah_terlayani", "nilai_hasil")
        ),
        check=lambda row: _check(row, regions, indicators),
        key=lambda e: (e.region_id, e.year, e.quarter, e.indicator_id),
        duplicate="Baris ganda: wilayah, tahun, triwulan dan indikator sudah ada di atas.",
    )
    if not result.errors:
        result.written = _save(entries, user)
    return result


def _checked_rows[T](
    table: list[dict[str, str]],
    *,
    filled: Callable[[dict[str, str]], bool],
    check: Callable[[dict[str, str]], tuple[T | None, list[str]]],
    key: Callable[[T], object],
    duplicate: str,
) -> tuple[ImportResult, list[T]]:
    """Every row checked (blank ones skipped, a key met twice an error), errors listed by the
    spreadsheet's own row number (`_row`: blank rows are dropped before), and the objects of
    the rows without errors; the caller saves them only if no row had one."""
    result, found, seen = ImportResult(), [], set()
    for row in table:
        if not filled(row):
            result.skipped += 1
            continue
        obj, errors = check(row)
        row_key = None if obj is None else key(obj)
        if row_key is not None and row_key in seen:
            errors.append(duplicate)
        seen.add(row_key)
        result.errors += [(int(row["_row"]), message) for message in errors]
        if obj is not None and not errors:
            found.append(obj)
    return result, found


def _manageable(user: Any) -> Any:
    regions = manageable_regions(user)
    if not regions.exists():
        raise PermissionDenied("Anda tidak berwenang mengisi capaian SPM.")
    return regions


def _check(
    row: dict[str, str], regions: dict[str, Region], indicators: dict[str, Indicator]
) -> tuple[Entry | None, list[str]]:
    errors: list[str] = []
    region = regions.get(row.get("kode_wilayah", "").strip())
    if region is None:
        errors.append(f"Wilayah {row.get('kode_wilayah')!r} tidak dikenal atau di luar kewenangan.")
    indicator = indicators.get(row.get("kode_indikator", "").strip())
    if indicator is None:
        errors.append(f"Indikator {row.get('kode_indikator')!r} tidak dikenal.")
    elif region is not None and indicator.service.level != region.level:
        errors.append(
            f"Indikator {indicator.code} bukan untuk tingkat {region.get_level_display()}."
        )
    year = _integer(row, "tahun", errors, low=2000, high=2100)
    quarter = _integer(row, "triwulan", errors, low=1, high=4)
    figures = _figures(row, indicator, errors)
    if errors or region is None or indicator is None or year is None or quarter is None:
        return None, errors
    target, served, score = figures
    entry = Entry(region=region, year=year, quarter=quarter, indicator=indicator)
    entry.target_population, entry.served, entry.score = target, served, score
    entry.notes = (row.get("catatan") or "").strip()[:2000]
    return entry, errors


def _figures(
    row: dict[str, str], indicator: Indicator | None, errors: list[str]
) -> tuple[int | None, int | None, Decimal | None]:
    if indicator is not None and indicator.kind == Indicator.Kind.TREND:
        if row.get("jumlah_sasaran") or row.get("jumlah_terlayani"):
            errors.append("Indikator tren diisi di nilai_hasil, bukan jumlah sasaran/terlayani.")
        return None, None, _decimal(row, "nilai_hasil", errors)
    if row.get("nilai_hasil"):
        errors.append("nilai_hasil hanya untuk indikator tren; isi jumlah sasaran dan terlayani.")
    target = _integer(row, "jumlah_sasaran", errors, low=0)
    served = _integer(row, "jumlah_terlayani", errors, low=0)
    if bool(row.get("jumlah_sasaran")) != bool(row.get("jumlah_terlayani")):
        errors.append("Isi jumlah sasaran dan jumlah terlayani bersama-sama.")
    return target, served, None


def _integer(
    row: dict[str, str], column: str, errors: list[str], *, low: int, high: int | None = None
) -> int | None:
    text = _whole_number(row.get(column) or "")
    if not text:
        if column in REQUIRED:
            errors.append(f"{column} wajib diisi.")
        return None
    if not text.isdigit() or int(text) < low or (high is not None and int(text) > high):
        bound = f" antara {low} dan {high}" if high is not None else f" {low} atau lebih"
        errors.append(f"{column} harus bilangan bulat{bound}, bukan {row.get(column)!r}.")
        return None
    return int(text)


def _whole_number(text: str) -> str:
    """Digits of a whole number as spreadsheets give it: `1250`, `1250.0` (an XLSX number
    cell), `1.250` (thousands, the Indonesian way) or `1250,0`; anything else unchanged."""
    text = text.strip()
    if _DECIMAL_ZERO.match(text):
        return re.split(r"[.,]", text)[0]
    if _THOUSANDS.match(text):
        return text.replace(".", "")
    return text


def _decimal(row: dict[str, str], column: str, errors: list[str]) -> Decimal | None:
    text = (row.get(column) or "").strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors.append(f"{column} harus angka, bukan {row.get(column)!r}.")
        return None
    if not value.is_finite() or not 0 <= value < 100000:
        errors.append(f"{column} di luar rentang yang wajar: {row.get(column)!r}.")
        return None
    return value


@transaction.atomic
def _save(entries: list[Entry], user: Any) -> int:
    for entry in entries:
        Entry.objects.update_or_create(
            region=entry.region,
            year=entry.year,
            quarter=entry.quarter,
            indicator=entry.indicator,
            defaults={
                "target_population": entry.target_population,
                "served": entry.served,
                "score": entry.score,
                "notes": entry.notes,
                "entered_by": user,
            },
        )
    return len(entries)


# --- published field indices (e.g. the ministry's evaluation), instead of indicator figures ---

FIELD_COLUMNS = [
    "kode_wilayah",
    "nama_wilayah",
    "tahun",
    "kode_bidang",
    "nama_bidang",
    "indeks",
    "sumber",
]


def spm_field_template_xlsx(*, user: Any, year: int) -> bytes:
    """One row per managed region and SPM field, to fill with the published indices."""
    fields = list(Field.objects.all())
    rows = [
        [region.code, region.name, year, field.code, field.name, None, None]
        for region in _manageable(user).order_by("code")
        for field in fields
    ]
    return xlsx_bytes(FIELD_COLUMNS, rows, title="Indeks bidang SPM")


def spm_field_values_import(*, user: Any, data: bytes) -> ImportResult:
    """All or nothing, like `spm_entries_import`; rows without an index are skipped."""
    regions = {r.code: r for r in _manageable(user)}
    table = _table(data, ["kode_wilayah", "tahun", "kode_bidang", "indeks"])
    fields = {f.code: f for f in Field.objects.all()}
    result, values = _checked_rows(
        table,
        filled=lambda row: bool(row.get("indeks")),
        check=lambda row: _check_field_value(row, regions, fields),
        key=lambda v: (v.region_id, v.year, v.field_id),
        duplicate="Baris ganda: wilayah, tahun dan bidang sudah ada di atas.",
    )
    if not result.errors:
        result.written = _save_field_values(values, user)
    return result


def _table(data: bytes, required: list[str]) -> list[dict[str, str]]:
    table = read_table(data)
    if not table:
        raise DomainError("Berkas tidak berisi baris data.")
    missing = [c for c in required if c not in table[0]]
    if missing:
        raise DomainError(f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Gunakan templat.")
    return table


def _check_field_value(
    row: dict[str, str], regions: dict[str, Region], fields: dict[str, Field]
) -> tuple[FieldValue | None, list[str]]:
    errors: list[str] = []
    region = regions.get(row.get("kode_wilayah", "").strip())
    if region is None:
        errors.append(f"Wilayah {row.get('kode_wilayah')!r} tidak dikenal atau di luar kewenangan.")
    field = fields.get(row.get("kode_bidang", "").strip())
    if field is None:
        errors.append(f"Bidang {row.get('kode_bidang')!r} tidak dikenal.")
    year = _integer(row, "tahun", errors, low=2000, high=2100)
    value = _decimal(row, "indeks", errors)
    if value is not None and value > 100:
        errors.append(f"indeks harus antara 0 dan 100, bukan {row.get('indeks')!r}.")
    source = (row.get("sumber") or "").strip()
    if not source:
        errors.append("sumber wajib diisi (mis. Hasil evaluasi SPM Kemendagri 2025).")
    if errors or region is None or field is None or year is None or value is None:
        return None, errors
    return FieldValue(region=region, year=year, field=field, value=value, source=source[:255]), []


@transaction.atomic
def _save_field_values(values: list[FieldValue], user: Any) -> int:
    for value in values:
        FieldValue.objects.update_or_create(
            region=value.region,
            year=value.year,
            field=value.field,
            defaults={"value": value.value, "source": value.source, "entered_by": user},
        )
    return len(values)
