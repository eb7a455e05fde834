"""Follow-ups (issue 18): the cadence is scheduled with its jobs, each step is sent once however many jobs run it,
and a reply, a booking, a human taking over or the lead closing stops every step still scheduled, including one
already due."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select, text, update

from showroom.conversations.followup_tasks import send_step
from showroom.db.engine import Database
from showroom.followups import service as followups
from showroom.models import Conversation, FollowUp, Lead, Message, VehicleInterest
from showroom.services import Services
from showroom.settings import Settings
from tests.appointments.support import Shop, at, create_shop, local_day
from tests.factories import create_conversation, create_message
from tests.helpers import sign_in


async def _enrolled(db: Database, shop: Shop, offsets: tuple[int, ...] = (1, 2, 4)) -> Conversation:
    async with db.maint_session() as maint, maint.begin():
        conversation = await create_conversation(maint, shop.lead, channel="chat")
        maint.add(
            VehicleInterest(
                dealership_id=shop.team.id, lead_id=shop.lead.id, vehicle_id=shop.vehicle.id, is_primary=True
            )
        )
        await create_message(maint, conversation, created_at=datetime.now(UTC) - timedelta(minutes=5))
    async with db.session(shop.team.id) as session, session.begin():
        fresh = await session.get(Conversation, conversation.id)
        assert fresh is not None
        rows = await followups.enter(session, fresh, offsets)
        assert len(rows) == len(offsets)
        assert await followups.enter(session, fresh, offsets) == []  # once per lead
    return conversation


async def _rows(db: Database, lead_id: uuid.UUID) -> list[FollowUp]:
    async with db.maint_session() as maint:
        return list(
            (
                await maint.scalars(select(FollowUp).where(FollowUp.lead_id == lead_id).order_by(FollowUp.scheduled_at))
            ).all()
        )


async def _due(db: Database, row: FollowUp) -> None:
    """The step's time has come (its job runs then; a job that starts early finds it not due and does nothing)."""
    async with db.maint_session() as maint, maint.begin():
        when = datetime.now(UTC) - timedelta(minutes=1)
        await maint.execute(update(FollowUp).where(FollowUp.id == row.id).values(scheduled_at=when))


async def _outbound(db: Database, conversation_id: uuid.UUID) -> list[Message]:
    async with db.maint_session() as maint:
        query = select(Message).where(Message.conversation_id == conversation_id, Message.sender == "ai")
        return list((await maint.scalars(query)).all())


async def test_the_cadence_is_scheduled_with_a_job_per_step(db: Database) -> None:
    shop = await create_shop(db)
    await _enrolled(db, shop)
    rows = await _rows(db, shop.lead.id)
    assert [r.status for r in rows] == ["scheduled"] * 3
    gaps = [round((r.scheduled_at - rows[0].scheduled_at).total_seconds() / 86400) for r in rows]
    assert gaps == [0, 1, 3]
    async with db.maint_session() as maint:
        jobs = (
            await maint.execute(
                text(
                    "select scheduled_at from procrastinate_jobs where task_name = 'showroom:followup.send' "
                    "and args->>'follow_up_id' = any(:ids)"
                ),
                {"ids": [str(r.id) for r in rows]},
            )
        ).all()
    assert sorted(j.scheduled_at for j in jobs) == [r.scheduled_at for r in rows]


async def test_a_step_run_by_two_jobs_at_once_is_sent_once_in_context(db: Database, settings: Settings) -> None:
    shop = await create_shop(db)
    conversation = await _enrolled(db, shop)
    first = (await _rows(db, shop.lead.id))[0]
    await _due(db, first)
    services = Services.build(settings, db)

    async def run() -> str:
        async with db.session(shop.team.id) as session:
            return await send_step(session, services, first.id)

    results = await asyncio.gather(run(), run(), run())
    assert sorted(results) == ["nothing to do", "nothing to do", "sent"]
    [sent] = await _outbound(db, conversation.id)
    assert sent.content.startswith("Hi Pat! ") and "2025 Hyundai Tucson" in sent.content, sent.content
    assert (sent.entities or {}).get("follow_up") == str(first.id)
    assert [r.status for r in await _rows(db, shop.lead.id)] == ["sent", "scheduled", "scheduled"]


async def test_a_customer_reply_stops_the_cadence_even_a_step_already_due(db: Database, settings: Settings) -> None:
    shop = await create_shop(db)
    conversation = await _enrolled(db, shop)
    due = (await _rows(db, shop.lead.id))[0]
    await _due(db, due)
    async with db.maint_session() as maint, maint.begin():  # the reply lands, the step is due and not yet sent
        await create_message(maint, conversation, content="thanks, I'll think about it", created_at=datetime.now(UTC))
    async with db.session(shop.team.id) as session:
        outcome = await send_step(session, Services.build(settings, db), due.id)
    assert outcome == "stopped: the customer replied"
    assert {r.status for r in await _rows(db, shop.lead.id)} == {"cancelled"}
    assert await _outbound(db, conversation.id) == []


async def test_a_human_taking_over_or_the_lead_closing_stops_it(db: Database, settings: Settings) -> None:
    for change in ("human", "closed"):
        shop = await create_shop(db)
        conversation = await _enrolled(db, shop)
        async with db.maint_session() as maint, maint.begin():
            if change == "human":
                await maint.execute(
                    update(Conversation).where(Conversation.id == conversation.id).values(ai_paused=True)
                )
            else:
                await maint.execute(update(Lead).where(Lead.id == shop.lead.id).values(status="sold"))
        step = (await _rows(db, shop.lead.id))[0]
        await _due(db, step)
        async with db.session(shop.team.id) as session:
            outcome = await send_step(session, Services.build(settings, db), step.id)
        assert outcome.startswith("stopped"), outcome
        assert {r.status for r in await _rows(db, shop.lead.id)} == {"cancelled"}
        assert await _outbound(db, conversation.id) == []


async def test_a_booked_appointment_stops_the_cadence_at_once(app: FastAPI, db: Database) -> None:
    shop = await create_shop(db)
    await _enrolled(db, shop)
    staff = await sign_in(app, shop.team.agent.email)
    body = {"lead_id": str(shop.lead.id), "starts_at": at(local_day(), 10).isoformat()}
    assert (await staff.post("/api/v1/appointments", json=body)).status_code == 201
    rows = await _rows(db, shop.lead.id)
    assert {(r.status, r.cancelled_reason) for r in rows} == {("cancelled", "an appointment is booked")}


async def test_a_cadence_step_with_a_negative_offset_is_a_422_naming_the_field(app: FastAPI, db: Database) -> None:
    shop = await create_shop(db)
    admin = await sign_in(app, shop.team.admin.email)
    response = await admin.patch("/api/v1/dealership", json={"agent_config": {"follow_up_days": [1, -2]}})
    assert response.status_code == 422, response.text
    assert "follow_up_days" in response.json()["field"] and "negative" in response.json()["detail"]
    fine = await admin.patch("/api/v1/dealership", json={"agent_config": {"follow_up_days": [1, 3]}})
    assert fine.status_code == 200 and fine.json()["agent_config"]["follow_up_days"] == [
        {"day": 1, "channel": "same"},
        {"day": 3, "channel": "same"},
    ]
