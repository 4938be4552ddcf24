"""Indonesian full-text search over agreements, on both databases.

PostgreSQL: the built-in `indonesian` text-search configuration (Snowball stemmer) over the
raw text, kept by the database in the generated column `search_vector` with a GIN index
(migration 0005; not on the model). SQLite: an FTS5 table over the text stemmed with Sastrawi
on save. Both make "pelayanan kelahiran" find "layanan akta kelahiran" (pelayanan/layanan ->
layan, kelahiran -> lahir).
"""

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

# The SQLite FTS5 table (migration 0002); written out in full so no SQL is ever assembled.
_FTS_DELETE = "DELETE FROM agreements_agreement_fts WHERE rowid = %s"
FTS_INSERT = "INSERT INTO agreements_agreement_fts(rowid, stems) VALUES (%s, %s)"
_FTS_MATCH = "SELECT rowid FROM agreements_agreement_fts WHERE agreements_agreement_fts MATCH %s"
_WORD = re.compile(r"\w+")
_DOCUMENT_NUMBER = re.compile(r"^(?=.*\d)\S*\w[/.\-]\w\S*$")


@cache
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def stem(text: str) -> str:
    return str(_stemmer().stem(text.lower()))


def document_for(agreement: Any) -> str:
    return document_text(agreement, agreement.parties.select_related("region", "organization"))


def document_text(agreement: Any, parties: Iterable[Any]) -> str:
    """The text a search looks through: titles, numbers, content and the parties' names.

    `parties` are Party rows or PartyInput values (the bulk import has no rows yet).
    """
    parts = [
        agreement.title,
        agreement.subject,
        agreement.number,
        agreement.purpose,
        agreement.scope,
        agreement.location,
    ]
    for party in parties:
        parts += [str(party.region or party.organization), party.document_number.strip()]
    return "\n".join(p for p in parts if p)


def index(agreement: Any) -> None:
    """Refresh the search text of one agreement (called by the services after each write)."""
    from sinergi.agreements.models import Agreement

    document = document_for(agreement)
    stems = stem(document) if connection.vendor == "sqlite" else ""
    Agreement.all_objects.filter(pk=agreement.pk).update(
        search_document=document, search_stems=stems
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(_FTS_DELETE, [agreement.pk])
            cursor.execute(FTS_INSERT, [agreement.pk, stems])


def matching[QS: QuerySet[Any]](queryset: QS, text: str) -> QS:
    """Agreements whose text matches every word of `text`, stemmed; or, for a text that looks
    like a document number (`180/01/KS/2025`), whose own or a party's number contains it."""
    words = _WORD.findall(text)
    if not words:
        return queryset
    if _DOCUMENT_NUMBER.search(text.strip()):
        # Text search splits numbers differently on each database; match them literally.
        # A subquery, not a join: a join repeats rows and needs DISTINCT over every column.
        from sinergi.agreements.models import Party

        parties = Party.objects.filter(document_number__icontains=text.strip())
        numbers = Q(number__icontains=text.strip()) | Q(pk__in=parties.values("agreement_id"))
        return queryset.filter(numbers)
    if connection.vendor == "postgresql":
        condition = RawSQL(
            "agreements_agreement.search_vector @@ plainto_tsquery('indonesian', %s)",
            [" ".join(words)],
            output_field=BooleanField(),
        )
        return queryset.filter(condition)
    stems = _WORD.findall(stem(" ".join(words)))
    if not stems:
        return queryset
    fts_query = " AND ".join(f'"{s}"' for s in stems)  # quoted: words, never FTS syntax
    return queryset.filter(pk__in=RawSQL(_FTS_MATCH, [fts_query]))  # noqa: S611 (bound)
