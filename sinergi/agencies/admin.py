from django.contrib import admin

from sinergi.agencies.models import Agency, AgencyImport


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "region", "is_demo"]
    list_filter = ["kind", "is_demo", "region__parent"]
    search_fields = ["name", "short_name", "region__name", "region__code"]
    autocomplete_fields = ["region"]
    filter_horizontal = ["affairs"]

    def get_queryset(self, request):
        return Agency.objects.select_related("region")

    def has_delete_permission(self, request, obj=None):
        # Deletion is a soft delete in the app (restorable, audited), never a purge here.
        return False


@admin.register(AgencyImport)
class AgencyImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "created_by", "status", "created_count", "created_at"]
    readonly_fields = [
        "created_by",
        "file_name",
        "file_sha256",
        "status",
        "rows",
        "created_count",
        "applied_at",
    ]
