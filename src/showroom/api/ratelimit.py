"""Request budgets every server process shares: fixed-window hit counts in PostgreSQL (``rate_counters``).

A budget is a name, a limit and a window (``Budget("login.pair", 5, 900, "sign-in attempts")``); what it counts
(an address, an e-mail, an address and an e-mail together, a conversation) is hashed into the key, so the table
holds no address or e-mail in clear. One statement counts a hit and returns the window's total: an upsert on
``(key, window_start)``, so concurrent requests of any process add up exactly.

``spend`` counts in the caller's transaction (the hit exists iff the request's write commits: a sign-in failure, a
link e-mailed). ``spend_now`` counts in a short transaction of its own, before the request takes a connection of
its own, so a flood is refused without holding a row lock for the length of anyone's request.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from showroom.errors import TooManyRequests

_SPEND = text(
    """
    insert into rate_counters as c (key, window_start, hits)
    values (:key, to_timestamp(floor(extract(epoch from clock_timestamp()) / :w) * :w), :cost)
    on conflict (key, window_start) do update set hits = c.hits + excluded.hits
    returning c.hits, ceil(extract(epoch from c.window_start) + :w - extract(epoch from clock_timestamp()))::int
    """
)
_PEEK = text(
    """
    select coalesce(sum(hits), 0)::int as hits, ceil(max(extract(epoch from window_start)) + :w
           - extract(epoch from clock_timestamp()))::int as left
    from rate_counters where key = :key
      and window_start = to_timestamp(floor(extract(epoch from clock_timestamp()) / :w) * :w)
    """
)
_FORGET = text("delete from rate_counters where key = :key")
_SWEEP = text("delete from rate_counters where window_start < clock_timestamp() - interval '2 days'")


@dataclass(frozen=True)
class Budget:
    """``limit`` hits per ``window`` seconds of one kind (``name``); ``what`` names them in the refusal."""

    name: str
    limit: int
    window: int
    what: str

    def key(self, *subject: Any) -> str:
        digest = hashlib.sha256("\x1f".join(str(s).lower() for s in subject).encode()).hexdigest()
        return f"{self.name}:{digest}"[:100]

    def refusal(self, retry_after: int) -> TooManyRequests:
        retry = max(1, retry_after)
        return TooManyRequests(f"too many {self.what}; try again in {_duration(retry)}", retry_after=retry)


def _duration(seconds: int) -> str:
    return f"{seconds} s" if seconds < 120 else f"{(seconds + 59) // 60} minutes"


async def _spend(conn: AsyncSession | AsyncConnection, budget: Budget, subject: tuple[Any, ...], cost: int) -> None:
    hits, left = (await conn.execute(_SPEND, {"key": budget.key(*subject), "w": budget.window, "cost": cost})).one()
    if hits > budget.limit:
        raise budget.refusal(int(left))


async def spend(session: AsyncSession, budget: Budget, *subject: Any, cost: int = 1) -> None:
    """Count a hit in the caller's transaction; TooManyRequests past the limit (the hit is counted either way)."""
    await _spend(session, budget, subject, cost)


async def spend_now(engine: AsyncEngine, budget: Budget, *subject: Any) -> None:
    """Count a hit in a transaction of its own, committed at once; TooManyRequests past the limit."""
    async with engine.begin() as conn:
        await _spend(conn, budget, subject, 1)


async def check(session: AsyncSession, budget: Budget, *subject: Any) -> None:
    """TooManyRequests if the budget is already spent in this window (counts nothing)."""
    row = (await session.execute(_PEEK, {"key": budget.key(*subject), "w": budget.window})).one()
    if row.hits >= budget.limit:
        raise budget.refusal(int(row.left or budget.window))


async def forget(session: AsyncSession, budget: Budget, *subject: Any) -> None:
    """Drop what the budget counted for ``subject`` (a successful sign-in clears its failures)."""
    await session.execute(_FORGET, {"key": budget.key(*subject)})


async def sweep(session: AsyncSession) -> int:
    """Delete windows older than two days (no budget here is longer than a day): the maintenance job calls it."""
    result = await session.execute(_SWEEP)
    return int(getattr(result, "rowcount", 0) or 0)
