from django.contrib import admin

from sinergi.spm.models import Band, Entry, Field, FieldValue, Indicator, Scheme, ServiceType


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


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "quarter", "indicator", "target_population", "served"]
    list_filter = ["year", "quarter", "is_demo", "indicator__service__field"]
    search_fields = ["region__code", "region__name", "indicator__code"]
    raw_id_fields = ["region", "indicator", "entered_by"]


@admin.register(FieldValue)
class FieldValueAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "field", "value", "source"]
    list_filter = ["year", "field"]
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region", "entered_by"]
