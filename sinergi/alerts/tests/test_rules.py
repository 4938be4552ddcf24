"""The warning rules on facts built by hand: no database, exact boundaries."""

import datetime

import pytest
from django.utils import timezone

from sinergi.agreements.models import Agreement, Milestone, Status
from sinergi.alerts.rules import AgreementFacts, current_warnings, reminder_step
from sinergi.alerts.tests.conftest import at
from sinergi.monitoring.models import Obligation

TODAY = datetime.date(2026, 11, 23)
DAY = datetime.timedelta(days=1)


def agreement(
    *,
    status: str = Status.ACTIVE,
    start: datetime.date | None = TODAY - DAY * 30,
    end: datetime.date | None = TODAY + DAY * 365,
) -> Agreement:
    return Agreement(pk=1, status=status, start_date=start, end_date=end, title="Uji")


def keys(facts: AgreementFacts, today: datetime.date = TODAY, kind: str = "") -> list[str]:
    return [w.key for w in current_warnings(facts, today) if w.kind.startswith(kind)]


# --- ending: 90/60/30/7/0 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "step"),
    [
        *[(365, None), (91, None), (90, 90), (61, 90), (60, 60), (31, 60), (30, 30)],
        *[(8, 30), (7, 7), (1, 7), (0, 0)],
    ],
)
def test_the_reminder_step_is_the_smallest_step_not_yet_passed(
    days_left: int, step: int | None
) -> None:
    assert reminder_step(days_left) == step
    expected = [] if step is None else [f"akan_berakhir:{step}"]
    assert keys(AgreementFacts(agreement(end=TODAY + DAY * days_left))) == expected


def test_it_warns_no_more_once_the_end_date_has_passed() -> None:
    assert keys(AgreementFacts(agreement(end=TODAY - DAY))) == []


def test_the_ending_warning_says_how_many_days_are_left_and_what_to_decide() -> None:
    (warning,) = current_warnings(AgreementFacts(agreement(end=TODAY + DAY * 45)), TODAY)
    assert warning.kind == "akan_berakhir"
    assert "berakhir dalam 45 hari" in warning.message
    assert "diperpanjang" in warning.next_step
    assert "laporan monev akhir" in warning.next_step
    assert warning.due_date == TODAY + DAY * 45


def test_it_stops_the_ending_reminders_once_a_renewal_exists() -> None:
    facts = AgreementFacts(agreement(end=TODAY + DAY * 7), has_renewal=True)
    assert keys(facts) == []


def test_an_agreement_ended_today_by_the_expiry_job_still_gets_the_last_reminder() -> None:
    facts = AgreementFacts(agreement(status=Status.ENDED, end=TODAY))
    (warning,) = current_warnings(facts, TODAY)
    assert warning.key == "akan_berakhir:0"
    assert "berakhir hari ini" in warning.message


@pytest.mark.parametrize("status", [Status.ENDED, Status.TERMINATED, Status.SIGNING])
def test_agreements_not_in_force_get_no_ending_reminder(status: str) -> None:
    assert keys(AgreementFacts(agreement(status=status, end=TODAY + DAY * 30))) == []


# --- milestones, reports, obligations --------------------------------------------------------


def milestone(pk: int, due: datetime.date, done: bool = False) -> Milestone:
    return Milestone(
        pk=pk,
        stage=Status.DRAFTING,
        name="Telaah hukum rancangan naskah",
        responsible="Bagian Hukum",
        due_date=due,
        done_at=at(due) if done else None,
    )


def test_an_open_milestone_past_its_due_date_is_overdue_even_in_the_pipeline() -> None:
    facts = AgreementFacts(
        agreement(status=Status.DRAFTING, start=None, end=None),
        milestones=[
            milestone(17, TODAY - DAY),
            milestone(18, TODAY),
            milestone(19, TODAY - DAY, True),
        ],
    )
    (warning,) = current_warnings(facts, TODAY)
    assert warning.key == "tonggak_terlambat:17"
    assert "Telaah hukum rancangan naskah" in warning.message
    assert warning.next_step.startswith("Bagian Hukum menyelesaikan")


def test_a_report_is_overdue_from_the_day_after_its_grace_period() -> None:
    # Periods of 6 months from 1 Jan 2026: the first ends 30 Jun, due 30 Jul (30 days' grace).
    facts = AgreementFacts(agreement(start=datetime.date(2026, 1, 1)))
    assert keys(facts, datetime.date(2026, 7, 30), "laporan") == []
    assert keys(facts, datetime.date(2026, 7, 31), "laporan") == ["laporan_terlambat:2026-06-30"]


def test_a_counted_report_covers_its_period() -> None:
    facts = AgreementFacts(
        agreement(start=datetime.date(2026, 1, 1)), covered_until=datetime.date(2026, 6, 30)
    )
    assert keys(facts, datetime.date(2026, 7, 31), "laporan") == []


def test_each_uncovered_period_is_its_own_warning() -> None:
    facts = AgreementFacts(
        agreement(start=datetime.date(2025, 1, 1), end=datetime.date(2027, 12, 31))
    )
    found = keys(facts, datetime.date(2026, 3, 1), "laporan")
    assert found == ["laporan_terlambat:2025-06-30", "laporan_terlambat:2025-12-31"]


def test_an_unfulfilled_obligation_past_its_due_date_is_overdue() -> None:
    obligations = [
        Obligation(pk=5, description="Menyediakan tenaga dokter spesialis", due_date=TODAY - DAY),
        Obligation(pk=6, description="Menyediakan ruang rawat", due_date=TODAY),
        Obligation(pk=7, description="Tanpa batas waktu", due_date=None),
        Obligation(pk=8, description="Sudah", due_date=TODAY - DAY, done_at=timezone.now()),
    ]
    facts = AgreementFacts(agreement(), obligations=obligations)
    (warning,) = current_warnings(facts, TODAY)
    assert warning.key == "kewajiban_terlambat:5"
    assert "Menyediakan tenaga dokter spesialis" in warning.message


# --- idle (simbolis) -------------------------------------------------------------------------

SIX_MONTHS_AGO = datetime.date(2026, 5, 23)  # IDLE_MONTHS = 6 before TODAY


def test_an_agreement_in_force_exactly_idle_months_with_nothing_done_is_idle() -> None:
    (warning,) = current_warnings(AgreementFacts(agreement(start=SIX_MONTHS_AGO)), TODAY)
    assert warning.key == "simbolis"
    assert "simbolis" in warning.message
    assert "6 bulan" in warning.message
    assert "pengakhiran" in warning.next_step
    assert warning.due_date == TODAY


def test_an_agreement_one_day_short_of_idle_months_is_not_idle() -> None:
    assert keys(AgreementFacts(agreement(start=SIX_MONTHS_AGO + DAY))) == []


def test_activity_on_the_first_day_of_the_window_keeps_it_from_being_idle() -> None:
    old = agreement(start=datetime.date(2024, 1, 1))
    assert keys(AgreementFacts(old, activity=at(SIX_MONTHS_AGO)), kind="simbolis") == []
    facts = AgreementFacts(old, activity=at(SIX_MONTHS_AGO - DAY))
    assert keys(facts, kind="simbolis") == ["simbolis"]
    # Idle since IDLE_MONTHS after the last activity.
    (idle,) = [w for w in current_warnings(facts, TODAY) if w.kind == "simbolis"]
    assert idle.due_date == TODAY - DAY


def test_budget_for_a_fiscal_year_in_the_window_keeps_it_from_being_idle() -> None:
    old = agreement(start=datetime.date(2024, 1, 1))
    assert keys(AgreementFacts(old, last_budget_year=2026), kind="simbolis") == []
    assert keys(AgreementFacts(old, last_budget_year=2025), kind="simbolis") == ["simbolis"]


def test_agreements_in_the_pipeline_are_never_idle() -> None:
    facts = AgreementFacts(agreement(status=Status.SIGNING, start=datetime.date(2024, 1, 1)))
    assert keys(facts) == []
