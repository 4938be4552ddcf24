from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from sinergi.accounts.models import LoginAttempt, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "region", "is_active"]
    list_filter = ["role", "is_active", "is_demo", "region__parent"]
    autocomplete_fields = ["region", "agency"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Peran dan wilayah", {"fields": ("role", "region", "agency", "position", "phone")}),
    )
    add_fieldsets = (
        *(BaseUserAdmin.add_fieldsets or ()),
        ("Peran dan wilayah", {"fields": ("role", "region", "agency")}),
    )


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ["username", "ip", "succeeded", "at"]
    list_filter = ["succeeded"]
    search_fields = ["username", "ip"]
