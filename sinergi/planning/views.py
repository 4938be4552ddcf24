"""Pages of planning and budget: the nomenclature and its import, the authority map, and the
planning tab of an agreement. Thin: forms check shape, services check rules and rights."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sinergi.agreements.models import Agreement
from sinergi.agreements.selectors import agreement_get_for_user
from sinergi.core.errors import DomainError
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, render_page_or_partial
from sinergi.core.tables import ensure_upload_size
from sinergi.planning import imports, services
from sinergi.planning.flags import authority_cautions
from sinergi.planning.forms import (
    BudgetLineForm,
    NomenclatureUploadForm,
    PlanForm,
    RealisationForm,
    line_initial,
)
from sinergi.planning.models import (
    AgreementFlag,
    BudgetLine,
    NomenclatureImport,
    NomenclatureItem,
    NomenclatureVersion,
)
from sinergi.planning.permissions import (
    can_edit_party_budget,
    can_edit_plan,
    can_record_realisation,
)
from sinergi.planning.selectors import (
    authority_index,
    authority_rules,
    budget_totals,
    low_realisation_percent,
    nomenclature_current,
    nomenclature_is_current,
    nomenclature_items,
    nomenclature_versions,
    plan_facts,
    plan_of,
    with_planning,
)

PAGE_SIZE = 50
ITEM_HEADERS = ["kode", "tingkat", "nomenklatur", "kode_urusan"]
AUTHORITY_HEADERS = ["kode_urusan", "urusan", "tingkat", "kewenangan", "keterangan", "dasar_hukum"]
BUDGET_HEADERS = [
    "tahun",
    "pihak",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "sumber_dana",
    "pagu",
    "realisasi",
    "catatan",
]


# --- nomenclature ---------------------------------------------------------------------------


@login_required
def nomenclature_version_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(nomenclature_versions(), PAGE_SIZE).get_page(request.GET.get("halaman"))
    current = {year: nomenclature_current(year) for year in {v.year for v in page.object_list}}
    context = {
        "page": page,
        "current_ids": {v.pk for v in current.values() if v is not None},
        "can_import": imports.can_import(request.user),
    }
    return render(request, "planning/nomenclature_versions.html", context)


def _version(pk: int) -> NomenclatureVersion:
    return get_object_or_404(NomenclatureVersion, pk=pk)


def _items(request: AuthedRequest, version: NomenclatureVersion) -> Any:
    level = request.GET.get("tingkat", "")
    level = level if level in NomenclatureItem.Level.values else ""
    return nomenclature_items(version=version, q=request.GET.get("q", ""), level=level)


@login_required
def nomenclature_item_list(request: AuthedRequest, pk: int) -> HttpResponse:
    version = _version(pk)
    page = Paginator(_items(request, version), PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        "version": version,
        "is_current": nomenclature_is_current(version),
        "page": page,
        "levels": NomenclatureItem.Level.choices,
    }
    return render_page_or_partial(
        request, "planning/nomenclature_items.html", "planning/_nomenclature_table.html", context
    )


@login_required
def nomenclature_item_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    version = _version(pk)
    rows = (
        (i.code, i.level, i.name, i.affair.code if i.affair else "")
        for i in _items(request, version)
    )
    return table_response(fmt, f"nomenklatur-{version.year}-{version.pk}", ITEM_HEADERS, rows)


@login_required
def nomenclature_import_upload(request: AuthedRequest) -> HttpResponse:
    if not imports.can_import(request.user):
        raise PermissionDenied("Hanya Admin Provinsi yang dapat mengimpor nomenklatur.")
    form = NomenclatureUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            ensure_upload_size(upload.size)
            batch = imports.nomenclature_import_preview(
                user=request.user,
                data=upload.read(),
                file_name=upload.name,
                year=form.cleaned_data["year"],
                label=form.cleaned_data["label"],
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("planning:nomenclature_preview", pk=batch.pk)
    return render(request, "planning/nomenclature_upload.html", {"form": form})


@login_required
def nomenclature_import_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    if not imports.can_import(request.user):
        raise PermissionDenied("Hanya Admin Provinsi yang dapat mengimpor nomenklatur.")
    batch = NomenclatureImport.objects.filter(pk=pk, created_by=request.user).first()
    if batch is None:
        raise Http404("Impor tidak ditemukan.")
    if request.method == "POST":
        return _decide(request, batch)
    preview = batch.preview
    context = {
        "batch": batch,
        "counts": [
            (label, preview["counts"].get(v, 0)) for v, label in NomenclatureItem.Level.choices
        ],
        "total": len(preview["items"]),
        "sample": preview["items"][:20],
    }
    return render(request, "planning/nomenclature_preview.html", context)


def _decide(request: AuthedRequest, batch: NomenclatureImport) -> HttpResponse:
    try:
        if "batal" in request.POST:
            imports.nomenclature_import_cancel(user=request.user, batch=batch)
            messages.info(request, "Impor dibatalkan; nomenklatur tidak berubah.")
            return redirect("planning:nomenclature_versions")
        version = imports.nomenclature_import_confirm(user=request.user, batch=batch)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("planning:nomenclature_preview", pk=batch.pk)
    messages.success(
        request, f"Nomenklatur {version.year} tersimpan: {version.rows} kode (versi terbaru)."
    )
    return redirect("planning:nomenclature_items", pk=version.pk)


# --- authority map --------------------------------------------------------------------------


@login_required
def authority_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(authority_rules(), 64).get_page(request.GET.get("halaman"))
    return render(request, "planning/authority.html", {"page": page})


@login_required
def authority_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    rows = (
        (
            r.affair.code,
            r.affair.name,
            r.get_level_display(),
            r.get_authority_display(),
            r.note,
            r.source,
        )
        for r in authority_rules()
    )
    return table_response(fmt, "peta-kewenangan", AUTHORITY_HEADERS, rows)


# --- an agreement's planning ----------------------------------------------------------------


def _loaded(request: AuthedRequest, pk: int) -> Agreement:
    """The agreement through the one scoped lookup, then with what the page reads."""
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    return (
        with_planning(Agreement.objects.filter(pk=agreement.pk))
        .select_related("owner_region")
        .get()
    )


def _party_rights(request: AuthedRequest, agreement: Agreement) -> tuple[set[int], set[int]]:
    parties = list(agreement.parties.all())
    budget = {p.pk for p in parties if can_edit_party_budget(request.user, agreement, p)}
    realisation = {p.pk for p in parties if can_record_realisation(request.user, agreement, p)}
    return budget, realisation


@login_required
def agreement_planning(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = _loaded(request, pk)
    editable, realisable = _party_rights(request, agreement)
    plan_form = line_form = None
    if can_edit_plan(request.user, agreement):
        plan_form = PlanForm(initial=_plan_initial(agreement), prefix="rencana")
    if editable:
        parties = agreement.parties.filter(pk__in=editable).select_related("region", "organization")
        line_form = BudgetLineForm(parties=parties)
    if request.method == "POST":
        response, plan_form, line_form = _post(request, agreement, plan_form, line_form)
        if response is not None:
            return response
    lines = sorted(agreement.budget_lines.all(), key=lambda b: (b.fiscal_year, b.party.position))
    context = {
        "agreement": agreement,
        "plan": plan_of(agreement),
        "plan_form": plan_form,
        "line_form": line_form,
        "lines": lines,
        "totals": budget_totals(lines),
        "flags": AgreementFlag.objects.filter(agreement=agreement),
        "cautions": authority_cautions(plan_facts(agreement, authority_index())),
        "editable": editable,
        "realisable": realisable,
        "low_percent": low_realisation_percent(),
    }
    return render(request, "planning/agreement.html", context)


def _plan_initial(agreement: Agreement) -> dict[str, Any]:
    plan = plan_of(agreement)
    if plan is None:
        return {"needs_budget": True}
    names = ("rpjmd_period", "rpjmd_priority", "rkpd_year", "needs_budget", "note")
    return {name: getattr(plan, name) for name in names}


def _post(
    request: AuthedRequest, agreement: Agreement, plan_form: Any, line_form: Any
) -> tuple[HttpResponse | None, Any, Any]:
    """Save the plan or add a budget line; on success, back to the page (POST-redirect-GET)."""
    done = redirect("planning:agreement", pk=agreement.pk)
    if "simpan_rencana" in request.POST:
        if plan_form is None:
            raise PermissionDenied("Anda tidak berwenang mengubah perencanaan kerja sama ini.")
        plan_form = PlanForm(request.POST, prefix="rencana")
        if plan_form.is_valid() and _saved(
            request,
            plan_form,
            "Perencanaan tersimpan.",
            lambda: services.plan_update(
                user=request.user, agreement=agreement, data=plan_form.to_input()
            ),
        ):
            return done, plan_form, line_form
        return None, plan_form, line_form
    if line_form is None:
        raise PermissionDenied("Anda tidak berwenang mencatat anggaran kerja sama ini.")
    line_form = BudgetLineForm(request.POST, parties=line_form.fields["party"].queryset)
    if line_form.is_valid() and _saved(
        request,
        line_form,
        "Baris anggaran ditambahkan.",
        lambda: services.budget_line_create(
            user=request.user, agreement=agreement, data=line_form.to_input()
        ),
    ):
        return done, plan_form, line_form
    return None, plan_form, line_form


def _saved(request: AuthedRequest, form: Any, message: str, save: Callable[[], Any]) -> bool:
    """Run the service; a broken rule becomes the form's error."""
    try:
        save()
    except DomainError as exc:
        form.add_error(None, exc.message)
        return False
    messages.success(request, message)
    return True


def _line(request: AuthedRequest, pk: int) -> BudgetLine:
    """A budget line, only through its agreement's scoped lookup (404 outside scope)."""
    line = get_object_or_404(BudgetLine.objects.select_related("party"), pk=pk)
    line.agreement = agreement_get_for_user(user=request.user, pk=line.agreement_id)
    return line


@login_required
def budget_line_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The whole line for its party's budget editors; only the realisation for the OPD."""
    line = _line(request, pk)
    agreement = line.agreement
    form: Any
    if can_edit_party_budget(request.user, agreement, line.party):
        parties = agreement.parties.filter(pk__in=_party_rights(request, agreement)[0])
        form = BudgetLineForm(request.POST or None, initial=line_initial(line), parties=parties)

        def save() -> Any:
            return services.budget_line_update(user=request.user, line=line, data=form.to_input())

    elif can_record_realisation(request.user, agreement, line.party):
        form = RealisationForm(request.POST or None, initial={"realised": line.realised})

        def save() -> Any:
            realised = form.cleaned_data["realised"]
            return services.budget_line_record_realisation(
                user=request.user, line=line, realised=realised
            )

    else:
        raise PermissionDenied("Anda tidak berwenang mengubah anggaran pihak ini.")
    saved = request.method == "POST" and form.is_valid()
    if saved and _saved(request, form, "Baris anggaran tersimpan.", save):
        return redirect("planning:agreement", pk=agreement.pk)
    return render(request, "planning/budget_line_form.html", {"form": form, "line": line})


@require_POST
@login_required
def budget_line_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    agreement_pk = line.agreement_id
    services.budget_line_delete(user=request.user, line=line)
    messages.success(request, "Baris anggaran dihapus.")
    return redirect("planning:agreement", pk=agreement_pk)


@login_required
def budget_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    lines = BudgetLine.objects.filter(agreement=agreement).select_related(
        "party__region", "party__organization"
    )
    rows = (
        (
            b.fiscal_year,
            str(b.party),
            b.sub_activity_code,
            b.sub_activity_name,
            b.get_source_display(),
            b.allocated,
            b.realised,
            b.note,
        )
        for b in lines
    )
    return table_response(fmt, f"anggaran-kerja-sama-{agreement.pk}", BUDGET_HEADERS, rows)
