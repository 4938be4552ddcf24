"""Open data sets for a provincial open-data portal (Satu Data Indonesia): what each holds,
its data dictionary, and its rows. Code lists use Kemendagri region codes and urusan codes, so
a portal can join them with other data sets.

Only public data: agreements regions marked public (the portal's columns, never signatories,
document numbers or files), SPM indices, the code lists.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Party
from sinergi.portal.selectors import PUBLIC_COLUMNS, public_agreements
from sinergi.regions.models import Region


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # teks, bilangan, desimal, tanggal, kode
    description: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[tuple[Any, ...]]]
    version_name: str  # the data version (core.versions) its files are cached under

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]


def _agreement_rows() -> Iterator[tuple[Any, ...]]:
    parties = Party.objects.select_related("region", "organization").defer("region__boundary")
    agreements = (
        public_agreements()
        .only(*PUBLIC_COLUMNS, "owner_region__code", "primary_affair__code")
        .select_related("owner_region", "primary_affair")
        .prefetch_related(Prefetch("parties", queryset=parties))
        .order_by("pk")
    )
    today = datetime.date.today()
    for a in agreements.iterator(chunk_size=2000):
        party_list = list(a.parties.all())
        yield (
            a.pk,
            a.title,
            a.doc_type,
            a.kind,
            a.current_status(today),
            a.owner_region.code,
            a.primary_affair.code,
            ";".join(p.region.code for p in party_list if p.region),
            ";".join(p.organization.name for p in party_list if p.organization),
            a.signed_on,
            a.start_date,
            a.end_date,
        )


def _spm_rows() -> Iterator[tuple[Any, ...]]:
    from sinergi.spm.models import Entry, Field, FieldValue
    from sinergi.spm.selectors import region_indices

    codes = list(Field.objects.order_by("order").values_list("code", flat=True))
    years = sorted(
        {
            *Entry.objects.values_list("year", flat=True),
            *FieldValue.objects.values_list("year", flat=True),
        }
    )
    regions = list(Region.objects.defer("boundary").order_by("code"))
    for year in years:
        indices = region_indices(regions=regions, year=year, services=False)
        for region, result in zip(regions, indices, strict=True):
            if result.index is None:
                continue
            yield (
                region.code,
                year,
                result.index,
                result.category or "",
                *(result.fields.get(code) for code in codes),
            )


def _region_rows() -> Iterator[tuple[Any, ...]]:
    for region in Region.objects.select_related("parent").defer("boundary").order_by("code"):
        yield (
            region.code,
            region.name,
            region.level,
            region.kind,
            region.parent.code if region.parent else "",
            "ya" if region.is_border else "tidak",
            "ya" if region.is_underdeveloped else "tidak",
            region.population,
        )


def _affair_rows() -> Iterator[tuple[Any, ...]]:
    for affair in Affair.objects.order_by("code"):
        yield affair.code, affair.name, affair.group, affair.source


REGION = "kode Kemendagri (mis. 64.72)"
AFFAIR = "kode urusan pemerintahan (mis. 1.02)"


def _spm_columns() -> tuple[Column, ...]:
    from sinergi.spm.models import Field

    fields = [
        Column(f"indeks_{f.code}", "desimal", f"Indeks bidang {f.name} (0–100)")
        for f in Field.objects.order_by("order")
    ]
    return (
        Column("kode_wilayah", "kode", REGION),
        Column("tahun", "bilangan", "Tahun capaian"),
        Column("indeks_spm", "desimal", "Indeks Pencapaian SPM (0–100), rata-rata bidang"),
        Column("kategori", "teks", "Kategori capaian menurut pita skema indeks"),
        *fields,
    )


def datasets() -> list[Dataset]:
    return [
        Dataset(
            "kerja-sama",
            "Kerja sama daerah yang dipublikasikan",
            "Kerja sama yang ditampilkan pemerintah daerah pencatatnya di portal publik.",
            (
                Column("id", "bilangan", "Nomor induk di Sinergi (tetap)"),
                Column("judul", "teks", "Judul naskah"),
                Column("jenis_dokumen", "kode", "kb, nota, mou, pks, adendum"),
                Column("jenis_kerja_sama", "kode", "ksdd, ksdpk, sinergi, ksdpl, ksdll"),
                Column("status", "kode", "Status per tanggal unduh (berlaku, berakhir, ...)"),
                Column("kode_wilayah_pencatat", "kode", REGION),
                Column("kode_urusan", "kode", AFFAIR),
                Column("kode_wilayah_pihak", "kode", "Kode wilayah para pihak, dipisah ;"),
                Column("pihak_ketiga", "teks", "Nama pihak ketiga, dipisah ;"),
                Column("tanggal_tanda_tangan", "tanggal", "TTTT-BB-HH"),
                Column("tanggal_mulai", "tanggal", "TTTT-BB-HH"),
                Column("tanggal_berakhir", "tanggal", "TTTT-BB-HH"),
            ),
            _agreement_rows,
            "kerja_sama",
        ),
        Dataset(
            "indeks-spm",
            "Indeks Pencapaian Standar Pelayanan Minimal",
            "Indeks SPM per wilayah dan tahun: dari indeks bidang yang diterbitkan, atau dihitung "
            "dari capaian indikator (PP 2/2018; skema indeks Sinergi).",
            _spm_columns(),
            _spm_rows,
            "spm",
        ),
        Dataset(
            "wilayah",
            "Kode wilayah",
            "Provinsi dan kabupaten/kota dengan kode Kemendagri (idn-area-data, ODbL).",
            (
                Column("kode_wilayah", "kode", REGION),
                Column("nama", "teks", "Nama wilayah"),
                Column("tingkat", "kode", "provinsi atau kabupaten_kota"),
                Column("jenis", "kode", "provinsi, kabupaten atau kota"),
                Column("kode_provinsi", "kode", "Kode provinsi induk (kosong untuk provinsi)"),
                Column("perbatasan_negara", "teks", "ya/tidak"),
                Column("daerah_tertinggal", "teks", "ya/tidak"),
                Column("jumlah_penduduk", "bilangan", "Bila diketahui"),
            ),
            _region_rows,
            "kerja_sama",
        ),
        Dataset(
            "urusan",
            "Kode urusan pemerintahan",
            "Urusan pemerintahan dan unsur pendukung (UU 23/2014, Permendagri 90/2019).",
            (
                Column("kode_urusan", "kode", AFFAIR),
                Column("nama", "teks", "Nama urusan"),
                Column("kelompok", "kode", "Kelompok urusan"),
                Column("dasar_hukum", "teks", "Sumber"),
            ),
            _affair_rows,
            "kerja_sama",
        ),
    ]


def dataset(slug: str) -> Dataset | None:
    return next((d for d in datasets() if d.slug == slug), None)
