"""Text out of an uploaded agreement: PDF (text or scanned), DOCX, image or plain text.

Everything runs on this server: pypdf reads a PDF's text layer, pypdfium2 renders the pages
that have none, and the local Tesseract with its Indonesian data reads those images. The type
is decided by the file's first bytes, never by its name. Every limit (size, pages, pixels,
unpacked DOCX size) is checked before the expensive step, and each failure becomes an
`UnreadableDocument` with a message for the officer.
"""

import io
import os
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from django.conf import settings

# A page with fewer printable characters than this in its text layer is treated as scanned.
MIN_TEXT_CHARS = 40
OCR_DPI = 200
LAYOUT_PAGES = 2
OCR_TIMEOUT_SECONDS = 120
DOCX_MAX_RATIO = 100  # unpacked/packed; real DOCX files stay far below
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ProgressCallback = Callable[[int, int], None]


class UnreadableDocument(Exception):
    """The file cannot be read; `message` says why, in Indonesian, for the uploader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class DocumentText:
    kind: str  # pdf, docx, image, text
    pages: list[str]
    ocr_pages: list[int] = field(default_factory=list)  # 1-based numbers of pages read by OCR

    @property
    def text(self) -> str:
        return "\n\f\n".join(self.pages)

    @property
    def page_count(self) -> int:
        return len(self.pages)


def sniff_kind(data: bytes) -> str:
    """The format from the first bytes: pdf, docx, image, doc (old Word), text or unknown."""
    head = data[:8]
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if _looks_like_text(data):
        return "text"
    return "unknown"


def read_document(data: bytes, *, on_page: ProgressCallback | None = None) -> DocumentText:
    """Every page's text; raises UnreadableDocument with the reason when it cannot."""
    if not data:
        raise UnreadableDocument("Berkas kosong (0 bita).")
    limit = settings.EXTRACTION_MAX_BYTES
    if len(data) > limit:
        raise UnreadableDocument(
            f"Berkas terlalu besar: {len(data) / 1048576:.1f} MB; batasnya {limit // 1048576} MB."
        )
    kind = sniff_kind(data)
    readers = {"pdf": _read_pdf, "docx": _read_docx, "image": _read_image, "text": _read_text}
    if kind == "doc":
        raise UnreadableDocument(
            "Format Word lama (.doc) tidak didukung. "
            "Simpan sebagai DOCX atau PDF, lalu unggah lagi."
        )
    if kind not in readers:
        raise UnreadableDocument(
            "Jenis berkas tidak dikenali. Unggah PDF, DOCX, gambar (PNG/JPEG/TIFF) atau teks."
        )
    document = readers[kind](data, on_page)
    if not any(_printable_count(page) for page in document.pages):
        raise UnreadableDocument(
            "Tidak ada teks yang terbaca dari berkas ini"
            + (" (juga setelah OCR)." if document.ocr_pages else ".")
        )
    return document


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is still text.
        if exc.start < len(sample) - 4:
            return False
    return True


def _printable_count(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


def clean(text: str) -> str:
    """Unicode-normalised text with the PDF/Word oddities that break patterns removed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\r\n", "\n")
    text = re.sub(r"[ \t\u00a0]+", " ", text.replace("\r", "\n"))
    return "\n".join(line.strip() for line in text.split("\n"))


# PDF ------------------------------------------------------------------------------------------


def _read_pdf(data: bytes, on_page: ProgressCallback | None) -> DocumentText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(
                "PDF ini dikunci dengan kata sandi. Buka kuncinya lalu unggah lagi."
            )
        total = len(reader.pages)
    except UnreadableDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableDocument(f"PDF rusak atau tidak lengkap ({type(exc).__name__}).") from exc
    except Exception as exc:  # pypdf raises many kinds on hostile files
        raise UnreadableDocument("PDF rusak atau tidak dapat dibaca.") from exc
    if total == 0:
        raise UnreadableDocument("PDF tidak berisi halaman.")
    _check_pages(total)
    pages: list[str] = []
    ocr_pages: list[int] = []
    renderer = _PageRenderer(data)
    try:
        for number, page in enumerate(reader.pages, start=1):
            text = _page_text(page, layout=number <= LAYOUT_PAGES)
            if _printable_count(text) < MIN_TEXT_CHARS:
                scanned = renderer.ocr(number - 1)
                if _printable_count(scanned) > _printable_count(text):
                    text = scanned
                    ocr_pages.append(number)
            pages.append(text)
            if on_page:
                on_page(number, total)
    finally:
        renderer.close()
    return DocumentText("pdf", pages, ocr_pages)


def _check_pages(total: int) -> None:
    if total > settings.EXTRACTION_MAX_PAGES:
        raise UnreadableDocument(
            f"Dokumen terlalu panjang: {total} halaman; batasnya "
            f"{settings.EXTRACTION_MAX_PAGES} halaman."
        )


def _page_text(page: Any, *, layout: bool) -> str:
    """The text layer. The first pages in layout mode: blank lines between paragraphs survive,
    which the heading and the komparisi rules rely on (plain mode runs a heading into the
    paragraph after it). Later pages in plain mode, three times faster: their rules (articles,
    terms, obligations) go by lines."""
    for mode in ("layout", "plain") if layout else ("plain",):
        try:
            return clean(page.extract_text(extraction_mode=mode) or "")
        except Exception:  # noqa: S112 - a broken page must not lose the others
            continue
    return ""


class _PageRenderer:
    """Renders scanned pages for OCR; the PDF is opened by pdfium once, on the first need."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: object | None = None

    def ocr(self, index: int) -> str:
        import pypdfium2

        try:
            if self.pdf is None:
                self.pdf = pypdfium2.PdfDocument(self.data)
            page = self.pdf[index]  # type: ignore[index]
            width, height = page.get_size()
            scale = OCR_DPI / 72
            if width * height * scale * scale > settings.EXTRACTION_MAX_PIXELS:
                scale = (settings.EXTRACTION_MAX_PIXELS / (width * height)) ** 0.5
            image = page.render(scale=scale, grayscale=True).to_pil()
        except pypdfium2.PdfiumError:
            return ""
        return _ocr_image(image)

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()  # type: ignore[attr-defined]


# Images and OCR -------------------------------------------------------------------------------


def _read_image(data: bytes, on_page: ProgressCallback | None) -> DocumentText:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = settings.EXTRACTION_MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
        _check_pages(frames)
        pages = []
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            pages.append(_ocr_image(frame.convert("L")))
            if on_page:
                on_page(number, frames)
    except Image.DecompressionBombError as exc:
        raise UnreadableDocument("Gambar terlalu besar (jumlah piksel melebihi batas).") from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise UnreadableDocument("Gambar rusak atau formatnya tidak dikenali.") from exc
    return DocumentText("image", pages, list(range(1, len(pages) + 1)))


def _ocr_image(image: object) -> str:
    """Tesseract with the Indonesian data; the image goes through a pipe, never a file."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # type: ignore[attr-defined]
    # One thread per page: on two cores, parallel OCR threads only fight each other.
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        completed = subprocess.run(  # noqa: S603 - fixed argument list, no shell
            [settings.TESSERACT_COMMAND, "stdin", "stdout", "-l", "ind", "--psm", "3"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=OCR_TIMEOUT_SECONDS,
            env=environment,
            check=False,
        )
    except FileNotFoundError as exc:
        raise UnreadableDocument(
            "Halaman hasil pindaian perlu OCR, tetapi Tesseract belum terpasang di server "
            "(paket tesseract-ocr dan tesseract-ocr-ind)."
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise UnreadableDocument("OCR satu halaman melebihi batas waktu.") from exc
    if completed.returncode != 0:
        return ""
    return clean(completed.stdout.decode("utf-8", errors="replace"))


# DOCX -----------------------------------------------------------------------------------------


def _read_docx(data: bytes, on_page: ProgressCallback | None) -> DocumentText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableDocument("Berkas DOCX rusak (arsip ZIP tidak valid).") from exc
    body = members.get("word/document.xml")
    if body is None:
        raise UnreadableDocument("Berkas ZIP ini bukan dokumen Word (DOCX).")
    unpacked = sum(info.file_size for info in members.values())
    packed = max(1, sum(info.compress_size for info in members.values()))
    if unpacked > settings.EXTRACTION_MAX_DOCX_BYTES or unpacked / packed > DOCX_MAX_RATIO:
        raise UnreadableDocument(
            "Isi DOCX ini tidak wajar: setelah dibuka jauh lebih besar dari berkasnya "
            "(kemungkinan bom ZIP). Berkas ditolak."
        )
    try:
        # Read at most the declared size plus one byte: a lying header cannot inflate further.
        with archive.open(body) as stream:
            xml = stream.read(settings.EXTRACTION_MAX_DOCX_BYTES + 1)
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
        raise UnreadableDocument("Berkas DOCX rusak atau terenkripsi.") from exc
    if len(xml) > settings.EXTRACTION_MAX_DOCX_BYTES:
        raise UnreadableDocument("Isi DOCX melebihi batas ukuran.")
    text = _docx_text(xml)
    if on_page:
        on_page(1, 1)
    return DocumentText("docx", [text])


def _docx_text(xml: bytes) -> str:
    try:
        # Word never writes a DTD; refusing one rules out entity-expansion attacks.
        root = parse_xml(xml, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise UnreadableDocument("Isi DOCX tidak wajar (mengandung DTD). Berkas ditolak.") from exc
    except ParseError as exc:
        raise UnreadableDocument("Isi DOCX rusak (XML tidak valid).") from exc
    lines = []
    for paragraph in root.iter(f"{WORD_NS}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{WORD_NS}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{WORD_NS}tab":
                parts.append("\t")
            elif node.tag in (f"{WORD_NS}br", f"{WORD_NS}cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return clean("\n".join(lines))


# Plain text -----------------------------------------------------------------------------------


def _read_text(data: bytes, on_page: ProgressCallback | None) -> DocumentText:
    text = data.decode("utf-8-sig", errors="replace")
    if on_page:
        on_page(1, 1)
    # A form feed separates pages in text exported from PDFs.
    return DocumentText("text", [clean(page) for page in text.split("\f")])
