"""Issue 14 in a real browser: staff see why a contact is unverified and confirm it, merge a possible duplicate
from the customer page (its history then says what moved), and rename and price a lead source that the dashboard
then shows with its cost per lead."""

from __future__ import annotations

from typing import Any

from playwright.async_api import expect

from showroom.db.engine import Database
from showroom.models import LeadSource
from tests.e2e.conftest import Server, signed_in_page
from tests.factories import create_customer, create_lead, unique
from tests.helpers import Team, create_team

TIMEOUT = 15_000


async def _jane_and_michael(db: Database, team: Team) -> tuple[Any, Any]:
    async with db.maint_session() as maint, maint.begin():
        michael = await create_customer(
            maint, team.id, first_name="Michael", last_name="Johnson", full_name="Michael Johnson",
            phone="312-555-0177", phone_e164="+13125550177",
        )  # fmt: skip
        flag = {"value": "312-555-0177", "reason": "also the number of Michael Johnson; confirm whose it is"}
        jane = await create_customer(
            maint, team.id, first_name="Jane", last_name="Doe", full_name="Jane Doe", phone="312-555-0177",
            contact_flags={"phone": {**flag, "since": "2026-12-06T10:00:00+00:00"}},
            possible_duplicates=[{"customer_id": str(michael.id), "name": "Michael Johnson", "reason": "same phone"}],
        )  # fmt: skip
        michael.possible_duplicates = [{"customer_id": str(jane.id), "name": "Jane Doe", "reason": "same phone"}]
        source = LeadSource(dealership_id=team.id, name=unique("Cars"), type="adf_email", provider_keys=["cars"])
        maint.add(source)
        await maint.flush()
        await create_lead(maint, team.id, jane.id, source_id=source.id)
        await create_lead(maint, team.id, michael.id, source_id=source.id)
        await create_customer(maint, team.id, first_name="Jayne", last_name="Doe", full_name="Jayne Doe")
    return jane, michael


async def test_staff_confirm_a_contact_and_merge_a_duplicate_from_the_customer_page(
    browser: Any, server: Server, db: Database
) -> None:
    team = await create_team(db)
    jane, michael = await _jane_and_michael(db, team)
    page = await signed_in_page(browser, server, team.manager.email)
    page.on("dialog", lambda dialog: dialog.accept())
    await page.goto(f"{server.base}/app/customers/{jane.id}")
    await expect(page.get_by_role("heading", name="Jane Doe")).to_be_visible()
    chip = page.locator('[data-unverified="phone"]')
    await expect(chip).to_contain_text("also the number of Michael Johnson")
    await expect(page.locator("[data-consent]")).to_contain_text("No consent")
    await page.get_by_role("button", name="Confirm phone").click()
    await expect(chip).to_have_count(0, timeout=TIMEOUT)
    await expect(page.locator("[data-duplicates]")).to_contain_text("Michael Johnson")
    await page.get_by_role("button", name="Merge Michael Johnson into this customer").click()
    history = page.locator("[data-history]")
    await expect(history).to_contain_text("merged Michael Johnson in; moved leads: 1", timeout=TIMEOUT)
    await expect(history).to_contain_text("phone confirmed")
    await expect(page.locator("[data-leads] li")).to_have_count(2)
    await page.get_by_label("Find another customer to merge in").fill("Jayne")
    await page.get_by_role("button", name="Find").click()
    await expect(page.locator("[data-found]")).to_contain_text("Jayne Doe")
    await page.get_by_role("button", name="Merge Jayne Doe into this customer").click()
    await expect(history).to_contain_text("merged Jayne Doe in", timeout=TIMEOUT)
    gone = await page.goto(f"{server.base}/app/customers/{michael.id}")
    assert gone is not None and gone.status == 404
    await page.context.close()


async def test_an_admin_renames_and_prices_a_source_and_the_dashboard_shows_its_cost_per_lead(
    browser: Any, server: Server, db: Database
) -> None:
    team = await create_team(db)
    await _jane_and_michael(db, team)
    page = await signed_in_page(browser, server, team.admin.email)
    await page.goto(f"{server.base}/app/settings/sources")
    row = page.locator("[data-sources] tbody tr").first
    await row.get_by_label("Name").fill("Cars.com (featured)")
    await row.get_by_label("Monthly cost ($)").fill("500")
    await row.get_by_role("button", name="Save").click()
    await expect(page.locator("[data-sources]")).to_contain_text("Cars.com (featured)", timeout=TIMEOUT)
    await page.goto(f"{server.base}/app")
    costs = page.locator("[data-costs]")
    await expect(costs).to_contain_text("Cars.com (featured)")
    await expect(costs.locator("tr", has_text="Cars.com (featured)")).to_contain_text("$250")
    await page.context.close()
