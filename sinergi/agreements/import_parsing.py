"""Reading the cells of an agreement register as officers type them. Pure text, no database.

Registers kept in Excel before Sinergi write dates, document types and codes in many ways;
each function here accepts the common forms and returns None for anything it cannot read,
so the caller can name the column and the value in its error message.
"""

import datetime
import re

from sinergi.agreements.models import Agreement

DocType = Agreement.DocType

_MONTHS = {
    **dict.fromkeys(("jan", "januari", "january"), 1),
    **dict.fromkeys(("feb", "februari", "pebruari", "february"), 2),
    **dict.fromkeys(("mar", "maret", "march"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("jun", "juni", "june"), 6),
    **dict.fromkeys(("jul", "juli", "july"), 7),
    **dict.fromkeys(("agu", "agt", "ags", "agus", "agustus", "aug", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("okt", "oktober", "oct", "october"), 10),
    **dict.fromkeys(("nov", "nopember", "november"), 11),
    **dict.fromkeys(("des", "desember", "dec", "december"), 12),
}
# `2024-05-20`, and what core.tables makes of an Excel date cell: `2024-05-20 00:00:00`.
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
# `20 Mei 2024`, `20 Agt. 2024`, `Senin, 20 Mei 2024` (the weekday is ignored).
_WORDS = re.compile(r"(?:[^\W\d_]+,\s*)?(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4})")

_DOC_TYPES = {
    "kb": DocType.KB,
    "kesepakatan bersama": DocType.KB,
    "kesepakatan bersama (kb)": DocType.KB,
    "nota": DocType.NOTA,
    "nota kesepakatan": DocType.NOTA,
    "mou": DocType.MOU,
    "memorandum of understanding": DocType.MOU,
    "memorandum of understanding (mou)": DocType.MOU,
    "pks": DocType.PKS,
    "perjanjian kerja sama": DocType.PKS,
    "perjanjian kerjasama": DocType.PKS,
    "perjanjian kerja sama (pks)": DocType.PKS,
    "adendum": DocType.ADDENDUM,
    "addendum": DocType.ADDENDUM,
}
# A Kemendagri code as typed, or as a number cell that lost its trailing zero (64.1).
_REGION_CODE = re.compile(r"\d{2}(?:\.\d{1,2})?")
_AFFAIR_CODE = re.compile(r"\d\.\d{1,2}")
# `Universitas Mulawarman [perguruan_tinggi]`
_ORGANIZATION = re.compile(r"(?P<name>.+?)\s*\[\s*(?P<kind>[^\]]*?)\s*\]")


def parse_date(text: str) -> datetime.date | None:
    """A date in ISO, day-first numeric or Indonesian words; None when it is not one."""
    text = " ".join(text.split())  # also folds non-breaking spaces
    for pattern, order in ((_ISO, (1, 2, 3)), (_DAY_FIRST, (3, 2, 1))):
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            return _date(year, month, day)
    match = _WORDS.fullmatch(text)
    if match and match.group(2).lower() in _MONTHS:
        return _date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    return None


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 31 Februari and the like
        return None


def parse_doc_type(text: str) -> str | None:
    return _DOC_TYPES.get(" ".join(text.lower().split()))


def parse_whole_number(text: str) -> int | None:
    """`12`, or `12.0` as an Excel number cell comes out."""
    match = re.fullmatch(r"(\d+)(?:\.0+)?", text.strip())
    return int(match.group(1)) if match else None


def region_code(text: str) -> str | None:
    """The code in its written form (`64.1` → `64.10`), or None if it does not look like one.

    Codes have two digits after the dot, so a one-digit tail can only be a lost zero.
    """
    text = text.strip()
    if not _REGION_CODE.fullmatch(text):
        return None
    head, _, tail = text.partition(".")
    return f"{head}.{tail.ljust(2, '0')}" if tail else head


def affair_code(text: str) -> str:
    """`1.2` (a number cell) → `1.20`; anything else is returned as typed, for the message."""
    text = text.strip()
    if _AFFAIR_CODE.fullmatch(text):
        head, _, tail = text.partition(".")
        return f"{head}.{tail.ljust(2, '0')}"
    return text


def split_list(text: str) -> list[str]:
    """Items separated by `;` (a comma may be part of a name, so it does not separate)."""
    return [item.strip() for item in text.split(";") if item.strip()]


def split_organization(text: str) -> tuple[str, str]:
    """`Nama [jenis]` → (`Nama`, `jenis`); without brackets the kind is empty."""
    match = _ORGANIZATION.fullmatch(text.strip())
    if match:
        return match.group("name").strip(), match.group("kind").lower()
    return text.strip(), ""
