"""API authentication by personal token, and the rate limit per token.

`Authorization: Bearer snrg_…` makes the request act as the token's user: the same role and
region checks as the web interface run in every operation (`core.http.api_user`). A read-only
token is refused (403) on any method that writes.
"""

import math
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from sinergi.audit.context import set_actor
from sinergi.audit.middleware import client_ip
from sinergi.tokens import services

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
WINDOW = 60  # seconds: the limits are per minute


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = services.token_for(token)
        if found is None:
            return None
        if request.method not in SAFE_METHODS and not found.can_write:
            raise PermissionDenied(
                "Token ini hanya untuk membaca (cakupan 'baca'); buat token 'baca_tulis'."
            )
        request.api_token = found  # type: ignore[attr-defined]
        set_actor(found.user, client_ip(request))  # changes made with it are audited as its user
        return found.user


class ApiRateThrottle(BaseThrottle):
    """A fixed one-minute window per token (SINERGI_API_RATE), and per address for the
    endpoints open without signing in (SINERGI_API_ANON_RATE). Signed-in browser sessions are
    not limited here (the login itself is). Counters live in the cache: use a shared cache
    (database or Redis) when several server processes run."""

    def allow_request(self, request: HttpRequest) -> bool:
        identity = self._identity(request)
        if identity is None:
            return True
        key, limit = identity
        window = int(time.time() // WINDOW)
        cache_key = f"api-rate:{key}:{window}"
        cache.add(cache_key, 0, WINDOW + 5)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, WINDOW + 5)
            count = 1
        return count <= limit

    def wait(self) -> float:
        # Until the window turns; computed again rather than kept (one instance serves all).
        return max(1.0, math.ceil(WINDOW - time.time() % WINDOW))

    def _identity(self, request: HttpRequest) -> tuple[str, int] | None:
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"token:{token.pk}", settings.SINERGI_API_RATE
        if getattr(request, "auth", None) is None:  # no session either: an open endpoint
            return f"ip:{client_ip(request)}", settings.SINERGI_API_ANON_RATE
        return None
