"""The admins' webhooks page: add an endpoint (secret shown), refusals on the page, the log and replay."""

from __future__ import annotations

import re

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import WebhookDelivery, WebhookEndpoint
from tests.helpers import create_team
from tests.web.test_staff_pages import csrf_of, page_client

PAGE = "/app/settings/webhooks"


async def test_an_admin_adds_an_endpoint_sees_its_secret_and_replays_a_failed_delivery(
    app: FastAPI, db: Database
) -> None:
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    token = csrf_of((await client.get(PAGE)).text)

    refused = await client.post(
        PAGE, data={"csrf_token": token, "url": "https://127.0.0.1/hook", "event_types": ["lead.created"]}
    )
    assert refused.status_code == 422 and "private, loopback or reserved" in refused.text

    added = await client.post(
        PAGE,
        data={"csrf_token": token, "url": "https://93.184.216.34/crm", "event_types": ["lead.created", "message.sent"]},
    )
    assert added.status_code == 201
    secret = re.search(r'id="new-secret">(whsec_[A-Za-z0-9+/=]+)<', added.text)
    assert secret and "https://93.184.216.34/crm" in added.text
    async with db.maint_session() as maint, maint.begin():
        endpoint = await maint.scalar(select(WebhookEndpoint).where(WebhookEndpoint.dealership_id == team.id))
        assert endpoint is not None and endpoint.secret == secret.group(1)
        failed = WebhookDelivery(
            dealership_id=team.id,
            endpoint_id=endpoint.id,
            event_type="lead.created",
            payload={"type": "lead.created"},
            status="failed",
            attempts=8,
            last_status_code=500,
            last_error="HTTP 500: boom",
        )
        maint.add(failed)
    page = (await client.get(PAGE)).text
    assert "HTTP 500: boom" in page and f"/deliveries/{failed.id}/replay" in page
    replayed = await client.post(f"{PAGE}/deliveries/{failed.id}/replay", data={"csrf_token": token})
    assert replayed.status_code == 303
    async with db.maint_session() as maint:
        again = await maint.get(WebhookDelivery, failed.id)
    assert again is not None and again.status == "pending" and again.attempts == 0

    disabled = await client.post(f"{PAGE}/{endpoint.id}/enabled", data={"csrf_token": token, "enabled": "false"})
    assert disabled.status_code == 303 and "disabled by an admin" in (await client.get(PAGE)).text


async def test_the_webhooks_page_is_403_for_a_sales_agent_and_hides_other_dealerships(
    app: FastAPI, db: Database
) -> None:
    team, other = await create_team(db), await create_team(db)
    agent = await page_client(app, team.agent.email)
    assert (await agent.get(PAGE)).status_code == 403
    admin = await page_client(app, team.admin.email)
    token = csrf_of((await admin.get(PAGE)).text)
    await admin.post(
        PAGE, data={"csrf_token": token, "url": "https://93.184.216.34/mine", "event_types": ["lead.created"]}
    )
    outsider = await page_client(app, other.admin.email)
    assert "93.184.216.34/mine" not in (await outsider.get(PAGE)).text
