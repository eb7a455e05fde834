"""A channel per cadence step (issue 18): ``{day, channel}`` steps (``same``, ``sms``, ``email``, ``call``), plain day
numbers still read; a step goes on its channel when the customer can be reached there, else on one they can (and
says why), never without consent; a ``call`` step is a task for the lead's salesperson, e-mailed when due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select, text, update

from showroom.conversations.followup_tasks import choose_channel, send_step
from showroom.db.engine import Database
from showroom.followups import service as followups
from showroom.leads.consent import record as consent_record
from showroom.models import Conversation, Customer, Dealership, FollowUp, Lead, Message
from showroom.services import Services
from showroom.settings import Settings
from tests.appointments.support import Shop, create_shop
from tests.factories import create_conversation, create_message
from tests.helpers import sign_in


async def _enter(db: Database, shop: Shop, steps: list[followups.Step], channel: str = "chat") -> Conversation:
    async with db.maint_session() as maint, maint.begin():
        conversation = await create_conversation(maint, shop.lead, channel=channel)
        await create_message(maint, conversation, created_at=datetime.now(UTC) - timedelta(minutes=5))
    async with db.session(shop.team.id) as session, session.begin():
        fresh = await session.get(Conversation, conversation.id)
        assert fresh is not None
        await followups.enter(session, fresh, steps)
    return conversation


async def _customer(db: Database, shop: Shop, **values: object) -> None:
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(update(Customer).where(Customer.id == shop.customer.id).values(**values))


async def _send_due(db: Database, settings: Settings, shop: Shop, template: str) -> tuple[str, FollowUp]:
    async with db.maint_session() as maint, maint.begin():
        row = await maint.scalar(
            select(FollowUp).where(FollowUp.lead_id == shop.lead.id, FollowUp.template == template)
        )
        assert row is not None
        row.scheduled_at = datetime.now(UTC) - timedelta(minutes=1)
    async with db.session(shop.team.id) as session:
        outcome = await send_step(session, Services.build(settings, db), row.id)
    async with db.maint_session() as maint:
        fresh = await maint.get(FollowUp, row.id)
        assert fresh is not None
    return outcome, fresh


async def _ai_messages(db: Database, shop: Shop) -> list[tuple[str, str, str]]:
    async with db.maint_session() as maint:
        rows = await maint.execute(
            select(Conversation.channel, Message.channel, Message.delivery_status)
            .join(Message, Message.conversation_id == Conversation.id)
            .where(Conversation.lead_id == shop.lead.id, Message.sender == "ai")
        )
        return [tuple(r) for r in rows.all()]  # type: ignore[misc]


async def test_the_api_takes_steps_with_a_channel_and_still_plain_days(app: FastAPI, db: Database) -> None:
    shop = await create_shop(db)
    admin = await sign_in(app, shop.team.admin.email)
    steps = [1, {"day": 2, "channel": "sms"}, {"day": 4, "channel": "email"}, {"day": 7, "channel": "call"}]
    saved = await admin.patch("/api/v1/dealership", json={"agent_config": {"follow_up_days": steps}})
    assert saved.status_code == 200, saved.text
    assert saved.json()["agent_config"]["follow_up_days"] == [
        {"day": 1, "channel": "same"},
        {"day": 2, "channel": "sms"},
        {"day": 4, "channel": "email"},
        {"day": 7, "channel": "call"},
    ]
    handover = saved.json()["agent_config"]["handover_follow_up_days"]
    assert handover == [{"day": 1, "channel": "same"}, {"day": 3, "channel": "call"}, {"day": 7, "channel": "call"}]
    bad = {
        "negative": ([{"day": -1, "channel": "sms"}], "agent_config.follow_up_days.0.day", "negative"),
        "channel": ([{"day": 1, "channel": "fax"}], "agent_config.follow_up_days.0.channel", "sms"),
        "unsorted": ([4, 2], "agent_config.follow_up_days", "order"),
        "twice": ([2, {"day": 2, "channel": "sms"}], "agent_config.follow_up_days", "twice"),
    }
    for case, (value, field, words) in bad.items():
        response = await admin.patch("/api/v1/dealership", json={"agent_config": {"follow_up_days": value}})
        assert response.status_code == 422, (case, response.text)
        body = response.json()
        assert body["field"] == field and words in body["detail"], (case, body)
    other = await admin.patch("/api/v1/dealership", json={"agent_config": {"handover_follow_up_days": [3, 1]}})
    assert other.status_code == 422 and other.json()["field"] == "agent_config.handover_follow_up_days"


async def test_stored_plain_days_are_read_as_steps_on_the_conversation_s_channel(db: Database) -> None:
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        dealership = await maint.get(Dealership, shop.team.id)
        assert dealership is not None
        dealership.agent_config = {**dealership.agent_config, "follow_up_days": [2, 5]}
    config = dealership.agent_config
    assert followups.cadence(config) == (followups.Step(2), followups.Step(5))
    assert followups.cadence({}) == followups.DEFAULT_CADENCE
    mixed = {"follow_up_days": [1, {"day": 3, "channel": "call"}]}
    assert followups.cadence(mixed) == (followups.Step(1), followups.Step(3, "call"))


async def test_a_step_goes_on_its_preferred_channel_in_the_lead_s_conversation_there(
    db: Database, settings: Settings
) -> None:
    shop = await create_shop(db)  # the customer has an e-mail address; the lead talked in the chat
    chat = await _enter(db, shop, [followups.Step(1, "email")])
    outcome, row = await _send_due(db, settings, shop, "cadence:day1")
    assert outcome == "sent" and row.channel == "email" and row.channel_note is None
    assert row.preferred_channel == "email" and row.conversation_id != chat.id
    assert await _ai_messages(db, shop) == [("email", "email", "queued")]


async def test_a_text_without_consent_falls_back_to_e_mail_and_says_so(db: Database, settings: Settings) -> None:
    shop = await create_shop(db)
    await _customer(db, shop, phone="+13125550142", phone_e164="+13125550142", sms_consent=None)
    await _enter(db, shop, [followups.Step(1, "sms")], channel="sms")
    outcome, row = await _send_due(db, settings, shop, "cadence:day1")
    assert outcome == "sent" and row.channel == "email", (outcome, row.channel)
    assert row.channel_note is not None and "sms preferred" in row.channel_note
    assert "not agreed to automated texts" in row.channel_note and "sent by email" in row.channel_note
    assert await _ai_messages(db, shop) == [("email", "email", "queued")]  # nothing by text


async def test_with_consent_the_text_goes_and_without_any_channel_nothing_is_sent(
    db: Database, settings: Settings
) -> None:
    shop = await create_shop(db)
    consent = consent_record("web form", "I agree to texts")
    await _customer(db, shop, phone="+13125550143", phone_e164="+13125550143", sms_consent=consent)
    await _enter(db, shop, [followups.Step(1, "sms"), followups.Step(2)], channel="email")
    outcome, row = await _send_due(db, settings, shop, "cadence:day1")
    assert outcome == "sent" and row.channel == "sms" and row.channel_note is None
    assert await _ai_messages(db, shop) == [("sms", "sms", "queued")]
    # the customer withdraws consent to texts and has no e-mail address: the next step has nowhere to go
    await _customer(db, shop, sms_consent=None, email=None, email_normalized=None)
    outcome, row = await _send_due(db, settings, shop, "cadence:day2")
    assert outcome.startswith("cancelled: no channel"), outcome
    assert row.status == "cancelled" and "no e-mail address" in (row.cancelled_reason or "")
    assert "not agreed to automated texts" in (row.cancelled_reason or "")
    assert len(await _ai_messages(db, shop)) == 1


def test_the_fallback_order_prefers_the_conversation_s_channel_then_e_mail_then_texts() -> None:
    customer = Customer(email="a@b.example", email_normalized="a@b.example", phone_e164="+13125550100")
    customer.sms_consent, customer.opted_out, customer.opted_out_channels, customer.contact_flags = None, False, {}, {}
    assert choose_channel(customer, "same", "email") == ("email", None)
    channel, note = choose_channel(customer, "sms", "chat")
    assert channel == "email" and note is not None and note.startswith("sms preferred")
    customer.opted_out_channels = {"email": True}
    customer.sms_consent = consent_record("form", "yes")
    assert choose_channel(customer, "email", "chat")[0] == "sms"
    customer.sms_consent = None
    assert choose_channel(customer, "email", "chat")[0] == "chat"  # the widget still reads its conversation
    assert choose_channel(customer, "email", "sms") == (None, choose_channel(customer, "email", "sms")[1])


async def test_a_call_step_is_a_task_for_the_salesperson_e_mailed_when_due_and_a_reply_stops_it(
    db: Database, settings: Settings
) -> None:
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(update(Lead).where(Lead.id == shop.lead.id).values(assigned_user_id=shop.team.agent.id))
    conversation = await _enter(db, shop, [followups.Step(1, "call"), followups.Step(3, "call")])
    async with db.maint_session() as maint:
        rows = (await maint.scalars(select(FollowUp).where(FollowUp.lead_id == shop.lead.id))).all()
    assert {(r.kind, r.channel, r.assigned_user_id) for r in rows} == {("staff_reminder", "phone", shop.team.agent.id)}
    outcome, row = await _send_due(db, settings, shop, "cadence:day1")
    assert outcome == "reminded" and row.status == "sent"
    async with db.maint_session() as maint:
        mails = (
            await maint.execute(
                text("select args from procrastinate_jobs where task_name = 'showroom:mail.send' and args->'to' ? :to"),
                {"to": shop.team.agent.email},
            )
        ).all()
    assert len(mails) == 1 and "day 1 step" in mails[0].args["text"], mails
    async with db.maint_session() as maint, maint.begin():  # the customer answers before the next call is due
        await create_message(maint, conversation, content="sorry, busy week", created_at=datetime.now(UTC))
    outcome, row = await _send_due(db, settings, shop, "cadence:day3")
    assert outcome == "stopped: the customer replied" and row.status == "cancelled"
