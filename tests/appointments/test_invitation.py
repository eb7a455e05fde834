"""The .ics invitation: queued with the booking, sent by the mail worker after commit (never inline), updated on a
move and withdrawn on a cancellation with the same UID; nobody flagged or opted out gets one."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from fastapi import FastAPI
from icalendar import Calendar
from sqlalchemy import update

from showroom.db.engine import Database
from showroom.models import Customer, Dealership
from showroom.settings import Settings
from tests.appointments.support import at, create_shop, local_day
from tests.auth.test_links import Inbox as SmtpInbox
from tests.auth.test_links import inbox_to, mails_to, smtp_app  # noqa: F401 (a fixture)
from tests.conftest import Worker
from tests.helpers import new_client, sign_in


def invite_of(message: object) -> Calendar:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]  # type: ignore[attr-defined]
    assert len(parts) == 1
    return Calendar.from_ical(parts[0].get_content())


async def test_the_invitation_is_sent_after_commit_and_follows_the_appointment(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            update(Dealership)
            .where(Dealership.id == shop.team.id)
            .values(address="100 Main St", city="Springfield", state="IL", zip="62701")
        )
    staff = await sign_in(app, shop.team.agent.email)
    day = local_day()
    body = {"lead_id": str(shop.lead.id), "kind": "test_drive", "starts_at": at(day, 10).isoformat()}
    made = (await staff.post("/api/v1/appointments", json={**body, "vehicle_id": shop.vehicle.id})).json()
    to = shop.customer.email or ""
    assert mails_to(settings, to) == []  # queued, not sent inline
    await worker("mail")
    [booked] = mails_to(settings, to)
    assert "Test drive" in booked["Subject"] and "100 Main St, Springfield, IL 62701" in booked.get_body().get_content()
    event = invite_of(booked).walk("VEVENT")[0]
    assert str(event["uid"]) == f"{made['id']}@showroom"
    assert event.decoded("dtstart") == at(day, 10).astimezone(UTC)
    assert "100 Main St" in str(event["location"]) and "Tucson" in str(event["description"])
    assert str(invite_of(booked)["method"]) == "REQUEST"

    await staff.post(f"/api/v1/appointments/{made['id']}/reschedule", json={"starts_at": at(day, 14).isoformat()})
    await staff.post(f"/api/v1/appointments/{made['id']}/cancel", json={"reason": "changed plans"})
    await worker("mail")
    sent = mails_to(settings, to)  # the outbox's order within one second is not the sending order
    assert len(sent) == 3, [m["Subject"] for m in sent]
    [cancelled] = [m for m in sent if str(m["Subject"]).strip().startswith("Cancelled:")]
    [moved] = [m for m in sent if "moved to" in m.get_body().get_content()]
    moved_event, cancelled_event = invite_of(moved).walk("VEVENT")[0], invite_of(cancelled).walk("VEVENT")[0]
    assert moved_event.decoded("dtstart") == at(day, 14).astimezone(UTC)
    assert str(moved_event["uid"]) == str(cancelled_event["uid"]) == str(event["uid"])
    assert int(event["sequence"]) < int(moved_event["sequence"]) <= int(cancelled_event["sequence"])
    assert str(invite_of(cancelled)["method"]) == "CANCEL" and str(cancelled_event["status"]) == "CANCELLED"


async def test_no_invitation_to_a_flagged_or_opted_out_address(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    shop = await create_shop(db)
    flagged = {"email": {"value": shop.customer.email, "reason": "test", "since": datetime.now(UTC).isoformat()}}
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(update(Customer).where(Customer.id == shop.customer.id).values(contact_flags=flagged))
    staff = await sign_in(app, shop.team.agent.email)
    body = {"lead_id": str(shop.lead.id), "starts_at": at(local_day(), 10).isoformat()}
    assert (await staff.post("/api/v1/appointments", json=body)).status_code == 201
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            update(Customer)
            .where(Customer.id == shop.customer.id)
            .values(contact_flags={}, opted_out=True, opted_out_at=datetime.now(UTC))
        )
    body["starts_at"] = at(local_day(), 11).isoformat()
    assert (await staff.post("/api/v1/appointments", json=body)).status_code == 201
    await worker("mail")
    assert mails_to(settings, shop.customer.email or "") == []


async def test_the_invitation_carries_the_customer_s_signed_link_which_opens_their_visit(
    smtp_app: tuple[FastAPI, SmtpInbox],  # noqa: F811 (the fixture imported above)
    db: Database,
    worker: Worker,
) -> None:
    """Read from a real SMTP server: the confirmation's text and its .ics (URL and DESCRIPTION) carry the signed
    see/move/cancel link, like the reminders; following it shows the visit, and cancels it."""
    app, inbox = smtp_app
    shop = await create_shop(db)
    staff = await sign_in(app, shop.team.agent.email)
    body = {"lead_id": str(shop.lead.id), "starts_at": at(local_day(), 11).isoformat()}
    made = await staff.post("/api/v1/appointments", json=body)
    assert made.status_code == 201, made.text
    await worker("mail", settings=app.state.settings)
    [booked] = inbox_to(inbox, shop.customer.email or "")
    text = booked.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    links = re.findall(r"https?://\S+/visit/[\w.-]+", text)
    assert len(links) == 1 and "See, move or cancel it: " in text, text
    event = invite_of(booked).walk("VEVENT")[0]
    assert str(event["url"]) == links[0]
    assert links[0] in str(event["description"]).replace("\n", "")
    path = urlsplit(links[0]).path
    customer = new_client(app)  # no sign-in: the link is enough
    page = await customer.get(path)
    assert page.status_code == 200 and "11:00 AM" in page.text, page.text
    cancelled = await customer.post(f"{path}/cancel")
    assert cancelled.status_code == 303
    mine = await staff.get(f"/api/v1/appointments/{made.json()['id']}")
    assert mine.json()["status"] == "cancelled"
    forged = await customer.get(path[:-3] + "xyz")
    assert forged.status_code == 404
