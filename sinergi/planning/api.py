"""API endpoints of planning and budget under /api/v1/perencanaan/ (page permissions).

Every agreement goes through `agreement_get_for_user`; writes through planning/services.py.
"""

import math
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Query, Router

from sinergi.agreements.models import Agreement, Party
from sinergi.agreements.selectors import agreement_get_for_user
from sinergi.core.http import api_user
from sinergi.core.schemas import ERROR_RESPONSES
from sinergi.planning import services
from sinergi.planning.flags import authority_cautions
from sinergi.planning.models import AgreementFlag, AuthorityRule, BudgetLine, NomenclatureVersion
from sinergi.planning.permissions import can_change_any_planning, can_edit_party_budget
from sinergi.planning.schemas import (
    AgreementPlanningOut,
    AuthorityRuleOut,
    BudgetLineIn,
    NomenclatureFilterIn,
    NomenclaturePageOut,
    PlanningIn,
)
from sinergi.planning.selectors import (
    authority_index,
    authority_rules,
    nomenclature_current,
    nomenclature_items,
    plan_facts,
    plan_of,
    with_planning,
)

router = Router(tags=["Perencanaan dan anggaran"])


def _planning(user: Any, pk: int) -> dict[str, Any]:
    agreement = agreement_get_for_user(user=user, pk=pk)
    loaded = with_planning(Agreement.objects.filter(pk=agreement.pk)).get()
    return {
        "agreement_id": loaded.pk,
        "plan": plan_of(loaded),
        "budget_lines": sorted(
            loaded.budget_lines.all(), key=lambda b: (b.fiscal_year, b.party.position, b.pk)
        ),
        "flags": list(AgreementFlag.objects.filter(agreement=loaded)),
        "authority_cautions": authority_cautions(plan_facts(loaded, authority_index())),
    }


@router.get(
    "/kerja-sama/{int:agreement_id}",
    response={200: AgreementPlanningOut, **ERROR_RESPONSES},
    operation_id="agreement_planning_get",
    url_name="planning-agreement",
    summary="Perencanaan, anggaran dan tanda suatu kerja sama",
    description=(
        "RPJMD/RKPD, baris anggaran per pihak dan tahun, tanda peringatan beserta "
        "penjelasannya, dan catatan kewenangan sebagian. Hanya kerja sama dalam wilayah Anda."
    ),
)
def get_planning(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    return _planning(api_user(request), agreement_id)


@router.put(
    "/kerja-sama/{int:agreement_id}",
    response={200: AgreementPlanningOut, **ERROR_RESPONSES},
    operation_id="agreement_planning_put",
    summary="Ubah perencanaan dan baris anggaran",
    description=(
        "Rencana diganti bila `plan` diisi (TKKSD/Admin wilayah pencatat). Tiap butir "
        "`budget_lines` dibuat, diubah atau dihapus (TKKSD/Admin wilayah pihak itu); "
        "perangkat daerah pelaksana hanya dapat mengubah `realised`. Semua atau tidak sama sekali."
    ),
)
def put_planning(request: HttpRequest, agreement_id: int, payload: PlanningIn) -> dict[str, Any]:
    user = api_user(request)
    agreement = agreement_get_for_user(user=user, pk=agreement_id)
    if not can_change_any_planning(user, agreement):
        # Even an empty change: a read-only role is told so rather than answered 200.
        raise PermissionDenied("Anda tidak berwenang mengubah perencanaan kerja sama ini.")
    with transaction.atomic():
        if payload.plan is not None:
            data = services.PlanInput(**payload.plan.model_dump())
            services.plan_update(user=user, agreement=agreement, data=data)
        for item in payload.budget_lines:
            _apply_line(user, agreement, item)
    return _planning(user, agreement_id)


def _apply_line(user: Any, agreement: Agreement, item: BudgetLineIn) -> None:
    if item.id is None:
        data = _line_input(agreement, item)
        services.budget_line_create(user=user, agreement=agreement, data=data)
        return
    line = BudgetLine.objects.select_related("party").filter(pk=item.id, agreement=agreement)
    found = line.first()
    if found is None:
        raise Http404(f"Baris anggaran {item.id} tidak ditemukan pada kerja sama ini.")
    found.agreement = agreement
    if item.delete:
        services.budget_line_delete(user=user, line=found)
    elif can_edit_party_budget(user, agreement, found.party):
        services.budget_line_update(user=user, line=found, data=_line_input(agreement, item))
    else:
        _ensure_only_realisation(found, item)
        services.budget_line_record_realisation(user=user, line=found, realised=item.realised)


def _ensure_only_realisation(line: BudgetLine, item: BudgetLineIn) -> None:
    same = (
        line.party.position == item.party
        and line.fiscal_year == item.fiscal_year
        and line.allocated == item.allocated
        and line.source == item.source
    )
    if not same:
        raise PermissionDenied("Anda hanya dapat mengubah realisasi baris anggaran ini.")


def _line_input(agreement: Agreement, item: BudgetLineIn) -> services.BudgetLineInput:
    party = Party.objects.filter(agreement=agreement, position=item.party).first()
    if party is None:
        raise Http404(f"Pihak ke-{item.party} tidak ada pada kerja sama ini.")
    values = item.model_dump(exclude={"id", "delete", "party"})
    return services.BudgetLineInput(party=party, **values)


@router.get(
    "/nomenklatur",
    response={200: NomenclaturePageOut, **ERROR_RESPONSES},
    operation_id="nomenclature_list",
    summary="Kode nomenklatur versi terbaru suatu tahun",
    description=(
        "Kode program/kegiatan/sub-kegiatan bentuk 6 segmen dari versi terbaru tahun `tahun` "
        "(bawaan: tahun terbaru), dicari dengan awal kode atau sebagian nama. "
        "Per halaman paling banyak 500."
    ),
)
def list_nomenclature(request: HttpRequest, filters: Query[NomenclatureFilterIn]) -> dict[str, Any]:
    year = filters.tahun or _latest_year()
    version = nomenclature_current(year)
    if version is None:
        raise Http404(f"Belum ada nomenklatur tahun {year}.")
    items = nomenclature_items(version=version, q=filters.q, level=filters.tingkat or "")
    count = items.count()
    start = (filters.page - 1) * filters.page_size
    return {
        "year": year,
        "version_id": version.pk,
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": max(1, math.ceil(count / filters.page_size)),
        "items": list(items[start : start + filters.page_size]),
    }


def _latest_year() -> int:
    newest = NomenclatureVersion.objects.order_by("-year").values_list("year", flat=True).first()
    if newest is None:
        raise Http404("Belum ada nomenklatur yang diimpor.")
    return newest


@router.get(
    "/kewenangan",
    response={200: list[AuthorityRuleOut], **ERROR_RESPONSES},
    operation_id="authority_map",
    summary="Peta kewenangan urusan per tingkat pemerintahan (UU 23/2014)",
    description=(
        "Untuk setiap bidang urusan dan tingkat (provinsi, kabupaten/kota): penuh, sebagian "
        "atau tidak berwenang, dengan keterangan dan dasar hukumnya."
    ),
)
def list_authority(request: HttpRequest) -> list[AuthorityRule]:
    return list(authority_rules())
