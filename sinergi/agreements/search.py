"""Indonesian full-text search over agreements, on both databases.

PostgreSQL: the built-in `indonesian` text-search configuration (Snowball stemmer) over the
raw text, with a GIN expression index (migration 0002). SQLite: an FTS5 table over the text
stemmed with Sastrawi on save. Both make "pelayanan kelahiran" find "layanan akta kelahiran"
(pelayanan/layanan -> layan, kelahiran -> lahir).
"""

import re
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

FTS_TABLE = "agreements_agreement_fts"
_WORD = re.compile(r"\w+")


@cache
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def stem(text: str) -> str:
    return str(_stemmer().stem(text.lower()))


def document_for(agreement: Any) -> str:
    """The text a search looks through: titles, numbers, content and the parties' names."""
    parts = [
        agreement.title,
        agreement.subject,
        agreement.number,
        agreement.purpose,
        agreement.scope,
        agreement.location,
    ]
    parts += [str(party) for party in agreement.parties.select_related("region", "organization")]
    parts += [p.document_number for p in agreement.parties.all() if p.document_number]
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
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [agreement.pk])
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, stems) VALUES (%s, %s)", [agreement.pk, stems]
            )


def matching(queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
    """Agreements whose text matches every word of `text`, stemmed."""
    words = _WORD.findall(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        condition = RawSQL(
            "to_tsvector('indonesian', agreements_agreement.search_document) "
            "@@ plainto_tsquery('indonesian', %s)",
            [" ".join(words)],
            output_field=BooleanField(),
        )
        return queryset.filter(condition)
    stems = _WORD.findall(stem(" ".join(words)))
    if not stems:
        return queryset
    fts_query = " AND ".join(f'"{s}"' for s in stems)
    ids = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts_query])
    return queryset.filter(pk__in=ids)
