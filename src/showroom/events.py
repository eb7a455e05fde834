"""Live updates across server processes: PostgreSQL LISTEN/NOTIFY fanned out to in-process subscribers.

One listening connection per process (the service role; no tenant needed, payloads carry ids only). Subscribers
get the events of one dealership (the staff inbox) or one conversation (the chat widget). If the connection
drops, the hub reconnects with backoff and subscribers see a ``resync`` event so they refetch.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import psycopg

log = logging.getLogger(__name__)
CHANNEL = "showroom_events"


@dataclass(eq=False)
class _Subscriber:
    dealership_id: int
    conversation_id: str | None
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=lambda: asyncio.Queue(maxsize=1000))


class EventHub:
    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self.subscribers: set[_Subscriber] = set()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._listen(), name="showroom-events")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _listen(self) -> None:
        delay = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self.conninfo, autocommit=True, application_name="showroom-events"
                ) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self._broadcast({"table": "resync"})
                    delay = 0.5
                    async for notice in conn.notifies():
                        try:
                            self._dispatch(json.loads(notice.payload))
                        except (ValueError, KeyError):
                            log.warning("ignored a malformed event: %.200s", notice.payload)
            except asyncio.CancelledError:
                raise
            except psycopg.Error as exc:
                log.warning("event listener lost its connection (%s); reconnecting in %.1f s", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30)

    def _dispatch(self, event: dict[str, Any]) -> None:
        for sub in list(self.subscribers):
            if sub.dealership_id != event.get("dealership_id"):
                continue
            if sub.conversation_id is not None and sub.conversation_id != str(event.get("conversation_id")):
                continue
            self._put(sub, event)

    def _broadcast(self, event: dict[str, Any]) -> None:
        for sub in list(self.subscribers):
            self._put(sub, event)

    @staticmethod
    def _put(sub: _Subscriber, event: dict[str, Any]) -> None:
        with contextlib.suppress(asyncio.QueueFull):  # a stalled client drops events; it will resync
            sub.queue.put_nowait(event)

    @contextlib.asynccontextmanager
    async def subscribe(
        self, dealership_id: int, conversation_id: str | None = None
    ) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        sub = _Subscriber(dealership_id, conversation_id)
        self.subscribers.add(sub)
        try:
            yield sub.queue
        finally:
            self.subscribers.discard(sub)


async def sse(queue: asyncio.Queue[dict[str, Any]], *, heartbeat: float = 15.0) -> AsyncIterator[str]:
    """Server-sent events: one `data:` line per event, a comment line as heartbeat."""
    yield "retry: 3000\n\n"
    while True:
        try:
            event = await asyncio.wait_for(queue.get(), timeout=heartbeat)
        except TimeoutError:
            yield ": keep-alive\n\n"
            continue
        yield f"event: {event.get('table', 'message')}\ndata: {json.dumps(event)}\n\n"
