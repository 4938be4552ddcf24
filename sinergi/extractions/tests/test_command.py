"""`manage.py extract_agreement PATH --json`: the shape documented in the issue."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from sinergi.extractions.tests import documents

pytestmark = pytest.mark.django_db

KEYS = [
    "doc_type",
    "title",
    "numbers",
    "date_signed",
    "place_signed",
    "parties",
    "start_date",
    "end_date",
    "duration_months",
    "sector",
    "kind",
    "confidence",
]


def _run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("extract_agreement", str(path), *args, stdout=out)
    return out.getvalue()


def test_json_output_of_a_docx(reference_data: None, tmp_path: Path) -> None:
    text = (documents.CORPUS / "05_mou_kutim_pt_bara_sangatta_energi.txt").read_text()
    path = tmp_path / "mou.docx"
    path.write_bytes(documents.docx(text))
    result = json.loads(_run(path, "--json"))
    assert list(result) == KEYS
    assert result["doc_type"] == "MoU"
    assert result["date_signed"] == "2025-03-03"
    assert result["place_signed"] == "Sangatta"
    assert result["parties"] == [
        {
            "name": "Pemerintah Kabupaten Kutai Timur",
            "region_code": "64.08",
            "signatory": "Drs. H. Mahyudin Saleh, M.Pd.",
            "position": "Bupati Kutai Timur",
        },
        {
            "name": "PT Bara Sangatta Lestari",
            "region_code": None,
            "signatory": "Ir. Bonifasius Hartanto, M.B.A.",
            "position": "Direktur Utama",
        },
    ]
    assert result["sector"] == {"code": "3.29", "name": "Energi dan Sumber Daya Mineral"}
    assert result["kind"] == "KSDPK"
    assert set(result["confidence"]) == set(KEYS) - {"confidence"}
    assert all(0 <= value <= 1 for value in result["confidence"].values())


def test_plain_output_names_each_field_with_its_confidence(
    reference_data: None, tmp_path: Path
) -> None:
    path = tmp_path / "pks.txt"
    path.write_text((documents.CORPUS / "02_pks_samarinda_kukar_rujukan_kesehatan.txt").read_text())
    output = _run(path)
    assert "pks.txt: 1 halaman (0 lewat OCR)" in output
    assert 'date_signed: "2024-08-12"  [' in output


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "Berkas kosong"), (b"\x00\x01\x02" * 50, "tidak dikenali")],
)
def test_bad_files_end_with_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "buruk.pdf"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _run(path, "--json")


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="tidak ditemukan"):
        _run(tmp_path / "tidak-ada.pdf")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, settings: Any) -> None:
    settings.EXTRACTION_MAX_BYTES = 100
    path = tmp_path / "besar.txt"
    path.write_text("Perjanjian " * 50)
    with pytest.raises(CommandError, match="terlalu besar"):
        _run(path)
