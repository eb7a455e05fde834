"""Request budgets every server process shares, in PostgreSQL (``rate_counters``).

A budget is a name, a limit and a window (``Budget("login.pair", 5, 900, "failed sign-ins")``): up to ``limit``
hits at once, then one more each ``window / limit`` seconds (a leaky bucket, GCRA: no window boundary to burst
across). What it counts (an address, an e-mail, both, a conversation) is hashed into the key, so the table holds no
address or e-mail in clear. A row keeps the bucket's *theoretical arrival time*: one upsert counts a hit and says
whether it fits, so concurrent requests of any process add up exactly.

``spend`` counts in the caller's transaction (the hit exists iff the request's write commits: a sign-in failure, a
link e-mailed). ``spend_now`` counts in a short transaction of its own, before the request takes a connection for
its own work, so a flood is refused without holding a row lock for the length of anyone's request.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from showroom.errors import TooManyRequests

# One statement per hit: the hit fits while the bucket's arrival time, with it, runs at most a window ahead of now.
# A refused hit moves nothing (``refused`` says so), unless ``always`` (failures count even when refused). The SET
# expressions read the row as it was before this statement.
_FITS = (
    "greatest(c.tat, clock_timestamp()) + make_interval(secs => :step) <= clock_timestamp() + make_interval(secs => :w)"
)
_SPEND = text(
    f"""
    insert into rate_counters as c (key, tat) values (:key, clock_timestamp() + make_interval(secs => :step))
    on conflict (key) do update set
        refused = not (:always or {_FITS}),
        tat = case when :always or {_FITS}
                   then greatest(c.tat, clock_timestamp()) + make_interval(secs => :step) else c.tat end
    returning refused, extract(epoch from greatest(tat, clock_timestamp()) - clock_timestamp())::float8 as ahead
    """
)
_PEEK = text(
    "select extract(epoch from greatest(tat, clock_timestamp()) - clock_timestamp())::float8 as ahead, "
    "extract(epoch from clock_timestamp() - tat)::float8 as since from rate_counters where key = :key"
)
_FORGET = text("delete from rate_counters where key = :key or key like :prefix")
_SWEEP = text("delete from rate_counters where tat < clock_timestamp() - interval '31 days'")


@dataclass(frozen=True)
class Budget:
    """``limit`` hits per ``window`` seconds of one kind (``name``); ``what`` names them in the refusal."""

    name: str
    limit: int
    window: int
    what: str

    @property
    def step(self) -> float:
        return self.window / self.limit

    def key(self, *subject: Any) -> str:
        """``name:h1:h2…``, a short SHA-256 per part, so what one part counts can be forgotten (``forget``)."""
        return ":".join([self.name, *(_digest(part) for part in subject)])[:100]

    def refusal(self, wait: float) -> TooManyRequests:
        retry = max(1, math.ceil(wait))
        return TooManyRequests(f"too many {self.what}; try again in {_duration(retry)}", retry_after=retry)


def _digest(part: Any) -> str:
    return hashlib.sha256(str(part).strip().lower().encode()).hexdigest()[:20]


def _duration(seconds: int) -> str:
    return f"{seconds} s" if seconds < 120 else f"{(seconds + 59) // 60} minutes"


async def _spend(conn: AsyncSession | AsyncConnection, budget: Budget, subject: tuple[Any, ...], refuse: bool) -> None:
    params = {"key": budget.key(*subject), "step": budget.step, "w": budget.window, "always": not refuse}
    row = (await conn.execute(_SPEND, params)).one()
    if refuse and row.refused:
        raise budget.refusal(row.ahead + budget.step - budget.window)


async def spend(session: AsyncSession, budget: Budget, *subject: Any, refuse: bool = True) -> None:
    """Count a hit in the caller's transaction; TooManyRequests when it does not fit. With ``refuse`` False the hit
    is counted whatever the budget says (a failure now: ``check`` refuses the next attempt)."""
    await _spend(session, budget, subject, refuse)


async def spend_now(engine: AsyncEngine, budget: Budget, *subject: Any) -> None:
    """Count a hit in a transaction of its own, committed at once; TooManyRequests when it does not fit."""
    async with engine.begin() as conn:
        await _spend(conn, budget, subject, True)


async def check(session: AsyncSession, budget: Budget, *subject: Any) -> None:
    """TooManyRequests if one more hit would not fit now (counts nothing)."""
    row = (await session.execute(_PEEK, {"key": budget.key(*subject)})).first()
    if row is not None and row.ahead + budget.step > budget.window + 1e-6:
        raise budget.refusal(row.ahead + budget.step - budget.window)


async def seen(session: AsyncSession, budget: Budget, *subject: Any) -> bool:
    """Was a hit counted for ``subject`` within the budget's window (a marker: "this address signed in here")?"""
    row = (await session.execute(_PEEK, {"key": budget.key(*subject)})).first()
    return row is not None and row.since < budget.window


async def forget(session: AsyncSession, budget: Budget, *subject: Any) -> None:
    """Drop what the budget counted for ``subject``, or for every subject that starts with it (a successful sign-in
    clears its address's failures; a password reset all of the account's)."""
    key = budget.key(*subject)
    await session.execute(_FORGET, {"key": key, "prefix": key + ":%"})


async def sweep(session: AsyncSession) -> int:
    """Delete buckets idle for over 31 days (no budget here is longer than 30): the maintenance job calls it."""
    result = await session.execute(_SWEEP)
    return int(getattr(result, "rowcount", 0) or 0)
