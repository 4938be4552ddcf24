from typing import Any

from django.conf import settings
from django.http import HttpRequest

from sinergi.accounts.scope import visible_regions
from sinergi.accounts.services import active_region_for


def can_see_audit(user: Any) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == "admin_provinsi")


def scope(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    context: dict[str, Any] = {"demo_mode": settings.DEMO_MODE}
    if not user.is_authenticated:
        return context
    context["active_region"] = active_region_for(request)
    context["can_see_audit"] = can_see_audit(user)
    # Managers register webhooks (no query: the role says it).
    context["can_manage_integrations"] = user.is_superuser or user.role in {
        "admin_provinsi",
        "tkksd",
    }
    if getattr(user, "role", "") == "admin_provinsi":
        context["switchable_regions"] = list(visible_regions(user))
    return context
