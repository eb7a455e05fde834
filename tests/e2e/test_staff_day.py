"""Issue 21 in Chromium: what a salesperson must reach at 1280 px and at 390 px, and the messages they read.
Screenshots go to $SHOWROOM_SCREENSHOTS when it is set."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.async_api import expect
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Conversation
from showroom.web.crm_routes import PIPELINE
from tests.e2e.conftest import Server, allow_origin, signed_in_page
from tests.e2e.test_screens import shot
from tests.factories import create_message
from tests.helpers import Team

SITE = "https://www.staff-day.example"
# how far an element sticks out of the viewport, sideways or below
OFF_SCREEN = """(el) => { const r = el.getBoundingClientRect();
  return Math.max(0, r.right - document.documentElement.clientWidth, -r.left); }"""


async def handed_over_chat(server: Server, world: Team, db: Database, name: str = "Dana Day") -> str:
    """A widget visitor who asks for a manager: a pending handover, and a thread long enough to scroll."""
    await allow_origin(db, world, SITE)
    async with httpx.AsyncClient(base_url=server.base, headers={"Origin": SITE}) as visitor:
        sub = world.dealership.subdomain
        first = await visitor.post(
            f"/api/v1/widget/{sub}/messages",
            json={
                "content": "Is the Ioniq 5 still there?",
                "name": name,
                "email": name.lower().replace(" ", ".") + "@inbox-mail.net",
            },
        )
        assert first.status_code == 201, first.text
        token, conversation_id = first.json()["token"], first.json()["conversation_id"]
        human = await visitor.post(
            f"/api/v1/widget/{sub}/messages", json={"token": token, "content": "I want to talk to a manager"}
        )
        assert human.json()["handed_over"] is True
    async with db.maint_session() as maint, maint.begin():
        conversation = await maint.get(Conversation, conversation_id)
        assert conversation is not None
        for n in range(25):
            await create_message(maint, conversation, content=f"Earlier question number {n}, with some more words")
    return str(conversation_id)


async def test_every_board_column_fits_1280_and_phone_controls_are_on_screen(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    conversation_id = await handed_over_chat(server, world, db)

    desktop = await signed_in_page(browser, server, world.admin.email, width=1280, height=800)
    await desktop.goto(server.base + "/app/leads")
    columns = desktop.locator(".board > section")
    assert await columns.count() == len(PIPELINE)
    for i in range(await columns.count()):
        assert await columns.nth(i).evaluate(OFF_SCREEN) <= 1, await columns.nth(i).locator("h2").inner_text()
    await shot(desktop, "issue21-board-desktop")
    await desktop.context.close()

    phone = await signed_in_page(browser, server, world.admin.email, width=390, height=844)
    await phone.goto(server.base + "/app/handovers")
    claim = phone.locator(f"tr:has(a[href='/app/conversations/{conversation_id}']) button[data-claim]")
    await expect(claim).to_be_visible()
    assert await claim.evaluate(OFF_SCREEN) <= 1
    await shot(phone, "issue21-handovers-phone")

    await phone.goto(server.base + "/app/settings/triggers")
    buttons = phone.locator("table button")
    assert await buttons.count() > 0
    for i in range(await buttons.count()):
        assert await buttons.nth(i).evaluate(OFF_SCREEN) <= 1, await buttons.nth(i).inner_text()
    await shot(phone, "issue21-triggers-phone")

    await phone.goto(f"{server.base}/app/conversations/{conversation_id}")
    box = phone.locator("#reply-text")
    await expect(box).to_be_in_viewport()  # without scrolling past the thread
    await phone.mouse.wheel(0, 1500)
    await expect(box).to_be_in_viewport()
    thread = await phone.locator("#thread").inner_text()
    assert thread.index("I want to talk to a manager") < thread.index("Handed over to the team")
    await shot(phone, "issue21-conversation-phone")
    await phone.context.close()


async def test_lost_without_a_reason_says_so_in_words(browser: Any, server: Server, world: Team, db: Database) -> None:
    conversation_id = await handed_over_chat(server, world, db)
    async with db.maint_session() as maint:
        lead_id = await maint.scalar(select(Conversation.lead_id).where(Conversation.id == conversation_id))
    page = await signed_in_page(browser, server, world.admin.email)
    await page.goto(f"{server.base}/app/leads/{lead_id}")
    await page.get_by_label("Status").select_option("lost")
    await page.get_by_role("button", name="Change status").click()
    toast = page.locator("#toast")
    await expect(toast).to_contain_text("Say why the lead was lost")
    assert "at least 1 character" not in await toast.inner_text()
    await expect(page.get_by_label("Why was it lost?")).to_be_focused()
    await page.get_by_label("Why was it lost?").fill("Bought elsewhere")
    await page.get_by_role("button", name="Change status").click()
    await expect(page.locator("text=Lost because")).to_be_visible()

    missing = await page.goto(server.base + "/app/customers-that-do-not-exist")
    assert missing is not None and missing.status == 404
    await expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    await page.context.close()


async def test_resolve_snooze_and_assign_from_the_conversation(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    conversation_id = await handed_over_chat(server, world, db, name="Ines Inbox")
    page = await signed_in_page(browser, server, world.admin.email)
    await page.goto(f"{server.base}/app/conversations/{conversation_id}")
    await page.get_by_label("Assigned to").select_option(label="Manager Person")
    await page.get_by_role("button", name="Assign").click()
    await expect(page.locator("#toast")).to_contain_text("Assigned to Manager Person")

    await page.get_by_role("button", name="Snooze").click()
    await expect(page.locator("#toast")).to_contain_text("Choose the date and time")
    await page.get_by_label("Snooze until").fill("2099-01-02T09:30")
    await page.get_by_role("button", name="Snooze").click()
    await expect(page.locator("#snoozed")).to_contain_text("Snoozed until 2 Jan 2099")
    await page.goto(server.base + "/app/inbox?tab=snoozed")
    await expect(page.locator("#inbox-rows")).to_contain_text("Ines Inbox")
    await shot(page, "issue21-inbox-snoozed-desktop")

    await page.goto(f"{server.base}/app/conversations/{conversation_id}")
    await page.get_by_role("button", name="Resolve").click()
    await expect(page.get_by_role("button", name="Reopen")).to_be_visible()
    await page.goto(server.base + "/app/inbox?tab=closed")
    await expect(page.locator("#inbox-rows")).to_contain_text("Ines Inbox")
    await expect(page.locator("#inbox-rows")).to_contain_text("Manager Person")
    await shot(page, "issue21-inbox-closed-desktop")
    await page.context.close()


async def fill_walk_in(page: Any, width: int) -> None:
    await page.get_by_label("First name").fill("Walter")
    await page.get_by_label("Last name").fill(f"Walkin{width}")
    await page.get_by_label("Phone").fill(f"+1 312 555 {width:04d}")
    await page.get_by_label("E-mail").fill(f"walter{width}@inbox-mail.net")
    await page.get_by_label("How they came").select_option("walk_in")
    await page.get_by_label("Make").fill("Hyundai")
    await page.get_by_label("Model").fill("Tucson")


async def test_a_walk_in_is_entered_once_and_found_in_the_customer_list(
    browser: Any, server: Server, world: Team
) -> None:
    for width, height in ((1280, 800), (390, 844)):
        page = await signed_in_page(browser, server, world.agent.email, width=width, height=height)
        await page.goto(server.base + "/app/leads")
        await page.get_by_role("link", name="New lead").click()
        await page.get_by_role("button", name="Create lead").click()
        await expect(page.locator("#toast")).to_contain_text("Give the customer's name")
        await fill_walk_in(page, width)
        await shot(page, f"issue21-new-lead-{'desktop' if width > 400 else 'phone'}")
        await page.get_by_role("button", name="Create lead").click()
        await page.wait_for_url("**/app/leads/*-*")
        await expect(page.locator("h1")).to_contain_text(f"Walter Walkin{width}")
        await expect(page.locator("#existing-lead")).to_have_count(0)
        first = page.url

        await page.goto(server.base + "/app/leads/new")  # the same enquiry again
        await fill_walk_in(page, width)
        await page.get_by_role("button", name="Create lead").click()
        await page.wait_for_url("**existing=1")
        assert page.url.split("?")[0] == first
        await expect(page.locator("#existing-lead")).to_be_visible()

        await page.goto(server.base + "/app/customers")
        await page.get_by_label("Search by name, e-mail or phone").fill(f"walkin{width}")
        await page.get_by_role("button", name="Search").click()
        await page.get_by_role("link", name=f"Walter Walkin{width}").click()
        await expect(page.locator("h1")).to_contain_text(f"Walter Walkin{width}")
        overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
        await page.context.close()


async def test_a_car_is_sent_from_the_conversation_as_a_clickable_link(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    conversation_id = await handed_over_chat(server, world, db, name="Carl Cars")
    page = await signed_in_page(browser, server, world.agent.email, width=390, height=844)
    await page.goto(f"{server.base}/app/conversations/{conversation_id}")
    await page.get_by_text("Send a car").click()
    await page.get_by_label("Find a car in stock").fill("Tucson")
    add = page.get_by_role("button", name="Add 2").first  # "Add <year> Hyundai Tucson … to the reply"
    await expect(add).to_be_visible()
    await add.click()
    reply = await page.locator("#reply-text").input_value()
    assert "Tucson" in reply and "https://worldhyundaimatteson.com/" in reply
    await page.get_by_role("button", name="Send", exact=True).click()
    link = page.locator("#thread .msg-staff a[href^='https://worldhyundaimatteson.com/']").last
    await expect(link).to_be_visible()
    assert await link.get_attribute("rel") == "noopener noreferrer nofollow"
    await shot(page, "issue21-car-sent-phone")
    await page.context.close()
