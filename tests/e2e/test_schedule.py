"""Issue 18 in Chromium at 1280 px and 390 px: a salesperson skips a lead's follow-up and books a visit from the
lead page, finds it on the calendar (week on a desktop, day on a phone) and marks it from there; every control is
on screen. Screenshots go to $SHOWROOM_SCREENSHOTS when it is set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from playwright.async_api import expect
from sqlalchemy import update

from showroom.db.engine import Database
from showroom.followups import service as followups
from showroom.models import Conversation, Dealership
from tests.e2e.conftest import Server, signed_in_page
from tests.e2e.test_screens import shot
from tests.e2e.test_staff_day import OFF_SCREEN
from tests.factories import create_conversation, create_customer, create_lead
from tests.helpers import Team

ZONE = "America/Chicago"
EVERY_DAY = {d: {"open": "09:00", "close": "19:00"} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


async def _lead_in_cadence(db: Database, world: Team) -> str:
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            update(Dealership)
            .where(Dealership.id == world.id)
            .values(timezone=ZONE, agent_config={"working_hours": EVERY_DAY, "appointment_capacity": 3})
        )
        customer = await create_customer(
            maint, world.id, first_name="Carla", last_name="Calendar", full_name="Carla Calendar"
        )
        lead = await create_lead(maint, world.id, customer.id, assigned_user_id=world.agent.id)
        conversation = await create_conversation(maint, lead, channel="chat")
    async with db.session(world.id) as session, session.begin():
        fresh = await session.get(Conversation, conversation.id)
        assert fresh is not None
        await followups.enter(session, fresh, (1, 2, 4))
    return str(lead.id)


async def _all_on_screen(page: Any, selector: str) -> None:
    found = page.locator(selector)
    assert await found.count() > 0, selector
    for i in range(await found.count()):
        if await found.nth(i).is_visible():
            assert await found.nth(i).evaluate(OFF_SCREEN) <= 1, await found.nth(i).inner_text()


async def test_follow_ups_and_a_booking_from_the_lead_page_to_the_calendar(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    lead_id = await _lead_in_cadence(db, world)
    day = (datetime.now(UTC).astimezone(ZoneInfo(ZONE)) + timedelta(days=2)).date()

    desktop = await signed_in_page(browser, server, world.agent.email, width=1280, height=900)
    await desktop.goto(f"{server.base}/app/leads/{lead_id}")
    upcoming = desktop.locator("[data-upcoming] > li")
    await expect(upcoming).to_have_count(3)
    await _all_on_screen(desktop, "[data-follow-ups] button")
    await upcoming.first.get_by_role("button", name="Skip").click()
    await expect(desktop.locator("[data-past]")).to_contain_text("skipped by staff")
    await expect(desktop.locator("[data-upcoming] > li")).to_have_count(2)

    await desktop.locator("[data-appointments] summary").click()
    await desktop.get_by_label("Starts").fill(f"{day.isoformat()}T10:00")
    await desktop.locator("[data-appointments]").get_by_role("button", name="Book").click()
    await expect(desktop.locator("[data-appointments] li").first).to_contain_text("10:00")
    await expect(desktop.locator(".page-head .badge")).to_contain_text("Appointment")
    await shot(desktop, "issue18-lead-desktop")

    await desktop.goto(f"{server.base}/app/calendar?view=week&date={day.isoformat()}")
    card = desktop.locator(".appt", has_text="Carla Calendar")
    await expect(card).to_contain_text("10:00–10:30")
    await expect(desktop.locator(".calendar > section")).to_have_count(7)
    await _all_on_screen(desktop, ".calendar > section")
    await shot(desktop, "issue18-calendar-week-desktop")
    await desktop.context.close()

    phone = await signed_in_page(browser, server, world.agent.email, width=390, height=844)
    await phone.goto(f"{server.base}/app/calendar?view=day&date={day.isoformat()}")
    card = phone.locator(".appt", has_text="Carla Calendar")
    await expect(card).to_be_visible()
    assert await card.evaluate(OFF_SCREEN) <= 1
    await card.locator("summary").click()
    await card.get_by_label("New time").fill(f"{day.isoformat()}T11:30")
    await _all_on_screen(phone, ".appt button")
    await card.get_by_role("button", name="Reschedule").click()
    await expect(phone.locator(".appt", has_text="Carla Calendar")).to_contain_text("11:30–12:00")
    await expect(phone.locator(".appt", has_text="Carla Calendar")).to_contain_text("Rescheduled")
    await shot(phone, "issue18-calendar-day-phone")

    await phone.goto(f"{server.base}/app/leads/{lead_id}")
    await _all_on_screen(phone, "[data-follow-ups] button")
    await expect(phone.locator("[data-appointments] li").first).to_contain_text("11:30")
    await shot(phone, "issue18-lead-phone")
    await phone.context.close()
