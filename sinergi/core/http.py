from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """htmx sends this header on its requests; they get a partial instead of a whole page."""
    return request.headers.get("HX-Request") == "true"


class AuthedRequest(HttpRequest):
    """The request type of views behind `login_required`: `user` is a real account."""

    user: "User"


from sinergi.accounts.models import User  # noqa: E402  (import after class: avoids a cycle)
