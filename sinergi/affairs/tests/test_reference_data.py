from pathlib import Path

import pytest

from sinergi.affairs.models import Affair
from sinergi.affairs.services import AFFAIRS_CSV, affairs_load_reference
from sinergi.core.errors import DomainError

pytestmark = pytest.mark.usefixtures("reference_data")


def test_it_has_the_32_bidang_urusan_with_codes_1_01_to_3_32_in_order() -> None:
    codes = list(Affair.objects.sectors().values_list("code", flat=True))
    assert len(codes) == 32
    assert [int(c.split(".")[1]) for c in codes] == list(range(1, 33))


def test_groups_follow_the_code_prefix() -> None:
    assert Affair.objects.basic_services().count() == 6
    assert Affair.objects.filter(group=Affair.Group.NON_BASIC).count() == 18
    assert Affair.objects.filter(group=Affair.Group.OPTIONAL).count() == 8
    assert Affair.objects.get(code="3.28").name == "Kehutanan"
    assert Affair.objects.get(code="1.02").name == "Kesehatan"


def test_support_functions_are_kept_apart_from_sectors() -> None:
    support = set(Affair.objects.filter(group=Affair.Group.SUPPORT).values_list("code", flat=True))
    assert {"4.01", "5.01", "6.01", "7.01", "8.01"} <= support
    assert not support & set(Affair.objects.sectors().values_list("code", flat=True))


def write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "urusan.csv"
    path.write_text(AFFAIRS_CSV.read_text() + extra)
    return path


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("X.XX,Placeholder,penunjang,seed\n", "tidak sah"),
        ("3.27,Pertanian lagi,pilihan,seed\n", "ganda: 3.27"),
        ("1.07,Salah kelompok,pilihan,seed\n", "tidak cocok"),
    ],
)
def test_it_refuses_the_defects_seen_in_circulating_seed_files(
    tmp_path: Path, extra: str, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        affairs_load_reference(path=write(tmp_path, extra))
    assert Affair.objects.count() == 42
