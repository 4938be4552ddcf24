"""Extraction accuracy on the annotated evaluation sets, in the formats offices upload.

`corpus/` is the set the rules were developed on; `holdout/` was written separately and only
measured. Targets from the issue: parties with region codes, dates and document type at
least 95%; sector at least 90%. docs/benchmarks.md reports the measured accuracies.
"""

from collections.abc import Callable
from typing import Any

import pytest

from sinergi.extractions.engine import extract_document, extract_text, sector_classifier
from sinergi.extractions.evaluation import FIELDS, Score, load_set
from sinergi.extractions.tests import documents

TARGETS = {
    "doc_type": 0.95,
    "date_signed": 0.95,
    "start_date": 0.95,
    "end_date": 0.95,
    "parties": 0.95,
    "sector": 0.90,
    "kind": 0.90,
    "title": 0.90,
    "numbers": 0.90,
    "place_signed": 0.90,
    "signatories": 0.90,
    "duration_months": 0.90,
}
SETS = {"corpus": documents.CORPUS, "holdout": documents.HOLDOUT}


def _score(
    items: list[tuple[str, str, dict[str, Any]]], read: Callable[[str], dict[str, Any]]
) -> Score:
    score = Score()
    for name, text, expected in items:
        score.add(name, expected, read(text))
    return score


def _assert_targets(score: Score, targets: dict[str, float]) -> None:
    failing = {
        field: round(score.accuracy(field), 2)
        for field, target in targets.items()
        if score.accuracy(field) < target
    }
    misses = [miss for miss in score.misses if miss[1] in failing]
    assert not failing, f"below target: {failing}; misses: {misses}"


def test_the_sets_are_annotated_as_the_command_prints() -> None:
    items = [item for directory in SETS.values() for item in load_set(directory)]
    assert len(items) >= 40
    shape = set(FIELDS) - {"signatories"}
    for name, text, expected in items:
        assert shape <= set(expected), name
        assert text.strip(), name


@pytest.mark.parametrize("set_name", SETS)
def test_plain_text_meets_the_targets(reference_data: None, set_name: str) -> None:
    classifier = sector_classifier()
    items = list(load_set(SETS[set_name]))
    score = _score(items, lambda text: extract_text(text, classifier).as_json())
    _assert_targets(score, TARGETS)


def test_ocr_noise_in_three_words_of_a_hundred_keeps_the_key_fields(reference_data: None) -> None:
    classifier = sector_classifier()
    items = [item for directory in SETS.values() for item in load_set(directory)]
    score = _score(
        items, lambda text: extract_text(documents.ocr_noise(text), classifier).as_json()
    )
    _assert_targets(score, {"doc_type": 0.95, "date_signed": 0.95, "parties": 0.95, "sector": 0.9})


def test_docx_files_of_the_whole_set(reference_data: None) -> None:
    items = [item for directory in SETS.values() for item in load_set(directory)]
    score = _score(items, lambda text: extract_document(documents.docx(text))[1].as_json())
    _assert_targets(score, TARGETS)


SAMPLE = [
    "01_kb_kukar_samarinda_bontang_sinergi_kawasan",
    "13_mou_nunukan_tawau_perdagangan_lintas_batas",
    "20_pks_samarinda_bankaltimtara_kas_daerah",
]


def _sample() -> list[tuple[str, str, dict[str, Any]]]:
    return [item for item in load_set(documents.CORPUS) if item[0] in SAMPLE]


def test_text_pdfs(reference_data: None) -> None:
    score = _score(_sample(), lambda text: extract_document(documents.text_pdf(text))[1].as_json())
    _assert_targets(score, dict.fromkeys(TARGETS, 1.0))


def test_scanned_pdfs_read_by_ocr(reference_data: None) -> None:
    """Pages rendered to images (slightly rotated and blurred, as a scanner does) and read
    back by Tesseract: the fields the registry needs survive."""
    score = _score(
        _sample(),
        lambda text: extract_document(documents.scanned_pdf(text, skew=0.4, blur=True))[
            1
        ].as_json(),
    )
    _assert_targets(
        score,
        {
            "doc_type": 1.0,
            "date_signed": 1.0,
            "parties": 1.0,
            "sector": 1.0,
            "kind": 1.0,
            "end_date": 1.0,
        },
    )
