# Indexes for the dashboards' and the map's aggregates (issue #5, docs/benchmarks.md).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0006_agreement_is_public"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                condition=models.Q(("deleted_at", None)),
                fields=["updated_at"],
                name="agreement_alive_upd_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                condition=models.Q(("deleted_at", None)),
                fields=[
                    "primary_affair",
                    "kind",
                    "doc_type",
                    "status",
                    "signed_on",
                    "end_date",
                    "id",
                ],
                name="agreement_figures_idx",
            ),
        ),
    ]
