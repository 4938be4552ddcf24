import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

from sinergi.core.database_outage import answer_outage
from sinergi.core.selectors import home_summary


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    return render(request, "core/home.html", home_summary(user=request.user))


# --- error pages: the API answers in its one JSON shape, pages as Django does -----------------


def _api_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "errors": []}, status=status)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A URL no route matches (e.g. /api/v1/kerja-sama/-1): JSON under /api/."""
    if request.path.startswith("/api/"):
        return _api_error(404, "not_found", "Alamat API tidak ditemukan.")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its `except`: an error raised by a middleware (the session, the
    # user) while the database is down gets the outage answer here, not in the middleware.
    outage = answer_outage(request, sys.exc_info()[1])
    if outage is not None:
        return outage
    if request.path.startswith("/api/"):
        return _api_error(500, "server_error", "Terjadi kesalahan pada server; sudah dicatat.")
    return defaults.server_error(request)
