"""The agent books (issue 18): when the "Specific appointment time" trigger fires and the time the customer asks for
is a free slot, the appointment is booked and confirmed (date, time, address, vehicle); when it is not, the two
nearest free slots are offered. A time that cannot be read, or no free slot nearby, keeps the handover.

The DB work (free slots, the booking) is here; the choice is ``appointments.slots.choose`` (pure), and the time is
read by the brain (``nlu.when.resolve``) from what the dialogue put together (``dialogue.with_visit_day``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.appointments import service as appointments
from showroom.appointments import slots
from showroom.appointments.invitation import address_of, may_email, vehicle_words
from showroom.appointments.schemas import AppointmentCreate
from showroom.audit.service import Actor
from showroom.brain.dialogue import DialogueState
from showroom.brain.escalation.specs import TriggerMatch
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.when import resolve
from showroom.conversations import effects
from showroom.conversations.rows import TurnRows
from showroom.errors import ValidationFailed
from showroom.models import Message, Vehicle, VehicleInterest
from showroom.services import Services
from showroom.vocabulary import AppointmentKind, AppointmentSource

SEARCH_DAYS = 7  # how far around the requested day the nearest free slots are looked for


def is_appointment_request(match: TriggerMatch) -> bool:
    """The trigger that fired is the one for a specific appointment time (custom detector "appointment")."""
    return any(c.get("type") == "custom" and c.get("value") == "appointment" for c in match.trigger.conditions)


def _when(moment: datetime, zone: ZoneInfo, today: date) -> str:
    local = moment.astimezone(zone)
    day = "today" if local.date() == today else local.strftime("%A, %B %-d")
    return f"{day} at {local.strftime('%-I:%M %p')}"


async def _vehicle(session: AsyncSession, turn: TurnRows) -> Vehicle | None:
    """The vehicle under discussion, else the lead's primary vehicle of interest."""
    focus = DialogueState.from_json(turn.conversation.dialogue_state).focus
    if focus is not None and (vehicle := await session.get(Vehicle, focus)) is not None:
        return vehicle
    vehicle_id = await session.scalar(
        select(VehicleInterest.vehicle_id)
        .where(VehicleInterest.lead_id == turn.lead.id, VehicleInterest.vehicle_id.is_not(None))
        .order_by(VehicleInterest.is_primary.desc(), VehicleInterest.id)
        .limit(1)
    )
    return await session.get(Vehicle, vehicle_id) if vehicle_id is not None else None


def _offer_text(wanted: datetime, offer: list[slots.Slot], zone: ZoneInfo, today: date) -> str:
    choices = " or ".join(_when(s.starts_at, zone, today) for s in offer)
    asked = _when(wanted, zone, today)
    return f"{asked[0].upper()}{asked[1:]} is not available. I can do {choices}. Which works for you?"


async def try_book(
    session: AsyncSession,
    services: Services,
    turn: TurnRows,
    inbound: Message,
    u: Understanding,
    match: TriggerMatch,
    actor: Actor,
) -> Message | None:
    """Book the requested time or offer the nearest free slots, and say so; None: hand over as before."""
    if not is_appointment_request(match) or u.time_request is None:
        return None
    customer = turn.customer
    if not (customer.email or customer.phone_e164 or customer.phone):
        return None  # no way to reach the customer (an anonymous chat): a person confirms the visit, as before
    now = datetime.now(UTC)
    wanted = resolve(u.time_request, now, turn.dealership.timezone)
    if wanted is None:
        return None
    rules = await appointments.rules_for(session, turn.dealership.id)
    today = now.astimezone(rules.zone).date()
    day = wanted.astimezone(rules.zone).date()
    first = max(today, day - timedelta(days=SEARCH_DAYS))
    choice = slots.choose(
        wanted, await appointments.free_slots(session, rules, first, day + timedelta(days=SEARCH_DAYS), now)
    )
    if choice.slot is None:
        if not choice.offer:
            return None
        text = _offer_text(wanted, choice.offer, rules.zone, today)
        return await effects.say(session, services, turn, inbound, text, model="appointment")
    vehicle = await _vehicle(session, turn)
    kind = AppointmentKind.test_drive if vehicle is not None else AppointmentKind.sales_visit
    data = AppointmentCreate(
        lead_id=turn.lead.id,
        kind=kind,
        starts_at=choice.slot.starts_at,
        ends_at=choice.slot.ends_at,
        vehicle_id=vehicle.id if vehicle is not None else None,
        notes=f'Booked by the agent from: "{u.time_request.words}"',
    )
    try:
        await appointments.create(session, data, actor, source=AppointmentSource.agent, now=now)
    except ValidationFailed as refused:  # the last place went to someone else a moment ago
        offer = [
            slots.Slot(datetime.fromisoformat(a["starts_at"]), datetime.fromisoformat(a["ends_at"]), 1)
            for a in refused.extra.get("alternatives", [])
        ]
        if not offer:
            return None
        return await effects.say(
            session, services, turn, inbound, _offer_text(wanted, offer, rules.zone, today), model="appointment"
        )
    what = "test drive" if vehicle is not None else "visit"
    when = _when(choice.slot.starts_at, rules.zone, today)
    text = f"You're booked: your {what} is {when} at {turn.dealership.name}, {address_of(turn.dealership)}."
    if (words := vehicle_words(vehicle)) is not None:
        text += f" We'll have the {words} ready for you."
    if may_email(turn.customer):
        text += " A calendar invitation is on its way to your e-mail."
    return await effects.say(session, services, turn, inbound, text, model="appointment")
