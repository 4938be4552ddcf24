from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sinergi.agreements.models import Agreement, MilestoneTemplate, Organization
from sinergi.core.admin import ReadOnlyAdmin


@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(admin.ModelAdmin):
    """The SOP control points each region may adjust: what, who, within how many days."""

    list_display = ["stage", "order", "name", "kind", "responsible", "due_days"]
    list_filter = ["stage", "kind"]
    list_editable = ["due_days", "responsible"]
    search_fields = ["name", "responsible"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    """For support staff to look things up; every change goes through the app's services."""

    list_display = ["title", "doc_type", "kind", "status", "owner_region", "signed_on"]
    list_filter = ["doc_type", "kind", "status"]
    search_fields = ["title", "number", "owner_region__name"]
    list_select_related = ["owner_region"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return Agreement.all_objects.select_related("owner_region")
