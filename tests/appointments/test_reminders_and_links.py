"""Reminders before a visit (24 h and 2 h by default) on the customer's channel, once; the signed link lets the
customer move or cancel without signing in; a reply cancels or moves it too; staff are told of every change they
did not make."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select, text, update

from showroom.appointments import links
from showroom.conversations.visit_tasks import remind
from showroom.db.engine import Database
from showroom.models import Appointment, Lead, LeadActivity, Message
from showroom.services import Services
from showroom.settings import Settings
from tests.agent.test_conversations_flow import visitor
from tests.agent.test_spanish_and_visits import _known, _say
from tests.appointments.support import at, create_shop, local_day
from tests.appointments.test_agent_books import _shop, tomorrow_at
from tests.conftest import new_client
from tests.factories import create_conversation
from tests.helpers import sign_in


async def _jobs(db: Database, appointment_id: str) -> list[tuple[datetime, int]]:
    async with db.maint_session() as maint:
        rows = await maint.execute(
            text(
                "select scheduled_at, (args->>'hours')::int as hours from procrastinate_jobs "
                "where task_name = 'showroom:appointment.remind' and args->>'appointment_id' = :id order by 1"
            ),
            {"id": appointment_id},
        )
        return [(r.scheduled_at, r.hours) for r in rows]


async def _mails_to(db: Database, email: str) -> list[dict[str, object]]:
    async with db.maint_session() as maint:
        rows = await maint.execute(
            text("select args from procrastinate_jobs where task_name = 'showroom:mail.send' and args->'to' ? :to"),
            {"to": email},
        )
        return [r.args for r in rows]


async def test_reminders_are_queued_sent_once_and_skipped_once_moved(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        conversation = await create_conversation(maint, shop.lead, channel="chat")
    staff = await sign_in(app, shop.team.manager.email)
    start = at(local_day(3), 10)
    made = await staff.post(
        "/api/v1/appointments",
        json={
            "lead_id": str(shop.lead.id),
            "starts_at": start.isoformat(),
            "vehicle_id": shop.vehicle.id,
            "kind": "test_drive",
        },
    )
    assert made.status_code == 201, made.text
    appointment_id = made.json()["id"]
    jobs = await _jobs(db, appointment_id)
    assert [(j[0], j[1]) for j in jobs] == [(start - timedelta(hours=24), 24), (start - timedelta(hours=2), 2)]

    services = Services.build(settings, db)
    async with db.session(shop.team.id) as session:
        assert await remind(session, services, uuid.UUID(appointment_id), 24, start.isoformat()) == "sent"
    async with db.session(shop.team.id) as session:
        assert await remind(session, services, uuid.UUID(appointment_id), 24, start.isoformat()) == "already sent"
    async with db.maint_session() as maint:
        [reminder] = (await maint.scalars(select(Message).where(Message.conversation_id == conversation.id))).all()
    assert reminder.content.startswith("A reminder: your test drive is") and "10:00 AM" in reminder.content
    assert "/visit/" in reminder.content and "2025 Hyundai Tucson" in reminder.content, reminder.content

    moved = await staff.post(
        f"/api/v1/appointments/{appointment_id}/reschedule", json={"starts_at": at(local_day(4), 11).isoformat()}
    )
    assert moved.status_code == 200, moved.text
    async with db.session(shop.team.id) as session:
        outcome = await remind(session, services, uuid.UUID(appointment_id), 2, start.isoformat())
    assert outcome.startswith("moved since")
    assert len(await _jobs(db, appointment_id)) == 4  # the moved visit's own two


async def test_the_signed_link_moves_or_cancels_without_signing_in_and_staff_are_told(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(update(Lead).where(Lead.id == shop.lead.id).values(assigned_user_id=shop.team.agent.id))
    staff = await sign_in(app, shop.team.manager.email)
    made = await staff.post(
        "/api/v1/appointments", json={"lead_id": str(shop.lead.id), "starts_at": at(local_day(2), 10).isoformat()}
    )
    appointment_id = uuid.UUID(made.json()["id"])
    told = len(await _mails_to(db, shop.team.agent.email))
    assert told == 1  # booked by the manager: the salesperson is told
    url = links.url(settings, appointment_id, shop.team.id)
    path = url.removeprefix(settings.base_url)
    customer = new_client(app)  # nobody signed in
    page = await customer.get(path)
    assert page.status_code == 200, page.text
    assert "10:00 AM" in page.text and "Move my visit" in page.text
    moved = await customer.post(f"{path}/move", data={"starts_at": at(local_day(2), 14).isoformat()})
    assert moved.status_code == 303, moved.text
    async with db.maint_session() as maint:
        row = await maint.get(Appointment, appointment_id)
        assert row is not None and row.starts_at == at(local_day(2), 14) and row.status == "rescheduled"
        lines = (
            await maint.scalars(select(LeadActivity.description).where(LeadActivity.lead_id == shop.lead.id))
        ).all()
    assert any("Appointment moved" in line for line in lines), lines
    assert len(await _mails_to(db, shop.team.agent.email)) == told + 1
    closed = await customer.post(f"{path}/move", data={"starts_at": at(local_day(2), 22).isoformat()})
    assert closed.status_code == 422 and "working hours" in closed.text
    cancelled = await customer.post(f"{path}/cancel")
    assert cancelled.status_code == 303
    again = await customer.get(f"{path}?done=cancelled")
    assert "Your visit is cancelled" in again.text and "Move my visit" not in again.text
    assert len(await _mails_to(db, shop.team.agent.email)) == told + 2

    forged = await customer.get(path[:-3] + "abc")
    assert forged.status_code == 404
    other = await create_shop(db)  # a token is for its own appointment and dealership only
    wrong = links.url(settings, appointment_id, other.team.id).removeprefix(settings.base_url)
    assert (await customer.get(wrong)).status_code == 404


async def test_the_customer_cancels_or_moves_by_replying(app: FastAPI, db: Database) -> None:
    team = await _shop(app, db, capacity=2)
    guest, sub = visitor(app), team.dealership.subdomain
    first = await _say(guest, sub, "do you have a tucson")
    await _known(guest, sub, first["token"])
    booked = await _say(guest, sub, "can i come in tomorrow at 11am", first["token"])
    assert booked["replies"][0]["content"].startswith("You're booked"), booked
    moved = await _say(guest, sub, "can we do tomorrow at 2pm instead?", first["token"])
    assert moved["replies"][0]["content"].startswith("You're booked") and "2:00 PM" in moved["replies"][0]["content"]
    async with db.maint_session() as maint:
        [row] = (await maint.scalars(select(Appointment).where(Appointment.dealership_id == team.id))).all()
    assert row.starts_at == tomorrow_at(14) and row.status == "rescheduled"
    other = await _say(guest, sub, "i need another time, something else", first["token"])
    assert "Which works for you?" in other["replies"][0]["content"], other
    gone = await _say(guest, sub, "actually i have to cancel, sorry", first["token"])
    reply = gone["replies"][0]["content"]
    assert reply.startswith("Done: your visit") and "cancelled" in reply, reply
    async with db.maint_session() as maint:
        [row] = (await maint.scalars(select(Appointment).where(Appointment.dealership_id == team.id))).all()
    assert row.status == "cancelled" and "customer" in (row.cancelled_reason or "")
    assert datetime.now(UTC) < row.starts_at
