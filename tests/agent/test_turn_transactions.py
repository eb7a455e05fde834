"""A turn waits on its provider with no transaction open: no pooled connection and no row lock are held while an
LLM thinks, and an answer is never written over what changed meanwhile (a human took over, a newer message came)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Message
from showroom.settings import Settings
from tests.agent.fake_llm import FakeLLM
from tests.agent.test_conversations_flow import stocked_team
from tests.conftest import new_client
from tests.helpers import sign_in


@asynccontextmanager
async def gated_app(settings: Settings, db: Database, url: str) -> AsyncIterator[FastAPI]:
    from showroom.app import create_app

    configured = Settings.model_validate(
        {**settings.model_dump(), "llm_base_url": url, "llm_timeout": 20.0, "llm_retries": 0}
    )
    application = create_app(configured, database=db)
    async with application.router.lifespan_context(application):
        yield application


async def _setup(app: FastAPI, db: Database) -> tuple[httpx.AsyncClient, httpx.AsyncClient, str]:
    """Staff (signed in), an integration (API key) and an API-channel conversation answered by the LLM."""
    team = await stocked_team(app, db)
    staff = await sign_in(app, team.admin.email)
    await staff.patch("/api/v1/dealership", json={"ai_config": {"provider": "openai", "model": "test-model"}})
    scopes = ["leads:write", "conversations:write"]
    key = (await staff.post("/api/v1/api-keys", json={"name": "relay", "scopes": scopes})).json()["key"]
    integration = new_client(app)
    integration.headers["Authorization"] = f"Bearer {key}"
    lead = (await staff.post("/api/v1/leads", json={"customer": {"email": f"slow-{team.id}@example.com"}})).json()
    conversation = await staff.post("/api/v1/conversations", json={"lead_id": lead["lead"]["id"], "channel": "api"})
    return staff, integration, str(conversation.json()["id"])


async def _arrived(fake: FakeLLM, count: int = 1) -> None:
    for _ in range(count):
        assert await asyncio.to_thread(fake.waiting.acquire, True, 10), "the provider was never called"


async def _ai_replies(db: Database, conversation_id: str) -> list[Message]:
    async with db.maint_session() as maint:
        rows = await maint.scalars(
            select(Message).where(Message.conversation_id == conversation_id, Message.sender == "ai")
        )
        return list(rows.all())


async def test_no_connection_or_lock_is_held_while_the_llm_thinks_and_a_take_over_wins(
    llm: tuple[FakeLLM, str], db: Database, settings: Settings
) -> None:
    fake, url = llm
    fake.mode, fake.requests = "gated", []
    fake.gate.clear()
    async with gated_app(settings, db, url) as app:
        staff, integration, conversation_id = await _setup(app, db)
        pool: Any = db.app_engine.pool
        turn = asyncio.create_task(
            integration.post(f"/api/v1/conversations/{conversation_id}/messages", json={"content": "Any Tucsons?"})
        )
        try:
            await _arrived(fake)
            assert pool.checkedout() == 0  # the request waits on the LLM without a pooled connection
            started = time.perf_counter()
            taken = await staff.post(f"/api/v1/conversations/{conversation_id}/take-over")
            assert taken.status_code == 200 and time.perf_counter() - started < 2  # no row lock to wait for
        finally:
            fake.gate.set()
        answered = await turn
    assert answered.status_code == 201 and answered.json()["sender"] == "customer"
    assert await _ai_replies(db, conversation_id) == []  # a human took over meanwhile: the answer is dropped


async def test_an_answer_is_dropped_when_a_newer_message_arrived_meanwhile(
    llm: tuple[FakeLLM, str], db: Database, settings: Settings
) -> None:
    fake, url = llm
    fake.mode, fake.requests = "gated", []
    fake.gate.clear()
    async with gated_app(settings, db, url) as app:
        _, integration, conversation_id = await _setup(app, db)
        url_ = f"/api/v1/conversations/{conversation_id}/messages"
        first = asyncio.create_task(integration.post(url_, json={"content": "Do you have a Tucson?"}))
        try:
            await _arrived(fake)
            second = asyncio.create_task(integration.post(url_, json={"content": "Actually, a Santa Fe?"}))
            await _arrived(fake)
        finally:
            fake.gate.set()
        answers = [await first, await second]
    assert [a.status_code for a in answers] == [201, 201]
    replies = await _ai_replies(db, conversation_id)
    assert len(replies) == 1 and str(replies[0].in_reply_to) == answers[1].json()["id"]
