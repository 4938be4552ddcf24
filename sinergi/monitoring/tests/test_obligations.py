"""Obligations checklist: who ticks off whose duties, evidence checks, overdue."""

import datetime
import hashlib
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sinergi.agreements.models import Agreement, Party
from sinergi.conftest import client_for
from sinergi.core.errors import DomainError
from sinergi.monitoring.models import Obligation
from sinergi.monitoring.services import (
    ObligationInput,
    obligation_create,
    obligation_delete,
    obligation_fulfil,
    obligation_reopen,
    obligation_update,
)
from sinergi.monitoring.tests.conftest import PDF

D = datetime.date


def pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_an_obligation_is_overdue_only_after_its_due_date_and_until_it_is_met(
    samarinda_duty: Obligation, kukar_duty: Obligation, tkksd_samarinda: Any
) -> None:
    due = samarinda_duty.due_date
    assert due is not None
    overdue = Obligation.objects.overdue
    assert list(overdue(due)) == []
    assert list(overdue(due + datetime.timedelta(days=1))) == [samarinda_duty]
    assert samarinda_duty.is_overdue(due + datetime.timedelta(days=1))
    obligation_fulfil(user=tkksd_samarinda, obligation=samarinda_duty)
    assert list(overdue(D(2025, 7, 1))) == [kukar_duty]


def test_an_obligation_without_due_date_is_never_overdue(
    agreement: Agreement, samarinda_party: Party, tkksd_samarinda: Any
) -> None:
    data = ObligationInput(party=samarinda_party, description="Menjaga kerahasiaan data")
    obligation = obligation_create(user=tkksd_samarinda, agreement=agreement, data=data)
    assert not Obligation.objects.overdue(D(2099, 1, 1)).filter(pk=obligation.pk).exists()


@pytest.mark.parametrize("persona", ["tkksd_samarinda", "province_admin"])
def test_owner_region_managers_create_edit_and_delete_obligations(
    persona: str, request: Any, agreement: Agreement, kukar_party: Party
) -> None:
    user = request.getfixturevalue(persona)
    data = ObligationInput(party=kukar_party, description="Menyediakan ambulans", kind="kewajiban")
    obligation = obligation_create(user=user, agreement=agreement, data=data)
    data.description = "Menyediakan dua ambulans"
    assert obligation_update(user=user, obligation=obligation, data=data).description == (
        "Menyediakan dua ambulans"
    )
    obligation_delete(user=user, obligation=obligation)
    assert not Obligation.objects.filter(pk=obligation.pk).exists()


@pytest.mark.parametrize("persona", ["tkksd_kukar", "officer", "executive"])
def test_partners_officers_and_executives_may_not_define_obligations(
    persona: str, request: Any, agreement: Agreement, kukar_party: Party
) -> None:
    data = ObligationInput(party=kukar_party, description="Menyediakan ambulans")
    with pytest.raises(PermissionDenied):
        obligation_create(user=request.getfixturevalue(persona), agreement=agreement, data=data)


def test_a_party_of_another_agreement_is_refused(
    agreement: Agreement, tkksd_samarinda: Any, make_agreement: Any, samarinda: Any, kukar: Any
) -> None:
    other = make_agreement(tkksd_samarinda, samarinda, [kukar], title="Lain")
    data = ObligationInput(party=other.parties.first(), description="x")
    with pytest.raises(DomainError, match="bukan pihak"):
        obligation_create(user=tkksd_samarinda, agreement=agreement, data=data)


@pytest.mark.parametrize(
    ("persona", "duty", "allowed"),
    [
        ("tkksd_kukar", "kukar_duty", True),  # TKKSD of the party's own region
        ("tkksd_kukar", "samarinda_duty", False),
        ("officer", "samarinda_duty", True),  # Dinkes Samarinda implements Samarinda's side
        ("officer", "kukar_duty", False),
        ("tkksd_samarinda", "kukar_duty", True),  # the owner's manager may tick any
        ("province_admin", "kukar_duty", True),
        ("executive", "samarinda_duty", False),
    ],
)
def test_who_may_tick_off_a_partys_obligation(
    persona: str, duty: str, allowed: bool, request: Any
) -> None:
    user, obligation = request.getfixturevalue(persona), request.getfixturevalue(duty)
    if allowed:
        done = obligation_fulfil(user=user, obligation=obligation, note="Sudah")
        assert done.done_at is not None
        assert done.done_by == user
    else:
        with pytest.raises(PermissionDenied):
            obligation_fulfil(user=user, obligation=obligation)


def test_fulfilling_keeps_the_evidence_and_its_sha256(
    kukar_duty: Obligation, tkksd_kukar: Any
) -> None:
    done = obligation_fulfil(user=tkksd_kukar, obligation=kukar_duty, evidence=pdf())
    assert done.evidence_sha256 == hashlib.sha256(PDF).hexdigest()
    assert done.evidence.read() == PDF


def test_evidence_of_an_unknown_type_is_refused_and_nothing_is_ticked(
    kukar_duty: Obligation, tkksd_kukar: Any
) -> None:
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError, match="Jenis berkas"):
        obligation_fulfil(user=tkksd_kukar, obligation=kukar_duty, evidence=fake)
    kukar_duty.refresh_from_db()
    assert kukar_duty.done_at is None


def test_evidence_over_the_size_limit_is_refused(
    kukar_duty: Obligation, tkksd_kukar: Any, settings: Any
) -> None:
    settings.UPLOAD_MAX_BYTES = len(PDF) - 1
    with pytest.raises(DomainError, match="terlalu besar"):
        obligation_fulfil(user=tkksd_kukar, obligation=kukar_duty, evidence=pdf())


def test_an_obligation_is_ticked_once_and_may_be_reopened(
    kukar_duty: Obligation, tkksd_kukar: Any
) -> None:
    obligation_fulfil(user=tkksd_kukar, obligation=kukar_duty)
    with pytest.raises(DomainError, match="sudah ditandai"):
        obligation_fulfil(user=tkksd_kukar, obligation=kukar_duty)
    reopened = obligation_reopen(user=tkksd_kukar, obligation=kukar_duty, note="Keliru")
    assert reopened.done_at is None
    assert reopened.note == "Keliru"


def fulfil_url(obligation: Obligation) -> str:
    return reverse("monitoring:obligation_fulfil", args=[obligation.agreement_id, obligation.pk])


def test_fulfilling_through_htmx_answers_with_the_checklist_row(
    kukar_duty: Obligation, tkksd_kukar: Any
) -> None:
    response = client_for(tkksd_kukar).post(
        fulfil_url(kukar_duty), {"note": "Data terkirim", "evidence": pdf()}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="kewajiban-{kukar_duty.pk}"' in body
    assert "Terpenuhi" in body
    assert "Unduh bukti" in body
    assert "<html" not in body


def test_a_refused_evidence_file_is_explained_in_the_row(
    kukar_duty: Obligation, tkksd_kukar: Any
) -> None:
    bad = SimpleUploadedFile("x.pdf", b"just text", content_type="application/pdf")
    response = client_for(tkksd_kukar).post(
        fulfil_url(kukar_duty), {"evidence": bad}, HTTP_HX_REQUEST="true"
    )
    assert "Jenis berkas tidak didukung" in response.content.decode()


def test_the_executive_gets_403_and_pontianak_404_when_ticking_off(
    kukar_duty: Obligation, executive: Any, tkksd_pontianak: Any
) -> None:
    assert client_for(executive).post(fulfil_url(kukar_duty)).status_code == 403
    assert client_for(tkksd_pontianak).post(fulfil_url(kukar_duty)).status_code == 404


def test_the_evidence_downloads_as_an_attachment_only_within_scope(
    kukar_duty: Obligation, tkksd_kukar: Any, executive: Any, tkksd_pontianak: Any
) -> None:
    obligation_fulfil(user=tkksd_kukar, obligation=kukar_duty, evidence=pdf())
    url = reverse("monitoring:obligation_evidence", args=[kukar_duty.agreement_id, kukar_duty.pk])
    response = client_for(executive).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert client_for(tkksd_pontianak).get(url).status_code == 404
