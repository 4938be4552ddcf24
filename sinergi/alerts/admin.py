from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sinergi.alerts.models import Warning, WarningRun
from sinergi.core.admin import ReadOnlyAdmin


@admin.register(Warning)
class WarningAdmin(ReadOnlyAdmin):
    """Computed by the daily job (`send_warnings`): for support staff to look up, never edit."""

    list_display = ["message", "kind", "agreement", "due_date", "first_seen", "last_seen"]
    list_filter = ["kind", ("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["agreement__title", "agreement__number", "key"]
    date_hierarchy = "first_seen"
    raw_id_fields = ["agreement"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("agreement")


@admin.register(WarningRun)
class WarningRunAdmin(ReadOnlyAdmin):
    """One row per daily run: that it ran, when it finished and what it did."""

    list_display = ["run_on", "started_at", "finished_at", "opened", "resolved", "emails"]
    date_hierarchy = "run_on"
