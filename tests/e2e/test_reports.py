"""Issue 20 in a real browser: a manager schedules a weekly report from the settings, opens it, sends it now and
previews it; the dashboard shows a chosen date range; a sales agent cannot open the reports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from playwright.async_api import expect

from showroom.db.engine import Database
from tests.e2e.conftest import Server, signed_in_page
from tests.factories import create_customer, create_lead
from tests.helpers import create_team

TIMEOUT = 15_000


async def test_a_manager_schedules_sends_and_previews_a_report(browser: Any, server: Server, db: Database) -> None:
    team = await create_team(db)
    page = await signed_in_page(browser, server, team.manager.email)
    await page.goto(f"{server.base}/app/inbox")
    await page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    await page.get_by_label("Name").fill("Monday numbers")
    await page.get_by_label("Frequency").select_option("weekly")
    await page.get_by_label("Day of the week").select_option("Monday")
    await page.get_by_label("Local time").fill("07:30")
    await page.get_by_label(team.admin.name or team.admin.email).check()
    await page.get_by_label("Other addresses").fill("gm@inbox-mail.net")
    await page.get_by_role("button", name="Schedule").click()
    await expect(page.get_by_role("heading", name="Monday numbers")).to_be_visible(timeout=TIMEOUT)
    await expect(page.locator("p.notice")).to_contain_text("Saved")
    await page.locator("#send-now").click()
    await expect(page.locator("p.notice")).to_contain_text("Saved", timeout=TIMEOUT)
    async with page.expect_popup() as popup_info:
        await page.locator("#preview").click()
    preview = await popup_info.value
    await expect(preview.get_by_role("heading", name="Monday numbers")).to_be_visible(timeout=TIMEOUT)
    await page.goto(f"{server.base}/app/settings/reports")
    await expect(page.locator("#schedules")).to_contain_text("weekly on Monday at 07:30")

    agent = await signed_in_page(browser, server, team.agent.email)
    refused = await agent.goto(f"{server.base}/app/settings/reports")
    assert refused is not None and refused.status == 403


async def test_the_dashboard_shows_the_chosen_range(browser: Any, server: Server, db: Database) -> None:
    team = await create_team(db)
    zone = ZoneInfo("America/New_York")
    today = datetime.now(UTC).astimezone(zone).date()
    at = datetime(today.year, today.month, today.day, 12, tzinfo=zone) - timedelta(days=20)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        for _ in range(4):
            await create_lead(maint, team.id, customer.id, source="walk_in", created_at=at)
    page = await signed_in_page(browser, server, team.manager.email)
    await page.goto(f"{server.base}/app")
    await expect(page.locator('[data-kpi="leads"]')).to_have_text("0", timeout=TIMEOUT)
    await page.get_by_label("From", exact=True).fill((today - timedelta(days=25)).isoformat())
    await page.get_by_label("To", exact=True).fill((today - timedelta(days=15)).isoformat())
    await page.get_by_role("button", name="Show").click()
    await expect(page.locator('[data-kpi="leads"]')).to_have_text("4", timeout=TIMEOUT)
    await expect(page.locator('[data-breakdown="sources"]')).to_contain_text("walk_in")
