"""What needs doing on an agreement today: the early-warning rules, free of database access.

Each rule reads an `AgreementFacts` (the agreement plus the few related rows and dates the
selectors gather for a whole chunk of agreements at once) and returns `Found` warnings. A
warning's `key` names the situation, so the daily job finds yesterday's row for it: the
ending reminder's key carries its step (`akan_berakhir:30`), so each step is a new warning
and a new e-mail, as in Samarinda's 90/60/30/7/0 practice (domain brief §1.8).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from sinergi.agreements.models import Agreement, Milestone, Status
from sinergi.agreements.rules import add_months
from sinergi.alerts.models import Warning
from sinergi.monitoring import schedule
from sinergi.monitoring.models import Obligation

Kind = Warning.Kind


@dataclass(frozen=True)
class Found:
    """A warning as the rules see it, before it is stored."""

    kind: str
    key: str
    message: str
    next_step: str
    due_date: datetime.date | None


@dataclass
class AgreementFacts:
    """An agreement and what the rules need to know about it.

    `milestones` and `obligations`: the open ones (not done); `covered_until`: the latest
    period end covered by a counted monev report (as `schedule.covered_until`);
    `activity`: when something last happened (report written, document uploaded, milestone
    completed, obligation fulfilled, status changed), None when never;
    `last_budget_year`: the latest fiscal year with an allocation or realisation above 0.
    """

    agreement: Agreement
    has_renewal: bool = False
    covered_until: datetime.date | None = None
    milestones: Sequence[Milestone] = ()
    obligations: Sequence[Obligation] = ()
    activity: datetime.datetime | None = None
    last_budget_year: int | None = None


def current_warnings(facts: AgreementFacts, today: datetime.date) -> list[Found]:
    """Every warning of the agreement as of `today`."""
    found: list[Found] = []
    found += milestone_warnings(facts, today)
    if not is_in_force(facts.agreement, today):
        return found
    ending = ending_warning(facts, today)
    found += [ending] if ending else []
    found += report_warnings(facts, today)
    found += obligation_warnings(facts, today)
    idle = idle_warning(facts, today)
    found += [idle] if idle else []
    return found


def is_in_force(agreement: Agreement, today: datetime.date) -> bool:
    """Berlaku, or ended today by the expiry job: its last day still gets the 0-day reminder,
    whichever of the two daily jobs runs first."""
    if agreement.status == Status.ACTIVE:
        return True
    return agreement.status == Status.ENDED and agreement.end_date == today


# --- ending ---------------------------------------------------------------------------------


def reminder_step(days_left: int) -> int | None:
    """The smallest reminder step d (90, 60, 30, 7, 0) with `days_left` ≤ d; None before 90."""
    steps = [d for d in settings.ENDING_REMINDER_DAYS if days_left <= d]
    return min(steps) if steps else None


def ending_warning(facts: AgreementFacts, today: datetime.date) -> Found | None:
    end = facts.agreement.end_date
    if end is None or end < today or facts.has_renewal:
        return None
    days_left = (end - today).days
    step = reminder_step(days_left)
    if step is None:
        return None
    when = "hari ini" if days_left == 0 else f"dalam {days_left} hari"
    return Found(
        kind=Kind.ENDING,
        key=f"{Kind.ENDING}:{step}",
        message=f"Kerja sama ini berakhir {when} ({end:%d-%m-%Y}) dan belum ada perpanjangannya.",
        next_step=(
            "Putuskan bersama para pihak apakah kerja sama diperpanjang (perjanjian baru atau "
            "adendum) atau diakhiri, catat keputusannya di Sinergi, dan minta perangkat daerah "
            "pelaksana menyusun laporan monev akhir."
        ),
        due_date=end,
    )


# --- overdue milestones, reports, obligations -----------------------------------------------


def milestone_warnings(facts: AgreementFacts, today: datetime.date) -> list[Found]:
    return [
        Found(
            kind=Kind.MILESTONE_OVERDUE,
            key=f"{Kind.MILESTONE_OVERDUE}:{m.pk}",
            message=(
                f"Tonggak SOP “{m.name}” (tahap {Status(m.stage).label}) melewati batas waktu "
                f"{m.due_date:%d-%m-%Y}."
            ),
            next_step=(
                f"{m.responsible or 'Penanggung jawab'} menyelesaikan kegiatan ini, lalu TKKSD "
                "menandai tonggaknya selesai pada halaman kerja sama."
            ),
            due_date=m.due_date,
        )
        for m in facts.milestones
        if m.done_at is None and m.due_date < today
    ]


def overdue_periods(facts: AgreementFacts, today: datetime.date) -> list[schedule.Period]:
    """`schedule.overdue_periods` on facts gathered for many agreements at once: the same
    periods, with the covering report read by the chunk's query instead of one per agreement.
    """
    covered = facts.covered_until
    return [
        p
        for p in schedule.periods(facts.agreement, today)
        if p.due < today and (covered is None or covered < p.end)
    ]


def report_warnings(facts: AgreementFacts, today: datetime.date) -> list[Found]:
    return [
        Found(
            kind=Kind.REPORT_OVERDUE,
            key=f"{Kind.REPORT_OVERDUE}:{p.end.isoformat()}",
            message=(
                f"Laporan monev periode {p.start:%d-%m-%Y} s.d. {p.end:%d-%m-%Y} belum diajukan; "
                f"batas waktunya {p.due:%d-%m-%Y}."
            ),
            next_step=(
                "Perangkat daerah pelaksana menyusun laporan monev periode ini (kegiatan, "
                "keluaran, realisasi anggaran, kendala) dan mengajukannya untuk direviu TKKSD."
            ),
            due_date=p.due,
        )
        for p in overdue_periods(facts, today)
    ]


def obligation_warnings(facts: AgreementFacts, today: datetime.date) -> list[Found]:
    return [
        Found(
            kind=Kind.OBLIGATION_OVERDUE,
            key=f"{Kind.OBLIGATION_OVERDUE}:{o.pk}",
            message=(
                f"Kewajiban “{_short(o.description)}” melewati batas waktu "
                f"{o.due_date:%d-%m-%Y} dan belum dipenuhi."
            ),
            next_step=(
                "Pihak yang berkewajiban memenuhinya dan mengunggah buktinya di Sinergi, atau "
                "mencatat kendalanya agar dibahas TKKSD bersama para pihak."
            ),
            due_date=o.due_date,
        )
        for o in facts.obligations
        if o.done_at is None and o.due_date is not None and o.due_date < today
    ]


def _short(text: str, limit: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- idle ("simbolis") ----------------------------------------------------------------------


def idle_since(facts: AgreementFacts, today: datetime.date) -> datetime.date | None:
    """The day the agreement became idle, or None when it is not idle today.

    Idle: in force for at least IDLE_MONTHS months, and within the last IDLE_MONTHS months no
    monev report, no budget line with money in it (fiscal years overlapping the window) and
    no activity at all. A document, a completed milestone or a status change resets it.
    """
    months = settings.IDLE_MONTHS
    window_start = add_months(today, -months)
    start = facts.agreement.start_date
    if start is None or start > window_start:
        return None
    last = timezone.localdate(facts.activity) if facts.activity else None
    if last is not None and last >= window_start:
        return None
    if facts.last_budget_year is not None and facts.last_budget_year >= window_start.year:
        return None
    return add_months(max(start, last) if last else start, months)


def idle_warning(facts: AgreementFacts, today: datetime.date) -> Found | None:
    since = idle_since(facts, today)
    if since is None:
        return None
    months = settings.IDLE_MONTHS
    return Found(
        kind=Kind.IDLE,
        key=str(Kind.IDLE),
        message=(
            f"Kerja sama berlaku sejak {facts.agreement.start_date:%d-%m-%Y}, tetapi dalam "
            f"{months} bulan terakhir tidak ada laporan monev, anggaran, maupun kegiatan yang "
            "tercatat (kerja sama simbolis)."
        ),
        next_step=(
            "TKKSD membahas bersama perangkat daerah pelaksana dan para pihak: susun rencana "
            "kerja, anggarkan dan laporkan pelaksanaannya, atau usulkan pengakhiran bila kerja "
            "sama tidak memberi manfaat."
        ),
        due_date=since,
    )
