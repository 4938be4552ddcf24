"""Checking the rows of a register import: a verdict per row, with every reason in words.

Everything a row is checked against (regions, affairs, organisations, recorded numbers) is
loaded once into a `Lookup`, so checking costs no query per row. The checks mirror what the
agreement services refuse, so a row judged `baru` is one they accept.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError

from sinergi.accounts.scope import manageable_regions
from sinergi.affairs.models import Affair
from sinergi.agencies.names import compact
from sinergi.agreements import import_parsing as parse
from sinergi.agreements import rules
from sinergi.agreements.duplicates import Shape, duplicate_reasons
from sinergi.agreements.models import Agreement, Organization, Party, Status
from sinergi.agreements.services import (
    PARENT_TYPES,  # the service's own table, so the dry run and the write never disagree
    AgreementInput,
)
from sinergi.core.errors import DomainError
from sinergi.regions.models import Region

NEW, SAME, ERROR = "baru", "sama", "galat"
VERDICTS = (NEW, SAME, ERROR)
DocType = Agreement.DocType
# Columns stored in a length-limited field; checked here so the write never fails on them.
_LIMITED = {"nomor": "number", "judul": "title", "perihal": "subject", "tempat_ttd": "signed_place"}
_DATE_COLUMNS = ("tanggal_ttd", "tanggal_mulai", "tanggal_berakhir")
_MAX_MONTHS = 1200  # a century: anything longer is a typo, and would overflow the date


# --- lookups --------------------------------------------------------------------------------


class Recorded(NamedTuple):
    """A recorded agreement a row may name as its parent (values, not a model instance:
    a region may have recorded tens of thousands)."""

    pk: int
    doc_type: str


@dataclass
class Lookup:
    """Everything a row is checked against, loaded once per dry run or run."""

    owners: dict[str, Region]  # regions the user may manage, by Kemendagri code
    regions: dict[str, Region]  # every region: a party may be anywhere in Indonesia
    affairs: dict[str, Affair]
    organizations: dict[str, Organization]  # by name_key; new ones are added unsaved
    numbers: dict[tuple[int, str], Recorded]  # (owner id, number) of recorded agreements
    unnumbered: set[tuple[Any, ...]]  # duplicate keys of recorded agreements without a number
    # Recorded agreements by their parties' region codes, for the "looks like" note.
    shapes: dict[frozenset[str], list[Shape]] = field(default_factory=dict)


def load_lookup(user: Any, rows: list[dict[str, Any]]) -> Lookup:
    regions = {r.code: r for r in Region.objects.defer("boundary", "attribute_sources")}
    manageable = set(manageable_regions(user).values_list("code", flat=True))
    owners = {code: region for code, region in regions.items() if code in manageable}
    lookup = Lookup(
        owners=owners,
        regions=regions,
        affairs={a.code: a for a in Affair.objects.all()},
        organizations=_organizations(rows),
        numbers={},
        unnumbered=set(),
    )
    _load_recorded(lookup, _owners_in(rows, owners))
    return lookup


def _owners_in(rows: list[dict[str, Any]], owners: dict[str, Region]) -> list[Region]:
    codes = {parse.region_code(row["values"]["kode_wilayah_pencatat"]) for row in rows}
    return [owners[code] for code in codes if code in owners]


def _organizations(rows: list[dict[str, Any]]) -> dict[str, Organization]:
    """Only the organisations the file names: the table may grow long."""
    keys = {
        compact(parse.split_organization(item)[0])
        for row in rows
        for item in parse.split_list(row["values"]["pihak"])
        if parse.region_code(item) is None
    }
    return {o.name_key: o for o in Organization.objects.filter(name_key__in=keys)}


def _load_recorded(lookup: Lookup, owners: list[Region]) -> None:
    recorded = Agreement.objects.filter(owner_region__in=owners).values_list(
        "pk",
        "owner_region_id",
        "number",
        "doc_type",
        "title",
        "signed_on",
        "start_date",
        "end_date",
    )
    parties: dict[int, set[str]] = {}
    for agreement_id, code in Party.objects.filter(
        agreement__owner_region__in=owners, region__isnull=False
    ).values_list("agreement_id", "region__code"):
        parties.setdefault(agreement_id, set()).add(code)
    for pk, owner_id, number, doc_type, title, signed_on, start_date, end_date in recorded:
        if number:
            lookup.numbers[(owner_id, number)] = Recorded(pk, doc_type)
        else:
            lookup.unnumbered.add(_title_key(owner_id, doc_type, title, signed_on or start_date))
        codes = frozenset(parties.get(pk, ()))
        shape = Shape(pk, title, codes, number, start_date or signed_on, end_date)
        lookup.shapes.setdefault(codes, []).append(shape)


def _title_key(
    owner_id: int, doc_type: str, title: str, day: datetime.date | None
) -> tuple[Any, ...]:
    # Without a number, the same type, title (spelling aside) and date mean the same document.
    return ("judul", owner_id, doc_type, compact(title), day)


# --- reading one row ------------------------------------------------------------------------


@dataclass
class Draft:
    """A checked row, ready to write once its organisations and parent exist."""

    data: AgreementInput
    others: list[Region | Organization]  # an Organization without pk is created on write
    status: str
    key: tuple[Any, ...]
    parent_key: tuple[int, str] | None = None
    parent_pk: int | None = None  # when already recorded
    parent: Agreement | None = None  # that one, loaded by `classify`


@dataclass
class _Seen:
    """Rows met earlier in the file: the new ones by key, and numbers of new and bad rows."""

    new: dict[tuple[Any, ...], int] = field(default_factory=dict)
    doc_types: dict[tuple[int, str], str] = field(default_factory=dict)
    bad: dict[tuple[int, str], int] = field(default_factory=dict)


@dataclass
class _Term:
    signed_on: datetime.date | None
    start: datetime.date | None
    end: datetime.date | None
    months: int | None


def _doc_type(text: str, errors: list[str]) -> str | None:
    if not text:
        errors.append("Jenis dokumen kosong.")
        return None
    doc_type = parse.parse_doc_type(text)
    if doc_type is None:
        errors.append(
            f"Jenis dokumen “{text}” tidak dikenal; gunakan KB, Nota Kesepakatan, MoU, PKS "
            "atau Adendum."
        )
    return doc_type


def _owner(text: str, lookup: Lookup, errors: list[str]) -> Region | None:
    code = parse.region_code(text) or text
    if code in lookup.owners:
        return lookup.owners[code]
    if not text:
        errors.append("Kode wilayah pencatat kosong.")
    elif code in lookup.regions:
        errors.append(
            f"Wilayah pencatat “{text}” ({lookup.regions[code].name}) di luar wilayah "
            "kewenangan Anda."
        )
    else:
        errors.append(f"Kode wilayah pencatat “{text}” tidak dikenal.")
    return None


def _others(
    text: str, owner: Region | None, lookup: Lookup, errors: list[str]
) -> list[Region | Organization]:
    items = parse.split_list(text)
    if not items:
        errors.append("Pihak lain kosong: isi sedikitnya satu kode wilayah atau organisasi.")
        return []
    found = [_party(item, lookup, errors) for item in items]
    parties = [p for p in found if p is not None]
    regions = [p for p in [owner, *parties] if isinstance(p, Region)]
    for region in {r for r in regions if regions.count(r) > 1}:
        errors.append(f"Wilayah “{region.name}” tercantum lebih dari sekali sebagai pihak.")
    names = [compact(p.name) for p in parties if isinstance(p, Organization)]
    for name in dict.fromkeys(n for n in names if names.count(n) > 1):
        shown = next(p.name for p in parties if compact(p.name) == name)
        errors.append(f"Organisasi “{shown}” tercantum lebih dari sekali sebagai pihak.")
    return parties if len(parties) == len(found) else []


def _party(item: str, lookup: Lookup, errors: list[str]) -> Region | Organization | None:
    code = parse.region_code(item)
    if code is not None:
        if code not in lookup.regions:
            errors.append(f"Kode wilayah pihak “{item}” tidak dikenal.")
        return lookup.regions.get(code)
    name, kind = parse.split_organization(item)
    known = lookup.organizations.get(compact(name))
    if known is not None:
        return known
    if not kind:
        errors.append(
            f"Organisasi “{name}” belum terdaftar; tulis jenisnya dalam kurung siku, "
            f"mis. “{name} [perguruan_tinggi]”."
        )
    elif kind not in Organization.Kind.values:
        errors.append(
            f"Jenis organisasi “{kind}” tidak dikenal; pilih salah satu: "
            f"{', '.join(Organization.Kind.values)}."
        )
    elif len(name) > _max_length(Organization, "name"):
        errors.append(f"Nama organisasi “{name[:40]}…” terlalu panjang.")
    else:
        # Registered now, so later rows naming it without [jenis] find it too.
        lookup.organizations[compact(name)] = Organization(name=name, kind=kind)
        return lookup.organizations[compact(name)]
    return None


def _affairs(text: str, lookup: Lookup, errors: list[str]) -> list[Affair]:
    codes = list(dict.fromkeys(parse.affair_code(c) for c in parse.split_list(text)))
    if not codes:
        errors.append("Kode urusan kosong.")
        return []
    unknown = [c for c in codes if c not in lookup.affairs]
    if unknown:
        errors.append(f"Kode urusan tidak dikenal: {', '.join(unknown)}.")
        return []
    return [lookup.affairs[c] for c in codes]


def _category(text: str, errors: list[str]) -> str:
    category = text.lower()
    if category and category not in Agreement.Category.values:
        errors.append(f"Kategori KSDD “{text}” tidak dikenal; isi wajib atau sukarela.")
        return ""
    return category


def _term(values: dict[str, str], errors: list[str]) -> _Term | None:
    """The dates as typed, then the whole term derived as the service will (None if bad)."""
    days: dict[str, datetime.date | None] = {}
    for column in _DATE_COLUMNS:
        text = values[column]
        days[column] = parse.parse_date(text) if text else None
        if text and days[column] is None:
            errors.append(
                f"Kolom {column}: tanggal “{text}” tidak terbaca "
                "(contoh yang benar: 20-05-2024, 2024-05-20 atau 20 Mei 2024)."
            )
    months, bad_months = _months(values["jangka_waktu_bulan"], errors)
    if bad_months or any(values[c] and days[c] is None for c in _DATE_COLUMNS):
        return None
    typed = _Term(days["tanggal_ttd"], days["tanggal_mulai"], days["tanggal_berakhir"], months)
    return _derive_term(typed, errors)


def _months(text: str, errors: list[str]) -> tuple[int | None, bool]:
    """The term in months, and whether the cell was unreadable."""
    if not text:
        return None, False
    months = parse.parse_whole_number(text)
    if months is None:
        errors.append(f"Kolom jangka_waktu_bulan: “{text}” bukan bilangan bulat.")
    elif months > _MAX_MONTHS:
        errors.append(f"Kolom jangka_waktu_bulan: {months} bulan melebihi 100 tahun.")
    return months, months is None or months > _MAX_MONTHS


def _max_length(model: Any, field_name: str) -> int:
    return int(getattr(model._meta.get_field(field_name), "max_length", 0) or 0)


def _check_lengths(values: dict[str, str], errors: list[str]) -> None:
    if not values["judul"]:
        errors.append("Judul kosong.")
    for column, field_name in _LIMITED.items():
        limit = _max_length(Agreement, field_name)
        if len(values[column]) > limit:
            errors.append(f"Kolom {column} lebih dari {limit} karakter.")


def _derive_term(term: _Term, errors: list[str]) -> _Term | None:
    """A signed agreement's term: start (signing day if no start) and end, derived by the rules."""
    start = term.start or term.signed_on
    if start is None:
        errors.append("Isi tanggal_mulai atau tanggal_ttd.")
    if term.end is None and term.months is None:
        errors.append("Isi tanggal_berakhir atau jangka_waktu_bulan.")
    if start is None or (term.end is None and term.months is None):
        return None
    try:
        start, end, months = rules.derive_dates(start, term.end, term.months)
    except DomainError as exc:
        errors.append(reason(exc))
        return None
    return _Term(signed_on=term.signed_on, start=start, end=end, months=months)


def _check_kind(
    owner: Region, others: list[Region | Organization], category: str, errors: list[str]
) -> None:
    """A `wajib` category must fit the parties (Permendagri 22/2020), as the service checks."""
    specs = [rules.PartySpec(region=owner)] + [
        rules.PartySpec(region=p) if isinstance(p, Region) else rules.PartySpec(None, p.kind)
        for p in others
    ]
    if category and rules.derive_kind(specs).value == Agreement.Kind.KSDD:
        regions = [owner, *(p for p in others if isinstance(p, Region))]
        try:
            rules.check_ksdd_category(category, regions)
        except DomainError as exc:
            errors.append(reason(exc))


@dataclass
class _ParentRef:
    key: tuple[int, str]  # (owner id, number)
    recorded: Recorded | None  # None: a row earlier in the file, created by the same run


def _parent(
    text: str, doc_type: str, owner: Region, lookup: Lookup, seen: _Seen, errors: list[str]
) -> _ParentRef | None:
    """The parent document named in nomor_induk: recorded, or a new row earlier in the file."""
    if not text:
        if doc_type == DocType.ADDENDUM:
            errors.append("Adendum harus menyebut perjanjian yang diubahnya di kolom nomor_induk.")
        return None
    allowed = PARENT_TYPES.get(DocType(doc_type))
    if allowed is None:
        errors.append("KB, Nota Kesepakatan dan MoU tidak memiliki dokumen induk.")
        return None
    key = (owner.pk, text)
    recorded = lookup.numbers.get(key)
    parent_type = recorded.doc_type if recorded else seen.doc_types.get(key)
    if parent_type is None:
        errors.append(_missing_parent(text, owner, seen.bad.get(key)))
    elif parent_type not in allowed:
        errors.append(
            f"{DocType(doc_type).label} tidak dapat berinduk pada {DocType(parent_type).label}."
        )
    return _ParentRef(key, recorded)


def _missing_parent(text: str, owner: Region, bad_row: int | None) -> str:
    if bad_row is not None:
        return f"Dokumen induk nomor “{text}” ada di baris {bad_row} yang bermasalah."
    return (
        f"Dokumen induk nomor “{text}” tidak ditemukan di {owner.name} maupun di baris sebelumnya."
    )


def _draft(
    values: dict[str, str], lookup: Lookup, seen: _Seen, today: datetime.date
) -> tuple[Draft | None, list[str]]:
    """The row as service input, or None with every reason it cannot be imported."""
    errors: list[str] = []
    doc_type = _doc_type(values["jenis_dokumen"], errors)
    owner = _owner(values["kode_wilayah_pencatat"], lookup, errors)
    others = _others(values["pihak"], owner, lookup, errors)
    affairs = _affairs(values["kode_urusan"], lookup, errors)
    category = _category(values["kategori_ksdd"], errors)
    term = _term(values, errors)
    _check_lengths(values, errors)
    parent: _ParentRef | None = None
    if doc_type and owner:
        parent = _parent(values["nomor_induk"], doc_type, owner, lookup, seen, errors)
    if owner and others:
        _check_kind(owner, others, category, errors)
    if errors or doc_type is None or owner is None or term is None:
        return None, errors
    data = AgreementInput(
        owner_region=owner,
        doc_type=doc_type,
        title=values["judul"],
        primary_affair=affairs[0],
        other_affairs=affairs[1:],
        number=values["nomor"],
        subject=values["perihal"],
        scope=values["ruang_lingkup"],
        ksdd_category=category,
        signed_on=term.signed_on,
        signed_place=values["tempat_ttd"],
        start_date=term.start,
        end_date=term.end,
        duration_months=term.months,
    )
    draft = Draft(data=data, others=others, status=_status(term.end, today), key=_key(data))
    if parent is not None:
        draft.parent_key = parent.key
        draft.parent_pk = parent.recorded.pk if parent.recorded else None
    return draft, []


def _status(end: datetime.date | None, today: datetime.date) -> str:
    # As `Agreement.current_status` and the daily expiry job: the end date is the last day.
    return Status.ENDED if end is not None and end <= today else Status.ACTIVE


def _key(data: AgreementInput) -> tuple[Any, ...]:
    if data.number:
        return ("nomor", data.owner_region.pk, data.number)
    day = data.signed_on or data.start_date
    return _title_key(data.owner_region.pk, data.doc_type, data.title, day)


# --- verdicts -------------------------------------------------------------------------------


def classify(
    rows: list[dict[str, Any]], lookup: Lookup, today: datetime.date
) -> list[tuple[dict[str, Any], Draft | None]]:
    seen = _Seen()
    classified = [_classify_row(row, lookup, seen, today) for row in rows]
    _load_parents([draft for _, draft in classified if draft is not None])
    return classified


def _load_parents(drafts: list[Draft]) -> None:
    """The recorded parents the new rows name, in one query."""
    pks = {d.parent_pk for d in drafts if d.parent_pk is not None}
    parents = Agreement.objects.defer("search_document", "search_stems").in_bulk(pks)
    for draft in drafts:
        if draft.parent_pk is not None:
            draft.parent = parents.get(draft.parent_pk)  # None: deleted meanwhile


def _classify_row(
    row: dict[str, Any], lookup: Lookup, seen: _Seen, today: datetime.date
) -> tuple[dict[str, Any], Draft | None]:
    result: dict[str, Any] = {"number": row["number"], "values": row["values"]}
    draft, errors = _draft(row["values"], lookup, seen, today)
    if draft is None:
        _remember_bad(row, lookup, seen)
        return {**result, "verdict": ERROR, "messages": errors}, None
    duplicate = _duplicate(draft, lookup, seen)
    if duplicate:
        return {**result, "verdict": SAME, "messages": [duplicate]}, None
    seen.new[draft.key] = row["number"]
    if draft.data.number:
        seen.doc_types[(draft.data.owner_region.pk, draft.data.number)] = draft.data.doc_type
    notes = _notes(draft) + _looks_like(draft, lookup)
    return {**result, "verdict": NEW, "status": draft.status, "messages": notes}, draft


def _remember_bad(row: dict[str, Any], lookup: Lookup, seen: _Seen) -> None:
    # So that a PKS naming a bad KB is told why its parent is missing.
    owner = lookup.owners.get(parse.region_code(row["values"]["kode_wilayah_pencatat"]) or "")
    number = row["values"]["nomor"]
    if owner is not None and number:
        seen.bad.setdefault((owner.pk, number), row["number"])


def _duplicate(draft: Draft, lookup: Lookup, seen: _Seen) -> str:
    data = draft.data
    if (data.owner_region.pk, data.number) in lookup.numbers:
        return f"Nomor “{data.number}” sudah tercatat di {data.owner_region.name}; baris dilewati."
    if draft.key in lookup.unnumbered:
        return (
            "Kerja sama tanpa nomor dengan jenis, judul dan tanggal yang sama sudah tercatat; "
            "baris dilewati."
        )
    if draft.key in seen.new:
        return f"Sama dengan baris {seen.new[draft.key]} dalam berkas ini; baris dilewati."
    return ""


def _looks_like(draft: Draft, lookup: Lookup) -> list[str]:
    """A note (the row is still imported) when a recorded agreement with the same parties
    has a close title and an overlapping term: a number typed differently, perhaps."""
    codes = frozenset(
        [draft.data.owner_region.code] + [p.code for p in draft.others if isinstance(p, Region)]
    )
    shape = Shape(
        None,
        draft.data.title,
        codes,
        draft.data.number,
        draft.data.start_date or draft.data.signed_on,
        draft.data.end_date,
    )
    for recorded in lookup.shapes.get(codes, []):
        reasons = duplicate_reasons(shape, recorded)
        if reasons:
            return [
                f"Mirip kerja sama yang sudah tercatat (id {recorded.pk}: “{recorded.title}”): "
                f"{'; '.join(reasons)}. Periksa agar tidak tercatat dua kali."
            ]
    return []


def _notes(draft: Draft) -> list[str]:
    return [
        f"Organisasi baru akan dibuat: {p.name} ({p.get_kind_display()})."
        for p in draft.others
        if isinstance(p, Organization) and p.pk is None
    ]


def counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {v: sum(1 for row in rows if row["verdict"] == v) for v in VERDICTS}


def reason(exc: Exception) -> str:
    """The Indonesian message(s) of a domain or permission error, as one line."""
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
