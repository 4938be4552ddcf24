"""Agency.normalized_name now holds the name without spaces or punctuation (names.compact)."""

import re

from django.db import migrations

_NON_WORD = re.compile(r"[^\w]")


def recompute(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    for agency in Agency.objects.all():
        # Same rule as sinergi.agencies.names.compact, frozen here as migrations must be.
        key = _NON_WORD.sub("", agency.name.upper().replace("&", "DAN"))
        if agency.normalized_name != key:
            agency.normalized_name = key
            agency.save(update_fields=["normalized_name"])


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
