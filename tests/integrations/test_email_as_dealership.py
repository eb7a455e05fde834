"""A conversation's e-mails go out under the dealership's name, with a Reply-To that brings the customer's answer
back into the same conversation (even without In-Reply-To, even when a newer conversation exists); a made-up reply
address routes nowhere. Over a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from email.utils import parseaddr

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from showroom.conversations.reply_address import replied_conversation, reply_address
from showroom.db.engine import Database
from showroom.models import Lead, Message
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team
from tests.conftest import Worker, new_client
from tests.factories import create_conversation
from tests.helpers import sign_in
from tests.integrations.conftest import Inbox

DOMAIN = "reply.showroom.test"


@pytest.fixture
async def mailing_app(smtp: tuple[Settings, Inbox], db: Database) -> AsyncIterator[tuple[FastAPI, Settings, Inbox]]:
    from showroom.app import create_app

    configured, inbox = smtp
    settings = Settings.model_validate(
        {**configured.model_dump(), "inbound_email_domain": DOMAIN, "webhook_secret": "hook-secret"}
    )
    application = create_app(settings, database=db)
    async with application.router.lifespan_context(application):
        yield application, settings, inbox


async def test_replies_go_out_as_the_dealership_and_the_answer_comes_back_to_the_same_conversation(
    mailing_app: tuple[FastAPI, Settings, Inbox], db: Database, worker: Worker
) -> None:
    app, settings, inbox = mailing_app
    team = await stocked_team(app, db)
    admin = await sign_in(app, team.admin.email)
    address = f"robin{team.id}@inbox-mail.net"
    created = await admin.post("/api/v1/leads", json={"customer": {"email": address}, "message": "Any Santa Fe?"})
    conversation_id = created.json()["conversation_id"]
    await worker("agent", "delivery", settings=settings)

    [sent] = inbox.to(address)
    name, sender = parseaddr(sent["From"])
    assert (name, sender) == (team.dealership.name, "no-reply@showroom.test")
    reply_to = sent["Reply-To"]
    assert reply_to == reply_address(settings, team.id, uuid.UUID(conversation_id))
    assert reply_to.endswith(f"@{DOMAIN}") and len(reply_to.split("@")[0]) <= 64

    async with db.maint_session() as maint, maint.begin():  # a newer e-mail conversation of the same customer
        lead = await maint.get(Lead, uuid.UUID(created.json()["lead"]["id"]))
        assert lead is not None
        newer = await create_conversation(maint, lead, channel="email", subject="Another question")
    hook = new_client(app)
    hook.headers["Authorization"] = "Bearer hook-secret"
    body = {"from": f"Robin <{address}>", "to": reply_to, "message_id": f"<a-{team.id}@inbox-mail.net>"}
    answer = await hook.post("/api/v1/webhooks/email", json={**body, "text": "Yes, Saturday works."})
    assert answer.status_code == 201, answer.text
    assert answer.json()["conversation_id"] == conversation_id != str(newer.id)
    async with db.maint_session() as maint:
        stored = await maint.scalar(select(Message).where(Message.id == uuid.UUID(answer.json()["message_id"])))
    assert stored is not None and stored.content == "Yes, Saturday works."

    local, _, host = reply_to.partition("@")
    forged = f"{local[:-1]}{'a' if local[-1] != 'a' else 'b'}@{host}"
    assert replied_conversation(settings, forged) is None
    refused = await hook.post(
        "/api/v1/webhooks/email",
        json={**body, "to": forged, "message_id": f"<b-{team.id}@inbox-mail.net>", "text": "Let me in"},
    )
    assert refused.status_code == 404 and refused.json()["field"] == "to"


def test_a_reply_address_names_its_conversation_and_nothing_else(settings: Settings) -> None:
    configured = Settings.model_validate({**settings.model_dump(), "inbound_email_domain": DOMAIN})
    conversation = uuid.uuid4()
    address = reply_address(configured, 42, conversation)
    assert address is not None
    assert replied_conversation(configured, f"Lakeside <{address}>, other@example.com") == (42, conversation)
    assert replied_conversation(configured, address.replace("r-42-", "r-43-")) is None  # another dealership
    assert replied_conversation(configured, address.replace(DOMAIN, "elsewhere.test")) is None
    assert reply_address(settings, 42, conversation) is None  # no inbound domain: the contact address is used
    with pytest.raises(ValueError, match="domain"):
        Settings.model_validate({**settings.model_dump(), "inbound_email_domain": "not a domain"})
