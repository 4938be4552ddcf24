"""What the review page shows of a reading: each field, its confidence and its source passage."""

from typing import Any

LABELS = (
    ("doc_type", "Jenis dokumen"),
    ("title", "Judul"),
    ("numbers", "Nomor dokumen"),
    ("date_signed", "Tanggal penandatanganan"),
    ("place_signed", "Tempat penandatanganan"),
    ("parties", "Para pihak"),
    ("start_date", "Tanggal mulai"),
    ("end_date", "Tanggal berakhir"),
    ("duration_months", "Jangka waktu (bulan)"),
    ("sector", "Urusan"),
    ("kind", "Jenis kerja sama"),
)


def confidence_level(value: float) -> tuple[str, str]:
    """(label, css class): high enough to trust, worth a look, or likely wrong."""
    if value >= 0.9:
        return "tinggi", "text-bg-success"
    if value >= 0.7:
        return "periksa", "text-bg-warning"
    return "rendah", "text-bg-danger"


def _display(name: str, result: dict[str, Any]) -> str:
    value = result.get(name)
    if name == "parties":
        return "; ".join(
            f"{p['name']}"
            + (f" ({p['region_code']})" if p.get("region_code") else "")
            + (f", ditandatangani {p['signatory']}" if p.get("signatory") else "")
            + (f" — {p['position']}" if p.get("position") else "")
            for p in value or []
        )
    if name == "sector":
        return f"{value['code']} {value['name']}" if value else ""
    if name == "numbers":
        return ", ".join(value or [])
    return "" if value is None else str(value)


def read_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    confidence = result.get("confidence", {})
    passages = result.get("passages", {})
    rows = []
    for name, label in LABELS:
        score = float(confidence.get(name, 0.0))
        level, css = confidence_level(score)
        rows.append(
            {
                "label": label,
                "value": _display(name, result) or "—",
                "percent": round(score * 100),
                "level": level,
                "css": css,
                "passage": passages.get(name, ""),
            }
        )
    return rows
