"""Pages of the document reading: upload, progress, review and accept, discard."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sinergi.agreements.forms import PartyFormSet
from sinergi.agreements.permissions import proposable_regions
from sinergi.agreements.views import unconfirmed_duplicates
from sinergi.core.errors import DomainError
from sinergi.core.http import AuthedRequest, attachment
from sinergi.extractions import services
from sinergi.extractions.forms import ReviewForm, UploadForm, review_initial
from sinergi.extractions.models import DocumentExtraction
from sinergi.extractions.presenters import read_rows
from sinergi.extractions.selectors import (
    extraction_get_for_user,
    extractions_for_user,
    read_duplicates,
)


def _require_recorder(request: AuthedRequest) -> None:
    if not proposable_regions(request.user).exists():
        raise PermissionDenied("Anda tidak berwenang mencatat kerja sama.")


@login_required
def extraction_list_view(request: AuthedRequest) -> HttpResponse:
    _require_recorder(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            extraction = services.extraction_create(
                user=request.user, upload=form.cleaned_data["file"]
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("extractions:detail", pk=extraction.pk)
    page = Paginator(extractions_for_user(request.user), 25).get_page(request.GET.get("halaman"))
    return render(request, "extractions/list.html", {"form": form, "page": page})


@login_required
def extraction_detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    extraction = extraction_get_for_user(user=request.user, pk=pk)
    context: dict[str, Any] = {"extraction": extraction}
    if extraction.status == DocumentExtraction.Status.READY:
        initial, party_rows = review_initial(request.user, extraction)
        form = ReviewForm(request.POST or None, initial=initial, user=request.user)
        parties = PartyFormSet(
            request.POST or None, user=request.user, initial=party_rows, prefix="pihak"
        )
        duplicates = read_duplicates(request.user, extraction)
        if request.method == "POST" and form.is_valid() and parties.is_valid():
            data, party_inputs = form.to_input(), parties.to_inputs()
            duplicates = unconfirmed_duplicates(request, form, data, party_inputs)
            if not duplicates:
                try:
                    agreement = services.extraction_accept(
                        user=request.user,
                        extraction=extraction,
                        data=data,
                        parties=party_inputs,
                        record_obligations=form.cleaned_data["record_obligations"],
                    )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(
                        request, "Kerja sama tercatat dari dokumen; naskahnya terlampir."
                    )
                    return redirect("agreements:detail", pk=agreement.pk)
        context.update(
            form=form, parties=parties, rows=read_rows(extraction.result), duplicates=duplicates
        )
    elif request.method == "POST":
        raise Http404("Dokumen ini tidak sedang menunggu tinjauan.")
    return render(request, "extractions/detail.html", context)


@login_required
def extraction_progress(request: AuthedRequest, pk: int) -> HttpResponse:
    extraction = extraction_get_for_user(user=request.user, pk=pk)
    response = render(request, "extractions/_progress.html", {"extraction": extraction})
    if not extraction.is_working:
        # The finished state shows the review form: reload the whole page once.
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def extraction_discard_view(request: AuthedRequest, pk: int) -> HttpResponse:
    extraction = extraction_get_for_user(user=request.user, pk=pk)
    try:
        services.extraction_discard(user=request.user, extraction=extraction)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Dokumen dibuang; tidak ada yang dicatat.")
    return redirect("extractions:list")


@login_required
def extraction_file(request: AuthedRequest, pk: int) -> FileResponse:
    extraction = extraction_get_for_user(user=request.user, pk=pk)
    if not extraction.file:
        raise Http404("Berkas tidak lagi disimpan.")
    return attachment(extraction.file, extraction.original_name, "application/octet-stream")
