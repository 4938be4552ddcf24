"""Answers kept in the database (`StoredAnswer`): read by every process on an in-process
cache miss, written only inside `storing()` (the background job that precomputes them).

Why: the whole country's default dashboard, network and map read every agreement and party
(0.5–2.5 s at 100,000 agreements), a province's 100–270 ms; computed once per data version
in the background, a request after a change reads one row instead (docs/benchmarks.md)."""

import contextvars
import pickle
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sinergi.core.models import StoredAnswer

_storing: contextvars.ContextVar[bool] = contextvars.ContextVar("storing", default=False)


@contextmanager
def storing() -> Iterator[None]:
    """Inside it, `answer` computes what is not stored yet and stores it."""
    token = _storing.set(True)
    try:
        yield
    finally:
        _storing.reset(token)


def is_storing() -> bool:
    return _storing.get()


def answer[T](key: str, version: int, compute: Callable[[], T]) -> T:
    """The stored answer under `key`, else `compute()` (stored when inside `storing()`)."""
    found: T | None = stored_answer(key)
    if found is not None:
        return found
    started = time.monotonic()
    value = compute()
    if is_storing():
        StoredAnswer.objects.update_or_create(
            key=key,
            defaults={
                "version": version,
                "value": _packed(value),
                "seconds": round(time.monotonic() - started, 3),
            },
        )
    return value


def stored_answer(key: str) -> Any:
    """The answer stored under `key`, or None."""
    row = StoredAnswer.objects.filter(key=key).values_list("value", flat=True).first()
    if row is None:
        return None
    return pickle.loads(zlib.decompress(row))  # noqa: S301 (written only by `answer`)


def forget_older(version: int) -> int:
    """Delete answers of versions before `version` (never read again)."""
    deleted, _ = StoredAnswer.objects.filter(version__lt=version).delete()
    return deleted


def _packed(value: object) -> bytes:
    """Pickled and compressed (zlib, fastest level): the largest answers (the country's
    network, its facts) are megabytes that PostgreSQL sends as hex text; a quarter of the
    bytes read and inflated costs less than the whole (65 → 37 ms for 5.5 MB of facts)."""
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
