"""Writes of the SPM app: the reference data (fields, service types, indicators and the
default index scheme) loaded from `data/`, and one entry with its evidence."""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from sinergi.accounts.scope import can_manage_region
from sinergi.affairs.models import Affair
from sinergi.core.errors import DomainError
from sinergi.core.models import ReferenceDataLoad
from sinergi.core.reference import read_csv, sha256_of
from sinergi.core.uploads import checked_document
from sinergi.regions.models import Region
from sinergi.spm.models import Band, Entry, Field, Indicator, Scheme, ServiceType

SPM_DATASET = "spm"
SPM_VERSION = "2021.1"  # PP 2/2018, Permendagri 59/2021; bump when the CSVs change
DATA = Path(__file__).resolve().parent / "data"
FIELDS_CSV, SERVICES_CSV = DATA / "fields.csv", DATA / "services.csv"
# The education services whose quality outcome is a trend (domain.md §2.3).
TREND_SERVICES = {"P-PDK-01", "K-PDK-02"}
TREND_NAME = "Rata-rata kemampuan literasi dan numerasi siswa berdasarkan hasil Asesmen Nasional"
DEFAULT_SCHEME = {
    "code": "bawaan",
    "name": "Indeks Pencapaian SPM (bawaan)",
    "recipients_weight": Decimal(80),
    "quality_weight": Decimal(20),
    "complete_green": Decimal(90),
    "complete_yellow": Decimal(50),
    "source": (
        "Bobot penerima 80% dan mutu 20%, dan pita kategori Paripurna 100, Utama 80, Madya 60, "
        "Muda 40, Pratama 20, Belum Tuntas di bawah 20: dibaca dari bahan sosialisasi "
        "Permendagri 59/2021, BELUM diverifikasi dengan lampirannya. Ambang keterisian "
        "(hijau 90%, kuning 50%) adalah usulan awal. Ubah di sini bila sudah diverifikasi."
    ),
}
DEFAULT_BANDS = [
    ("paripurna", "Tuntas Paripurna", 100),
    ("utama", "Tuntas Utama", 80),
    ("madya", "Tuntas Madya", 60),
    ("muda", "Tuntas Muda", 40),
    ("pratama", "Tuntas Pratama", 20),
    ("belum", "Belum Tuntas", 0),
]


def spm_load_reference(*, force: bool = False) -> int:
    """Create or update the fields, service types and their indicators; create the default
    scheme if there is none (an edited scheme is never overwritten). Returns rows written."""
    checksum = sha256_of([FIELDS_CSV, SERVICES_CSV])
    latest = ReferenceDataLoad.latest(SPM_DATASET)
    if latest and latest.checksum == checksum and not force:
        return 0
    fields, services = read_csv(FIELDS_CSV), read_csv(SERVICES_CSV)
    with transaction.atomic():
        written = _load_fields(fields) + _load_services(services) + _default_scheme()
        ReferenceDataLoad.objects.create(
            dataset=SPM_DATASET,
            version=SPM_VERSION,
            checksum=checksum,
            source="sinergi/spm/data/",
            rows=len(fields) + len(services),
            summary={"written": written},
        )
    return written


def _load_fields(rows: list[dict[str, str]]) -> int:
    affairs = {a.code: a for a in Affair.objects.all()}
    for row in rows:
        if row["affair"] not in affairs:
            raise DomainError(f"Bidang SPM {row['code']}: urusan {row['affair']} tidak dikenal.")
        Field.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "affair": affairs[row["affair"]],
                "order": int(row["order"]),
            },
        )
    return len(rows)


def _load_services(rows: list[dict[str, str]]) -> int:
    fields = {f.code: f for f in Field.objects.all()}
    written = 0
    for order, row in enumerate(rows, start=1):
        if row["field"] not in fields or row["level"] not in Region.Level.values:
            raise DomainError(f"Jenis pelayanan dasar {row['code']}: bidang atau tingkat salah.")
        service, _ = ServiceType.objects.update_or_create(
            code=row["code"],
            defaults={
                "field": fields[row["field"]],
                "level": row["level"],
                "name": row["name"],
                "target_group": row["target_group"],
                "verified": row["verified"] == "ya",
                "source": row["source"],
                "order": order,
            },
        )
        written += 1 + _load_indicators(service)
    return written


def _load_indicators(service: ServiceType) -> int:
    """Every service type measures its recipients and its quality (domain.md §2.3)."""
    name = service.name[0].lower() + service.name[1:]
    rows = [
        ("P", Indicator.Kind.RECIPIENTS, f"Jumlah {service.target_group} yang mendapatkan {name}"),
        (
            "M",
            Indicator.Kind.QUALITY,
            "Jumlah barang dan/atau jasa, sumber daya manusia, dan tata cara pemenuhan "
            f"{name} sesuai standar teknis",
        ),
    ]
    if service.code in TREND_SERVICES:
        rows.append(("T", Indicator.Kind.TREND, TREND_NAME))
    for suffix, kind, text in rows:
        Indicator.objects.update_or_create(
            code=f"{service.code}-{suffix}",
            defaults={"service": service, "kind": kind, "name": text, "source": service.source},
        )
    return len(rows)


def _default_scheme() -> int:
    if Scheme.objects.exists():
        return 0
    scheme = Scheme.objects.create(**DEFAULT_SCHEME, is_default=True)
    Band.objects.bulk_create(
        Band(scheme=scheme, code=code, name=name, min_score=Decimal(score))
        for code, name, score in DEFAULT_BANDS
    )
    return 1 + len(DEFAULT_BANDS)


@dataclass(frozen=True)
class EntryInput:
    target_population: int | None
    served: int | None
    score: Decimal | None
    notes: str


@transaction.atomic
def spm_entry_save(
    *,
    user: Any,
    region: Region,
    year: int,
    quarter: int,
    indicator: Indicator,
    data: EntryInput,
    evidence: Any = None,
) -> Entry:
    """Enter or correct one indicator's figures for a region and quarter, with an optional
    evidence file (PDF, DOCX, JPG or PNG, checked by content)."""
    if not can_manage_region(user, region):
        raise PermissionDenied("Anda tidak berwenang mengisi capaian SPM wilayah ini.")
    _check_entry(region, year, quarter, indicator, data)
    entry, _ = Entry.objects.select_for_update().get_or_create(
        region=region, year=year, quarter=quarter, indicator=indicator
    )
    entry.target_population, entry.served = data.target_population, data.served
    entry.score, entry.notes = data.score, data.notes.strip()
    entry.entered_by = user
    if evidence is not None:
        checked = checked_document(evidence, default_name="bukti")
        entry.evidence.save(checked.sha256, ContentFile(checked.content), save=False)
    entry.save()
    return entry


def _check_entry(
    region: Region, year: int, quarter: int, indicator: Indicator, data: EntryInput
) -> None:
    if indicator.service.level != region.level:
        raise DomainError("Indikator ini bukan untuk tingkat pemerintahan wilayah tersebut.")
    if not 2000 <= year <= 2100 or not 1 <= quarter <= 4:
        raise DomainError("Tahun atau triwulan tidak sah.")
    if indicator.kind == Indicator.Kind.TREND:
        if data.target_population is not None or data.served is not None:
            raise DomainError("Indikator tren diisi dengan nilai hasil, bukan jumlah.")
        return
    if data.score is not None:
        raise DomainError("Nilai hasil hanya untuk indikator tren.")
    if (data.target_population is None) != (data.served is None):
        raise DomainError("Isi jumlah sasaran dan jumlah terlayani bersama-sama.")
