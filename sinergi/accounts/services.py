from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from sinergi.accounts.models import LoginAttempt


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()[:150]


def login_is_locked(*, username: str) -> bool:
    """Locked when the last N attempts inside the window all failed."""
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    recent = list(
        LoginAttempt.objects.filter(username=normalise_username(username), at__gte=since)
        .order_by("-at")
        .values_list("succeeded", flat=True)[: settings.LOGIN_MAX_FAILURES]
    )
    return len(recent) >= settings.LOGIN_MAX_FAILURES and not any(recent)


def login_record(*, username: str, ip: str | None, succeeded: bool) -> LoginAttempt:
    return LoginAttempt.objects.create(
        username=normalise_username(username), ip=ip, succeeded=succeeded
    )


def active_region_for(request: Any) -> Any:
    """The region a province admin is working on (region switcher); others: their own region."""
    from sinergi.accounts.scope import visible_regions

    user = request.user
    if not user.is_authenticated:
        return None
    chosen = request.session.get("active_region_code")
    if chosen:
        region = visible_regions(user).filter(code=chosen).first()
        if region is not None:
            return region
    return user.region
