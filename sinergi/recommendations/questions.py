"""Ask the registry: a question in Indonesian, answered from the agreements themselves.

"kerja sama bidang kesehatan Kaltim yang berakhir tahun ini?" is read into filters (region,
sector, year, status, document type, kind); the words left over rank the matches by meaning
(hybrid search). The answer is a sentence built from the count and the filters, with the
matching agreements listed as its evidence. Nothing is generated that the registry does not
hold; an optional language model may only rephrase it (sinergi.recommendations.llm).
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import Q
from django.utils import timezone

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement, Party, Status
from sinergi.agreements.selectors import visible_agreements
from sinergi.recommendations.llm import phrase_answer
from sinergi.regions.models import Region

# Abbreviations officers write for provinces and regions (Kemendagri codes).
ABBREVIATIONS = {
    "kaltim": "64",
    "kalbar": "61",
    "kalteng": "62",
    "kalsel": "63",
    "kaltara": "65",
    "kukar": "64.02",
    "kutim": "64.08",
    "kubar": "64.07",
    "ppu": "64.09",
    "mahulu": "64.11",
    "dki": "31",
    "jabar": "32",
    "jateng": "33",
    "diy": "34",
    "jatim": "35",
    "sumut": "12",
    "sumbar": "13",
    "sumsel": "16",
    "sulsel": "73",
    "sulut": "71",
    "sulteng": "72",
    "sultra": "74",
    "ntb": "52",
    "ntt": "53",
}
# Bare region names that are also ordinary words: only their full name counts.
COMMON_WORDS = frozenset({"tengah", "utara", "selatan", "barat", "timur", "pusat", "kepulauan"})
DOC_TYPES = {
    r"\bpks\b|perjanjian kerja\s?sama": "pks",
    r"\bkb\b|kesepakatan bersama": "kb",
    r"\bmou\b|nota kesepahaman": "mou",
    r"nota kesepakatan": "nota",
    r"\badd?endum\b": "adendum",
}
KINDS = {
    r"\bksdd\b|antar\s?daerah": "ksdd",
    r"\bksdpk\b|pihak ketiga|swasta|perusahaan|universitas|perguruan tinggi": "ksdpk",
    r"\bksdpl\b|pemerintah daerah luar negeri": "ksdpl",
    r"\bksdll\b|lembaga luar negeri": "ksdll",
}
STATUS_WORDS = {
    "ending": r"berakhir|habis|kedaluwarsa|jatuh tempo|selesai",
    "active": r"berlaku|aktif|masih berjalan|sedang berjalan",
    "proposed": r"usulan|diusulkan|dalam proses|belum ditandatangani",
    "signed": r"ditandatangani|diteken",
}


@dataclass
class Reading:
    """What the question was read as; `labels` are shown so the user can check it."""

    regions: list[Region] = field(default_factory=list)
    affair: Affair | None = None
    year: int | None = None
    status: str = ""
    doc_type: str = ""
    kind: str = ""
    rest: str = ""  # the words no filter took, to rank by meaning

    @property
    def labels(self) -> list[tuple[str, str]]:
        labels = [("Wilayah", region.name) for region in self.regions]
        if self.affair:
            labels.append(("Urusan", self.affair.name))
        if self.year:
            labels.append(("Tahun", str(self.year)))
        status = {
            "ending": "berakhir",
            "active": "berlaku",
            "proposed": "usulan/proses",
            "signed": "ditandatangani",
        }
        if self.status:
            labels.append(("Status", status[self.status]))
        if self.doc_type:
            labels.append(("Jenis dokumen", dict(Agreement.DocType.choices)[self.doc_type]))
        if self.kind:
            labels.append(("Jenis kerja sama", dict(Agreement.Kind.choices)[self.kind]))
        return labels


@dataclass
class Answer:
    question: str
    reading: Reading
    sentence: str
    total: int
    evidence: list[Agreement]
    phrased: str = ""  # an optional language model's wording (always with the evidence)
    related: list[Agreement] = field(default_factory=list)  # close in meaning only


def read_question(question: str, *, today: datetime.date | None = None) -> Reading:
    today = today or timezone.localdate()
    text = " " + " ".join(question.lower().replace("?", " ").split()) + " "
    reading = Reading()
    text = _take_year(text, reading, today)
    statuses = {rf"\b(?:{pattern})\b": name for name, pattern in STATUS_WORDS.items()}
    reading.status, text = _take_first(text, statuses)
    reading.doc_type, text = _take_first(text, DOC_TYPES)
    reading.kind, text = _take_first(text, KINDS)
    text = _take_regions(text, reading)
    text = _take_affair(text, reading)
    reading.rest = " ".join(text.split())
    return reading


def _take_first(text: str, patterns: dict[str, str]) -> tuple[str, str]:
    """The value of the first pattern found, and the text without what it matched."""
    for pattern, value in patterns.items():
        match = re.search(pattern, text)
        if match:
            return value, text.replace(match.group(0), " ")
    return "", text


def _take_year(text: str, reading: Reading, today: datetime.date) -> str:
    relative = {"tahun ini": 0, "tahun depan": 1, "tahun lalu": -1}
    for phrase, offset in relative.items():
        if phrase in text:
            reading.year = today.year + offset
            return text.replace(phrase, " ")
    match = re.search(r"\b(?:tahun\s+)?((?:19|20)\d{2})\b", text)
    if match:
        reading.year = int(match.group(1))
        text = text.replace(match.group(0), " ")
    return text


def _take_regions(text: str, reading: Reading) -> str:
    for word, code in ABBREVIATIONS.items():
        if re.search(rf"\b{word}\b", text):
            region = Region.objects.filter(code=code).defer("boundary").first()
            if region:
                reading.regions.append(region)
                text = re.sub(rf"\b{word}\b", " ", text)
    found: list[int] = []
    for pattern, region_id in _region_patterns(Region.objects.count()):
        if pattern.search(text):
            found.append(region_id)
            text = pattern.sub(" ", text)
    regions = Region.objects.defer("boundary").in_bulk(found)
    reading.regions += [regions[pk] for pk in found if pk in regions]
    return text


@lru_cache(maxsize=2)
def _region_patterns(_count: int) -> list[tuple[re.Pattern[str], int]]:
    """One pattern per region, longest name first ("kutai kartanegara" before "kutai"):
    the full name, "kab./pemkab/pemkot x", or a bare name that no other region shares."""
    names = sorted(
        Region.objects.filter(level__in=["provinsi", "kabupaten_kota"]).values_list(
            "pk", "name", "level"
        ),
        key=lambda row: -len(row[1]),
    )
    bare_names = Counter(re.sub(r"^(kabupaten|kota)\s+", "", name.lower()) for _, name, _ in names)
    patterns = []
    for pk, raw, level in names:
        name = raw.lower()
        bare = re.sub(r"^(kabupaten|kota)\s+", "", name)
        options = [re.escape(name)]
        if level == "provinsi":
            options.insert(0, rf"provinsi\s+{re.escape(name)}")
        elif name.startswith("kabupaten"):
            options.insert(0, rf"(?:kab\.?|pemkab)\s+{re.escape(bare)}")
        else:
            options.insert(0, rf"pemkot\s+{re.escape(bare)}")
        if bare != name and bare_names[bare] == 1 and len(bare) > 4 and bare not in COMMON_WORDS:
            options.append(re.escape(bare))  # "Samarinda" for Kota Samarinda
        patterns.append((re.compile(rf"\b(?:{'|'.join(options)})\b"), pk))
    return patterns


def _take_affair(text: str, reading: Reading) -> str:
    """An urusan named in the question. A sector only guessed from other words is not a
    filter (it would hide agreements filed under a neighbouring urusan): those words rank
    the matches by meaning instead."""
    affairs = sorted(Affair.objects.sectors(), key=lambda a: -len(a.name))
    for affair in affairs:
        name = affair.name.lower()
        for candidate in (name, name.split(",")[0], name.split(" dan ")[0]):
            if len(candidate) > 4 and re.search(rf"\b{re.escape(candidate)}\b", text):
                reading.affair = affair
                return re.sub(rf"\b(?:bidang\s+|urusan\s+)?{re.escape(candidate)}\b", " ", text)
    return text


def matching_agreements(*, user: Any, reading: Reading, today: datetime.date) -> Any:
    agreements = visible_agreements(user=user)
    if reading.regions:
        in_scope = Region.objects.filter(
            Q(pk__in=[r.pk for r in reading.regions])
            | Q(parent_id__in=[r.pk for r in reading.regions if r.is_province])
        )
        agreements = agreements.filter(
            Q(owner_region__in=in_scope)
            | Q(pk__in=Party.objects.filter(region__in=in_scope).values("agreement_id"))
        )
    if reading.affair:
        agreements = agreements.filter(
            Q(primary_affair=reading.affair) | Q(other_affairs=reading.affair)
        ).distinct()
    if reading.doc_type:
        agreements = agreements.filter(doc_type=reading.doc_type)
    if reading.kind:
        agreements = agreements.filter(kind=reading.kind)
    return _by_status_and_year(agreements, reading, today)


def _by_status_and_year(agreements: Any, reading: Reading, today: datetime.date) -> Any:
    year = reading.year
    if reading.status == "ending":
        agreements = agreements.exclude(end_date__isnull=True)
        return (
            agreements.filter(end_date__year=year)
            if year
            else agreements.filter(status__in=[Status.ENDED, Status.ACTIVE], end_date__lte=today)
        )
    if reading.status == "active":
        agreements = agreements.active(today)
    elif reading.status == "proposed":
        agreements = agreements.filter(
            status__in=[
                Status.PROPOSED,
                Status.TKKSD_REVIEW,
                Status.DRAFTING,
                Status.DPRD_APPROVAL,
                Status.SIGNING,
            ]
        )
    if year:
        agreements = (
            agreements.filter(signed_on__year=year)
            if reading.status
            in (
                "signed",
                "",
            )
            else agreements
        )
    return agreements


def answer_question(
    *, user: Any, question: str, today: datetime.date | None = None, limit: int = 20
) -> Answer:
    from sinergi.embeddings.search import hybrid_search, query_words

    today = today or timezone.localdate()
    reading = read_question(question, today=today)
    agreements = matching_agreements(user=user, reading=reading, today=today)
    words = query_words(reading.rest)
    if not words:
        ranked = list(
            agreements.with_owner().order_by(
                "end_date" if reading.status == "ending" else "-signed_on", "-pk"
            )[:limit]
        )
        total = agreements.count()
        sentence = _sentence(total, reading)
        return Answer(
            question, reading, sentence, total, ranked, phrased=phrase_answer(sentence, ranked)
        )
    # The words left over must appear (stemmed) in an agreement for it to count as an answer;
    # agreements only close in meaning are offered apart, as "perhaps related".
    hits = hybrid_search(user=user, text=reading.rest, limit=100, scope=agreements)
    confirmed = [hit.agreement for hit in hits if hit.words and hit.agreement]
    related = [hit.agreement for hit in hits if not hit.words and hit.agreement][:5]
    sentence = _sentence(len(confirmed), reading, about=" ".join(words))
    answer = Answer(question, reading, sentence, len(confirmed), confirmed[:limit])
    answer.related = related
    answer.phrased = phrase_answer(sentence, answer.evidence)
    return answer


def _sentence(total: int, reading: Reading, about: str = "") -> str:
    """The answer in one sentence, from the count and what the question was read as."""
    parts = [f"{total} kerja sama" if total else "Tidak ada kerja sama"]
    if reading.doc_type:
        parts.append(f"berupa {dict(Agreement.DocType.choices)[reading.doc_type]}")
    if reading.affair:
        parts.append(f"bidang {reading.affair.name}")
    clauses = []
    if reading.regions:
        clauses.append("melibatkan " + " atau ".join(r.name for r in reading.regions))
    status = {
        "ending": "berakhir",
        "active": "masih berlaku",
        "proposed": "masih dalam proses",
        "signed": "ditandatangani",
    }
    when = f" pada {reading.year}" if reading.year and reading.status != "active" else ""
    if reading.status:
        clauses.append(status[reading.status] + when)
    elif when:
        clauses.append("ditandatangani" + when)
    if about:
        clauses.append(f"memuat “{about}”")
    if clauses:
        parts.append("yang " + " dan ".join(clauses))
    sentence = " ".join(parts)
    if total:
        return sentence + " dalam kewenangan Anda."
    return sentence + " yang tercatat dalam kewenangan Anda."
