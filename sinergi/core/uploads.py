"""Checks every uploaded document goes through: size, type by content (never by name), and
its SHA-256. Used for agreement documents, obligation evidence and monev evidence."""

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from sinergi.core.errors import DomainError
from sinergi.core.tables import ensure_upload_size

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


def is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def checked_document(upload: Any, *, default_name: str = "berkas") -> CheckedFile:
    """Read an upload, refusing it when too large or not a PDF, DOCX, JPG or PNG."""
    ensure_upload_size(upload.size)
    content = upload.read()
    ensure_upload_size(len(content))  # the declared size is the client's word
    content_type, _ = sniff_document(content[:16])
    if content_type.endswith("document") and not is_docx(content):
        raise DomainError("Berkas ZIP ini bukan dokumen Word (DOCX).")
    digest = hashlib.sha256(content).hexdigest()
    return CheckedFile(content, content_type, digest, (upload.name or default_name)[:255])
