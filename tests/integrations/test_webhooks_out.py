"""Outbound webhooks end to end: admin API, SSRF refusals, the outbox written with the change, signed delivery to a
real local receiver (no duplicate, none lost), back-off, rotation, disabling and replay."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from showroom.audit.service import Actor
from showroom.db.engine import Database
from showroom.integrations.webhooks_out import service, signing
from showroom.integrations.webhooks_out.delivery import deliver
from showroom.integrations.webhooks_out.kinds import WebhookEventType
from showroom.integrations.webhooks_out.schemas import WebhookEndpointCreate
from showroom.integrations.webhooks_out.targets import TargetRefused, check_url
from showroom.models import Handover, WebhookDelivery, WebhookEndpoint
from showroom.services import Services
from showroom.settings import Environment, Settings
from tests.factories import create_conversation, create_customer, create_lead, create_message, unique
from tests.helpers import create_team, sign_in
from tests.integrations.webhook_receiver import running_receiver

BASE = "/api/v1/integrations/webhooks"
ALL = [e.value for e in WebhookEventType]


def allowing(settings: Settings) -> Settings:
    return settings.model_copy(update={"webhook_allow_private_targets": True})


async def add_endpoint(db: Database, dealership_id: int, url: str, settings: Settings, events: list[str]) -> str:
    body = WebhookEndpointCreate(url=url, event_types=[WebhookEventType(e) for e in events])
    async with db.session(dealership_id) as session, session.begin():
        endpoint = await service.create_endpoint(session, dealership_id, body, Actor(), allowing(settings))
        return endpoint.secret


def new_lead(email: str | None = None) -> dict[str, object]:
    return {"customer": {"first_name": "Rae", "email": email or f"{unique('rae')}@inbox-mail.net"}, "message": "Hi"}


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1:8080/hook", "loopback"),
        ("https://10.1.2.3/hook", "private"),
        ("https://169.254.169.254/latest/meta-data", "link-local (cloud metadata)"),
        ("https://[::1]/hook", "IPv6 loopback"),
        ("ftp://93.184.216.34/hook", "not http(s)"),
        ("https://user:pw@93.184.216.34/hook", "credentials in the URL"),
        ("not a url", "no scheme"),
    ],
)
async def test_an_endpoint_on_a_private_address_or_not_a_web_url_is_refused_with_the_field(
    app: FastAPI, db: Database, url: str, why: str
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    answer = await admin.post(f"{BASE}/endpoints", json={"url": url, "event_types": ["lead.created"]})
    assert answer.status_code == 422, why
    assert answer.json()["field"] == "url" and "refused" in answer.json()["detail"], answer.json()


async def test_plain_http_is_refused_outside_development(settings: Settings) -> None:
    production = settings.model_copy(update={"environment": Environment.production})
    with pytest.raises(TargetRefused, match="https"):
        check_url("http://hooks.dealer-crm.net/in", production)
    assert check_url("https://hooks.dealer-crm.net/in", production) == "hooks.dealer-crm.net"


async def test_admins_manage_endpoints_others_cannot_and_outsiders_see_404(app: FastAPI, db: Database) -> None:
    team, other = await create_team(db), await create_team(db)
    admin, agent = await sign_in(app, team.admin.email), await sign_in(app, team.agent.email)
    outsider = await sign_in(app, other.admin.email)
    body = {"url": "https://93.184.216.34/hook", "event_types": ["lead.created", "message.sent"], "description": "CRM"}

    created = await admin.post(f"{BASE}/endpoints", json=body)
    assert created.status_code == 201, created.text
    endpoint = created.json()
    assert endpoint["secret"].startswith("whsec_") and endpoint["enabled"] is True
    assert (await agent.post(f"{BASE}/endpoints", json=body)).status_code == 403
    assert (await agent.get(f"{BASE}/endpoints")).status_code == 403
    assert (await outsider.get(f"{BASE}/endpoints/{endpoint['id']}")).status_code == 404
    assert (await outsider.get(f"{BASE}/endpoints")).json() == []
    bad = await admin.post(f"{BASE}/endpoints", json={**body, "event_types": ["lead.exploded"]})
    assert bad.status_code == 422

    rotated = (await admin.post(f"{BASE}/endpoints/{endpoint['id']}/rotate-secret")).json()
    assert rotated["secret"] != endpoint["secret"] and rotated["previous_secret_expires_at"] is not None
    listed = (await admin.get(f"{BASE}/endpoints")).json()
    assert [e["id"] for e in listed] == [endpoint["id"]] and "secret" not in listed[0]
    assert (await admin.get(f"{BASE}/endpoints/{endpoint['id']}/secret")).json()["secret"] == rotated["secret"]

    changed = await admin.patch(f"{BASE}/endpoints/{endpoint['id']}", json={"url": "https://192.168.1.9/x"})
    assert changed.status_code == 422 and changed.json()["field"] == "url"
    assert (await admin.delete(f"{BASE}/endpoints/{endpoint['id']}")).status_code == 204
    assert (await admin.get(f"{BASE}/endpoints/{endpoint['id']}")).status_code == 404


async def test_a_new_lead_reaches_the_receiver_once_signed_and_the_log_shows_it(
    app: FastAPI, db: Database, settings: Settings, worker: object
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    with running_receiver() as receiver:
        receiver.secrets.append(await add_endpoint(db, team.id, receiver.url, settings, ALL))
        created = await admin.post("/api/v1/leads", json=new_lead())
        assert created.status_code == 201, created.text
        lead_id = created.json()["lead"]["id"]

        await worker("webhooks", settings=allowing(settings))  # type: ignore[operator]
        await worker("webhooks", settings=allowing(settings))  # type: ignore[operator]  # nothing goes twice

        kinds = [b["type"] for b in receiver.bodies]
        assert kinds.count("lead.created") == 1 and receiver.bad_signatures == 0 and receiver.duplicates == 0
        body = next(b for b in receiver.bodies if b["type"] == "lead.created")
        assert body["version"] == 1 and body["data"]["lead"]["id"] == lead_id
        assert "message.received" in kinds  # the enquiry's first message
        assert receiver.headers[0]["webhook-id"].startswith("msg_")

    log = (await admin.get(f"{BASE}/deliveries", params={"event_type": "lead.created"})).json()["items"]
    assert len(log) == 1 and log[0]["status"] == "delivered" and log[0]["last_status_code"] == 204
    assert log[0]["attempts"] == 1 and log[0]["webhook_id"] in receiver.seen
    assert log[0]["attempt_log"][0]["status_code"] == 204


async def test_a_rolled_back_change_leaves_no_delivery_and_an_unsubscribed_endpoint_gets_none(
    db: Database, settings: Settings
) -> None:
    team = await create_team(db)
    await add_endpoint(db, team.id, "https://93.184.216.34/leads", settings, ["lead.created"])
    await add_endpoint(db, team.id, "https://93.184.216.34/sent", settings, ["message.sent"])
    async with db.session(team.id) as session:
        async with session.begin():
            customer_id = (await create_customer(session, team.id, email=f"{unique()}@inbox-mail.net")).id

        async def failing_change() -> None:
            async with session.begin():
                await create_lead(session, team.id, customer_id)  # flushed: its delivery row is written...
                raise RuntimeError("...and the change fails after its flush")

        with pytest.raises(RuntimeError):
            await failing_change()
        async with session.begin():
            kept = await create_lead(session, team.id, customer_id)
    async with db.maint_session() as maint:
        rows = (await maint.execute(select(WebhookDelivery).where(WebhookDelivery.dealership_id == team.id))).scalars()
        deliveries = list(rows)
    assert [(d.event_type, d.payload["data"]["lead"]["id"]) for d in deliveries] == [("lead.created", str(kept.id))]
    assert deliveries[0].endpoint_id != (await endpoint_for(db, team.id, "/sent"))


async def endpoint_for(db: Database, dealership_id: int, suffix: str) -> uuid.UUID:
    async with db.maint_session() as maint:
        found = await maint.scalar(
            select(WebhookEndpoint.id).where(
                WebhookEndpoint.dealership_id == dealership_id, WebhookEndpoint.url.endswith(suffix)
            )
        )
    assert found is not None
    return found


async def test_a_failing_receiver_is_retried_later_then_disabled_after_days_and_replayed_once_enabled(
    app: FastAPI, db: Database, settings: Settings, worker: object, owner_url: str
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    with running_receiver() as receiver:
        receiver.secrets.append(await add_endpoint(db, team.id, receiver.url, settings, ["lead.created"]))
        receiver.fail_with = 503
        assert (await admin.post("/api/v1/leads", json=new_lead())).status_code == 201
        await worker("webhooks", settings=allowing(settings))  # type: ignore[operator]

        [row] = (await admin.get(f"{BASE}/deliveries")).json()["items"]
        assert row["status"] == "pending" and row["attempts"] == 1 and row["last_status_code"] == 503
        retry_at = datetime.fromisoformat(row["next_attempt_at"])
        assert timedelta(seconds=1) < retry_at - datetime.now(UTC) <= timedelta(seconds=6)  # back-off: 5 s first
        async with await psycopg.AsyncConnection.connect(owner_url) as conn:
            waiting = await (
                await conn.execute(
                    "select count(*) from procrastinate_jobs where task_name = 'showroom:webhooks.deliver' "
                    "and status = 'todo' and scheduled_at > now() and args->>'delivery_id' = %s",
                    (row["id"],),
                )
            ).fetchone()
        assert waiting is not None and waiting[0] == 1

        # Days later it still fails: the endpoint is disabled and the admins are told.
        async with db.maint_session() as maint, maint.begin():
            await maint.execute(
                update(WebhookEndpoint)
                .where(WebhookEndpoint.dealership_id == team.id)
                .values(failing_since=datetime.now(UTC) - timedelta(days=4))
            )
            await maint.execute(
                update(WebhookDelivery).where(WebhookDelivery.id == uuid.UUID(row["id"])).values(next_attempt_at=None)
            )
        services = Services.build(allowing(settings), db)
        async with db.session(team.id) as session:
            assert await deliver(session, services, uuid.UUID(row["id"])) == "failed"
            assert await deliver(session, services, uuid.UUID(row["id"])) == "nothing to do"
        [endpoint] = (await admin.get(f"{BASE}/endpoints")).json()
        assert endpoint["enabled"] is False and "failed since" in endpoint["disabled_reason"]
        async with await psycopg.AsyncConnection.connect(owner_url) as conn:
            mail = await (
                await conn.execute(
                    "select args from procrastinate_jobs where task_name = 'showroom:mail.send' and args->'to' ? %s",
                    (team.admin.email,),
                )
            ).fetchall()
        assert any("disabled the webhook endpoint" in m[0]["text"] for m in mail)
        assert (await admin.post(f"{BASE}/deliveries/{row['id']}/replay")).status_code == 409  # disabled

        receiver.fail_with = None
        enabled = await admin.patch(f"{BASE}/endpoints/{endpoint['id']}", json={"enabled": True})
        assert enabled.status_code == 200 and enabled.json()["disabled_reason"] is None
        replayed = await admin.post(f"{BASE}/deliveries/{row['id']}/replay")
        assert replayed.status_code == 200 and replayed.json()["status"] == "pending"
        await worker("webhooks", settings=allowing(settings))  # type: ignore[operator]
        assert list(receiver.seen.values()) == [1] and receiver.bodies[0]["type"] == "lead.created"
        async with db.session(team.id) as session:  # the first retry's job, run late: nothing goes twice
            assert await deliver(session, services, uuid.UUID(row["id"])) == "nothing to do"
        assert list(receiver.seen.values()) == [1]
    done = (await admin.get(f"{BASE}/deliveries/{row['id']}")).json()
    assert done["status"] == "delivered" and done["webhook_id"] == row["webhook_id"]


async def test_after_a_rotation_both_secrets_sign_until_the_old_one_expires(
    app: FastAPI, db: Database, settings: Settings, worker: object
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    with running_receiver() as receiver:
        old = await add_endpoint(db, team.id, receiver.url, settings, ["lead.created"])
        [endpoint] = (await admin.get(f"{BASE}/endpoints")).json()
        new = (await admin.post(f"{BASE}/endpoints/{endpoint['id']}/rotate-secret")).json()["secret"]
        receiver.secrets.append(old)  # a receiver not yet switched over still verifies
        assert (await admin.post("/api/v1/leads", json=new_lead())).status_code == 201
        await worker("webhooks", settings=allowing(settings))  # type: ignore[operator]
        [headers] = receiver.headers
        signatures = headers["webhook-signature"].split()
        assert len(signatures) == 2 and all(s.startswith("v1,") for s in signatures)
        body = receiver.bodies[0]
        raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        assert signing.verify(new, headers, raw) and signing.verify(old, headers, raw)
        assert not signing.verify(signing.new_secret(), headers, raw)


async def test_two_jobs_of_one_due_delivery_running_at_once_post_it_once(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    with running_receiver() as receiver:
        receiver.secrets.append(await add_endpoint(db, team.id, receiver.url, settings, ["lead.created"]))
        assert (await admin.post("/api/v1/leads", json=new_lead())).status_code == 201
        [row] = (await admin.get(f"{BASE}/deliveries")).json()["items"]
        services = Services.build(allowing(settings), db)

        async def job() -> str:
            async with db.session(team.id) as session:
                return await deliver(session, services, uuid.UUID(row["id"]))

        outcomes = await asyncio.gather(job(), job())
        assert sorted(outcomes) == ["delivered", "not due"] and list(receiver.seen.values()) == [1]


async def test_a_reply_is_reported_sent_once_a_handover_once_and_a_lead_change_with_its_fields(
    db: Database, settings: Settings
) -> None:

    team = await create_team(db)
    await add_endpoint(db, team.id, "https://93.184.216.34/all", settings, ALL)
    async with db.session(team.id) as session:
        async with session.begin():
            customer = await create_customer(session, team.id, email=f"{unique()}@inbox-mail.net")
            lead = await create_lead(session, team.id, customer.id)
            conversation = await create_conversation(session, lead, channel="email")
            reply = await create_message(
                session, conversation, type="outbound", sender="ai", delivery_status="queued", content="Hello!"
            )
        async with session.begin():
            reply.delivery_status = "sent"
        async with session.begin():
            reply.delivery_status = "delivered"  # not a second send
            lead.priority = "high"
            session.add(
                Handover(
                    dealership_id=team.id, conversation_id=conversation.id, lead_id=lead.id, reason="customer_request"
                )
            )
    async with db.maint_session() as maint:
        rows = (
            await maint.scalars(
                select(WebhookDelivery)
                .where(WebhookDelivery.dealership_id == team.id)
                .order_by(WebhookDelivery.created_at, WebhookDelivery.event_type)
            )
        ).all()
    kinds = sorted(r.event_type for r in rows)
    assert kinds == ["conversation.handed_over", "lead.created", "lead.updated", "message.sent"], kinds
    sent = next(r for r in rows if r.event_type == "message.sent")
    assert sent.payload["data"]["message"]["id"] == str(reply.id)
    updated = next(r for r in rows if r.event_type == "lead.updated")
    assert "priority" in updated.payload["data"]["changed"] and updated.payload["data"]["lead"]["priority"] == "high"
