"""Caching of the public pages: server side for anonymous visitors, and HTTP headers.

The portal's pages carry nothing about the user (their templates are rendered without the
request, see views.render_public), so one rendering serves every visitor. Still, only a
visitor without a session cookie reads or fills the page cache and gets `public` caching
headers: a signed-in user's response carries a renewed session cookie
(SESSION_SAVE_EVERY_REQUEST) and must never be stored by a shared cache.

Keys hold `data_version()`, which changes when a public agreement is published, edited,
withdrawn or deleted and every day; old entries simply expire.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from sinergi.portal.selectors import data_version

MAX_AGE = 300  # seconds, for browsers, proxies and the server-side page cache
_KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def is_anonymous_request(request: HttpRequest) -> bool:
    """No session cookie: decided without loading the session (which would add work and a
    `Vary: Cookie` from the session middleware for nothing)."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def request_version(request: HttpRequest) -> str:
    """`data_version()` once per request (the page key and the statistics both need it)."""
    version = getattr(request, "_portal_version", None)
    if version is None:
        version = data_version()
        request._portal_version = version  # type: ignore[attr-defined]
    return str(version)


def cached_value(request: HttpRequest, name: str, build: Callable[[], Any]) -> Any:
    """A value (statistics) cached under the data version; shared by every visitor."""
    key = f"portal:{name}:{request_version(request)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, MAX_AGE)
    return value


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET/HEAD only (POST → 405); cache the response per full URL for anonymous visitors."""

    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        anonymous = is_anonymous_request(request)
        if not anonymous:
            return _headers(view(request, *args, **kwargs), anonymous=False)
        key = _page_key(request)
        stored = cache.get(key)
        if stored is not None:
            return _headers(_rebuilt(stored), anonymous=True)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            headers = {h: response[h] for h in _KEPT_HEADERS if h in response}
            cache.set(key, (response.content, headers), MAX_AGE)
        return _headers(response, anonymous=True)

    return wrapper


def _page_key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"portal:page:{request_version(request)}:{path}"


def _rebuilt(stored: tuple[bytes, dict[str, str]]) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


def _headers(response: HttpResponse, *, anonymous: bool) -> HttpResponse:
    # Vary on Cookie always: a shared cache then keeps a signed-in user's request (with its
    # session cookie) apart from the anonymous entry, whatever it decides to store.
    patch_vary_headers(response, ["Cookie"])
    if response.status_code != 200:
        return response
    if anonymous:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response
