"""Who signs: the parties of an agreement text, matched to regions and organisations.

The komparisi (the opening that names each signatory "... selanjutnya disebut PIHAK
PERTAMA") is read first; the heading's "ANTARA ... DAN ..." is the fallback. Region names are
matched to Kemendagri codes exactly after normalising the usual abbreviations (Pemkab, Kab.),
then fuzzily for OCR noise.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

ORDINALS = r"PERTAMA|KESATU|KEDUA|KETIGA|KEEMPAT|KELIMA|KEENAM|KETUJUH"
PARTY_MARKER = re.compile(
    rf"(?:selanjutnya|yang\s+selanjutnya)\s+(?:dalam\s+\w+\s+ini\s+)?disebut\s+(?:sebagai\s+)?"
    rf"[\"“”']?\s*PIHAK\s+(?P<ordinal>{ORDINALS})\b",
    re.IGNORECASE,
)
ACTING_FOR = re.compile(
    r"(?:atas\s+nama|bertindak\s+(?:dalam\s+jabatannya\s+)?mewakili)"
    r"\s+(?P<name>.+?)(?=,|;|\s+yang\s+berkedudukan|\s+berkedudukan|\s+selanjutnya|\s+dan\s+"
    r"berdasarkan|\s+sesuai|\s+berdasarkan|\s+beralamat|$)",
    re.IGNORECASE | re.DOTALL,
)
NUMBERING = r"(?:\d{1,2}|[IVX]{1,4}|[a-e])[.)]"
LABELLED = re.compile(
    rf"^[\s.,;]*(?:{NUMBERING}\s*)?(?P<label>nama|jabatan|instansi|alamat)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE | re.MULTILINE,
)
DEGREE = re.compile(
    r"^(?:[A-Z][A-Za-z]{0,5}\.(?:\s?[A-Za-z]{1,6}\.?){0,3}|Ph\.?\s?D\.?|MPH|MM|MT|MBA|MA|"
    r"M\.?Kes\.?|S\.?Kep\.?|Sp\.?\s?[A-Z][A-Za-z.]*|Ak|CA|CPA|ME|MAP|MSc|IPU|ASEAN\s+Eng)$"
)
POSITION_HINT = re.compile(
    r"\b(?:bupati|wali\s*kota|walikota|gubernur|kepala|sekretaris|direktur|rektor|ketua|menteri|"
    r"plt\.?|pj\.?|penjabat|camat|presiden|dekan|general\s+manager|manager|mayor|president|"
    r"chairman|chief|deputi|asisten|komisaris|pimpinan|pemimpin|country\s+representative|"
    r"datuk\s+bandar|governor|director|head)\b",
    re.IGNORECASE,
)

REGION_PREFIXES = (
    (re.compile(r"\bpemkab\b\.?"), "kabupaten"),
    (re.compile(r"\bpemkot\b\.?"), "kota"),
    (re.compile(r"\bpemprov\b\.?"), "provinsi"),
    (re.compile(r"\bkab\b\.?"), "kabupaten"),
    (re.compile(r"\bprov\b\.?"), "provinsi"),
    (re.compile(r"\bpemerintah(?:an)?\b"), ""),
    (re.compile(r"\bdaerah\b"), ""),
)


@dataclass
class PartyFound:
    name: str
    region_code: str | None = None
    region_score: float = 0.0
    signatory: str | None = None
    position: str | None = None
    passage: str = ""
    kind: str = "region"  # region, private, university, central, foreign_gov, foreign_body


def normalise_name(name: str) -> str:
    text = name.lower().replace("-", " ")
    for pattern, replacement in REGION_PREFIXES:
        text = pattern.sub(replacement, text)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


@dataclass(frozen=True)
class RegionIndex:
    """Normalised region names to codes: "kabupaten kutai kartanegara" → "64.02"."""

    by_name: dict[str, str]

    def match(self, name: str) -> tuple[str | None, float]:
        key = normalise_name(name)
        if not key:
            return None, 0.0
        if key in self.by_name:
            return self.by_name[key], 1.0
        best = process.extractOne(key, self.by_name.keys(), scorer=fuzz.ratio, score_cutoff=88)
        if best is None:
            return None, 0.0
        return self.by_name[best[0]], best[1] / 100


def build_region_index(rows: list[tuple[str, str, str]]) -> RegionIndex:
    """rows: (code, name, level) with level provinsi or kabupaten_kota."""
    by_name = {}
    for code, name, level in rows:
        key = normalise_name(name)
        if level == "provinsi":
            by_name[f"provinsi {key}"] = code
        else:
            by_name[key] = code
    return RegionIndex(by_name)


@lru_cache(maxsize=1)
def _cached_index(version: str) -> RegionIndex:
    from sinergi.regions.models import Region

    rows = list(
        Region.objects.filter(level__in=["provinsi", "kabupaten_kota"]).values_list(
            "code", "name", "level"
        )
    )
    return build_region_index(rows)


def region_index() -> RegionIndex:
    from sinergi.regions.models import Region

    # Region rows change only when reference data is reloaded; their count keys the cache.
    return _cached_index(str(Region.objects.count()))


def organisation_kind(name: str) -> str:
    """What kind of party a non-region name is, from the words institutions use."""
    text = name.lower()
    if re.search(
        r"\b(council|municipal|city of|prefecture|state government|dewan bandaraya|majlis "
        r"perbandaran|kerajaan negeri|provincial government|gemeente)\b",
        text,
    ):
        return "foreign_gov"
    if re.search(
        r"\b(agency|university|universiti|foundation|organization|organisation|international|"
        r"embassy|kedutaan|jica|koica|usaid|undp|unicef|giz|world bank|bank dunia|institute|"
        r"malaysia|sarawak|sabah|singapore|singapura|brunei|japan|jepang|korea|australia|"
        r"belanda|netherlands|jerman|germany|tiongkok|china|thailand|filipina|philippines|"
        r"timor leste|papua new guinea|united states|amerika serikat)\b",
        text,
    ):
        return "foreign_body"
    if re.search(
        r"\b(kementerian|kemenkes|badan [a-z ]{2,40} nasional|"
        r"badan (?:pusat|nasional|pengawas|meteorologi|pencarian|"
        r"pengelola|riset|siber|narkotika|penanggulangan|pemeriksa|kependudukan)|"
        r"lembaga (?:kebijakan|administrasi|ilmu)|kepolisian|kejaksaan|tentara|komando|"
        r"badan pusat statistik|bps|bnn|basarnas|bmkg|otorita|balai besar|direktorat jenderal)\b",
        text,
    ):
        return "central"
    if re.search(r"\b(universitas|institut|politeknik|sekolah tinggi|akademi)\b", text):
        return "university"
    return "private"


def find_parties(text: str, index: RegionIndex) -> list[PartyFound]:
    parties = _from_comparison(text, index)
    if not parties:
        parties = _from_heading(text, index)
    _fill_from_signatures(text, parties)
    return parties


def _from_comparison(text: str, index: RegionIndex) -> list[PartyFound]:
    markers = list(PARTY_MARKER.finditer(text))
    if not markers:
        return []
    start = _comparison_start(text, markers[0].start())
    parties: list[PartyFound] = []
    seen_ordinals: set[str] = set()
    for marker in markers:
        ordinal = marker["ordinal"].upper()
        chunk = text[start : marker.start()]
        start = marker.end()
        if ordinal in seen_ordinals:
            break  # later mentions ("PIHAK PERTAMA berkewajiban") are not the komparisi
        seen_ordinals.add(ordinal)
        party = _party_from_chunk(chunk, index)
        if party:
            parties.append(party)
    return parties


def _comparison_start(text: str, first_marker: int) -> int:
    opening = None
    for pattern in (r"bertanda\s*tangan\s+di\s*bawah\s+ini", r"hari\s+ini", r"\bTENTANG\b"):
        for match in re.finditer(pattern, text[:first_marker], re.IGNORECASE):
            opening = match.end()
        if opening is not None:
            # The date sentence ends with "... bertempat di X" before the first signatory.
            colon = text.find(":", opening, first_marker)
            return (
                colon + 1 if pattern != r"\bTENTANG\b" and 0 <= colon < opening + 400 else opening
            )
    return max(0, first_marker - 600)


REPRESENTED_BY = re.compile(
    r"^(?P<institution>.+?),?\s*(?:dalam\s+hal\s+ini\s+)?(?:diwakili|diwakilkan)\s+oleh\s+"
    r"(?P<person>.+)$",
    re.IGNORECASE | re.DOTALL,
)


def _party_from_chunk(chunk: str, index: RegionIndex) -> PartyFound | None:
    if not LABELLED.search(chunk):
        # A party is one paragraph: what stands before it ("dan", the opening) is not part of
        # it; a labelled block ("Nama : / Jabatan :") may span several.
        paragraphs = [p for p in re.split(r"\n\s*\n", chunk) if len(p.strip(" ;,.\n")) > 20]
        chunk = paragraphs[-1] if paragraphs else chunk
        # Two-column komparisi ("Name, M.T.   : Wali Kota ...") reads as "Name, M.T., Wali Kota".
        chunk = re.sub(r"\s+:\s+(?=[A-Z])", ", ", chunk)
    # A position on its own line after the name ("..., M.Pd." / "Bupati Kutai Timur, ...")
    # is a new segment, as if a comma stood there.
    chunk = re.sub(rf"[ ,]*\n\s*(?={POSITION_HINT.pattern})", ", ", chunk, flags=re.I)
    passage = " ".join(chunk.split())
    labels = {m["label"].lower(): m["value"].strip(" ,;") for m in LABELLED.finditer(chunk)}
    represented = REPRESENTED_BY.match(_strip_numbering(passage))
    if represented and not LABELLED.search(chunk):
        # "Pemerintah Kabupaten Nunukan, Republik Indonesia, dalam hal ini diwakili oleh ..."
        signatory, position = _split_person(represented["person"])
        position = _clean_position(position) if position else None
        name = _clean_institution(represented["institution"].split(",")[0])
        party = PartyFound(name=name, signatory=signatory, position=position, passage=passage[:400])
        _classify(party, index)
        return party
    acting = _acting_for(passage)
    name = _clean_institution(acting["name"]) if acting else ""
    if name and (as_office := _institution_from_position(name)):
        name = as_office  # "atas nama Bupati Banjar": the office stands for its government
    if not name and "instansi" in labels:
        name = _clean_institution(labels["instansi"])
    signatory, position = None, None
    if "nama" in labels:
        signatory = _strip_numbering(labels["nama"])
        position = labels.get("jabatan")
    else:
        before = passage[: acting.start()] if acting else passage
        signatory, position = _split_person(before)
    if position:
        position = _clean_position(position)
    if not name and position:
        name = _institution_from_position(position)
    if not name:
        return None
    party = PartyFound(name=name, signatory=signatory, position=position, passage=passage[:400])
    _classify(party, index)
    return party


def _acting_for(passage: str) -> re.Match[str] | None:
    """The institution acted for; of several ("atas nama Bupati X ... yang mewakili Pemerintah
    Kabupaten X") the government named last wins."""
    matches = list(ACTING_FOR.finditer(passage))
    governments = [m for m in matches if re.match(r"pem(?:erintah|kab|kot|prov)", m["name"], re.I)]
    if governments:
        return governments[-1]
    return matches[0] if matches else None


def _strip_numbering(text: str) -> str:
    text = re.sub(rf"^[\s.,;:]*(?:{NUMBERING}\s+)?(?:dan\s+)?", "", text.strip(), flags=re.I)
    return " ".join(text.split()).strip(" ,;:")


def _split_person(text: str) -> tuple[str | None, str | None]:
    """ "I. Drs. H. Ahmad Fauzi, M.Si., Bupati Paser, dalam hal ini" → name, position."""
    # "Name, M.Si. - Wali Kota Palembang": a dash between name and office reads as a comma.
    text = re.sub(r"\s+[-–]\s+", ", ", _strip_numbering(text))
    text = re.split(
        r",?\s*(?:dalam\s+hal\s+ini|yang\s+dalam|yang\s+selanjutnya|bertindak\b)", text, flags=re.I
    )[0]
    acting_as = re.search(r",?\s*selaku\s+(?P<position>[^,]+)", text, re.I)
    if acting_as:
        # "Dr. H. Syamsul Bahri, M.M., selaku Gubernur Kalimantan Timur"
        name = _strip_numbering(text[: acting_as.start()]).strip(" ,")
        return (name or None), acting_as["position"].strip()
    segments = [segment.strip() for segment in text.split(",") if segment.strip()]
    if not segments:
        return None, None
    name_parts = [segments[0]]
    rest = segments[1:]
    while rest and DEGREE.match(rest[0]) and not POSITION_HINT.search(rest[0]):
        name_parts.append(rest.pop(0))
    position = ", ".join(rest) if rest else None
    name = ", ".join(name_parts)
    if POSITION_HINT.match(name) and position is None:
        return None, name
    return (name if len(name) <= 150 else None), position


def _clean_position(text: str) -> str:
    text = re.split(
        r",\s*yang\b|,?\s*(?:dalam\s+hal\s+ini|selaku|berkedudukan|beralamat|bertindak\b)",
        text,
        flags=re.I,
    )[0]
    return " ".join(text.split()).strip(" ,;:")


def _clean_institution(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:.")
    text = re.sub(r"\s*\([^)]{2,30}\)$", "", text)  # "(Bankaltimtara)": an abbreviation
    text = re.sub(r"^(?:direksi|pimpinan)\s+", "", text, flags=re.I)  # organs of the body
    text = re.sub(r"^(?:dan\s+atas\s+nama\s+)", "", text, flags=re.I)
    return text[:200]


def _institution_from_position(position: str) -> str:
    match = re.match(r"(?:bupati|wali\s*kota|walikota|gubernur)\s+(?P<place>.+)", position, re.I)
    if not match:
        return ""
    word = position.split()[0].lower()
    level = {"bupati": "Kabupaten", "gubernur": "Provinsi"}.get(word, "Kota")
    return f"Pemerintah {level} {match['place']}"


def _classify(party: PartyFound, index: RegionIndex) -> None:
    normalised = normalise_name(party.name)
    looks_regional = bool(
        re.match(r"(?:kabupaten|kota|provinsi)\b", normalised)
        or re.match(r"pem(?:erintah|kab|kot|prov)", party.name.lower())
    )
    if looks_regional:
        code, score = index.match(party.name)
        if code:
            party.region_code, party.region_score, party.kind = code, score, "region"
            return
    party.kind = organisation_kind(party.name)


HEADING_BETWEEN = re.compile(r"\bANTARA\b(?P<body>.{5,600}?)\bTENTANG\b", re.IGNORECASE | re.DOTALL)


def _from_heading(text: str, index: RegionIndex) -> list[PartyFound]:
    match = HEADING_BETWEEN.search(text[:3000])
    if not match:
        return []
    body = re.sub(r"\bNOMOR\s*:?[^\n]*", " ", match["body"], flags=re.I)
    names = re.split(r"\n\s*(?:DAN|DENGAN)\s*\n|\s+DAN\s+|\s+DENGAN\s+|,", body)
    parties = []
    for name in names:
        cleaned = _clean_institution(name)
        if len(cleaned) < 4:
            continue
        party = PartyFound(name=cleaned.title() if cleaned.isupper() else cleaned, passage=cleaned)
        _classify(party, index)
        parties.append(party)
    return parties


def _only_degrees(text: str) -> bool:
    pieces = [piece.strip() for piece in text.split(",") if piece.strip(" .")]
    return bool(pieces) and all(DEGREE.match(piece) for piece in pieces)


def _fill_from_signatures(text: str, parties: list[PartyFound]) -> None:
    """Signatories completed from the closing signature block.

    A missing name is read under its position; a name the komparisi cut short (a two-column
    layout splits the degrees off) is replaced by the block's longer line that starts with it.
    """
    tail = text[-2500:]
    lines = [" ".join(line.split()) for line in tail.split("\n") if line.strip()]
    for party in parties:
        if party.signatory:
            prefix = party.signatory.rstrip(" ,.")
            fuller = [
                line
                for line in lines
                if line.lower().startswith(prefix.lower())
                and len(line) > len(prefix)
                and _only_degrees(line[len(prefix) :])
            ]
            if fuller:
                party.signatory = fuller[0]
            continue
        if not party.position:
            continue
        position = re.escape(party.position.upper())
        match = re.search(
            rf"{position}\s*,?\s*\n(?:\s*\n)*(?:ttd\.?\s*\n)?(?:\s*\n)*\s*(?P<name>[^\n]+)",
            tail,
            re.I,
        )
        if match and not POSITION_HINT.match(match["name"]):
            party.signatory = " ".join(match["name"].split())
