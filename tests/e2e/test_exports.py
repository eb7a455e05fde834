"""Issue 20 in a real browser: a manager filters the leads list and downloads exactly those leads as CSV; the
settings' data export page offers every export; a sales agent sees neither."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from playwright.async_api import expect

from showroom.db.engine import Database
from tests.e2e.conftest import Server, signed_in_page
from tests.factories import create_customer, create_lead
from tests.helpers import create_team

TIMEOUT = 15_000


async def test_a_manager_downloads_the_filtered_leads_as_csv(browser: Any, server: Server, db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        for name, status in (("Rita Export", "qualified"), ("Sam Export", "new"), ("Tom Other", "qualified")):
            customer = await create_customer(maint, team.id, full_name=name)
            await create_lead(maint, team.id, customer.id, status=status)
    page = await signed_in_page(browser, server, team.manager.email)
    await page.goto(f"{server.base}/app/leads?view=table")
    await page.get_by_label("Customer").fill("Export")
    await page.get_by_label("Status").select_option("qualified")
    await page.get_by_role("button", name="Apply").click()
    await expect(page.locator("table")).to_contain_text("Rita Export", timeout=TIMEOUT)
    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="Export CSV").click()
    download = await download_info.value
    assert download.suggested_filename.startswith("leads-") and download.suggested_filename.endswith(".csv")
    text = Path(await download.path()).read_text(encoding="utf-8-sig")
    assert [row["customer_name"] for row in csv.DictReader(io.StringIO(text))] == ["Rita Export"]

    await page.goto(f"{server.base}/app/exports")
    await expect(page.locator("[data-export]")).to_have_count(5)
    async with page.expect_download() as download_info:
        await page.locator('[data-export="customers"]').click()
    names = Path(await (await download_info.value).path()).read_text(encoding="utf-8-sig")
    assert {"Rita Export", "Sam Export", "Tom Other"} <= {r["full_name"] for r in csv.DictReader(io.StringIO(names))}

    agent = await signed_in_page(browser, server, team.agent.email)
    await agent.goto(f"{server.base}/app/leads?view=table")
    await expect(agent.get_by_role("heading", name="Leads")).to_be_visible()
    await expect(agent.get_by_role("link", name="Export CSV")).to_have_count(0)
    refused = await agent.goto(f"{server.base}/app/exports")
    assert refused is not None and refused.status == 403
