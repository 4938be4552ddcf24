"""SPM pages: a region's index with its drill-down and the completeness table (`index`), and
the template download and import (`import_upload`, `import_template`)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sinergi.accounts.scope import can_manage_region, manageable_regions, visible_regions
from sinergi.agreements.permissions import proposable_regions
from sinergi.core.errors import DomainError
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, attachment
from sinergi.core.tables import ensure_upload_size
from sinergi.core.uploads import sniff_document
from sinergi.regions.models import Region
from sinergi.spm.comparison import Comparison, comparison
from sinergi.spm.forms import FIELD_INDICES, EntryForm, PeriodForm, UploadForm
from sinergi.spm.imports import (
    spm_entries_import,
    spm_field_template_xlsx,
    spm_field_values_import,
    spm_template_xlsx,
)
from sinergi.spm.models import Entry, Field, Indicator
from sinergi.spm.selectors import (
    completeness,
    index_trend,
    region_index,
    spm_region_get_for_user,
)
from sinergi.spm.services import spm_entry_save
from sinergi.spm.suggestions import suggestions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    regions = visible_regions(request.user).defer("boundary")
    year = _year(request.GET.get("tahun", ""))
    code = request.GET.get("wilayah") or (request.user.region.code if request.user.region else "")
    region = spm_region_get_for_user(user=request.user, code=code) if code else None
    result = region_index(region=region, year=year) if region else None
    names = dict(Field.objects.values_list("code", "name"))
    context = {
        "regions": regions.order_by("code"),
        "year": year,
        "region": region,
        "result": result,
        "trend": index_trend(region=region, year=year) if region else [],
        "demo": Entry.objects.filter(region=region, year=year, is_demo=True).exists(),
        "suggestions": suggestions(user=request.user, region=region, year=year) if region else [],
        "can_propose": proposable_regions(request.user).exists(),
        "field_rows": [(names[c], v) for c, v in result.fields.items()] if result else [],
        "completeness": completeness(regions=_around(regions, region), year=year),
        "can_import": manageable_regions(request.user).exists(),
        "can_enter": region is not None and can_manage_region(request.user, region),
        "entry_quarter": _quarter_to_enter(year),
    }
    return render(request, "spm/index.html", context)


def _around(regions: Any, region: Region | None) -> Any:
    """The visible regions of the chosen region's province (the completeness table): the
    whole country would be 2,000 cells."""
    if region is None:
        return regions.none()
    province = region if region.level == Region.Level.PROVINCE else region.parent
    return regions.filter(Q(pk=province.pk) | Q(parent=province)) if province else regions.none()


def _quarter_to_enter(year: int) -> int:
    """The quarter an indicator link opens: this quarter for this year, else the fourth."""
    today = timezone.localdate()
    return (today.month - 1) // 3 + 1 if year == today.year else 4


def _year(text: str) -> int:
    this_year = timezone.localdate().year
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else this_year


@login_required
def import_upload(request: AuthedRequest) -> HttpResponse:
    if not manageable_regions(request.user).exists():
        raise PermissionDenied("Anda tidak berwenang mengisi capaian SPM.")
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        importer = (
            spm_field_values_import
            if form.cleaned_data["jenis"] == FIELD_INDICES
            else spm_entries_import
        )
        try:
            ensure_upload_size(upload.size)
            result = importer(user=request.user, data=upload.read())
        except DomainError as exc:
            form.add_error("file", exc.message)
    context = {"form": form, "period": PeriodForm(), "result": result}
    return render(request, "spm/import.html", context, status=400 if _failed(result) else 200)


def _failed(result: object) -> bool:
    return bool(getattr(result, "errors", None))


@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    period = PeriodForm(request.GET)
    if not period.is_valid():
        return HttpResponse("Tahun atau triwulan tidak sah.", status=400)
    year, quarter = period.cleaned_data["tahun"], period.cleaned_data["triwulan"]
    if request.GET.get("jenis") == FIELD_INDICES:
        data = spm_field_template_xlsx(user=request.user, year=year)
        name = f"templat-indeks-bidang-spm-{year}.xlsx"
    else:
        data = spm_template_xlsx(user=request.user, year=year, quarter=quarter)
        name = f"templat-spm-{year}-tw{quarter}.xlsx"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


COMPARISON_HEADERS = ["peringkat", "kode_wilayah", "nama_wilayah", "tingkat", "indeks", "kategori"]


@login_required
def comparison_view(request: AuthedRequest) -> HttpResponse:
    year = _year(request.GET.get("tahun", ""))
    found = comparison(regions=visible_regions(request.user).defer("boundary"), year=year)
    names = dict(Field.objects.values_list("code", "name"))
    gaps = [
        (gap, [(names[code], diff) for code, diff in gap.by_field.items() if diff is not None])
        for gap in found.gaps
    ]
    return render(request, "spm/comparison.html", {"found": found, "gaps": gaps})


@login_required
def comparison_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    year = _year(request.GET.get("tahun", ""))
    found = comparison(regions=visible_regions(request.user).defer("boundary"), year=year)
    return table_response(fmt, f"perbandingan-spm-{year}", COMPARISON_HEADERS, _rows(found))


def _rows(found: Comparison) -> list[list[object]]:
    return [
        [
            number,
            item.region.code,
            item.region.name,
            item.region.get_level_display(),
            item.result.index,
            item.result.category or "",
        ]
        for number, item in enumerate(found.ranking, start=1)
    ]


@login_required
def entry_edit(
    request: AuthedRequest, code: str, year: int, quarter: int, indicator: str
) -> HttpResponse:
    region = spm_region_get_for_user(user=request.user, code=code)
    if not can_manage_region(request.user, region):
        # A form nobody could save: read-only roles see the figures on the SPM page.
        raise PermissionDenied("Anda tidak berwenang mengisi capaian SPM wilayah ini.")
    found = Indicator.objects.select_related("service").filter(code=indicator).first()
    if found is None:
        raise Http404("Indikator tidak ditemukan.")
    entry = Entry.objects.filter(region=region, year=year, quarter=quarter, indicator=found).first()
    form = EntryForm(request.POST or None, request.FILES or None, initial=_entry_initial(entry))
    if request.method == "POST" and form.is_valid():
        try:
            spm_entry_save(
                user=request.user, region=region, year=year, quarter=quarter,
                indicator=found, data=form.to_input(), evidence=form.cleaned_data["evidence"],
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Capaian {found.code} triwulan {quarter} tersimpan.")
            return redirect(f"{reverse('spm:index')}?wilayah={region.code}&tahun={year}")
    context = {"form": form, "region": region, "year": year, "quarter": quarter,
               "indicator": found, "entry": entry}  # fmt: skip
    return render(request, "spm/entry.html", context)


def _entry_initial(entry: Entry | None) -> dict[str, object]:
    if entry is None:
        return {}
    return {
        "target_population": entry.target_population,
        "served": entry.served,
        "score": entry.score,
        "notes": entry.notes,
    }


@login_required
def entry_evidence(request: AuthedRequest, pk: int) -> FileResponse:
    entry = Entry.objects.filter(pk=pk).select_related("region", "indicator").first()
    if entry is None or not entry.evidence:
        raise Http404("Bukti tidak ditemukan.")
    spm_region_get_for_user(user=request.user, code=entry.region.code)  # scope check
    content_type, extension = sniff_document(entry.evidence.open("rb").read(16))
    name = f"bukti-spm-{entry.region.code}-{entry.year}-tw{entry.quarter}-{entry.indicator.code}"
    return attachment(entry.evidence, f"{name}.{extension}", content_type)
