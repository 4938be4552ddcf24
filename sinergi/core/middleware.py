"""HTTP caching of API reads: every successful GET answer of /api/ carries a strong ETag (a
digest of its body), and a client that sends it back in If-None-Match gets 304 without a body.
The answer still runs (rights are checked on every call); the network and the client's
parsing are what is saved. `Cache-Control: private, no-cache` keeps shared caches out and
makes clients revalidate."""

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
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


NUL_MESSAGE = "Karakter NUL (0x00) tidak diizinkan dalam permintaan."


class RejectNullCharactersMiddleware:
    """A NUL character in the query, the path or a JSON body is refused with 400 before any
    view runs: PostgreSQL text cannot hold it (the query would fail with a server error), and
    no legitimate request sends one. Forms already refuse it field by field."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._carries_nul(request):
            if request.path.startswith(API_PREFIX):
                body = {"code": "invalid_input", "message": NUL_MESSAGE, "errors": []}
                return JsonResponse(body, status=400)
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            return True
        if request.content_type == "application/json":
            body = request.body
            return b"\x00" in body or b"\\u0000" in body
        return False
