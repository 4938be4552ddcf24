"""Pages of follow-up monitoring. Every page about an agreement starts from
`agreement_get_for_user` (404 outside the user's regions); the services check the rest."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sinergi.accounts.scope import manageable_regions, visible_regions
from sinergi.agreements.models import Agreement
from sinergi.agreements.selectors import agreement_get_for_user
from sinergi.core.errors import DomainError
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, attachment, is_htmx, render_page_or_partial
from sinergi.core.uploads import sniff_document
from sinergi.monitoring import selectors, services
from sinergi.monitoring.forms import (
    CommentForm,
    EvidenceForm,
    FulfilForm,
    IndicatorForm,
    ObligationForm,
    ReportForm,
    TransitionForm,
    indicator_initial,
    obligation_initial,
    report_initial,
)
from sinergi.monitoring.models import MonitoringReport
from sinergi.monitoring.permissions import (
    can_act_for_party,
    can_edit_report,
    can_manage_followup,
    can_review,
    can_write_reports,
)

PAGE_SIZE = 25


# --- the agreement's monitoring page --------------------------------------------------------


@login_required
def agreement_monitoring(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    today = timezone.localdate()
    context = {
        "agreement": agreement,
        "today": today,
        "parties": selectors.obligations_by_party(user=request.user, agreement=agreement),
        "indicators": selectors.indicator_rows(agreement),
        "reports": agreement.reports.select_related("author"),
        "schedule": selectors.schedule_for(agreement, today),
        "can_manage": can_manage_followup(request.user, agreement),
        "can_write": can_write_reports(request.user, agreement)
        and agreement.current_status() in services.REPORTABLE,
        "fulfil_form": FulfilForm(),
    }
    return render(request, "monitoring/agreement.html", context)


def _back(agreement: Agreement) -> HttpResponse:
    return redirect("monitoring:agreement", pk=agreement.pk)


def _form_page(
    request: AuthedRequest,
    agreement: Agreement,
    form: Any,
    title: str,
    save: Callable[[], Any],
) -> HttpResponse:
    """A small create/edit form: save on a valid POST, else show the form with its errors."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Tersimpan.")
            return _back(agreement)
    context = {"agreement": agreement, "form": form, "title": title}
    return render(request, "monitoring/simple_form.html", context)


def _require_manager(request: AuthedRequest, agreement: Agreement) -> None:
    if not can_manage_followup(request.user, agreement):
        raise PermissionDenied("Anda tidak berwenang mengelola data monev kerja sama ini.")


# --- obligations ----------------------------------------------------------------------------


@login_required
def obligation_create(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    _require_manager(request, agreement)
    form = ObligationForm(request.POST or None, agreement=agreement)

    def save() -> Any:
        data = form.to_input()
        return services.obligation_create(user=request.user, agreement=agreement, data=data)

    return _form_page(request, agreement, form, "Tambah hak/kewajiban", save)


@login_required
def obligation_edit(request: AuthedRequest, pk: int, obligation_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    _require_manager(request, agreement)
    obligation = selectors.obligation_get(agreement=agreement, pk=obligation_pk)
    form = ObligationForm(
        request.POST or None, agreement=agreement, initial=obligation_initial(obligation)
    )

    def save() -> Any:
        data = form.to_input()
        return services.obligation_update(user=request.user, obligation=obligation, data=data)

    return _form_page(request, agreement, form, "Ubah hak/kewajiban", save)


@require_POST
@login_required
def obligation_delete(request: AuthedRequest, pk: int, obligation_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    obligation = selectors.obligation_get(agreement=agreement, pk=obligation_pk)
    services.obligation_delete(user=request.user, obligation=obligation)
    messages.success(request, "Hak/kewajiban dihapus.")
    return _back(agreement)


def _obligation_answer(
    request: AuthedRequest, agreement: Agreement, obligation: Any, error: str = ""
) -> HttpResponse:
    """htmx gets the checklist row back; a plain form post goes back to the page."""
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return _back(agreement)
    context = {
        "agreement": agreement,
        "obligation": obligation,
        "can_act": can_act_for_party(request.user, obligation.party),
        "can_manage": can_manage_followup(request.user, agreement),
        "fulfil_form": FulfilForm(),
        "today": timezone.localdate(),
        "error": error,
    }
    return render(request, "monitoring/_obligation.html", context)


@require_POST
@login_required
def obligation_fulfil(request: AuthedRequest, pk: int, obligation_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    obligation = selectors.obligation_get(agreement=agreement, pk=obligation_pk)
    form = FulfilForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        try:
            obligation = services.obligation_fulfil(
                user=request.user,
                obligation=obligation,
                evidence=form.cleaned_data["evidence"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            error = str(exc.message)
    else:
        error = "Periksa isian bukti dan catatan."
    return _obligation_answer(request, agreement, obligation, error)


@require_POST
@login_required
def obligation_reopen(request: AuthedRequest, pk: int, obligation_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    obligation = selectors.obligation_get(agreement=agreement, pk=obligation_pk)
    error = ""
    try:
        obligation = services.obligation_reopen(
            user=request.user, obligation=obligation, note=request.POST.get("note", "")
        )
    except DomainError as exc:
        error = str(exc.message)
    return _obligation_answer(request, agreement, obligation, error)


@login_required
def obligation_evidence(request: AuthedRequest, pk: int, obligation_pk: int) -> FileResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    obligation = selectors.obligation_get(agreement=agreement, pk=obligation_pk)
    if not obligation.evidence:
        raise Http404("Bukti tidak ditemukan.")
    head = obligation.evidence.open("rb").read(16)
    content_type, extension = sniff_document(head)
    name = f"bukti-kewajiban-{obligation.pk}.{extension}"
    return attachment(obligation.evidence, name, content_type)


# --- indicators -----------------------------------------------------------------------------


@login_required
def indicator_create(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    _require_manager(request, agreement)
    form = IndicatorForm(request.POST or None)

    def save() -> Any:
        data = form.to_input()
        return services.indicator_create(user=request.user, agreement=agreement, data=data)

    return _form_page(request, agreement, form, "Tambah indikator", save)


@login_required
def indicator_edit(request: AuthedRequest, pk: int, indicator_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    _require_manager(request, agreement)
    indicator = selectors.indicator_get(agreement=agreement, pk=indicator_pk)
    form = IndicatorForm(request.POST or None, initial=indicator_initial(indicator))

    def save() -> Any:
        data = form.to_input()
        return services.indicator_update(user=request.user, indicator=indicator, data=data)

    return _form_page(request, agreement, form, "Ubah indikator", save)


@require_POST
@login_required
def indicator_delete(request: AuthedRequest, pk: int, indicator_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    indicator = selectors.indicator_get(agreement=agreement, pk=indicator_pk)
    try:
        services.indicator_delete(user=request.user, indicator=indicator)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Indikator dihapus.")
    return _back(agreement)


# --- reports --------------------------------------------------------------------------------


def _report_form_page(
    request: AuthedRequest,
    agreement: Agreement,
    report: MonitoringReport | None,
    initial: dict[str, Any],
) -> HttpResponse:
    indicators = list(agreement.indicators.all())
    form = ReportForm(request.POST or None, initial=initial, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_report(request, agreement, report, form)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Laporan tersimpan sebagai draf.")
            return redirect("monitoring:report_detail", pk=agreement.pk, report_pk=saved.pk)
    context = {"agreement": agreement, "report": report, "form": form}
    return render(request, "monitoring/report_form.html", context)


def _save_report(
    request: AuthedRequest, agreement: Agreement, report: MonitoringReport | None, form: ReportForm
) -> MonitoringReport:
    data = form.to_input()
    if report is None:
        return services.report_create(user=request.user, agreement=agreement, data=data)
    version = form.cleaned_data.get("version") or 0
    return services.report_update(
        user=request.user, report=report, expected_version=version, data=data
    )


@login_required
def report_create(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    if not can_write_reports(request.user, agreement):
        raise PermissionDenied("Anda tidak berwenang menyusun laporan monev kerja sama ini.")
    due = selectors.schedule.next_due(agreement, timezone.localdate())
    initial = {"period_start": due.start, "period_end": due.end} if due else {}
    return _report_form_page(request, agreement, None, initial)


@login_required
def report_edit(request: AuthedRequest, pk: int, report_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    report = selectors.report_get_for_user(user=request.user, pk=report_pk, agreement=agreement)
    if not can_edit_report(request.user, report):
        raise PermissionDenied("Laporan ini tidak dapat Anda ubah pada statusnya sekarang.")
    return _report_form_page(request, agreement, report, report_initial(report))


@login_required
def report_detail(request: AuthedRequest, pk: int, report_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    report = selectors.report_get_for_user(user=request.user, pk=report_pk, agreement=agreement)
    user = request.user
    realisations = {r.indicator_id: r for r in report.realisations.all()}
    rows = [
        (i, realisations.get(i.pk), i.achievement_percent(_value(realisations.get(i.pk))))
        for i in agreement.indicators.all()
    ]
    context = {
        "agreement": agreement,
        "report": report,
        "rows": rows,
        "evidence": report.evidence.select_related("uploaded_by"),
        "comments": report.comments.select_related("author"),
        "can_edit": can_edit_report(user, report),
        "can_review": can_review(user, report) and report.state == report.State.SUBMITTED,
        "can_comment": can_write_reports(user, agreement) or can_manage_followup(user, agreement),
        "evidence_form": EvidenceForm(),
        "comment_form": CommentForm(),
        "transition_form": TransitionForm(),
    }
    return render(request, "monitoring/report_detail.html", context)


def _value(realisation: Any) -> Any:
    return realisation.value if realisation else None


# Indonesian URL slugs of the report steps (see services.TRANSITIONS).
_ACTIONS = {"ajukan": "submit", "kembalikan": "return", "reviu": "review"}


@require_POST
@login_required
def report_transition(request: AuthedRequest, pk: int, report_pk: int, action: str) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    report = selectors.report_get_for_user(user=request.user, pk=report_pk, agreement=agreement)
    form = TransitionForm(request.POST)
    if action not in _ACTIONS or not form.is_valid():
        raise Http404("Langkah tidak dikenal.")
    try:
        services.report_transition(
            user=request.user,
            report=report,
            action=_ACTIONS[action],
            comment=form.cleaned_data["comment"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Status laporan diperbarui.")
    return redirect("monitoring:report_detail", pk=pk, report_pk=report_pk)


@require_POST
@login_required
def report_delete(request: AuthedRequest, pk: int, report_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    report = selectors.report_get_for_user(user=request.user, pk=report_pk, agreement=agreement)
    try:
        services.report_delete(user=request.user, report=report)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("monitoring:report_detail", pk=pk, report_pk=report_pk)
    messages.success(request, "Draf laporan dihapus.")
    return _back(agreement)


@require_POST
@login_required
def report_comment(request: AuthedRequest, pk: int, report_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    report = selectors.report_get_for_user(user=request.user, pk=report_pk, agreement=agreement)
    try:
        services.report_comment_add(
            user=request.user, report=report, body=request.POST.get("body", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("monitoring:report_detail", pk=pk, report_pk=report_pk)


@require_POST
@login_required
def evidence_upload(request: AuthedRequest, pk: int, report_pk: int) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    report = selectors.report_get_for_user(user=request.user, pk=report_pk, agreement=agreement)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Pilih berkas bukti.")
    else:
        try:
            services.report_evidence_add(
                user=request.user, report=report, upload=form.cleaned_data["file"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Bukti dilampirkan.")
    return redirect("monitoring:report_detail", pk=pk, report_pk=report_pk)


def _evidence(request: AuthedRequest, pk: int, report_pk: int, evidence_pk: int) -> Any:
    agreement = agreement_get_for_user(user=request.user, pk=pk)
    report = selectors.report_get_for_user(user=request.user, pk=report_pk, agreement=agreement)
    evidence = report.evidence.filter(pk=evidence_pk).first()
    if evidence is None:
        raise Http404("Berkas tidak ditemukan.")
    evidence.report = report
    return evidence


@login_required
def evidence_download(
    request: AuthedRequest, pk: int, report_pk: int, evidence_pk: int
) -> FileResponse:
    evidence = _evidence(request, pk, report_pk, evidence_pk)
    return attachment(evidence.file, evidence.original_name, evidence.content_type)


@require_POST
@login_required
def evidence_delete(
    request: AuthedRequest, pk: int, report_pk: int, evidence_pk: int
) -> HttpResponse:
    evidence = _evidence(request, pk, report_pk, evidence_pk)
    try:
        services.report_evidence_delete(user=request.user, evidence=evidence)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("monitoring:report_detail", pk=pk, report_pk=report_pk)


# --- reports across agreements --------------------------------------------------------------


def filters_from(request: AuthedRequest) -> selectors.ReportFilters:
    g = request.GET
    year = g.get("year", "").strip()
    return selectors.ReportFilters(
        state=g.get("state", "").strip(),
        year=int(year) if year.isdigit() else None,
        region=g.get("region", "").strip(),
    )


@login_required
def report_list(request: AuthedRequest) -> HttpResponse:
    reports = selectors.report_list(user=request.user, filters=filters_from(request))
    paginator = Paginator(reports, PAGE_SIZE)
    paginator.count = selectors.report_count(reports)
    page = paginator.get_page(request.GET.get("halaman"))
    is_reviewer = manageable_regions(request.user).exists()
    states = list(MonitoringReport.State.choices)
    if is_reviewer:
        states.append((selectors.AWAITING_MY_REVIEW, "Menunggu reviu saya"))
    context = {
        "page": page,
        "states": states,
        "regions": visible_regions(request.user).values_list("code", "name"),
        "awaiting": selectors.awaiting_count(user=request.user) if is_reviewer else 0,
    }
    return render_page_or_partial(
        request, "monitoring/reports.html", "monitoring/_reports_table.html", context
    )


EXPORT_HEADERS = [
    "id_laporan",
    "kerja_sama",
    "nomor",
    "wilayah_pencatat",
    "awal_periode",
    "akhir_periode",
    "status",
    "rekomendasi",
    "realisasi_anggaran",
    "kegiatan",
    "keluaran",
    "kendala",
    "penyusun",
    "diajukan_pada",
    "direviu_pada",
]


@login_required
def report_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    reports = selectors.report_list(user=request.user, filters=filters_from(request))
    rows = (
        (
            r.pk,
            r.agreement.title,
            r.agreement.number,
            r.agreement.owner_region.code,
            r.period_start,
            r.period_end,
            r.get_state_display(),
            r.get_recommendation_display() if r.recommendation else "",
            r.budget_realised,
            r.activities,
            r.outputs,
            r.obstacles,
            str(r.author or ""),
            _local(r.submitted_at),
            _local(r.reviewed_at),
        )
        for r in reports.iterator(chunk_size=500)
    )
    return table_response(fmt, "laporan-monev", EXPORT_HEADERS, rows)


def _local(moment: Any) -> Any:
    # Spreadsheets cannot hold time zones; the officers read local time.
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None
