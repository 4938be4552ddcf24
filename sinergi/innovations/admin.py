from django.contrib import admin

from sinergi.core.admin import ReadOnlyAdmin
from sinergi.innovations.models import Innovation, ReplicationInterest


@admin.register(Innovation)
class InnovationAdmin(ReadOnlyAdmin):
    """For operators: innovations are written on the pages, where the rules are checked."""

    list_display = ["name", "region", "affair", "maturity", "status", "published_at"]
    list_filter = ["status", "maturity", "kind"]
    search_fields = ["name", "region__name", "region__code"]
    exclude = ["vector"]


@admin.register(ReplicationInterest)
class ReplicationInterestAdmin(ReadOnlyAdmin):
    list_display = ["innovation", "region", "letter_number", "status", "decided_at", "agreement"]
    list_filter = ["status"]
    search_fields = ["letter_number", "innovation__name", "region__name"]
