from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sinergi.audit.context import acting_as


def client_ip(request: HttpRequest) -> str | None:
    # Behind the reverse proxy the first X-Forwarded-For entry is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


class AuditActorMiddleware:
    """Makes the logged-in user the actor of every change recorded during the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        with acting_as(user, client_ip(request)):
            return self.get_response(request)
