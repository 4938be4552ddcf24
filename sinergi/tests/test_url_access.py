"""Every URL of the site (the admin and the API aside, which have their own tests) is either
public by decision, listed in PUBLIC with its reason, or sends an anonymous visitor to the
login page — for GET and for POST. A new page is private unless someone decides otherwise
here; a public page that starts requiring a login, or a private one that stops, fails.

The first part of issue #10's authorisation matrix; the rows per role and region follow.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "core:home": "the landing page for visitors",
    "core:health": "load balancers and monitoring; tells nothing about data",
    "accounts:login": "signing in",
    "accounts:logout": "signing out (POST only): without a session it does nothing",
    "accounts:password_reset": "forgotten password",
    "accounts:password_reset_done": "forgotten password",
    "accounts:password_reset_confirm": "forgotten password (token in the URL)",
    "accounts:password_reset_complete": "forgotten password",
    "portal:index": "public portal",
    "portal:list": "public portal",
    "portal:export": "public portal",
    "portal:detail": "public portal (public agreements only)",
    "portal:innovations": "public portal",
    "portal:innovation": "public portal (published innovations only)",
    "portal:innovation_file": "public portal (files of published innovations only)",
    "portal:map": "public portal",
    "portal:map_data": "public portal",
    "portal:region": "public portal",
    "datasets:index": "open data",
    "datasets:dictionary": "open data",
    "datasets:download": "open data",
    "maps:boundaries": "region boundaries are public reference data (the portal's map)",
}
SKIPPED_NAMESPACES = ("admin", "api-v1")
SAMPLE = {  # a value per parameter name: any object, existing or not, must not be reachable
    "code": "64.72",
    "fmt": "csv",
    "slug": "kerja-sama",
    "action": "ajukan",
    "uidb64": "MQ",
    "token": "set-password",
    "indicator": "K-KES-04-P",
}


def _patterns(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _patterns(entry.url_patterns, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry.pattern


def _kwargs(pattern: Any) -> dict[str, Any]:
    names = list(getattr(pattern, "converters", {}) or {}) or list(
        pattern.regex.groupindex if hasattr(pattern, "regex") else []
    )
    return {name: SAMPLE.get(name, 1) for name in names}


def site_urls() -> list[tuple[str, str]]:
    found = []
    for name, pattern in _patterns(get_resolver().url_patterns):
        if name.split(":")[0] in SKIPPED_NAMESPACES:
            continue
        found.append((name, reverse(name, kwargs=_kwargs(pattern))))
    return found


def test_the_public_list_names_only_existing_urls() -> None:
    names = {name for name, _ in site_urls()}
    assert set(PUBLIC) <= names


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_private_urls_send_visitors_to_the_login_and_public_ones_do_not(
    method: str, reference_data: None
) -> None:
    client = Client()
    wrong = []
    for name, url in site_urls():
        response = getattr(client, method)(url)
        # 401: a JSON endpoint refusing a visitor (no redirect to a page for a script)
        to_login = response.status_code == 401 or (
            response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
        )
        if name in PUBLIC and to_login:
            wrong.append(f"{name} {url}: public, but asks for a login")
        if name not in PUBLIC and not to_login and response.status_code != 405:
            # 405: a POST-only view refusing the GET (or a GET-only one the POST) before the
            # login check, without running anything.
            wrong.append(f"{name} {url}: {response.status_code} without a login")
    assert wrong == []
