"""Timing: wall time around a call, and the database time and queries inside it."""

import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection


@dataclass
class QueryLog:
    """An execute wrapper: counts the queries and sums their time (execute + fetch, as
    psycopg fetches a client-side cursor's rows during execute)."""

    count: int = 0
    seconds: float = 0.0
    by_statement: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))

    def __call__(self, execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, *args)
        finally:
            elapsed = time.perf_counter() - started
            self.count += 1
            self.seconds += elapsed
            self.by_statement[_shape(sql)] += elapsed


def _shape(sql: str) -> str:
    """The statement without its literal values, short enough for a table cell."""
    sql = re.sub(r"'[^']*'|\b\d+\b", "?", sql)
    sql = re.sub(r"\(\?(, \?)+\)", "(…)", sql)
    return sql[:160]


@dataclass
class Sample:
    seconds: float
    db_seconds: float
    queries: int
    log: QueryLog


def timed(call: Callable[[], Any]) -> tuple[Sample, Any]:
    log = QueryLog()
    with connection.execute_wrapper(log):
        started = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - started
    return Sample(elapsed, log.seconds, log.count, log), result


@dataclass
class Stats:
    p50: float
    p95: float

    @classmethod
    def of(cls, values: list[float]) -> "Stats":
        cuts = statistics.quantiles(values, n=20, method="inclusive")
        return cls(statistics.median(values), cuts[18])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def slowest(samples: list[Sample], count: int = 3) -> list[tuple[str, float]]:
    """The statement shapes that took longest, as mean milliseconds per request."""
    statements: defaultdict[str, float] = defaultdict(float)
    for sample in samples:
        for sql, seconds in sample.log.by_statement.items():
            statements[sql] += seconds * 1000 / len(samples)
    return sorted(statements.items(), key=lambda item: -item[1])[:count]
