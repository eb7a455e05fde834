"""What a turn does besides answering: greetings by name, triggers' tags and e-mails, mail as jobs, dossiers,
read marks, and e-mail replies that reach an archived conversation."""

from __future__ import annotations

import email as email_lib
import uuid
from datetime import UTC, datetime
from email.policy import default as default_policy
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text

from showroom.agent.personas import greeting_name
from showroom.brain.suggest import _hello
from showroom.conversations.hours import auto_greeting
from showroom.conversations.service import mark_conversation_read
from showroom.db.engine import Database
from showroom.mail import outbox_messages
from showroom.models import AuditLog, Conversation, Customer, Dealership, Handover, LeadActivity, Message
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.conftest import Worker, new_client
from tests.helpers import sign_in


def _mail(settings: Settings) -> list[email_lib.message.EmailMessage]:
    return [
        email_lib.message_from_bytes(p.read_bytes(), policy=default_policy)  # type: ignore[misc]
        for p in outbox_messages(settings.data_dir)
    ]


@pytest.mark.parametrize(
    ("first", "full", "expected"),
    [
        (None, "Unknown", None),  # intake's name for an anonymous visitor
        ("", "  ", None),
        (None, "Maria Lopez", "Maria"),
        ("Robin", "Robin Hood", "Robin"),
        (" Sam ", "Unknown", "Sam"),
    ],
)
def test_one_rule_for_the_name_a_customer_is_greeted_by(first: str | None, full: str, expected: str | None) -> None:
    customer = Customer(first_name=first, full_name=full)
    assert greeting_name(customer) == expected
    assert _hello(greeting_name(customer)) == (f"Hi {expected}, " if expected else "Hi, ")
    template = "Hi {{customer_first_name}}"
    dealership = Dealership(
        name="Lakeside", timezone="UTC", agent_config={"greeting_template": template, "away_template": template}
    )
    assert auto_greeting(dealership, customer, datetime.now(UTC)) == f"Hi {expected or 'there'}"


def test_suggested_replies_never_greet_a_vehicle() -> None:
    assert _hello("Tucson") == "Hi, "  # the same check as the AI's own greeting (compose.safe_name)


async def test_an_anonymous_visitor_is_not_greeted_as_unknown(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    anonymous = await visitor(app).post(f"/api/v1/widget/{sub}/messages", json={"content": "hello"})
    assert anonymous.status_code == 201, anonymous.text
    greeting = anonymous.json()["replies"][0]["content"]
    assert "Unknown" not in greeting
    named = await visitor(app).post(
        f"/api/v1/widget/{sub}/messages", json={"content": "hello", "name": "maria de la Cruz"}
    )
    assert "Maria" in named.json()["replies"][0]["content"]


async def _trigger(app: FastAPI, team: Any, **body: Any) -> None:
    admin = await sign_in(app, team.admin.email)
    created = await admin.post(
        "/api/v1/escalation-triggers",
        json={"conditions": [{"type": "keyword", "value": ["flooded"]}], "priority": 1, **body},
    )
    assert created.status_code == 201, created.text


async def test_a_notify_trigger_with_one_address_mails_that_address(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await stocked_team(app, db)
    address = f"alerts-{team.id}@dealer.example"
    await _trigger(app, team, name="Flood question", action="notify", action_config={"emails": address})
    asked = await visitor(app).post(
        f"/api/v1/widget/{team.dealership.subdomain}/messages", json={"content": "was this car ever flooded?"}
    )
    assert asked.status_code == 201 and asked.json()["replies"]  # a heads-up, and the AI still answers
    await worker("mail")
    sent = [m for m in _mail(settings) if "Heads-up" in str(m["Subject"]) and address in str(m["To"])]
    assert sent and str(sent[-1]["To"]) == address


async def test_a_new_leads_first_reply_applies_tag_triggers_like_any_message(
    app: FastAPI, db: Database, worker: Worker
) -> None:
    team = await stocked_team(app, db)
    await _trigger(app, team, name="Flood check", action="tag", action_config={"tag": "flood"})
    agent = await sign_in(app, team.agent.email)
    created = await agent.post(
        "/api/v1/leads",
        json={"customer": {"email": f"f{team.id}@inbox-mail.net"}, "message": "Was the Tucson ever flooded?"},
    )
    assert created.status_code == 201, created.text
    conversation_id = created.json()["conversation_id"]
    await worker("agent", "delivery")
    async with db.maint_session() as maint:
        conversation = await maint.get(Conversation, conversation_id)
        assert conversation is not None
        notes = (
            await maint.scalars(select(LeadActivity.description).where(LeadActivity.lead_id == conversation.lead_id))
        ).all()
        audited = (
            await maint.scalars(
                select(AuditLog.after).where(
                    AuditLog.resource_id == str(conversation.id), AuditLog.action == "conversation.update"
                )
            )
        ).all()
        answered = await maint.scalar(
            select(func.count()).select_from(Message).where(Message.conversation_id == conversation.id)
        )
    assert "flood" in conversation.tags
    assert any("Escalation trigger 'Flood check' fired" in n for n in notes)
    assert {"tags": conversation.tags} in audited
    assert answered  # a tag does not stop the first reply


async def test_a_mail_server_outage_does_not_lose_the_customers_message(db: Database, settings: Settings) -> None:
    from showroom.app import create_app

    broken = Settings.model_validate({**settings.model_dump(), "smtp_url": "smtp://127.0.0.1:9"})
    application = create_app(broken, database=db)
    async with application.router.lifespan_context(application):
        team = await stocked_team(application, db)
        guest = visitor(application)
        human = await guest.post(
            f"/api/v1/widget/{team.dealership.subdomain}/messages",
            json={"content": "can I talk to a real person? a manager please"},
        )
    assert human.status_code == 201, human.text  # the SMTP server is not called inside the turn
    assert human.json()["handed_over"] is True
    async with db.maint_session() as maint:
        queued = (
            await maint.execute(
                text(
                    "select args from procrastinate_jobs where task_name = 'showroom:mail.send' "
                    "and args->'to' ? 'desk@dealer.example' and args->>'subject' like :s"
                ),
                {"s": f"%{team.dealership.name}%Handover%"},
            )
        ).all()
    assert len(queued) == 1 and queued[0].args["html"]


async def test_the_dossier_states_each_fact_once(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    guest = visitor(app)
    sub = team.dealership.subdomain
    said = "Looking for an AWD SUV under 40k this week"
    first = await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": said})
    token = first.json()["token"]
    await guest.post(f"/api/v1/widget/{sub}/messages", json={"token": token, "content": said})
    human = await guest.post(
        f"/api/v1/widget/{sub}/messages", json={"token": token, "content": "can I talk to a real person please"}
    )
    assert human.json()["handed_over"] is True
    async with db.maint_session() as maint:
        handover = await maint.scalar(
            select(Handover).where(Handover.conversation_id == first.json()["conversation_id"])
        )
    assert handover is not None
    facts = [(i["key"], i["value"]) for i in handover.dossier["insights"]]
    assert any(key == "budget" for key, _ in facts)
    assert len(facts) == len(set(facts))
    assert [t["text"] for t in handover.dossier["history"] if t["sender"] == "customer"][-1].startswith("can I talk")


async def test_opening_a_conversation_marks_it_read_with_one_audit_row(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    guest = visitor(app)
    sub = team.dealership.subdomain
    first = await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "any Tucsons?"})
    await guest.post(f"/api/v1/widget/{sub}/messages", json={"token": first.json()["token"], "content": "and AWD?"})
    conversation_id = uuid.UUID(first.json()["conversation_id"])
    agent = await sign_in(app, team.agent.email)
    assert (await agent.get(f"/app/conversations/{conversation_id}")).status_code == 200
    async with db.session(team.id, team.agent.id) as session, session.begin():
        assert await mark_conversation_read(session, conversation_id, team_actor(team)) == 0  # the page did it
    async with db.maint_session() as maint:
        unread = await maint.scalar(
            select(func.count())
            .select_from(Message)
            .where(Message.conversation_id == conversation_id, Message.type == "inbound", Message.is_read.is_(False))
        )
        audited = (
            await maint.scalars(
                select(AuditLog).where(
                    AuditLog.resource_id == str(conversation_id), AuditLog.action == "conversation.read"
                )
            )
        ).all()
    assert unread == 0
    assert len(audited) == 1 and audited[0].after == {"messages_read": 2} and audited[0].user_id == team.agent.id


def team_actor(team: Any) -> Any:
    from showroom.audit.service import Actor

    return Actor(type="user", user_id=team.agent.id)


async def test_making_a_persona_the_default_audits_the_one_it_replaces(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    manager = await sign_in(app, team.manager.email)
    before = next(p for p in (await manager.get("/api/v1/personas")).json() if p["is_default"])
    sam = await manager.post("/api/v1/personas", json={"name": "Sam", "prompt_template": "You are {{persona_name}}"})
    promoted = await manager.patch(f"/api/v1/personas/{sam.json()['id']}", json={"is_default": True})
    assert promoted.status_code == 200, promoted.text
    async with db.maint_session() as maint:
        audited = (
            await maint.scalars(
                select(AuditLog).where(
                    AuditLog.resource_type == "persona",
                    AuditLog.resource_id == str(before["id"]),
                    AuditLog.action == "persona.update",
                )
            )
        ).all()
    assert [(a.before, a.after, a.user_id) for a in audited] == [
        ({"is_default": True}, {"is_default": False}, team.manager.id)
    ]


async def test_an_email_reply_to_an_archived_conversation_starts_a_new_one(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    from showroom.app import create_app

    team = await stocked_team(app, db)
    admin = await sign_in(app, team.admin.email)
    address = f"again{team.id}@inbox-mail.net"
    created = await admin.post("/api/v1/leads", json={"customer": {"email": address}, "message": "Any Santa Fe?"})
    old = created.json()["conversation_id"]
    await worker("agent", "delivery")
    async with db.maint_session() as maint:
        first = await maint.scalar(select(Message).where(Message.conversation_id == old, Message.sender == "ai"))
    assert first is not None and first.external_message_id
    assert (await admin.delete(f"/api/v1/conversations/{old}")).status_code == 200
    hooked = Settings.model_validate({**settings.model_dump(), "webhook_secret": "hook-secret"})
    application = create_app(hooked, database=db)
    async with application.router.lifespan_context(application):
        hook = new_client(application)
        hook.headers["Authorization"] = "Bearer hook-secret"
        body = {
            "from": address,
            "to": f"{team.dealership.subdomain}@mail.example",
            "message_id": f"<back-{team.id}@example.com>",
            "in_reply_to": first.external_message_id,
            "text": "I'm back: is the Santa Fe still there?",
        }
        reply = await hook.post("/api/v1/webhooks/email", json=body)
        empty = await hook.post(
            "/api/v1/webhooks/email", json={**body, "to": "nobody@nowhere.example", "text": "  \n "}
        )
    assert reply.status_code == 201, reply.text
    assert reply.json()["conversation_id"] != old
    async with db.maint_session() as maint:  # the same enquiry today: the new conversation is on the same lead
        reopened = await maint.get(Conversation, uuid.UUID(reply.json()["conversation_id"]))
    assert reopened is not None and str(reopened.lead_id) == created.json()["lead"]["id"]
    assert reopened.channel == "email" and reopened.subject == "E-mail enquiry"
    assert empty.status_code == 422 and empty.json()["field"] == "text"  # checked before any lookup
