import pytest

from sinergi.agencies.names import likely_same_unit, normalise, same_unit


def test_it_normalises_punctuation_case_and_ampersands() -> None:
    assert normalise("  rsud  I.A.  Moeis ") == "RSUD IA MOEIS"
    assert normalise("Dinas Pendidikan & Kebudayaan") == "DINAS PENDIDIKAN DAN KEBUDAYAAN"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("RSUD I.A MOEIS", "RSUD IA MOEIS"),
        ("RSUD I. A. Moeis", "RSUD IA MOEIS"),
        ("Dinas Pendidikan dan Kebudayaan", "Dinas Pendidikan & Kebudayaan"),
    ],
)
def test_the_same_unit_spelled_differently_is_recognised(a: str, b: str) -> None:
    assert same_unit(a, b)


def test_a_typo_is_a_likely_duplicate_but_not_the_same_unit() -> None:
    assert not same_unit("Dinas Kesehatan", "Dinas Kesehatn")
    assert likely_same_unit("Dinas Kesehatan", "Dinas Kesehatn")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kecamatan Samarinda Ulu", "Kecamatan Samarinda Ilir"),
        ("Dinas Pendidikan", "Dinas Perhubungan"),
        ("Kelurahan Air Hitam", "Kelurahan Air Putih"),
        ("Dinas Pekerjaan Umum", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ],
)
def test_different_units_with_similar_names_are_not_flagged(a: str, b: str) -> None:
    assert not likely_same_unit(a, b)
