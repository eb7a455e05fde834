"""The ``.ics`` invitation (RFC 5545, the ``icalendar`` library) e-mailed to the customer when an appointment is
booked, moved or cancelled: queued with ``mail.send_later`` in the booking's transaction, sent by the worker after
commit, never inline."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.appointments import links
from showroom.mail import Email, new_message_id, send_later
from showroom.models import Appointment, Customer, Dealership, Vehicle
from showroom.settings import Settings
from showroom.vocabulary import AppointmentStatus

KIND_WORDS = {
    "test_drive": "Test drive",
    "sales_visit": "Visit",
    "trade_in_appraisal": "Trade-in appraisal",
    "delivery": "Delivery",
}


def address_of(dealership: Dealership) -> str:
    parts = [dealership.address, dealership.city, " ".join(p for p in (dealership.state, dealership.zip) if p)]
    return ", ".join(p for p in parts if p) or dealership.name


def vehicle_words(vehicle: Vehicle | None) -> str | None:
    if vehicle is None:
        return None
    name = " ".join(str(p) for p in (vehicle.year, vehicle.make, vehicle.model, vehicle.trim) if p)
    return f"{name} (stock {vehicle.stock_number})" if vehicle.stock_number else name


def ics(
    appointment: Appointment,
    dealership: Dealership,
    vehicle: Vehicle | None,
    sequence: int,
    organizer: str,
    link: str | None = None,
) -> str:
    """The VCALENDAR of one appointment: METHOD REQUEST (CANCEL once cancelled), its id as the UID, so calendars
    update the same event when it moves; ``sequence`` grows with each change. ``link``, the customer's signed page
    to see, move or cancel it, is its URL and ends its DESCRIPTION."""
    cancelled = appointment.status == AppointmentStatus.cancelled
    cal = Calendar()
    cal.add("prodid", "-//Showroom//appointments//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"{appointment.id}@showroom")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", appointment.starts_at.astimezone(UTC))
    event.add("dtend", appointment.ends_at.astimezone(UTC))
    event.add("sequence", sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("summary", f"{KIND_WORDS.get(appointment.kind, 'Visit')} at {dealership.name}")
    event.add("location", address_of(dealership))
    words = vehicle_words(vehicle)
    description = f"Vehicle: {words}" if words else f"Your visit to {dealership.name}"
    if link is not None:
        event.add("url", link)
        description += f"\n\nSee, move or cancel it: {link}"
    event.add("description", description)
    event["organizer"] = vCalAddress(f"mailto:{organizer}")
    event["organizer"].params["cn"] = vText(dealership.name)
    cal.add_component(event)
    return str(cal.to_ical().decode())


def may_email(customer: Customer) -> bool:
    """An address we may write to: given, not flagged as doubtful, and the customer did not say stop."""
    return bool(
        customer.email
        and not customer.opted_out
        and "email" not in (customer.opted_out_channels or {})
        and "email" not in (customer.contact_flags or {})
    )


async def queue(
    session: AsyncSession, appointment: Appointment, sequence: int, settings: Settings | None = None
) -> int | None:
    """Queue the invitation (or its update or cancellation) to the customer; None when there is nobody to send it
    to. With ``settings``, the invitation and its e-mail carry the customer's signed link (``links``), as the
    reminders do."""
    customer = await session.get(Customer, appointment.customer_id)
    dealership = await session.get(Dealership, appointment.dealership_id)
    if customer is None or dealership is None or not may_email(customer):
        return None
    vehicle = await session.get(Vehicle, appointment.vehicle_id) if appointment.vehicle_id else None
    local = appointment.starts_at.astimezone(ZoneInfo(dealership.timezone))
    when = local.strftime("%A %B %-d at %-I:%M %p")
    kind = KIND_WORDS.get(appointment.kind, "Visit")
    cancelled = appointment.status == AppointmentStatus.cancelled
    link = links.url(settings, appointment.id, appointment.dealership_id) if settings and not cancelled else None
    if cancelled:
        subject = f"Cancelled: {kind.lower()} at {dealership.name}, {when}"
        lines = [f"Your {kind.lower()} at {dealership.name} on {when} is cancelled."]
    else:
        verb = "moved to" if appointment.status == AppointmentStatus.rescheduled else "booked for"
        subject = f"{kind} at {dealership.name}: {when}"
        lines = [f"Your {kind.lower()} at {dealership.name} is {verb} {when}."]
        lines.append(f"Address: {address_of(dealership)}")
        if (words := vehicle_words(vehicle)) is not None:
            lines.append(f"Vehicle: {words}")
        lines.append("The invitation is attached; reply to this e-mail to change it.")
        if link is not None:
            lines.append(f"See, move or cancel it: {link}")
    organizer = dealership.contact_email or "noreply@showroom.local"
    email = Email(
        to=[customer.email or ""],
        subject=subject,
        text="\n".join(lines) + "\n",
        reply_to=dealership.contact_email,
        calendar=ics(appointment, dealership, vehicle, sequence, organizer, link),
        headers={"Message-ID": new_message_id(organizer, key=f"appt-{appointment.id}-{sequence}")},
    )
    return await send_later(session, email)
