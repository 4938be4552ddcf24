"""SPM arithmetic (sinergi.spm.computation): no database."""

from decimal import Decimal

import pytest

from sinergi.spm.computation import (
    Achievement,
    Band,
    Scheme,
    Status,
    achievement,
    completeness_colour,
    mean,
    service_score,
    trend_achievement,
    year_figure,
)

D = Decimal
# The default bands (domain.md §2.4 b): paripurna 100, utama 80, madya 60, muda 40, pratama 20.
SCHEME = Scheme(
    recipients_weight=D(80),
    quality_weight=D(20),
    bands=(
        Band("paripurna", "Tuntas Paripurna", D(100)),
        Band("utama", "Tuntas Utama", D(80)),
        Band("madya", "Tuntas Madya", D(60)),
        Band("muda", "Tuntas Muda", D(40)),
        Band("pratama", "Tuntas Pratama", D(20)),
        Band("belum", "Belum Tuntas", D(0)),
    ),
    source="uji",
)


def test_it_divides_served_by_the_target_population() -> None:
    assert achievement(served=45, target=60) == Achievement(D("75.00"), Status.FILLED)
    assert achievement(served=1, target=3).value == D("33.33")


def test_a_zero_target_population_counts_as_met() -> None:
    result = achievement(served=0, target=0)
    assert result.status == Status.NO_TARGET
    assert result.counted == D(100)


def test_over_100_percent_is_shown_but_counts_as_100() -> None:
    result = achievement(served=130, target=100)
    assert result.value == D("130.00")
    assert result.counted == D(100)
    assert mean([result.counted, achievement(served=50, target=100).counted]) == D("75.00")


def test_an_empty_figure_is_left_out_not_counted_as_zero() -> None:
    empty = achievement(served=None, target=100)
    assert empty.status == Status.EMPTY
    assert mean([empty.counted, D(80)]) == D("80.00")
    assert mean([empty.counted]) is None


def test_the_year_takes_the_latest_quarter_and_names_the_missing_ones() -> None:
    figure = year_figure({1: (100, 20), 3: (100, 70), 4: (None, None)})
    assert (figure.target, figure.served, figure.quarter) == (100, 70, 3)
    assert figure.missing_quarters == (2,)
    assert year_figure({}).quarter is None
    assert year_figure({2: (10, None)}).served is None


def test_the_literacy_trend_is_met_only_when_the_score_rose() -> None:
    assert trend_achievement(current=D("61.2"), two_years_before=D("58")).counted == D(100)
    assert trend_achievement(current=D("58"), two_years_before=D("58")).counted == D(0)
    assert trend_achievement(current=D("70"), two_years_before=None).status == Status.EMPTY


def test_a_service_weights_recipients_80_and_quality_20() -> None:
    recipients = [achievement(served=90, target=100), achievement(served=70, target=100)]
    quality = [achievement(served=50, target=100)]
    assert service_score(recipients, quality, SCHEME) == D("74.00")  # 0.8 × 80 + 0.2 × 50


def test_a_family_without_figures_leaves_the_weight_to_the_other() -> None:
    recipients = [achievement(served=90, target=100)]
    assert service_score(recipients, [achievement(served=None, target=None)], SCHEME) == D(90)
    assert service_score([], [], SCHEME) is None


@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("100", "paripurna"),
        ("99.99", "utama"),
        ("80", "utama"),
        ("79.99", "madya"),
        ("60", "madya"),
        ("40", "muda"),
        ("39.99", "pratama"),
        ("20", "pratama"),
        ("19.99", "belum"),
        ("0", "belum"),
    ],
)
def test_bands_at_their_boundaries(score: str, band: str) -> None:
    found = SCHEME.band(D(score))
    assert found is not None
    assert found.code == band


def test_no_score_has_no_band() -> None:
    assert SCHEME.band(None) is None


@pytest.mark.parametrize(
    ("percent", "colour"),
    [("100", "hijau"), ("90", "hijau"), ("89.99", "kuning"), ("50", "kuning"),
     ("49.99", "merah"), ("0.01", "merah"), ("0", "hitam")],
)  # fmt: skip
def test_completeness_colours_at_their_thresholds(percent: str, colour: str) -> None:
    assert completeness_colour(D(percent), green=D(90), yellow=D(50)) == colour
