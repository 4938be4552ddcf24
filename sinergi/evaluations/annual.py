"""The figures of the annual evaluation report of a region and year.

Which agreements: those owned by or naming a region of the scope (a province: itself and
its regencies/cities), recorded or signed by the year's end and not finished before it
began. Status "at the year's end" is read from the dates (signing, end date) and, for
rejections and terminations, from the timeline. Planning flags are those stored when the
report is made (they are recomputed daily, not kept per year).

Idle ("simbolis") agreements are computed here, not read from the alerts app: in force at
the year's end, started at least IDLE_MONTHS before it, and in the year with no counted
monev report, no budget line and no milestone completed.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from sinergi.agreements.models import Agreement, Milestone, StatusChange
from sinergi.agreements.models import Status as AgreementStatus
from sinergi.agreements.rules import add_months
from sinergi.evaluations.models import Evaluation
from sinergi.evaluations.scoring import CATEGORY_LABELS, number, rounded
from sinergi.monitoring.models import MonitoringReport
from sinergi.monitoring.schedule import COUNTED_STATES
from sinergi.planning.models import AgreementFlag, BudgetLine
from sinergi.regions.models import Region

IN_PROCESS = "dalam_proses"
STATUS_LABELS = {
    AgreementStatus.ACTIVE.value: "Berlaku",
    AgreementStatus.ENDED.value: "Berakhir",
    AgreementStatus.TERMINATED.value: "Dibatalkan/Diakhiri",
    AgreementStatus.REJECTED.value: "Ditolak",
    IN_PROCESS: "Dalam proses (usulan s.d. penandatanganan)",
}
DOC_GROUPS = {
    "kb": "KB / Nota Kesepakatan / MoU",
    "nota": "KB / Nota Kesepakatan / MoU",
    "mou": "KB / Nota Kesepakatan / MoU",
    "pks": "PKS",
    "adendum": "Adendum",
}
SIGNED = (AgreementStatus.ACTIVE, AgreementStatus.ENDED, AgreementStatus.TERMINATED)
FINISHED = (AgreementStatus.TERMINATED, AgreementStatus.REJECTED)
UNLISTED = ("search_document", "search_stems", "owner_region__boundary")


@dataclass
class Table:
    key: str  # sheet name in the workbook
    title: str
    headers: list[str]
    rows: list[list[Any]]
    chart: bool = False  # a bar chart of column 1 (label) by column 2 (count)
    note: str = ""


@dataclass
class Line:
    """One agreement of the report with what the tables count."""

    agreement: Agreement
    status: str
    new: bool
    ended: bool
    idle: bool
    flags: list[str] = field(default_factory=list)
    evaluation: Evaluation | None = None


@dataclass
class AnnualFigures:
    region: Region
    year: int
    scope: str
    generated_at: datetime.datetime
    summary: list[tuple[str, Any]]
    tables: list[Table]
    lines: list[Line]
    notes: list[str]


Progress = Callable[[int, str], None]


def scope_regions(region: Region) -> Any:
    if region.is_province:
        return Region.objects.in_province(region)
    return Region.objects.filter(pk=region.pk)


def _finished_on(ids: list[int]) -> dict[int, datetime.date]:
    """The day each agreement was rejected or terminated, from its timeline."""
    changes = StatusChange.objects.filter(agreement_id__in=ids, to_status__in=FINISHED)
    return {aid: timezone.localdate(at) for aid, at in changes.values_list("agreement_id", "at")}


def status_at_year_end(
    agreement: Agreement, end: datetime.date, finished: datetime.date | None
) -> str:
    signed = agreement.signed_on is not None and agreement.signed_on <= end
    if signed and agreement.status in SIGNED:
        if agreement.status == AgreementStatus.TERMINATED and finished and finished <= end:
            return AgreementStatus.TERMINATED.value
        if agreement.end_date is not None and agreement.end_date <= end:
            return AgreementStatus.ENDED.value
        return AgreementStatus.ACTIVE.value
    if agreement.status in FINISHED and finished and finished <= end:
        return str(agreement.status)
    return IN_PROCESS


def agreements_of(region: Region, year: int) -> tuple[list[Agreement], dict[int, datetime.date]]:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    candidates = (
        Agreement.objects.visible_to_regions(scope_regions(region))
        .filter(Q(signed_on__lte=end) | Q(created_at__date__lte=end))
        .exclude(end_date__lt=start)
        .select_related("primary_affair", "owner_region")
        .defer(*UNLISTED)
        .order_by("owner_region__code", "signed_on", "pk")
    )
    agreements = list(candidates)
    finished = _finished_on([a.pk for a in agreements])
    kept = [a for a in agreements if not (a.pk in finished and finished[a.pk] < start)]
    return kept, finished


def _active_in_year(ids: list[int], year: int) -> set[int]:
    """Agreements with a counted report, a budget line or a completed milestone in `year`."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    reported = MonitoringReport.objects.filter(
        agreement_id__in=ids, state__in=COUNTED_STATES, period_start__lte=end, period_end__gte=start
    ).values_list("agreement_id", flat=True)
    budgeted = BudgetLine.objects.filter(agreement_id__in=ids, fiscal_year=year).values_list(
        "agreement_id", flat=True
    )
    done = Milestone.objects.filter(agreement_id__in=ids, done_at__year=year).values_list(
        "agreement_id", flat=True
    )
    return set(reported) | set(budgeted) | set(done)


def _is_idle(agreement: Agreement, status: str, end: datetime.date, active: set[int]) -> bool:
    started = agreement.start_date or agreement.signed_on
    in_force_long = started is not None and started <= add_months(end, -settings.IDLE_MONTHS)
    return status == AgreementStatus.ACTIVE and in_force_long and agreement.pk not in active


def build_lines(region: Region, year: int) -> list[Line]:
    end = datetime.date(year, 12, 31)
    agreements, finished = agreements_of(region, year)
    ids = [a.pk for a in agreements]
    active = _active_in_year(ids, year)
    flags: dict[int, list[str]] = defaultdict(list)
    for aid, code in AgreementFlag.objects.filter(agreement_id__in=ids).values_list(
        "agreement_id", "code"
    ):
        flags[aid].append(code)
    evaluations = {
        e.agreement_id: e for e in Evaluation.objects.filter(agreement_id__in=ids, year=year)
    }
    lines = []
    for a in agreements:
        status = status_at_year_end(a, end, finished.get(a.pk))
        lines.append(
            Line(
                agreement=a,
                status=status,
                new=a.signed_on is not None and a.signed_on.year == year,
                ended=a.end_date is not None and a.end_date.year == year,
                idle=_is_idle(a, status, end, active),
                flags=sorted(flags.get(a.pk, [])),
                evaluation=evaluations.get(a.pk),
            )
        )
    return lines


def _counted(title: str, key: str, labels: Iterable[str], counts: Counter[str]) -> Table:
    rows: list[list[Any]] = [[label, counts.get(label, 0)] for label in labels]
    return Table(key, title, ["Uraian", "Jumlah"], rows, chart=True)


def _by_kind(lines: list[Line]) -> Table:
    counts = Counter(str(line.agreement.get_kind_display()) for line in lines)
    return _counted(
        "Menurut jenis kerja sama",
        "Jenis kerja sama",
        [str(label) for _, label in Agreement.Kind.choices],
        counts,
    )


def _by_sector(lines: list[Line]) -> Table:
    counts = Counter(str(line.agreement.primary_affair) for line in lines)
    ordered = sorted(counts, key=lambda label: (-counts[label], label))
    return _counted("Menurut bidang urusan utama", "Bidang urusan", ordered, counts)


def _by_status(lines: list[Line], year: int) -> Table:
    counts = Counter(STATUS_LABELS[line.status] for line in lines)
    return _counted(
        f"Menurut status pada 31 Desember {year}",
        "Status akhir tahun",
        STATUS_LABELS.values(),
        counts,
    )


def _by_doc_type(lines: list[Line]) -> Table:
    counts = Counter(DOC_GROUPS[line.agreement.doc_type] for line in lines)
    labels = dict.fromkeys(DOC_GROUPS.values())
    return _counted("KB/Nota/MoU, PKS dan adendum", "Jenis dokumen", labels, counts)


def _new_and_ended(lines: list[Line], year: int) -> Table:
    rows: list[list[Any]] = [
        [f"Baru: ditandatangani pada {year}", sum(line.new for line in lines)],
        [f"Berakhir: tanggal berakhir pada {year}", sum(line.ended for line in lines)],
    ]
    return Table(
        "Baru dan berakhir",
        "Kerja sama baru dan yang berakhir",
        ["Uraian", "Jumlah"],
        rows,
        chart=True,
    )


def _flags(lines: list[Line]) -> Table:
    counts = Counter(code for line in lines for code in line.flags)
    rows: list[list[Any]] = [
        [str(label), counts.get(code, 0)] for code, label in AgreementFlag.Code.choices
    ]
    note = "Tanda perencanaan dan anggaran sebagaimana tercatat saat laporan dibuat."
    return Table(
        "Tanda", "Tanda perencanaan dan anggaran", ["Tanda", "Jumlah kerja sama"], rows, True, note
    )


def _idle(lines: list[Line], year: int) -> Table:
    rows: list[list[Any]] = [
        [line.agreement.number or "—", line.agreement.title, line.agreement.owner_region.name]
        for line in lines
        if line.idle
    ]
    note = (
        f"Berlaku pada 31 Desember {year}, sudah berjalan sedikitnya {settings.IDLE_MONTHS} "
        f"bulan, dan selama {year} tanpa laporan monev, tanpa anggaran dan tanpa tonggak yang "
        "diselesaikan."
    )
    return Table(
        "Tanpa kegiatan",
        f"Kerja sama tanpa kegiatan (simbolis): {len(rows)}",
        ["Nomor", "Judul", "Wilayah pencatat"],
        rows,
        note=note,
    )


def _scores(lines: list[Line]) -> Table:
    final = [
        line.evaluation for line in lines if line.evaluation and line.evaluation.state == "final"
    ]
    counts = Counter(e.category for e in final if e.category)
    rows: list[list[Any]] = [
        [label, counts.get(code, 0)] for code, label in CATEGORY_LABELS.items()
    ]
    totals = [e.total for e in final if e.total is not None]
    drafts = sum(1 for line in lines if line.evaluation and line.evaluation.state != "final")
    mean = number(rounded(sum(totals, Decimal(0)) / len(totals))) if totals else "—"
    note = (
        f"{len(final)} evaluasi final, rata-rata nilai akhir {mean}; "
        f"{drafts} evaluasi masih draf (tidak dihitung)."
    )
    return Table(
        "Nilai evaluasi",
        "Hasil evaluasi menurut kategori",
        ["Kategori", "Jumlah"],
        rows,
        True,
        note,
    )


def _recommendations(lines: list[Line], year: int) -> list[Table]:
    ids = [line.agreement.pk for line in lines]
    reports = MonitoringReport.objects.filter(
        agreement_id__in=ids, state__in=COUNTED_STATES, period_end__year=year
    ).values_list("recommendation", flat=True)
    counts = Counter(reports)
    labels = dict(MonitoringReport.Recommendation.choices)
    rows: list[list[Any]] = [[str(label), counts.get(code, 0)] for code, label in labels.items()]
    rows.append(["Tanpa rekomendasi", counts.get("", 0)])
    poor = [
        [line.agreement.number or "—", line.agreement.title, number(line.evaluation.total)]
        for line in lines
        if line.evaluation
        and line.evaluation.state == "final"
        and line.evaluation.category == "kurang"
    ]
    return [
        Table(
            "Rekomendasi monev",
            f"Rekomendasi laporan monev periode {year}",
            ["Rekomendasi", "Jumlah laporan"],
            rows,
            chart=True,
        ),
        Table(
            "Perlu ditinjau",
            "Kerja sama berkategori kurang (perlu ditinjau)",
            ["Nomor", "Judul", "Nilai akhir"],
            poor,
        ),
    ]


def listing(lines: list[Line]) -> Table:
    rows: list[list[Any]] = []
    flag_labels = dict(AgreementFlag.Code.choices)
    for line in lines:
        a, e = line.agreement, line.evaluation
        rows.append(
            [
                a.number or "—",
                a.title,
                a.owner_region.code,
                a.get_doc_type_display(),
                str(a.primary_affair),
                STATUS_LABELS[line.status],
                a.signed_on,
                a.end_date,
                "; ".join(str(flag_labels[c]) for c in line.flags) or "—",
                "ya" if line.idle else "tidak",
                e.total if e and e.total is not None else None,
                e.get_category_display() if e and e.category else "—",
                e.get_state_display() if e else "belum dievaluasi",
            ]
        )
    headers = [
        "Nomor",
        "Judul",
        "Wilayah pencatat",
        "Jenis dokumen",
        "Urusan utama",
        "Status akhir tahun",
        "Tanggal ttd",
        "Tanggal berakhir",
        "Tanda",
        "Tanpa kegiatan",
        "Nilai akhir",
        "Kategori",
        "Status evaluasi",
    ]
    return Table("Kerja sama", "Daftar kerja sama", headers, rows)


def _summary(lines: list[Line], year: int) -> list[tuple[str, Any]]:
    final = [line for line in lines if line.evaluation and line.evaluation.state == "final"]
    return [
        ("Jumlah kerja sama", len(lines)),
        (f"Berlaku pada 31 Desember {year}", sum(line.status == "berlaku" for line in lines)),
        (f"Baru ditandatangani pada {year}", sum(line.new for line in lines)),
        (f"Berakhir pada {year}", sum(line.ended for line in lines)),
        ("KB / Nota Kesepakatan / MoU", sum(line.agreement.is_framework for line in lines)),
        ("PKS", sum(line.agreement.doc_type == "pks" for line in lines)),
        ("Adendum", sum(line.agreement.doc_type == "adendum" for line in lines)),
        ("Dengan tanda perencanaan/anggaran", sum(bool(line.flags) for line in lines)),
        ("Tanpa kegiatan (simbolis)", sum(line.idle for line in lines)),
        ("Dievaluasi (final)", len(final)),
    ]


def build(region: Region, year: int, progress: Progress | None = None) -> AnnualFigures:
    step = progress or (lambda percent, text: None)
    step(10, "Menghimpun kerja sama")
    lines = build_lines(region, year)
    step(30, "Menghitung angka")
    tables = [
        _by_kind(lines),
        _by_sector(lines),
        _by_status(lines, year),
        _by_doc_type(lines),
        _new_and_ended(lines, year),
        _flags(lines),
        _idle(lines, year),
        _scores(lines),
        *_recommendations(lines, year),
    ]
    scope = (
        f"{region.name} beserta kabupaten/kota di wilayahnya" if region.is_province else region.name
    )
    notes = [
        "Cakupan: kerja sama yang dicatat oleh atau melibatkan wilayah dalam cakupan, "
        f"ditandatangani atau dicatat paling lambat 31 Desember {year}, dan belum selesai "
        f"sebelum 1 Januari {year}.",
        "Nilai evaluasi dihitung dari evaluasi final; kategori: ≥ 85 sangat baik, ≥ 70 baik, "
        "≥ 55 cukup, di bawah 55 kurang (perlu ditinjau).",
    ]
    return AnnualFigures(
        region, year, scope, timezone.now(), _summary(lines, year), tables, lines, notes
    )
