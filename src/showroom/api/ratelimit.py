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
_FORGET = text("delete from rate_counters where key = :key or key like :prefix")
_SWEEP = text("delete from rate_counters where window_start < clock_timestamp() - interval '2 days'")


@dataclass(frozen=True)
class Budget:
    """``limit`` hits per ``window`` seconds of one kind (``name``); ``what`` names them in the refusal."""

    name: str
    limit: int
    window: int
    what: str

    def key(self, *subject: Any) -> str:
        """``name:h1:h2…``, a short SHA-256 per part, so what one part counts can be forgotten (``forget``)."""
        return ":".join([self.name, *(_digest(part) for part in subject)])[:100]

    def refusal(self, retry_after: int) -> TooManyRequests:
        retry = max(1, retry_after)
        return TooManyRequests(f"too many {self.what}; try again in {_duration(retry)}", retry_after=retry)


def _digest(part: Any) -> str:
    return hashlib.sha256(str(part).strip().lower().encode()).hexdigest()[:20]


def _duration(seconds: int) -> str:
    return f"{seconds} s" if seconds < 120 else f"{(seconds + 59) // 60} minutes"


async def _spend(
    conn: AsyncSession | AsyncConnection, budget: Budget, subject: tuple[Any, ...], cost: int, refuse: bool = True
) -> None:
    hits, left = (await conn.execute(_SPEND, {"key": budget.key(*subject), "w": budget.window, "cost": cost})).one()
    if refuse and hits > budget.limit:
        raise budget.refusal(int(left))


async def spend(session: AsyncSession, budget: Budget, *subject: Any, refuse: bool = True) -> None:
    """Count a hit in the caller's transaction; TooManyRequests past the limit (the hit is counted either way),
    unless ``refuse`` is False (count a failure now, refuse the next attempt: ``check``)."""
    await _spend(session, budget, subject, 1, refuse)


async def spend_now(engine: AsyncEngine, budget: Budget, *subject: Any) -> None:
    """Count a hit in a transaction of its own, committed at once; TooManyRequests past the limit."""
    async with engine.begin() as conn:
        await _spend(conn, budget, subject, 1)


async def hits(session: AsyncSession, budget: Budget, *subject: Any) -> tuple[int, int]:
    """The hits of this window and the seconds it has left (counts nothing)."""
    row = (await session.execute(_PEEK, {"key": budget.key(*subject), "w": budget.window})).one()
    return int(row.hits), int(row.left or budget.window)


async def check(session: AsyncSession, budget: Budget, *subject: Any) -> None:
    """TooManyRequests if the budget is already spent in this window (counts nothing)."""
    count, left = await hits(session, budget, *subject)
    if count >= budget.limit:
        raise budget.refusal(left)


async def forget(session: AsyncSession, budget: Budget, *subject: Any) -> None:
    """Drop what the budget counted for ``subject``, or for every subject that starts with it (a successful sign-in
    clears its address's failures; a password reset all of the account's)."""
    await session.execute(_FORGET, {"key": budget.key(*subject), "prefix": budget.key(*subject) + ":%"})


async def sweep(session: AsyncSession) -> int:
    """Delete windows older than two days (no budget here is longer than a day): the maintenance job calls it."""
    result = await session.execute(_SWEEP)
    return int(getattr(result, "rowcount", 0) or 0)
