from typing import Any

from django.utils import timezone

from sinergi.accounts.scope import manageable_regions, visible_regions
from sinergi.agencies.models import Agency
from sinergi.agreements.models import ENDING_SOON_DAYS, PIPELINE_STATUSES, Agreement
from sinergi.alerts.selectors import open_warning_count
from sinergi.audit.models import AuditEntry
from sinergi.monitoring.selectors import awaiting_review


def home_summary(*, user: Any) -> dict[str, Any]:
    """Counts and recent changes inside the user's scope for the home page."""
    regions = visible_regions(user)
    agreements = Agreement.objects.visible_to_regions(regions)
    today = timezone.localdate()
    return {
        "active_count": agreements.active(today).count(),
        "ending_count": agreements.ending_within(ENDING_SOON_DAYS, today).count(),
        "pipeline_count": agreements.filter(status__in=PIPELINE_STATUSES).count(),
        "region_count": regions.count(),
        "agency_count": Agency.objects.filter(region__in=regions).count(),
        "warning_count": open_warning_count(user),
        "review_count": awaiting_review(user=user).count(),
        "can_manage": manageable_regions(user).exists(),
        "recent_changes": AuditEntry.objects.filter(region__in=regions).select_related("actor")[:8],
    }
