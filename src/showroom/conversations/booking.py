"""The agent books (issue 18): when the "Specific appointment time" trigger fires and the time the customer asks for
is a free slot, the appointment is booked and confirmed (date, time, address, vehicle); when it is not, the two
nearest free slots are offered (kept in the dialogue state, ``offered``), and the customer's next message may pick
one ("the first one", "the 11:30", "sat 10": ``brain.visits.chosen``), which is booked. A time that cannot be read,
or no free slot nearby, keeps the handover. The words, English or Spanish, are ``brain.visits``.

The DB work (free slots, the booking) is here; the choice is ``appointments.slots.choose`` (pure), and the time is
read by the brain (``nlu.when.resolve``) from what the dialogue put together (``dialogue.with_visit_day``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.appointments import service as appointments
from showroom.appointments import slots
from showroom.appointments.invitation import address_of, may_email, vehicle_words
from showroom.appointments.schemas import AppointmentCreate, AppointmentReschedule
from showroom.audit.service import Actor
from showroom.brain import visits
from showroom.brain.compose.reply import reply_language
from showroom.brain.dialogue import DialogueState
from showroom.brain.escalation.specs import TriggerMatch
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.when import resolve
from showroom.conversations import effects
from showroom.conversations.rows import TurnRows
from showroom.errors import ValidationFailed
from showroom.models import Appointment, Message, Vehicle, VehicleInterest
from showroom.models.appointments import HOLDING
from showroom.services import Services
from showroom.vocabulary import AppointmentKind, AppointmentSource

SEARCH_DAYS = 7  # how far around the requested day the nearest free slots are looked for


def is_appointment_request(match: TriggerMatch) -> bool:
    """The trigger that fired is the one for a specific appointment time (custom detector "appointment")."""
    return any(c.get("type") == "custom" and c.get("value") == "appointment" for c in match.trigger.conditions)


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


async def try_book(
    session: AsyncSession,
    services: Services,
    turn: TurnRows,
    inbound: Message,
    u: Understanding,
    match: TriggerMatch | None,
    actor: Actor,
) -> Message | None:
    """Book the offered slot the customer picks, or the requested time, or offer the nearest free slots, and say
    so; None: the message is answered (or handed over) as before."""
    customer = turn.customer
    if not (customer.email or customer.phone_e164 or customer.phone):
        return None  # no way to reach the customer (an anonymous chat): a person confirms the visit, as before
    state = DialogueState.from_json(turn.conversation.dialogue_state)
    asked = match is not None and is_appointment_request(match) and u.time_request is not None
    change = visits.change_request(u.text)
    if not state.offered and not asked and change is None:
        return None
    now = datetime.now(UTC)
    upcoming = await _upcoming(session, turn, now)
    rules = await appointments.rules_for(session, turn.dealership.id)
    if state.offered:
        offered = [datetime.fromisoformat(o).astimezone(rules.zone) for o in state.offered]
        picked = visits.chosen(u.text, offered, now)
        if picked is not None:
            return await _book(session, services, turn, inbound, u, rules, state, picked, now, actor, upcoming)
    if upcoming is not None and not asked and change is not None:
        if change == "cancel":
            return await _cancel(session, services, turn, inbound, u, rules, state, upcoming, now, actor)
        near = await appointments.free_slots(
            session, rules, now.astimezone(rules.zone).date(), (upcoming.starts_at + timedelta(days=SEARCH_DAYS)).date()
        )
        offer = slots.nearest([s for s in near if s.starts_at != upcoming.starts_at], upcoming.starts_at)
        if offer:
            return await _offer(session, services, turn, inbound, u, rules, state, None, offer, now)
        return None
    if not asked or u.time_request is None:
        return None
    wanted = resolve(u.time_request, now, turn.dealership.timezone)
    if wanted is None:
        return None
    day = wanted.astimezone(rules.zone).date()
    choice = slots.choose(wanted, await appointments.free_slots(session, rules, day, day, now))  # most often free
    if choice.slot is None:  # the nearest free slots, a week either side
        first = max(now.astimezone(rules.zone).date(), day - timedelta(days=SEARCH_DAYS))
        last = day + timedelta(days=SEARCH_DAYS)
        choice = slots.choose(wanted, await appointments.free_slots(session, rules, first, last, now))
    if choice.slot is None:
        if not choice.offer:
            return None
        return await _offer(session, services, turn, inbound, u, rules, state, wanted, choice.offer, now)
    return await _book(session, services, turn, inbound, u, rules, state, choice.slot.starts_at, now, actor, upcoming)


async def _offer(
    session: AsyncSession,
    services: Services,
    turn: TurnRows,
    inbound: Message,
    u: Understanding,
    rules: slots.Rules,
    state: DialogueState,
    wanted: datetime | None,
    offer: list[slots.Slot],
    now: datetime,
) -> Message:
    """Offer the free slots ``offer`` (remembered, so that the next message may pick one)."""
    today = now.astimezone(rules.zone).date()
    starts = [s.starts_at.astimezone(rules.zone) for s in offer]
    asked = wanted.astimezone(rules.zone) if wanted is not None else None
    text = visits.offer_text(reply_language(u), asked, starts, today)
    state.offered = [s.isoformat() for s in starts]
    return await effects.say(
        session, services, turn, inbound, text, model="appointment", dialogue_state=state.to_json()
    )


async def _book(
    session: AsyncSession,
    services: Services,
    turn: TurnRows,
    inbound: Message,
    u: Understanding,
    rules: slots.Rules,
    state: DialogueState,
    starts_at: datetime,
    now: datetime,
    actor: Actor,
    upcoming: Appointment | None = None,
) -> Message | None:
    """Book the slot starting at ``starts_at`` (move the lead's ``upcoming`` visit there, if it has one) and confirm
    it (date, time, address, vehicle); if its last place went to someone else a moment ago, offer the nearest free
    ones instead."""
    vehicle = await _vehicle(session, turn)
    if upcoming is not None and upcoming.vehicle_id is not None:
        vehicle = await session.get(Vehicle, upcoming.vehicle_id)
    kind = AppointmentKind.test_drive if vehicle is not None else AppointmentKind.sales_visit
    words = u.time_request.words if u.time_request is not None else u.text
    try:
        if upcoming is not None:
            await appointments.reschedule(
                session,
                upcoming.id,
                AppointmentReschedule(starts_at=starts_at),
                actor,
                now=now,
                settings=services.settings,
            )
        else:
            data = AppointmentCreate(
                lead_id=turn.lead.id,
                kind=kind,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=rules.minutes),
                vehicle_id=vehicle.id if vehicle is not None else None,
                notes=f'Booked by the agent from: "{words}"',
            )
            await appointments.create(
                session, data, actor, source=AppointmentSource.agent, now=now, settings=services.settings
            )
    except ValidationFailed as refused:  # the last place went to someone else a moment ago
        offer = [
            slots.Slot(datetime.fromisoformat(a["starts_at"]), datetime.fromisoformat(a["ends_at"]), 1)
            for a in refused.extra.get("alternatives", [])
        ]
        if not offer:
            return None
        return await _offer(session, services, turn, inbound, u, rules, state, starts_at, offer, now)
    language = reply_language(u)
    local = starts_at.astimezone(rules.zone)
    text = visits.booked_text(
        language,
        test_drive=vehicle is not None,
        when=visits.when_words(local, now.astimezone(rules.zone).date(), language),
        dealer=turn.dealership.name,
        address=address_of(turn.dealership),
        vehicle=vehicle_words(vehicle),
        invited=may_email(turn.customer),
    )
    state.offered = []
    state.appointment = {"words": words, "at": local.isoformat(), "booked": True}
    return await effects.say(
        session, services, turn, inbound, text, model="appointment", dialogue_state=state.to_json()
    )


async def _upcoming(session: AsyncSession, turn: TurnRows, now: datetime) -> Appointment | None:
    """The lead's next visit still booked, if any."""
    found: Appointment | None = await session.scalar(
        select(Appointment)
        .where(Appointment.lead_id == turn.lead.id, Appointment.status.in_(HOLDING), Appointment.starts_at > now)
        .order_by(Appointment.starts_at)
        .limit(1)
    )
    return found


async def _cancel(
    session: AsyncSession,
    services: Services,
    turn: TurnRows,
    inbound: Message,
    u: Understanding,
    rules: slots.Rules,
    state: DialogueState,
    upcoming: Appointment,
    now: datetime,
    actor: Actor,
) -> Message:
    """The customer cancels their visit by replying: cancelled (staff are told), and said so."""
    await appointments.cancel(session, upcoming.id, f'cancelled by the customer: "{u.text[:200]}"', actor)
    language = reply_language(u)
    when = visits.when_words(upcoming.starts_at.astimezone(rules.zone), now.astimezone(rules.zone).date(), language)
    state.offered = []
    return await effects.say(
        session,
        services,
        turn,
        inbound,
        visits.cancelled_text(language, when),
        model="appointment",
        dialogue_state=state.to_json(),
    )
