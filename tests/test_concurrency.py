"""Concurrency is decided by the database, with real concurrent requests: counters are incremented in SQL, a lead's
version is checked by the statement that bumps it, and a turn's answer is never written over a newer state."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from showroom.db.engine import Database
from showroom.models import Conversation, Lead, Message
from tests.conftest import new_client
from tests.helpers import create_team, sign_in

CONCURRENT = 50


async def _integration(app: FastAPI, admin: httpx.AsyncClient) -> httpx.AsyncClient:
    scopes = ["leads:write", "conversations:write"]
    key = (await admin.post("/api/v1/api-keys", json={"name": "relay", "scopes": scopes})).json()["key"]
    client = new_client(app)
    client.headers["Authorization"] = f"Bearer {key}"
    return client


async def _conversation(admin: httpx.AsyncClient, channel: str, email: str) -> str:
    lead = (await admin.post("/api/v1/leads", json={"customer": {"email": email}})).json()["lead"]
    created = await admin.post("/api/v1/conversations", json={"lead_id": lead["id"], "channel": channel})
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def test_50_concurrent_inbound_messages_count_exactly_50(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    integration = await _integration(app, admin)
    quiet = await _conversation(admin, "api", f"quiet-{team.id}@example.com")
    assert (await admin.patch(f"/api/v1/conversations/{quiet}", json={"ai_paused": True})).status_code == 200
    answered = await _conversation(admin, "api", f"busy-{team.id}@example.com")

    async def send(conversation_id: str, i: int) -> int:
        response = await integration.post(
            f"/api/v1/conversations/{conversation_id}/messages", json={"content": f"Do you have a Tucson? ({i})"}
        )
        return response.status_code

    statuses = await asyncio.gather(
        *(send(quiet, i) for i in range(CONCURRENT)), *(send(answered, i) for i in range(CONCURRENT))
    )
    assert statuses == [201] * (2 * CONCURRENT)
    async with db.maint_session() as maint:
        for conversation_id in (quiet, answered):
            conversation = await maint.get(Conversation, conversation_id)
            stored = await maint.scalar(
                select(func.count()).select_from(Message).where(Message.conversation_id == conversation_id)
            )
            inbound = await maint.scalar(
                select(func.count())
                .select_from(Message)
                .where(Message.conversation_id == conversation_id, Message.sender == "customer")
            )
            assert conversation is not None and inbound == CONCURRENT
            assert conversation.message_count == stored  # every message counted once, replies included
        quiet_row = await maint.get(Conversation, quiet)
        assert quiet_row is not None and quiet_row.message_count == CONCURRENT  # a human handles it: no replies


async def test_two_concurrent_edits_of_the_same_lead_version_one_wins_one_is_a_409(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    first, second = await sign_in(app, team.admin.email), await sign_in(app, team.manager.email)
    lead = (await first.post("/api/v1/leads", json={"customer": {"email": f"race-{team.id}@example.com"}})).json()
    lead_id, version = lead["lead"]["id"], lead["lead"]["version"]

    for _ in range(5):  # several rounds: the race must be decided by the database every time
        answers = await asyncio.gather(
            first.patch(f"/api/v1/leads/{lead_id}", json={"version": version, "priority": "high", "note": "mine"}),
            second.patch(f"/api/v1/leads/{lead_id}", json={"version": version, "priority": "low", "note": "no, mine"}),
        )
        codes = sorted(a.status_code for a in answers)
        assert codes == [200, 409], [a.text for a in answers]
        winner = next(a for a in answers if a.status_code == 200).json()
        loser = next(a for a in answers if a.status_code == 409).json()
        assert loser["field"] == "version" and "changed since you read it" in loser["detail"]
        assert winner["version"] == version + 1
        async with db.maint_session() as maint:
            stored = await maint.get(Lead, lead_id)
        assert stored is not None and stored.version == version + 1 and stored.priority == winner["priority"]
        version = stored.version
