"""Instruments a SQLAlchemy engine for the metrics: time waited for a pooled connection, connections in use,
time of each statement. Also keeps this process's own per-statement timings (``statements``), which
``showroom db stats`` falls back to where the server has no ``pg_stat_statements``."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import TimeoutError as SATimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import AsyncAdaptedQueuePool

from showroom.ops import metrics

ENABLED = True  # SHOWROOM_METRICS_ENABLED, set when the process's engines are made
MAX_STATEMENTS = 500  # distinct statements kept; the rest are counted as one "(other statements)"
_NUMBERS = re.compile(r"\b\d+\b")
_SPACE = re.compile(r"\s+")


@dataclass
class StatementTiming:
    calls: int = 0
    total: float = 0.0
    max: float = 0.0


statements: dict[str, StatementTiming] = {}
lock = threading.Lock()


@lru_cache(maxsize=4096)  # the statements are a few hundred fixed strings: normalize each once (~20 µs)
def normalize(sql: str) -> str:
    """One line per statement shape: whitespace folded, literal numbers replaced (parameters are already $n/%s)."""
    return _NUMBERS.sub("?", _SPACE.sub(" ", sql).strip())[:400]


@lru_cache(maxsize=4096)
def _histogram(sql: str) -> Any:
    return metrics.DB_QUERY.labels(metrics.statement_kind(sql))


def record(sql: str, seconds: float) -> None:
    _histogram(sql).observe(seconds)
    key = normalize(sql)
    with lock:
        timing = statements.get(key)
        if timing is None:
            if len(statements) >= MAX_STATEMENTS:
                key = "(other statements)"
            timing = statements.setdefault(key, StatementTiming())
        timing.calls += 1
        timing.total += seconds
        timing.max = max(timing.max, seconds)


class TimedPool(AsyncAdaptedQueuePool):
    """The default pool of an async engine, timing how long a checkout waits and counting timeouts."""

    metrics_name = "app"

    def _do_get(self) -> Any:
        start = time.perf_counter()
        try:
            connection = super()._do_get()
        except SATimeoutError:
            metrics.DB_POOL_TIMEOUTS.labels(self.metrics_name).inc()
            raise
        _pool_wait(self.metrics_name).observe(time.perf_counter() - start)
        return connection


@lru_cache(maxsize=16)
def _pool_wait(pool: str) -> Any:
    return metrics.DB_POOL_WAIT.labels(pool)


def instrument(engine: AsyncEngine, name: str) -> None:
    """Count ``engine``'s connections in use and time its statements under the pool label ``name``."""
    pool = engine.sync_engine.pool
    if isinstance(pool, TimedPool):
        pool.metrics_name = name
    in_use = metrics.DB_POOL_IN_USE.labels(name)

    @event.listens_for(pool, "checkout")
    def _checkout(*args: Any) -> None:
        in_use.inc()

    @event.listens_for(pool, "checkin")
    def _checkin(*args: Any) -> None:
        in_use.dec()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info.setdefault("showroom_started", []).append(time.perf_counter())

    @event.listens_for(engine.sync_engine, "after_cursor_execute")
    def _after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        started = conn.info.get("showroom_started")
        if started:
            record(statement, time.perf_counter() - started.pop())
