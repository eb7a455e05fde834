"""The Twilio SMS adapter, against a local stand-in of Twilio's REST API (never the internet): a dealership that
chose Twilio texts through it (the generic relay stays the default), inbound texts and delivery-status callbacks
are accepted only with a valid X-Twilio-Signature (a forged one is 403), delivery states land on the message
(sent, delivered, undelivered with Twilio's error code, a late callback never going back), and STOP/START handled
by Twilio keep our opt-outs in step (also the 21610 refusal of a number that unsubscribed at Twilio)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Customer, Message
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team
from tests.conftest import Worker, new_client
from tests.helpers import Team, approve_routing, sign_in
from tests.integrations.twilio_standin import ACCOUNT, TOKEN, UNSUBSCRIBED, Twilio, running, signed

PUBLIC = "https://showroom.example"
INBOUND = "/api/v1/webhooks/twilio/sms"
STATUS = "/api/v1/webhooks/twilio/status"


@pytest.fixture(scope="module")
def twilio() -> Iterator[tuple[Twilio, str]]:
    yield from running()


@pytest.fixture
async def twilio_app(
    settings: Settings, db: Database, twilio: tuple[Twilio, str]
) -> AsyncIterator[tuple[FastAPI, Settings]]:
    from showroom.app import create_app

    configured = Settings.model_validate(
        {
            **settings.model_dump(),
            "twilio_account_sid": ACCOUNT,
            "twilio_auth_token": TOKEN,
            "twilio_api_url": twilio[1],
            "public_url": PUBLIC,
        }
    )
    application = create_app(configured, database=db)
    async with application.router.lifespan_context(application):
        yield application, configured


async def twilio_team(app: FastAPI, db: Database, provider: str = "twilio") -> tuple[Team, str]:
    team = await stocked_team(app, db)
    admin = await sign_in(app, team.admin.email)
    number = f"+1312557{team.id % 10000:04d}"
    current = (await admin.get("/api/v1/dealership")).json()["settings"]
    answer = await admin.patch(
        "/api/v1/dealership", json={"settings": {**current, "sms_number": number, "sms_provider": provider}}
    )
    assert answer.status_code == 200, answer.text
    await approve_routing(app, db, team.id)
    return team, number


async def text_in(app: FastAPI, number: str, body: str, sid: str, **extra: str) -> httpx.Response:
    form = {"AccountSid": ACCOUNT, "MessageSid": sid, "From": "(708) 555-0100", "To": number, "Body": body, **extra}
    return await new_client(app).post(INBOUND, data=form, headers=signed(PUBLIC + INBOUND, form))


async def status(app: FastAPI, dealership_id: int, sid: str, state: str, code: str | None = None) -> httpx.Response:
    form = {"AccountSid": ACCOUNT, "MessageSid": sid, "MessageStatus": state}
    if code:
        form["ErrorCode"] = code
    path = f"{STATUS}?dealership={dealership_id}"
    return await new_client(app).post(path, data=form, headers=signed(PUBLIC + path, form))


async def outbound(db: Database, conversation_id: str) -> list[Message]:
    async with db.maint_session() as maint:
        query = select(Message).where(Message.conversation_id == uuid.UUID(conversation_id), Message.type == "outbound")
        return list((await maint.scalars(query.order_by(Message.created_at))).all())


async def test_a_text_in_is_answered_through_twilio_and_its_delivery_states_land_on_the_message(
    twilio_app: tuple[FastAPI, Settings], twilio: tuple[Twilio, str], db: Database, worker: Worker
) -> None:
    app, settings = twilio_app
    fake, _ = twilio
    team, number = await twilio_team(app, db)
    answer = await text_in(app, number, "Hi, do you have any Tucsons?", f"SMin{team.id}")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/xml"), answer.text
    assert "<Response></Response>" in answer.text
    assert (await text_in(app, number, "Hi, do you have any Tucsons?", f"SMin{team.id}")).status_code == 200
    await worker(settings=settings)

    async with db.maint_session() as maint:
        inbound = await maint.scalar(select(Message).where(Message.external_message_id == f"SMin{team.id}"))
    assert inbound is not None
    [reply] = await outbound(db, str(inbound.conversation_id))
    [request] = [s for s in fake.sent if s["To"] == "+17085550100" and s["From"] == number]
    assert reply.delivery_status == "sent" and reply.external_message_id == request["sid"]
    assert request["Body"] == reply.content
    assert request["StatusCallback"] == f"{PUBLIC}{STATUS}?dealership={team.id}"

    assert (await status(app, team.id, request["sid"], "sent")).status_code == 204
    assert (await status(app, team.id, request["sid"], "delivered")).status_code == 204
    assert (await status(app, team.id, request["sid"], "sent")).status_code == 204  # late: never goes back
    [reply] = await outbound(db, str(inbound.conversation_id))
    assert reply.delivery_status == "delivered" and reply.entities["provider_status"] == "delivered"

    await text_in(app, number, "What's the price of the Tucson?", f"SMin2{team.id}")
    await worker(settings=settings)
    later = (await outbound(db, str(inbound.conversation_id)))[-1]
    assert later.id != reply.id
    assert (await status(app, team.id, str(later.external_message_id), "undelivered", "30003")).status_code == 204
    [*_, later] = await outbound(db, str(inbound.conversation_id))
    assert later.delivery_status == "undelivered" and later.delivery_error == "undelivered: Twilio error 30003"
    assert later.entities["provider_error_code"] == 30003


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("a forged signature", {"signature": "bm90IHRoZSBzaWduYXR1cmU="}),
        ("a signature over another body", {"body": "Something else"}),
        ("another account's token", {"token": "not-the-token"}),
        ("no signature", {"signature": ""}),
    ],
)
async def test_a_callback_without_twilio_s_signature_is_403_and_changes_nothing(
    twilio_app: tuple[FastAPI, Settings], db: Database, what: str, change: dict[str, Any]
) -> None:
    app, _ = twilio_app
    team, number = await twilio_team(app, db)
    form = {"AccountSid": ACCOUNT, "MessageSid": f"SMx{team.id}", "From": "(708) 555-0100", "To": number, "Body": "Hi"}
    headers = signed(PUBLIC + INBOUND, form, change.get("token", TOKEN))
    if "signature" in change:
        headers = {"X-Twilio-Signature": change["signature"]}
    sent = {**form, "Body": change.get("body", form["Body"])}
    answer = await new_client(app).post(INBOUND, data=sent, headers=headers)
    assert answer.status_code == 403, what
    assert answer.json()["field"] == "X-Twilio-Signature"
    forged_status = await new_client(app).post(
        f"{STATUS}?dealership={team.id}", data={"MessageSid": "SM1", "MessageStatus": "delivered"}, headers=headers
    )
    assert forged_status.status_code == 403
    async with db.maint_session() as maint:
        assert await maint.scalar(select(Message).where(Message.external_message_id == f"SMx{team.id}")) is None


async def test_stop_and_start_handled_by_twilio_keep_our_opt_outs_in_step(
    twilio_app: tuple[FastAPI, Settings], db: Database
) -> None:
    app, _ = twilio_app
    team, number = await twilio_team(app, db)
    await text_in(app, number, "Hello", f"SMa{team.id}")
    # STOPALL is Twilio's keyword, not one of ours: Twilio's OptOutType says what it did.
    await text_in(app, number, "stopall", f"SMb{team.id}", OptOutType="STOP")
    async with db.maint_session() as maint:
        customer = await maint.scalar(
            select(Customer).where(Customer.phone_e164 == "+17085550100", Customer.dealership_id == team.id)
        )
    assert customer is not None and "sms" in customer.opted_out_channels
    await text_in(app, number, "unstop", f"SMc{team.id}", OptOutType="START")
    async with db.maint_session() as maint:
        customer = await maint.get(Customer, customer.id)
    assert customer is not None and "sms" not in customer.opted_out_channels


async def test_a_number_that_unsubscribed_at_twilio_fails_at_once_and_is_opted_out_here(
    twilio_app: tuple[FastAPI, Settings], db: Database, worker: Worker
) -> None:
    app, settings = twilio_app
    team, number = await twilio_team(app, db)
    form = {
        "AccountSid": ACCOUNT,
        "MessageSid": f"SMu{team.id}",
        "From": UNSUBSCRIBED,
        "To": number,
        "Body": "Hi there",
    }
    assert (await new_client(app).post(INBOUND, data=form, headers=signed(PUBLIC + INBOUND, form))).status_code == 200
    await worker(settings=settings)
    async with db.maint_session() as maint:
        inbound = await maint.scalar(select(Message).where(Message.external_message_id == f"SMu{team.id}"))
        assert inbound is not None
        customer = await maint.scalar(
            select(Customer).where(Customer.phone_e164 == UNSUBSCRIBED, Customer.dealership_id == team.id)
        )
    [reply] = await outbound(db, str(inbound.conversation_id))
    assert reply.delivery_status == "failed" and "21610" in (reply.delivery_error or "")
    assert "attempts" not in (reply.entities or {})  # refused for good: not retried
    assert customer is not None and "sms" in customer.opted_out_channels


async def test_the_generic_relay_stays_the_default(
    twilio_app: tuple[FastAPI, Settings], twilio: tuple[Twilio, str], db: Database, worker: Worker
) -> None:
    app, settings = twilio_app
    fake, _ = twilio
    before = len(fake.sent)
    team, number = await twilio_team(app, db, provider="relay")
    assert (await text_in(app, number, "Any Tucsons?", f"SMr{team.id}")).status_code == 200
    await worker(settings=settings)
    assert len(fake.sent) == before
    admin = await sign_in(app, team.admin.email)
    bad = await admin.patch("/api/v1/dealership", json={"settings": {"sms_provider": "carrier-pigeon"}})
    assert bad.status_code == 422 and bad.json()["field"] == "settings.sms_provider"
