"""The results' SQL: counts per variant and metric, and per day, aggregated by PostgreSQL (never events in Python).

Under RLS, comparisons use leakproof operators (``=``, ``= any``) so the ``(experiment_id, variant_id,
metric_name)`` index serves the counts (an index-only scan on a vacuumed table).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.db.engine import fetch_all

ASSIGNED = """
select variant_id, count(*) as conversations
from experiment_variants
where experiment_id = %(experiment_id)s
group by variant_id
"""

EVENTS = """
select variant_id, metric_name, count(*) as conversations
from prompt_metrics
where experiment_id = %(experiment_id)s and metric_name = any(%(metrics)s)
group by variant_id, metric_name
"""

ASSIGNED_DAILY = """
select date_trunc('day', assigned_at, %(tz)s) as day, variant_id, count(*) as n
from experiment_variants
where experiment_id = %(experiment_id)s
group by 1, 2
"""

EVENTS_DAILY = """
select date_trunc('day', created_at, %(tz)s) as day, variant_id, count(*) as n
from prompt_metrics
where experiment_id = %(experiment_id)s and metric_name = %(metric)s
group by 1, 2
"""


async def counts(
    session: AsyncSession, experiment_id: int, metrics: list[str]
) -> tuple[dict[int, int], dict[tuple[int, str], int]]:
    """(assigned conversations per variant, conversations with each metric per variant)."""
    assigned = await fetch_all(session, ASSIGNED, {"experiment_id": experiment_id})
    events = await fetch_all(session, EVENTS, {"experiment_id": experiment_id, "metrics": metrics})
    return (
        {r["variant_id"]: int(r["conversations"]) for r in assigned},
        {(r["variant_id"], r["metric_name"]): int(r["conversations"]) for r in events},
    )


async def daily(
    session: AsyncSession, experiment_id: int, metric: str, tz: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    params = {"experiment_id": experiment_id, "metric": metric, "tz": tz}
    return await fetch_all(session, ASSIGNED_DAILY, params), await fetch_all(session, EVENTS_DAILY, params)


def cumulative_rates(
    assigned: list[dict[str, Any]], events: list[dict[str, Any]], variant_ids: list[int]
) -> list[dict[str, Any]]:
    """Each day's cumulative rate per variant (the chart): conversions so far / conversations so far."""
    days: list[datetime] = sorted({r["day"] for r in assigned} | {r["day"] for r in events})
    n = {(r["day"], r["variant_id"]): int(r["n"]) for r in assigned}
    k = {(r["day"], r["variant_id"]): int(r["n"]) for r in events}
    totals = dict.fromkeys(variant_ids, 0)
    wins = dict.fromkeys(variant_ids, 0)
    out = []
    for day in days:
        point: dict[str, Any] = {"day": day.date().isoformat(), "rates": {}}
        for v in variant_ids:
            totals[v] += n.get((day, v), 0)
            wins[v] += k.get((day, v), 0)
            point["rates"][str(v)] = wins[v] / totals[v] if totals[v] else None
        out.append(point)
    return out
