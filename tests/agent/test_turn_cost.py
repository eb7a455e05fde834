"""What a chat turn sends to PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.engine.default import CACHE_HIT

from showroom.audit.service import SYSTEM
from showroom.conversations import service as conversations
from showroom.conversations import turn
from showroom.db.engine import Database
from showroom.ops import instrument
from showroom.services import Services
from tests.agent.test_conversations_flow import stocked_team
from tests.factories import create_conversation, create_customer, create_lead


@contextmanager
def statements(db: Database) -> Iterator[list[tuple[str, bool]]]:
    sent: list[tuple[str, bool]] = []

    def seen(conn: Any, cursor: Any, statement: str, params: Any, context: Any, executemany: bool) -> None:
        sent.append((statement, context is not None and context.cache_hit != CACHE_HIT))

    engine = db.app_engine.sync_engine
    event.listen(engine, "before_cursor_execute", seen)
    original = instrument.record

    def raw(sql: str, seconds: float) -> None:
        if not sql.startswith(("SELECT", "INSERT", "UPDATE", "WITH", "DELETE")):
            sent.append(("raw: " + sql, False))
        original(sql, seconds)

    instrument.record = raw
    try:
        yield sent
    finally:
        instrument.record = original
        event.remove(engine, "before_cursor_execute", seen)


async def test_explore(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id)
        conversation = await create_conversation(maint, lead, channel="chat")
    services: Services = app.state.services
    texts = ["Do you have a red AWD SUV under 40k?", "Any Tucson?", "What's your cheapest sedan?", "Any used Santa Fe?"]
    for i, text in enumerate(texts):
        with statements(db) as sent:
            async with db.session(team.id) as session:
                c = await conversations.get(session, conversation.id)
                _, _, outcome = await turn.receive(session, services, c, text, SYSTEM)
                await session.commit()
        print(f"\n--- turn {i}: {len(sent)} statements, reply={outcome.reply is not None}")
        for sql, fresh in sent:
            print(("FRESH " if fresh else "      ") + " ".join(sql.split())[:230])
