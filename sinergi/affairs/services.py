import re
from pathlib import Path

from django.db import transaction

from sinergi.affairs.models import Affair
from sinergi.core.errors import DomainError
from sinergi.core.models import ReferenceDataLoad
from sinergi.core.reference import read_csv, sha256_of

AFFAIRS_DATASET = "urusan"
AFFAIRS_VERSION = "2021.1"  # bump when affairs.csv changes meaningfully
AFFAIRS_CSV = Path(__file__).resolve().parent / "data" / "affairs.csv"
_CODE_FORMAT = re.compile(r"^[1-8]\.\d{2}$")
_CODE_PATTERN_GROUPS = {"1": "wajib_dasar", "2": "wajib_non_dasar", "3": "pilihan"}


def affairs_load_reference(*, path: Path = AFFAIRS_CSV, force: bool = False) -> int:
    """Create or update every affair from the CSV; return how many rows were written."""
    checksum = sha256_of([path])
    latest = ReferenceDataLoad.latest(AFFAIRS_DATASET)
    if latest and latest.checksum == checksum and not force:
        return 0
    rows = read_csv(path)
    for row in rows:
        _check_row(row)
    codes = [row["code"] for row in rows]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise DomainError(f"Kode urusan ganda: {', '.join(duplicates)}.")
    with transaction.atomic():
        written = sum(_upsert(row) for row in rows)
        ReferenceDataLoad.objects.create(
            dataset=AFFAIRS_DATASET,
            version=AFFAIRS_VERSION,
            checksum=checksum,
            source=f"sinergi/affairs/data/{path.name}",
            rows=len(rows),
            summary={"written": written},
        )
    return written


def _check_row(row: dict[str, str]) -> None:
    # Guards against the defects seen in circulating seed files (placeholder `X.XX`,
    # codes whose prefix contradicts the group).
    code, group = row["code"], row["group"]
    if not _CODE_FORMAT.match(code):
        raise DomainError(f"Kode urusan {code!r} tidak sah (bentuk yang benar: 1.02).")
    expected = _CODE_PATTERN_GROUPS.get(code[:1], "penunjang")
    if group not in Affair.Group.values or expected != group:
        raise DomainError(f"Kode urusan {code!r} tidak cocok dengan kelompok {group!r}.")


def _upsert(row: dict[str, str]) -> int:
    values = {"name": row["name"], "group": row["group"], "source": row["source"]}
    affair = Affair.objects.filter(code=row["code"]).first()
    if affair is None:
        Affair.objects.create(code=row["code"], **values)
        return 1
    if all(getattr(affair, k) == v for k, v in values.items()):
        return 0
    for key, value in values.items():
        setattr(affair, key, value)
    affair.save()
    return 1
