from django.contrib import admin

from sinergi.affairs.models import Affair


@admin.register(Affair)
class AffairAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group"]
    list_filter = ["group"]
    search_fields = ["code", "name"]
