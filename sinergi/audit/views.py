from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from sinergi.accounts.context_processors import can_see_audit
from sinergi.accounts.scope import visible_regions
from sinergi.audit.models import AuditEntry
from sinergi.core.exports import table_response
from sinergi.core.http import AuthedRequest


def _entries_for(request: AuthedRequest):
    if not can_see_audit(request.user):
        raise PermissionDenied("Jejak audit hanya untuk admin.")
    entries = AuditEntry.objects.select_related("actor", "content_type")
    if not request.user.is_superuser:
        entries = entries.filter(region__in=visible_regions(request.user))
    action = request.GET.get("tindakan", "")
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    return entries


@login_required
def entry_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(_entries_for(request), 50).get_page(request.GET.get("halaman"))
    return render(request, "audit/list.html", {"page": page, "actions": AuditEntry.Action.choices})


@login_required
def entry_export(request: AuthedRequest) -> HttpResponse:
    rows = (
        (
            e.created_at.isoformat(),
            e.actor_label,
            e.get_action_display(),
            e.content_type.name,
            e.object_repr,
            e.changes,
        )
        for e in _entries_for(request)[:20000]
    )
    headers = ["waktu", "pelaku", "tindakan", "jenis", "objek", "perubahan"]
    return table_response("csv", "jejak-audit", headers, rows)
