"""Per-dealership caches for what every chat turn reads and staff rarely change (the inventory's makes and models,
the escalation triggers).

A value is loaded through the caller's session, so row-level security decides what it holds, and it is kept under
the session's tenant; a session without a tenant (a super admin's) always reads through. Writers drop their
dealership's entry when they write and again when their transaction commits, so this process never serves a value
older than its own last commit; other processes (a second server, the worker) see a change within ``TTL_SECONDS``.
Values must be immutable (tuples, frozen dataclasses): one object is shared by every request.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

T = TypeVar("T")

TTL_SECONDS = 30.0
_PENDING = "showroom.cache.pending"

# Every cache by name: a lower layer may drop an upper one's entry (experiments promoting a persona).
NAMED: dict[str, TenantCache[Any]] = {}


class TenantCache(Generic[T]):
    def __init__(self, name: str, ttl: float = TTL_SECONDS) -> None:
        self.name = name
        self.ttl = ttl
        self._entries: dict[int, tuple[float, T]] = {}
        NAMED[name] = self

    async def get(self, session: AsyncSession, load: Callable[[], Awaitable[T]]) -> T:
        dealership_id = session.info.get("dealership_id")
        if dealership_id is None:
            return await load()
        entry = self._entries.get(dealership_id)
        now = time.monotonic()
        if entry is not None and entry[0] > now:
            return entry[1]
        value = await load()
        if not _pending(session.sync_session):  # this transaction changed it: the value is not committed yet
            self._entries[dealership_id] = (now + self.ttl, value)
        return value

    def drop(self, dealership_id: int | None = None) -> None:
        if dealership_id is None:
            self._entries.clear()
        else:
            self._entries.pop(dealership_id, None)

    def changed(self, session: AsyncSession, dealership_id: int) -> None:
        """The caller's transaction writes what this cache holds for ``dealership_id``."""
        self.drop(dealership_id)
        _pending(session.sync_session, create=True).add((self, dealership_id))


def _pending(session: Session, *, create: bool = False) -> set[tuple[TenantCache[Any], int]]:
    if create:
        return session.info.setdefault(_PENDING, set())  # type: ignore[no-any-return]
    return session.info.get(_PENDING) or set()


@event.listens_for(Session, "after_commit")
def _drop_committed(session: Session) -> None:
    for cache, dealership_id in session.info.pop(_PENDING, ()):
        cache.drop(dealership_id)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)
