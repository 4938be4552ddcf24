import datetime

import pytest

from sinergi.extractions import indonesian


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("dua puluh", 20),
        ("dua puluh empat", 24),
        ("tiga puluh satu", 31),
        ("sebelas", 11),
        ("tujuh belas", 17),
        ("sepuluh", 10),
        ("dua ribu dua puluh empat", 2024),
        ("dua ribu sembilan belas", 2019),
        ("seribu sembilan ratus sembilan puluh sembilan", 1999),
        ("seratus dua puluh", 120),
    ],
)
def test_spelled_numbers(words: str, value: int) -> None:
    assert indonesian.words_to_number(words.split()) == value


def test_a_word_that_is_not_a_number_makes_no_number() -> None:
    assert indonesian.words_to_number(["dua", "bulan"]) is None


@pytest.mark.parametrize(
    ("text", "expected", "weekday_ok"),
    [
        (
            "Pada hari ini Senin tanggal dua puluh bulan Mei tahun dua ribu dua puluh empat",
            datetime.date(2024, 5, 20),
            True,
        ),
        (
            "Pada hari ini, Jumat, tanggal tiga bulan Oktober tahun dua ribu dua puluh "
            "empat (03-10-2024), bertempat di Samarinda",
            datetime.date(2024, 10, 3),
            False,  # 3 October 2024 was a Thursday: the date stands, the weekday disagrees
        ),
        (
            "Pada hari ini Rabu, tanggal tujuh belas, bulan Januari, tahun dua ribu dua\n"
            "puluh empat, bertempat di Samarinda",
            datetime.date(2024, 1, 17),
            True,
        ),
        ("Pada hari ini Kamis tanggal 27 bulan Juni tahun 2024", datetime.date(2024, 6, 27), True),
    ],
)
def test_spelled_signing_dates(text: str, expected: datetime.date, weekday_ok: bool) -> None:
    assert indonesian.parse_spelled_date(text) == (expected, weekday_ok)


def test_an_impossible_spelled_date_is_not_read() -> None:
    text = "Pada hari ini Senin tanggal tiga puluh bulan Februari tahun dua ribu dua puluh"
    assert indonesian.parse_spelled_date(text) == (None, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Samarinda, 14 Februari 2024", datetime.date(2024, 2, 14)),
        ("tanggal 3 Nopember 2023", datetime.date(2023, 11, 3)),
        ("(20-05-2024)", datetime.date(2024, 5, 20)),
        ("31 Juni 2024", None),
    ],
)
def test_dates_written_with_digits(text: str, expected: datetime.date | None) -> None:
    assert indonesian.parse_date(text) == expected


def test_a_term_ends_the_day_before_its_anniversary() -> None:
    assert indonesian.term_end(datetime.date(2024, 5, 20), 60) == datetime.date(2029, 5, 19)
    assert indonesian.term_end(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 28)
    start, end = datetime.date(2025, 1, 1), datetime.date(2027, 12, 31)
    assert indonesian.months_between(start, end) == 36
