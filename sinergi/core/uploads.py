"""Checks every uploaded document goes through: size, type by content (never by name), a
structure check, and its SHA-256. Used for every stored document: agreement documents,
obligation, monev and SPM evidence, innovation files and replication letters.

Beyond the type, a file must be what it claims and carry nothing active: a PDF must parse, open
without a password and hold no scripts, launch actions or embedded files (a signed agreement
never needs them, and they are how PDFs carry malware); a DOCX must be a Word document without
macros whose unpacked size is bounded (a ZIP bomb is refused before anything unpacks it)."""

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from sinergi.core.errors import DomainError
from sinergi.core.tables import MAX_UNZIPPED_BYTES, ensure_upload_size

# The first bytes of each accepted format.
_SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"PK\x03\x04": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    sha256: str
    name: str


def sniff_document(head: bytes) -> tuple[str, str]:
    """(content type, extension) of a document from its first bytes."""
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return kind
    raise DomainError("Jenis berkas tidak didukung. Unggah PDF, DOCX, JPG atau PNG.")


def check_docx(content: bytes) -> None:
    """A Word document, without macros, that unpacks to a bounded size."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        entries = []
    if not any(entry.filename == "word/document.xml" for entry in entries):
        raise DomainError("Berkas ZIP ini bukan dokumen Word (DOCX).")
    if sum(entry.file_size for entry in entries) > MAX_UNZIPPED_BYTES:
        raise DomainError("Dokumen Word ini terlalu besar setelah diekstrak (bom ZIP); ditolak.")
    if any(entry.filename.lower().endswith("vbaproject.bin") for entry in entries):
        raise DomainError("Dokumen Word ini berisi makro; simpan sebagai DOCX biasa lalu unggah.")


# Names that make a PDF do something when opened: scripts, launching programs, files inside.
_ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/RichMedia"}
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch"}
_MAX_PDF_OBJECTS = 100_000  # far above any real agreement; bounds the walk below


def check_pdf(content: bytes) -> None:
    """A PDF that parses, opens without a password and carries no active content."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DomainError("PDF ini dikunci kata sandi; buka kuncinya lalu unggah lagi.")
        if len(reader.pages) == 0:
            raise DomainError("PDF ini tidak berisi halaman.")
        active = _active_content(reader.trailer)
    except DomainError:
        raise
    except Exception as exc:  # pypdf raises many types for a damaged file
        raise DomainError("PDF ini rusak atau tidak lengkap; unggah ulang berkas aslinya.") from exc
    if active:
        raise DomainError(
            f"PDF ini berisi {active}, yang tidak diterima demi keamanan. "
            "Cetak ulang ke PDF (tanpa skrip atau lampiran) lalu unggah lagi."
        )


def _active_content(root: Any) -> str:
    """What active content the object graph from `root` holds ("" when none). Iterative, with
    every indirect object visited once: a PDF may link its objects in loops."""
    pending, seen = [root], set()
    while pending:
        node = pending.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > _MAX_PDF_OBJECTS:
                raise DomainError("PDF ini terlalu rumit untuk diperiksa; ditolak.")
            pending.append(node.get_object())
        elif isinstance(node, DictionaryObject):
            keys = set(node.keys())
            if keys & {"/JS", "/JavaScript"} or node.get("/S") == "/JavaScript":
                return "skrip (JavaScript)"
            if node.get("/S") in _ACTIVE_ACTIONS:
                return "perintah menjalankan program"
            if keys & _ACTIVE_KEYS:
                return "berkas tersisip"
            pending.extend(node.values())
        elif isinstance(node, ArrayObject):
            pending.extend(node)
    return ""


def checked_document(upload: Any, *, default_name: str = "berkas") -> CheckedFile:
    """Read an upload, refusing it when too large or not a PDF, DOCX, JPG or PNG."""
    ensure_upload_size(upload.size)
    content = upload.read()
    ensure_upload_size(len(content))  # the declared size is the client's word
    content_type, extension = sniff_document(content[:16])
    if extension == "docx":
        check_docx(content)
    elif extension == "pdf":
        check_pdf(content)
    digest = hashlib.sha256(content).hexdigest()
    return CheckedFile(content, content_type, digest, (upload.name or default_name)[:255])
