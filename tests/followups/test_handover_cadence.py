"""The cadence after a handover (issue 18): a person taking a conversation over stops the automated messages and
gets tasks (a reply, a call) at ``agent_config.handover_follow_up_days`` if the customer goes quiet, counted from
their last word; a customer reply, handing back to the AI or the lead closing stops them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import select, text, update

from showroom.conversations.followup_tasks import send_step
from showroom.db.engine import Database
from showroom.followups import service as followups
from showroom.models import Conversation, FollowUp, Lead
from showroom.services import Services
from showroom.settings import Settings
from tests.appointments.support import Shop, create_shop
from tests.factories import create_conversation
from tests.helpers import create_super_admin, new_client, sign_in


async def _world(app: FastAPI, db: Database) -> tuple[Shop, Conversation, httpx.AsyncClient, httpx.AsyncClient]:
    """A lead in its new-lead cadence on an API conversation, the salesperson signed in, and the integration that
    relays the customer's messages."""
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        conversation = await create_conversation(maint, shop.lead, channel="api")
    async with db.session(shop.team.id) as session, session.begin():
        fresh = await session.get(Conversation, conversation.id)
        assert fresh is not None
        await followups.enter(session, fresh, followups.DEFAULT_CADENCE)
    admin = await sign_in(app, shop.team.admin.email)
    key = (await admin.post("/api/v1/api-keys", json={"name": "relay", "scopes": ["conversations:write"]})).json()
    integration = new_client(app)
    integration.headers["Authorization"] = f"Bearer {key['key']}"
    return shop, conversation, await sign_in(app, shop.team.agent.email), integration


async def _rows(db: Database, shop: Shop) -> list[FollowUp]:
    async with db.maint_session() as maint:
        query = select(FollowUp).where(FollowUp.lead_id == shop.lead.id).order_by(FollowUp.scheduled_at, FollowUp.id)
        return list((await maint.scalars(query)).all())


def _handover(rows: list[FollowUp]) -> list[FollowUp]:
    return [r for r in rows if (r.template or "").startswith("handover:")]


async def test_taking_over_stops_the_messages_and_gives_the_taker_tasks_e_mailed_when_due(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    shop, conversation, agent, _ = await _world(app, db)
    taken = await agent.post(f"/api/v1/conversations/{conversation.id}/take-over")
    assert taken.status_code == 200, taken.text
    rows = await _rows(db, shop)
    messages = [r for r in rows if r.kind == "ai_nudge"]
    assert {(r.status, r.cancelled_reason) for r in messages} == {("cancelled", "a person took over")}
    tasks = _handover(rows)
    assert [(r.template, r.kind, r.channel, r.assigned_user_id, r.status) for r in tasks] == [
        ("handover:day1", "staff_reminder", "chat", shop.team.agent.id, "scheduled"),
        ("handover:day3", "staff_reminder", "phone", shop.team.agent.id, "scheduled"),
        ("handover:day7", "staff_reminder", "phone", shop.team.agent.id, "scheduled"),
    ]
    mine = await agent.get("/api/v1/follow-ups", params={"assigned_user_id": shop.team.agent.id})
    assert {f["template"] for f in mine.json()} == {"handover:day1", "handover:day3", "handover:day7"}
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            update(FollowUp).where(FollowUp.id == tasks[0].id).values(scheduled_at=datetime.now(UTC) - timedelta(1))
        )
    async with db.session(shop.team.id) as session:
        assert await send_step(session, Services.build(settings, db), tasks[0].id) == "reminded"
    async with db.maint_session() as maint:
        mails = (
            await maint.execute(
                text("select args from procrastinate_jobs where task_name = 'showroom:mail.send' and args->'to' ? :to"),
                {"to": shop.team.agent.email},
            )
        ).all()
    assert len(mails) == 1 and "since your last word" in mails[0].args["text"], mails


async def test_the_taker_s_message_restarts_the_tasks_and_the_customer_s_reply_stops_them(
    app: FastAPI, db: Database
) -> None:
    shop, conversation, agent, integration = await _world(app, db)
    await agent.post(f"/api/v1/conversations/{conversation.id}/take-over")
    first = {r.id for r in _handover(await _rows(db, shop))}
    said = await agent.post(f"/api/v1/conversations/{conversation.id}/messages", json={"content": "Hi, it's Sam."})
    assert said.status_code == 201, said.text
    rows = _handover(await _rows(db, shop))
    assert {r.status for r in rows if r.id in first} == {"cancelled"}  # counted again from the last word
    assert len([r for r in rows if r.status == "scheduled"]) == 3
    reply = await integration.post(f"/api/v1/conversations/{conversation.id}/messages", json={"content": "thanks!"})
    assert reply.status_code == 201 and reply.json()["sender"] == "customer", reply.text
    assert {(r.status, r.cancelled_reason) for r in _handover(await _rows(db, shop)) if r.id not in first} == {
        ("cancelled", "the customer replied")
    }


async def test_the_lead_closing_or_handing_back_stops_the_tasks(app: FastAPI, db: Database) -> None:
    shop, conversation, agent, _ = await _world(app, db)
    await agent.post(f"/api/v1/conversations/{conversation.id}/take-over")
    back = await agent.post(f"/api/v1/conversations/{conversation.id}/hand-back", json={})
    assert back.status_code in (200, 204), back.text
    assert {(r.status, r.cancelled_reason) for r in _handover(await _rows(db, shop))} == {
        ("cancelled", "handed back to the AI")
    }
    await agent.post(f"/api/v1/conversations/{conversation.id}/take-over")
    lead = (await agent.get(f"/api/v1/leads/{shop.lead.id}")).json()
    closed = await agent.patch(
        f"/api/v1/leads/{shop.lead.id}", json={"status": "lost", "lost_reason": "bought elsewhere"}
    )
    assert closed.status_code == 200, (lead, closed.text)
    assert {r.status for r in _handover(await _rows(db, shop))} == {"cancelled"}
    assert "the lead is lost" in {r.cancelled_reason for r in await _rows(db, shop)}


async def test_the_handover_cadence_is_the_dealership_s_and_empty_means_none(app: FastAPI, db: Database) -> None:
    shop, conversation, agent, _ = await _world(app, db)
    admin = await sign_in(app, shop.team.admin.email)
    steps = [{"day": 2, "channel": "call"}]
    saved = await admin.patch("/api/v1/dealership", json={"agent_config": {"handover_follow_up_days": steps}})
    assert saved.status_code == 200, saved.text
    await agent.post(f"/api/v1/conversations/{conversation.id}/take-over")
    assert [(r.template, r.channel) for r in _handover(await _rows(db, shop))] == [("handover:day2", "phone")]
    await admin.patch("/api/v1/dealership", json={"agent_config": {"handover_follow_up_days": []}})
    await agent.post(f"/api/v1/conversations/{conversation.id}/messages", json={"content": "Call you tomorrow."})
    assert {r.status for r in _handover(await _rows(db, shop))} == {"cancelled"}


async def test_a_super_admin_s_message_gives_the_tasks_to_the_lead_s_salesperson(app: FastAPI, db: Database) -> None:
    shop, conversation, _, _ = await _world(app, db)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(update(Lead).where(Lead.id == shop.lead.id).values(assigned_user_id=shop.team.agent.id))
    root = await create_super_admin(db)
    platform = await sign_in(app, root.email)
    switched = await platform.post("/api/v1/auth/switch", json={"dealership_id": shop.team.id})
    assert switched.status_code == 200, switched.text
    said = await platform.post(f"/api/v1/conversations/{conversation.id}/messages", json={"content": "Hello"})
    assert said.status_code == 201, said.text
    assert {r.assigned_user_id for r in _handover(await _rows(db, shop))} == {shop.team.agent.id}
