"""The personal work queue of early warnings (/peringatan/), with its export."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse

from sinergi.alerts.models import Warning
from sinergi.alerts.selectors import counts_by_kind, queue_rows, warnings_for_user
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest, render_page_or_partial

PAGE_SIZE = 25
EXPORT_HEADERS = [
    "jenis",
    "kerja_sama",
    "nomor",
    "wilayah_pencatat",
    "peringatan",
    "langkah_berikutnya",
    "tanggal_acuan",
    "muncul_sejak",
]


def _kind(request: AuthedRequest) -> str:
    kind = request.GET.get("jenis", "")
    return kind if kind in Warning.Kind.values else ""


@login_required
def queue(request: AuthedRequest) -> HttpResponse:
    kind = _kind(request)
    mine = warnings_for_user(user=request.user)
    counts = counts_by_kind(mine)
    shown = queue_rows(mine.filter(kind=kind) if kind else mine)
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "kind": kind,
        "kinds": [(value, label, counts.get(value, 0)) for value, label in Warning.Kind.choices],
        "total": sum(counts.values()),
    }
    return render_page_or_partial(request, "alerts/queue.html", "alerts/_table.html", context)


@login_required
def export(request: AuthedRequest, fmt: str) -> HttpResponse:
    warnings = queue_rows(warnings_for_user(user=request.user, kind=_kind(request)))
    rows = (
        (
            w.get_kind_display(),
            w.agreement.title,
            w.agreement.number,
            w.agreement.owner_region.name,
            w.message,
            w.next_step,
            w.due_date,
            w.first_seen,
        )
        for w in warnings.iterator(chunk_size=500)
    )
    return table_response(fmt, "peringatan-dini", EXPORT_HEADERS, rows)
