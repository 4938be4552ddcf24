"""While the database cannot be reached (stopped, restarting, network cut) the app keeps
answering: pages with a short 503 page, the API in its JSON error shape, both with Retry-After,
instead of a 500 with a traceback per request. Nothing needs restarting afterwards: the broken
connection is closed here, and CONN_HEALTH_CHECKS (settings) checks a kept connection before a
request's first query, so the first request after the database is back opens a fresh one.

The way in is sinergi.core.views.server_error (handler500), not a middleware: Django turns an
exception into a response at the layer that raised it, and many are raised outside the view
(AuditActorMiddleware reads request.user, hence the session, before the view runs). Every
one of them reaches handler500 while Django is still in its `except`. With DEBUG on, Django
shows its technical error page instead, as for any other error.
"""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from sinergi.core.middleware import API_PREFIX

logger = logging.getLogger(__name__)

MESSAGE = "Basis data sedang tidak dapat dihubungi. Coba lagi dalam beberapa saat."
API_CODE = "database_unavailable"
# A restart takes seconds; clients that honour the header come back soon, not hammer it.
RETRY_AFTER_SECONDS = 15


class OutageLog:
    """One ERROR line when this process first finds the database gone, one WARNING when it
    connects again, and nothing for each refused request in between: the access log has
    those, and a traceback per request would bury everything else."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # runserver answers in threads
        self._since: float | None = None
        self._refused = 0

    def refused(self, exc: BaseException) -> None:
        with self._lock:
            first = self._since is None
            if first:
                self._since = time.monotonic()
            self._refused += 1
        if first:
            # psycopg's text runs on with hints over several lines; the first says it all.
            reason = (str(exc).strip().splitlines() or [""])[0]
            logger.error(
                "Database unreachable (%s: %s); answering 503 until it is back.",
                type(exc).__name__,
                reason,
            )

    def connected(self) -> None:
        with self._lock:
            if self._since is None:
                return
            seconds, refused = time.monotonic() - self._since, self._refused
            self._since, self._refused = None, 0
        logger.warning(
            "Database reachable again after %.0f s; %d requests were answered 503.",
            seconds,
            refused,
        )


outage_log = OutageLog()


def _on_connection_created(
    sender: object, connection: BaseDatabaseWrapper, **kwargs: object
) -> None:
    outage_log.connected()


connection_created.connect(_on_connection_created, dispatch_uid="sinergi-database-outage")


def _broken_connections() -> list[BaseDatabaseWrapper]:
    # Only connections this thread has used; is_usable() sends one trivial query.
    return [
        conn
        for conn in connections.all(initialized_only=True)
        if conn.connection is None or not conn.is_usable()
    ]


def answer_outage(request: HttpRequest, exc: BaseException | None) -> HttpResponse | None:
    """The 503 answer if `exc` means the database is gone; None for any other error.

    An OperationalError on a connection that still works (a deadlock, a statement timeout,
    SQLite's "database is locked") is not an outage and stays an ordinary 500."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return None
    broken = _broken_connections()
    if not broken:
        return None
    for conn in broken:
        conn.close()  # the next request connects afresh instead of reusing a dead socket
    _forget_session(request)
    outage_log.refused(exc)
    return outage_response(request)


def _forget_session(request: HttpRequest) -> None:
    # SessionMiddleware saves the session after every answer (SESSION_SAVE_EVERY_REQUEST),
    # which would fail again; without request.session it leaves the cookie as it is, so the
    # outage signs nobody out.
    if hasattr(request, "session"):
        del request.session


def outage_response(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        body = {"code": API_CODE, "message": MESSAGE, "errors": []}
        response = JsonResponse(body, status=503)
    else:
        # No request in the context: context processors (the user, the region) would query.
        html = render_to_string("503.html", {"message": MESSAGE})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # a proxy must not keep serving it after the outage
    # OutageLog has reported it; Django would log an error line for each of these answers.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response
