"""`{% load sinergi_alerts %}{% open_warning_badge %}`: the user's open-warning count as a
badge linking to the work queue (nothing when there is none)."""

from typing import Any

from django import template

from sinergi.alerts.selectors import open_warning_count

register = template.Library()


@register.inclusion_tag("alerts/_count.html", takes_context=True)
def open_warning_badge(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    count = open_warning_count(user) if user is not None else 0
    return {"warning_count": count}
