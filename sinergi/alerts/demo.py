"""Demo data of the early warnings: computed by the daily job's own refresh, not invented.

Call `seed_demo` after the other apps' demo data (reports, budget, obligations), so the
warnings reflect them. No e-mail is sent: the demo accounts' addresses are not real.
"""

from typing import Any

from django.utils import timezone

from sinergi.agreements.models import Agreement
from sinergi.alerts.services import warnings_refresh


def seed_demo(agreements: list[Agreement], users: dict[str, Any]) -> None:
    """Compute today's warnings for every agreement (the demo ones among them)."""
    warnings_refresh(today=timezone.localdate())
