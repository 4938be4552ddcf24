"""Figures of a query kept in the cache under the data versions it depends on
(core.versions): a count of a large scope is computed once per change, not on every page
turn. Correct for any filter, as the key holds the query's SQL and parameters."""

import hashlib
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from sinergi.core.versions import data_version


def kept[T](name: str, queryset: QuerySet, versions: Sequence[str], compute: Callable[[], T]) -> T:
    """`compute()` for `queryset`, kept until one of the `versions` is raised."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter that matches nothing: nothing worth keeping
        return compute()
    digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()[:40]
    current = ":".join(str(data_version(v)) for v in versions)
    key = f"{name}:{current}:{digest}"
    found: T | None = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found)
    return found
