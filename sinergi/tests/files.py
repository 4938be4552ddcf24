"""Real files for tests that upload documents: uploads are parsed, so a few header bytes that
merely look like a PDF are refused like any damaged file."""

import io

from pypdf import PdfWriter


def pdf(label: str = "") -> bytes:
    """A valid one-page PDF; different labels give different bytes (and SHA-256)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # A4 in points
    if label:
        writer.add_metadata({"/Title": label})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
