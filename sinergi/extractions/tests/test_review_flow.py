"""Upload → background read with progress → review → accept: the officer's whole path."""

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sinergi.agreements.models import Agreement, AgreementDocument, Status
from sinergi.audit.models import AuditEntry
from sinergi.conftest import client_for
from sinergi.extractions.models import DocumentExtraction
from sinergi.extractions.tests import documents
from sinergi.monitoring.models import Obligation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def run_queued_tasks(django_capture_on_commit_callbacks: Any) -> None:
    """The upload queues its read after the commit; tests run it as the worker would."""
    global _capture
    _capture = django_capture_on_commit_callbacks


_capture: Any = None

NAME = "02_pks_samarinda_kukar_rujukan_kesehatan"
TEXT = (documents.CORPUS / f"{NAME}.txt").read_text()


def _upload(client: Any, data: bytes, name: str = "pks-rujukan.pdf") -> Any:
    with _capture(execute=True):
        response = client.post(
            reverse("extractions:list"), {"file": SimpleUploadedFile(name, data)}
        )
    return client.get(response.url) if response.status_code == 302 else response


def _accept_data(response: Any, **changes: str) -> dict[str, Any]:
    """The review form as the browser would post it, with the reviewer's changes."""
    form, parties = response.context["form"], response.context["parties"]
    data: dict[str, Any] = {}
    for bound in [*form, *(field for party in parties for field in party)]:
        value = bound.value()
        if value in (None, ""):
            continue
        if isinstance(value, list):
            data[bound.html_name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = getattr(value, "pk", value)
    for key, value in parties.management_form.initial.items():
        data[f"pihak-{key}"] = value
    data.update(changes)
    return data


def test_an_uploaded_scan_is_read_into_a_draft_for_review(
    tkksd_samarinda: Any, dinkes_samarinda: Any
) -> None:
    client = client_for(tkksd_samarinda)
    response = _upload(client, documents.scanned_pdf(TEXT))
    extraction = DocumentExtraction.objects.get()
    assert extraction.status == DocumentExtraction.Status.READY
    assert extraction.pages_total == extraction.pages_done == extraction.ocr_pages >= 2
    page = response.content.decode()
    assert "Hasil pembacaan" in page
    assert "64.72" in page  # both parties matched to their codes
    assert "64.02" in page
    assert "tinggi ·" in page  # confidences shown
    form = response.context["form"]
    assert form.initial["doc_type"] == "pks"
    assert form.initial["signed_on"] == "2024-08-12"
    assert form.initial["primary_affair"].code == "1.02"
    assert form.initial["owner_region"].code == "64.72"
    assert form.initial["number"] == "400.7/1184/DKK-II/VIII/2024"
    # Signed by the head of Dinas Kesehatan: that OPD is proposed as the implementing one.
    assert response.context["parties"].initial[0]["agencies"] == [dinkes_samarinda]


def test_accepting_records_the_agreement_attaches_the_text_and_keeps_corrections(
    tkksd_samarinda: Any,
) -> None:
    client = client_for(tkksd_samarinda)
    response = _upload(client, documents.text_pdf(TEXT))
    extraction = DocumentExtraction.objects.get()
    corrected = "Pelayanan Rujukan Kesehatan di Wilayah Perbatasan"
    data = _accept_data(response, title=corrected)
    accepted = client.post(reverse("extractions:detail", args=[extraction.pk]), data)
    agreement = Agreement.objects.get()
    assert accepted.url == reverse("agreements:detail", args=[agreement.pk])
    assert agreement.title == corrected
    assert agreement.signed_on == datetime.date(2024, 8, 12)
    assert agreement.end_date == datetime.date(2027, 8, 11)
    assert agreement.status == Status.ACTIVE  # a signed document is recorded as signed
    assert agreement.kind == Agreement.Kind.KSDD
    assert [p.region.code for p in agreement.parties.order_by("position")] == ["64.72", "64.02"]
    document = AgreementDocument.objects.get(agreement=agreement)
    assert document.kind == AgreementDocument.Kind.TEXT
    assert document.sha256 == extraction.sha256
    extraction.refresh_from_db()
    assert extraction.status == DocumentExtraction.Status.ACCEPTED
    assert extraction.agreement == agreement
    assert extraction.corrections == {
        "title": {"dibaca": extraction.result["title"], "diterima": corrected}
    }
    assert extraction.accepted_sector_code == "1.02"
    # The duties read per party are now obligations to monitor, on the right party.
    read = extraction.result["obligations"]
    assert set(read) == {"PIHAK PERTAMA", "PIHAK KEDUA"}
    obligations = Obligation.objects.filter(agreement=agreement)
    assert obligations.count() == sum(len(items) for items in read.values())
    first = obligations.filter(party__position=1).values_list("description", flat=True)
    assert list(first) == read["PIHAK PERTAMA"]
    assert AuditEntry.objects.filter(object_id=str(agreement.pk), action="create").exists()
    # Accepting twice records nothing more.
    again = client.post(reverse("extractions:detail", args=[extraction.pk]), data)
    assert again.status_code == 404
    assert Agreement.objects.count() == 1


def test_a_document_without_a_signing_date_starts_as_a_proposal(tkksd_samarinda: Any) -> None:
    client = client_for(tkksd_samarinda)
    response = _upload(client, documents.docx(TEXT), "naskah.docx")
    extraction = DocumentExtraction.objects.get()
    data = _accept_data(response)
    data.pop("signed_on")
    client.post(reverse("extractions:detail", args=[extraction.pk]), data)
    assert Agreement.objects.get().status == Status.PROPOSED


def test_a_review_with_errors_keeps_every_value_typed(tkksd_samarinda: Any) -> None:
    client = client_for(tkksd_samarinda)
    response = _upload(client, TEXT.encode(), "naskah.txt")
    extraction = DocumentExtraction.objects.get()
    data = _accept_data(response, title="", scope="Ruang lingkup yang sudah diketik ulang")
    again = client.post(reverse("extractions:detail", args=[extraction.pk]), data)
    assert again.status_code == 200
    assert "Ruang lingkup yang sudah diketik ulang" in again.content.decode()
    assert again.context["form"].errors["title"]
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "dikirimkan kosong"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word lama"),
        (bytes(range(256)) * 4, "Jenis berkas tidak dikenali"),
        (documents.zip_bomb_docx(), "bom ZIP"),
        (documents.encrypted_pdf(TEXT), "kata sandi"),
    ],
    ids=["empty", "old-word", "binary", "zip-bomb", "encrypted"],
)
def test_files_of_no_known_kind_or_unsafe_are_refused_at_upload(
    tkksd_samarinda: Any, data: bytes, message: str
) -> None:
    response = _upload(client_for(tkksd_samarinda), data, "x.bin")
    assert message in response.content.decode()
    assert not DocumentExtraction.objects.exists()


@pytest.mark.parametrize(
    "make",
    [documents.blank_png],
    ids=["image-without-text"],
)
def test_unreadable_files_fail_with_the_reason_and_leave_nothing(
    tkksd_samarinda: Any, make: Any
) -> None:
    response = _upload(client_for(tkksd_samarinda), make(), "naskah.docx")
    extraction = DocumentExtraction.objects.get()
    assert extraction.status == DocumentExtraction.Status.FAILED
    assert extraction.error in response.content.decode()
    assert not extraction.file  # the stored copy is removed
    assert extraction.result == {}
    assert not Agreement.objects.exists()


def test_a_file_over_the_limit_is_refused(tkksd_samarinda: Any, settings: Any) -> None:
    settings.EXTRACTION_MAX_BYTES = 1000
    response = _upload(client_for(tkksd_samarinda), TEXT.encode(), "naskah.txt")
    assert "terlalu besar" in response.content.decode()
    assert not DocumentExtraction.objects.exists()


def test_uploads_are_visible_only_to_those_who_record_for_the_region(
    tkksd_samarinda: Any, tkksd_kukar: Any, tkksd_pontianak: Any, province_admin: Any, officer: Any
) -> None:
    _upload(client_for(tkksd_samarinda), TEXT.encode(), "naskah.txt")
    extraction = DocumentExtraction.objects.get()
    detail = reverse("extractions:detail", args=[extraction.pk])
    assert client_for(province_admin).get(detail).status_code == 200  # the province manages it
    for other in (tkksd_kukar, tkksd_pontianak):
        assert client_for(other).get(detail).status_code == 404
        assert (
            client_for(other).get(reverse("extractions:file", args=[extraction.pk])).status_code
            == 404
        )
        assert (
            extraction.original_name
            not in client_for(other).get(reverse("extractions:list")).content.decode()
        )
    # An OPD officer records for their own region, so may read documents for it.
    assert client_for(officer).get(detail).status_code == 200


def test_people_who_cannot_record_agreements_cannot_upload(executive: Any) -> None:
    response = client_for(executive).get(reverse("extractions:list"))
    assert response.status_code == 403


def test_progress_is_shown_while_the_reader_works(tkksd_samarinda: Any, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client = client_for(tkksd_samarinda)
    response = _upload(client, TEXT.encode(), "naskah.txt")
    extraction = DocumentExtraction.objects.get()
    assert extraction.status == DocumentExtraction.Status.QUEUED
    assert "Menunggu giliran" in response.content.decode()
    DocumentExtraction.objects.filter(pk=extraction.pk).update(
        status=DocumentExtraction.Status.RUNNING, pages_done=3, pages_total=10
    )
    progress = client.get(reverse("extractions:progress", args=[extraction.pk]))
    assert "halaman 3 dari 10" in progress.content.decode()
    assert 'value="30"' in progress.content.decode()
    assert "HX-Refresh" not in progress
    from sinergi.extractions.services import extraction_run

    DocumentExtraction.objects.filter(pk=extraction.pk).update(
        status=DocumentExtraction.Status.QUEUED
    )
    extraction_run(extraction_id=extraction.pk)
    done = client.get(reverse("extractions:progress", args=[extraction.pk]))
    assert done["HX-Refresh"] == "true"


def test_discarding_records_nothing(tkksd_samarinda: Any) -> None:
    client = client_for(tkksd_samarinda)
    _upload(client, TEXT.encode(), "naskah.txt")
    extraction = DocumentExtraction.objects.get()
    client.post(reverse("extractions:discard", args=[extraction.pk]))
    extraction.refresh_from_db()
    assert extraction.status == DocumentExtraction.Status.DISCARDED
    assert not extraction.file
    assert not Agreement.objects.exists()


def test_a_document_already_recorded_is_flagged_before_a_second_copy(
    tkksd_samarinda: Any,
) -> None:
    client = client_for(tkksd_samarinda)
    first = _upload(client, TEXT.encode(), "naskah.txt")
    client.post(
        reverse("extractions:detail", args=[DocumentExtraction.objects.get().pk]),
        _accept_data(first),
    )
    recorded = Agreement.objects.get()
    second = _upload(client, documents.docx(TEXT), "naskah-lagi.docx")
    assert "Mungkin sudah tercatat" in second.content.decode()
    assert second.context["duplicates"][0].agreement == recorded
    extraction = DocumentExtraction.objects.latest("pk")
    blocked = client.post(reverse("extractions:detail", args=[extraction.pk]), _accept_data(second))
    assert blocked.status_code == 200
    assert Agreement.objects.count() == 1
    # The registry never holds one number twice for a region, confirmed or not.
    same_number = client.post(
        reverse("extractions:detail", args=[extraction.pk]),
        _accept_data(second, bukan_duplikat="1"),
    )
    assert same_number.context["form"].non_field_errors()
    confirmed = client.post(
        reverse("extractions:detail", args=[extraction.pk]),
        _accept_data(second, bukan_duplikat="1", number="400.7/1185/DKK-II/VIII/2024"),
    )
    assert confirmed.status_code == 302
    assert Agreement.objects.count() == 2
