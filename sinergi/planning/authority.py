"""The authority map (which level of government holds each bidang urusan) as reference data.

Loaded from planning/data/authority.csv, which cites its legal source on every row; the
TKKSD reads it to learn why an agreement was flagged `kewenangan tidak sesuai`.
"""

from pathlib import Path

from django.db import transaction

from sinergi.affairs.models import Affair
from sinergi.core.errors import DomainError
from sinergi.core.models import ReferenceDataLoad
from sinergi.core.reference import read_csv, sha256_of
from sinergi.planning.models import AuthorityRule
from sinergi.regions.models import Region

AUTHORITY_DATASET = "peta_kewenangan"
AUTHORITY_CSV = Path(__file__).resolve().parent / "data" / "authority.csv"


def authority_load_reference(*, path: Path = AUTHORITY_CSV, force: bool = False) -> int:
    """Create or update every rule of the CSV; return how many rows were written (0: same file).

    Rules an admin added for affairs not in the file are left alone."""
    checksum = sha256_of([path])
    latest = ReferenceDataLoad.latest(AUTHORITY_DATASET)
    if latest and latest.checksum == checksum and not force:
        return 0
    rows = read_csv(path)
    affairs = {a.code: a for a in Affair.objects.all()}
    for row in rows:
        _check_row(row, affairs)
    with transaction.atomic():
        written = sum(_upsert(row, affairs[row["affair_code"]]) for row in rows)
        ReferenceDataLoad.objects.create(
            dataset=AUTHORITY_DATASET,
            version=checksum[:12],
            checksum=checksum,
            source=f"sinergi/planning/data/{path.name}",
            rows=len(rows),
            summary={"written": written},
        )
    return written


def _check_row(row: dict[str, str], affairs: dict[str, Affair]) -> None:
    where = f"{row.get('affair_code')}/{row.get('level')}"
    if row.get("affair_code") not in affairs:
        raise DomainError(f"Peta kewenangan {where}: kode urusan tidak dikenal.")
    if row.get("level") not in Region.Level.values:
        raise DomainError(f"Peta kewenangan {where}: tingkat pemerintahan tidak dikenal.")
    if row.get("authority") not in AuthorityRule.Authority.values:
        raise DomainError(f"Peta kewenangan {where}: nilai kewenangan tidak dikenal.")
    if not row.get("source"):
        raise DomainError(f"Peta kewenangan {where}: dasar hukum wajib diisi.")


def _upsert(row: dict[str, str], affair: Affair) -> int:
    values = {"authority": row["authority"], "note": row["note"], "source": row["source"]}
    rule = AuthorityRule.objects.filter(affair=affair, level=row["level"]).first()
    if rule is None:
        AuthorityRule.objects.create(affair=affair, level=row["level"], **values)
        return 1
    if all(getattr(rule, key) == value for key, value in values.items()):
        return 0
    for key, value in values.items():
        setattr(rule, key, value)
    rule.save()
    return 1
