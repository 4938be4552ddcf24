"""Writes of planning and budget: an agreement's plan, its budget lines, and its flags.

Every change of a plan or a budget line recomputes the agreement's flags in the same
transaction, so lists never show a flag that no longer applies.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from sinergi.agreements.models import Agreement, Party
from sinergi.core.errors import DomainError
from sinergi.core.versions import bump_data_version
from sinergi.planning import flags as rules
from sinergi.planning.models import AgreementFlag, AgreementPlan, BudgetLine, NomenclatureItem
from sinergi.planning.nomenclature import SUB_KEGIATAN, CodeError, normalise_code
from sinergi.planning.permissions import (
    can_edit_party_budget,
    can_edit_plan,
    can_record_realisation,
)
from sinergi.planning.selectors import (
    AuthorityIndex,
    authority_index,
    is_live,
    live_agreements,
    low_realisation_percent,
    nomenclature_current,
    plan_facts,
    with_planning,
)

FIRST_YEAR, LAST_YEAR = 2000, 2100
REFRESH_CHUNK = 500


@dataclass
class PlanInput:
    rpjmd_period: str = ""
    rpjmd_priority: str = ""
    rkpd_year: int | None = None
    needs_budget: bool = True
    note: str = ""


@dataclass
class BudgetLineInput:
    party: Party
    fiscal_year: int
    sub_activity_code: str = ""
    sub_activity_name: str = ""
    source: str = BudgetLine.Source.APBD
    allocated: Decimal = Decimal(0)
    realised: Decimal = Decimal(0)
    note: str = ""


# --- plan -----------------------------------------------------------------------------------


@transaction.atomic
def plan_update(*, user: Any, agreement: Agreement, data: PlanInput) -> AgreementPlan:
    if not can_edit_plan(user, agreement):
        raise PermissionDenied(
            "Hanya TKKSD/Admin wilayah pencatat yang dapat mengubah perencanaan."
        )
    if data.rkpd_year is not None and not FIRST_YEAR <= data.rkpd_year <= LAST_YEAR:
        raise DomainError(f"Tahun RKPD {data.rkpd_year} tidak masuk akal.")
    plan, _ = AgreementPlan.objects.get_or_create(agreement=agreement)
    for name, value in vars(data).items():
        setattr(plan, name, value.strip() if isinstance(value, str) else value)
    plan.full_clean()
    plan.save()
    flags_refresh(agreement=agreement)
    return plan


# --- budget lines ---------------------------------------------------------------------------


@transaction.atomic
def budget_line_create(*, user: Any, agreement: Agreement, data: BudgetLineInput) -> BudgetLine:
    _ensure_budget_editor(user, agreement, data.party)
    line = BudgetLine(agreement=agreement)
    _fill(line, data)
    flags_refresh(agreement=agreement)
    return line


@transaction.atomic
def budget_line_update(*, user: Any, line: BudgetLine, data: BudgetLineInput) -> BudgetLine:
    _ensure_budget_editor(user, line.agreement, line.party)
    _ensure_budget_editor(user, line.agreement, data.party)
    _fill(line, data)
    flags_refresh(agreement=line.agreement)
    return line


@transaction.atomic
def budget_line_record_realisation(*, user: Any, line: BudgetLine, realised: Decimal) -> BudgetLine:
    """The implementing OPD reports what was spent; nothing else of the line changes."""
    if not can_record_realisation(user, line.agreement, line.party):
        raise PermissionDenied("Anda tidak berwenang mencatat realisasi anggaran pihak ini.")
    _check_amounts(line.allocated, realised)
    line.realised = realised
    line.save(update_fields=["realised", "updated_at"])
    flags_refresh(agreement=line.agreement)
    return line


@transaction.atomic
def budget_line_delete(*, user: Any, line: BudgetLine) -> None:
    _ensure_budget_editor(user, line.agreement, line.party)
    agreement = line.agreement
    line.delete()
    flags_refresh(agreement=agreement)


def _ensure_budget_editor(user: Any, agreement: Agreement, party: Party) -> None:
    if party.agreement_id != agreement.pk:
        raise DomainError("Pihak tersebut bukan pihak kerja sama ini.")
    if not can_edit_party_budget(user, agreement, party):
        raise PermissionDenied(f"Anda tidak berwenang mengubah anggaran pihak {party}.")


def _fill(line: BudgetLine, data: BudgetLineInput) -> None:
    if not FIRST_YEAR <= data.fiscal_year <= LAST_YEAR:
        raise DomainError(f"Tahun anggaran {data.fiscal_year} tidak masuk akal.")
    _check_amounts(data.allocated, data.realised)
    code, name = resolve_sub_activity(data.sub_activity_code, data.fiscal_year)
    taken = BudgetLine.objects.filter(
        party=data.party, fiscal_year=data.fiscal_year, sub_activity_code=code
    ).exclude(pk=line.pk)
    if taken.exists():
        what = f"sub-kegiatan {code}" if code else "tanpa kode sub-kegiatan"
        raise DomainError(
            f"{data.party} sudah memiliki baris anggaran {data.fiscal_year} {what}; ubah baris itu."
        )
    line.party = data.party
    line.fiscal_year = data.fiscal_year
    line.sub_activity_code = code
    line.sub_activity_name = name or data.sub_activity_name.strip()
    line.source, line.note = data.source, data.note.strip()
    line.allocated, line.realised = data.allocated, data.realised
    line.full_clean()
    line.save()


def _check_amounts(allocated: Decimal, realised: Decimal) -> None:
    if allocated < 0 or realised < 0:
        raise DomainError("Pagu dan realisasi tidak boleh negatif.")
    if realised > allocated:
        raise DomainError(
            f"Realisasi {rules.rupiah(realised)} melebihi pagu {rules.rupiah(allocated)}."
        )


def resolve_sub_activity(raw: str, year: int) -> tuple[str, str]:
    """The canonical sub-kegiatan code and, when the year's nomenclature has it, its name.

    Without an imported nomenclature for the year the code is only checked for its form."""
    if not raw.strip():
        return "", ""
    try:
        code, level = normalise_code(raw)
    except CodeError as exc:
        raise DomainError(exc.message) from exc
    if level != SUB_KEGIATAN:
        raise DomainError(f"Kode {code} adalah kode {level}, bukan kode sub-kegiatan (6 segmen).")
    version = nomenclature_current(year)
    if version is None:
        return code, ""
    item = NomenclatureItem.objects.filter(version=version, code=code).first()
    if item is None:
        raise DomainError(
            f"Kode sub-kegiatan {code} tidak terdapat dalam nomenklatur tahun {year}."
        )
    return code, item.name


# --- flags ----------------------------------------------------------------------------------


def flags_refresh(
    *, agreement: Agreement, today: datetime.date | None = None
) -> list[AgreementFlag]:
    """Recompute and store the flags of one agreement; drop those that no longer apply."""
    today = today or timezone.localdate()
    loaded = with_planning(Agreement.objects.filter(pk=agreement.pk)).prefetch_related("flags")
    current = loaded.first()
    if current is None:
        return []
    _store(_refreshed([current], authority_index(), today))
    return list(AgreementFlag.objects.filter(agreement=current))


def flags_refresh_all(*, today: datetime.date | None = None) -> int:
    """Refresh the flags of every agreement in force or in the pipeline; return how many
    agreements were checked. Flags of agreements that ended or were refused are removed."""
    today = today or timezone.localdate()
    live = live_agreements(today)
    AgreementFlag.objects.exclude(agreement__in=live.values("pk")).delete()
    ids = list(live.order_by("pk").values_list("pk", flat=True))
    authority = authority_index()
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = with_planning(Agreement.objects.filter(pk__in=ids[start : start + REFRESH_CHUNK]))
        _store(_refreshed(list(chunk.prefetch_related("flags")), authority, today))
    return len(ids)


@dataclass
class _Changes:
    create: list[AgreementFlag]
    update: list[AgreementFlag]
    delete: list[int]


def _refreshed(
    agreements: list[Agreement], authority: AuthorityIndex, today: datetime.date
) -> _Changes:
    changes = _Changes([], [], [])
    percent = low_realisation_percent()
    now = timezone.now()
    for agreement in agreements:
        wanted = {}
        if is_live(agreement, today):
            facts = plan_facts(agreement, authority)
            wanted = {f.code: f for f in rules.evaluate(facts, today=today, low_percent=percent)}
        for stored in agreement.flags.all():
            flag = wanted.pop(stored.code, None)
            if flag is None:
                changes.delete.append(stored.pk)
            elif flag.explanation != stored.explanation:
                stored.explanation, stored.computed_at = flag.explanation, now
                changes.update.append(stored)
        changes.create += [
            AgreementFlag(agreement=agreement, code=f.code, explanation=f.explanation)
            for f in wanted.values()
        ]
    return changes


def _store(changes: _Changes) -> None:
    with transaction.atomic():
        AgreementFlag.objects.filter(pk__in=changes.delete).delete()
        AgreementFlag.objects.bulk_update(changes.update, ["explanation", "computed_at"])
        AgreementFlag.objects.bulk_create(changes.create)
        if changes.update or changes.create:  # bulk writes send no signals
            bump_data_version()
