"""Full-text search index, one per database (see sinergi/agreements/search.py)."""

from django.db import migrations

PG_INDEX = (
    "CREATE INDEX agreement_search_idx ON agreements_agreement "
    "USING gin (to_tsvector('indonesian', search_document))"
)
SQLITE_FTS = "CREATE VIRTUAL TABLE agreements_agreement_fts USING fts5(stems)"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_INDEX)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FTS)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS agreement_search_idx")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS agreements_agreement_fts")


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
