"""What a variant changes beyond the persona's words, and what its answers record (issue 17): the arm on the AI's
messages (``messages.variant_id``), the answer's response time (``prompt_metrics``), the builtin agent's visit
ask, and the follow-up cadence of the conversations in it (promoted with the winner)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select

from showroom.conversations.tasks import first_reply
from showroom.db.engine import Database
from showroom.models import AuditLog, Dealership, FollowUp, Message, PromptMetric, PromptVariant
from showroom.services import Services
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.appointments.support import create_shop
from tests.factories import create_conversation, create_experiment, create_lead, create_message
from tests.helpers import sign_in

VISIT = "Shall we book you a test drive this week?"


async def _variant(db: Database, experiment_id: int, name: str, settings: dict[str, object]) -> PromptVariant:
    async with db.maint_session() as maint, maint.begin():
        variant = await maint.scalar(
            select(PromptVariant).where(PromptVariant.experiment_id == experiment_id, PromptVariant.name == name)
        )
        assert variant is not None
        variant.settings = settings
    return variant


async def test_the_ai_messages_carry_the_variant_and_each_answer_records_its_response_time(
    app: FastAPI, db: Database
) -> None:
    team = await stocked_team(app, db)
    async with db.maint_session() as maint, maint.begin():
        experiment = await create_experiment(maint, team.id, status="running", weights=(0, 100))
    b = await _variant(db, experiment.id, "B", {"visit_request": VISIT})
    guest = visitor(app)
    sub = team.dealership.subdomain
    first = (await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "what are your hours"})).json()
    assert first["replies"][0]["content"].endswith(VISIT)  # the builtin agent asks for a visit in B's words
    token = first["token"]
    await guest.post(f"/api/v1/widget/{sub}/messages", json={"token": token, "content": "do you have a used Tucson?"})
    conversation_id = uuid.UUID(first["conversation_id"])
    async with db.maint_session() as maint:
        messages = (
            await maint.scalars(
                select(Message).where(Message.conversation_id == conversation_id).order_by(Message.created_at)
            )
        ).all()
        events = (
            await maint.execute(
                select(PromptMetric.metric_name, PromptMetric.metric_value, PromptMetric.message_id).where(
                    PromptMetric.conversation_id == conversation_id
                )
            )
        ).all()
    answers = [m for m in messages if m.sender == "ai"]
    assert len(answers) == 2 and all(m.variant_id == b.id for m in answers)
    assert all(m.variant_id is None for m in messages if m.sender == "customer")
    timed = {e.message_id: float(e.metric_value) for e in events if e.metric_name == "response_time_ms"}
    assert timed == {m.id: float(m.processing_time or 0) for m in answers}
    assert not [e for e in events if e.metric_name == "tokens_used"]  # the builtin agent uses none

    manager = await sign_in(app, team.manager.email)
    stopped = await manager.post(f"/api/v1/experiments/{experiment.id}/stop", json={"decision": "enough"})
    assert stopped.status_code == 200, stopped.text
    later = await visitor(app).post(f"/api/v1/widget/{sub}/messages", json={"content": "what are your hours"})
    later_id = uuid.UUID(later.json()["conversation_id"])
    async with db.maint_session() as maint:
        outside = (
            await maint.scalars(select(Message).where(Message.conversation_id == later_id, Message.sender == "ai"))
        ).all()
    assert outside and all(m.variant_id is None for m in outside)
    assert not later.json()["replies"][0]["content"].endswith(VISIT)


async def test_a_variant_sets_the_follow_up_cadence_of_its_conversations_and_its_promotion_the_dealerships(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        experiment = await create_experiment(maint, shop.team.id, status="running", weights=(0, 100))
        own = await maint.get(Dealership, shop.team.id)
        assert own is not None  # the dealership's cadence: its second step is a call to make
        steps = [1, {"day": 2, "channel": "call"}, 4, 7, 13]
        own.agent_config = {**(own.agent_config or {}), "follow_up_days": steps}
    b = await _variant(db, experiment.id, "B", {"follow_up_days": [3, 10]})
    services = Services.build(settings, db)
    created = {}
    for name, start in (("in", datetime.now(UTC)), ("before", datetime.now(UTC) - timedelta(days=1))):
        async with db.maint_session() as maint, maint.begin():
            lead = await create_lead(maint, shop.team.id, shop.customer.id, status="qualified")
            conversation = await create_conversation(maint, lead, channel="chat", created_at=start)
            await create_message(maint, conversation, content="Do you have a Tucson?", created_at=start)
        created[name] = conversation
        async with db.session(shop.team.id) as session:
            result = await first_reply(session, services, str(conversation.id))
        assert result == "replied", (name, result)
    async with db.maint_session() as maint:
        rows = (await maint.scalars(select(FollowUp).order_by(FollowUp.scheduled_at))).all()
    days = {}
    for name, conversation in created.items():
        mine = [r for r in rows if r.conversation_id == conversation.id]
        days[name] = [round((r.scheduled_at - mine[0].created_at).total_seconds() / 86400) for r in mine]
    assert days == {"in": [3, 10], "before": [1, 2, 4, 7, 13]}  # B's; created before the start: the dealership's

    manager = await sign_in(app, shop.team.manager.email)
    stop = {"decision": "B keeps more customers talking", "winner_variant_id": b.id, "promote": True}
    stopped = await manager.post(f"/api/v1/experiments/{experiment.id}/stop", json=stop)
    assert stopped.status_code == 200, stopped.text
    async with db.maint_session() as maint:
        dealership = await maint.get(Dealership, shop.team.id)
        audited = await maint.scalar(
            select(AuditLog).where(AuditLog.dealership_id == shop.team.id, AuditLog.action == "dealership.update")
        )
    assert dealership is not None and dealership.agent_config["follow_up_days"] == [
        {"day": 3, "channel": "same"},  # the winner's days, each on the channel its place had: a call stays a call
        {"day": 10, "channel": "call"},
    ]
    assert audited is not None and audited.after["experiment_id"] == experiment.id
