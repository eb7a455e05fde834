"""Live updates: a committed change in one dealership reaches its listeners (and only its own)."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI

from showroom.db.engine import Database
from showroom.events import EventHub
from tests.factories import create_conversation, create_customer, create_lead, create_message
from tests.helpers import create_team


async def test_notify_reaches_subscribers_of_that_dealership_only(app: FastAPI, db: Database) -> None:
    hub: EventHub = app.state.events
    mine, other = await create_team(db), await create_team(db)
    async with hub.subscribe(mine.id) as queue, hub.subscribe(other.id) as other_queue:
        await asyncio.sleep(0.2)
        async with db.maint_session() as maint, maint.begin():
            customer = await create_customer(maint, mine.id)
            lead = await create_lead(maint, mine.id, customer.id)
            conversation = await create_conversation(maint, lead)
            await create_message(maint, conversation)
        seen = []
        while len(seen) < 2:
            event = await asyncio.wait_for(queue.get(), timeout=5)
            if event["table"] != "resync":
                seen.append(event)
        assert {e["table"] for e in seen} == {"conversations", "messages"}
        assert all(e["conversation_id"] == str(conversation.id) for e in seen)
        assert all(e["dealership_id"] == mine.id for e in seen)
        assert all(e["table"] == "resync" for e in _drain(other_queue))


def _drain(queue: asyncio.Queue) -> list[dict]:  # type: ignore[type-arg]
    items = []
    while not queue.empty():
        items.append(queue.get_nowait())
    return items
