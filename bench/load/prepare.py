"""Data for the load test (bench/load/run.sh): one province, Kalimantan Timur (64), at the
size of a real provincial register, on the database that DATABASE_URL names.

    DATABASE_URL=... DEBUG=false ... python -m bench.load.prepare OUTPUT.json

Runs in the environment the server will run in (run.sh exports it), so migrations, the
cache table and the demo accounts are those of the measured server. Steps: migrate, load the
reference data (and the boundaries, when ../shared/data/regions has them), the agreements of
bench/generate.py with their owner drawn from the province and its regencies/cities only
(partners as generated: mostly the same province or a neighbour), the warnings and flags of
bench/dashboards.py, the demo data (its accounts are the simulated users), and monev
indicators and reports for the signed agreements. Writes OUTPUT.json: the data sizes for the
summary and what the simulated users need (report targets, search words, region codes).

LOAD_AGREEMENTS sets the number of generated agreements (3000).
The order matters: the generator before the demo data (see main), the monev after it (its
reports are written by the demo accounts).
"""

import datetime
import io
import itertools
import json
import os
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

PROVINCE = "64"
SEED = 20261124
# Users who file reports during the test: TKKSD secretariats of two regions of the province.
REPORTERS = ("tkksd.samarinda", "tkksd.kukar")
TARGETS_PER_REPORTER = 150
INDICATOR_SHARE = 0.5  # signed agreements with monev indicators
REPORTED_SHARE = 0.7  # past periods that have a report
QUERIES = [
    "pelayanan kesehatan",
    "stunting",
    "air minum",
    "beasiswa pendidikan",
    "jalan penghubung",
    "administrasi kependudukan",
    "sampah terpadu",
    "dokter spesialis",
    "kompetensi guru",
    "perbatasan",
    "samarinda",
    "balikpapan",
    "kutai kartanegara",
    "universitas",
    "pariwisata",
]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("Pemakaian: python -m bench.load.prepare KELUARAN.json")
    import django

    django.setup()
    from bench import database

    # The cache table first: loading the reference data already writes to the cache.
    commands = _run(["migrate"], ["createcachetable"])
    from sinergi.agreements.models import Agreement

    if Agreement.all_objects.exists():
        sys.exit("Basis data sudah berisi kerja sama: jalankan pada basis data baru (run.sh).")
    commands += database.load_reference()[1:]  # its migrate has just run
    rng = random.Random(SEED)  # noqa: S311 (reproducible data, no secrets)
    # Before the demo data: the generator creates every region's usual OPDs, the demo data
    # then finds its own among them instead of adding a second, clashing copy.
    generated = _generate(rng, int(os.environ.get("LOAD_AGREEMENTS", "3000")))
    from bench.dashboards import add_monitoring

    warnings = add_monitoring(rng)
    commands += _run(["load_demo_data"])
    monev = _add_monev(rng)
    database.analyze()
    from sinergi.core.versions import bump_data_version

    bump_data_version()  # bulk inserts send no signals: cached figures must not be reused
    facts = {
        "commands": commands,
        "generated": generated,
        **warnings,
        **monev,
        **_sizes(),
        "targets": _report_targets(),
        "regions": _province_codes(),
        "queries": QUERIES,
        "server": database.server_facts(),
    }
    Path(sys.argv[1]).write_text(json.dumps(facts, indent=1, default=str))


def _run(*commands: list[str]) -> list[str]:
    from django.core.management import call_command

    for command in commands:
        call_command(*command, verbosity=0, stdout=io.StringIO())
    return [" ".join(["manage.py", *c]) for c in commands]


def _generate(rng: random.Random, count: int) -> int:
    from bench.generate import Generator
    from bench.world import load_world

    generator = Generator(load_world(rng), rng)
    # The generator draws owners from the whole country; a weight of zero outside the
    # province keeps its families, partners and texts but puts every owner in Kaltim.
    weights = (
        (4 if r.is_province else 1) if _in_province(r.code) else 0 for r in generator.world.regions
    )
    generator.owner_weights = list(itertools.accumulate(weights))
    generator.insert(count)
    return count


def _in_province(code: str) -> bool:
    return code == PROVINCE or code.startswith(f"{PROVINCE}.")


# --- monev -----------------------------------------------------------------------------------


def _add_monev(rng: random.Random) -> dict[str, int]:
    """Indicators on half the signed agreements of the province, and a report for most
    past periods: reviewed, the latest ones submitted, a few drafts, as a register in use."""
    from sinergi.agreements.models import Agreement, Status
    from sinergi.monitoring.models import Indicator, IndicatorRealisation, MonitoringReport

    today = datetime.date.today()
    agreements = list(
        Agreement.objects.filter(
            owner_region__code__startswith=PROVINCE,
            status__in=[Status.ACTIVE, Status.ENDED],
            start_date__isnull=False,
        )
        .exclude(number__startswith="DEMO/")  # the demo data has its own monev
        .select_related("owner_region")
        .order_by("pk")
    )
    authors = _authors()
    indicators = Indicator.objects.bulk_create(
        [i for a in agreements if rng.random() < INDICATOR_SHARE for i in _indicators(a)],
        batch_size=2000,
    )
    by_agreement: dict[int, list[Any]] = {}
    for indicator in indicators:
        by_agreement.setdefault(indicator.agreement_id, []).append(indicator)
    reports: list[Any] = []
    for agreement in agreements:
        reports += _reports(rng, agreement, authors, today)
    MonitoringReport.objects.bulk_create(reports, batch_size=2000)
    realisations = [
        IndicatorRealisation(report=report, indicator=indicator, value=_value(rng, indicator))
        for report in reports
        for indicator in by_agreement.get(report.agreement_id, [])
    ]
    IndicatorRealisation.objects.bulk_create(realisations, batch_size=2000)
    return {
        "signed_agreements": len(agreements),
        "indicators": len(indicators),
        "reports": len(reports),
        "realisations": len(realisations),
    }


def _authors() -> dict[str, Any]:
    """Region code -> the account that writes its reports (the province's admin otherwise)."""
    from sinergi.accounts.models import User

    users = User.objects.filter(username__in=["admin.kaltim", *REPORTERS]).select_related("region")
    return {u.region.code if u.username != "admin.kaltim" else PROVINCE: u for u in users}


def _indicators(agreement: Any) -> list[Any]:
    from sinergi.monitoring.models import Indicator

    return [
        Indicator(agreement=agreement, name="Kegiatan bersama terlaksana", unit="kegiatan",
                  target=Decimal(12), higher_is_better=True),
        Indicator(agreement=agreement, name="Lama penyelesaian layanan", unit="hari",
                  target=Decimal(5), higher_is_better=False),
    ]  # fmt: skip


def _reports(
    rng: random.Random, agreement: Any, authors: dict[str, Any], today: datetime.date
) -> list[Any]:
    from sinergi.monitoring import schedule
    from sinergi.monitoring.models import MonitoringReport

    State = MonitoringReport.State
    author = authors.get(agreement.owner_region.code, authors[PROVINCE])
    periods = schedule.periods(agreement, today)
    reports = []
    for number, period in enumerate(periods):
        if rng.random() > REPORTED_SHARE:
            continue
        latest = number >= len(periods) - 2
        state = rng.choice([State.SUBMITTED, State.DRAFT]) if latest else State.REVIEWED
        submitted = _moment(period.end + datetime.timedelta(days=rng.randint(1, 40)), today)
        reports.append(
            MonitoringReport(
                agreement=agreement,
                period_start=period.start,
                period_end=period.end,
                activities="Rapat koordinasi para pihak dan pelaksanaan kegiatan bersama.",
                outputs="Notulen rapat; laporan kegiatan.",
                budget_realised=Decimal(rng.randint(5, 300) * 1_000_000),
                obstacles=rng.choice(["", "Jadwal para pihak sulit diselaraskan."]),
                recommendation=rng.choice(MonitoringReport.Recommendation.values),
                state=state,
                author=author,
                submitted_at=submitted if state != State.DRAFT else None,
                reviewed_at=submitted if state == State.REVIEWED else None,
                reviewed_by=authors[PROVINCE] if state == State.REVIEWED else None,
            )
        )
    return reports


def _moment(day: datetime.date, today: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(min(day, today), datetime.time(10)))


def _value(rng: random.Random, indicator: Any) -> Decimal:
    return Decimal(rng.randint(1, 2 * int(indicator.target)))


# --- what the simulated users need ---------------------------------------------------------


def _report_targets() -> dict[str, list[int]]:
    """Per reporting account: agreements in force, of its region (owner or party), that it
    may report on, each with a period due (the form proposes it)."""
    from django.db.models import Q

    from sinergi.accounts.models import User
    from sinergi.agreements.models import Agreement
    from sinergi.monitoring import schedule
    from sinergi.monitoring.permissions import can_write_reports

    today = datetime.date.today()
    targets = {}
    for user in User.objects.filter(username__in=REPORTERS).select_related("region"):
        region = user.region
        candidates = (
            Agreement.objects.active(today)
            .filter(Q(owner_region=region) | Q(parties__region=region), start_date__isnull=False)
            .distinct()
            .order_by("pk")
        )
        chosen = [
            a.pk
            for a in candidates
            if can_write_reports(user, a) and schedule.next_due(a, today) is not None
        ]
        targets[user.username] = chosen[:TARGETS_PER_REPORTER]
        if not targets[user.username]:
            sys.exit(f"{user.username}: tidak ada kerja sama berlaku untuk laporan monev")
    return targets


def _province_codes() -> list[str]:
    return list(_province_regions().order_by("code").values_list("code", flat=True))


def _sizes() -> dict[str, int]:
    from django.db.models import Q

    from sinergi.agreements.models import Agreement, Party
    from sinergi.monitoring.models import MonitoringReport

    in_province = Agreement.objects.filter(
        Q(owner_region__in=_province_regions()) | Q(parties__region__in=_province_regions())
    ).distinct()
    return {
        "agreements_total": Agreement.all_objects.count(),
        "agreements_province": in_province.count(),
        "agreements_province_active": in_province.filter(status="berlaku").count(),
        "parties": Party.objects.count(),
        "reports_total": MonitoringReport.objects.count(),
    }


def _province_regions() -> Any:
    from django.db.models import Q

    from sinergi.regions.models import Region

    return Region.objects.filter(Q(code=PROVINCE) | Q(code__startswith=f"{PROVINCE}."))


if __name__ == "__main__":
    main()
