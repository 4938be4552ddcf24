from typing import Any

from sinergi.accounts.scope import manageable_regions, visible_regions
from sinergi.agencies.models import Agency
from sinergi.audit.models import AuditEntry


def home_summary(*, user: Any) -> dict[str, Any]:
    """Counts and recent changes inside the user's scope for the home page."""
    regions = visible_regions(user)
    return {
        "region_count": regions.count(),
        "agency_count": Agency.objects.filter(region__in=regions).count(),
        "can_manage": manageable_regions(user).exists(),
        "recent_changes": AuditEntry.objects.filter(region__in=regions).select_related("actor")[:8],
    }
