"""Issue 21, handover deadlines that depend on urgency and opening hours, and the managers' alert on a breach."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select, text

from showroom.appointments.slots import Rules
from showroom.brain.escalation.specs import TriggerSpec, validate_trigger
from showroom.conversations.deadlines import reply_deadline
from showroom.conversations.sla import sla_window
from showroom.db.engine import Database
from showroom.models import Conversation, Handover
from showroom.queue import defer
from tests.conftest import Worker
from tests.helpers import create_team, sign_in

WEEK = {
    "mon": {"open": "09:00", "close": "19:00"},
    "tue": {"open": "09:00", "close": "19:00"},
    "wed": {"open": "09:00", "close": "19:00"},
    "thu": {"open": "09:00", "close": "19:00"},
    "fri": {"open": "09:00", "close": "19:00"},
    "sat": {"open": "09:00", "close": "17:00"},
    "sun": None,
}
RULES = Rules(hours=WEEK, timezone="America/New_York")
MINUTES = timedelta(minutes=15)


def ny(day: int, hour: int, minute: int = 0) -> datetime:
    """A New York wall time in the week of Monday 7 December 2026, as UTC (EST is UTC-5)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC) + timedelta(hours=5)


def test_a_person_asked_for_in_opening_hours_is_due_in_minutes() -> None:
    assert reply_deadline(RULES, ny(8, 10), MINUTES, open_time_only=True) == ny(8, 10, 15)


def test_minutes_left_at_closing_time_carry_over_to_the_next_opening() -> None:
    assert reply_deadline(RULES, ny(8, 18, 55), MINUTES, open_time_only=True) == ny(9, 9, 10)
    # Saturday closes at 17:00 and Sunday is closed: Monday morning
    assert reply_deadline(RULES, ny(12, 16, 50), MINUTES, open_time_only=True) == ny(14, 9, 5)


def test_outside_hours_the_deadline_counts_from_the_next_opening() -> None:
    assert reply_deadline(RULES, ny(8, 23, 30), MINUTES, open_time_only=True) == ny(9, 9, 15)
    assert reply_deadline(RULES, ny(13, 12), MINUTES, open_time_only=True) == ny(14, 9, 15)  # Sunday
    assert reply_deadline(RULES, ny(8, 6), timedelta(hours=24), open_time_only=False) == ny(9, 9)
    assert reply_deadline(RULES, ny(8, 12), timedelta(hours=24), open_time_only=False) == ny(9, 12)


def test_a_week_with_no_opening_hours_counts_on_the_clock() -> None:
    closed = Rules(hours={}, timezone="America/New_York")
    assert reply_deadline(closed, ny(13, 12), MINUTES, open_time_only=True) == ny(13, 12, 15)


def test_the_window_is_the_triggers_then_urgency_then_the_default() -> None:
    settings = {"sla_hours": 8, "sla_minutes_urgent": 10}
    assert sla_window(settings, "customer_request", "medium") == (timedelta(minutes=10), True)
    assert sla_window(settings, "other", "urgent") == (timedelta(minutes=10), True)
    assert sla_window(settings, "other", "medium") == (timedelta(hours=8), False)
    assert sla_window(settings, "other", "medium", trigger_minutes=5) == (timedelta(minutes=5), True)
    assert sla_window({}, "customer_request", "low") == (timedelta(minutes=15), True)


def test_a_trigger_may_set_its_own_minutes_within_a_day() -> None:
    def errors(config: dict[str, object]) -> list[str]:
        spec = TriggerSpec.from_dict(
            {"name": "t", "conditions": [{"type": "keyword", "value": ["x"]}], "action_config": config}
        )
        return validate_trigger(spec)

    assert errors({"sla_minutes": 5}) == []
    assert errors({"sla_minutes": 0}) and errors({"sla_minutes": "5"}) and errors({"sla_minutes": 2000})


async def test_a_trigger_with_its_own_minutes_is_saved_through_the_api(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    body = {"name": "Lawyer", "conditions": [{"type": "keyword", "value": ["lawyer"]}]}
    bad = await admin.post("/api/v1/escalation-triggers", json={**body, "action_config": {"sla_minutes": 0}})
    assert bad.status_code == 422 and "sla_minutes" in bad.text
    good = await admin.post("/api/v1/escalation-triggers", json={**body, "action_config": {"sla_minutes": 5}})
    assert good.status_code == 201 and good.json()["action_config"]["sla_minutes"] == 5


async def test_a_breach_alerts_the_managers_once(app: FastAPI, db: Database, worker: Worker) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    lead = (await agent.post("/api/v1/leads", json={"customer": {"email": f"late{team.id}@inbox-mail.net"}})).json()
    async with db.maint_session() as maint, maint.begin():
        conversation = await maint.get(Conversation, lead["conversation_id"])
        assert conversation is not None
        maint.add(
            Handover(
                dealership_id=team.id,
                conversation_id=conversation.id,
                lead_id=conversation.lead_id,
                reason="customer_request",
                sla_due_at=datetime.now(UTC) - timedelta(minutes=5),
                dossier={"customer": {"name": "Late Person"}},
            )
        )
        await defer(maint, "handover.sla_sweep", queue="maintenance", timestamp=0)
    await worker("maintenance")
    async with db.maint_session() as maint, maint.begin():
        await defer(maint, "handover.sla_sweep", queue="maintenance", timestamp=1)  # a later sweep: flagged already
    await worker("maintenance")
    async with db.maint_session() as maint:
        flagged = await maint.scalar(select(Handover.sla_breached_at).where(Handover.lead_id == lead["lead"]["id"]))
        assert flagged is not None
        rows = (
            await maint.execute(
                text(
                    "select args from procrastinate_jobs where task_name = 'showroom:mail.send' "
                    "and args->>'subject' like '%Overdue handover: Late Person'"
                    " and args->'to' ? :manager"
                ),
                {"manager": team.manager.email},
            )
        ).all()
    assert len(rows) == 1
    args = rows[0][0] if isinstance(rows[0][0], dict) else json.loads(rows[0][0])
    assert set(args["to"]) == {team.manager.email, team.admin.email}  # managers and admins, not the salesperson
    assert f"/app/conversations/{lead['conversation_id']}" in args["text"]


async def test_the_triggers_page_adds_a_trigger_with_its_reply_minutes(app: FastAPI, db: Database) -> None:
    from tests.web.test_staff_pages import csrf_of, page_client

    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    token = csrf_of((await client.get("/app/settings/triggers")).text)
    form = {"csrf_token": token, "name": "Fleet", "keywords": "fleet", "action": "handover", "urgency": "medium"}
    bad = await client.post("/app/settings/triggers", data={**form, "sla_minutes": "0"})
    assert bad.status_code == 422 and "sla_minutes" in bad.text
    made = await client.post("/app/settings/triggers", data={**form, "sla_minutes": "5"})
    assert made.status_code == 303
    assert "reply within 5 min" in (await client.get("/app/settings/triggers")).text


async def test_two_sweeps_at_once_alert_once(db: Database) -> None:
    """A periodic sweep and one queued by hand (or two workers) flag the same late handover at the same moment:
    the handover's row lock makes the second find it flagged, so the managers get one e-mail."""
    import asyncio

    from showroom.audit.service import SYSTEM
    from showroom.conversations.sla import flag_breach
    from tests.factories import create_conversation, create_customer, create_lead

    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id)
        conversation = await create_conversation(maint, lead)
        handover = Handover(
            dealership_id=team.id,
            conversation_id=conversation.id,
            lead_id=lead.id,
            reason="customer_request",
            sla_due_at=datetime.now(UTC) - timedelta(minutes=5),
            dossier={"customer": {"name": "Twice Late"}},
        )
        maint.add(handover)
    flagged: list[bool] = []

    async def second() -> None:
        async with db.session(team.id) as session, session.begin():
            flagged.append(
                await flag_breach(
                    session, handover.id, SYSTEM, base_url="http://showroom.test", sender="showroom@example.com"
                )
            )

    async with db.session(team.id) as session, session.begin():
        flagged.append(
            await flag_breach(
                session, handover.id, SYSTEM, base_url="http://showroom.test", sender="showroom@example.com"
            )
        )
        racing = asyncio.create_task(second())
        await asyncio.sleep(0.5)  # the second sweep runs now: it must wait for this one's commit
    await racing
    assert flagged == [True, False]
    async with db.maint_session() as maint:
        mails = await maint.scalar(
            text(
                "select count(*) from procrastinate_jobs where task_name = 'showroom:mail.send' "
                "and args->>'subject' like '%Overdue handover: Twice Late'"
            )
        )
    assert mails == 1
