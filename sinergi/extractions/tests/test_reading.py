"""Reading real files, and refusing bad ones with a message the uploader understands."""

import io
import zipfile
from typing import Any

import pytest

from sinergi.extractions.reading import UnreadableDocument, read_document, sniff_kind
from sinergi.extractions.tests import documents

TEXT = (documents.CORPUS / "02_pks_samarinda_kukar_rujukan_kesehatan.txt").read_text()


def test_a_text_pdf_is_read_from_its_text_layer_without_ocr() -> None:
    read = read_document(documents.text_pdf(TEXT))
    assert read.kind == "pdf"
    assert read.page_count >= 2
    assert read.ocr_pages == []
    assert "PELAYANAN RUJUKAN KESEHATAN" in read.text


def test_a_scanned_pdf_is_read_page_by_page_with_ocr_and_reports_progress() -> None:
    seen: list[tuple[int, int]] = []
    read = read_document(
        documents.scanned_pdf(TEXT), on_page=lambda done, total: seen.append((done, total))
    )
    total = read.page_count
    assert read.ocr_pages == list(range(1, total + 1))
    assert seen == [(n, total) for n in range(1, total + 1)]
    # Tesseract with the Indonesian data reads the heading and the document numbers.
    assert "RUJUKAN KESEHATAN" in read.text
    assert "400.7/1184/DKK-II/VIII/2024" in read.text


def test_docx_image_and_plain_text_are_read() -> None:
    assert "Kutai Kartanegara" in read_document(documents.docx(TEXT)).text
    image = read_document(documents.png(TEXT))
    assert image.kind == "image"
    assert image.ocr_pages == [1]
    assert "PERJANJIAN KERJA SAMA" in image.text
    assert read_document(TEXT.encode()).kind == "text"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Berkas kosong"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word lama (.doc)"),
        (bytes(range(256)) * 8, "Jenis berkas tidak dikenali"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 100, "PDF rusak"),
        (b"PK\x03\x04" + b"not really a zip" * 10, "DOCX rusak"),
    ],
    ids=["empty", "old-word", "binary", "corrupt-pdf", "corrupt-docx"],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(data)
    assert message in caught.value.message


def test_an_encrypted_pdf_asks_for_the_password_to_be_removed() -> None:
    with pytest.raises(UnreadableDocument, match="kata sandi"):
        read_document(documents.encrypted_pdf(TEXT))


def test_a_zip_bomb_disguised_as_docx_is_refused_before_unpacking() -> None:
    bomb = documents.zip_bomb_docx()
    assert len(bomb) < 1024 * 1024  # 200 MB of zeros packs into a few hundred kilobytes
    with pytest.raises(UnreadableDocument, match="bom ZIP"):
        read_document(bomb)


def test_a_docx_declaring_entities_is_refused() -> None:
    with pytest.raises(UnreadableDocument, match="DTD"):
        read_document(documents.docx_with_entities())


def test_a_zip_without_a_word_body_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"x" * 100)
    with pytest.raises(UnreadableDocument, match="bukan dokumen Word"):
        read_document(buffer.getvalue())


def test_an_image_with_no_text_says_nothing_was_read() -> None:
    with pytest.raises(UnreadableDocument, match=r"Tidak ada teks yang terbaca .*OCR"):
        read_document(documents.blank_png())


def test_files_over_the_limits_are_refused(settings: Any) -> None:
    settings.EXTRACTION_MAX_BYTES = 1024
    with pytest.raises(UnreadableDocument, match="terlalu besar"):
        read_document(TEXT.encode())
    settings.EXTRACTION_MAX_BYTES = 20 * 1024 * 1024
    settings.EXTRACTION_MAX_PAGES = 1
    with pytest.raises(UnreadableDocument, match="terlalu panjang"):
        read_document(documents.text_pdf(TEXT))


def test_an_image_with_too_many_pixels_is_refused(settings: Any) -> None:
    settings.EXTRACTION_MAX_PIXELS = 1000
    with pytest.raises(UnreadableDocument, match="piksel"):
        read_document(documents.png(TEXT))


def test_the_type_comes_from_the_content_not_the_name() -> None:
    assert sniff_kind(documents.docx(TEXT)) == "docx"
    assert sniff_kind(b"\x89PNG\r\n\x1a\n....") == "image"
    assert sniff_kind(b"Perjanjian Kerja Sama") == "text"
