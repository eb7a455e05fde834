"""Issue 18 in Chromium: the calendar follows appointments as they change, without a reload, whoever changes them:
the agent books one, the customer moves it and then cancels it through their signed link, a colleague books
another from their own browser. The page's live updates are the staff event stream (PostgreSQL NOTIFY)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.async_api import expect
from sqlalchemy import update

from showroom.appointments import links
from showroom.appointments import service as appointments
from showroom.appointments.schemas import AppointmentCreate
from showroom.audit.service import SYSTEM
from showroom.db.engine import Database
from showroom.models import Dealership
from showroom.vocabulary import AppointmentSource
from tests.e2e.conftest import Server, signed_in_page
from tests.factories import create_customer, create_lead
from tests.helpers import Team

ZONE = "America/Chicago"
EVERY_DAY = {d: {"open": "09:00", "close": "19:00"} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


async def test_the_calendar_follows_bookings_moves_and_cancellations_by_anyone_without_a_reload(
    browser: object, server: Server, world: Team, db: Database
) -> None:
    # closed today: the first free times are all tomorrow's, on one day of one week (late in the day there was one
    # slot left today, the move went to tomorrow, and on a Sunday that was next week's page)
    today_name = datetime.now(UTC).astimezone(ZoneInfo(ZONE)).strftime("%a").lower()
    hours = {d: h for d, h in EVERY_DAY.items() if d != today_name}
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            update(Dealership)
            .where(Dealership.id == world.id)
            .values(timezone=ZONE, agent_config={"working_hours": hours, "appointment_capacity": 3})
        )
        lives = await create_customer(maint, world.id, first_name="Liv", full_name="Liv Update")
        other = await create_customer(maint, world.id, first_name="Ott", full_name="Otto Colleague")
        lead = await create_lead(maint, world.id, lives.id, assigned_user_id=world.agent.id)
        second = await create_lead(maint, world.id, other.id, assigned_user_id=world.agent.id)
    zone, now = ZoneInfo(ZONE), datetime.now(UTC)
    async with db.session(world.id) as session:  # the customer's link offers the first free times: that day's
        rules = await appointments.rules_for(session, world.id)
        today = now.astimezone(zone).date()
        free = await appointments.free_slots(session, rules, today, today + timedelta(days=7), now)
    first = free[0].starts_at.astimezone(zone)
    day = first.date()
    last = [s.starts_at for s in free if s.starts_at.astimezone(zone).date() == day][-1]

    page = await signed_in_page(browser, server, world.agent.email)
    await page.goto(f"{server.base}/app/calendar?view=week&date={day.isoformat()}")
    await expect(page.locator("#live-status")).to_have_class("live-status on", timeout=10_000)
    await page.evaluate("window.__stayed = true")  # gone if the page reloads
    cards = page.locator(".appt", has_text="Liv Update")
    await expect(cards).to_have_count(0)

    async with db.session(world.id) as session, session.begin():  # the agent books, in a job's transaction
        booked = await appointments.create(
            session, AppointmentCreate(lead_id=lead.id, starts_at=last), SYSTEM, source=AppointmentSource.agent
        )
    await expect(cards).to_contain_text(f"{last.astimezone(zone):%H:%M}–", timeout=10_000)
    await expect(page.locator("[data-counts]")).to_contain_text("1 appointment set")

    visitor = await (await browser.new_context()).new_page()  # type: ignore[attr-defined]
    await visitor.goto(links.url(server.settings, booked.id, world.id))
    await visitor.get_by_label("Move it to").select_option(index=0)  # the first free time, that day
    await visitor.get_by_role("button", name="Move my visit").click()
    await expect(cards).to_contain_text(f"{first:%H:%M}–", timeout=10_000)
    await expect(cards).to_contain_text("Rescheduled")

    colleague = await signed_in_page(browser, server, world.manager.email)
    await colleague.goto(f"{server.base}/app/calendar?view=week&date={day.isoformat()}")
    await colleague.get_by_label("Lead").select_option(str(second.id))
    await colleague.get_by_label("Starts").fill(f"{last.astimezone(zone):%Y-%m-%dT%H:%M}")
    await colleague.get_by_role("button", name="Book").click()
    otto = page.locator(".appt", has_text="Otto Colleague")
    await expect(otto).to_contain_text(f"{last.astimezone(zone):%H:%M}–", timeout=10_000)

    await visitor.get_by_role("button", name="Cancel my visit").click()
    await expect(cards).to_contain_text("Cancelled", timeout=10_000)
    await expect(page.locator("[data-counts]")).to_contain_text("1 appointment set")
    assert await page.evaluate("window.__stayed === true")
