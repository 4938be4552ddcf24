from django.contrib import admin

from sinergi.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "is_border", "is_underdeveloped"]
    list_filter = ["level", "kind", "is_border", "is_underdeveloped"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "level", "parent", "boundary_source"]
    exclude = ["boundary"]  # megabytes of JSON: loaded with `load_boundaries`, not edited here
