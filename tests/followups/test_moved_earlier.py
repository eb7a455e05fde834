"""A job moved earlier runs at its new time (found by walking issue 18 on a fresh database): "send now" on a follow-up
step, and the reminders of a visit moved to an earlier day. Procrastinate's ``lock`` makes a job wait for every
older job with the same lock still to do, even one scheduled days later, so a step sent now waited for its original
time, and a visit moved earlier got its reminders after it. The rows' own locks keep each sent once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select, text

from showroom.db.engine import Database
from showroom.models import Message
from tests.appointments.support import at, create_shop, local_day
from tests.conftest import Worker
from tests.factories import create_conversation
from tests.followups.test_followups import _enrolled, _rows
from tests.helpers import sign_in


async def test_send_now_sends_the_step_now_not_at_its_old_time(app: FastAPI, db: Database, worker: Worker) -> None:
    shop = await create_shop(db)
    conversation = await _enrolled(db, shop, (1, 2))
    second = (await _rows(db, shop.lead.id))[1]
    staff = await sign_in(app, shop.team.agent.email)
    assert (await staff.post(f"/api/v1/follow-ups/{second.id}/send-now")).status_code == 200
    await worker("followups")
    assert {r.id: r.status for r in await _rows(db, shop.lead.id)}[second.id] == "sent"
    assert sorted(r.status for r in await _rows(db, shop.lead.id)) == ["scheduled", "sent"]
    async with db.maint_session() as maint:
        sent = (await maint.scalars(select(Message).where(Message.conversation_id == conversation.id))).all()
    assert [m.sender for m in sent].count("ai") == 1


async def test_a_visit_moved_earlier_gets_its_reminder_before_it(app: FastAPI, db: Database, worker: Worker) -> None:
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        conversation = await create_conversation(maint, shop.lead, channel="chat")
    staff = await sign_in(app, shop.team.manager.email)
    body = {"lead_id": str(shop.lead.id), "starts_at": at(local_day(5), 10).isoformat()}
    made = (await staff.post("/api/v1/appointments", json=body)).json()
    earlier = at(local_day(2), 10)
    moved = await staff.post(f"/api/v1/appointments/{made['id']}/reschedule", json={"starts_at": earlier.isoformat()})
    assert moved.status_code == 200, moved.text
    async with db.maint_session() as maint, maint.begin():  # the moved visit's 24-hour reminder comes due
        await maint.execute(
            text(
                "update procrastinate_jobs set scheduled_at = :now where task_name = 'showroom:appointment.remind' "
                "and args->>'appointment_id' = :id and args->>'starts_at' = :starts and (args->>'hours')::int = 24"
            ),
            {"now": datetime.now(UTC) - timedelta(seconds=1), "id": made["id"], "starts": earlier.isoformat()},
        )
    await worker("followups")
    async with db.maint_session() as maint:
        sent = (await maint.scalars(select(Message).where(Message.conversation_id == conversation.id))).all()
    assert len(sent) == 1 and sent[0].content.startswith("A reminder"), [m.content for m in sent]
