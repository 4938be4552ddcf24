"""The monev report workflow: who may write, submit, return and review, and when."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from sinergi.agreements.models import Agreement
from sinergi.core.errors import DomainError
from sinergi.monitoring import schedule
from sinergi.monitoring.models import Indicator, MonitoringReport
from sinergi.monitoring.services import (
    report_comment_add,
    report_create,
    report_return,
    report_review,
    report_submit,
    report_update,
)
from sinergi.monitoring.tests.conftest import complete_input

D = datetime.date
State = MonitoringReport.State
MakeReport = Callable[..., MonitoringReport]


@pytest.mark.parametrize(
    "persona", ["tkksd_samarinda", "tkksd_kukar", "officer", "province_admin", "superuser"]
)
def test_party_managers_implementing_officers_and_owner_managers_may_write_a_report(
    persona: str, request: Any, make_report: MakeReport
) -> None:
    user = request.getfixturevalue(persona)
    report = make_report(user)
    assert report.state == State.DRAFT
    assert report.author == user


@pytest.mark.parametrize("persona", ["executive", "tkksd_pontianak"])
def test_readers_and_outsiders_may_not_write_a_report(
    persona: str, request: Any, make_report: MakeReport
) -> None:
    with pytest.raises(PermissionDenied):
        make_report(request.getfixturevalue(persona))


def test_an_officer_of_an_opd_not_implementing_the_agreement_may_not_write_a_report(
    make_report: MakeReport, samarinda: Any
) -> None:
    from sinergi.tests.factories import AgencyFactory, UserFactory

    other = AgencyFactory(region=samarinda, name="Dinas Pariwisata")
    user = UserFactory(role="perangkat_daerah", region=samarinda, agency=other)
    with pytest.raises(PermissionDenied):
        make_report(user)


def test_a_report_needs_an_agreement_in_force_or_ended(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    proposal = make_agreement(tkksd_samarinda, samarinda, [kukar], start_date=D(2025, 1, 1))
    with pytest.raises(DomainError, match="berlaku atau telah berakhir"):
        report_create(user=tkksd_samarinda, agreement=proposal, data=complete_input([]))


def test_the_period_end_may_not_come_before_its_start(
    make_report: MakeReport, tkksd_samarinda: Any
) -> None:
    with pytest.raises(DomainError, match="Akhir periode"):
        make_report(tkksd_samarinda, start=D(2025, 6, 1), period_end=D(2025, 5, 31))


def test_the_period_must_lie_within_the_agreements_term(
    make_report: MakeReport, tkksd_samarinda: Any
) -> None:
    with pytest.raises(DomainError, match="jangka waktu"):
        make_report(tkksd_samarinda, start=D(2024, 12, 1))


def test_a_period_overlapping_a_submitted_report_is_refused_but_not_one_next_to_it(
    make_report: MakeReport, tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    first = make_report(tkksd_samarinda)
    report_submit(user=tkksd_samarinda, report=first)
    with pytest.raises(DomainError, match="bertumpang tindih"):
        make_report(tkksd_kukar, start=D(2025, 6, 30), period_end=D(2025, 12, 31))
    make_report(tkksd_kukar, start=D(2025, 7, 1), period_end=D(2025, 12, 31))


def test_drafts_may_overlap_but_the_second_cannot_be_submitted_once_the_first_is(
    make_report: MakeReport, tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    mine, theirs = make_report(tkksd_samarinda), make_report(tkksd_kukar)
    report_submit(user=tkksd_samarinda, report=mine)
    with pytest.raises(DomainError, match="bertumpang tindih"):
        report_submit(user=tkksd_kukar, report=theirs)


def test_submit_needs_activities_a_recommendation_and_every_indicator(
    make_report: MakeReport, tkksd_samarinda: Any, beds: Indicator, waiting_days: Indicator
) -> None:
    report = make_report(tkksd_samarinda, [beds], activities=" ", recommendation="")
    with pytest.raises(DomainError) as error:
        report_submit(user=tkksd_samarinda, report=report)
    message = error.value.message
    assert "kegiatan yang dilaksanakan" in message
    assert "rekomendasi" in message
    assert "Lama tunggu rujukan" in message
    assert "Pasien rujukan dilayani" not in message
    report.refresh_from_db()
    assert report.state == State.DRAFT


def test_a_complete_report_is_submitted_and_then_counts_for_the_schedule(
    make_report: MakeReport, tkksd_samarinda: Any, beds: Indicator, agreement: Agreement
) -> None:
    report = make_report(tkksd_samarinda, [beds])
    assert schedule.covered_until(agreement) is None
    report = report_submit(user=tkksd_samarinda, report=report, note="Mohon direviu")
    assert report.state == State.SUBMITTED
    assert report.submitted_at is not None
    assert schedule.covered_until(agreement) == D(2025, 6, 30)
    assert [c.body for c in report.comments.all()] == ["Mohon direviu"]


def test_one_realisation_per_indicator(
    make_report: MakeReport, tkksd_samarinda: Any, beds: Indicator
) -> None:
    with pytest.raises(DomainError, match="lebih dari sekali"):
        make_report(tkksd_samarinda, [beds, beds])


def test_only_the_authors_side_may_submit_or_edit(
    make_report: MakeReport, officer: Any, tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    report = make_report(officer)  # Dinkes Samarinda writes; Samarinda's TKKSD is its side
    with pytest.raises(PermissionDenied):
        report_submit(user=tkksd_kukar, report=report)
    edited = report_update(
        user=tkksd_samarinda,
        report=report,
        expected_version=report.version,
        data=complete_input([], obstacles="Ruang rawat penuh"),
    )
    assert edited.obstacles == "Ruang rawat penuh"
    report_submit(user=tkksd_samarinda, report=edited)


def test_a_stale_edit_is_refused_with_an_explanation(
    make_report: MakeReport, tkksd_samarinda: Any
) -> None:
    report = make_report(tkksd_samarinda)
    opened = report.version
    report_update(
        user=tkksd_samarinda, report=report, expected_version=opened, data=complete_input([])
    )
    with pytest.raises(DomainError, match="diubah oleh pengguna lain") as error:
        report_update(
            user=tkksd_samarinda,
            report=report,
            expected_version=opened,
            data=complete_input([], outputs="ditimpa"),
        )
    assert error.value.code == "conflict"
    report.refresh_from_db()
    assert report.outputs == ""


def test_a_submitted_report_cannot_be_edited(make_report: MakeReport, tkksd_samarinda: Any) -> None:
    report = report_submit(user=tkksd_samarinda, report=make_report(tkksd_samarinda))
    with pytest.raises(DomainError, match="Diajukan"):
        report_update(
            user=tkksd_samarinda,
            report=report,
            expected_version=report.version,
            data=complete_input([]),
        )


@pytest.fixture
def submitted(make_report: MakeReport, tkksd_kukar: Any) -> MonitoringReport:
    return report_submit(user=tkksd_kukar, report=make_report(tkksd_kukar))


@pytest.mark.parametrize("persona", ["tkksd_samarinda", "province_admin", "superuser"])
def test_owner_region_managers_review_a_submitted_report(
    persona: str, request: Any, submitted: MonitoringReport
) -> None:
    user = request.getfixturevalue(persona)
    report = report_review(user=user, report=submitted, comment="Sesuai")
    assert report.state == State.REVIEWED
    assert report.reviewed_by == user
    assert report.comments.last().body == "Sesuai"  # type: ignore[union-attr]


@pytest.mark.parametrize("persona", ["tkksd_kukar", "officer", "executive", "tkksd_pontianak"])
def test_partners_officers_executives_and_outsiders_may_not_review(
    persona: str, request: Any, submitted: MonitoringReport
) -> None:
    with pytest.raises(PermissionDenied):
        report_review(user=request.getfixturevalue(persona), report=submitted)
    with pytest.raises(PermissionDenied):
        report_return(user=request.getfixturevalue(persona), report=submitted, comment="x")


def test_a_reviewer_may_not_review_a_report_they_wrote(
    make_report: MakeReport, tkksd_samarinda: Any, province_admin: Any
) -> None:
    report = report_submit(user=tkksd_samarinda, report=make_report(tkksd_samarinda))
    with pytest.raises(PermissionDenied, match="susun sendiri"):
        report_review(user=tkksd_samarinda, report=report)
    assert report_review(user=province_admin, report=report).state == State.REVIEWED


def test_a_return_needs_a_comment_and_sends_the_report_back_for_revision(
    submitted: MonitoringReport, tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    with pytest.raises(DomainError, match="catatan perbaikan"):
        report_return(user=tkksd_samarinda, report=submitted, comment="  ")
    report = report_return(user=tkksd_samarinda, report=submitted, comment="Lampirkan foto")
    assert report.state == State.RETURNED
    assert report.comments.last().body == "Lampirkan foto"  # type: ignore[union-attr]
    assert schedule.covered_until(report.agreement) is None  # a returned report does not count
    report = report_update(
        user=tkksd_kukar,
        report=report,
        expected_version=report.version,
        data=complete_input([], outputs="Foto terlampir"),
    )
    assert report_submit(user=tkksd_kukar, report=report).state == State.SUBMITTED


def test_only_submitted_reports_are_reviewed_or_returned(
    make_report: MakeReport, tkksd_kukar: Any, tkksd_samarinda: Any
) -> None:
    draft = make_report(tkksd_kukar)
    with pytest.raises(DomainError, match="Draf"):
        report_review(user=tkksd_samarinda, report=draft)
    with pytest.raises(DomainError, match="Draf"):
        report_return(user=tkksd_samarinda, report=draft, comment="Perbaiki")


def test_a_reviewed_report_is_final(submitted: MonitoringReport, tkksd_samarinda: Any) -> None:
    report = report_review(user=tkksd_samarinda, report=submitted)
    with pytest.raises(DomainError, match="Direviu"):
        report_return(user=tkksd_samarinda, report=report, comment="Terlambat")
    with pytest.raises(DomainError, match="Direviu"):
        report_submit(user=report.author, report=report)


def test_comments_come_from_writers_and_reviewers_not_from_readers(
    submitted: MonitoringReport, tkksd_samarinda: Any, executive: Any
) -> None:
    comment = report_comment_add(user=tkksd_samarinda, report=submitted, body="Cek anggaran")
    assert comment.author == tkksd_samarinda
    with pytest.raises(PermissionDenied):
        report_comment_add(user=executive, report=submitted, body="Bagus")
    with pytest.raises(DomainError, match="kosong"):
        report_comment_add(user=tkksd_samarinda, report=submitted, body=" ")


def test_realisations_are_replaced_on_edit(
    make_report: MakeReport, tkksd_samarinda: Any, beds: Indicator
) -> None:
    report = make_report(tkksd_samarinda, [beds])
    data = complete_input([beds])
    data.realisations[0].value = Decimal(150)
    report = report_update(
        user=tkksd_samarinda, report=report, expected_version=report.version, data=data
    )
    assert [r.value for r in report.realisations.all()] == [Decimal(150)]


def test_only_a_draft_is_deleted_and_only_by_its_side(
    make_report: MakeReport, tkksd_kukar: Any, tkksd_samarinda: Any
) -> None:
    from sinergi.monitoring.services import report_delete

    draft = make_report(tkksd_kukar)
    with pytest.raises(PermissionDenied):
        report_delete(user=tkksd_samarinda, report=draft)
    submitted = report_submit(
        user=tkksd_kukar,
        report=make_report(tkksd_kukar, start=D(2025, 7, 1), period_end=D(2025, 12, 31)),
    )
    with pytest.raises(DomainError, match="Diajukan"):
        report_delete(user=tkksd_kukar, report=submitted)
    report_delete(user=tkksd_kukar, report=draft)
    assert not MonitoringReport.objects.filter(pk=draft.pk).exists()
