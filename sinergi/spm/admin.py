from django.contrib import admin

from sinergi.spm.models import Band, Field, Indicator, Scheme, ServiceType


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "affair", "order"]


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "field", "level", "verified"]
    list_filter = ["field", "level", "verified"]
    search_fields = ["code", "name"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "service"]
    list_filter = ["kind", "service__field"]
    search_fields = ["code", "name"]


class BandInline(admin.TabularInline):
    model = Band
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    """The weights, bands and completeness thresholds: configuration with its source."""

    list_display = ["code", "name", "recipients_weight", "quality_weight", "is_default"]
    inlines = [BandInline]
