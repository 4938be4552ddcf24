"""Reading plus field extraction, with the registry's reference data plugged in.

`extract_document` is what the command, the background task and the evaluation share.
"""

from functools import lru_cache

from sinergi.extractions.fields import ExtractedAgreement, extract
from sinergi.extractions.model_reading import improve_fields
from sinergi.extractions.parties import region_index
from sinergi.extractions.reading import DocumentText, ProgressCallback, read_document
from sinergi.extractions.sectors import Example, SectorClassifier

# The registry's newest agreements that teach the sector classifier (plus every correction).
REGISTRY_EXAMPLES = 3000


CORRECTION_WEIGHT = 1.5
REGISTRY_WEIGHT = 0.5


def sector_classifier() -> SectorClassifier:
    """Built once per process and registry state (0.26 s with 3,000 examples)."""
    from sinergi.core.versions import data_version
    from sinergi.extractions.models import DocumentExtraction

    corrections = DocumentExtraction.objects.accepted().count()
    return _classifier(data_version(), corrections)


@lru_cache(maxsize=2)
def _classifier(_version: int, _corrections: int) -> SectorClassifier:
    from sinergi.affairs.models import Affair

    names = dict(Affair.objects.values_list("code", "name"))
    return SectorClassifier(names, training_examples())


def training_examples() -> list[Example]:
    """Sectors people chose: reviewers' corrections first, then the registry's agreements."""
    from sinergi.agreements.models import Agreement
    from sinergi.extractions.models import DocumentExtraction

    examples = [
        Example(text, code, CORRECTION_WEIGHT)
        for text, code in DocumentExtraction.objects.accepted().values_list(
            "training_text", "accepted_sector_code"
        )
        if text and code
    ]
    rows = (
        Agreement.objects.exclude(primary_affair__isnull=True)
        .order_by("-id")
        .values_list("title", "scope", "primary_affair__code")[:REGISTRY_EXAMPLES]
    )
    examples += [
        Example(f"{title} {title} {scope}", code, REGISTRY_WEIGHT) for title, scope, code in rows
    ]
    return examples


def extract_text(text: str, classifier: SectorClassifier | None = None) -> ExtractedAgreement:
    classifier = classifier or sector_classifier()
    extracted = extract(text, regions=region_index(), classify_sector=classifier)
    # The optional local language model re-reads what the rules were unsure of.
    improve_fields(text, extracted, classifier.names)
    return extracted


def extract_document(
    data: bytes, *, on_page: ProgressCallback | None = None
) -> tuple[DocumentText, ExtractedAgreement]:
    """Raises reading.UnreadableDocument when the file cannot be read."""
    document = read_document(data, on_page=on_page)
    return document, extract_text(document.text)
