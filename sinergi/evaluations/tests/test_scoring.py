from decimal import Decimal

import pytest

from sinergi.evaluations import sources
from sinergi.evaluations.scoring import (
    Deadline,
    IndicatorFigure,
    Weighted,
    achievement,
    budget_score,
    category_for,
    indicator_score,
    summary,
    timeliness_score,
    weighted_total,
)
from sinergi.evaluations.tests.conftest import (
    D,
    add_budget,
    add_indicator,
    add_milestone,
    add_report,
    realise,
)

pytestmark = pytest.mark.django_db


# --- pure functions -------------------------------------------------------------------------


def test_it_counts_milestones_and_reports_done_by_their_due_date() -> None:
    milestones = [Deadline(D(2025, 3, 1), D(2025, 3, 1)), Deadline(D(2025, 3, 1), D(2025, 3, 2))]
    reports = [Deadline(D(2025, 7, 30), D(2025, 7, 1)), Deadline(D(2026, 1, 30), None)]
    result = timeliness_score(milestones, reports, 30)
    assert result.value == Decimal("50.00")
    assert "1 dari 2 tonggak" in result.basis
    assert "1 dari 2 laporan monev" in result.basis
    assert "2 dari 4 tepat waktu = 50" in result.basis


def test_it_gives_no_timeliness_score_without_anything_due() -> None:
    result = timeliness_score([], [], 30)
    assert result.value is None
    assert result.basis.startswith("Belum ada data")


def test_it_caps_an_indicator_above_its_target_at_100() -> None:
    assert achievement(Decimal(100), Decimal(150), True) == Decimal(100)
    assert achievement(Decimal(200), Decimal(50), True) == Decimal("25.00")


def test_it_scores_a_lower_is_better_indicator_by_target_over_realisation() -> None:
    # Waiting days: target 10, realised 20 → half; at or below target → full.
    assert achievement(Decimal(10), Decimal(20), False) == Decimal("50.00")
    assert achievement(Decimal(10), Decimal(10), False) == Decimal(100)
    assert achievement(Decimal(10), Decimal(0), False) == Decimal(100)


def test_it_averages_only_the_indicators_that_were_reported() -> None:
    figures = [
        IndicatorFigure("Pasien", "orang", Decimal(100), Decimal(80)),
        IndicatorFigure("Waktu tunggu", "hari", Decimal(10), Decimal(20), False),
        IndicatorFigure("Ambulans", "unit", Decimal(5), None),
    ]
    result = indicator_score(figures)
    assert result.value == Decimal("65.00")
    assert "makin rendah makin baik" in result.basis
    assert "1 indikator belum ada realisasinya" in result.basis


def test_it_gives_no_indicator_score_without_realisations() -> None:
    assert indicator_score([]).value is None
    unreported = [IndicatorFigure("Pasien", "orang", Decimal(100), None)]
    assert "belum ada realisasi" in indicator_score(unreported).basis


def test_it_caps_budget_realisation_at_100_and_needs_an_allocation() -> None:
    over = budget_score(Decimal(1000), Decimal(1200), 1, 2025)
    assert over.value == Decimal(100)
    assert "120%" in over.basis
    assert "dibatasi 100" in over.basis
    assert budget_score(Decimal(0), Decimal(0), 1, 2025).value is None
    assert budget_score(Decimal(0), Decimal(0), 0, 2025).basis.startswith("Belum ada data")


@pytest.mark.parametrize(
    ("total", "category"),
    [
        ("85", "sangat_baik"),
        ("84.99", "baik"),
        ("70", "baik"),
        ("69.99", "cukup"),
        ("55", "cukup"),
        ("54.99", "kurang"),
        ("0", "kurang"),
        ("100", "sangat_baik"),
    ],
)
def test_it_puts_the_category_boundaries_at_85_70_and_55(total: str, category: str) -> None:
    assert category_for(Decimal(total)) == category


def test_it_weights_only_the_scored_criteria_and_says_which_are_left_out() -> None:
    items = [
        Weighted("Kesesuaian", 15, Decimal(80)),
        Weighted("Capaian indikator", 25, Decimal(60)),
        Weighted("Realisasi anggaran", 15, None),
        Weighted("Dampak", 20, Decimal(90)),
    ]
    total = weighted_total(items)
    # (15*80 + 25*60 + 20*90) / 60 = 4500 / 60 = 75
    assert total.value == Decimal("75.00")
    assert total.category == "baik"
    assert "3 dari 4 kriteria (bobot 60 dari 75)" in total.basis
    assert "Belum bernilai, tidak dihitung: Realisasi anggaran" in total.basis
    text = summary(items)
    assert text.startswith("Kategori Baik.")
    assert "Kriteria terlemah: Capaian indikator (60), Kesesuaian (80)" in text


def test_it_has_no_total_when_nothing_is_scored() -> None:
    total = weighted_total([Weighted("A", 10, None)])
    assert total.value is None
    assert total.category == ""


# --- figures read from the database ---------------------------------------------------------


def test_it_reads_timeliness_from_milestones_and_report_periods(rujukan) -> None:
    add_milestone(rujukan, D(2025, 2, 1), D(2025, 1, 30))  # on time
    add_milestone(rujukan, D(2025, 5, 1), None)  # never done
    add_milestone(rujukan, D(2026, 2, 1), None)  # due after the year: not counted
    # Period 1 (Jan–Jun 2025) is due 30 Jul 2025: sent 15 Jul → on time.
    add_report(rujukan, D(2025, 1, 1), D(2025, 6, 30), sent=D(2025, 7, 15))
    # Period 2 (Jul–Dec 2025) is due 30 Jan 2026, after the year: its late draft is ignored.
    add_report(rujukan, D(2025, 7, 1), D(2025, 12, 31), sent=None, state="draf")
    result = sources.timeliness(rujukan, 2025, today=D(2026, 11, 1))
    assert result.value == Decimal("66.67")
    assert "1 dari 2 tonggak" in result.basis
    assert "1 dari 1 laporan" in result.basis


def test_it_counts_a_late_report_as_not_on_time(rujukan) -> None:
    add_report(rujukan, D(2025, 1, 1), D(2025, 6, 30), sent=D(2025, 8, 1))
    result = sources.timeliness(rujukan, 2025, today=D(2026, 11, 1))
    assert result.value == Decimal(0)


def test_it_ignores_a_returned_report_for_timeliness(rujukan) -> None:
    add_report(rujukan, D(2025, 1, 1), D(2025, 6, 30), sent=D(2025, 7, 1), state="dikembalikan")
    assert sources.timeliness(rujukan, 2025, today=D(2026, 11, 1)).value == Decimal(0)


def test_it_takes_the_latest_counted_realisation_up_to_the_year_end(rujukan) -> None:
    patients = add_indicator(rujukan, "200")
    first = add_report(rujukan, D(2025, 1, 1), D(2025, 6, 30), sent=D(2025, 7, 1))
    second = add_report(rujukan, D(2025, 7, 1), D(2025, 12, 31), sent=D(2026, 1, 5))
    later = add_report(rujukan, D(2026, 1, 1), D(2026, 6, 30), sent=D(2026, 7, 1))
    draft = add_report(rujukan, D(2025, 7, 1), D(2025, 12, 31), sent=None, state="draf")
    realise(first, patients, "50")
    realise(second, patients, "150")
    realise(later, patients, "300")  # after 2025: not for the 2025 evaluation
    realise(draft, patients, "10")  # a draft does not count
    result = sources.indicators(rujukan, 2025)
    assert result.value == Decimal("75.00")
    assert "150 dari target 200" in result.basis


def test_it_reads_the_budget_of_the_evaluation_year_only(rujukan) -> None:
    add_budget(rujukan, 2025, "1000000", "400000")
    add_budget(rujukan, 2025, "1000000", "800000", position=2)
    add_budget(rujukan, 2026, "5000000", "0")
    result = sources.budget(rujukan, 2025)
    assert result.value == Decimal("60.00")
    assert "Rp 1.200.000 dari pagu Rp 2.000.000 (2 baris anggaran tahun 2025)" in result.basis
    assert sources.budget(rujukan, 2024).value is None
