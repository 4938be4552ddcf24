"""Real files made from the evaluation texts: text PDF, scanned PDF, DOCX, PNG, and OCR noise.

The scans are made the way a scanner makes them: each page drawn as a grey image with no
text layer, so only OCR can read it. Used by the tests and by the benchmark.
"""

import io
import random
import textwrap
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
HOLDOUT = HERE / "holdout"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LINES_PER_PAGE = 48
DPI = 150


def pages_of(text: str) -> list[list[str]]:
    lines: list[str] = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, 90) or [""]
    return [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]


def text_pdf(text: str) -> bytes:
    """A PDF with a text layer, as a word processor exports it."""
    from django.utils.html import escape
    from weasyprint import HTML

    body = "".join(
        f'<pre style="page-break-after: always">{escape(chr(10).join(page))}</pre>'
        for page in pages_of(text)
    )
    html = f"<html><body style='font: 10pt DejaVu Serif'>{body}</body></html>"
    return HTML(string=html).write_pdf()


def page_images(text: str, *, skew: float = 0.0, blur: bool = False) -> list[Image.Image]:
    font = ImageFont.truetype(FONT, 20)
    images = []
    for page in pages_of(text):
        image = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
        draw = ImageDraw.Draw(image)
        for number, line in enumerate(page):
            draw.text((110, 100 + number * 32), line, fill=25, font=font)
        if skew:
            image = image.rotate(skew, fillcolor=255, expand=False)
        if blur:
            image = image.filter(ImageFilter.GaussianBlur(0.6))
        images.append(image)
    return images


def scanned_pdf(text: str, **options: float | bool) -> bytes:
    """An image-only PDF: no text layer, as a scanner writes it."""
    images = page_images(text, **options)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return buffer.getvalue()


def png(text: str) -> bytes:
    buffer = io.BytesIO()
    page_images(text)[0].save(buffer, format="PNG")
    return buffer.getvalue()


def docx(text: str) -> bytes:
    from docx import Document

    document = Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# OCR's usual confusions, applied to a share of the words.
CONFUSIONS = (("l", "1"), ("O", "0"), ("rn", "m"), ("e", "c"), ("i", "l"), (",", "."))


def ocr_noise(text: str, *, rate: float = 0.03, seed: int = 7) -> str:
    """`text` with OCR-like errors in about `rate` of its words (deterministic per seed)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible noise, not security
    words = text.split(" ")
    for index, word in enumerate(words):
        if len(word) > 3 and rng.random() < rate:
            wrong, right = (
                rng.choice(CONFUSIONS)[::-1] if rng.random() < 0.2 else rng.choice(CONFUSIONS)
            )
            words[index] = word.replace(wrong, right, 1)
    return " ".join(words)


def zip_bomb_docx() -> bytes:
    """A ZIP that calls itself a DOCX and unpacks to 200 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            block = b"\0" * (1024 * 1024)
            for _ in range(200):
                stream.write(block)
    return buffer.getvalue()


def docx_with_entities() -> bytes:
    """A DOCX whose body declares entities (the "billion laughs" shape)."""
    xml = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def encrypted_pdf(text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(text))))
    writer.encrypt(user_password="rahasia", owner_password="rahasia-pemilik", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (800, 1000), 255).save(buffer, format="PNG")
    return buffer.getvalue()
