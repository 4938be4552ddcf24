from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sinergi.accounts.scope import (
    can_manage_region,
    can_restore,
    manageable_regions,
    visible_regions,
)
from sinergi.agencies import imports
from sinergi.agencies.forms import AgencyForm, ImportUploadForm
from sinergi.agencies.models import Agency, AgencyImport
from sinergi.agencies.selectors import agency_get_for_user, agency_list, agency_trash
from sinergi.agencies.services import (
    agency_can_edit,
    agency_create,
    agency_delete,
    agency_restore,
    agency_update,
)
from sinergi.audit.selectors import history_for
from sinergi.core.errors import DomainError
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, render_page_or_partial
from sinergi.core.tables import ensure_upload_size

EXPORT_HEADERS = ["kode_wilayah", "wilayah", "nama", "singkatan", "jenis", "kode_unit", "urusan"]


def _region_code(request: AuthedRequest) -> str:
    """The region filter; without one, the region a province admin picked in the switcher."""
    if "wilayah" in request.GET:
        return request.GET["wilayah"]
    picked = request.session.get("active_region_code", "")
    own = request.user.region.code if request.user.region else ""
    return picked if picked != own else ""


def _filtered(request: AuthedRequest):
    code = _region_code(request)
    region = visible_regions(request.user).filter(code=code).first() if code else None
    return agency_list(
        user=request.user,
        region=region,
        q=request.GET.get("q", ""),
        kind=request.GET.get("jenis", ""),
    )


@login_required
def agency_list_view(request: AuthedRequest) -> HttpResponse:
    page = Paginator(_filtered(request), 25).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "regions": visible_regions(request.user).defer("boundary"),
        "kinds": Agency.Kind.choices,
        "selected_region": _region_code(request),
        "can_manage": manageable_regions(request.user).exists(),
        "can_see_trash": request.user.is_superuser or request.user.role == "admin_provinsi",
    }
    return render_page_or_partial(request, "agencies/list.html", "agencies/_table.html", context)


@login_required
def agency_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    agencies = _filtered(request).prefetch_related("affairs")
    rows = (
        (
            a.region.code,
            a.region.name,
            a.name,
            a.short_name,
            a.kind,
            a.unit_code,
            ";".join(f.code for f in a.affairs.all()),
        )
        for a in agencies
    )
    return table_response(fmt, "perangkat-daerah", EXPORT_HEADERS, rows)


@login_required
def agency_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    agency = agency_get_for_user(user=request.user, pk=pk)
    context = {
        "agency": agency,
        "can_edit": agency_can_edit(request.user, agency),
        "can_delete": can_manage_region(request.user, agency.region),
        "history": history_for(agency)[:50],
    }
    return render(request, "agencies/detail.html", context)


@login_required
def agency_create_view(request: AuthedRequest) -> HttpResponse:
    if not manageable_regions(request.user).exists():
        raise PermissionDenied("Anda tidak berwenang menambah perangkat daerah.")
    form = AgencyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            agency = agency_create(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Perangkat daerah “{agency.name}” ditambahkan.")
            return redirect("agencies:detail", pk=agency.pk)
    return render(request, "agencies/form.html", {"form": form, "title": "Tambah perangkat daerah"})


@login_required
def agency_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    agency = agency_get_for_user(user=request.user, pk=pk)
    if not agency_can_edit(request.user, agency):
        raise PermissionDenied("Anda tidak berwenang mengubah perangkat daerah ini.")
    initial = {
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "unit_code": agency.unit_code,
        "affairs": agency.affairs.all(),
    }
    form = AgencyForm(request.POST or None, initial=initial, user=request.user, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            agency_update(user=request.user, agency=agency, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Perubahan tersimpan.")
            return redirect("agencies:detail", pk=agency.pk)
    context = {"form": form, "agency": agency, "title": f"Ubah {agency.name}"}
    return render(request, "agencies/form.html", context)


@login_required
def agency_delete_view(request: AuthedRequest, pk: int) -> HttpResponse:
    agency = agency_get_for_user(user=request.user, pk=pk)
    if not can_manage_region(request.user, agency.region):
        raise PermissionDenied("Anda tidak berwenang menghapus perangkat daerah ini.")
    if request.method == "POST":
        try:
            agency_delete(user=request.user, agency=agency)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("agencies:detail", pk=agency.pk)
        messages.success(request, f"“{agency.name}” dihapus. Admin dapat memulihkannya.")
        return redirect("agencies:list")
    return render(request, "agencies/confirm_delete.html", {"agency": agency})


@login_required
def agency_trash_view(request: AuthedRequest) -> HttpResponse:
    if not (request.user.is_superuser or request.user.role == "admin_provinsi"):
        raise PermissionDenied("Hanya admin yang dapat melihat data terhapus.")
    page = Paginator(agency_trash(user=request.user), 25).get_page(request.GET.get("halaman"))
    return render(request, "agencies/trash.html", {"page": page})


@require_POST
@login_required
def agency_restore_view(request: AuthedRequest, pk: int) -> HttpResponse:
    agency = agency_get_for_user(user=request.user, pk=pk, include_deleted=True)
    if not agency.is_deleted:
        raise Http404("Perangkat daerah ini tidak dalam keadaan terhapus.")
    if not can_restore(request.user, agency.region):
        raise PermissionDenied("Hanya admin yang dapat memulihkan data yang dihapus.")
    try:
        agency_restore(user=request.user, agency=agency)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("agencies:trash")
    messages.success(request, f"“{agency.name}” dipulihkan.")
    return redirect("agencies:detail", pk=agency.pk)


@login_required
def import_upload(request: AuthedRequest) -> HttpResponse:
    if not manageable_regions(request.user).exists():
        raise PermissionDenied("Anda tidak berwenang mengimpor perangkat daerah.")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            ensure_upload_size(upload.size)
            batch = imports.agency_import_preview(
                user=request.user, data=upload.read(), file_name=upload.name
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("agencies:import_review", pk=batch.pk)
    return render(request, "agencies/import_upload.html", {"form": form})


def _own_import(request: AuthedRequest, pk: int) -> AgencyImport:
    batch = AgencyImport.objects.filter(pk=pk, created_by=request.user).first()
    if batch is None:
        raise Http404("Impor tidak ditemukan.")
    return batch


@login_required
def import_review(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _own_import(request, pk)
    if request.method == "POST" and "batal" in request.POST:
        imports.agency_import_cancel(user=request.user, batch=batch)
        messages.info(request, "Impor dibatalkan; tidak ada data yang diubah.")
        return redirect("agencies:list")
    if request.method == "POST":
        accepted = {int(n) for n in request.POST.getlist("terima") if n.isdigit()}
        try:
            batch = imports.agency_import_apply(user=request.user, batch=batch, accepted=accepted)
        except DomainError as exc:
            messages.error(request, f"Impor gagal, tidak ada data yang diubah: {exc.message}")
        else:
            messages.success(request, f"{batch.created_count} perangkat daerah ditambahkan.")
        return redirect("agencies:import_review", pk=batch.pk)
    counts = {v: batch.count(v) for v in (imports.NEW, imports.SAME, imports.LIKELY, imports.ERROR)}
    return render(request, "agencies/import_review.html", {"batch": batch, "counts": counts})


@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    region = request.user.region
    example = [
        (region.code if region else "64.72", "Dinas Kesehatan", "Dinkes", "dinas", "", "1.02")
    ]
    return table_response("xlsx", "templat-impor-perangkat-daerah", imports.COLUMNS, example)
