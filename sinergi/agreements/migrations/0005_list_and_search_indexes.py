"""Indexes for the list, its counts and the region scope; a stored search vector on PostgreSQL.

Measured in bench/ (docs/benchmarks.md). The search vector: with the expression index of
0002, a row that the index did not pick (the scope fetched it by id) costs a to_tsvector()
call, some 0.1 ms each, hundreds of ms for a province; a stored tsvector costs microseconds.
It is a generated column the model does not declare (like the SQLite FTS table of 0002), so
it is computed by PostgreSQL on every write and never loaded by Django.
"""

from django.db import migrations, models

VECTOR_ADD = (
    "ALTER TABLE agreements_agreement ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('indonesian', search_document)) STORED"
)
VECTOR_INDEX = (
    "CREATE INDEX agreement_search_vector_idx ON agreements_agreement USING gin (search_vector)"
)
OLD_INDEX = (
    "CREATE INDEX agreement_search_idx ON agreements_agreement "
    "USING gin (to_tsvector('indonesian', search_document))"
)


def store_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_ADD)
        schema_editor.execute(VECTOR_INDEX)
        schema_editor.execute("DROP INDEX IF EXISTS agreement_search_idx")


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE agreements_agreement DROP COLUMN search_vector")
        schema_editor.execute(OLD_INDEX)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_created_by_label")]

    operations = [
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                condition=models.Q(("deleted_at", None)),
                fields=["-signed_on", "-created_at", "-id"],
                name="agreement_list_order_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                condition=models.Q(("deleted_at", None)),
                fields=["doc_type"],
                name="agreement_alive_type_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(fields=["owner_region", "id"], name="agreement_owner_id_idx"),
        ),
        migrations.AddIndex(
            model_name="party",
            index=models.Index(fields=["region", "agreement"], name="party_region_agreement_idx"),
        ),
        migrations.RunPython(store_vector, drop_vector),
    ]
