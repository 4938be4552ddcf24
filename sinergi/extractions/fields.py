"""Fields of an agreement read from its text, each with a confidence and the passage it came from.

Pure functions over text (no database), so the evaluation set runs them directly; the region
index and the sector classifier are passed in. Confidences are calibrated by hand against the
evaluation set: 0.95 and above means a strict pattern matched and its parts agree (a spelled
date whose weekday is right, a region name found exactly), about 0.6 a looser fallback.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from sinergi.extractions import indonesian
from sinergi.extractions.parties import (
    ORDINALS,
    PARTY_MARKER,
    PartyFound,
    RegionIndex,
    find_parties,
)

DOC_TYPES = (
    # Order matters: an addendum's heading also names the agreement it changes.
    ("Adendum", r"\bAD+END+UM\b|\bPERUBAHAN\s+(?:PERTAMA|KEDUA|KETIGA|ATAS)\b"),
    ("Nota Kesepakatan", r"\bNOTA\s+KESEPAKATAN\b"),
    ("MoU", r"\bMEMORANDUM\s+OF\s+UNDERSTANDING\b|\bNOTA\s+KESEPAHAMAN\b|\bMOU\b"),
    ("KB", r"\bKESEPAKATAN\s+BERSAMA\b"),
    ("PKS", r"\bPERJANJIAN\s+KERJA\s*SAMA\b|\bPERJANJIAN\s+KERJASAMA\b"),
)
# Where the heading ends: the opening sentence or the signatories' introduction.
HEADING_END = re.compile(
    r"pada\s+hari\s+ini|yang\s+bertanda\s*tangan|bertanda\s+tangan\s+di\s*bawah|^\s*pasal\s+1\b",
    re.IGNORECASE | re.MULTILINE,
)
# A number line starts the line ("NOMOR : 180/12/HK/2024"); "Jalan ... Nomor 2" and
# "Undang-Undang Nomor 23 Tahun 2014" inside sentences are not document numbers.
NUMBER_LINE = re.compile(
    r"^\s*NO(?:MOR|\.)\s*:?\s*(?P<value>[^\n]{3,80})", re.IGNORECASE | re.MULTILINE
)
# The marks of a letter, minutes or decree: a document of these kinds is not an agreement.
NOT_AGREEMENT = re.compile(
    r"^\s*(?:sifat|lampiran|hal|perihal)\s*:|^\s*kepada\s*(?:yth|$)|\bBERITA\s+ACARA\b|"
    r"\bSURAT\s+EDARAN\b|\bNOTULEN\b|\bNOTULA\b|^\s*KEPUTUSAN\b|^\s*PERATURAN\b|\bUNDANGAN\b",
    re.IGNORECASE | re.MULTILINE,
)
KIND_BY_PARTY = {
    "foreign_gov": "KSDPL",
    "foreign_body": "KSDLL",
    "central": "SINERGI",
    "private": "KSDPK",
    "university": "KSDPK",
}
KIND_PRIORITY = ("KSDPL", "KSDLL", "SINERGI", "KSDPK")


@dataclass
class Found:
    value: Any
    confidence: float
    passage: str = ""


@dataclass
class ExtractedAgreement:
    fields: dict[str, Found]
    parties: list[PartyFound]
    obligations: dict[str, list[str]] = field(default_factory=dict)
    financing: str = ""
    scope: str = ""
    purpose: str = ""

    def value(self, name: str) -> Any:
        return self.fields[name].value

    def as_json(self) -> dict[str, Any]:
        """The shape `manage.py extract_agreement --json` prints (documented in the issue)."""

        def date(name: str) -> str | None:
            value = self.value(name)
            return value.isoformat() if value else None

        sector = self.value("sector")
        return {
            "doc_type": self.value("doc_type"),
            "title": self.value("title"),
            "numbers": self.value("numbers"),
            "date_signed": date("date_signed"),
            "place_signed": self.value("place_signed"),
            "parties": [
                {
                    "name": party.name,
                    "region_code": party.region_code,
                    "signatory": party.signatory,
                    "position": party.position,
                }
                for party in self.parties
            ],
            "start_date": date("start_date"),
            "end_date": date("end_date"),
            "duration_months": self.value("duration_months"),
            "sector": {"code": sector[0], "name": sector[1]} if sector else None,
            "kind": self.value("kind"),
            "confidence": {name: round(found.confidence, 2) for name, found in self.fields.items()},
        }


def extract(text: str, *, regions: RegionIndex, classify_sector: Any) -> ExtractedAgreement:
    """Every field of `text`.

    `classify_sector(title, body)` returns ((code, name) or None, confidence, reason).
    """
    heading = _heading(text)
    doc_type = _doc_type(heading)
    title = _subject(heading) if doc_type.value == "other" else _title(heading)
    parties = [] if doc_type.value == "other" else find_parties(text, regions)
    signed = _signed_date(text)
    # A letter or minutes has no term of its own, whatever periods it mentions.
    term = _term(text, signed.value) if doc_type.value != "other" else _no_term()
    purpose = _section(text, r"MAKSUD(?:\s+DAN\s+TUJUAN)?")
    scope = _section(text, r"RUANG\s+LINGKUP|OBJEK(?:\s+KERJA\s*SAMA)?")
    if doc_type.value == "other":
        sector = Found(None, 0.5)
    else:
        sector_value, sector_confidence, sector_passage = classify_sector(
            title.value, f"{purpose}\n{scope}"
        )
        sector = Found(sector_value, sector_confidence, sector_passage)
    fields = {
        "doc_type": doc_type,
        "title": title,
        "numbers": _numbers(heading),
        "date_signed": signed,
        "place_signed": _place(text, doc_type.value),
        "parties": _parties_confidence(parties),
        "start_date": term[0],
        "end_date": term[1],
        "duration_months": term[2],
        "sector": sector,
        "kind": _kind(parties, doc_type.value),
    }
    return ExtractedAgreement(
        fields=fields,
        parties=parties,
        obligations=_obligations(text, len(parties)),
        financing=_section(text, r"PEMBIAYAAN|BIAYA|PENDANAAN"),
        scope=scope,
        purpose=purpose,
    )


def _heading(text: str) -> str:
    """The title block: up to the opening sentence or the paragraph naming the first party."""
    ends = [1500]
    match = HEADING_END.search(text[:6000])
    if match:
        ends.append(match.start())
    marker = PARTY_MARKER.search(text[:6000])
    if marker:
        paragraph = text.rfind("\n\n", 0, marker.start())
        ends.append(paragraph if paragraph > 0 else marker.start())
    return text[: min(ends)]


def _doc_type(heading: str) -> Found:
    upper = heading.upper()
    letter = NOT_AGREEMENT.search(heading)
    for label, pattern in DOC_TYPES:
        match = re.search(pattern, upper)
        if match and (letter is None or match.start() < letter.start()):
            return Found(label, 0.97, _line_at(heading, match.start()))
    if letter is not None:
        return Found("other", 0.85, _line_at(heading, letter.start()))
    return Found("other", 0.6, "")


def _subject(heading: str) -> Found:
    """The subject of a letter ("Hal : Undangan Rapat ..."), its continuation lines included."""
    match = re.search(r"^\s*(?:hal|perihal)\s*:\s*(?P<first>.+)$", heading, re.I | re.M)
    if not match:
        return _title(heading)
    lines = [match["first"].strip()]
    for line in heading[match.end() :].split("\n")[1:]:
        if not line.strip() or ":" in line or re.match(r"kepada\b", line.strip(), re.I):
            break
        lines.append(line.strip())
    subject = " ".join(" ".join(lines).split())
    return Found(subject, 0.85, match.group(0).strip())


def _line_at(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else None].strip()


def _title(heading: str) -> Found:
    match = re.search(r"\bTENTANG\b\s*:?\s*(?P<title>.+)", heading, re.IGNORECASE | re.DOTALL)
    if not match:
        lines = [line for line in heading.split("\n") if line.strip()]
        title = " ".join(" ".join(lines[:3]).split())
        return Found(title[:500], 0.4, title)
    lines = []
    for line in match["title"].split("\n"):
        if NUMBER_LINE.match(line.strip()) or re.match(r"^\s*(?:ANTARA|DAN|DENGAN)\s*$", line):
            break
        if not line.strip():
            if lines:
                break
            continue
        lines.append(line.strip())
    title = " ".join(" ".join(lines).split())
    return Found(title[:500], 0.95 if title else 0.0, title)


def _numbers(heading: str) -> Found:
    numbers: list[str] = []
    passages = []
    for match in NUMBER_LINE.finditer(heading):
        value = match["value"].strip(" .;,")
        value = re.split(r"\s{2,}|\s+TENTANG\b|\s+TAHUN\s+\d{4}\s*$", value)[0].strip()
        if re.search(r"\d", value) and value not in numbers:
            numbers.append(value)
            passages.append(match.group(0).strip())
    return Found(numbers, 0.95 if numbers else 0.5, "\n".join(passages))


SIGNED_AT = re.compile(
    r"ditandatangani\s+di\s+(?P<place>[A-Z][\w .'-]{2,40}?)\s*,?\s+pada\s+(?:hari\s+\w+\s*,?\s*)?"
    r"tanggal\s+(?P<date>[^\n.]{5,80})",
    re.IGNORECASE,
)
PLACE_DATE_LINE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Za-z .'-]{{2,40}}?)\s*,\s*(?P<date>\d{{1,2}}\s+"
    rf"(?:{indonesian.MONTH_PATTERN})\s+(?:19|20)\d{{2}})\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def _signed_date(text: str) -> Found:
    spelled, weekday_ok = indonesian.parse_spelled_date(text[:6000])
    if spelled:
        match = indonesian.SPELLED_DATE.search(text[:6000])
        passage = " ".join(match.group(0).split())[:200] if match else ""
        bracket = indonesian.parse_date(passage)
        agrees = bracket == spelled
        confidence = 0.98 if (weekday_ok or agrees) else 0.75
        return Found(spelled, confidence, passage)
    match = SIGNED_AT.search(text)
    if match:
        value = (
            indonesian.parse_date(match["date"])
            or indonesian.parse_spelled_date(f"hari ini tanggal {match['date']}")[0]
        )
        if value:
            return Found(value, 0.9, " ".join(match.group(0).split()))
    lines = list(PLACE_DATE_LINE.finditer(text))
    if lines:
        line = lines[-1]
        return Found(indonesian.parse_date(line["date"]), 0.85, line.group(0).strip())
    return Found(None, 0.3)


STAYING_AT = re.compile(r"bertempat\s+di\s+(?P<place>[^\n,.;]{3,80})", re.IGNORECASE)


def _place(text: str, doc_type: str) -> Found:
    decreed = re.search(
        r"(?i:ditetapkan)\s+di\s+(?P<place>[A-Z][\w .'-]{2,40}?)\s*(?:\n|pada\b|,)", text
    )
    if decreed and doc_type == "other":
        return Found(_place_name(decreed["place"]), 0.85, decreed.group(0).strip())
    lines = list(PLACE_DATE_LINE.finditer(text))
    match = STAYING_AT.search(text[:6000])
    if match:
        if BUILDING.match(match["place"].strip()) and lines:
            # "bertempat di Ruang Rapat Bappeda ...": the town is on the place-date line.
            return Found(_place_name(lines[-1]["place"]), 0.8, lines[-1].group(0).strip())
        return Found(_place_name(match["place"]), 0.9, " ".join(match.group(0).split()))
    match = SIGNED_AT.search(text)
    if match:
        return Found(_place_name(match["place"]), 0.9, " ".join(match.group(0).split()))
    if lines:
        return Found(_place_name(lines[-1]["place"]), 0.85, lines[-1].group(0).strip())
    return Found(None, 0.5)


BUILDING = re.compile(r"(?:kantor|gedung|ruang|aula|pendopo|hotel|balai)\b", re.IGNORECASE)


def _place_name(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.")
    # "Kantor Gubernur Kalimantan Timur, Samarinda" names the building; keep the town.
    if BUILDING.match(text):
        office = re.match(r"kantor\s+(?:wali\s*kota|bupati|gubernur)\s+(?P<town>.+)", text, re.I)
        text = (
            text.rsplit(",", 1)[-1].strip() if "," in text else office["town"] if office else text
        )
    text = re.sub(r"^(?:kota|kabupaten|kab\.)\s+", "", text, flags=re.I)
    return text.title() if text.isupper() else text


TERM_YEARS = re.compile(
    r"jangka\s+waktu\s+(?:selama\s+)?(?P<n>\d{1,3})\s*(?:\([a-z ]+\)\s*)?(?P<unit>tahun|bulan)",
    re.IGNORECASE,
)
TERM_ANY = re.compile(
    r"(?:berlaku|selama|jangka\s+waktu)[^.\n]{0,60}?\b(?P<n>\d{1,3})\s*(?:\([a-z ]+\)\s*)?"
    r"(?P<unit>tahun|bulan)\b",
    re.IGNORECASE,
)
TERM_RANGE = re.compile(
    rf"(?:sejak|mulai|terhitung\s+(?:mulai\s+)?)\s*(?:tanggal\s+)?(?P<start>\d{{1,2}}\s+"
    rf"(?:{indonesian.MONTH_PATTERN})\s+\d{{4}})[^.]{{0,40}}?(?:sampai\s+dengan|s\.?d\.?|hingga)"
    rf"\s*(?:tanggal\s+)?(?P<end>\d{{1,2}}\s+(?:{indonesian.MONTH_PATTERN})\s+\d{{4}})",
    re.IGNORECASE,
)
TERM_UNTIL = re.compile(
    rf"berlaku[^.]{{0,80}}?sampai\s+dengan\s+(?:tanggal\s+)?(?P<end>\d{{1,2}}\s+"
    rf"(?:{indonesian.MONTH_PATTERN})\s+\d{{4}})",
    re.IGNORECASE,
)


def _term(text: str, signed: datetime.date | None) -> tuple[Found, Found, Found]:
    """The term from the article on it (an addendum's recitals also quote the old term)."""
    article = _section(text, r"JANGKA\s+WAKTU|MASA\s+BERLAKU|(?:MULAI\s+)?BERLAKU")
    # "... ini berlaku sejak ...": a sentence about this very document.
    own = " ".join(re.findall(r"[^.;]*\bini\s+berlaku\b[^;]*?\d{4}", " ".join(text.split())))
    for part in (article, own):
        if part:
            found = _term_in(part, signed)
            if found[2].value is not None:
                return found
    return _term_in(text, signed)


def _term_in(text: str, signed: datetime.date | None) -> tuple[Found, Found, Found]:
    flat = " ".join(text.split())
    match = TERM_RANGE.search(flat)
    if match:
        start = indonesian.parse_date(match["start"])
        end = indonesian.parse_date(match["end"])
        if start and end and end > start:
            months = indonesian.months_between(start, end)
            passage = match.group(0)
            return (
                Found(start, 0.95, passage),
                Found(end, 0.95, passage),
                Found(months, 0.9, passage),
            )
    match = TERM_YEARS.search(flat) or TERM_ANY.search(flat)
    if match:
        months = int(match["n"]) * (12 if match["unit"].lower() == "tahun" else 1)
        passage = flat[max(0, match.start() - 20) : match.end() + 80]
        if signed and months:
            end = indonesian.term_end(signed, months)
            return (
                Found(signed, 0.9, passage),
                Found(end, 0.9, passage),
                Found(months, 0.95, passage),
            )
        return Found(None, 0.4), Found(None, 0.4), Found(months or None, 0.9, passage)
    match = TERM_UNTIL.search(flat)
    if match and signed:
        end = indonesian.parse_date(match["end"])
        if end and end > signed:
            months = indonesian.months_between(signed, end)
            passage = match.group(0)
            return (
                Found(signed, 0.8, passage),
                Found(end, 0.9, passage),
                Found(months, 0.8, passage),
            )
    return Found(None, 0.6), Found(None, 0.6), Found(None, 0.6)


def _no_term() -> tuple[Found, Found, Found]:
    return Found(None, 0.8), Found(None, 0.8), Found(None, 0.8)


def _parties_confidence(parties: list[PartyFound]) -> Found:
    if not parties:
        return Found([], 0.0)
    scores = [party.region_score if party.kind == "region" else 0.85 for party in parties]
    confidence = min(scores) if len(parties) >= 2 else min(scores) * 0.6
    return Found([party.name for party in parties], confidence, parties[0].passage)


def _kind(parties: list[PartyFound], doc_type: str) -> Found:
    if doc_type == "other" or not parties:
        return Found(None, 0.5)
    kinds = {KIND_BY_PARTY[party.kind] for party in parties if party.kind in KIND_BY_PARTY}
    for kind in KIND_PRIORITY:
        if kind in kinds:
            return Found(kind, 0.8, "")
    return Found("KSDD", 0.9 if len(parties) >= 2 else 0.5, "")


ARTICLE = re.compile(r"^\s*pasal\s+\d+\s*$", re.IGNORECASE | re.MULTILINE)


def _section(text: str, heading_pattern: str) -> str:
    """The body of the first article whose heading matches (e.g. "Pasal 3 / RUANG LINGKUP")."""
    for match in ARTICLE.finditer(text):
        after = text[match.end() : match.end() + 120].lstrip("\n ")
        first_line = after.split("\n", 1)[0]
        if re.match(rf"(?:{heading_pattern})\b", first_line, re.IGNORECASE):
            body_start = match.end() + text[match.end() :].find(first_line) + len(first_line)
            following = ARTICLE.search(text, body_start)
            body = text[body_start : following.start() if following else body_start + 3000]
            return body.strip()[:4000]
    return ""


OBLIGATION_HEAD = re.compile(
    rf"(?:kewajiban\s+PIHAK\s+(?P<a>{ORDINALS})|PIHAK\s+(?P<b>{ORDINALS})"
    rf"\s+(?:berkewajiban|mempunyai\s+kewajiban|wajib))",
    re.IGNORECASE,
)


def _obligations(text: str, party_count: int) -> dict[str, list[str]]:
    """Per party ("PIHAK PERTAMA"), the lettered items of its obligations."""
    found: dict[str, list[str]] = {}
    for match in OBLIGATION_HEAD.finditer(text):
        ordinal = (match["a"] or match["b"]).upper()
        ordinal = "PERTAMA" if ordinal == "KESATU" else ordinal
        key = f"PIHAK {ordinal}"
        if key in found:
            continue
        block = text[match.end() : match.end() + 2500]
        stop = re.search(
            r"\n\s*(?:\(\d\)\s*)?(?:\d\.\s*)?(?:hak|kewajiban)?\s*PIHAK\s|\n\s*pasal\s+\d",
            block,
            re.I,
        )
        block = block[: stop.start()] if stop else block
        items = [
            " ".join(item.split()).strip(" ;,.")
            for item in re.split(r"\n\s*(?:[a-z]|\d{1,2})[.)]\s+", "\n" + block)
            if len(item.strip(" :;\n")) > 5
        ]
        if items:
            found[key] = items[:20]
    return found
