"""Who is acting right now: set per request by the middleware, or explicitly by commands/tests."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any = None
    ip: str | None = None


_NOBODY = Actor()
_current: ContextVar[Actor] = ContextVar("sinergi_audit_actor", default=_NOBODY)


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(user: Any, ip: str | None = None) -> Iterator[None]:
    token = _current.set(Actor(user=user, ip=ip))
    try:
        yield
    finally:
        _current.reset(token)


def set_actor(user: Any, ip: str | None = None) -> None:
    """Name the actor for the rest of the current request, once it is known later than the
    middleware ran (an API token is checked inside the API view). The middleware's
    `acting_as` restores the previous actor when the request ends."""
    _current.set(Actor(user=user, ip=ip))
