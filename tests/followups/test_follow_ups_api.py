"""Staff and follow-ups (issue 18): a lead's steps listed, skipped, snoozed, edited and sent now; a task (a call to
make) assigned to a person is on their list and e-mailed to them when due; a lead's next follow-up date is a real
follow-up; bad input is a 422 naming the field, another dealership's follow-up a 404."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select, text, update

from showroom.conversations.followup_tasks import send_step
from showroom.db.engine import Database
from showroom.models import FollowUp, Lead, Message
from showroom.services import Services
from showroom.settings import Settings
from tests.appointments.support import create_shop
from tests.followups.test_followups import _due, _enrolled, _rows
from tests.helpers import create_super_admin, sign_in


async def _lead(db: Database, lead_id: uuid.UUID) -> Lead:
    async with db.maint_session() as maint:
        lead = await maint.get(Lead, lead_id)
        assert lead is not None
        return lead


async def _jobs(db: Database, follow_up_id: uuid.UUID) -> list[datetime]:
    async with db.maint_session() as maint:
        rows = await maint.execute(
            text(
                "select scheduled_at from procrastinate_jobs where task_name = 'showroom:followup.send' "
                "and args->>'follow_up_id' = :id order by scheduled_at"
            ),
            {"id": str(follow_up_id)},
        )
        return [r.scheduled_at for r in rows]


async def test_staff_skip_snooze_edit_and_send_a_lead_s_steps(app: FastAPI, db: Database, settings: Settings) -> None:
    shop = await create_shop(db)
    conversation = await _enrolled(db, shop)
    staff = await sign_in(app, shop.team.agent.email)
    listed = await staff.get("/api/v1/follow-ups", params={"lead_id": str(shop.lead.id)})
    assert listed.status_code == 200, listed.text
    first, second, third = listed.json()
    assert (await _lead(db, shop.lead.id)).next_follow_up_date == datetime.fromisoformat(first["scheduled_at"])

    skipped = await staff.post(f"/api/v1/follow-ups/{first['id']}/skip")
    assert skipped.status_code == 200 and skipped.json()["status"] == "cancelled", skipped.text
    assert (await _lead(db, shop.lead.id)).next_follow_up_date == datetime.fromisoformat(second["scheduled_at"])
    assert (await staff.post(f"/api/v1/follow-ups/{first['id']}/skip")).status_code == 409

    snoozed = await staff.post(f"/api/v1/follow-ups/{second['id']}/snooze", json={"hours": 24})
    assert snoozed.status_code == 200, snoozed.text
    moved = datetime.fromisoformat(snoozed.json()["scheduled_at"])
    assert moved == datetime.fromisoformat(second["scheduled_at"]) + timedelta(hours=24)
    assert len(await _jobs(db, uuid.UUID(second["id"]))) == 2  # the old job finds it not due; the new one sends
    async with db.session(shop.team.id) as session:
        assert await send_step(session, Services.build(settings, db), uuid.UUID(second["id"])) == "not due yet"

    words = "Hi Pat, the Tucson you liked just had its service done. Want to drive it Saturday?"
    edited = await staff.patch(f"/api/v1/follow-ups/{third['id']}", json={"notes": words})
    assert edited.status_code == 200 and edited.json()["notes"] == words
    now = await staff.post(f"/api/v1/follow-ups/{third['id']}/send-now")
    assert now.status_code == 200, now.text
    assert datetime.fromisoformat(now.json()["scheduled_at"]) <= datetime.now(UTC)
    async with db.session(shop.team.id) as session:
        assert await send_step(session, Services.build(settings, db), uuid.UUID(third["id"])) == "sent"
    async with db.maint_session() as maint:
        sent = (await maint.scalars(select(Message).where(Message.conversation_id == conversation.id))).all()
    assert [m.content for m in sent if m.sender == "ai"] == [words]
    assert (await _lead(db, shop.lead.id)).next_follow_up_date == moved


async def test_bad_input_is_a_422_naming_the_field(app: FastAPI, db: Database) -> None:
    shop = await create_shop(db)
    await _enrolled(db, shop)
    staff = await sign_in(app, shop.team.agent.email)
    [step, *_] = await _rows(db, shop.lead.id)
    past = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    for path, body, field in (
        (f"/api/v1/follow-ups/{step.id}/snooze", {"until": past}, "until"),
        (f"/api/v1/follow-ups/{step.id}/snooze", {}, "body"),
        (f"/api/v1/follow-ups/{step.id}/snooze", {"hours": -3}, "hours"),
        ("/api/v1/follow-ups", {"lead_id": str(shop.lead.id), "scheduled_at": past}, "scheduled_at"),
        ("/api/v1/follow-ups", {"lead_id": str(shop.lead.id), "scheduled_at": "tomorrow"}, "scheduled_at"),
    ):
        answer = await staff.post(path, json=body)
        assert answer.status_code == 422, (path, body, answer.text)
        assert field in answer.json().get("field", "") or field == "body", answer.json()
    edit = await staff.patch(f"/api/v1/follow-ups/{step.id}", json={"scheduled_at": past})
    assert edit.status_code == 422 and edit.json()["field"] == "scheduled_at", edit.text
    lead_date = await staff.patch(f"/api/v1/leads/{shop.lead.id}", json={"next_follow_up_date": past})
    assert lead_date.status_code == 422 and lead_date.json()["field"] == "next_follow_up_date", lead_date.text


async def test_another_dealership_s_follow_up_is_a_404(app: FastAPI, db: Database) -> None:
    shop, other = await create_shop(db), await create_shop(db)
    await _enrolled(db, shop)
    [step, *_] = await _rows(db, shop.lead.id)
    outsider = await sign_in(app, other.team.manager.email)
    assert (await outsider.get(f"/api/v1/follow-ups/{step.id}")).status_code == 404
    assert (await outsider.post(f"/api/v1/follow-ups/{step.id}/skip")).status_code == 404
    listed = await outsider.get("/api/v1/follow-ups", params={"lead_id": str(shop.lead.id)})
    assert listed.status_code == 200 and listed.json() == []
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    made = await outsider.post("/api/v1/follow-ups", json={"lead_id": str(shop.lead.id), "scheduled_at": later})
    assert made.status_code == 404, made.text
    assert {r.status for r in await _rows(db, shop.lead.id)} == {"scheduled"}


async def test_a_task_for_a_person_is_on_their_list_and_e_mailed_when_due(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    shop = await create_shop(db)
    manager = await sign_in(app, shop.team.manager.email)
    later = (datetime.now(UTC) + timedelta(hours=3)).isoformat()
    body = {
        "lead_id": str(shop.lead.id),
        "scheduled_at": later,
        "assigned_user_id": shop.team.agent.id,
        "notes": "Call about the trade-in numbers",
    }
    made = await manager.post("/api/v1/follow-ups", json=body)
    assert made.status_code == 201, made.text
    task = made.json()
    assert task["kind"] == "staff_reminder" and task["channel"] == "phone"
    agent = await sign_in(app, shop.team.agent.email)
    mine = await agent.get(
        "/api/v1/follow-ups",
        params={"assigned_user_id": shop.team.agent.id, "kind": "staff_reminder", "status": ["scheduled", "sent"]},
    )
    assert [t["id"] for t in mine.json()] == [task["id"]]
    async with db.maint_session() as maint:
        [row] = (await maint.scalars(select(FollowUp).where(FollowUp.id == uuid.UUID(task["id"])))).all()
    await _due(db, row)
    async with db.session(shop.team.id) as session:
        assert await send_step(session, Services.build(settings, db), row.id) == "reminded"
    async with db.maint_session() as maint:
        mails = (
            await maint.execute(
                text("select args from procrastinate_jobs where task_name = 'showroom:mail.send' and args->'to' ? :to"),
                {"to": shop.team.agent.email},
            )
        ).all()
    assert len(mails) == 1 and "Call about the trade-in numbers" in mails[0].args["text"], mails
    done = await agent.post(f"/api/v1/follow-ups/{task['id']}/complete")
    assert done.status_code == 200 and done.json()["status"] == "completed", done.text
    still = await agent.get(
        "/api/v1/follow-ups", params={"assigned_user_id": shop.team.agent.id, "status": ["scheduled", "sent"]}
    )
    assert still.json() == []


async def test_a_lead_s_next_follow_up_date_is_a_real_task(app: FastAPI, db: Database) -> None:
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(update(Lead).where(Lead.id == shop.lead.id).values(assigned_user_id=shop.team.agent.id))
    staff = await sign_in(app, shop.team.manager.email)
    when = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    body = {"next_follow_up_date": when.isoformat(), "follow_up_notes": "ask about financing"}
    patched = await staff.patch(f"/api/v1/leads/{shop.lead.id}", json=body)
    assert patched.status_code == 200, patched.text
    assert datetime.fromisoformat(patched.json()["next_follow_up_date"]) == when
    [task] = await _rows(db, shop.lead.id)
    assert (task.kind, task.scheduled_at, task.assigned_user_id, task.notes) == (
        "staff_reminder",
        when,
        shop.team.agent.id,
        "ask about financing",
    )
    later = when + timedelta(days=1)
    await staff.patch(f"/api/v1/leads/{shop.lead.id}", json={"next_follow_up_date": later.isoformat()})
    [task] = await _rows(db, shop.lead.id)
    assert task.scheduled_at == later  # moved, not a second task
    cleared = await staff.patch(f"/api/v1/leads/{shop.lead.id}", json={"next_follow_up_date": None})
    assert cleared.status_code == 200 and cleared.json()["next_follow_up_date"] is None
    assert [r.status for r in await _rows(db, shop.lead.id)] == ["cancelled"]


async def test_a_no_show_enters_the_no_show_cadence_written_for_a_missed_visit(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    from showroom.models import Appointment
    from tests.factories import create_conversation

    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        conversation = await create_conversation(maint, shop.lead, channel="chat")
        start = datetime.now(UTC) - timedelta(hours=2)
        missed = Appointment(
            dealership_id=shop.team.id,
            lead_id=shop.lead.id,
            customer_id=shop.customer.id,
            kind="test_drive",
            source="staff",
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
        )
        maint.add(missed)
    staff = await sign_in(app, shop.team.agent.email)
    answer = await staff.post(f"/api/v1/appointments/{missed.id}/outcome", json={"shown": False})
    assert answer.status_code == 200, answer.text
    rows = await _rows(db, shop.lead.id)
    assert [r.template for r in rows] == ["no_show:day1", "no_show:day3", "no_show:day7"]
    assert (await _lead(db, shop.lead.id)).next_follow_up_date == rows[0].scheduled_at
    await _due(db, rows[0])
    async with db.session(shop.team.id) as session:
        assert await send_step(session, Services.build(settings, db), rows[0].id) == "sent"
    async with db.maint_session() as maint:
        [sent] = (await maint.scalars(select(Message).where(Message.conversation_id == conversation.id))).all()
    assert "Sorry we missed you" in sent.content, sent.content


async def test_a_task_s_person_is_a_member_of_the_dealership(app: FastAPI, db: Database) -> None:
    """A super admin belongs to no dealership: a task they make for a lead with no salesperson is nobody's yet,
    and naming them (or another dealership's user) is a 422, not the database's refusal as a 500."""
    shop = await create_shop(db)
    other = await create_shop(db)
    root_user = await create_super_admin(db)
    root = await sign_in(app, root_user.email)
    switched = await root.post("/api/v1/auth/switch", json={"dealership_id": shop.team.id})
    assert switched.status_code == 200, switched.text
    async with db.maint_session() as maint, maint.begin():
        lead = await maint.get(Lead, shop.lead.id)
        assert lead is not None
        lead.assigned_user_id = None
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    made = await root.post(
        "/api/v1/follow-ups",
        json={"lead_id": str(shop.lead.id), "scheduled_at": tomorrow},
    )
    assert made.status_code == 201, made.text
    assert made.json()["assigned_user_id"] is None
    for stranger in (root_user.id, other.team.agent.id):
        named = await root.post(
            "/api/v1/follow-ups",
            json={"lead_id": str(shop.lead.id), "scheduled_at": tomorrow, "assigned_user_id": stranger},
        )
        assert named.status_code == 422 and named.json()["field"] == "assigned_user_id", named.text
