"""Every main screen at desktop and phone width: nothing overflows sideways on a phone, every form control has
a label, focus is visible. Screenshots go to $SHOWROOM_SCREENSHOTS when it is set (not committed)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import expect
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Conversation
from tests.e2e.conftest import HostSite, Server, allow_origin, signed_in_page
from tests.helpers import Team

SHOTS = os.environ.get("SHOWROOM_SCREENSHOTS")
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}

UNLABELLED = """() => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
  .filter(el => el.getClientRects().length > 0)
  .filter(el => !((el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
                  || (el.tagName === 'BUTTON' && el.textContent.trim())))
  .map(el => el.outerHTML.slice(0, 120))"""


async def shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


async def _customer_of(db: Database, conversation_id: str) -> str:
    async with db.maint_session() as maint:
        return str(await maint.scalar(select(Conversation.customer_id).where(Conversation.id == conversation_id)))


async def test_main_screens_fit_a_phone_label_every_control_and_are_captured(
    browser: Any, server: Server, world: Team, host_site: HostSite, db: Database
) -> None:
    await allow_origin(db, world, host_site.origin)
    async with httpx.AsyncClient(base_url=server.base, headers={"Origin": host_site.origin}) as visitor:
        sub = world.dealership.subdomain
        first = await visitor.post(
            f"/api/v1/widget/{sub}/messages",
            json={"content": "Is the Ioniq 5 available? I could come Saturday", "name": "Robin Screens"},
        )
        assert first.status_code == 201, first.text
        token, conversation_id = first.json()["token"], first.json()["conversation_id"]
        await visitor.post(f"/api/v1/widget/{sub}/messages", json={"token": token, "content": "Can a person call me?"})
    screens = {
        "dashboard": "/",
        "inbox": "/app/inbox",
        "conversation": f"/app/conversations/{conversation_id}",
        "handovers": "/app/handovers",
        "leads-board": "/app/leads",
        "leads-table": "/app/leads?view=table",
        "inventory": "/app/inventory",
        "personas": "/app/personas/new",
        "settings": "/app/settings",
        "team": "/app/settings/team",
        "audit": "/app/audit",
        "sources": "/app/settings/sources",
        "customer": f"/app/customers/{await _customer_of(db, conversation_id)}",
    }
    for size, (width, height) in SIZES.items():
        page = await signed_in_page(browser, server, world.admin.email, width=width, height=height)
        for name, path in screens.items():
            response = await page.goto(server.base + path)
            assert response is not None and response.status == 200, (path, response and response.status)
            assert await page.evaluate(UNLABELLED) == [], (path, size)
            assert await page.locator("h1").count() >= 1
            if size == "phone":
                overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 1, f"{path} is {overflow}px wider than a phone"
            await shot(page, f"{name}-{size}")
        if size == "desktop":  # keyboard: the first Tab lands on the skip link, which moves focus to the content
            await page.goto(server.base + "/app/inbox")
            await page.keyboard.press("Tab")
            assert await page.evaluate("document.activeElement.className") == "skip"
            outline = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none"
        else:  # the menu folds away on a phone and opens from its button
            await page.goto(server.base + "/app/inbox")
            await expect(page.locator("#nav")).to_be_hidden()
            await page.get_by_role("button", name="Menu").click()
            await expect(page.get_by_role("link", name="Leads")).to_be_visible()
        widget = await (await browser.new_context(viewport={"width": width, "height": height})).new_page()
        await widget.goto(f"{host_site.origin}/shop")
        await widget.locator("showroom-chat .launcher").click()
        await expect(widget.locator("showroom-chat .panel")).to_be_visible()
        await shot(widget, f"widget-{size}")
        await widget.context.close()
        await page.context.close()
