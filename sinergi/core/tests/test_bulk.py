import pytest
from django.db import IntegrityError, transaction

from sinergi.affairs.models import Affair
from sinergi.core.bulk import insert_many

pytestmark = pytest.mark.django_db


def _affair(code: str, name: str) -> Affair:
    return Affair(code=code, name=name, group=Affair.Group.BASIC)


def test_it_inserts_the_rows_and_gives_them_their_ids() -> None:
    affairs = [_affair("9.01", "Urusan uji\tsatu"), _affair("9.02", "Urusan uji\ndua; “kutip”")]
    insert_many(Affair, affairs)
    assert all(a.pk is not None and not a._state.adding for a in affairs)
    stored = dict(Affair.objects.filter(code__startswith="9.").values_list("pk", "name"))
    assert stored == {affairs[0].pk: "Urusan uji\tsatu", affairs[1].pk: "Urusan uji\ndua; “kutip”"}
    # The sequence moved past the ids it handed out: the next ordinary save does not collide.
    later = Affair.objects.create(code="9.03", name="Sesudahnya", group=affairs[0].group)
    assert later.pk not in stored


def test_a_broken_constraint_is_djangos_integrity_error_and_writes_nothing() -> None:
    Affair.objects.create(code="9.04", name="Sudah ada", group=Affair.Group.BASIC)
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_many(Affair, [_affair("9.05", "Baru"), _affair("9.04", "Kembar")])
    assert not Affair.objects.filter(code="9.05").exists()


def test_it_refuses_rows_that_exist_already() -> None:
    existing = Affair.objects.create(code="9.06", name="Sudah ada", group=Affair.Group.BASIC)
    with pytest.raises(ValueError, match="new rows only"):
        insert_many(Affair, [existing])
