"""The CRM hand-off's staff pages: the admin's settings (a bad address refused on the page, naming the field) and
the lead page's sends with its "Send to CRM again" button; a sales agent cannot open the settings."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import CrmHandoff, Dealership
from tests.factories import create_customer, create_lead
from tests.helpers import create_team
from tests.web.test_staff_pages import csrf_of, page_client

PAGE = "/app/settings/crm"


async def test_an_admin_sets_the_crm_address_and_a_bad_one_is_refused_on_the_page(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    token = csrf_of((await client.get(PAGE)).text)
    refused = await client.post(PAGE, data={"csrf_token": token, "email": "leads at crm", "send_when": "new_lead"})
    assert refused.status_code == 422 and "email:" in refused.text and 'value="leads at crm"' in refused.text
    saved = await client.post(PAGE, data={"csrf_token": token, "email": "leads@crm.example", "send_when": "new_lead"})
    assert saved.status_code == 303
    page = (await client.get(PAGE)).text
    assert 'value="leads@crm.example"' in page and 'value="new_lead" checked' in page
    async with db.maint_session() as maint:
        stored = await maint.scalar(select(Dealership.settings).where(Dealership.id == team.id))
    assert stored["crm"] == {"email": "leads@crm.example", "send_when": "new_lead"}


async def test_the_lead_page_shows_the_sends_and_queues_a_resend(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id)
    agent = await page_client(app, team.agent.email)
    page = await agent.get(f"/app/leads/{lead.id}")
    assert "Not sent yet." in page.text and "Send to CRM now" in page.text
    token = csrf_of(page.text)
    refused = await agent.post(f"/app/leads/{lead.id}/crm-resend", data={"csrf_token": token})
    assert refused.status_code == 303
    assert "No CRM address is set" in (await agent.get(refused.headers["location"])).text

    admin = await page_client(app, team.admin.email)
    admin_token = csrf_of((await admin.get(PAGE)).text)
    await admin.post(PAGE, data={"csrf_token": admin_token, "email": "leads@crm.example", "send_when": "qualified"})
    queued = await agent.post(f"/app/leads/{lead.id}/crm-resend", data={"csrf_token": token})
    assert queued.status_code == 303
    shown = (await agent.get(queued.headers["location"])).text
    assert "Queued: it goes to the CRM" in shown and "leads@crm.example" in shown and "Send to CRM again" in shown
    async with db.maint_session() as maint:
        rows = (await maint.scalars(select(CrmHandoff).where(CrmHandoff.lead_id == lead.id))).all()
    assert [(r.trigger, r.status) for r in rows] == [("resend", "queued")]


async def test_the_crm_settings_page_is_403_for_a_sales_agent(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await page_client(app, team.agent.email)
    assert (await agent.get(PAGE)).status_code == 403


async def test_the_mailbox_form_refuses_a_private_host_on_the_page(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    page = (await client.get(PAGE)).text
    assert "SHOWROOM_IMAP_PASSWORD_" in page
    token = csrf_of(page)
    form = {"csrf_token": token, "host": "127.0.0.1", "port": "143", "security": "none", "username": "leads"}
    refused = await client.post(f"{PAGE}/mailbox", data={**form, "enabled": "true"})
    assert refused.status_code == 422 and "private, loopback or reserved" in refused.text
    assert 'value="127.0.0.1"' in refused.text
