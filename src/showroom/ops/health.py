"""``/readyz`` and the database half of ``/metrics``: short reads on the service's own pool."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import psycopg
from alembic.script import ScriptDirectory
from psycopg.rows import dict_row
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine

from showroom.db.migrate import alembic_config
from showroom.ops import metrics

log = logging.getLogger(__name__)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@lru_cache(maxsize=1)
def code_head() -> str | None:
    """The migration the code expects (read once from the migration scripts)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@dataclass
class Readiness:
    checks: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems

    def body(self) -> dict[str, Any]:
        return {"status": "ok" if self.ready else "unavailable", "checks": self.checks, "problems": self.problems}


async def _rows(engine: AsyncEngine, *statements: str) -> list[list[dict[str, Any]]]:
    """Run ``statements`` in one short read-only transaction on a pooled connection, straight through psycopg."""
    async with engine.connect() as conn:
        raw: Any = (await conn.get_raw_connection()).driver_connection
        out = []
        async with raw.cursor(row_factory=dict_row) as cursor:
            for sql in statements:
                await cursor.execute(sql)
                out.append(await cursor.fetchall())
        await conn.rollback()
    return out


async def readiness(engine: AsyncEngine, heartbeat_seconds: float) -> Readiness:
    """The database reachable, its migrations those of the code, a job worker's heartbeat within
    ``heartbeat_seconds`` (procrastinate beats every 10 s)."""
    result = Readiness()
    try:
        (revision,), (beat,) = await _rows(engine, "select version_num from alembic_version", metrics.HEARTBEAT_SQL)
    except (OSError, OperationalError, SATimeoutError, psycopg.OperationalError) as exc:
        result.checks["database"] = "unreachable"
        result.problems.append(f"database unreachable: {_first_line(exc)}")
        return result
    except DBAPIError as exc:
        result.checks["database"] = "error"
        result.problems.append(f"database: {_first_line(exc)}")
        return result
    result.checks["database"] = "ok"
    head = code_head()
    result.checks["migrations"] = {"database": revision["version_num"], "code": head}
    if revision["version_num"] != head:
        result.problems.append(
            f"migrations: database at {revision['version_num']}, code at {head}; run `showroom db upgrade`"
        )
    age = beat["age"]
    result.checks["worker_heartbeat_age_seconds"] = None if age is None else round(float(age), 1)
    if age is None:
        result.problems.append("no job worker has ever started (run `showroom worker` or `showroom serve`)")
    elif float(age) > heartbeat_seconds:
        result.problems.append(f"no job worker heartbeat for {float(age):.0f} s (limit {heartbeat_seconds:.0f} s)")
    return result


async def database_families(maint: AsyncEngine) -> list[Any]:
    """The gauges ``/metrics`` reads from PostgreSQL (every process's and machine's truth), on the maintenance
    pool: handovers are counted across dealerships. Empty, with a warning, when the database cannot answer."""
    try:
        jobs, oldest, sla, (beat,) = await _rows(
            maint, metrics.JOBS_SQL, metrics.OLDEST_SQL, metrics.SLA_SQL, metrics.HEARTBEAT_SQL
        )
    except Exception as exc:  # the process's own metrics are still worth serving
        log.warning("metrics: cannot read the database: %s", _first_line(exc))
        return []
    return metrics.database_families(jobs, oldest, int(sla[0]["n"]), beat)
