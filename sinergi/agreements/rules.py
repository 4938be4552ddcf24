"""What the regulation lets us derive from the parties and dates, each with the reason in words.

Sources: PP 28/2018 Pasal 1 (kinds), Permendagri 22/2020 (the four KSDD wajib sub-types),
PP 28/2018 via domain brief §1.5 (DPRD approval).
"""

import calendar
import datetime
from dataclasses import dataclass

from sinergi.agreements.models import Agreement, Organization
from sinergi.core.errors import DomainError
from sinergi.regions.models import Region

Kind = Agreement.Kind
OrgKind = Organization.Kind


@dataclass(frozen=True)
class PartySpec:
    """A party as the rules see it: a region or an organisation kind."""

    region: Region | None = None
    organization_kind: str = ""


@dataclass(frozen=True)
class Derived:
    value: str
    reason: str


def derive_kind(parties: list[PartySpec]) -> Derived:
    """KSDLL > KSDPL > SINERGI > KSDPK > KSDD, from the most distant partner present."""
    if len(parties) < 2:
        raise DomainError("Kerja sama memerlukan sedikitnya dua pihak.")
    kinds = {p.organization_kind for p in parties if p.region is None}
    if OrgKind.FOREIGN_BODY in kinds:
        return Derived(Kind.KSDLL, "Salah satu pihak adalah lembaga luar negeri.")
    if OrgKind.FOREIGN_GOVERNMENT in kinds:
        return Derived(Kind.KSDPL, "Salah satu pihak adalah pemerintah daerah luar negeri.")
    if OrgKind.CENTRAL in kinds:
        return Derived(
            Kind.SINERGI,
            "Salah satu pihak adalah kementerian/lembaga pusat "
            "(PP 28/2018 Pasal 46: Nota Kesepakatan).",
        )
    if kinds:
        return Derived(
            Kind.KSDPK, "Salah satu pihak adalah pihak ketiga (bukan pemerintah daerah)."
        )
    return Derived(Kind.KSDD, "Semua pihak adalah pemerintah daerah di Indonesia.")


def derive_ksdd_subtype(regions: list[Region]) -> Derived | None:
    """The Permendagri 22/2020 sub-type of a two-region KSDD wajib, or None with no sub-type.

    Wajib cooperation is between bordering regions; a regency/city with its own province
    (sub-type d) is the exception, as the province contains it.
    """
    if len(regions) != 2:
        return None
    a, b = regions
    if a.is_province and b.is_province:
        if a.borders_with(b):
            return Derived("c", "Dua provinsi yang berbatasan.")
        return None
    if a.is_province or b.is_province:
        province, regency = (a, b) if a.is_province else (b, a)
        if regency.parent_id == province.pk:
            return Derived("d", f"{regency.name} berada di wilayah {province.name}.")
        return None
    if not a.borders_with(b):
        return None
    if a.parent_id == b.parent_id:
        return Derived("a", "Dua kabupaten/kota berbatasan dalam satu provinsi.")
    return Derived("b", "Dua kabupaten/kota berbatasan dari provinsi yang berbeda.")


def check_ksdd_category(category: str, regions: list[Region]) -> Derived | None:
    """Validate a KSDD category choice; return the derived sub-type when it is wajib."""
    if category != Agreement.Category.MANDATORY:
        return None
    subtype = derive_ksdd_subtype(regions)
    if subtype is None:
        raise DomainError(
            "Kerja sama wajib hanya antara dua daerah yang berbatasan, atau kabupaten/kota "
            "dengan provinsinya (Permendagri 22/2020). Pilih kategori sukarela."
        )
    return subtype


def dprd_reason(*, burdens_public: bool, budgeted: bool) -> str:
    if burdens_public and not budgeted:
        return "Perlu persetujuan DPRD: membebani masyarakat dan daerah, dan belum dianggarkan."
    if burdens_public:
        return "Perlu persetujuan DPRD: membebani masyarakat dan daerah."
    if not budgeted:
        return "Perlu persetujuan DPRD: belum dianggarkan dalam APBD tahun berjalan."
    return "Tidak perlu persetujuan DPRD: tidak membebani dan sudah dianggarkan."


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def derive_dates(
    start: datetime.date | None, end: datetime.date | None, months: int | None
) -> tuple[datetime.date | None, datetime.date | None, int | None]:
    """Fill the missing one of start, end and duration; refuse an end before the start.

    A term of N months starting on 1 January ends on 31 December of the same year (the day
    before the same date N months later), as agreements are written.
    """
    if months is not None and months <= 0:
        raise DomainError("Jangka waktu harus lebih dari 0 bulan.")
    if start and end and end < start:
        raise DomainError("Tanggal berakhir tidak boleh sebelum tanggal mulai.")
    if start and months and not end:
        end = add_months(start, months) - datetime.timedelta(days=1)
    elif end and months and not start:
        start = add_months(end + datetime.timedelta(days=1), -months)
    elif start and end and not months:
        months = _whole_months(start, end)
    return start, end, months


def _whole_months(start: datetime.date, end: datetime.date) -> int | None:
    after_end = end + datetime.timedelta(days=1)
    months = (after_end.year - start.year) * 12 + after_end.month - start.month
    return months if months > 0 and add_months(start, months) == after_end else None
