"""Demo data for Kalimantan: real region codes, plausible OPDs, one demo user per role.

Everything created here is flagged `is_demo`, and `make run` shows a DATA DEMO banner.
Idempotent: running it again creates nothing new.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from sinergi.accounts.models import User
from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agencies.names import compact
from sinergi.agreements.models import Agreement, Organization
from sinergi.agreements.services import (
    AgreementInput,
    PartyInput,
    agreement_create,
    agreements_expire_due,
)
from sinergi.audit.context import acting_as
from sinergi.regions.models import Region

DEMO_PASSWORD = "Sinergi-Demo-2026"

# (region code, name, short name, kind, affair codes)
DEMO_AGENCIES: list[tuple[str, str, str, str, str]] = [
    (
        "64",
        "Biro Pemerintahan dan Otonomi Daerah Setda Provinsi Kalimantan Timur",
        "Biro POD",
        "biro_bagian",
        "4.01",
    ),
    (
        "64",
        "Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Timur",
        "Bappeda",
        "badan",
        "5.01",
    ),
    (
        "64",
        "Dinas Pendidikan dan Kebudayaan Provinsi Kalimantan Timur",
        "Disdikbud",
        "dinas",
        "1.01,2.22",
    ),
    ("64", "Dinas Kesehatan Provinsi Kalimantan Timur", "Dinkes", "dinas", "1.02"),
    (
        "64",
        "Dinas Pekerjaan Umum, Penataan Ruang dan Perumahan Rakyat Provinsi Kalimantan Timur",
        "DPUPR-PERA",
        "dinas",
        "1.03,1.04",
    ),
    (
        "64",
        "Badan Pengelolaan Keuangan dan Aset Daerah Provinsi Kalimantan Timur",
        "BPKAD",
        "badan",
        "5.02",
    ),
    ("64", "RSUD Abdul Wahab Sjahranie", "RSUD AWS", "rsud", "1.02"),
    (
        "64.72",
        "Bagian Kerja Sama Sekretariat Daerah Kota Samarinda",
        "Bagian Kerja Sama",
        "biro_bagian",
        "4.01",
    ),
    (
        "64.72",
        "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan Kota Samarinda",
        "Bappeda Litbang",
        "badan",
        "5.01,5.05",
    ),
    ("64.72", "Dinas Pendidikan Kota Samarinda", "Disdik", "dinas", "1.01"),
    ("64.72", "Dinas Kesehatan Kota Samarinda", "Dinkes", "dinas", "1.02"),
    (
        "64.72",
        "Dinas Kependudukan dan Pencatatan Sipil Kota Samarinda",
        "Disdukcapil",
        "dinas",
        "2.12",
    ),
    (
        "64.72",
        "Dinas Komunikasi dan Informatika Kota Samarinda",
        "Diskominfo",
        "dinas",
        "2.16,2.20,2.21",
    ),
    ("64.72", "RSUD I.A. Moeis", "RSUD IA Moeis", "rsud", "1.02"),
    ("64.72", "Kecamatan Samarinda Ulu", "", "kecamatan", "7.01"),
    (
        "64.02",
        "Bagian Kerja Sama Sekretariat Daerah Kabupaten Kutai Kartanegara",
        "Bagian Kerja Sama",
        "biro_bagian",
        "4.01",
    ),
    (
        "64.02",
        "Badan Perencanaan Pembangunan Daerah Kabupaten Kutai Kartanegara",
        "Bappeda",
        "badan",
        "5.01",
    ),
    ("64.02", "Dinas Kesehatan Kabupaten Kutai Kartanegara", "Dinkes", "dinas", "1.02"),
    (
        "64.02",
        "Dinas Pendidikan dan Kebudayaan Kabupaten Kutai Kartanegara",
        "Disdikbud",
        "dinas",
        "1.01,2.22",
    ),
    ("64.02", "RSUD Aji Muhammad Parikesit", "RSUD AM Parikesit", "rsud", "1.02"),
    ("64.71", "Dinas Kesehatan Kota Balikpapan", "DKK", "dinas", "1.02"),
    (
        "64.71",
        "Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan",
        "Disdukcapil",
        "dinas",
        "2.12",
    ),
    (
        "64.11",
        "Dinas Pendidikan dan Kebudayaan Kabupaten Mahakam Ulu",
        "Disdikbud",
        "dinas",
        "1.01,2.22",
    ),
    ("65.03", "Dinas Kesehatan Kabupaten Nunukan", "Dinkes", "dinas", "1.02"),
    ("61.71", "Dinas Kesehatan Kota Pontianak", "Dinkes", "dinas", "1.02"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    region: str
    agency: str = ""
    superuser: bool = False


DEMO_USERS = [
    DemoUser("admin", "Administrator Sistem", "", "", superuser=True),
    DemoUser("admin.kaltim", "Admin Biro POD Kaltim", "admin_provinsi", "64"),
    DemoUser("pimpinan.kaltim", "Sekretaris Daerah Provinsi (demo)", "pimpinan", "64"),
    DemoUser("tkksd.samarinda", "Sekretariat TKKSD Kota Samarinda", "tkksd", "64.72"),
    DemoUser("tkksd.kukar", "Sekretariat TKKSD Kab. Kutai Kartanegara", "tkksd", "64.02"),
    DemoUser(
        "opd.dinkes.samarinda",
        "Petugas Dinkes Kota Samarinda",
        "perangkat_daerah",
        "64.72",
        agency="Dinas Kesehatan Kota Samarinda",
    ),
    DemoUser("tkksd.pontianak", "Sekretariat TKKSD Kota Pontianak", "tkksd", "61.71"),
]

DEMO_USERNAMES = [demo.username for demo in DEMO_USERS]


@transaction.atomic
def load_demo_data() -> list[DemoUser]:
    with acting_as(None):
        _load_agencies()
        for demo in DEMO_USERS:
            _upsert_user(demo)
        if not Agreement.objects.filter(number__startswith="DEMO/").exists():
            load_demo_agreements(User.objects.get(username="admin"))
        _load_follow_up()
    return DEMO_USERS


def _load_follow_up() -> None:
    """Plans, budgets, monev, evaluations and warnings on the demo agreements, each app's own
    seed (idempotent); flags last, over everything, as the daily job would."""
    from sinergi.alerts import demo as alerts_demo
    from sinergi.evaluations import demo as evaluations_demo
    from sinergi.innovations import demo as innovations_demo
    from sinergi.monitoring import demo as monitoring_demo
    from sinergi.planning import demo as planning_demo
    from sinergi.planning.services import flags_refresh_all
    from sinergi.spm import demo as spm_demo

    agreements = list(Agreement.objects.filter(number__startswith="DEMO/").order_by("pk"))
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    for seed in (planning_demo, monitoring_demo, evaluations_demo):
        seed.seed_demo(agreements, users)
    flags_refresh_all()
    alerts_demo.seed_demo(agreements, users)
    spm_demo.seed_demo()
    innovations_demo.seed_demo(users)


def _load_agencies() -> None:
    regions = {r.code: r for r in Region.objects.filter(code__in={a[0] for a in DEMO_AGENCIES})}
    affairs = {a.code: a for a in Affair.objects.all()}
    for code, name, short, kind, affair_codes in DEMO_AGENCIES:
        region = regions[code]
        if Agency.all_objects.filter(region=region, normalized_name=compact(name)).exists():
            continue
        agency = Agency.objects.create(
            region=region, name=name, short_name=short, kind=kind, is_demo=True
        )
        agency.affairs.set([affairs[c] for c in affair_codes.split(",")])


def _upsert_user(demo: DemoUser) -> None:
    region = Region.objects.filter(code=demo.region).first() if demo.region else None
    agency = Agency.objects.get(region=region, name=demo.agency) if demo.agency else None
    first, _, last = demo.full_name.partition(" ")
    user, created = User.objects.get_or_create(
        username=demo.username,
        defaults={
            "role": demo.role,
            "region": region,
            "agency": agency,
            "first_name": first,
            "last_name": last,
            "is_demo": True,
            "is_superuser": demo.superuser,
            "is_staff": demo.superuser,
            "email": f"{demo.username}@demo.sinergi.local",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


D = datetime.date


@dataclass(frozen=True)
class DemoAgreement:
    number: str
    doc_type: str
    title: str
    affair: str
    owner: str
    partners: tuple[str, ...]  # region codes, or organisation names listed in DEMO_PARTNERS
    status: str
    start: datetime.date | None = None
    months: int | None = None
    parent: str = ""
    wajib: bool = False


DEMO_PARTNERS = {
    "Universitas Mulawarman": "perguruan_tinggi",
    "Kementerian Kesehatan": "kementerian_lembaga",
    "PT Air Minum Tirta Kencana": "bumd",
}
DEMO_AGREEMENTS = [
    DemoAgreement(
        "DEMO/KB/2025/001",
        "kb",
        "Pelayanan kesehatan rujukan bagi warga perbatasan Samarinda dan Kutai Kartanegara",
        "1.02",
        "64.72",
        ("64.02",),
        "berlaku",
        D(2025, 3, 1),
        36,
        wajib=True,
    ),
    DemoAgreement(
        "DEMO/PKS/2025/002",
        "pks",
        "PKS layanan rujukan RSUD I.A. Moeis dan RSUD Aji Muhammad Parikesit",
        "1.02",
        "64.72",
        ("64.02",),
        "berlaku",
        D(2025, 4, 1),
        24,
        parent="DEMO/KB/2025/001",
        wajib=True,
    ),
    DemoAgreement(
        "DEMO/PKS/2025/003",
        "pks",
        "PKS layanan akta kelahiran dan administrasi kependudukan terdekat",
        "2.12",
        "64.72",
        ("64.02",),
        "berlaku",
        D(2025, 4, 1),
        12,
        parent="DEMO/KB/2025/001",
        wajib=True,
    ),
    DemoAgreement(
        "DEMO/MOU/2025/004",
        "mou",
        "Beasiswa pendidikan tinggi bagi lulusan SMA/SMK Kalimantan Timur",
        "1.01",
        "64",
        ("Universitas Mulawarman",),
        "berlaku",
        D(2025, 7, 1),
        60,
    ),
    DemoAgreement(
        "DEMO/KB/2022/005",
        "kb",
        "Kerja sama pembangunan daerah Kalimantan Timur dan Jawa Timur",
        "3.30",
        "64",
        ("35",),
        "berlaku",
        D(2022, 12, 15),
        48,
    ),
    DemoAgreement(
        "DEMO/KB/2012/006",
        "kb",
        "Kerja sama pertanian, pendidikan dan pariwisata Kalimantan Timur dan DIY",
        "3.27",
        "64",
        ("34",),
        "berakhir",
        D(2012, 5, 1),
        60,
    ),
    DemoAgreement(
        "DEMO/NK/2026/007",
        "nota",
        "Percepatan penurunan stunting di Kota Balikpapan",
        "1.02",
        "64.71",
        ("Kementerian Kesehatan",),
        "pembahasan_tkksd",
    ),
    DemoAgreement(
        "DEMO/USL/2026/008",
        "kb",
        "Pengelolaan sampah regional Kukar dan Balikpapan",
        "1.03",
        "64.02",
        ("64.71",),
        "usulan",
    ),
    DemoAgreement(
        "DEMO/MOU/2026/009",
        "mou",
        "Penyediaan air minum curah bagi kawasan permukiman",
        "1.03",
        "64.72",
        ("PT Air Minum Tirta Kencana",),
        "penyusunan",
    ),
]


def load_demo_agreements(admin: Any) -> None:
    """A few Kalimantan agreements in every stage, recorded through the normal services."""
    created: dict[str, Agreement] = {}
    for demo in DEMO_AGREEMENTS:
        owner = Region.objects.get(code=demo.owner)
        parties = [PartyInput(region=owner)] + [_demo_party(p) for p in demo.partners]
        for party in parties:  # the OPDs of the sector implement it, as a TKKSD would record
            if party.region is not None:
                party.agencies = list(
                    Agency.objects.filter(region=party.region, affairs__code=demo.affair)
                )
        regions = [p.region for p in parties if p.region]
        wajib = demo.wajib and len(regions) == 2 and regions[0].borders_with(regions[1])
        data = AgreementInput(
            owner_region=owner,
            doc_type=demo.doc_type,
            number=demo.number,
            title=demo.title,
            primary_affair=Affair.objects.get(code=demo.affair),
            start_date=demo.start,
            duration_months=demo.months,
            parent=created.get(demo.parent),
            ksdd_category="wajib" if wajib else "",
            signed_on=demo.start,
            signed_place=owner.name if demo.start else "",
        )
        created[demo.number] = agreement_create(
            user=admin, data=data, parties=parties, status=demo.status, note="Data demo."
        )
    agreements_expire_due()  # past end dates end as they would with the daily job


def _demo_party(partner: str) -> PartyInput:
    if partner in DEMO_PARTNERS:
        organization, _ = Organization.objects.get_or_create(
            name=partner, defaults={"kind": DEMO_PARTNERS[partner]}
        )
        return PartyInput(organization=organization)
    return PartyInput(region=Region.objects.get(code=partner))
