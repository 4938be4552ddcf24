"""The rest of a national data set beside the agreements (issue #11): monitoring reports
with their indicators and realisations, SPM figures for every region and year, and the
regions' innovations. Bulk inserts straight into the tables, as bench/generate.py does.

Sizes follow the agreements: 5 monitoring reports and 0.05 innovations per agreement (at
100,000 agreements: 500,000 reports, 5,000 innovations). SPM figures do not depend on the
agreements: every region, every year of the ten, written once (`add_spm`).

Each call adds data for the agreements that have none yet (ids above `after`), so the
benchmark can measure at 1,000 agreements and again after the rest is loaded.
"""

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from bench import words
from sinergi.agreements import rules
from sinergi.agreements.models import Agreement, Status

REPORTS_PER_AGREEMENT = 5
INNOVATIONS_PER_AGREEMENT = 0.05
BATCH_SIZE = 5000
# Quarterly periods are the candidates; a report is filed for this share of them (missed
# periods are what the idle-agreement detection looks for).
QUARTERS_FILED = 0.45
IDLE_SHARE = 0.15  # signed agreements with no report at all
SPM_YEARS_WITH_QUARTERS = 3  # earlier years: the field indices as published
INDICATORS = [
    ("Jumlah penerima layanan", "orang"),
    ("Kegiatan bersama terlaksana", "kegiatan"),
    ("Realisasi anggaran bersama", "persen"),
]


@dataclass
class Added:
    reports: int = 0
    realisations: int = 0
    indicators: int = 0
    innovations: int = 0
    spm_entries: int = 0
    spm_field_values: int = 0


def add_for_agreements(rng: random.Random, after: int, added: Added) -> int:
    """Reports and innovations for the agreements with ids above `after`; the highest id."""
    rows = list(  # soft-deleted ones too: they had their reports before they were deleted
        Agreement.all_objects.filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", "status", "signed_on", "end_date", "owner_region_id")
    )
    if not rows:
        return after
    _add_reports(rng, rows, added)
    _add_innovations(rng, round(len(rows) * INNOVATIONS_PER_AGREEMENT), added)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE monitoring_monitoringreport, monitoring_indicator, "
            "monitoring_indicatorrealisation, innovations_innovation"
        )
    return rows[-1][0]


# --- monitoring reports ----------------------------------------------------------------------


def _add_reports(rng: random.Random, rows: list[tuple[Any, ...]], added: Added) -> None:
    from sinergi.monitoring.models import Indicator, IndicatorRealisation, MonitoringReport

    today = timezone.localdate()
    signed = [r for r in rows if r[2] and r[1] in (Status.ACTIVE, Status.ENDED, Status.TERMINATED)]
    # Thin the quarters so that the whole set comes to REPORTS_PER_AGREEMENT per agreement.
    candidates = sum(len(_quarters(r[2], r[3], today)) for r in signed)
    share = min(1.0, REPORTS_PER_AGREEMENT * len(rows) / max(candidates * (1 - IDLE_SHARE), 1))
    author_id = None  # who wrote a report is not what any page filters on
    for chunk in _chunks(signed, 2000):
        indicators, reports, plans = [], [], []
        for pk, _status, start, end, _owner in chunk:
            if rng.random() < IDLE_SHARE:
                continue
            mine = [_indicator(rng, pk, start) for _ in range(rng.choice([1, 1, 2, 3]))]
            indicators.extend(mine)
            periods = [q for q in _quarters(start, end, today) if rng.random() < share]
            for number, (first, last) in enumerate(periods, 1):
                report = _report(rng, pk, first, last, author_id, newest=number == len(periods))
                reports.append(report)
                plans.append((report, mine))
        with transaction.atomic():
            Indicator.objects.bulk_create(indicators, batch_size=BATCH_SIZE)
            MonitoringReport.objects.bulk_create(reports, batch_size=BATCH_SIZE)
            realisations = [
                IndicatorRealisation(
                    report=report,
                    indicator=indicator,
                    value=(indicator.target * Decimal(rng.uniform(0.2, 1.2))).quantize(
                        Decimal("0.01")
                    ),
                )
                for report, mine in plans
                if report.state == MonitoringReport.State.REVIEWED
                for indicator in mine
            ]
            IndicatorRealisation.objects.bulk_create(realisations, batch_size=BATCH_SIZE)
        added.indicators += len(indicators)
        added.reports += len(reports)
        added.realisations += len(realisations)


def _quarters(
    start: datetime.date, end: datetime.date | None, today: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """The quarters of the agreement's term that have ended by today."""
    last_day = min(end or today, today)
    periods: list[tuple[datetime.date, datetime.date]] = []
    first = start
    while True:
        following = rules.add_months(first, 3)
        if following - datetime.timedelta(days=1) > last_day:
            return periods
        periods.append((first, following - datetime.timedelta(days=1)))
        first = following


def _indicator(rng: random.Random, agreement_id: int, start: datetime.date) -> Any:
    from sinergi.monitoring.models import Indicator

    name, unit = rng.choice(INDICATORS)
    return Indicator(
        agreement_id=agreement_id,
        name=name,
        unit=unit,
        baseline=Decimal(0),
        target=Decimal(rng.choice([12, 50, 100, 250, 1000])),
        target_year=start.year + rng.choice([1, 2, 3]),
    )


def _report(
    rng: random.Random,
    agreement_id: int,
    first: datetime.date,
    last: datetime.date,
    author_id: int | None,
    *,
    newest: bool,
) -> Any:
    from sinergi.monitoring.models import MonitoringReport

    State = MonitoringReport.State
    state = rng.choice([State.DRAFT, State.SUBMITTED, State.RETURNED]) if newest else State.REVIEWED
    filed = timezone.make_aware(
        datetime.datetime.combine(last + datetime.timedelta(days=rng.randint(5, 40)), _NOON)
    )
    return MonitoringReport(
        agreement_id=agreement_id,
        period_start=first,
        period_end=last,
        activities=rng.choice(words.SCOPES),
        outputs="Kegiatan terlaksana sesuai rencana kerja.",
        budget_realised=Decimal(rng.randint(0, 500)) * 1_000_000,
        obstacles=rng.choice(["", "", "Keterlambatan pencairan anggaran."]),
        recommendation=rng.choice(MonitoringReport.Recommendation.values),
        state=state,
        author_id=author_id,
        submitted_at=filed if state != State.DRAFT else None,
        reviewed_at=filed if state == State.REVIEWED else None,
    )


_NOON = datetime.time(12)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- innovations -----------------------------------------------------------------------------


def _add_innovations(rng: random.Random, count: int, added: Added) -> None:
    """Published innovations (a few drafts), named after the sectors' topics; keyword search
    stems as the service writes them. No embeddings: the assistance benchmark measures
    those (bench/assistance.py)."""
    from sinergi.affairs.models import Affair
    from sinergi.innovations.models import Innovation
    from sinergi.innovations.services import search_text
    from sinergi.regions.models import Region

    regions = list(Region.objects.order_by("code").values_list("pk", flat=True))
    affairs = {a.code: a.pk for a in Affair.objects.sectors()}
    codes = [c for c in words.TOPICS if c in affairs]
    now, year = timezone.now(), timezone.localdate().year
    rows = []
    for number in range(count):
        code = rng.choice(codes)
        topic = rng.choice(words.TOPICS[code])
        published = rng.random() < 0.9
        innovation = Innovation(
            region_id=rng.choice(regions),
            name=f"{rng.choice(INNOVATION_PREFIXES)} {topic} {added.innovations + number + 1}",
            affair_id=affairs[code],
            kind=rng.choice(Innovation.Kind.values),
            form=rng.choice(Innovation.Form.values),
            maturity=rng.choice(Innovation.Maturity.values),
            started_year=rng.randint(year - 9, year),
            problem=f"Layanan {topic.lower()} belum menjangkau desa terpencil.",
            description=f"{rng.choice(words.ACTIONS)} {topic.lower()} dengan aplikasi dan "
            "petugas keliling.",
            results="Jumlah warga terlayani naik dan waktu layanan lebih singkat.",
            contact_unit="Bidang Inovasi Daerah",
            status=Innovation.Status.PUBLISHED if published else Innovation.Status.DRAFT,
            published_at=now if published else None,
        )
        innovation.search_stems = search_text(innovation)
        rows.append(innovation)
    Innovation.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    added.innovations += len(rows)


INNOVATION_PREFIXES = ["Si-", "Gerakan", "Layanan Jemput Bola", "Aplikasi", "Pojok"]


# --- SPM -------------------------------------------------------------------------------------


def add_spm(rng: random.Random, added: Added) -> None:
    """Every region, every year of the ten: the last three years as quarterly figures per
    indicator (what officers enter), the earlier years as the field indices published for
    them. Remote regions reach less, so the gap between cities and the rest shows."""
    from sinergi.regions.models import Region
    from sinergi.spm.models import Entry, Field, FieldValue, Indicator

    year = timezone.localdate().year
    regions = list(Region.objects.order_by("code").values_list("pk", "level", "name"))
    indicators = list(Indicator.objects.values_list("pk", "kind", "service__level"))
    fields = list(Field.objects.values_list("pk", flat=True))
    reach = {pk: _reach(rng, name) for pk, _level, name in regions}
    values = [
        FieldValue(
            region_id=pk,
            year=past,
            field_id=field,
            value=Decimal(min(100.0, reach[pk] * 100 * rng.uniform(0.85, 1.05))).quantize(
                Decimal("0.01")
            ),
            source="Data benchmark",
        )
        for pk, _level, _name in regions
        for past in range(year - 9, year - SPM_YEARS_WITH_QUARTERS + 1)
        for field in fields
    ]
    FieldValue.objects.bulk_create(values, batch_size=BATCH_SIZE)
    added.spm_field_values += len(values)
    # This year's quarters as far as they have ended.
    quarters = dict.fromkeys(range(year - SPM_YEARS_WITH_QUARTERS + 1, year), 4)
    quarters[year] = (timezone.localdate().month - 1) // 3
    for pk, level, _name in regions:
        entries = [
            _entry(rng, pk, current, quarter, indicator, kind, reach[pk])
            for current, last in quarters.items()
            for quarter in range(1, last + 1)
            for indicator, kind, indicator_level in indicators
            if indicator_level == level
        ]
        Entry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        added.spm_entries += len(entries)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE spm_entry, spm_fieldvalue")


def _reach(rng: random.Random, name: str) -> float:
    return rng.uniform(0.85, 0.99) if name.startswith("Kota ") else rng.uniform(0.55, 0.95)


def _entry(
    rng: random.Random,
    region: int,
    year: int,
    quarter: int,
    indicator: int,
    kind: str,
    reach: float,
) -> Any:
    from sinergi.spm.models import Entry
    from sinergi.spm.models import Indicator as SpmIndicator

    if kind == SpmIndicator.Kind.TREND:
        return Entry(
            region_id=region, year=year, quarter=quarter, indicator_id=indicator,
            score=Decimal(round(reach * 80 + rng.uniform(-5, 5), 2)),
        )  # fmt: skip
    target = 1000 + (indicator * 37 + region * 11) % 9000
    served = min(target, round(target * reach * quarter / 4 * rng.uniform(0.9, 1.1)))
    return Entry(
        region_id=region, year=year, quarter=quarter, indicator_id=indicator,
        target_population=target, served=served,
    )  # fmt: skip
