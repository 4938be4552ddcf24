"""`{% load agreement_tags %}{% status_badge agreement %}`: the status as of today, with
"akan berakhir" when it ends within 90 days. A tag, not an include: list pages show it on
every row, and an include per row costs more than the rest of the row."""

from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from sinergi.agreements.models import Status

register = template.Library()
ENDS_SOON = mark_safe(' <span class="badge text-bg-warning">akan berakhir</span>')


@register.simple_tag
def status_badge(agreement: Any) -> SafeString:
    today = timezone.localdate()
    status = agreement.current_status(today)
    badge = format_html('<span class="badge status-{}">{}</span>', status, Status(status).label)
    if agreement.ends_soon(today):
        badge += ENDS_SOON
    return badge
