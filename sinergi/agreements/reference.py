from pathlib import Path

from django.db import transaction

from sinergi.agreements.models import MilestoneTemplate
from sinergi.core.models import ReferenceDataLoad
from sinergi.core.reference import read_csv, sha256_of

MILESTONES_DATASET = "tonggak_sop"
MILESTONES_CSV = Path(__file__).resolve().parent / "data" / "milestones.csv"


def milestones_load_reference(*, path: Path = MILESTONES_CSV, force: bool = False) -> int:
    """Add or update the default SOP milestones. Templates an admin added are left alone."""
    checksum = sha256_of([path])
    latest = ReferenceDataLoad.latest(MILESTONES_DATASET)
    if latest and latest.checksum == checksum and not force:
        return 0
    rows = read_csv(path)
    with transaction.atomic():
        for row in rows:
            MilestoneTemplate.objects.update_or_create(
                kind=row["kind"],
                stage=row["stage"],
                name=row["name"],
                defaults={
                    "order": int(row["order"]),
                    "responsible": row["responsible"],
                    "due_days": int(row["due_days"]),
                    "source": row["source"],
                },
            )
        ReferenceDataLoad.objects.create(
            dataset=MILESTONES_DATASET,
            version=checksum[:12],
            checksum=checksum,
            source=f"sinergi/agreements/data/{path.name}",
            rows=len(rows),
        )
    return len(rows)
