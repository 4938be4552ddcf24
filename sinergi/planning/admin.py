"""Admin of planning: the authority map is edited here (the nomenclature comes from imports)."""

from django.contrib import admin

from sinergi.planning.models import AuthorityRule, NomenclatureVersion


@admin.register(AuthorityRule)
class AuthorityRuleAdmin(admin.ModelAdmin):
    list_display = ("affair", "level", "authority", "source")
    list_filter = ("level", "authority")
    search_fields = ("affair__code", "affair__name", "note", "source")
    list_select_related = ("affair",)


@admin.register(NomenclatureVersion)
class NomenclatureVersionAdmin(admin.ModelAdmin):
    """Read-only: a version is what was imported; a wrong one is replaced by a newer import."""

    list_display = ("year", "label", "source_name", "rows", "duplicates", "created_at")
    list_filter = ("year",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
