"""Live updates across server processes: PostgreSQL LISTEN/NOTIFY fanned out to in-process subscribers.

One listening connection per process (the service role; no tenant needed, payloads carry ids only). Subscribers
get the events of one dealership (the staff inbox) or one conversation (the chat widget). If the connection
drops, the hub reconnects with backoff and subscribers see a ``resync`` event so they refetch.

The same connection listens on :data:`TURNS`, where a job worker publishes the outcome of a chat-widget turn that a
request of this process waits for (``conversations.widget_turns``; :meth:`EventHub.awaiting`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg

log = logging.getLogger(__name__)
CHANNEL = "showroom_events"
TURNS = "showroom_turns"  # {"turn": id, ...}: a chat turn's outcome, for the request waiting on it


@dataclass(eq=False)
class _Subscriber:
    dealership_id: int
    conversation_id: str | None
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=lambda: asyncio.Queue(maxsize=1000))


class EventHub:
    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self.subscribers: set[_Subscriber] = set()
        self.waiting: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.listening = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self, ready_within: float = 5.0) -> None:
        """Start listening; returns once the connection listens (or after ``ready_within`` seconds, reconnecting
        meanwhile), so that a turn published right after start-up is not missed."""
        self._task = asyncio.create_task(self._listen(), name="showroom-events")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.listening.wait(), ready_within)

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
                    await conn.execute(f"LISTEN {TURNS}")
                    self.listening.set()
                    self._broadcast({"table": "resync"})
                    delay = 0.5
                    async for notice in conn.notifies():
                        try:
                            event = json.loads(notice.payload)
                            if notice.channel == TURNS:
                                self._settle(event)
                            else:
                                self._dispatch(event)
                        except (ValueError, KeyError, TypeError):
                            log.warning("ignored a malformed event: %.200s", notice.payload)
            except asyncio.CancelledError:
                raise
            except psycopg.Error as exc:
                self.listening.clear()  # turns published meanwhile are missed: their requests time out
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

    def _settle(self, event: dict[str, Any]) -> None:
        future = self.waiting.get(str(event["turn"]))
        if future is not None and not future.done():
            future.set_result(event)

    @contextlib.contextmanager
    def awaiting(self, turn: str) -> Iterator[asyncio.Future[dict[str, Any]]]:
        """A future that gets the outcome published on :data:`TURNS` for ``turn`` (enter before queueing it)."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.waiting[turn] = future
        try:
            yield future
        finally:
            self.waiting.pop(turn, None)

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
