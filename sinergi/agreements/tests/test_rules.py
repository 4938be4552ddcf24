import datetime
from typing import Any

import pytest

from sinergi.agreements.rules import (
    PartySpec,
    add_months,
    derive_dates,
    derive_kind,
    dprd_reason,
)
from sinergi.core.errors import DomainError

D = datetime.date


@pytest.mark.parametrize(
    ("organization_kinds", "kind"),
    [
        ([], "ksdd"),
        (["perguruan_tinggi"], "ksdpk"),
        (["bumd"], "ksdpk"),
        (["kementerian_lembaga"], "sinergi"),
        (["pemda_luar_negeri"], "ksdpl"),
        (["lembaga_luar_negeri", "swasta"], "ksdll"),
    ],
)
def test_the_kind_follows_the_partners(organization_kinds: list[str], kind: str) -> None:
    region = object()
    parties = [PartySpec(region=region)]  # type: ignore[arg-type]
    parties += [PartySpec(organization_kind=k) for k in organization_kinds]
    if len(parties) == 1:
        parties.append(PartySpec(region=object()))  # type: ignore[arg-type]
    derived = derive_kind(parties)
    assert derived.value == kind
    assert derived.reason


def test_one_party_is_not_a_cooperation() -> None:
    with pytest.raises(DomainError, match="sedikitnya dua pihak"):
        derive_kind([PartySpec(organization_kind="swasta")])


@pytest.mark.parametrize(
    ("start", "end", "months", "expected"),
    [
        (D(2025, 1, 1), None, 12, (D(2025, 1, 1), D(2025, 12, 31), 12)),
        (D(2024, 3, 15), None, 24, (D(2024, 3, 15), D(2026, 3, 14), 24)),
        (None, D(2029, 12, 31), 60, (D(2025, 1, 1), D(2029, 12, 31), 60)),
        (D(2025, 1, 1), D(2027, 12, 31), None, (D(2025, 1, 1), D(2027, 12, 31), 36)),
        (D(2025, 1, 10), D(2025, 3, 1), None, (D(2025, 1, 10), D(2025, 3, 1), None)),
        (D(2025, 1, 1), None, None, (D(2025, 1, 1), None, None)),
    ],
)
def test_the_missing_date_or_duration_is_derived(
    start: Any, end: Any, months: Any, expected: Any
) -> None:
    assert derive_dates(start, end, months) == expected


def test_an_end_before_the_start_is_rejected() -> None:
    with pytest.raises(DomainError, match="tidak boleh sebelum"):
        derive_dates(D(2025, 5, 1), D(2025, 4, 30), None)


def test_a_zero_duration_is_rejected() -> None:
    with pytest.raises(DomainError, match="lebih dari 0"):
        derive_dates(D(2025, 5, 1), None, 0)


def test_adding_months_keeps_to_the_last_day_of_short_months() -> None:
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2025, 12, 15), -12) == D(2024, 12, 15)


@pytest.mark.parametrize(
    ("burdens", "budgeted", "needed"),
    [(False, True, False), (True, True, True), (False, False, True), (True, False, True)],
)
def test_dprd_approval_follows_pp_28_2018(burdens: bool, budgeted: bool, needed: bool) -> None:
    reason = dprd_reason(burdens_public=burdens, budgeted=budgeted)
    assert reason.startswith("Perlu persetujuan DPRD" if needed else "Tidak perlu")
