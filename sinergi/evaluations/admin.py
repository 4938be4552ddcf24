from django.contrib import admin

from sinergi.evaluations.models import AnnualReport, Criterion


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    """The rubric is configurable: weights, guidance, order and whether a line is in use.

    New evaluations take the criteria in use; final ones keep the scores they had."""

    list_display = ["order", "name", "code", "source", "weight", "active"]
    list_display_links = ["name"]
    list_editable = ["order", "weight", "active"]
    list_filter = ["source", "active"]
    search_fields = ["name", "code"]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    """For operators: see failed runs and their error; reports are requested on the page."""

    list_display = ["region", "year", "state", "progress", "requested_by", "requested_at"]
    list_filter = ["state", "year"]
    readonly_fields = [f.name for f in AnnualReport._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
