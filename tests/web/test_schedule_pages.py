"""Issue 18's staff pages through the app: the lead page lists a lead's follow-ups and appointments and its forms
skip, snooze, edit and add them; the calendar shows a day or a week per salesperson, books, reschedules, cancels and
records a no-show (which enters the no-show cadence); a time typed in a form is the dealership's local time; bad
input is a 422 page naming the field; another dealership's rows are 404 pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Appointment, FollowUp, Lead
from tests.appointments.support import ZONE, at, create_shop, local_day
from tests.followups.test_followups import _enrolled, _rows
from tests.web.test_staff_pages import csrf_of, page_client


async def _appointments(db: Database, lead_id: object) -> list[Appointment]:
    async with db.maint_session() as maint:
        rows = await maint.scalars(select(Appointment).where(Appointment.lead_id == lead_id))
        return list(rows.all())


async def test_the_lead_page_lists_and_changes_follow_ups(app: FastAPI, db: Database) -> None:
    shop = await create_shop(db)
    await _enrolled(db, shop)
    client = await page_client(app, shop.team.agent.email)
    page = await client.get(f"/app/leads/{shop.lead.id}")
    assert page.status_code == 200, page.text
    assert page.text.count("data-follow-up=") == 3 and "Written by the agent when due" in page.text
    token = csrf_of(page.text)
    first, second, third = await _rows(db, shop.lead.id)

    skipped = await client.post(f"/app/follow-ups/{first.id}/skip", data={"csrf_token": token})
    assert skipped.status_code == 303 and skipped.headers["location"] == f"/app/leads/{shop.lead.id}"
    snoozed = await client.post(f"/app/follow-ups/{second.id}/snooze", data={"csrf_token": token, "hours": "24"})
    assert snoozed.status_code == 303
    edit = {"csrf_token": token, "scheduled_at": f"{local_day(3).isoformat()}T10:30", "notes": "Call me maybe"}
    edited = await client.post(f"/app/follow-ups/{third.id}/edit", data=edit)
    assert edited.status_code == 303, edited.text
    rows = {r.id: r for r in await _rows(db, shop.lead.id)}
    assert rows[first.id].status == "cancelled"
    assert rows[second.id].scheduled_at == second.scheduled_at + timedelta(hours=24)
    assert rows[third.id].scheduled_at == at(local_day(3), 10, 30)  # the dealership's 10:30, not UTC's
    assert rows[third.id].notes == "Call me maybe"

    task = {"csrf_token": token, "kind": "staff_reminder", "scheduled_at": f"{local_day(1).isoformat()}T09:15"}
    added = await client.post(f"/app/leads/{shop.lead.id}/follow-ups", data={**task, "notes": "trade-in numbers"})
    assert added.status_code == 303, added.text
    again = await client.get(f"/app/leads/{shop.lead.id}")
    assert "trade-in numbers" in again.text and "skipped by staff" in again.text

    bad = await client.post(f"/app/follow-ups/{second.id}/edit", data={"csrf_token": token, "scheduled_at": "soon"})
    assert bad.status_code == 422 and "scheduled_at" in bad.text
    past = f"{(datetime.now(UTC) - timedelta(days=2)).astimezone(ZoneInfo(ZONE)).date().isoformat()}T10:00"
    late = await client.post(f"/app/leads/{shop.lead.id}/follow-ups", data={**task, "scheduled_at": past})
    assert late.status_code == 422 and "future" in late.text
    forged = await client.post(f"/app/follow-ups/{second.id}/skip", data={"csrf_token": "forged"})
    assert forged.status_code == 403


async def test_the_calendar_books_reschedules_cancels_and_records_a_no_show(app: FastAPI, db: Database) -> None:
    shop = await create_shop(db)
    client = await page_client(app, shop.team.agent.email)
    day = local_day(2)
    page = await client.get("/app/calendar", params={"view": "week", "date": day.isoformat()})
    assert page.status_code == 200, page.text
    assert page.text.count('aria-labelledby="day-') == 7 and "Nothing booked" in page.text
    token = csrf_of(page.text)
    here = f"/app/calendar?view=day&date={day.isoformat()}"
    book = {"csrf_token": token, "lead_id": str(shop.lead.id), "kind": "test_drive", "next": here}
    booked = await client.post("/app/calendar/book", data={**book, "starts_at": f"{day.isoformat()}T10:00"})
    assert booked.status_code == 303 and booked.headers["location"] == here, booked.text
    [appointment] = await _appointments(db, shop.lead.id)
    assert appointment.starts_at == at(day, 10) and appointment.kind == "test_drive"
    async with db.maint_session() as maint:
        lead = await maint.get(Lead, shop.lead.id)
        assert lead is not None and lead.status == "appointment"

    shown = await client.get(here)
    assert "10:00–10:30" in shown.text and shop.customer.full_name in shown.text
    mine = await client.get(
        "/app/calendar", params={"view": "day", "date": day.isoformat(), "user": shop.team.admin.id}
    )
    assert "Nothing booked" in mine.text  # another salesperson's day

    closed = await client.post("/app/calendar/book", data={**book, "starts_at": f"{day.isoformat()}T22:00"})
    assert closed.status_code == 422 and "working hours" in closed.text

    moved = await client.post(
        f"/app/appointments/{appointment.id}/reschedule",
        data={"csrf_token": token, "starts_at": f"{day.isoformat()}T11:30"},
    )
    assert moved.status_code == 303, moved.text
    [appointment] = await _appointments(db, shop.lead.id)
    assert appointment.starts_at == at(day, 11, 30) and appointment.status == "rescheduled"
    cancelled = await client.post(f"/app/appointments/{appointment.id}/cancel", data={"csrf_token": token})
    assert cancelled.status_code == 303
    [appointment] = await _appointments(db, shop.lead.id)
    assert appointment.status == "cancelled"


async def test_a_no_show_from_the_calendar_enters_the_no_show_cadence(app: FastAPI, db: Database) -> None:
    from tests.factories import create_conversation

    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        await create_conversation(maint, shop.lead, channel="chat")
        start = datetime.now(UTC) - timedelta(hours=1)
        missed = Appointment(
            dealership_id=shop.team.id,
            lead_id=shop.lead.id,
            customer_id=shop.customer.id,
            kind="sales_visit",
            source="staff",
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
        )
        maint.add(missed)
    client = await page_client(app, shop.team.agent.email)
    # the day the appointment is on in the dealership's zone: an hour ago is yesterday there just after midnight
    # (this test failed every day between 00:00 and 01:00 in the dealership's zone, asking for "today")
    day = start.astimezone(ZoneInfo(ZONE)).date().isoformat()
    page = await client.get("/app/calendar", params={"view": "day", "date": day})
    assert "No-show" in page.text
    done = await client.post(f"/app/appointments/{missed.id}/no-show", data={"csrf_token": csrf_of(page.text)})
    assert done.status_code == 303, done.text
    async with db.maint_session() as maint:
        steps = (await maint.scalars(select(FollowUp.template).where(FollowUp.lead_id == shop.lead.id))).all()
    assert sorted(steps) == ["no_show:day1", "no_show:day3", "no_show:day7"]


async def test_another_dealership_s_rows_are_404_pages(app: FastAPI, db: Database) -> None:
    shop, other = await create_shop(db), await create_shop(db)
    await _enrolled(db, shop)
    [step, *_] = await _rows(db, shop.lead.id)
    outsider = await page_client(app, other.team.manager.email)
    page = await outsider.get("/app/calendar")
    token = csrf_of(page.text)
    assert (await outsider.post(f"/app/follow-ups/{step.id}/skip", data={"csrf_token": token})).status_code == 404
    book = {"csrf_token": token, "lead_id": str(shop.lead.id), "starts_at": f"{local_day(2).isoformat()}T10:00"}
    assert (await outsider.post("/app/calendar/book", data=book)).status_code == 404
    assert {r.status for r in await _rows(db, shop.lead.id)} == {"scheduled"}


async def test_the_settings_page_edits_the_cadences_and_a_negative_step_is_a_422_naming_it(
    app: FastAPI, db: Database
) -> None:
    from showroom.models import Dealership

    shop = await create_shop(db)
    client = await page_client(app, shop.team.admin.email)
    page = await client.get("/app/settings")
    assert 'name="follow_up_days" value="1, 2, 4, 7, 13"' in page.text, page.text
    token = csrf_of(page.text)
    form = {
        "csrf_token": token,
        "follow_up_days": "2, 5 sms, 9 CALL",
        "no_show_follow_up_days": "1 4",
        "handover_follow_up_days": "2 call, 6",
        "follow_up_gap_hours": "36",
        "appointment_slot_minutes": "45",
        "appointment_capacity": "3",
        "appointment_reminder_hours": "2, 48",
    }
    saved = await client.post("/app/settings/follow-ups", data=form)
    assert saved.status_code == 303, saved.text
    async with db.maint_session() as maint:
        d = await maint.get(Dealership, shop.team.id)
        assert d is not None
        config = d.agent_config
    assert config["follow_up_days"] == [
        {"day": 2, "channel": "same"},
        {"day": 5, "channel": "sms"},
        {"day": 9, "channel": "call"},
    ]
    assert [s["day"] for s in config["no_show_follow_up_days"]] == [1, 4]
    assert config["handover_follow_up_days"] == [{"day": 2, "channel": "call"}, {"day": 6, "channel": "same"}]
    again = await client.get("/app/settings")
    assert 'name="follow_up_days" value="2, 5 sms, 9 call"' in again.text, again.text
    assert config["follow_up_gap_hours"] == 36 and config["follow_up_working_days"] is False
    assert config["appointment_reminder_hours"] == [48, 2]
    assert config["appointment_slot_minutes"] == 45 and config["working_hours"]["mon"]["open"] == "09:00"  # kept
    negative = await client.post("/app/settings/follow-ups", data={**form, "follow_up_days": "1, -2"})
    assert negative.status_code == 422 and "follow_up_days" in negative.text and "negative" in negative.text
    words = await client.post("/app/settings/follow-ups", data={**form, "no_show_follow_up_days": "soon"})
    assert words.status_code == 422 and "no_show_follow_up_days" in words.text
    fax = await client.post("/app/settings/follow-ups", data={**form, "follow_up_days": "1 fax"})
    assert fax.status_code == 422 and "follow_up_days" in fax.text and "fax" in fax.text
    unsorted = await client.post("/app/settings/follow-ups", data={**form, "handover_follow_up_days": "5, 2"})
    assert unsorted.status_code == 422 and "handover_follow_up_days" in unsorted.text and "order" in unsorted.text
    async with db.maint_session() as maint, maint.begin():  # settings saved before steps had a channel
        d = await maint.get(Dealership, shop.team.id)
        assert d is not None
        d.agent_config = {**d.agent_config, "follow_up_days": [3, 6]}
    old = await client.get("/app/settings")
    assert 'name="follow_up_days" value="3, 6"' in old.text, old.text
    agent = await page_client(app, shop.team.agent.email)
    assert (
        await agent.post(
            "/app/settings/follow-ups", data={**form, "csrf_token": csrf_of((await agent.get("/app/calendar")).text)}
        )
    ).status_code == 403


async def test_the_dashboard_shows_appointments_set_shown_and_the_show_rate(app: FastAPI, db: Database) -> None:
    import re

    from tests.factories import create_customer, create_lead

    shop = await create_shop(db)
    now = datetime.now(UTC)
    async with db.maint_session() as maint, maint.begin():
        for n, status in enumerate(("completed", "completed", "completed", "no_show", "confirmed", "cancelled")):
            customer = await create_customer(maint, shop.team.id)
            lead = await create_lead(maint, shop.team.id, customer.id)
            start = now - timedelta(days=n + 1) if status != "confirmed" else now + timedelta(days=2)
            maint.add(
                Appointment(
                    dealership_id=shop.team.id,
                    lead_id=lead.id,
                    customer_id=customer.id,
                    kind="sales_visit",
                    source="staff",
                    status=status,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=30),
                )
            )
    client = await page_client(app, shop.team.agent.email)
    page = (await client.get("/")).text
    assert re.search(r'data-kpi="appointments-set"><a href="/app/calendar">6<', page), page
    assert re.search(r'data-kpi="appointments-shown">3 <small>show rate 75%, 1 no-show', page), page
