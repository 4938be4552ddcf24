"""Codes of the ministry's planning nomenclature (Kepmendagri 050-5889/2021 and updates).

Pure functions, no database. The canonical form has six dot-separated segments:
urusan (1 digit) . bidang (2) . program (2) . kegiatan (1 + 2, two segments) . sub-kegiatan (4),
e.g. `1.02.02.2.02.0014`. Shorter codes are the levels above it: bidang `1.02`, program
`1.02.02`, kegiatan `1.02.02.2.02`.
"""

from decimal import Decimal
from typing import Any

URUSAN = "urusan"  # one segment; a heading in the ministry's files, not imported
BIDANG = "bidang"
PROGRAM = "program"
KEGIATAN = "kegiatan"
SUB_KEGIATAN = "sub_kegiatan"

# Widths of the six canonical segments.
_WIDTHS = (1, 2, 2, 1, 2, 4)
_LEVELS = {1: URUSAN, 2: BIDANG, 3: PROGRAM, 5: KEGIATAN, 6: SUB_KEGIATAN}
# The bidang numbers of each urusan. Bidang are numbered 01-32 across urusan 1-3, so "2.1"
# is 2.10 (Excel dropped the trailing zero of a number) and "1.1" is 1.01 (unpadded).
_BIDANG_RANGES = {
    1: range(1, 7),
    2: range(7, 25),
    3: range(25, 33),
    4: range(1, 3),
    5: range(1, 6),
    6: range(1, 2),
    7: range(1, 2),
    8: range(1, 2),
}


class CodeError(ValueError):
    """A cell that is not a nomenclature code; the message is for the user (Indonesian)."""

    @property
    def message(self) -> str:
        return str(self.args[0])


def normalise_code(raw: Any) -> tuple[str, str]:
    """The canonical code and its level (`bidang`, `program`, `kegiatan`, `sub_kegiatan`,
    or `urusan`), from any of the forms found in the ministry's and regions' files."""
    text = _as_text(raw)
    if not text:
        raise CodeError("Kode kosong.")
    if "X" in text.upper():
        raise CodeError(
            f"Kode “{text}” masih berisi placeholder X; ganti dengan kode bidang urusan."
        )
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # decimal comma of an Indonesian-locale CSV
    parts = text.split(".")
    if not all(part.isdigit() for part in parts):
        raise CodeError(f"Kode “{text}” hanya boleh berisi angka dan titik.")
    segments = _segments(text, parts)
    code = ".".join(
        _pad(text, value, width) for value, width in zip(segments, _WIDTHS, strict=False)
    )
    return code, _LEVELS[len(segments)]


def _as_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float):
        # A number cell: 1.02 stays "1.02"; 2.10 arrives as 2.1 (resolved by _bidang).
        raw = Decimal(repr(raw))
    text = "".join(str(raw).split())  # spaces anywhere, also non-breaking ones
    return text.rstrip(".")


def _segments(text: str, parts: list[str]) -> list[str]:
    """The parts in canonical segments: the merged kegiatan (`202`) split in two."""
    count = len(parts)
    if count == 2:
        return [parts[0], _bidang(text, parts)]
    if count in (1, 3, 6):
        return parts
    if count == 4:  # kegiatan with one merged segment: 1.02.02.202
        return [*parts[:3], *_split_activity(text, parts[3])]
    if count == 5 and len(parts[3]) == 1:  # kegiatan: 1.02.02.2.02
        return parts
    if count == 5:  # sub-kegiatan with a merged kegiatan: 1.02.02.202.0014
        return [*parts[:3], *_split_activity(text, parts[3]), parts[4]]
    raise CodeError(f"Kode “{text}” terdiri atas {count} segmen; yang dikenal 2 sampai 6.")


def _split_activity(text: str, merged: str) -> list[str]:
    if len(merged) != 3:
        raise CodeError(
            f"Segmen kegiatan “{merged}” pada kode “{text}” harus 3 angka (mis. 202) "
            "atau dua segmen (2.02)."
        )
    return [merged[0], merged[1:]]


def _bidang(text: str, parts: list[str]) -> str:
    """One digit after the urusan is ambiguous: unpadded (1.1 = 1.01) or a number cell that
    lost its trailing zero (2.1 = 2.10). Only one reading is a bidang of that urusan."""
    urusan, bidang = parts
    if len(bidang) != 1:
        return bidang
    allowed = _BIDANG_RANGES.get(int(urusan), range(0))
    readings = [b for b in (bidang, bidang + "0") if int(b) in allowed]
    if len(readings) != 1:
        raise CodeError(f"Kode bidang urusan “{text}” tidak dikenal.")
    return readings[0]


def _pad(text: str, value: str, width: int) -> str:
    number = str(int(value))
    if len(number) > width:
        raise CodeError(f"Segmen “{value}” pada kode “{text}” lebih dari {width} angka.")
    return number.zfill(width)


def affair_code(code: str) -> str:
    """The bidang urusan of a canonical code (`1.02.02.2.02.0014` -> `1.02`)."""
    return ".".join(code.split(".")[:2])
