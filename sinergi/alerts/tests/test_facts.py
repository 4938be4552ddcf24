"""The facts the daily job reads from the database, and the rules on them: renewals, reports,
budget and every kind of activity that keeps an agreement from being idle."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from sinergi.agreements.models import Agreement, AgreementDocument, Milestone, StatusChange
from sinergi.agreements.services import agreement_reject, agreement_submit
from sinergi.alerts.rules import current_warnings, overdue_periods
from sinergi.alerts.selectors import facts_chunks, facts_for
from sinergi.monitoring import schedule
from sinergi.monitoring.models import MonitoringReport, Obligation
from sinergi.planning.models import BudgetLine

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def kinds(agreement: Agreement, today: datetime.date) -> list[str]:
    (facts,) = facts_for([agreement.pk], today)
    return sorted(w.kind for w in current_warnings(facts, today))


@pytest.fixture
def old(in_force: Callable[..., Agreement], today: datetime.date) -> Agreement:
    """In force for two years with nothing recorded since its signing; reports are covered so
    that only the idle rule speaks."""
    agreement = in_force(today - DAY * 730, today + DAY * 730)
    report = MonitoringReport.objects.create(
        agreement=agreement,
        period_start=agreement.start_date,
        period_end=today - DAY,
        state=MonitoringReport.State.REVIEWED,
    )
    MonitoringReport.objects.filter(pk=report.pk).update(created_at=timezone.now() - DAY * 400)
    return agreement


def test_an_agreement_with_nothing_recorded_for_idle_months_is_idle(
    old: Agreement, today: datetime.date
) -> None:
    assert kinds(old, today) == ["simbolis"]


def test_a_report_in_any_state_resets_the_idle_rule(old: Agreement, today: datetime.date) -> None:
    MonitoringReport.objects.create(
        agreement=old, period_start=today - DAY * 10, period_end=today, state="draf"
    )
    assert kinds(old, today) == []


@pytest.mark.parametrize(
    ("allocated", "realised", "idle"), [(0, 0, True), (1, 0, False), (0, 5, False)]
)
def test_a_budget_line_with_money_this_year_resets_the_idle_rule(
    old: Agreement, today: datetime.date, allocated: int, realised: int, idle: bool
) -> None:
    BudgetLine.objects.create(
        agreement=old,
        party=old.parties.first(),
        fiscal_year=today.year,
        allocated=allocated,
        realised=realised,
    )
    assert kinds(old, today) == (["simbolis"] if idle else [])


def test_an_uploaded_document_resets_the_idle_rule(old: Agreement, today: datetime.date) -> None:
    AgreementDocument.objects.create(
        agreement=old,
        kind="lampiran",
        title="Rencana kerja",
        file="agreements/x/rencana.pdf",
        original_name="rencana.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    assert kinds(old, today) == []


def test_a_completed_milestone_resets_the_idle_rule(old: Agreement, today: datetime.date) -> None:
    Milestone.objects.create(
        agreement=old,
        stage="berlaku",
        name="Rapat koordinasi",
        responsible="TKKSD",
        due_date=today,
        done_at=timezone.now(),
    )
    assert kinds(old, today) == []


def test_a_fulfilled_obligation_resets_the_idle_rule(old: Agreement, today: datetime.date) -> None:
    Obligation.objects.create(
        agreement=old, party=old.parties.first(), description="Data", done_at=timezone.now()
    )
    assert kinds(old, today) == []


def test_a_status_change_resets_the_idle_rule(old: Agreement, today: datetime.date) -> None:
    StatusChange.objects.create(agreement=old, from_status="berlaku", to_status="berlaku")
    assert kinds(old, today) == []


def test_a_renewal_in_progress_stops_the_ending_reminder_but_a_rejected_one_does_not(
    in_force: Callable[..., Agreement],
    make_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    today: datetime.date,
) -> None:
    ending = in_force(today - DAY * 30, today + DAY * 60)
    assert kinds(ending, today) == ["akan_berakhir"]
    renewal = make_agreement(tkksd_samarinda, samarinda, [kukar], renews=ending)
    assert kinds(ending, today) == []
    agreement_reject(
        user=tkksd_samarinda,
        agreement=agreement_submit(user=tkksd_samarinda, agreement=renewal),
        note="Tidak dilanjutkan",
    )
    assert kinds(ending, today) == ["akan_berakhir"]


def test_overdue_periods_agree_with_the_monitoring_schedule(
    in_force: Callable[..., Agreement], today: datetime.date
) -> None:
    agreement = in_force(today - DAY * 800, today + DAY * 400)
    MonitoringReport.objects.create(
        agreement=agreement,
        period_start=agreement.start_date,
        period_end=schedule.periods(agreement, today)[0].end,
        state=MonitoringReport.State.SUBMITTED,
    )
    MonitoringReport.objects.create(  # a draft covers nothing
        agreement=agreement, period_start=today - DAY * 20, period_end=today - DAY * 10
    )
    (facts,) = facts_for([agreement.pk], today)
    assert overdue_periods(facts, today) == schedule.overdue_periods(agreement, today)
    assert len(overdue_periods(facts, today)) >= 2


def test_the_job_reads_agreements_in_force_and_in_the_pipeline_in_chunks(
    in_force: Callable[..., Agreement],
    make_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    today: datetime.date,
) -> None:
    active = [in_force(today - DAY, today + DAY * 100) for _ in range(3)]
    proposed = make_agreement(tkksd_samarinda, samarinda, [kukar])
    chunks = list(facts_chunks(today, size=2))
    assert [len(c) for c in chunks] == [2, 2]
    seen = [f.agreement.pk for c in chunks for f in c]
    assert seen == sorted([a.pk for a in active] + [proposed.pk])
