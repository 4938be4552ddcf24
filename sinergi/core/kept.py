"""Figures kept in the cache under the data versions they depend on (core.versions): a count
of a large scope, or the SPM indices of a set of regions, is computed once per change, not
on every request. A version raised by a change makes every older entry unreachable, so no
entry is ever deleted by hand."""

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from sinergi.core.versions import data_version


def kept_under[T](
    name: str,
    key: str,
    versions: Sequence[str],
    compute: Callable[[], T],
    *,
    timeout: Any = DEFAULT_TIMEOUT,
) -> T:
    """`compute()` kept under `name` and `key` until one of the `versions` is raised."""
    current = ":".join(str(data_version(v)) for v in versions)
    full_key = f"{name}:{current}:{key}"
    found: T | None = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, timeout)
    return found


def kept[T](name: str, queryset: QuerySet, versions: Sequence[str], compute: Callable[[], T]) -> T:
    """`compute()` for `queryset`, kept until one of the `versions` is raised. Correct for
    any filter, as the key holds the query's SQL and parameters."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter that matches nothing: nothing worth keeping
        return compute()
    digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()[:40]
    return kept_under(name, digest, versions, compute)
