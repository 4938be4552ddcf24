import datetime
from decimal import Decimal
from typing import Any

import pytest

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Status
from sinergi.planning import flags as rules
from sinergi.planning.flags import AuthorityFinding, BudgetFigure, PlanFacts
from sinergi.planning.models import AgreementFlag, BudgetLine
from sinergi.planning.services import (
    BudgetLineInput,
    PlanInput,
    budget_line_create,
    flags_refresh,
    flags_refresh_all,
    plan_update,
)

D = datetime.date
MID_2026 = D(2026, 6, 15)


def facts(**values: Any) -> PlanFacts:
    values.setdefault("start", D(2025, 1, 1))
    return PlanFacts(**values)


def budget(year: int, allocated: int, realised: int = 0, *, code: bool = False) -> BudgetFigure:
    return BudgetFigure("Kota Samarinda", year, Decimal(allocated), Decimal(realised), code)


# --- belum direncanakan ---------------------------------------------------------------------


def test_an_agreement_without_rpjmd_rkpd_or_coded_budget_is_not_planned() -> None:
    flag = rules.not_planned(facts(budgets=[budget(2026, 100)]))
    assert flag is not None
    assert flag.code == "belum_direncanakan"
    assert "prioritas RPJMD" in flag.explanation


@pytest.mark.parametrize(
    "values",
    [
        {"rpjmd_priority": "Misi 2: pelayanan kesehatan"},
        {"rkpd_year": 2026},
        {"budgets": [budget(2026, 0, code=True)]},
    ],
)
def test_any_one_planning_link_is_enough(values: dict[str, Any]) -> None:
    assert rules.not_planned(facts(**values)) is None


def test_a_blank_priority_is_no_priority() -> None:
    assert rules.not_planned(facts(rpjmd_priority="   ")) is not None


# --- belum dianggarkan ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "flagged"),
    [
        (D(2026, 12, 31), None, True),  # starts on the last day of the year
        (D(2027, 1, 1), None, False),  # starts next year
        (D(2024, 1, 1), D(2026, 1, 1), False),  # ended on 1 January: not in force in 2026
        (D(2024, 1, 1), D(2026, 1, 2), True),  # in force on 1 January
        (D(2024, 1, 1), D(2025, 12, 31), False),
        (None, None, False),  # no date yet: cannot tell
    ],
)
def test_not_budgeted_applies_to_agreements_in_force_on_some_day_of_the_year(
    start: datetime.date | None, end: datetime.date | None, flagged: bool
) -> None:
    found = rules.not_budgeted(PlanFacts(start=start, end=end), MID_2026)
    assert (found is not None) == flagged


def test_not_budgeted_names_the_year_and_any_allocation_clears_it() -> None:
    flag = rules.not_budgeted(facts(budgets=[budget(2025, 500), budget(2026, 0)]), MID_2026)
    assert flag is not None
    assert "pagu tahun 2026" in flag.explanation
    assert rules.not_budgeted(facts(budgets=[budget(2026, 1)]), MID_2026) is None


def test_an_agreement_not_funded_by_the_region_is_never_unbudgeted() -> None:
    assert rules.not_budgeted(facts(needs_budget=False), MID_2026) is None


def test_the_year_follows_today_from_1_january() -> None:
    planned = facts(budgets=[budget(2026, 100)])
    assert rules.not_budgeted(planned, D(2026, 12, 31)) is None
    assert rules.not_budgeted(planned, D(2027, 1, 1)) is not None


# --- kewenangan tidak sesuai ----------------------------------------------------------------

FORESTRY_KUKAR = AuthorityFinding(
    region="Kabupaten Kutai Kartanegara",
    level_label="kabupaten/kota",
    affair="3.28 Kehutanan",
    authority="tidak",
    source="UU 23/2014 Lampiran huruf BB (Kehutanan)",
    note="Kecuali pengelolaan Taman Hutan Raya (Tahura) kabupaten/kota.",
)


def test_no_authority_names_the_region_affair_and_legal_source() -> None:
    flag = rules.no_authority(facts(authority=[FORESTRY_KUKAR]))
    assert flag is not None
    assert flag.code == "kewenangan_tidak_sesuai"
    assert flag.explanation == (
        "Kabupaten Kutai Kartanegara (kabupaten/kota) tidak berwenang atas urusan 3.28 "
        "Kehutanan menurut UU 23/2014 Lampiran huruf BB (Kehutanan). Catatan: Kecuali "
        "pengelolaan Taman Hutan Raya (Tahura) kabupaten/kota."
    )


def test_partial_authority_is_a_caution_not_a_flag() -> None:
    partial = AuthorityFinding(
        "Kota Samarinda", "kabupaten/kota", "1.01 Pendidikan", "sebagian", "UU"
    )
    full = AuthorityFinding("Kota Samarinda", "kabupaten/kota", "1.02 Kesehatan", "penuh", "UU")
    assert rules.no_authority(facts(authority=[partial, full])) is None
    cautions = rules.authority_cautions(facts(authority=[partial, full]))
    assert cautions == [
        "Kota Samarinda (kabupaten/kota) hanya berwenang atas sebagian sub-urusan "
        "1.01 Pendidikan (UU)."
    ]


# --- realisasi rendah -----------------------------------------------------------------------


def low(budgets: list[BudgetFigure], today: datetime.date) -> rules.Flag | None:
    return rules.low_realisation(facts(budgets=budgets), today, 50)


def test_a_past_year_at_exactly_the_threshold_is_not_low() -> None:
    assert low([budget(2025, 10_000, 5_000)], MID_2026) is None


def test_a_past_year_below_the_threshold_is_low_and_shows_the_numbers() -> None:
    flag = low([budget(2025, 10_000_000, 4_999_000)], MID_2026)
    assert flag is not None
    assert flag.explanation == (
        "Kota Samarinda tahun 2025: realisasi Rp 4.999.000 dari pagu Rp 10.000.000 "
        "(49,9%), di bawah batas 50,0%."
    )


def test_a_year_without_allocation_is_not_judged() -> None:
    assert low([budget(2025, 0, 0)], MID_2026) is None


def test_the_current_year_is_not_judged_before_april() -> None:
    assert low([budget(2026, 10_000, 0)], D(2026, 3, 31)) is None


def test_from_april_the_current_year_is_judged_against_the_months_gone() -> None:
    # 1 April: three months gone, 50% x 3/12 = 12.5%.
    assert low([budget(2026, 1_000, 125)], D(2026, 4, 1)) is None
    flag = low([budget(2026, 1_000, 124)], D(2026, 4, 1))
    assert flag is not None
    assert "(12,4%), di bawah batas 12,5%" in flag.explanation


def test_on_31_december_eleven_months_are_gone() -> None:
    # 50% x 11/12 = 45.83%
    assert low([budget(2026, 1_200, 550)], D(2026, 12, 31)) is None
    assert low([budget(2026, 1_200, 549)], D(2026, 12, 31)) is not None


def test_next_years_budget_is_not_judged() -> None:
    assert low([budget(2027, 1_000, 0)], MID_2026) is None


def test_realisation_is_judged_per_party_and_year() -> None:
    other = BudgetFigure("Kabupaten Kutai Kartanegara", 2025, Decimal(100), Decimal(100))
    flag = low([budget(2025, 100, 0), other], MID_2026)
    assert flag is not None
    assert "Kota Samarinda tahun 2025" in flag.explanation
    assert "Kutai" not in flag.explanation


# --- stored flags ---------------------------------------------------------------------------


@pytest.fixture
def forestry(db: Any) -> Affair:
    return Affair.objects.get(code="3.28")


@pytest.fixture
def active(make_active_agreement: Any, tkksd_samarinda: Any, samarinda: Any, kukar: Any) -> Any:
    return make_active_agreement(
        tkksd_samarinda, samarinda, [kukar], start_date=D(2025, 1, 1), end_date=D(2028, 1, 1)
    )


def codes(agreement: Any) -> set[str]:
    return set(AgreementFlag.objects.filter(agreement=agreement).values_list("code", flat=True))


def test_refreshing_stores_the_flags_and_plan_changes_clear_them(
    active: Any, tkksd_samarinda: Any
) -> None:
    stored = flags_refresh(agreement=active, today=MID_2026)
    assert {f.code for f in stored} == {"belum_direncanakan", "belum_dianggarkan"}
    plan_update(user=tkksd_samarinda, agreement=active, data=PlanInput(rkpd_year=2026))
    assert "belum_direncanakan" not in codes(active)
    party = active.parties.get(region__code="64.72")
    budget_line_create(
        user=tkksd_samarinda,
        agreement=active,
        data=BudgetLineInput(
            party=party, fiscal_year=datetime.date.today().year, allocated=Decimal(1)
        ),
    )
    assert "belum_dianggarkan" not in codes(active)


def test_forestry_between_regencies_is_flagged_for_authority(
    make_active_agreement: Any, tkksd_samarinda: Any, samarinda: Any, kukar: Any, forestry: Affair
) -> None:
    agreement = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        primary_affair=forestry,
        start_date=D(2025, 1, 1),
        end_date=D(2028, 1, 1),
    )
    flags_refresh(agreement=agreement, today=MID_2026)
    flag = AgreementFlag.objects.get(agreement=agreement, code="kewenangan_tidak_sesuai")
    assert (
        "Kota Samarinda (kabupaten/kota) tidak berwenang atas urusan 3.28 Kehutanan"
        in flag.explanation
    )
    assert "Kabupaten Kutai Kartanegara" in flag.explanation
    assert "Lampiran huruf BB" in flag.explanation


def test_an_other_affair_without_authority_is_flagged_too(
    make_active_agreement: Any, tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    energy = Affair.objects.get(code="3.29")
    agreement = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        other_affairs=[energy],
        start_date=D(2025, 1, 1),
        end_date=D(2028, 1, 1),
    )
    flags_refresh(agreement=agreement, today=MID_2026)
    assert "kewenangan_tidak_sesuai" in codes(agreement)


def test_the_province_has_partial_forestry_authority_so_no_flag(
    make_active_agreement: Any, province_admin: Any, kaltim: Any, university: Any, forestry: Affair
) -> None:
    agreement = make_active_agreement(
        province_admin,
        kaltim,
        [university],
        primary_affair=forestry,
        start_date=D(2025, 1, 1),
        end_date=D(2028, 1, 1),
    )
    flags_refresh(agreement=agreement, today=MID_2026)
    assert "kewenangan_tidak_sesuai" not in codes(agreement)


def test_refresh_all_removes_flags_of_ended_agreements_and_checks_the_live_ones(
    active: Any, make_agreement: Any, tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    proposed = make_agreement(tkksd_samarinda, samarinda, [kukar])
    assert flags_refresh_all(today=MID_2026) == 2
    assert "belum_direncanakan" in codes(proposed)
    assert codes(active)
    # After its end date the agreement no longer counts, even before the expiry job.
    assert flags_refresh_all(today=D(2028, 1, 1)) == 1
    assert codes(active) == set()
    proposed.status = Status.REJECTED
    proposed.save()
    assert flags_refresh_all(today=MID_2026) == 1
    assert codes(proposed) == set()


def test_refresh_all_updates_explanations_and_is_stable(active: Any, tkksd_samarinda: Any) -> None:
    party = active.parties.get(region__code="64.72")
    BudgetLine.objects.create(
        agreement=active,
        party=party,
        fiscal_year=2025,
        allocated=Decimal(100),
        realised=Decimal(10),
    )
    flags_refresh_all(today=MID_2026)
    before = AgreementFlag.objects.get(agreement=active, code="realisasi_rendah")
    assert "Rp 10 dari pagu Rp 100 (10,0%)" in before.explanation
    BudgetLine.objects.filter(agreement=active).update(realised=Decimal(20))
    flags_refresh_all(today=MID_2026)
    after = AgreementFlag.objects.get(agreement=active, code="realisasi_rendah")
    assert after.pk == before.pk
    assert "(20,0%)" in after.explanation
    assert AgreementFlag.objects.filter(agreement=active).count() == len(codes(active))


def test_refresh_all_reads_in_a_fixed_number_of_queries(
    active: Any,
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(5):
        make_active_agreement(
            tkksd_samarinda, samarinda, [kukar], start_date=D(2025, 1, 1), end_date=D(2028, 1, 1)
        )
    with django_assert_max_num_queries(20):
        assert flags_refresh_all(today=MID_2026) == 6


def test_signing_an_agreement_raises_its_flags_without_waiting_for_the_daily_run(
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    today = datetime.date.today()
    with django_capture_on_commit_callbacks(execute=True):
        agreement = make_active_agreement(
            tkksd_samarinda, samarinda, [kukar], start_date=today, duration_months=24
        )
    codes = set(agreement.flags.values_list("code", flat=True))
    assert {"belum_direncanakan", "belum_dianggarkan"} <= codes
