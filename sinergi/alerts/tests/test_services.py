"""The daily job: warnings stored once per situation, resolved and reopened, and e-mailed once
per recipient, to the right people only."""

import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from sinergi.agreements.models import Agreement, Milestone
from sinergi.agreements.services import agreement_terminate
from sinergi.alerts.models import Warning, WarningDelivery, WarningRun
from sinergi.alerts.services import warnings_refresh, warnings_run_daily
from sinergi.alerts.tasks import run_daily_warnings
from sinergi.audit.models import AuditEntry
from sinergi.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def ending(in_force: Callable[..., Agreement], today: datetime.date) -> Agreement:
    """Samarinda–Kukar, implemented by Dinkes Samarinda, ending in 90 days."""
    return in_force(today - DAY * 30, today + DAY * 90)


def recipients_of(message: Any) -> set[str]:
    return set(message.to)


# --- refresh --------------------------------------------------------------------------------


def test_a_warning_is_stored_once_and_moves_through_the_reminder_steps(
    ending: Agreement, today: datetime.date
) -> None:
    run = warnings_refresh(today=today)
    (first,) = Warning.objects.open()
    assert (first.key, first.first_seen, run.opened) == ("akan_berakhir:90", today, 1)

    again = warnings_refresh(today=today + DAY)  # 89 days left: the same step
    (same,) = Warning.objects.open()
    assert (same.pk, same.first_seen, same.last_seen, again.opened) == (
        first.pk,
        today,
        today + DAY,
        0,
    )
    assert "89 hari" in same.message

    moved = warnings_refresh(today=today + DAY * 30)  # 60 days left
    (step60,) = Warning.objects.open()
    assert step60.key == "akan_berakhir:60"
    assert (moved.opened, moved.resolved) == (1, 1)
    assert Warning.objects.get(pk=first.pk).resolved_at is not None


def test_a_resolved_warning_that_comes_back_is_reopened_on_the_same_row(
    ending: Agreement, today: datetime.date
) -> None:
    milestone = Milestone.objects.create(
        agreement=ending, stage="berlaku", name="Rapat", responsible="TKKSD", due_date=today - DAY
    )
    warnings_refresh(today=today)
    overdue = Warning.objects.get(kind="tonggak_terlambat")
    milestone.done_at = timezone.now()
    milestone.save()
    assert warnings_refresh(today=today).resolved == 1
    assert Warning.objects.get(pk=overdue.pk).resolved_at is not None
    milestone.done_at = None  # reopened by mistake and still not done
    milestone.save()
    assert warnings_refresh(today=today + DAY).opened == 1
    back = Warning.objects.get(pk=overdue.pk)
    assert (back.resolved_at, back.first_seen, back.last_seen) == (None, today, today + DAY)
    assert Warning.objects.filter(kind="tonggak_terlambat").count() == 1


def test_warnings_of_an_agreement_that_is_no_longer_in_force_are_resolved(
    ending: Agreement, tkksd_samarinda: Any, today: datetime.date
) -> None:
    warnings_refresh(today=today)
    agreement_terminate(user=tkksd_samarinda, agreement=ending, reason="tujuan_tercapai")
    assert warnings_refresh(today=today).resolved == 1
    assert not Warning.objects.open().exists()


def test_the_refresh_reads_a_chunk_in_a_fixed_number_of_queries(
    in_force: Callable[..., Agreement],
    today: datetime.date,
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(4):
        in_force(today - DAY * 30, today + DAY * 60)
    # run row, chunk (agreements + 2 prefetches), existing, resolve, upsert, end of chunks,
    # resolve the rest, save counts; savepoints aside, independent of the number of agreements.
    with django_assert_max_num_queries(14):
        warnings_refresh(today=today)
    assert Warning.objects.open().count() == 4


# --- send -----------------------------------------------------------------------------------


@pytest.fixture
def people(
    province_admin: Any,
    executive: Any,
    tkksd_samarinda: Any,
    tkksd_kukar: Any,
    tkksd_pontianak: Any,
    officer: Any,
    samarinda: Any,
) -> dict[str, Any]:
    other_opd = AgencyFactory(region=samarinda, name="Dinas Pendidikan Kota Samarinda")
    return {
        "admin": province_admin,
        "executive": executive,
        "samarinda": tkksd_samarinda,
        "kukar": tkksd_kukar,
        "pontianak": tkksd_pontianak,
        "officer": officer,
        "other_officer": UserFactory(
            username="opd.disdik", role="perangkat_daerah", region=samarinda, agency=other_opd
        ),
        "no_email": UserFactory(username="tkksd.tanpa.surel", region=samarinda, email=""),
        "inactive": UserFactory(username="tkksd.nonaktif", region=samarinda, is_active=False),
    }


def test_it_mails_the_owner_s_tkksd_and_province_admin_the_partners_tkksd_and_the_opd(
    ending: Agreement, people: dict[str, Any], today: datetime.date
) -> None:
    run = warnings_run_daily(today=today)
    expected = {people[k].email for k in ("admin", "samarinda", "kukar", "officer")}
    assert {m.to[0] for m in mail.outbox} == expected
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert run.emails == 4
    assert WarningDelivery.objects.count() == 4


def test_pontianak_never_receives_samarinda_s_warnings(
    ending: Agreement, people: dict[str, Any], today: datetime.date
) -> None:
    warnings_run_daily(today=today)
    sent_to = {m.to[0] for m in mail.outbox}
    for name in ("pontianak", "executive", "other_officer", "no_email", "inactive"):
        assert people[name].email not in sent_to, name


def test_the_e_mail_is_in_indonesian_with_the_next_step_and_links(
    ending: Agreement, people: dict[str, Any], today: datetime.date, settings: Any
) -> None:
    settings.BASE_URL = "https://sinergi.kaltimprov.go.id/"
    warnings_run_daily(today=today)
    message = next(m for m in mail.outbox if m.to == [people["samarinda"].email])
    assert message.subject.startswith("[Sinergi] 1 peringatan dini baru")
    assert ending.title in message.body
    assert "berakhir dalam 90 hari" in message.body
    assert "Langkah berikutnya: Putuskan bersama para pihak" in message.body
    assert f"https://sinergi.kaltimprov.go.id/kerja-sama/{ending.pk}/" in message.body
    assert "https://sinergi.kaltimprov.go.id/peringatan/" in message.body


def test_running_twice_on_the_same_day_sends_nothing_the_second_time(
    ending: Agreement, people: dict[str, Any], today: datetime.date
) -> None:
    warnings_run_daily(today=today)
    assert len(mail.outbox) == 4
    second = warnings_run_daily(today=today)
    assert len(mail.outbox) == 4
    assert (second.opened, second.resolved, second.emails) == (0, 0, 0)


def test_the_next_step_sends_one_new_e_mail_per_recipient(
    ending: Agreement, people: dict[str, Any], today: datetime.date
) -> None:
    warnings_run_daily(today=today)
    warnings_run_daily(today=today + DAY)  # still the 90-day step: nothing new
    assert len(mail.outbox) == 4
    mail.outbox.clear()
    warnings_run_daily(today=today + DAY * 30)  # 60 days left
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        people[k].email for k in ("admin", "samarinda", "kukar", "officer")
    )
    assert all("berakhir dalam 60 hari" in m.body for m in mail.outbox)


def test_one_digest_lists_every_new_warning_of_a_recipient(
    in_force: Callable[..., Agreement], people: dict[str, Any], today: datetime.date
) -> None:
    first = in_force(today - DAY * 30, today + DAY * 10, title="Kerja sama air minum")
    second = in_force(today - DAY * 30, today + DAY * 50, title="Kerja sama sampah")
    warnings_run_daily(today=today)
    (message,) = [m for m in mail.outbox if m.to == [people["samarinda"].email]]
    assert "2 peringatan dini baru" in message.subject
    assert first.title in message.body
    assert second.title in message.body


def test_a_failed_send_records_no_delivery_and_is_retried_next_run(
    ending: Agreement, people: dict[str, Any], today: datetime.date, monkeypatch: Any
) -> None:
    def refuse(self: Any, *args: Any, **kwargs: Any) -> int:
        raise OSError("server surel tidak dapat dihubungi")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert warnings_run_daily(today=today).emails == 0
    assert not WarningDelivery.objects.exists()
    monkeypatch.undo()
    assert warnings_run_daily(today=today).emails == 4


# --- job, task and command ------------------------------------------------------------------


def test_the_daily_run_keeps_its_counts_and_an_audit_summary(
    ending: Agreement, people: dict[str, Any], today: datetime.date
) -> None:
    run = warnings_run_daily(today=today)
    run.refresh_from_db()
    assert (run.run_on, run.opened, run.resolved, run.emails) == (today, 1, 0, 4)
    assert run.finished_at is not None
    entry = AuditEntry.objects.get(object_repr=f"Pemeriksaan peringatan dini {today:%d-%m-%Y}")
    assert entry.changes["emails"]["after"] == 4


def test_the_task_runs_the_daily_job(ending: Agreement, today: datetime.date) -> None:
    result = run_daily_warnings.enqueue(today.isoformat())
    run = WarningRun.objects.get(pk=result.return_value)
    assert (run.run_on, run.opened) == (today, 1)


def test_the_command_prints_an_indonesian_summary(
    ending: Agreement, people: dict[str, Any], today: datetime.date
) -> None:
    out = StringIO()
    call_command("send_warnings", "--date", today.isoformat(), stdout=out)
    assert out.getvalue().strip() == (
        f"Pemeriksaan peringatan dini {today:%d-%m-%Y}: 1 peringatan baru, "
        "0 peringatan selesai, 4 surel terkirim."
    )
    out = StringIO()
    call_command("send_warnings", "--date", today.isoformat(), stdout=out)
    assert "0 peringatan baru, 0 peringatan selesai, 0 surel terkirim" in out.getvalue()


def test_the_command_refuses_a_malformed_date(db: Any) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_warnings", "--date", "23-11-2026")


def test_the_demo_seed_computes_warnings_without_sending_mail(
    ending: Agreement, people: dict[str, Any]
) -> None:
    from sinergi.alerts.demo import seed_demo

    seed_demo([ending], people)
    assert Warning.objects.open().filter(agreement=ending).count() == 1
    assert mail.outbox == []
