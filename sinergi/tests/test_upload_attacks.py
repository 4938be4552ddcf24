"""Hostile files against every upload of the site (issue #10).

Each upload form gets each attack through the real page, as a signed-in user who may use it:
the answer is a refusal with its reason in Indonesian — never a server error — and nothing is
kept: no new row, no new file on disk. The reason is the check's own words, and for documents
a real file is accepted by the same request: a refusal cannot come from a wrong form.

Documents (stored and later downloaded by others): disguised types, damaged PDFs, PDFs with
scripts, launch actions or embedded files, password-locked PDFs, ZIP bombs and macros as DOCX,
oversized files. Tables (imported): programs and damaged or exploding XLSX, XLSX declaring
entities (XXE), oversized files.
"""

import datetime
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from sinergi.agencies.models import AgencyImport
from sinergi.agreements.import_models import AgreementImport
from sinergi.agreements.models import AgreementDocument
from sinergi.conftest import client_for
from sinergi.extractions.models import DocumentExtraction
from sinergi.extractions.tests import documents
from sinergi.innovations.models import Innovation, InnovationFile, ReplicationInterest
from sinergi.innovations.tests.factories import InnovationFactory
from sinergi.monitoring.models import MonitoringReport, Obligation, ReportEvidence
from sinergi.planning.models import NomenclatureImport
from sinergi.spm.models import Entry
from sinergi.spm.models import Indicator as SpmIndicator
from sinergi.tests.files import pdf

pytestmark = pytest.mark.django_db


# --- hostile files ---------------------------------------------------------------------------


def _pdf_with(action: dict[str, Any] | None = None, attachment: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if action:
        entries = {NameObject(k): v for k, v in action.items()}
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(
            DictionaryObject(entries)
        )
    if attachment:
        writer.add_attachment("faktur.exe", b"MZ\x90\x00" * 64)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _locked_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("rahasia")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docm() -> bytes:
    source, buffer = zipfile.ZipFile(io.BytesIO(documents.docx("Naskah"))), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item.filename))
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 512)
    return buffer.getvalue()


def _xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["kode", "nama"])
    workbook.active.append(["1", "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_with_entity() -> bytes:
    """A sheet declaring an external entity (XXE): reading it must not resolve anything."""
    source, buffer = zipfile.ZipFile(io.BytesIO(_xlsx())), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet",
                    b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet',
                    1,
                )
            archive.writestr(item, data)
    return buffer.getvalue()


def _zip_bomb(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, b"0" * (60 * 1024 * 1024))
    return buffer.getvalue()


LIMIT = 1024 * 1024  # the upload limit in these tests: the bombs are smaller packed
JS = {"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")}
LAUNCH = {"/S": NameObject("/Launch"), "/F": TextStringObject("cmd.exe")}
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200

# name → (file bytes, file name, the reason the refusal must give)
DOCUMENT_ATTACKS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "script disguised as PDF": (
        lambda: b"<html><script>alert(1)</script>",
        "a.pdf",
        "Jenis berkas",
    ),
    "program disguised as PDF": (lambda: EXE, "naskah.pdf", "Jenis berkas"),
    "damaged PDF": (lambda: pdf()[:300], "naskah.pdf", "rusak"),
    "PDF with JavaScript": (lambda: _pdf_with(JS), "naskah.pdf", "skrip"),
    "PDF launching a program": (lambda: _pdf_with(LAUNCH), "naskah.pdf", "menjalankan program"),
    "PDF with an embedded file": (lambda: _pdf_with(attachment=True), "naskah.pdf", "tersisip"),
    "password-locked PDF": (_locked_pdf, "naskah.pdf", "kata sandi"),
    "ZIP bomb as DOCX": (documents.zip_bomb_docx, "naskah.docx", "bom ZIP"),
    "DOCX with macros": (_docm, "naskah.docx", "makro"),
    "oversized": (lambda: pdf() + b"\n%" + b"x" * LIMIT, "naskah.pdf", "terlalu besar"),
}
TABLE_ATTACKS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "program disguised as XLSX": (lambda: EXE, "data.xlsx", "bukan CSV atau XLSX"),
    "damaged XLSX": (lambda: _xlsx()[:400], "data.xlsx", "bukan XLSX yang sah"),
    "ZIP bomb as XLSX": (lambda: _zip_bomb("xl/worksheets/sheet1.xml"), "data.xlsx", "diekstrak"),
    "XLSX declaring entities (XXE)": (_xlsx_with_entity, "data.xlsx", "bukan XLSX yang sah"),
    "oversized": (lambda: b"kode,nama\n" + b"1,x\n" * (LIMIT // 4), "data.csv", "terlalu besar"),
}


# --- the uploads ------------------------------------------------------------------------------


@dataclass
class Upload:
    user: str  # persona fixture
    url: Callable[[dict[str, Any]], str]
    fields: Callable[[dict[str, Any]], dict[str, Any]]  # the form without the file
    file_field: str
    model: type[Model]  # where an accepted file leaves a row
    valid: Callable[[], bytes] = pdf


def _entry_url(w: dict[str, Any]) -> str:
    return reverse("spm:entry", args=["64.72", 2025, 4, w["indicator"]])


DOCUMENT_UPLOADS = {
    "agreement document": Upload(
        "tkksd_samarinda",
        lambda w: reverse("agreements:document_upload", args=[w["agreement"].pk]),
        lambda w: {"kind": "naskah", "title": "Naskah"},
        "file",
        AgreementDocument,
    ),
    "monitoring evidence": Upload(
        "tkksd_samarinda",
        lambda w: reverse("monitoring:evidence_upload", args=[w["agreement"].pk, w["report"].pk]),
        lambda w: {},
        "file",
        ReportEvidence,
    ),
    "obligation evidence": Upload(
        "tkksd_samarinda",
        lambda w: reverse(
            "monitoring:obligation_fulfil", args=[w["agreement"].pk, w["obligation"].pk]
        ),
        lambda w: {"note": "Dipenuhi"},
        "evidence",
        Obligation,
    ),
    "innovation document": Upload(
        "tkksd_samarinda",
        lambda w: reverse("innovations:file_upload", args=[w["innovation"].pk]),
        lambda w: {"kind": "dokumen"},
        "file",
        InnovationFile,
    ),
    "replication letter": Upload(
        "tkksd_kukar",
        lambda w: reverse("innovations:interest_create", args=[w["innovation"].pk]),
        lambda w: {
            "region": w["kukar"].pk,
            "letter_number": "050/12",
            "letter_date": "2026-01-05",
            "reason": "Antrean layanan panjang",
        },
        "letter",
        ReplicationInterest,
    ),
    "SPM evidence": Upload(
        "tkksd_samarinda",
        _entry_url,
        lambda w: {"target_population": 10, "served": 5},
        "evidence",
        Entry,
    ),
    "document to read": Upload(
        "tkksd_samarinda",
        lambda w: reverse("extractions:list"),
        lambda w: {},
        "file",
        DocumentExtraction,
        valid=lambda: documents.text_pdf("Kesepakatan Bersama Kota Samarinda"),
    ),
}
TABLE_UPLOADS = {
    "agreement register": Upload(
        "tkksd_samarinda",
        lambda w: reverse("agreements:import_upload"),
        lambda w: {},
        "file",
        AgreementImport,
    ),
    "OPD list": Upload(
        "tkksd_samarinda", lambda w: reverse("agencies:import"), lambda w: {}, "file", AgencyImport
    ),
    "programme nomenclature": Upload(
        "province_admin",
        lambda w: reverse("planning:nomenclature_import"),
        lambda w: {"year": 2025},
        "file",
        NomenclatureImport,
    ),
    "SPM figures": Upload(
        "tkksd_samarinda",
        lambda w: reverse("spm:import"),
        lambda w: {"jenis": "capaian"},
        "file",
        Entry,
    ),
}


@pytest.fixture
def world(
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    region: Any,
    health: Any,
    settings: Any,
    tmp_path: Path,
) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = LIMIT  # "oversized" files are a little above it
    settings.EXTRACTION_MAX_BYTES = LIMIT
    agreement = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [region("64.71")],
        start_date=datetime.date(2025, 1, 1),
        duration_months=36,
    )
    party = agreement.parties.get(region=samarinda)
    return {
        "agreement": agreement,
        "report": MonitoringReport.objects.create(
            agreement=agreement,
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 6, 30),
            author=tkksd_samarinda,
        ),
        "obligation": Obligation.objects.create(
            agreement=agreement, party=party, description="Menyediakan ruang rawat"
        ),
        "innovation": InnovationFactory(
            region=samarinda, affair=health, status=Innovation.Status.PUBLISHED
        ),
        "indicator": SpmIndicator.objects.filter(service__level="kabupaten_kota")
        .exclude(kind=SpmIndicator.Kind.TREND)
        .first()
        .code,
        "kukar": region("64.02"),
        "media": tmp_path,
    }


def _files(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()}


def _kept(model: type[Model]) -> int:
    """Rows an accepted upload leaves (an obligation exists before: its evidence is the row)."""
    if model is Obligation:
        return Obligation.objects.exclude(evidence="").count()
    return model.objects.count()


def _send(client: Client, upload: Upload, w: dict[str, Any], data: bytes, name: str) -> str:
    body = {**upload.fields(w), upload.file_field: SimpleUploadedFile(name, data)}
    response = client.post(upload.url(w), body, follow=True)
    assert response.status_code < 500, response.status_code
    return response.content.decode()


def _attack(
    request: Any, world: dict[str, Any], upload: Upload, attack: tuple[Any, str, str]
) -> None:
    make, name, reason = attack
    client = client_for(request.getfixturevalue(upload.user))
    rows, files = _kept(upload.model), _files(world["media"])
    page = _send(client, upload, world, make(), name)
    assert reason in page, f"the refusal does not say {reason!r}"
    assert _kept(upload.model) == rows, "a row was kept"
    assert _files(world["media"]) == files, "a file was kept"


@pytest.mark.parametrize("attack", DOCUMENT_ATTACKS, ids=str)
@pytest.mark.parametrize("upload", DOCUMENT_UPLOADS, ids=str)
def test_hostile_documents_are_refused_and_nothing_is_kept(
    request: Any, world: dict[str, Any], upload: str, attack: str
) -> None:
    _attack(request, world, DOCUMENT_UPLOADS[upload], DOCUMENT_ATTACKS[attack])


@pytest.mark.parametrize("attack", TABLE_ATTACKS, ids=str)
@pytest.mark.parametrize("upload", TABLE_UPLOADS, ids=str)
def test_hostile_tables_are_refused_and_nothing_is_kept(
    request: Any, world: dict[str, Any], upload: str, attack: str
) -> None:
    _attack(request, world, TABLE_UPLOADS[upload], TABLE_ATTACKS[attack])


@pytest.mark.parametrize("upload", DOCUMENT_UPLOADS, ids=str)
def test_the_same_request_with_a_real_document_is_kept(
    request: Any, world: dict[str, Any], upload: str
) -> None:
    """The control: without it, a refusal might come from a wrong form, not from the check."""
    chosen = DOCUMENT_UPLOADS[upload]
    client = client_for(request.getfixturevalue(chosen.user))
    rows = _kept(chosen.model)
    _send(client, chosen, world, chosen.valid(), "naskah.pdf")
    assert _kept(chosen.model) == rows + 1
