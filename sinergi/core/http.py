from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def is_htmx(request: HttpRequest) -> bool:
    """htmx sends this header on its requests; they get a partial instead of a whole page.

    A history restore (Back button after an htmx swap) needs the whole page again.
    """
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_page_or_partial(
    request: HttpRequest, page: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """The whole page, or only the part htmx asked for. Caches must keep the two apart."""
    response = render(request, partial if is_htmx(request) else page, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def attachment(file: FieldFile, name: str, content_type: str) -> FileResponse:
    """A stored file as a download. Files live outside the web root and are served only
    through a view that checked access first; `nosniff` keeps browsers to the given type."""
    response = FileResponse(
        file.open("rb"), content_type=content_type, as_attachment=True, filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AuthedRequest(HttpRequest):
    """The request type of views behind `login_required`: `user` is a real account."""

    user: "User"


from sinergi.accounts.models import User  # noqa: E402  (import after class: avoids a cycle)


def api_user(request: HttpRequest) -> Any:
    """The user of an API call: the one the auth class returned, not `request.user` (a token
    (issue #9) sets only this)."""
    return request.auth  # type: ignore[attr-defined]
