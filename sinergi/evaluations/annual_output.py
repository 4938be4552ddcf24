"""The annual report's files: a PDF (WeasyPrint, bar charts drawn as inline SVG, DejaVu
fonts, no external assets) and an XLSX workbook with one sheet per table."""

import datetime
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from openpyxl import Workbook
from openpyxl.styles import Font

from sinergi.evaluations.annual import AnnualFigures, Table, listing

BAR_HEIGHT = 16
LABEL_WIDTH = 230
BAR_WIDTH = 220
CHART_WIDTH = LABEL_WIDTH + BAR_WIDTH + 50


def bar_chart(title: str, items: Sequence[tuple[str, int | Decimal]]) -> SafeString:
    """A horizontal bar chart as SVG markup (labels escaped), or "" without any count."""
    if not items or not any(value for _, value in items):
        return mark_safe("")
    top = max(float(value) for _, value in items)
    height = len(items) * (BAR_HEIGHT + 4) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" role="img" aria-label="{escape(title)}">'
    ]
    for index, (label, value) in enumerate(items):
        y = 4 + index * (BAR_HEIGHT + 4)
        width = round(BAR_WIDTH * float(value) / top) if top else 0
        short = label if len(label) <= 38 else label[:37] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 12}" text-anchor="end" font-size="9">'
            f"{escape(short)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            'fill="#1f6f5c"/>'
            f'<text x="{LABEL_WIDTH + width + 4}" y="{y + 12}" font-size="9">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _chart_of(table: Table) -> SafeString:
    if not table.chart:
        return mark_safe("")
    return bar_chart(table.title, [(str(row[0]), row[1]) for row in table.rows])


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


# The PDF lists every agreement as a short paragraph, not as a table row: WeasyPrint lays a
# table out at about a millisecond per cell, so a province of 2,500 agreements took two
# minutes with the XLSX's thirteen columns; paragraphs take a third of five cells' time
# (docs/benchmarks.md). The XLSX keeps one value per column.
def _pdf_item(cells: list[str]) -> tuple[str, str, str, str]:
    """A row of `annual.listing` (already formatted): number, title and two lines."""
    (number, title, owner, doc_type, affair, status, signed, end, flags, idle, total,
     category, state) = cells  # fmt: skip
    evaluation = f"nilai akhir {total} ({category})" if total else state
    return (
        number,
        title,
        f"{owner} · {doc_type} · {affair} · {status} · {signed or '—'} s.d. {end or '—'}",
        f"Tanda: {flags} · tanpa kegiatan: {idle} · evaluasi: {evaluation}",
    )


def render_pdf(figures: AnnualFigures) -> bytes:
    from weasyprint import HTML  # heavy import, only in the worker

    tables = [
        {"table": t, "chart": _chart_of(t), "rows": [[_cell(v) for v in row] for row in t.rows]}
        for t in figures.tables
    ]
    agreements = listing(figures.lines)
    context = {
        "figures": figures,
        "tables": tables,
        "agreements": agreements,
        "agreement_items": [_pdf_item([_cell(v) for v in row]) for row in agreements.rows],
    }
    html = render_to_string("evaluations/annual_pdf.html", context)
    return bytes(HTML(string=html).write_pdf())


_SHEET_UNSAFE = re.compile(r"[\[\]\*\?/\\:]")


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list[Any]]) -> None:
    sheet = workbook.create_sheet(_SHEET_UNSAFE.sub("-", title)[:31])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    for index, header in enumerate(headers, 1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, len(header) + 4)


def render_xlsx(figures: AnnualFigures) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None  # noqa: S101 - a new workbook always has a sheet
    summary.title = "Ringkasan"
    summary.append([f"Laporan evaluasi kerja sama tahun {figures.year}"])
    summary.append(["Wilayah", figures.scope])
    summary.append(["Dibuat", figures.generated_at.strftime("%d-%m-%Y %H:%M")])
    summary.append([])
    summary.append(["Uraian", "Jumlah"])
    for label, value in figures.summary:
        summary.append([label, value])
    summary.column_dimensions["A"].width = 45
    for table in figures.tables:
        _sheet(workbook, table.key, table.headers, table.rows)
    agreements = listing(figures.lines)
    _sheet(workbook, agreements.key, agreements.headers, agreements.rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
