"""Pages of the register import: upload, review of the verdicts, confirm, progress, downloads."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sinergi.accounts.scope import manageable_regions
from sinergi.agreements import imports
from sinergi.agreements.import_checks import VERDICTS
from sinergi.agreements.import_forms import AgreementImportUploadForm
from sinergi.agreements.import_models import AgreementImport
from sinergi.core.errors import DomainError
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest
from sinergi.core.tables import ensure_upload_size

ROWS_PER_PAGE = 100


def _require_importer(request: AuthedRequest) -> None:
    if not manageable_regions(request.user).exists():
        raise PermissionDenied("Anda tidak berwenang mengimpor kerja sama.")


def _own_import(request: AuthedRequest, pk: int, *, rows: bool = True) -> AgreementImport:
    """An import is visible to its uploader only; to anyone else it does not exist (404)."""
    batches = AgreementImport.objects.filter(pk=pk, created_by=request.user)
    # The rows of a large file weigh megabytes; the progress poll needs only the counters.
    batch = (batches if rows else batches.defer("rows")).first()
    if batch is None:
        raise Http404("Impor tidak ditemukan.")
    return batch


@login_required
def import_upload(request: AuthedRequest) -> HttpResponse:
    _require_importer(request)
    form = AgreementImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            ensure_upload_size(upload.size)
            batch = imports.agreement_import_preview(
                user=request.user, data=upload.read(), file_name=upload.name
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("agreements:import_review", pk=batch.pk)
    context = {"form": form, "max_rows": imports.MAX_ROWS}
    return render(request, "agreements/import_upload.html", context)


@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    return table_response(
        "xlsx", "templat-impor-kerja-sama", imports.COLUMNS, imports.template_rows()
    )


@login_required
def import_review(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _own_import(request, pk)
    verdict = request.GET.get("hasil", "")
    rows: list[Any] = batch.rows
    if verdict in VERDICTS:
        rows = [row for row in rows if row["verdict"] == verdict]
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("halaman"))
    context = {"batch": batch, "page": page, "verdict": verdict}
    return render(request, "agreements/import_review.html", context)


@require_POST
@login_required
def import_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _own_import(request, pk, rows=False)
    _require_importer(request)
    try:
        imports.agreement_import_confirm(user=request.user, batch=batch)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.info(request, "Impor berjalan di latar belakang; kemajuannya tampil di bawah.")
    return redirect("agreements:import_review", pk=batch.pk)


@require_POST
@login_required
def import_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _own_import(request, pk, rows=False)
    try:
        imports.agreement_import_cancel(user=request.user, batch=batch)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("agreements:import_review", pk=batch.pk)
    messages.info(request, "Impor dibatalkan; tidak ada data yang diubah.")
    return redirect("agreements:import_upload")


@login_required
def import_progress(request: AuthedRequest, pk: int) -> HttpResponse:
    """Polled by htmx every second; the finished state comes without the trigger."""
    batch = _own_import(request, pk, rows=False)
    return render(request, "agreements/_import_progress.html", {"batch": batch})


@login_required
def import_errors(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _own_import(request, pk)
    return table_response(
        "xlsx",
        f"galat-impor-kerja-sama-{batch.pk}",
        imports.ERROR_REPORT_HEADERS,
        imports.error_report_rows(batch),
    )
