"""What happens after the request: a new lead's first AI reply, delivery retries, e-mail replies, SLA breaches."""

from __future__ import annotations

import email as email_lib
from datetime import UTC, datetime, timedelta
from email.policy import default as default_policy

from fastapi import FastAPI
from sqlalchemy import select, text

from showroom.db.engine import Database
from showroom.mail import outbox_messages
from showroom.models import Conversation, Handover, Message
from showroom.queue import defer
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team
from tests.conftest import Worker, new_client
from tests.helpers import sign_in


async def test_a_new_lead_gets_its_first_ai_reply_by_email(
    app: FastAPI, db: Database, settings: Settings, worker: object
) -> None:
    team = await stocked_team(app, db)
    admin = await sign_in(app, team.admin.email)
    key = (await admin.post("/api/v1/api-keys", json={"name": "site", "scopes": ["leads:write"]})).json()["key"]
    client = new_client(app)
    client.headers["Authorization"] = f"Bearer {key}"
    address = f"shopper-{team.id}@inbox-mail.net"
    created = await client.post(
        "/api/v1/leads",
        json={
            "customer": {"first_name": "Robin", "email": address},
            "vehicles": [{"year": 2024, "make": "Hyundai", "model": "Tucson"}],
            "message": "Is the Tucson still available? What colours do you have?",
        },
    )
    conversation_id = created.json()["conversation_id"]
    await worker("agent", "delivery")
    async with db.maint_session() as maint:
        reply = await maint.scalar(
            select(Message).where(Message.conversation_id == conversation_id, Message.sender == "ai")
        )
    assert reply is not None and reply.channel == "email" and reply.delivery_status == "sent"
    assert "Tucson" in reply.content
    mail = [
        email_lib.message_from_bytes(p.read_bytes(), policy=default_policy) for p in outbox_messages(settings.data_dir)
    ]
    sent = [m for m in mail if address in str(m["To"])]
    assert sent and sent[-1]["Message-ID"] == reply.external_message_id
    assert reply.external_message_id == f"<{reply.id}@showroom.local>"  # the message id: the same if re-sent
    await worker("agent", "delivery")
    async with db.maint_session() as maint:  # running the job again changes nothing
        count = await maint.scalar(
            select(text("count(*)"))
            .select_from(Message)
            .where(Message.conversation_id == conversation_id, Message.sender == "ai")
        )
    assert count == 1


async def test_email_replies_thread_into_the_conversation(
    app: FastAPI, db: Database, settings: Settings, worker: object
) -> None:
    from showroom.app import create_app

    team = await stocked_team(app, db)
    admin = await sign_in(app, team.admin.email)
    key = (await admin.post("/api/v1/api-keys", json={"name": "site", "scopes": ["leads:write"]})).json()["key"]
    client = new_client(app)
    client.headers["Authorization"] = f"Bearer {key}"
    created = await client.post(
        "/api/v1/leads", json={"customer": {"email": f"r{team.id}@inbox-mail.net"}, "message": "Any Santa Fe in stock?"}
    )
    conversation_id = created.json()["conversation_id"]
    await worker("agent", "delivery")
    async with db.maint_session() as maint:
        first = await maint.scalar(
            select(Message).where(Message.conversation_id == conversation_id, Message.sender == "ai")
        )
    assert first is not None
    hooked = Settings.model_validate({**settings.model_dump(), "webhook_secret": "hook-secret"})
    application = create_app(hooked, database=db)
    async with application.router.lifespan_context(application):
        hook = new_client(application)
        body = {
            "from": f"Robin <r{team.id}@inbox-mail.net>",
            "to": f"{team.dealership.subdomain}@mail.example",
            "subject": "Re: your enquiry",
            "message_id": "<reply-1@example.com>",
            "in_reply_to": first.external_message_id,
            "text": "Yes please, can I see it Saturday?\n\nOn Mon, Dealer wrote:\n> Any Santa Fe in stock?",
        }
        response = await hook.post("/api/v1/webhooks/email", json=body, headers={"Authorization": "Bearer hook-secret"})
        assert response.status_code == 201, response.text
        again = await hook.post("/api/v1/webhooks/email", json=body, headers={"Authorization": "Bearer hook-secret"})
        assert again.status_code == 200 and again.json()["duplicate"] is True
        assert (await hook.post("/api/v1/webhooks/email", json=body)).status_code == 401
    assert response.json()["conversation_id"] == conversation_id
    async with db.maint_session() as maint:
        inbound = await maint.scalar(select(Message).where(Message.id == response.json()["message_id"]))
    assert inbound is not None and inbound.content == "Yes please, can I see it Saturday?"


async def test_failed_sms_is_visible_and_retried(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await stocked_team(app, db)
    broken = Settings.model_validate({**settings.model_dump(), "sms_webhook_url": "http://127.0.0.1:9/sms"})
    agent = await sign_in(app, team.agent.email)
    lead = (await agent.post("/api/v1/leads", json={"customer": {"phone": "312-555-0166"}})).json()
    conversation = (
        await agent.post("/api/v1/conversations", json={"lead_id": lead["lead"]["id"], "channel": "sms"})
    ).json()
    reply = await agent.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        json={"content": "Hi! It's Sam from the dealership."},
    )
    assert reply.json()["delivery_status"] == "queued"  # sent by a job once the request's transaction commits
    await worker("delivery", settings=broken)
    async with db.maint_session() as maint:
        message = await maint.get(Message, reply.json()["id"])
        retries = await maint.scalar(
            text(
                "select count(*) from procrastinate_jobs where task_name = "
                "'showroom:message.deliver' and args->>'message_id' = :m and status = 'todo' and "
                "scheduled_at > now()"
            ),
            {"m": reply.json()["id"]},
        )
    assert message is not None and message.delivery_status == "failed"
    assert message.delivery_error and "unreachable" in message.delivery_error
    assert retries == 1


async def test_sla_sweep_flags_unclaimed_handovers(app: FastAPI, db: Database, worker: Worker) -> None:
    team = await stocked_team(app, db)
    agent = await sign_in(app, team.agent.email)
    lead = (await agent.post("/api/v1/leads", json={"customer": {"email": f"late{team.id}@inbox-mail.net"}})).json()
    conversation_id = lead["conversation_id"]
    taken = await agent.post(f"/api/v1/conversations/{conversation_id}/take-over")
    assert taken.status_code == 200
    await agent.post(f"/api/v1/conversations/{conversation_id}/hand-back", json={})
    async with db.maint_session() as maint, maint.begin():
        conversation = await maint.get(Conversation, conversation_id)
        assert conversation is not None
        maint.add(
            Handover(
                dealership_id=team.id,
                conversation_id=conversation.id,
                lead_id=conversation.lead_id,
                reason="pricing_negotiation",
                sla_due_at=datetime.now(UTC) - timedelta(minutes=5),
            )
        )
        await defer(maint, "handover.sla_sweep", queue="maintenance", timestamp=0)  # as the cron would
    await worker("maintenance")
    queue = (await agent.get("/api/v1/handovers")).json()
    mine = [h for h in queue if h["conversation_id"] == conversation_id]
    assert mine and mine[0]["sla_breached_at"] and mine[0]["sla_seconds_left"] < 0 and mine[0]["urgency"] == "high"


async def test_the_leads_own_question_opens_its_conversation_and_the_first_reply_answers_it(
    app: FastAPI, db: Database, worker: Worker
) -> None:
    team = await stocked_team(app, db)
    admin = await sign_in(app, team.admin.email)
    question = "Is the red Santa Fe hybrid still available?"
    created = await admin.post(
        "/api/v1/leads",
        json={"customer": {"first_name": "Ana", "email": f"ana-{team.id}@inbox-mail.net"}, "message": question},
    )
    conversation_id = created.json()["conversation_id"]
    await worker("agent", "delivery")
    async with db.maint_session() as maint:
        thread = (
            await maint.scalars(
                select(Message).where(Message.conversation_id == conversation_id).order_by(Message.created_at)
            )
        ).all()
        conversation = await maint.get(Conversation, conversation_id)
    assert [m.sender for m in thread][:2] == ["customer", "ai"]
    enquiry, reply = thread[0], thread[1]
    assert enquiry.content == question and enquiry.type == "inbound"
    assert reply.in_reply_to == enquiry.id and "Santa Fe" in reply.content
    assert conversation is not None and conversation.message_count == len(thread)
