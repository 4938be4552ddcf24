"""Writes of the document reading: upload, the background read, accept (or discard) the draft.

Nothing reaches the registry until a person accepts the reviewed draft: the read only fills
the extraction row. A file that cannot be read leaves the row marked failed with the reason,
and its stored copy is removed.
"""

import datetime
import hashlib
import logging
from dataclasses import asdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sinergi.accounts.scope import can_manage_region
from sinergi.agreements.models import Agreement, Status
from sinergi.agreements.permissions import can_propose_in, proposable_regions
from sinergi.agreements.services import AgreementInput, PartyInput, agreement_create
from sinergi.core.errors import DomainError
from sinergi.core.tables import ensure_upload_size
from sinergi.core.uploads import check_docx, check_pdf
from sinergi.extractions.engine import extract_document
from sinergi.extractions.models import DocumentExtraction
from sinergi.extractions.reading import UnreadableDocument, sniff_kind
from sinergi.regions.models import Region

logger = logging.getLogger(__name__)

ACCEPTED_KINDS = {"pdf", "docx", "image", "text"}


def extraction_create(*, user: Any, upload: Any) -> DocumentExtraction:
    """Store an uploaded document and queue its reading."""
    from django.conf import settings

    region = user.region if user.region_id else None
    if region is None or not can_propose_in(user, region):
        raise PermissionDenied("Anda tidak berwenang mencatat kerja sama.")
    limit = settings.EXTRACTION_MAX_BYTES
    ensure_upload_size(upload.size, limit)
    content = upload.read(limit + 1)
    if not content:
        raise DomainError("Berkas kosong (0 bita).")
    ensure_upload_size(len(content), limit)  # the declared size is the client's word
    kind = sniff_kind(content)
    if kind == "doc":
        raise DomainError("Format Word lama (.doc) tidak didukung. Simpan sebagai DOCX atau PDF.")
    if kind not in ACCEPTED_KINDS:
        raise DomainError("Jenis berkas tidak dikenali. Unggah PDF, DOCX, PNG/JPEG/TIFF atau teks.")
    # The same structure checks as every stored document, before anything is stored or queued.
    if kind == "pdf":
        check_pdf(content)
    elif kind == "docx":
        check_docx(content)
    elif kind == "text" and content[:1024].lstrip().startswith(b"<"):
        # HTML, SVG or XML: markup that a browser would run, never an agreement's plain text
        raise DomainError(
            "Berkas HTML atau XML tidak diterima. "
            "Jenis berkas yang diterima: PDF, DOCX, gambar, atau teks biasa."
        )
    extraction = DocumentExtraction(
        owner_region=region,
        created_by=user,
        original_name=(upload.name or "dokumen")[:255],
        file_kind=kind,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    with transaction.atomic():
        extraction.file.save(extraction.sha256, ContentFile(content), save=False)
        extraction.save()
        transaction.on_commit(lambda: _enqueue(extraction.pk))
    return extraction


def _enqueue(extraction_id: int) -> None:
    from sinergi.extractions.tasks import run_extraction

    run_extraction.enqueue(extraction_id)


def extraction_run(*, extraction_id: int) -> DocumentExtraction:
    """The background read: text page by page (progress on the row), then the fields."""
    claimed = DocumentExtraction.objects.filter(
        pk=extraction_id, status=DocumentExtraction.Status.QUEUED
    ).update(status=DocumentExtraction.Status.RUNNING, started_at=timezone.now())
    extraction = DocumentExtraction.objects.get(pk=extraction_id)
    if not claimed:
        return extraction  # already read, or discarded while it waited

    def progress(done: int, total: int) -> None:
        DocumentExtraction.objects.filter(pk=extraction_id).update(
            pages_done=done, pages_total=total
        )

    try:
        with extraction.file.open("rb") as stream:
            data = stream.read()
        document, extracted = extract_document(data, on_page=progress)
    except UnreadableDocument as exc:
        return _fail(extraction, exc.message)
    except Exception:
        logger.exception("Extraction %s failed", extraction_id)
        return _fail(extraction, "Terjadi galat saat membaca dokumen. Hubungi admin sistem.")
    result = extracted.as_json()
    result["passages"] = {name: found.passage for name, found in extracted.fields.items()}
    result["party_details"] = [asdict(party) for party in extracted.parties]
    result["obligations"] = extracted.obligations
    result["financing"] = extracted.financing
    result["scope"] = extracted.scope
    result["purpose"] = extracted.purpose
    extraction.refresh_from_db(fields=["pages_done", "pages_total"])
    extraction.text = document.text
    extraction.result = result
    extraction.ocr_pages = len(document.ocr_pages)
    extraction.pages_total = extraction.pages_done = document.page_count
    extraction.status = DocumentExtraction.Status.READY
    extraction.finished_at = timezone.now()
    extraction.save()
    return extraction


def _fail(extraction: DocumentExtraction, message: str) -> DocumentExtraction:
    """Nothing half-written: the row keeps only the reason, the stored file is removed."""
    extraction.refresh_from_db(fields=["pages_done", "pages_total"])
    extraction.status = DocumentExtraction.Status.FAILED
    extraction.error = message
    extraction.text = ""
    extraction.result = {}
    extraction.finished_at = timezone.now()
    if extraction.file:
        extraction.file.delete(save=False)
    extraction.save()
    return extraction


def extraction_discard(*, user: Any, extraction: DocumentExtraction) -> DocumentExtraction:
    _check_open(user, extraction)
    # Discarding deletes the file: only its uploader or the region's TKKSD/admin may.
    if extraction.created_by_id != user.pk and not can_manage_region(user, extraction.owner_region):
        raise PermissionDenied(
            "Hanya pengunggah atau TKKSD wilayah ini yang dapat membuang dokumen."
        )
    extraction.status = DocumentExtraction.Status.DISCARDED
    if extraction.file:
        extraction.file.delete(save=False)
    extraction.save()
    return extraction


def _check_open(user: Any, extraction: DocumentExtraction) -> None:
    if not proposable_regions(user).filter(pk=extraction.owner_region_id).exists():
        raise PermissionDenied("Anda tidak berwenang atas dokumen ini.")
    if extraction.status in (
        DocumentExtraction.Status.ACCEPTED,
        DocumentExtraction.Status.DISCARDED,
    ):
        raise DomainError("Dokumen ini sudah diterima atau dibuang.")


@transaction.atomic
def extraction_accept(
    *,
    user: Any,
    extraction: DocumentExtraction,
    data: AgreementInput,
    parties: list[PartyInput],
    record_obligations: bool = False,
    today: datetime.date | None = None,
) -> Agreement:
    """Record the reviewed agreement, attach the document, and keep the reviewer's corrections.

    A document with a signing date is recorded as signed (running or ended by its end date),
    as the register import does; without one it starts as a proposal.
    """
    _check_open(user, extraction)
    if extraction.status != DocumentExtraction.Status.READY:
        raise DomainError("Dokumen belum selesai dibaca.")
    today = today or timezone.localdate()
    if data.signed_on is None:
        status = Status.PROPOSED
    elif data.end_date is not None and data.end_date <= today:
        status = Status.ENDED
    else:
        status = Status.ACTIVE
    agreement = agreement_create(
        user=user,
        data=data,
        parties=parties,
        status=status,
        note=f"Dicatat dari dokumen {extraction.original_name} yang dibaca Sinergi.",
    )
    _attach(user, agreement, extraction)
    if record_obligations:
        _record_obligations(user, agreement, extraction.result.get("obligations") or {})
    extraction.agreement = agreement
    extraction.status = DocumentExtraction.Status.ACCEPTED
    extraction.corrections = corrections(extraction.result, data, parties)
    extraction.accepted_sector_code = data.primary_affair.code
    extraction.training_text = f"{data.title} {data.title} {data.purpose} {data.scope}"[:8000]
    extraction.save()
    return agreement


def _attach(user: Any, agreement: Agreement, extraction: DocumentExtraction) -> None:
    from sinergi.agreements.models import AgreementDocument
    from sinergi.agreements.services import actor_or_none

    with extraction.file.open("rb") as stream:
        content = stream.read()
    document = AgreementDocument(
        agreement=agreement,
        kind=AgreementDocument.Kind.TEXT,
        title="Naskah kerja sama",
        original_name=extraction.original_name,
        content_type=_content_type(extraction.file_kind, content),
        size=len(content),
        sha256=extraction.sha256,
        uploaded_by=actor_or_none(user),
    )
    document.file.save(extraction.sha256, ContentFile(content), save=False)
    document.save()


ORDINAL_POSITIONS = {"PERTAMA": 1, "KEDUA": 2, "KETIGA": 3, "KEEMPAT": 4, "KELIMA": 5}


def _record_obligations(user: Any, agreement: Agreement, read: dict[str, list[str]]) -> None:
    """The duties read per party ("PIHAK KEDUA berkewajiban: a. …"), as the agreement's
    obligations to monitor; a party the document names that the review removed is skipped."""
    from sinergi.monitoring.permissions import can_manage_followup
    from sinergi.monitoring.services import ObligationInput, obligation_create

    if not can_manage_followup(user, agreement):
        return  # an OPD officer records the agreement; its TKKSD manages the follow-up
    by_position = {party.position: party for party in agreement.parties.all()}
    for label, items in read.items():
        party = by_position.get(ORDINAL_POSITIONS.get(label.removeprefix("PIHAK "), 0))
        if party is None:
            continue
        for item in items:
            data = ObligationInput(party=party, description=item[:2000])
            obligation_create(user=user, agreement=agreement, data=data)


def _content_type(kind: str, content: bytes) -> str:
    """The type the agreement's document is served with: the uploads' own sniffing for the
    formats every upload accepts; TIFF and plain text only come in here."""
    from sinergi.core.uploads import sniff_document

    if kind in ("pdf", "docx") or content.startswith((b"\x89PNG", b"\xff\xd8\xff")):
        return sniff_document(content[:16])[0]
    return "image/tiff" if kind == "image" else "text/plain"


DOC_TYPE_CODES = {
    "KB": "kb",
    "Nota Kesepakatan": "nota",
    "MoU": "mou",
    "PKS": "pks",
    "Adendum": "adendum",
}


def corrections(
    result: dict[str, Any], data: AgreementInput, parties: list[PartyInput]
) -> dict[str, dict[str, Any]]:
    """The fields the reviewer changed: what was read and what was accepted."""

    def day(value: datetime.date | None) -> str | None:
        return value.isoformat() if value else None

    read_parties = [p.get("region_code") or p.get("name") for p in result.get("parties", [])]
    accepted_parties = [
        party.region.code
        if party.region
        else (party.organization.name if party.organization else "")
        for party in parties
    ]
    pairs = {
        "doc_type": (DOC_TYPE_CODES.get(result.get("doc_type", "")), data.doc_type),
        "title": (result.get("title"), data.title),
        "date_signed": (result.get("date_signed"), day(data.signed_on)),
        "place_signed": (result.get("place_signed"), data.signed_place or None),
        "start_date": (result.get("start_date"), day(data.start_date)),
        "end_date": (result.get("end_date"), day(data.end_date)),
        "duration_months": (result.get("duration_months"), data.duration_months),
        "sector": ((result.get("sector") or {}).get("code"), data.primary_affair.code),
        "parties": (read_parties, accepted_parties),
    }
    return {
        name: {"dibaca": read, "diterima": accepted}
        for name, (read, accepted) in pairs.items()
        if read != accepted
    }


def owner_for(user: Any, codes: list[str]) -> Region | None:
    """The recording region: the first party the user may record for, else their own."""
    allowed = proposable_regions(user)
    for code in codes:
        region = allowed.filter(code=code).first()
        if region is not None:
            return region
    return user.region if user.region_id else None
