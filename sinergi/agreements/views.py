from collections.abc import Callable
from dataclasses import fields
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sinergi.accounts.scope import visible_regions
from sinergi.affairs.models import Affair
from sinergi.agencies.selectors import agency_filter_choices
from sinergi.agreements import services
from sinergi.agreements.duplicates import PossibleDuplicate, possible_duplicates
from sinergi.agreements.forms import (
    AgreementForm,
    DocumentForm,
    PartyFormSet,
    TransitionForm,
    agreement_initial,
    party_initial,
)
from sinergi.agreements.models import Agreement, Milestone, Status
from sinergi.agreements.permissions import (
    can_decide,
    can_edit,
    creation_rights,
    proposable_regions,
)
from sinergi.agreements.presenters import agreement_facts, available_actions
from sinergi.agreements.selectors import (
    ENDING_SOON,
    IDLE,
    IN_PROCESS,
    AgreementFilters,
    agreement_get_for_user,
    agreement_list,
    agreement_listing,
)
from sinergi.audit.selectors import history_for
from sinergi.core.errors import DomainError
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, attachment, render_page_or_partial
from sinergi.planning.models import AgreementFlag
from sinergi.regions.models import Region

PAGE_SIZE = 25


def filters_from(request: AuthedRequest) -> AgreementFilters:
    g = request.GET
    values: dict[str, Any] = {f.name: g.get(f.name, "").strip() for f in fields(AgreementFilters)}
    for name in ("year", "year_from", "year_to"):
        values[name] = int(values[name]) if values[name].isdigit() else None
    for name in ("agency", "organization"):
        values[name] = int(values[name]) if values[name].isdigit() else None
    values["sort"] = values["sort"] or "terbaru"
    return AgreementFilters(**values)


@login_required
def agreement_list_view(request: AuthedRequest) -> HttpResponse:
    filters = filters_from(request)
    agencies = agency_filter_choices(user=request.user, region_code=filters.region)
    if filters.region and filters.agency not in {pk for pk, _ in agencies}:
        # The region changed under an OPD of another region: the select was reset to all.
        filters.agency = None
    agreements = agreement_list(user=request.user, filters=filters)
    counts, page = agreement_listing(
        agreements,
        number=request.GET.get("halaman"),
        per_page=PAGE_SIZE,
        whole_country=request.user.is_superuser,
    )
    context = {
        "page": page,
        "counts": counts,
        "doc_types": Agreement.DocType.choices,
        "kinds": Agreement.Kind.choices,
        "statuses": [
            *Status.choices,
            (IN_PROCESS, "Dalam proses (usulan s.d. penandatanganan)"),
            (ENDING_SOON, "Akan berakhir (≤ 90 hari)"),
            (IDLE, "Simbolis (tidak ada kegiatan)"),
        ],
        "affairs": [(a.code, str(a)) for a in Affair.objects.sectors()],
        "regions": visible_regions(request.user).values_list("code", "name"),
        **creation_rights(request.user),
        "agencies": agencies,
        "flag_choices": AgreementFlag.Code.choices,
    }
    return render_page_or_partial(
        request, "agreements/list.html", "agreements/_table.html", context
    )


EXPORT_HEADERS = [
    "nomor",
    "jenis_dokumen",
    "jenis_kerja_sama",
    "judul",
    "perihal",
    "wilayah_pencatat",
    "pihak",
    "urusan_utama",
    "status",
    "tanggal_ttd",
    "tempat_ttd",
    "tanggal_mulai",
    "tanggal_berakhir",
    "jangka_waktu_bulan",
]


@login_required
def agreement_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    agreements = agreement_list(user=request.user, filters=filters_from(request))
    rows = (
        (
            a.number,
            a.get_doc_type_display(),
            a.get_kind_display(),
            a.title,
            a.subject,
            a.owner_region.code,
            "; ".join(str(p) for p in a.parties.all()),
            a.primary_affair.code,
            Status(a.current_status()).label,
            a.signed_on,
            a.signed_place,
            a.start_date,
            a.end_date,
            a.duration_months,
        )
        for a in agreements.iterator(chunk_size=500)
    )
    return table_response(fmt, "kerja-sama", EXPORT_HEADERS, rows)


@login_required
def agreement_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    # Read once for the facts and the table; without the regions' polygons (up to 90 kB).
    parties = list(
        agreement.parties.select_related("region", "organization")
        .defer("region__boundary")
        .prefetch_related("agencies")
    )
    context = {
        "agreement": agreement,
        "facts": agreement_facts(agreement, parties),
        "actions": available_actions(request.user, agreement),
        "transition_form": TransitionForm(),
        "document_form": DocumentForm(),
        "can_edit": can_edit(request.user, agreement),
        "can_decide": can_decide(request.user, agreement),
        "parties": parties,
        "children": agreement.children.select_related("owner_region"),
        "renewals": agreement.renewals.all(),
        "timeline": agreement.timeline.select_related("actor"),
        "milestones": agreement.milestones.select_related("done_by"),
        "documents": agreement.documents.select_related("uploaded_by"),
        "history": history_for(agreement)[:30],
    }
    return render(request, "agreements/detail.html", context)


def _edit_page(
    request: AuthedRequest, agreement: Agreement | None, save: Callable[..., Agreement]
) -> HttpResponse:
    initial = agreement_initial(agreement) if agreement else _draft_initial(request)
    form = AgreementForm(request.POST or None, initial=initial, user=request.user)
    owner = agreement.owner_region if agreement else request.user.region
    party_rows = party_initial(agreement, owner)
    partner = None if agreement else _draft_partner(request)
    if partner is not None and partner != owner:
        party_rows.append({"region": partner})
    parties = PartyFormSet(
        request.POST or None, user=request.user, initial=party_rows, prefix="pihak"
    )
    duplicates: list[PossibleDuplicate] = []
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        data, party_inputs = form.to_input(), parties.to_inputs()
        if agreement is None:
            duplicates = unconfirmed_duplicates(request, form, data, party_inputs)
        if not duplicates:
            try:
                saved = save(
                    data=data, parties=party_inputs, version=form.cleaned_data.get("version")
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Kerja sama tersimpan.")
                return redirect("agreements:detail", pk=saved.pk)
    title = f"Ubah: {agreement.title}" if agreement else "Catat kerja sama baru"
    context = {
        "form": form,
        "parties": parties,
        "agreement": agreement,
        "title": title,
        "duplicates": duplicates,
    }
    return render(request, "agreements/form.html", context)


def unconfirmed_duplicates(
    request: AuthedRequest, form: Any, data: Any, parties: list[Any]
) -> list[PossibleDuplicate]:
    """Recorded agreements the draft looks like, unless the user confirmed it differs (the
    box the warning shows). Adds the warning to the form."""
    if request.POST.get("bukan_duplikat"):
        return []
    found = possible_duplicates(user=request.user, data=data, parties=parties)
    if found:
        form.add_error(
            None,
            "Kerja sama ini mirip dengan yang sudah tercatat (lihat di bawah). Jika memang "
            "berbeda, centang “Bukan duplikat” lalu simpan lagi.",
        )
    return found


def _draft_initial(request: AuthedRequest) -> dict[str, Any]:
    """A new draft, prefilled from a suggestion's link (`?urusan=1.02&judul=…&mitra=64.71`):
    the user reviews every field before saving, so nothing here is trusted further."""
    initial: dict[str, Any] = {"owner_region": request.user.region}
    affair = Affair.objects.filter(code=request.GET.get("urusan", "")).first()
    if affair is not None:
        initial["primary_affair"] = affair
    if title := request.GET.get("judul", "").strip()[:255]:
        initial["title"] = title
    return initial


def _draft_partner(request: AuthedRequest) -> Region | None:
    code = request.GET.get("mitra", "")
    return Region.objects.filter(code=code).first() if code else None


@login_required
def agreement_create_view(request: AuthedRequest) -> HttpResponse:
    if not proposable_regions(request.user).exists():
        raise PermissionDenied("Anda tidak berwenang mencatat kerja sama.")

    def save(*, data: Any, parties: Any, version: Any) -> Agreement:
        return services.agreement_create(user=request.user, data=data, parties=parties)

    return _edit_page(request, None, save)


@login_required
def agreement_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    if not can_edit(request.user, agreement):
        raise PermissionDenied("Anda tidak berwenang mengubah kerja sama ini.")

    def save(*, data: Any, parties: Any, version: Any) -> Agreement:
        return services.agreement_update(
            user=request.user,
            agreement=agreement,
            data=data,
            parties=parties,
            expected_version=version or 0,
        )

    return _edit_page(request, agreement, save)


# Indonesian URL slugs of the lifecycle steps (see services.TRANSITIONS).
_ACTIONS = {
    "ajukan": "submit",
    "setujui": "accept",
    "tolak": "reject",
    "selesai_naskah": "finish_draft",
    "persetujuan_dprd": "record_dprd_approval",
    "tandatangani": "sign",
    "akhiri": "terminate",
}


@require_POST
@login_required
def agreement_transition(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    form = TransitionForm(request.POST)
    if action not in _ACTIONS or not form.is_valid():
        raise Http404("Langkah tidak dikenal.")
    try:
        services.agreement_transition(
            user=request.user, agreement=agreement, action=_ACTIONS[action], **form.cleaned_data
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Status kerja sama diperbarui.")
    return redirect("agreements:detail", pk=pk)


@require_POST
@login_required
def milestone_complete_view(request: AuthedRequest, pk: int, milestone_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    milestone = Milestone.objects.filter(pk=milestone_pk, agreement=agreement).first()
    if milestone is None:
        raise Http404("Tonggak tidak ditemukan.")
    try:
        services.milestone_complete(
            user=request.user, milestone=milestone, note=request.POST.get("note", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("agreements:detail", pk=pk)


@require_POST
@login_required
def document_upload_view(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Lengkapi jenis, judul dan berkas.")
        return redirect("agreements:detail", pk=pk)
    try:
        document = services.document_upload(
            user=request.user,
            agreement=agreement,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Berkas “{document}” tersimpan.")
    return redirect("agreements:detail", pk=pk)


@login_required
def document_download(request: AuthedRequest, pk: int, document_pk: int) -> FileResponse:
    """Files live outside the web root and are served only after the access check."""
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    document = agreement.documents.filter(pk=document_pk).first()
    if document is None:
        raise Http404("Berkas tidak ditemukan.")
    return attachment(document.file, document.original_name, document.content_type)


@login_required
def agency_options(request: AuthedRequest) -> HttpResponse:
    """The OPD filter's options after the region filter changes (htmx)."""
    agencies = agency_filter_choices(user=request.user, region_code=request.GET.get("region", ""))
    return render(request, "agreements/_agency_options.html", {"agencies": agencies})
