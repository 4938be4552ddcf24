"""Demo innovations for Kalimantan regions, with figures and replication in each state: one
accepted (a draft KSDD sukarela opened), two letters waiting. Written through the services so
every rule holds; idempotent (nothing is added once demo innovations exist). Fictional."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from sinergi.affairs.models import Affair
from sinergi.innovations import services
from sinergi.innovations.models import Innovation
from sinergi.regions.models import Region

# (key, region, affair, name, kind, form, maturity, year, problem, description, results, terms)
DEMO_INNOVATIONS: list[tuple[str, ...]] = [
    (
        "antrean",
        "64.72",
        "1.02",
        "SiAP Sehat: Antrean Puskesmas Daring",
        "pelayanan_publik",
        "digital",
        "penerapan",
        "2022",
        "Pasien menunggu hingga dua jam di puskesmas sejak subuh untuk mendapat nomor antrean.",
        "Warga mengambil nomor antrean lewat aplikasi atau pesan WhatsApp; puskesmas memanggil "
        "pasien sesuai jadwal. Terhubung dengan data kepesertaan JKN.",
        "Waktu tunggu rata-rata turun dari 120 menjadi 25 menit di 26 puskesmas.",
        "Cukup Kesepakatan Bersama. Kode sumber dan panduan diserahkan; Dinas Kesehatan Kota "
        "Samarinda melatih operator dua hari.",
    ),
    (
        "sekolah",
        "64.02",
        "1.01",
        "Sekolah Terbuka Desa Pesisir",
        "pelayanan_publik",
        "non_digital",
        "uji_coba",
        "2023",
        "Anak nelayan di desa pesisir putus sekolah karena ikut melaut pada musim ikan.",
        "Guru kunjung dan modul belajar mandiri; ujian dijadwalkan di luar musim melaut.",
        "Angka putus sekolah SMP di 8 desa pesisir turun dari 14% menjadi 6%.",
        "Modul dan jadwal diserahkan; daerah pereplikasi menyediakan guru kunjung.",
    ),
    (
        "izin",
        "64.71",
        "2.18",
        "Izin Usaha Mikro Satu Hari",
        "tata_kelola",
        "digital",
        "penerapan",
        "2021",
        "Perizinan usaha mikro memakan waktu dua sampai tiga minggu.",
        "Permohonan daring terhubung OSS; verifikasi lapangan digabung dalam satu kunjungan.",
        "Izin usaha mikro terbit rata-rata dalam 1 hari kerja; 4.200 izin pada 2025.",
        "Kesepakatan Bersama dan alih pengetahuan; aplikasi dipasang di server daerah sendiri.",
    ),
    (
        "surya",
        "64.03",
        "1.03",
        "Air Bersih Desa Terpencil Tenaga Surya",
        "lainnya",
        "non_digital",
        "penerapan",
        "2020",
        "Desa di hulu sungai tanpa jaringan listrik dan air bersih perpipaan.",
        "Pompa tenaga surya mengangkat air sungai ke instalasi saringan pasir lambat; dikelola "
        "BUMDes dengan iuran warga.",
        "12 desa terlayani air bersih; 3.100 keluarga.",
        "Desain teknis dan pelatihan pengelola BUMDes.",
    ),
    (
        "adminduk",
        "61.71",
        "2.12",
        "Adminduk Keliling Tepian Sungai",
        "pelayanan_publik",
        "non_digital",
        "penerapan",
        "2022",
        "Warga tepian sungai jauh dari kantor Disdukcapil; banyak anak belum berakta kelahiran.",
        "Perahu layanan keliling mencetak KTP-el, KK dan akta kelahiran di dermaga kampung.",
        "Cakupan akta kelahiran anak naik dari 82% menjadi 97%.",
        "Kesepakatan Bersama; pelatihan petugas dan standar layanan keliling.",
    ),
    (
        "banjir",
        "64.72",
        "1.05",
        "Lapor Banjir Warga",
        "pelayanan_publik",
        "digital",
        "inisiatif",
        "2026",
        "Laporan genangan tersebar di banyak grup percakapan dan terlambat sampai ke petugas.",
        "Warga melapor titik genangan dengan foto; petugas BPBD menerima peta laporan.",
        "",
        "",
    ),
]
DRAFTS = {"banjir"}
FIGURES = {
    "antrean": [
        ("Waktu tunggu rata-rata", "120", "25", "menit", 2025),
        ("Puskesmas yang memakai", "0", "26", "puskesmas", 2025),
    ],
    "sekolah": [("Angka putus sekolah SMP desa pesisir", "14", "6", "persen", 2025)],
    "izin": [("Lama terbit izin usaha mikro", "15", "1", "hari kerja", 2025)],
    "adminduk": [("Cakupan akta kelahiran anak", "82", "97", "persen", 2025)],
}
# (innovation key, interested region, accepted?)
DEMO_INTERESTS = [("antrean", "64.02", True), ("izin", "64.03", False), ("antrean", "61.71", False)]


@transaction.atomic
def seed_demo(users: dict[str, Any]) -> None:
    if Innovation.objects.filter(is_demo=True).exists():
        return
    admin = users["admin"]
    made = {row[0]: _create(row, admin) for row in DEMO_INNOVATIONS}
    Innovation.objects.filter(pk__in=[i.pk for i in made.values()]).update(is_demo=True)
    for key, innovation in made.items():
        for label, before, after, unit, year in FIGURES.get(key, []):
            figure = services.FigureInput(
                label=label, before=Decimal(before), after=Decimal(after), unit=unit, year=year
            )
            services.innovation_figure_add(user=admin, innovation=innovation, data=figure)
        if key not in DRAFTS:
            made[key] = services.innovation_publish(user=admin, innovation=innovation)
    for key, code, accepted in DEMO_INTERESTS:
        _interest(made[key], code, accepted, admin)


def _create(row: tuple[str, ...], user: Any) -> Innovation:
    _key, code, affair, name, kind, form, maturity, year, problem, how, results, terms = row
    data = services.InnovationInput(
        region=Region.objects.get(code=code),
        name=name,
        affair=Affair.objects.get(code=affair),
        kind=kind,
        form=form,
        maturity=maturity,
        started_year=int(year),
        problem=problem,
        description=how,
        results=results,
        replicable=bool(terms),
        replication_terms=terms,
        contact_unit="Bagian Kerja Sama Setda",
    )
    return services.innovation_create(user=user, data=data)


def _interest(innovation: Innovation, code: str, accepted: bool, admin: Any) -> None:
    letter = services.InterestInput(
        region=Region.objects.get(code=code),
        letter_number=f"DEMO/000.7/{innovation.pk}-{code}",
        letter_date=datetime.date.today() - datetime.timedelta(days=20),
        reason=f"Masalah serupa di wilayah kami: {innovation.problem[0].lower()}"
        f"{innovation.problem[1:]}",
    )
    interest = services.interest_submit(user=admin, innovation=innovation, data=letter)
    if accepted:
        services.interest_accept(user=admin, interest=interest, note="Diterima (data demo).")
