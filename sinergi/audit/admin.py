from django.contrib import admin

from sinergi.audit.models import AuditEntry
from sinergi.core.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The trail can be searched, never edited or removed."""

    list_display = ["created_at", "actor_label", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_label", "object_id"]
    date_hierarchy = "created_at"
