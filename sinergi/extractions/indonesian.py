"""Numbers and dates as Indonesian legal documents write them.

"tanggal dua puluh bulan Mei tahun dua ribu dua puluh empat", "5 (lima) tahun",
"20 Mei 2024", "20-05-2024". Every parser returns None rather than guessing.
"""

import calendar
import datetime
import re

UNITS = {
    "nol": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "seribu": 1000,
}
MULTIPLIERS = {"belas": 0, "puluh": 10, "ratus": 100, "ribu": 1000}
NUMBER_WORDS = frozenset(UNITS) | frozenset(MULTIPLIERS)

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "peb": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agt": 8,
    "agu": 8,
    "agust": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "nopember": 11,
    "november": 11,
    "nov": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
}
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6}

NUMERIC_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s*(?P<month>{MONTH_PATTERN})\.?\s*(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
DIGIT_DATE = re.compile(r"\b(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>(?:19|20)\d{2})\b")


def words_to_number(words: list[str]) -> int | None:
    """["dua", "ribu", "dua", "puluh", "empat"] → 2024; None when not a number phrase."""
    if not words:
        return None
    total = 0
    current = 0
    for word in words:
        if word in UNITS:
            value = UNITS[word]
            if value == 1000:
                total += 1000
            else:
                current += value
        elif word == "belas":
            current += 10
        elif word in ("puluh", "ratus"):
            # "dua puluh": the last unit times ten; "dua puluh satu" keeps adding after.
            current = (current % 10 or 1) * MULTIPLIERS[word] + (current - current % 10)
        elif word == "ribu":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def take_number_words(text: str) -> tuple[int | None, int]:
    """The number spelled at the start of `text` and how many characters it used."""
    words: list[str] = []
    end = 0
    for match in re.finditer(r"[a-z]+", text.lower()):
        gap = text[end : match.start()]
        if words and gap.strip(" -"):
            break
        if match.group() not in NUMBER_WORDS:
            break
        words.append(match.group())
        end = match.end()
    return words_to_number(words), end


def safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def month_number(text: str) -> int | None:
    return MONTHS.get(text.lower().rstrip("."))


def parse_date(text: str) -> datetime.date | None:
    """The first date written with digits in `text`: "20 Mei 2024" or "20-05-2024"."""
    match = NUMERIC_DATE.search(text)
    if match:
        month = month_number(match["month"])
        if month:
            return safe_date(int(match["year"]), month, int(match["day"]))
    match = DIGIT_DATE.search(text)
    if match:
        return safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return None


SPELLED_DATE = re.compile(
    r"hari\s+ini\s*,?\s*(?P<weekday>senin|selasa|rabu|kamis|jum.?at|sabtu|minggu)?\s*,?\s*"
    r"tanggal\s+(?P<rest>.{0,160})",
    re.IGNORECASE | re.DOTALL,
)


def parse_spelled_date(text: str) -> tuple[datetime.date | None, bool]:
    """The opening "Pada hari ini Senin tanggal dua puluh bulan Mei tahun ..." date.

    Returns the date and whether the weekday written agrees with the calendar.
    """
    match = SPELLED_DATE.search(text)
    if not match:
        return None, False
    rest = " ".join(match["rest"].split())
    day, used = _day(rest)
    if day is None:
        return None, False
    rest = rest[used:].strip(" ,")
    month_match = re.match(rf"(?:bulan\s+)?(?P<month>{MONTH_PATTERN})\b\.?\s*", rest, re.I)
    if not month_match:
        return None, False
    month = month_number(month_match["month"])
    rest = rest[month_match.end() :].strip(" ,")
    year_match = re.match(r"(?:tahun\s+)?", rest, re.I)
    rest = rest[year_match.end() if year_match else 0 :]
    year, _ = _year(rest)
    if month is None or year is None:
        return None, False
    found = safe_date(year, month, day)
    if found is None:
        return None, False
    weekday = (match["weekday"] or "").lower().replace("'", "").replace("’", "")
    weekday = "jumat" if weekday.startswith("jum") else weekday
    return found, WEEKDAYS.get(weekday) == found.weekday()


def _day(text: str) -> tuple[int | None, int]:
    digits = re.match(r"(\d{1,2})\b", text)
    if digits:
        return int(digits.group(1)), digits.end()
    value, used = take_number_words(text)
    if value is None or not 1 <= value <= 31:
        return None, 0
    # "dua puluh (20)": skip the figure in brackets.
    bracket = re.match(r"\s*\(\s*\d{1,2}\s*\)", text[used:])
    return value, used + (bracket.end() if bracket else 0)


def _year(text: str) -> tuple[int | None, int]:
    digits = re.match(r"((?:19|20)\d{2})\b", text)
    if digits:
        return int(digits.group(1)), digits.end()
    value, used = take_number_words(text)
    if value is None or not 1990 <= value <= 2100:
        return None, 0
    return value, used


def add_months(start: datetime.date, months: int) -> datetime.date:
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def term_end(start: datetime.date, months: int) -> datetime.date:
    """The last day of a term of `months` starting on `start` (5 years from 20 May → 19 May)."""
    return add_months(start, months) - datetime.timedelta(days=1)


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from start to the day after end, rounded (1 Jan–31 Dec is 12)."""
    following = end + datetime.timedelta(days=1)
    months = (following.year - start.year) * 12 + following.month - start.month
    return max(0, months + round((following.day - start.day) / 30))
