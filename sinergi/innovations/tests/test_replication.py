"""Surat minat replikasi → decision → a draft KSDD sukarela linked to the innovation."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sinergi.agreements.models import Agreement, Status
from sinergi.conftest import client_for
from sinergi.core.errors import DomainError
from sinergi.innovations import selectors, services
from sinergi.innovations.models import Innovation, ReplicationInterest
from sinergi.innovations.services import InterestInput
from sinergi.tests.files import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def innovation(make_innovation: Any, samarinda: Any) -> Innovation:
    return make_innovation(
        samarinda,
        name="Antrean Puskesmas Daring",
        replication_terms="Cukup Kesepakatan Bersama; kode sumber diserahkan.",
    )


def _letter(region: Any, number: str = "000.7/12/Pem") -> InterestInput:
    return InterestInput(
        region=region,
        letter_number=number,
        letter_date=datetime.date.today(),
        reason="Puskesmas kami juga penuh setiap pagi.",
    )


def test_an_accepted_interest_opens_a_linked_draft_ksdd_sukarela(
    innovation: Innovation, tkksd_kukar: Any, tkksd_samarinda: Any, kukar: Any, samarinda: Any
) -> None:
    interest = services.interest_submit(
        user=tkksd_kukar, innovation=innovation, data=_letter(kukar)
    )
    assert interest.status == ReplicationInterest.Status.SUBMITTED

    agreement = services.interest_accept(user=tkksd_samarinda, interest=interest, note="Setuju")

    interest.refresh_from_db()
    assert interest.status == ReplicationInterest.Status.ACCEPTED
    assert interest.agreement == agreement  # the link is kept both ways
    assert Agreement.objects.get(pk=agreement.pk).replication == interest
    assert agreement.status == Status.PROPOSED  # a draft: it follows the normal lifecycle
    assert agreement.doc_type == Agreement.DocType.KB
    assert agreement.kind == Agreement.Kind.KSDD
    assert agreement.ksdd_category == Agreement.Category.VOLUNTARY
    assert agreement.owner_region == samarinda
    assert agreement.primary_affair == innovation.affair
    assert {p.region for p in agreement.parties.all()} == {samarinda, kukar}
    assert "Antrean Puskesmas Daring" in agreement.title
    assert "kode sumber" in agreement.scope
    assert agreement.timeline.filter(note__contains="minat replikasi").exists()


def test_both_sides_are_told_by_mail(
    innovation: Innovation,
    tkksd_kukar: Any,
    tkksd_samarinda: Any,
    province_admin: Any,
    kukar: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        interest = services.interest_submit(
            user=tkksd_kukar, innovation=innovation, data=_letter(kukar)
        )
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert set(sent.to) == {tkksd_samarinda.email, province_admin.email}
    assert "Kutai Kartanegara" in sent.subject
    assert reverse("innovations:interests") in sent.body

    with django_capture_on_commit_callbacks(execute=True):
        services.interest_decline(
            user=tkksd_samarinda, interest=interest, note="Belum siap berbagi"
        )
    answer = mail.outbox[1]
    assert tkksd_kukar.email in answer.to
    assert tkksd_samarinda.email not in answer.to
    assert "Belum siap berbagi" in answer.body


def test_only_the_originating_region_decides(
    innovation: Innovation, tkksd_kukar: Any, tkksd_pontianak: Any, executive: Any, kukar: Any
) -> None:
    interest = services.interest_submit(
        user=tkksd_kukar, innovation=innovation, data=_letter(kukar)
    )
    for user in [tkksd_kukar, tkksd_pontianak, executive]:
        with pytest.raises(PermissionDenied):
            services.interest_accept(user=user, interest=interest)
    assert not Agreement.objects.exists()


def test_a_decline_needs_a_reason_and_may_be_followed_by_a_new_letter(
    innovation: Innovation, tkksd_kukar: Any, tkksd_samarinda: Any, kukar: Any
) -> None:
    interest = services.interest_submit(
        user=tkksd_kukar, innovation=innovation, data=_letter(kukar)
    )
    with pytest.raises(DomainError, match="alasan"):
        services.interest_decline(user=tkksd_samarinda, interest=interest, note=" ")
    with pytest.raises(DomainError, match="sudah menyatakan minat"):
        services.interest_submit(user=tkksd_kukar, innovation=innovation, data=_letter(kukar))

    services.interest_decline(user=tkksd_samarinda, interest=interest, note="Masih uji coba")
    with pytest.raises(DomainError, match="sudah ditolak"):
        services.interest_accept(user=tkksd_samarinda, interest=interest)
    again = services.interest_submit(
        user=tkksd_kukar, innovation=innovation, data=_letter(kukar, "000.7/30/Pem")
    )
    assert again.status == ReplicationInterest.Status.SUBMITTED


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": Innovation.Status.DRAFT}, "diterbitkan"),
        ({"replicable": False}, "tidak dapat direplikasi"),
    ],
)
def test_interest_needs_a_published_replicable_innovation(
    make_innovation: Any,
    samarinda: Any,
    tkksd_kukar: Any,
    kukar: Any,
    changes: dict[str, Any],
    message: str,
) -> None:
    innovation = make_innovation(samarinda, **changes)
    with pytest.raises(PermissionDenied, match=message):
        services.interest_submit(user=tkksd_kukar, innovation=innovation, data=_letter(kukar))


def test_a_region_cannot_replicate_its_own_or_write_for_another(
    innovation: Innovation, tkksd_samarinda: Any, tkksd_kukar: Any, samarinda: Any, pontianak: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.interest_submit(
            user=tkksd_samarinda, innovation=innovation, data=_letter(samarinda)
        )
    with pytest.raises(PermissionDenied):
        services.interest_submit(user=tkksd_kukar, innovation=innovation, data=_letter(pontianak))


def test_the_interested_region_may_withdraw_before_the_decision(
    innovation: Innovation, tkksd_kukar: Any, tkksd_samarinda: Any, kukar: Any
) -> None:
    interest = services.interest_submit(
        user=tkksd_kukar, innovation=innovation, data=_letter(kukar)
    )
    with pytest.raises(PermissionDenied):
        services.interest_withdraw(user=tkksd_samarinda, interest=interest)
    services.interest_withdraw(user=tkksd_kukar, interest=interest)
    assert ReplicationInterest.objects.get(pk=interest.pk).status == "dibatalkan"


def test_the_pages_take_a_letter_through_to_the_draft(
    innovation: Innovation, tkksd_kukar: Any, tkksd_samarinda: Any, kukar: Any
) -> None:
    kukar_client = client_for(tkksd_kukar)
    page = kukar_client.get(reverse("innovations:detail", args=[innovation.pk])).content.decode()
    assert "Nyatakan minat replikasi" in page
    letter = SimpleUploadedFile("surat.pdf", pdf("minat"), content_type="application/pdf")
    response = kukar_client.post(
        reverse("innovations:interest_create", args=[innovation.pk]),
        {
            "region": kukar.pk,
            "letter_number": "000.7/12/Pem",
            "letter_date": datetime.date.today().isoformat(),
            "reason": "Antrean puskesmas panjang.",
            "letter": letter,
        },
    )
    interest = ReplicationInterest.objects.get()
    assert response.url == reverse("innovations:interest", args=[interest.pk])
    assert (
        kukar_client.get(reverse("innovations:interest_letter", args=[interest.pk])).status_code
        == 200
    )

    samarinda_client = client_for(tkksd_samarinda)
    inbox = samarinda_client.get(reverse("innovations:interests")).content.decode()
    assert "000.7/12/Pem" in inbox
    response = samarinda_client.post(reverse("innovations:interest_accept", args=[interest.pk]))
    interest.refresh_from_db()
    assert response.url == reverse("agreements:detail", args=[interest.agreement_id])
    page = samarinda_client.get(
        reverse("innovations:detail", args=[innovation.pk])
    ).content.decode()
    assert "Kutai Kartanegara" in page
    assert "Dalam proses" in page


def test_a_letter_that_is_not_a_pdf_is_refused_and_nothing_is_kept(
    innovation: Innovation, tkksd_kukar: Any, kukar: Any
) -> None:
    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client_for(tkksd_kukar).post(
        reverse("innovations:interest_create", args=[innovation.pk]),
        {
            "region": kukar.pk,
            "letter_number": "1/2",
            "letter_date": datetime.date.today().isoformat(),
            "reason": "Perlu.",
            "letter": fake,
        },
    )
    assert response.status_code == 200
    assert "Jenis berkas tidak didukung" in response.content.decode()
    assert not ReplicationInterest.objects.exists()


def test_replication_outcomes_come_from_the_agreements_monitoring_reports(
    innovation: Innovation,
    tkksd_kukar: Any,
    tkksd_samarinda: Any,
    kukar: Any,
) -> None:
    from sinergi.agreements.services import (
        agreement_accept,
        agreement_finish_draft,
        agreement_sign,
        agreement_submit,
    )
    from sinergi.monitoring.models import MonitoringReport

    interest = services.interest_submit(
        user=tkksd_kukar, innovation=innovation, data=_letter(kukar)
    )
    agreement = services.interest_accept(user=tkksd_samarinda, interest=interest)
    [found] = selectors.replications(innovation, user=tkksd_samarinda)
    assert not found.signed
    assert found.latest_report is None

    today = datetime.date.today()
    term = {
        "start_date": today - datetime.timedelta(days=200),
        "end_date": today.replace(year=today.year + 3),
    }
    Agreement.objects.filter(pk=agreement.pk).update(**term)
    agreement.refresh_from_db()
    agreement = agreement_submit(user=tkksd_samarinda, agreement=agreement)
    agreement = agreement_accept(user=tkksd_samarinda, agreement=agreement)
    agreement = agreement_finish_draft(user=tkksd_samarinda, agreement=agreement)
    agreement = agreement_sign(
        user=tkksd_samarinda,
        agreement=agreement,
        signed_on=today - datetime.timedelta(days=200),
        signed_place="Samarinda",
    )
    MonitoringReport.objects.create(
        agreement=agreement,
        period_start=today - datetime.timedelta(days=180),
        period_end=today - datetime.timedelta(days=1),
        outputs="Aplikasi antrean berjalan di 3 puskesmas Kukar.",
        state=MonitoringReport.State.SUBMITTED,
    )
    [found] = selectors.replications(innovation, user=tkksd_samarinda)
    assert found.signed
    assert found.can_open
    assert "3 puskesmas" in found.latest_report.outputs
    [seen_by_other] = selectors.replications(innovation, user=_anonymous())
    assert seen_by_other.signed
    assert not seen_by_other.can_open


def _anonymous() -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
