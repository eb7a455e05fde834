"""Enqueueing a background job in the caller's own transaction: the job exists iff the business write commits.

Kept apart from ``showroom.jobs`` (the worker and the task registry) so that anything may defer a job without
importing the worker's dependencies.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.db.engine import fetch_one

# A job a customer is waiting on (the AI's first answer, a message on its way) is fetched before any other that is
# due: a backlog of sweeps, feed fetches or reports never holds up a reply (procrastinate: priority desc, then id).
CUSTOMER_WAITING = 10

_DEFER = (
    "select unnest(procrastinate_defer_jobs_v1(array[row(%(queue)s::text, %(task)s::text, %(priority)s::int, "
    "%(lock)s::text, "
    "%(qlock)s::text, %(args)s::jsonb, %(at)s::timestamptz)::procrastinate_job_to_defer_v1])) as id"
)


async def defer(
    session: AsyncSession,
    task: str,
    *,
    queue: str = "default",
    at: datetime | None = None,
    lock: str | None = None,
    queueing_lock: str | None = None,
    priority: int = 0,
    **args: Any,
) -> int:
    """Enqueue ``task`` in the caller's transaction (on its connection): the job exists iff the business write
    commits (DESIGN.md §8). ``task`` is the name in TASK_MODULES' registry, without the namespace. Jobs with the
    same ``lock`` run one at a time; a ``queueing_lock`` allows one waiting job; a higher ``priority`` is fetched
    first (``CUSTOMER_WAITING``). A plain psycopg statement
    (``db.engine.fetch_one``): nothing pending in the ORM needs flushing for a job row."""
    row = await fetch_one(
        session,
        _DEFER,
        {
            "queue": queue,
            "task": f"showroom:{task}",
            "priority": priority,
            "lock": lock,
            "qlock": queueing_lock,
            "args": json.dumps(args, default=str),
            "at": at,
        },
    )
    return int(row["id"]) if row and row["id"] else 0
