"""The sector classifier: word lists first, then what reviewers and the registry taught it."""

from typing import Any

import pytest

from sinergi.extractions.engine import sector_classifier
from sinergi.extractions.models import DocumentExtraction
from sinergi.extractions.sectors import SectorClassifier

NAMES = {
    "1.02": "Kesehatan",
    "3.26": "Pariwisata",
    "2.11": "Lingkungan Hidup",
    "1.01": "Pendidikan",
}
# No urusan's word list knows this local term: only the registry can.
TITLE = "PENGELOLAAN BERSAMA KAWASAN SUNGAI MAHAKAM TEPIAN SEHAT"
BODY = "susur sungai, dermaga, perahu naga"


def test_the_word_lists_decide_and_explain() -> None:
    classify = SectorClassifier(NAMES)
    sector, confidence, why = classify("PELAYANAN RUJUKAN PASIEN ANTAR-RUMAH SAKIT", "")
    assert sector == ("1.02", "Kesehatan")
    assert confidence > 0.9
    assert "rumah sakit" in why


def test_no_known_words_means_no_sector() -> None:
    assert SectorClassifier(NAMES)("KERJA SAMA ANTARDAERAH", "")[0] is None


@pytest.mark.django_db
def test_a_reviewers_corrections_teach_the_classifier(
    tkksd_samarinda: Any, samarinda: Any, kukar: Any, make_agreement: Any
) -> None:
    before = sector_classifier()(TITLE, BODY)
    for number in range(20):  # the registry: health agreements with their own words
        make_agreement(
            tkksd_samarinda, samarinda, [kukar], title=f"Pelayanan kesehatan rujukan {number}"
        )
    for _ in range(3):
        DocumentExtraction.objects.create(
            owner_region=samarinda,
            created_by=tkksd_samarinda,
            original_name="naskah.pdf",
            file_kind="pdf",
            size=1,
            sha256="0" * 64,
            status=DocumentExtraction.Status.ACCEPTED,
            accepted_sector_code="3.26",
            training_text=f"{TITLE} {TITLE} susur sungai dermaga perahu naga festival air",
        )
    after = sector_classifier()(TITLE, BODY)
    assert before[0] != ("3.26", "Pariwisata")  # the word lists alone get it wrong
    assert after[0] == ("3.26", "Pariwisata")
    assert "mirip kerja sama tercatat" in after[2]
