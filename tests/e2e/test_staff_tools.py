"""Issue 21 in Chromium: saved replies, labels and snooze until the customer answers from the conversation; the
board's cards moved by keyboard and by dragging; desktop notifications; a call logged; the vehicle and customer
pages at both widths. Screenshots go to $SHOWROOM_SCREENSHOTS when it is set."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.async_api import expect
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Conversation, Lead
from tests.e2e.conftest import Server, signed_in_page
from tests.e2e.test_screens import shot
from tests.e2e.test_staff_day import handed_over_chat
from tests.helpers import PASSWORD, Team


async def api_client(server: Server, email: str) -> httpx.AsyncClient:
    http = httpx.AsyncClient(base_url=server.base)
    login = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    http.headers["X-CSRF-Token"] = login.json()["csrf_token"]
    return http


async def test_a_saved_reply_a_label_and_snooze_until_the_customer_answers(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    conversation_id = await handed_over_chat(server, world, db, name="Sara Saved")
    manager = await api_client(server, world.manager.email)
    made = await manager.post(
        "/api/v1/saved-replies",
        json={"title": "Test drive", "body": "Hi {{customer.first_name}}, this is {{agent.name}}."},
    )
    await manager.aclose()
    assert made.status_code in (201, 409), made.text
    for width, height, size in ((1280, 800, "desktop"), (390, 844, "phone")):
        page = await signed_in_page(browser, server, world.agent.email, width=width, height=height)
        await page.goto(f"{server.base}/app/conversations/{conversation_id}")
        await page.get_by_label("Insert a saved reply").select_option(label="Test drive")
        await expect(page.locator("#reply-text")).to_have_value("Hi Sara, this is User Person.")
        await page.get_by_label("Add a label").fill(f"hot-{size}")
        await page.get_by_role("button", name="Add", exact=True).click()
        await expect(page.locator("#labels")).to_contain_text(f"hot-{size}")
        await page.get_by_role("button", name="Until the customer answers").click()
        await expect(page.locator("#snoozed")).to_contain_text("until the customer answers")
        await shot(page, f"issue21-saved-reply-label-snooze-{size}")
        await page.goto(f"{server.base}/app/inbox?tab=snoozed&label=hot-{size}")
        await expect(page.locator("#inbox-rows")).to_contain_text("Sara Saved")
        await expect(page.locator("#load-more")).to_be_hidden()  # nothing older to load
        await page.goto(f"{server.base}/app/conversations/{conversation_id}")
        await page.get_by_role("button", name="Wake now").click()
        await expect(page.locator("#snoozed")).to_have_count(0)
        await page.context.close()


async def test_board_cards_move_by_keyboard_and_by_dragging(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    conversation_id = await handed_over_chat(server, world, db, name="Kim Keys")
    async with db.maint_session() as maint:
        lead_id = await maint.scalar(select(Conversation.lead_id).where(Conversation.id == conversation_id))
    page = await signed_in_page(browser, server, world.agent.email)
    await page.goto(f"{server.base}/app/leads")
    card = page.locator(f".lead-card[data-lead='{lead_id}']")
    start = await card.evaluate("(c) => c.closest('section').dataset.stage")
    assert start == "new"
    await card.locator("a").focus()
    await page.keyboard.press("Alt+ArrowRight")
    await expect(page.locator(f"section[data-stage='contacted'] .lead-card[data-lead='{lead_id}']")).to_be_visible()
    await expect(page.locator("#toast")).to_contain_text("Kim Keys moved to Contacted")
    await expect(page.locator(f".lead-card[data-lead='{lead_id}'] a")).to_be_focused()
    await page.locator(f".lead-card[data-lead='{lead_id}']").drag_to(page.locator("section[data-stage='qualified']"))
    await expect(page.locator(f"section[data-stage='qualified'] .lead-card[data-lead='{lead_id}']")).to_be_visible()
    await page.locator(f".lead-card[data-lead='{lead_id}']").drag_to(page.locator("section[data-stage='lost']"))
    await expect(page.get_by_label("Reason")).to_be_focused()
    await page.get_by_label("Reason").fill("Bought elsewhere")
    await page.get_by_role("button", name="Mark lost").click()
    await expect(page.locator(f"section[data-stage='lost'] .lead-card[data-lead='{lead_id}']")).to_be_visible()
    await shot(page, "issue21-board-moved-desktop")
    await page.context.close()
    async with db.maint_session() as maint:
        lead = await maint.get(Lead, lead_id)
        assert lead is not None and lead.status == "lost" and lead.lost_reason == "Bought elsewhere"


RECORD_NOTIFICATIONS = """(() => {
  const Real = window.Notification;
  window.__notes = [];
  class Recorded extends Real {
    constructor(title, options) { super(title, options); window.__notes.push(title); }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  Recorded.requestPermission = (...a) => Real.requestPermission(...a);
  window.Notification = Recorded;
})();"""


async def test_desktop_notifications_announce_a_new_lead_and_a_handover(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    page = await signed_in_page(browser, server, world.agent.email)
    await page.context.grant_permissions(["notifications"], origin=server.base)
    await page.context.add_init_script(RECORD_NOTIFICATIONS)
    await page.goto(f"{server.base}/app/inbox")
    await page.get_by_text("Notifications", exact=True).click()
    await page.get_by_role("button", name="Turn on").click()
    await expect(page.locator("#notify-state")).to_contain_text("On for new leads and handovers")
    await page.goto(f"{server.base}/app/handovers")  # another page: still notified
    await expect(page.locator("#live-status")).to_contain_text("Live")
    await handed_over_chat(server, world, db, name="Nora Notified")
    await page.wait_for_function(
        "['New lead: Nora Notified', 'Needs a person: Nora Notified'].every(t => window.__notes.includes(t))",
        timeout=15_000,
    )
    await page.context.close()


async def test_a_call_is_logged_and_the_vehicle_and_customer_pages_fit_both_widths(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    conversation_id = await handed_over_chat(server, world, db, name="Cal Caller")
    async with db.maint_session() as maint:
        customer_id = await maint.scalar(select(Conversation.customer_id).where(Conversation.id == conversation_id))
    for width, height, size in ((1280, 800, "desktop"), (390, 844, "phone")):
        page = await signed_in_page(browser, server, world.agent.email, width=width, height=height)
        await page.goto(f"{server.base}/app/conversations/{conversation_id}")
        await page.get_by_text("Log a call or a visit").click()
        await page.get_by_role("button", name="Log it").click()
        await expect(page.locator("#toast")).to_contain_text("Say what was said or done first")
        await page.get_by_label("What was said or done").fill(f"Called about the Ioniq ({size})")
        await page.get_by_role("button", name="Log it").click()
        await expect(page.locator("#toast")).to_contain_text("Call logged")
        await expect(page.locator("#panel")).to_contain_text(f"Call logged: Called about the Ioniq ({size})")

        await page.goto(f"{server.base}/app/customers/{customer_id}")
        await expect(page.locator("#timeline")).to_contain_text(f"Called about the Ioniq ({size})")
        await expect(page.locator("#profile")).to_be_visible()
        assert await page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
        await shot(page, f"issue21-customer-{size}")

        await page.goto(f"{server.base}/app/inventory")
        await page.locator(".cars h2 a").first.click()
        await page.wait_for_url("**/app/inventory/*")
        await expect(page.locator(".gallery")).to_be_visible()
        await expect(page.locator("#v-leads")).to_be_visible()
        assert await page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
        await shot(page, f"issue21-vehicle-{size}")
        await page.context.close()
