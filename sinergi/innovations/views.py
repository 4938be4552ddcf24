"""Pages of the innovation catalogue and of replication. Every page about an innovation starts
from `innovation_get_for_user` (404 when the user may not see it) and every page about an
interest from `interest_get_for_user`; the services check the rest."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sinergi.accounts.scope import visible_regions
from sinergi.core.errors import DomainError
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, attachment, render_page_or_partial
from sinergi.core.kept import kept
from sinergi.core.versions import INNOVATIONS
from sinergi.innovations import permissions, rankings, selectors, services
from sinergi.innovations.forms import (
    DecisionForm,
    FigureForm,
    FileForm,
    InnovationForm,
    InterestForm,
    innovation_initial,
)
from sinergi.innovations.models import Innovation, ReplicationInterest
from sinergi.regions.models import Region

PAGE_SIZE = 20
EXPORT_LIMIT = 5_000
EXPORT_HEADERS = [
    "Nama inovasi",
    "Wilayah asal",
    "Kode wilayah",
    "Kode urusan",
    "Urusan",
    "Jenis",
    "Bentuk",
    "Tahapan",
    "Tahun mulai",
    "Dapat direplikasi",
    "Replikasi diterima",
    "Status",
]


# --- catalogue ------------------------------------------------------------------------------


@login_required
def catalogue(request: AuthedRequest) -> HttpResponse:
    filters = selectors.CatalogueFilters.from_query(request.GET)
    visible = selectors.visible_innovations(user=request.user)
    ids, reasons = selectors.catalogue(visible, filters)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("halaman"))
    rows = [(i, reasons.get(i.pk, [])) for i in selectors.catalogue_rows(list(page.object_list))]
    context = {
        "page": page,
        "rows": rows,
        "searching": bool(filters.q),
        "regions": _region_choices(),
        "statuses": Innovation.Status.choices,
        "can_create": permissions.creatable_regions(request.user).exists(),
        "pending": selectors.pending_count(user=request.user),
        **selectors.filter_choices(),
    }
    return render_page_or_partial(
        request, "innovations/list.html", "innovations/_table.html", context
    )


def _region_choices() -> list[tuple[str, str]]:
    """Regions with published innovations, and their provinces; kept until an innovation
    changes (two scans of the catalogue per page otherwise: 20 ms at 5,000 innovations)."""
    regions = Region.objects.filter(innovations__status=Innovation.Status.PUBLISHED).distinct()

    def choices() -> list[tuple[str, str]]:
        provinces = Region.objects.filter(pk__in=regions.values("parent")).defer("boundary")
        found = {r.code: r.name for r in regions.defer("boundary")}
        found.update({p.code: f"{p.name} (seluruh provinsi)" for p in provinces})
        return sorted(found.items())

    return kept("inovasi-wilayah", regions, [INNOVATIONS], choices)


@login_required
def catalogue_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    filters = selectors.CatalogueFilters.from_query(request.GET)
    visible = selectors.visible_innovations(user=request.user)
    ids, _ = selectors.catalogue(visible, filters)
    rows = (_export_row(i) for i in selectors.catalogue_rows(ids[:EXPORT_LIMIT]))
    return table_response(fmt, "inovasi-daerah", EXPORT_HEADERS, rows)


def _export_row(innovation: Any) -> list[Any]:
    return [
        innovation.name,
        innovation.region.name,
        innovation.region.code,
        innovation.affair.code,
        innovation.affair.name,
        innovation.get_kind_display(),
        innovation.get_form_display(),
        innovation.get_maturity_display(),
        innovation.started_year,
        "ya" if innovation.replicable else "tidak",
        innovation.replications,
        innovation.get_status_display(),
    ]


@login_required
def ranking_page(request: AuthedRequest) -> HttpResponse:
    from sinergi.spm.selectors import latest_year

    province = _ranking_province(request)
    # SPM figures of regions outside the user's scope stay hidden, even as a count.
    regions = visible_regions(request.user).defer("boundary")
    if province is not None:
        regions = regions.filter(pk__in=Region.objects.in_province(province).values("pk"))
    context = {
        "province": province,
        "provinces": Region.objects.provinces().defer("boundary"),
        "replicated": rankings.most_replicated(province=province),
        "sharing": rankings.sharing_regions(province=province),
        "gaps": rankings.sector_gaps(regions=list(regions), year=latest_year()),
        "year": latest_year(),
    }
    return render(request, "innovations/rankings.html", context)


def _ranking_province(request: AuthedRequest) -> Region | None:
    code = request.GET.get("provinsi")
    if code == "semua":
        return None
    if code:
        return get_object_or_404(Region.objects.provinces().defer("boundary"), code=code)
    region = request.user.region
    return region.province if region is not None else None


# --- one innovation -------------------------------------------------------------------------


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    user = request.user
    can_edit = permissions.can_edit(user, innovation)
    interest_regions = permissions.interest_regions(user, innovation)
    context = {
        "innovation": innovation,
        "figures": innovation.figures.all(),
        "files": innovation.files.all(),
        "replications": selectors.replications(innovation, user=user),
        "pending": innovation.interests.pending().select_related("region")
        if permissions.can_publish(user, innovation)
        else [],
        "can_edit": can_edit,
        "can_publish": permissions.can_publish(user, innovation),
        "can_state_interest": interest_regions.exists(),
        "figure_form": FigureForm() if can_edit else None,
        "file_form": FileForm() if can_edit else None,
    }
    return render(request, "innovations/detail.html", context)


def _form_page(context: dict[str, Any], save: Callable[[], Any]) -> HttpResponse | None:
    """Run `save` for a valid POST; None (show the form) when it failed with a message."""
    try:
        return save()
    except DomainError as error:
        context["form"].add_error(None, error.message)
    except PermissionDenied as error:
        context["form"].add_error(None, str(error))
    return None


@login_required
def create(request: AuthedRequest) -> HttpResponse:
    regions = permissions.creatable_regions(request.user)
    if not regions.exists():
        raise PermissionDenied("Anda tidak berwenang mencatat inovasi.")
    officer = request.user.role == permissions.OFFICER
    form = InnovationForm(request.POST or None, regions=regions, officer=officer)
    context = {"form": form, "title": "Catat inovasi"}
    if request.method == "POST" and form.is_valid():

        def save() -> HttpResponse:
            innovation = services.innovation_create(user=request.user, data=form.to_input())
            messages.success(request, "Inovasi dicatat sebagai draf.")
            return redirect("innovations:detail", pk=innovation.pk)

        done = _form_page(context, save)
        if done is not None:
            return done
    return render(request, "innovations/form.html", context)


@login_required
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, innovation):
        raise PermissionDenied("Anda tidak berwenang mengubah inovasi ini.")
    regions = Region.objects.filter(pk=innovation.region_id)
    officer = request.user.role == permissions.OFFICER
    initial = {**innovation_initial(innovation), "version": innovation.version}
    form = InnovationForm(request.POST or None, regions=regions, officer=officer, initial=initial)
    context = {"form": form, "title": "Ubah inovasi", "innovation": innovation}
    if request.method == "POST" and form.is_valid():

        def save() -> HttpResponse:
            services.innovation_update(
                user=request.user,
                innovation=innovation,
                expected_version=form.cleaned_data["version"] or 0,
                data=form.to_input(),
            )
            messages.success(request, "Perubahan inovasi disimpan.")
            return redirect("innovations:detail", pk=innovation.pk)

        done = _form_page(context, save)
        if done is not None:
            return done
    return render(request, "innovations/form.html", context)


def _act(request: AuthedRequest, pk: int, action: Callable[[], Any], done: str) -> HttpResponse:
    try:
        action()
        messages.success(request, done)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("innovations:detail", pk=pk)


@login_required
@require_POST
def publish(request: AuthedRequest, pk: int) -> HttpResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    return _act(
        request,
        pk,
        lambda: services.innovation_publish(user=request.user, innovation=innovation),
        "Inovasi diterbitkan: kini tampil di katalog, portal publik dan API.",
    )


@login_required
@require_POST
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    return _act(
        request,
        pk,
        lambda: services.innovation_withdraw(user=request.user, innovation=innovation),
        "Inovasi ditarik dari katalog.",
    )


@login_required
@require_POST
def figure_add(request: AuthedRequest, pk: int) -> HttpResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    form = FigureForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, f"Hasil terukur tidak disimpan: {errors[0]}")
        return redirect("innovations:detail", pk=pk)
    return _act(
        request,
        pk,
        lambda: services.innovation_figure_add(
            user=request.user, innovation=innovation, data=form.to_input()
        ),
        "Hasil terukur ditambahkan.",
    )


@login_required
@require_POST
def figure_delete(request: AuthedRequest, pk: int, figure_pk: int) -> HttpResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    figure = get_object_or_404(innovation.figures, pk=figure_pk)
    return _act(
        request,
        pk,
        lambda: services.innovation_figure_delete(user=request.user, figure=figure),
        "Hasil terukur dihapus.",
    )


@login_required
@require_POST
def file_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Pilih jenis dan berkas yang akan diunggah.")
        return redirect("innovations:detail", pk=pk)
    return _act(
        request,
        pk,
        lambda: services.innovation_file_upload(
            user=request.user,
            innovation=innovation,
            kind=form.cleaned_data["kind"],
            caption=form.cleaned_data["caption"],
            upload=form.cleaned_data["file"],
        ),
        "Berkas diunggah.",
    )


@login_required
def file_download(request: AuthedRequest, pk: int, file_pk: int) -> FileResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    stored = get_object_or_404(innovation.files, pk=file_pk)
    return attachment(stored.file, stored.original_name, stored.content_type)


@login_required
@require_POST
def file_delete(request: AuthedRequest, pk: int, file_pk: int) -> HttpResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    stored = get_object_or_404(innovation.files, pk=file_pk)
    return _act(
        request,
        pk,
        lambda: services.innovation_file_delete(user=request.user, file=stored),
        "Berkas dihapus.",
    )


# --- replication ----------------------------------------------------------------------------


@login_required
def interest_create(request: AuthedRequest, pk: int) -> HttpResponse:
    innovation = selectors.innovation_get_for_user(user=request.user, pk=pk)
    regions = permissions.interest_regions(request.user, innovation)
    if not regions.exists():
        raise PermissionDenied(services.interest_denied_reason(innovation))
    form = InterestForm(request.POST or None, request.FILES or None, regions=regions)
    context = {"form": form, "innovation": innovation, "title": "Nyatakan minat replikasi"}
    if request.method == "POST" and form.is_valid():

        def save() -> HttpResponse:
            interest = services.interest_submit(
                user=request.user,
                innovation=innovation,
                data=form.to_input(),
                letter=form.cleaned_data.get("letter"),
            )
            messages.success(
                request, f"Minat replikasi dikirim ke {innovation.region}; mereka diberi tahu."
            )
            return redirect("innovations:interest", pk=interest.pk)

        done = _form_page(context, save)
        if done is not None:
            return done
    return render(request, "innovations/interest_form.html", context)


@login_required
def interests(request: AuthedRequest) -> HttpResponse:
    found = selectors.interests_for(user=request.user)
    context = {
        "received": Paginator(found["received"], PAGE_SIZE).get_page(request.GET.get("masuk")),
        "sent": Paginator(found["sent"], PAGE_SIZE).get_page(request.GET.get("keluar")),
    }
    return render(request, "innovations/interests.html", context)


@login_required
def interest_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    interest = selectors.interest_get_for_user(user=request.user, pk=pk)
    pending = interest.status == ReplicationInterest.Status.SUBMITTED
    context = {
        "interest": interest,
        "can_decide": pending and permissions.can_decide(request.user, interest),
        "can_withdraw": pending and permissions.can_withdraw(request.user, interest),
        "form": DecisionForm(),
    }
    return render(request, "innovations/interest_detail.html", context)


@login_required
def interest_letter(request: AuthedRequest, pk: int) -> FileResponse:
    interest = selectors.interest_get_for_user(user=request.user, pk=pk)
    if not interest.letter:
        raise Http404("Surat minat tidak diunggah.")
    name = f"surat-minat-{interest.pk}.pdf"
    return attachment(interest.letter, name, interest.letter_content_type)


def _decide(
    request: AuthedRequest, pk: int, action: Callable[[ReplicationInterest, str], Any], done: str
) -> HttpResponse:
    interest = selectors.interest_get_for_user(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        result = action(interest, note)
        messages.success(request, done)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("innovations:interest", pk=pk)
    if result is not None:  # the draft agreement opened by an acceptance
        return redirect("agreements:detail", pk=result.pk)
    return redirect("innovations:interest", pk=pk)


@login_required
@require_POST
def interest_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda i, note: services.interest_accept(user=request.user, interest=i, note=note),
        "Minat diterima: draf Kesepakatan Bersama (KSDD sukarela) dibuka dan tertaut ke inovasi.",
    )


@login_required
@require_POST
def interest_decline(request: AuthedRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda i, note: services.interest_decline(user=request.user, interest=i, note=note),
        "Minat ditolak; wilayah peminat diberi tahu.",
    )


@login_required
@require_POST
def interest_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda i, _note: services.interest_withdraw(user=request.user, interest=i),
        "Minat replikasi dibatalkan.",
    )
