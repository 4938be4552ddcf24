from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sinergi.core.models import ReferenceDataLoad


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that only the system writes: they can be searched, never edited."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReferenceDataLoad)
class ReferenceDataLoadAdmin(ReadOnlyAdmin):
    """Which version of each reference data set is loaded, and when. Written by commands only."""

    list_display = ["dataset", "version", "rows", "source", "loaded_at"]
    list_filter = ["dataset"]
