"""Outbound messages leave after commit, through the delivery job, with a stable idempotency key: a job that runs
again (a worker died between sending and recording) re-sends the same message under the same key, and a message
already sent is not sent again. The SMS relay is a real HTTP server started by the test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI, Request
from sqlalchemy import update

from showroom.conversations.channels import send_queued
from showroom.db.engine import Database
from showroom.models import Message
from showroom.services import Services
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team
from tests.conftest import Worker
from tests.helpers import sign_in
from tests.servers import serve


class Relay:
    """An SMS relay that records what it was sent, headers included."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.app = FastAPI()
        self.app.post("/sms")(self.sms)

    async def sms(self, request: Request) -> dict[str, str]:
        self.received.append({"body": await request.json(), "key": request.headers.get("idempotency-key")})
        return {"id": f"relay-{len(self.received)}"}


@pytest.fixture(scope="module")
def relay() -> Iterator[tuple[Relay, str]]:
    fake = Relay()
    for base in serve(fake.app):
        yield fake, f"{base}/sms"


async def test_a_delivery_run_again_resends_under_the_same_key_and_a_sent_message_is_not_resent(
    app: FastAPI, db: Database, settings: Settings, worker: Worker, relay: tuple[Relay, str]
) -> None:
    fake, url = relay
    relayed = Settings.model_validate({**settings.model_dump(), "sms_webhook_url": url})
    team = await stocked_team(app, db)
    staff = await sign_in(app, team.agent.email)
    lead = (await staff.post("/api/v1/leads", json={"customer": {"phone": "312-555-0177"}})).json()
    conversation = (
        await staff.post("/api/v1/conversations", json={"lead_id": lead["lead"]["id"], "channel": "sms"})
    ).json()
    reply = await staff.post(
        f"/api/v1/conversations/{conversation['id']}/messages", json={"content": "See you Saturday at 10!"}
    )
    message_id = uuid.UUID(reply.json()["id"])
    assert reply.json()["delivery_status"] == "queued" and not [r for r in fake.received if r["key"] == str(message_id)]

    await worker("delivery", settings=relayed)
    sent = [r for r in fake.received if r["key"] == str(message_id)]
    assert len(sent) == 1 and sent[0]["body"]["body"] == "See you Saturday at 10!"

    # The worker died after the relay took the message and before it was recorded: the job runs again.
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(update(Message).where(Message.id == message_id).values(delivery_status="queued"))
    services = Services.build(relayed, db)
    async with db.session(team.id) as session:
        assert await send_queued(session, services, message_id) == "sent"
        assert await send_queued(session, services, message_id) == "nothing to do"  # sent: never again
    again = [r for r in fake.received if r["key"] == str(message_id)]
    assert len(again) == 2 and again[0]["key"] == again[1]["key"]  # at most one duplicate, under the same key
