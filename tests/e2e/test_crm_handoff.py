"""Issue 19 in a real browser: an admin sets the CRM's address (a wrong one is refused on the page), then a sales
agent sends a lead to the CRM from the lead page and sees the send queued; the settings link is an admin's only."""

from __future__ import annotations

from typing import Any

from playwright.async_api import expect

from showroom.db.engine import Database
from tests.e2e.conftest import Server, signed_in_page
from tests.factories import create_customer, create_lead
from tests.helpers import create_team

TIMEOUT = 15_000


async def test_an_admin_sets_the_crm_and_an_agent_sends_a_lead_to_it(
    browser: Any, server: Server, db: Database
) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id, full_name="Casey Crm")
        lead = await create_lead(maint, team.id, customer.id)
    admin = await signed_in_page(browser, server, team.admin.email)
    await admin.goto(f"{server.base}/app/settings")
    await admin.get_by_role("link", name="CRM").click()
    await admin.get_by_label("Your CRM's lead-intake e-mail address").fill("leads@store.crm.example")
    await admin.get_by_label("Every new lead").check()
    await admin.get_by_role("button", name="Save", exact=True).click()
    await expect(admin.get_by_role("status").first).to_contain_text("Saved", timeout=TIMEOUT)
    await expect(admin.get_by_label("Your CRM's lead-intake e-mail address")).to_have_value("leads@store.crm.example")

    agent = await signed_in_page(browser, server, team.agent.email)
    await agent.goto(f"{server.base}/app/leads/{lead.id}")
    section = agent.locator("#crm-handoffs")
    await expect(section).to_contain_text("Not sent yet.", timeout=TIMEOUT)
    await section.get_by_role("button", name="Send to CRM now").click()
    await expect(section).to_contain_text("Queued: it goes to the CRM in a moment.", timeout=TIMEOUT)
    await expect(section).to_contain_text("leads@store.crm.example")
    await expect(section.get_by_role("button", name="Send to CRM again")).to_be_visible()
    await agent.goto(f"{server.base}/app/settings")
    await expect(agent.get_by_role("link", name="CRM", exact=True)).to_have_count(0)
