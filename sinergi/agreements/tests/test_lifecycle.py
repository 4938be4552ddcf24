import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from sinergi.agreements.models import Agreement, Milestone, Status
from sinergi.agreements.services import (
    agreement_accept,
    agreement_finish_draft,
    agreement_record_dprd_approval,
    agreement_reject,
    agreement_sign,
    agreement_submit,
    agreement_terminate,
    agreements_expire_due,
    milestone_complete,
)
from sinergi.core.errors import DomainError

D = datetime.date


@pytest.fixture
def proposal(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> Agreement:
    return make_agreement(
        tkksd_samarinda, samarinda, [kukar], start_date=D(2026, 1, 1), duration_months=24
    )


def steps(agreement: Agreement) -> list[tuple[str, str]]:
    return [(c.from_status, c.to_status) for c in agreement.timeline.all()]


def walk_to_signing(user: Any, agreement: Agreement) -> Agreement:
    agreement = agreement_submit(user=user, agreement=agreement)
    agreement = agreement_accept(user=user, agreement=agreement)
    return agreement_finish_draft(user=user, agreement=agreement)


def test_the_full_lifecycle_without_dprd_writes_a_timeline(
    proposal: Agreement, tkksd_samarinda: Any
) -> None:
    agreement = walk_to_signing(tkksd_samarinda, proposal)
    assert agreement.status == Status.SIGNING
    agreement = agreement_sign(
        user=tkksd_samarinda,
        agreement=agreement,
        signed_on=D(2025, 12, 20),
        signed_place="Samarinda",
    )
    assert agreement.status == Status.ACTIVE
    assert steps(agreement) == [
        ("", "usulan"),
        ("usulan", "pembahasan_tkksd"),
        ("pembahasan_tkksd", "penyusunan"),
        ("penyusunan", "penandatanganan"),
        ("penandatanganan", "berlaku"),
    ]
    assert agreement.timeline.last().actor == tkksd_samarinda
    assert agreement.signed_place == "Samarinda"


def test_dprd_approval_is_a_stage_only_when_required(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    agreement = make_agreement(tkksd_samarinda, samarinda, [kukar], budgeted=False)
    agreement = walk_to_signing(tkksd_samarinda, agreement)
    assert agreement.status == Status.DPRD_APPROVAL
    assert "belum dianggarkan" in agreement.timeline.last().note
    with pytest.raises(DomainError, match="Nomor persetujuan DPRD"):
        agreement_record_dprd_approval(
            user=tkksd_samarinda, agreement=agreement, number=" ", date=D(2026, 2, 1)
        )
    agreement = agreement_record_dprd_approval(
        user=tkksd_samarinda, agreement=agreement, number="170/05/DPRD", date=D(2026, 2, 1)
    )
    assert agreement.status == Status.SIGNING
    assert agreement.dprd_approval_number == "170/05/DPRD"


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("tkksd_samarinda", True),
        ("province_admin", True),
        ("superuser", True),
        ("executive", False),
        ("tkksd_kukar", False),
        ("tkksd_pontianak", False),
        ("officer", False),
    ],
)
def test_only_the_owning_regions_tkksd_or_province_admin_decide(
    request: pytest.FixtureRequest,
    proposal: Agreement,
    persona: str,
    allowed: bool,
    tkksd_samarinda: Any,
) -> None:
    agreement = agreement_submit(user=tkksd_samarinda, agreement=proposal)
    user = request.getfixturevalue(persona)
    if allowed:
        assert agreement_accept(user=user, agreement=agreement).status == Status.DRAFTING
    else:
        with pytest.raises(PermissionDenied):
            agreement_accept(user=user, agreement=agreement)
        assert Agreement.objects.get(pk=agreement.pk).status == Status.TKKSD_REVIEW


def test_an_officer_proposes_and_submits_but_does_not_decide(
    make_agreement: Callable[..., Agreement], officer: Any, samarinda: Any, kukar: Any
) -> None:
    agreement = make_agreement(officer, samarinda, [kukar])
    agreement = agreement_submit(user=officer, agreement=agreement)
    assert agreement.status == Status.TKKSD_REVIEW
    with pytest.raises(PermissionDenied):
        agreement_reject(user=officer, agreement=agreement, note="tidak relevan")


@pytest.mark.parametrize(
    ("step", "kwargs"),
    [
        (agreement_accept, {}),
        (agreement_finish_draft, {}),
        (agreement_sign, {"signed_on": D(2026, 1, 1), "signed_place": "Samarinda"}),
        (agreement_record_dprd_approval, {"number": "1", "date": D(2026, 1, 1)}),
    ],
)
def test_steps_out_of_order_are_refused_with_the_current_status(
    proposal: Agreement, tkksd_samarinda: Any, step: Any, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(DomainError, match="dari status “Usulan”"):
        step(user=tkksd_samarinda, agreement=proposal, **kwargs)


def test_rejection_needs_a_reason_and_ends_the_proposal(
    proposal: Agreement, tkksd_samarinda: Any
) -> None:
    with pytest.raises(DomainError, match="Alasan penolakan"):
        agreement_reject(user=tkksd_samarinda, agreement=proposal, note="  ")
    agreement = agreement_reject(
        user=tkksd_samarinda, agreement=proposal, note="Objek bukan kewenangan kota."
    )
    assert agreement.status == Status.REJECTED
    with pytest.raises(DomainError):
        agreement_submit(user=tkksd_samarinda, agreement=agreement)


def test_termination_records_its_reason(proposal: Agreement, tkksd_samarinda: Any) -> None:
    with pytest.raises(DomainError, match="alasan pengakhiran"):
        agreement_terminate(user=tkksd_samarinda, agreement=proposal, reason="bosan")
    agreement = agreement_terminate(
        user=tkksd_samarinda, agreement=proposal, reason="keadaan_kahar"
    )
    assert (agreement.status, agreement.termination_reason) == ("diakhiri", "keadaan_kahar")
    assert agreement.timeline.last().note == "Keadaan kahar"


def test_signing_needs_a_known_term(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    agreement = walk_to_signing(
        tkksd_samarinda, make_agreement(tkksd_samarinda, samarinda, [kukar])
    )
    with pytest.raises(DomainError, match="tanggal mulai dan tanggal berakhir"):
        agreement_sign(
            user=tkksd_samarinda,
            agreement=agreement,
            signed_on=D(2026, 1, 1),
            signed_place="Samarinda",
        )


def signed(user: Any, agreement: Agreement) -> Agreement:
    agreement = walk_to_signing(user, agreement)
    return agreement_sign(
        user=user, agreement=agreement, signed_on=D(2025, 12, 1), signed_place="Samarinda"
    )


def test_an_agreement_ends_by_itself_on_its_end_date(
    proposal: Agreement, tkksd_samarinda: Any
) -> None:
    agreement = signed(tkksd_samarinda, proposal)
    assert agreement.end_date == D(2027, 12, 31)
    assert agreements_expire_due(today=D(2027, 12, 30)) == 0
    assert agreement.current_status(D(2027, 12, 30)) == Status.ACTIVE
    assert agreement.current_status(D(2027, 12, 31)) == Status.ENDED
    assert agreements_expire_due(today=D(2027, 12, 31)) == 1
    agreement.refresh_from_db()
    assert agreement.status == Status.ENDED
    assert steps(agreement)[-1] == ("berlaku", "berakhir")
    assert agreement.timeline.last().actor is None
    assert agreements_expire_due(today=D(2028, 1, 1)) == 0


def test_ending_soon_starts_90_days_before_the_end(
    proposal: Agreement, tkksd_samarinda: Any
) -> None:
    agreement = signed(tkksd_samarinda, proposal)
    assert not agreement.ends_soon(D(2027, 10, 1))
    assert agreement.ends_soon(D(2027, 10, 2))
    assert list(Agreement.objects.ending_within(90, today=D(2027, 10, 2))) == [agreement]
    assert not Agreement.objects.ending_within(90, today=D(2027, 10, 1)).exists()


def test_each_stage_opens_its_sop_milestones_and_overdue_ones_show(
    proposal: Agreement, tkksd_samarinda: Any, officer: Any
) -> None:
    names = set(proposal.milestones.values_list("name", flat=True))
    assert "Pastikan objek kerja sama tercantum dalam RPJMD/RKPD" in names
    agreement = agreement_submit(user=tkksd_samarinda, agreement=proposal)
    review = agreement.milestones.filter(stage="pembahasan_tkksd")
    assert {m.name for m in review} == {
        "Rapat pembahasan TKKSD dan rekomendasi kepada kepala daerah",
        "Kirim surat penawaran kepada daerah mitra dengan tembusan yang diwajibkan",
    }
    milestone = review.first()
    assert milestone is not None
    assert not milestone.is_overdue(milestone.due_date)
    assert milestone.is_overdue(milestone.due_date + datetime.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        milestone_complete(user=officer, milestone=milestone)
    milestone = milestone_complete(user=tkksd_samarinda, milestone=milestone, note="Rapat 3 Feb")
    assert not milestone.is_overdue(milestone.due_date + datetime.timedelta(days=1))
    with pytest.raises(DomainError, match="sudah selesai"):
        milestone_complete(user=tkksd_samarinda, milestone=milestone)
    assert Milestone.objects.filter(agreement=agreement, done_at__isnull=False).count() == 1


def test_the_daily_command_ends_agreements_past_their_end_date(
    make_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from django.core.management import call_command

    old = make_agreement(
        tkksd_samarinda, samarinda, [kukar], start_date=D(2020, 1, 1), duration_months=12
    )
    signed(tkksd_samarinda, old)
    call_command("expire_agreements")
    assert "1 kerja sama berakhir" in capsys.readouterr().out
    old.refresh_from_db()
    assert old.status == Status.ENDED


STEPS = [  # (service, the status it needs, extra arguments)
    (agreement_submit, Status.PROPOSED, {}),
    (agreement_accept, Status.TKKSD_REVIEW, {}),
    (agreement_reject, Status.TKKSD_REVIEW, {"note": "bukan kewenangan"}),
    (agreement_finish_draft, Status.DRAFTING, {}),
    (agreement_record_dprd_approval, Status.DPRD_APPROVAL, {"number": "1", "date": D(2026, 1, 1)}),
    (agreement_sign, Status.SIGNING, {"signed_on": D(2026, 1, 1), "signed_place": "Samarinda"}),
    (agreement_terminate, Status.ACTIVE, {"reason": "tujuan_tercapai"}),
]


@pytest.mark.parametrize(("step", "status", "kwargs"), STEPS)
@pytest.mark.parametrize("persona", ["executive", "tkksd_kukar", "tkksd_pontianak"])
def test_every_step_is_refused_to_read_only_and_other_region_users(
    request: pytest.FixtureRequest,
    proposal: Agreement,
    step: Any,
    status: str,
    kwargs: dict[str, Any],
    persona: str,
) -> None:
    Agreement.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    with pytest.raises(PermissionDenied):
        step(user=request.getfixturevalue(persona), agreement=proposal, **kwargs)
    assert Agreement.objects.get(pk=proposal.pk).status == status
    assert proposal.timeline.count() == 1


@pytest.mark.parametrize(("step", "status", "kwargs"), STEPS)
def test_every_step_is_allowed_to_the_province_admin(
    province_admin: Any, proposal: Agreement, step: Any, status: str, kwargs: dict[str, Any]
) -> None:
    Agreement.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    moved = step(user=province_admin, agreement=proposal, **kwargs)
    assert moved.status != status
    assert moved.timeline.last().actor == province_admin


def test_a_step_by_name_asks_for_its_missing_inputs(
    proposal: Agreement, tkksd_samarinda: Any
) -> None:
    from sinergi.agreements.services import agreement_transition

    Agreement.objects.filter(pk=proposal.pk).update(status=Status.SIGNING)
    with pytest.raises(DomainError, match="tanggal penandatanganan, tempat penandatanganan"):
        agreement_transition(user=tkksd_samarinda, agreement=proposal, action="sign")
    with pytest.raises(DomainError, match="tidak dikenal"):
        agreement_transition(user=tkksd_samarinda, agreement=proposal, action="loncat")
    moved = agreement_transition(
        user=tkksd_samarinda,
        agreement=proposal,
        action="sign",
        signed_on=D(2026, 1, 1),
        signed_place="Samarinda",
        number="x",
    )
    assert moved.status == Status.ACTIVE


def test_a_party_named_twice_is_refused(
    tkksd_samarinda: Any, samarinda: Any, kukar: Any, university: Any, make_agreement: Any
) -> None:
    """Each region and organisation signs once: the figures count parties per agreement."""
    with pytest.raises(DomainError, match="Satu organisasi tercantum lebih dari sekali"):
        make_agreement(tkksd_samarinda, samarinda, [university, university])
    with pytest.raises(DomainError, match="Satu wilayah tercantum lebih dari sekali"):
        make_agreement(tkksd_samarinda, samarinda, [kukar, kukar])
    assert not Agreement.objects.exists()
