"""Statement statistics for ``showroom db stats``: ``pg_stat_statements`` where the server has it, else the timings
the Showroom processes keep of their own statements (``ops.instrument``), which each process writes every
``EVERY`` seconds to ``<data dir>/stats/<host>-<pid>.json`` (so the command sees the processes of this machine)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from showroom.ops import instrument

EVERY = 30.0
KEEP_SECONDS = 7 * 24 * 3600  # a stopped process's file is dropped after a week


@dataclass
class Statement:
    query: str
    calls: int
    total_ms: float
    max_ms: float

    @property
    def mean_ms(self) -> float:
        return self.total_ms / self.calls if self.calls else 0.0


def stats_dir(data_dir: Path) -> Path:
    return data_dir / "stats"


def write_snapshot(data_dir: Path, process: str) -> Path:
    """This process's statement timings, written atomically."""
    folder = stats_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{socket.gethostname()}-{os.getpid()}.json"
    with instrument.lock:
        rows = [[sql, t.calls, t.total, t.max] for sql, t in instrument.statements.items()]
    body = {"process": process, "pid": os.getpid(), "written_at": time.time(), "statements": rows}
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(body))
    partial.replace(path)
    for old in folder.glob("*.json"):
        if time.time() - old.stat().st_mtime > KEEP_SECONDS:
            old.unlink(missing_ok=True)
    return path


async def keep_writing(data_dir: Path, process: str, every: float = EVERY) -> None:
    """Write the snapshot every ``every`` seconds until cancelled, and once more then."""
    # A read-only or vanished data dir: the statistics are a convenience, never a failure.
    try:
        while True:
            await asyncio.sleep(every)
            with contextlib.suppress(OSError):
                await asyncio.to_thread(write_snapshot, data_dir, process)
    finally:
        with contextlib.suppress(OSError):
            write_snapshot(data_dir, process)


def from_snapshots(data_dir: Path, since_seconds: float) -> tuple[list[Statement], int]:
    """The statements of every snapshot written within ``since_seconds``, summed; and how many processes."""
    merged: dict[str, Statement] = {}
    processes = 0
    folder = stats_dir(data_dir)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            body = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if time.time() - float(body.get("written_at", 0)) > since_seconds:
            continue
        processes += 1
        for sql, calls, total, longest in body["statements"]:
            s = merged.setdefault(sql, Statement(sql, 0, 0.0, 0.0))
            s.calls += int(calls)
            s.total_ms += float(total) * 1000
            s.max_ms = max(s.max_ms, float(longest) * 1000)
    return list(merged.values()), processes


PG_STAT = """
select query, calls, total_exec_time, max_exec_time
  from pg_stat_statements
 where dbid = (select oid from pg_database where datname = current_database())
"""


def has_pg_stat_statements(conn: psycopg.Connection[Any]) -> bool:
    row = conn.execute(
        "select exists (select 1 from pg_extension where extname = 'pg_stat_statements'), "
        "exists (select 1 from pg_available_extensions where name = 'pg_stat_statements')"
    ).fetchone()
    return bool(row and row[0])


def from_pg_stat_statements(conn: psycopg.Connection[Any]) -> list[Statement]:
    return [
        Statement(" ".join(str(q).split()), int(calls), float(total), float(longest))
        for q, calls, total, longest in conn.execute(PG_STAT).fetchall()
    ]


def top(statements: list[Statement], limit: int) -> tuple[list[Statement], list[Statement]]:
    """The slowest (by total time) and the most frequent."""
    slowest = sorted(statements, key=lambda s: s.total_ms, reverse=True)[:limit]
    frequent = sorted(statements, key=lambda s: s.calls, reverse=True)[:limit]
    return slowest, frequent
