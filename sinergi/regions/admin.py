from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sinergi.core.admin import ReadOnlyAdmin
from sinergi.regions.models import Region, RegionBorder


class RegionBorderInline(admin.TabularInline):
    """A region's neighbours, for reading: `load_boundaries` recomputes them from the polygons."""

    model = RegionBorder
    fk_name = "region"
    fields = ["neighbour", "source"]
    readonly_fields = ["neighbour", "source"]
    extra = 0
    can_delete = False
    verbose_name = "wilayah yang berbatasan"
    verbose_name_plural = "wilayah yang berbatasan"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "is_border", "is_underdeveloped"]
    list_filter = ["level", "kind", "is_border", "is_underdeveloped"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "level", "parent", "boundary_source"]
    exclude = ["boundary"]  # megabytes of JSON: loaded with `load_boundaries`, not edited here
    inlines = [RegionBorderInline]


@admin.register(RegionBorder)
class RegionBorderAdmin(ReadOnlyAdmin):
    """Every computed pair (both directions), to check a border or its source file."""

    list_display = ["region", "neighbour", "source"]
    list_filter = ["region__level"]
    search_fields = ["region__code", "region__name", "neighbour__code", "neighbour__name"]
    list_select_related = ["region", "neighbour"]
    ordering = ["region__code", "neighbour__code"]
