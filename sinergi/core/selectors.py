from typing import Any

from django.db.models import Count
from django.utils import timezone

from sinergi.accounts.scope import manageable_regions, visible_regions
from sinergi.agencies.models import Agency
from sinergi.agreements.models import ENDING_SOON_DAYS, PIPELINE_STATUSES, Agreement
from sinergi.alerts.selectors import open_warning_count
from sinergi.audit.models import AuditEntry
from sinergi.monitoring.selectors import awaiting_count
from sinergi.planning.models import AgreementFlag


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
        "flag_counts": flag_counts(agreements),
        "warning_count": open_warning_count(user),
        "review_count": awaiting_count(user=user),
        "can_manage": manageable_regions(user).exists(),
        "recent_changes": AuditEntry.objects.filter(region__in=regions).select_related("actor")[:8],
    }


def flag_counts(agreements: Any) -> list[tuple[str, str, int]]:
    """(code, label, number of agreements) for each planning flag, in the flags' order."""
    rows = (
        AgreementFlag.objects.filter(agreement__in=agreements.values("pk"))
        .values_list("code")
        .annotate(n=Count("agreement", distinct=True))
    )
    found = dict(rows)
    return [(code, label, found.get(code, 0)) for code, label in AgreementFlag.Code.choices]
