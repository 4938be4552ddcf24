"""HTTP caching of API reads: every successful GET answer of /api/ carries a strong ETag (a
digest of its body), and a client that sends it back in If-None-Match gets 304 without a body.
The answer still runs (rights are checked on every call); the network and the client's
parsing are what is saved. `Cache-Control: private, no-cache` keeps shared caches out and
makes clients revalidate."""

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

API_PREFIX = "/api/"


class ApiConditionalGetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or request.method not in {"GET", "HEAD"}:
            return response
        if response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response.headers.setdefault("Cache-Control", "private, no-cache")
        patch_vary_headers(response, ["Authorization", "Cookie"])
        conditional = get_conditional_response(request, etag=response["ETag"], response=response)
        return conditional or response
