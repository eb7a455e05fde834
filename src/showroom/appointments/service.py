"""Appointments: book, list, reschedule, cancel, record the outcome; free slots; the lead moves to "appointment".

A slot's places are counted under a transaction advisory lock per (dealership, slot start), taken in time order, so
two bookings of the last place of a slot serialise: the second sees the first and is refused with the nearest free
slots instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.appointments import invitation, notices, reminders, slots
from showroom.appointments.schemas import AppointmentCreate, AppointmentReschedule
from showroom.audit.service import Actor, record, snapshot
from showroom.auth.members import assignee
from showroom.dealerships.schemas import AgentConfig
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.followups import service as followups
from showroom.leads.schemas import LeadUpdate
from showroom.leads.service import add_activity, update_lead
from showroom.models import Appointment, Conversation, Dealership, Lead, Vehicle
from showroom.models.appointments import HOLDING
from showroom.settings import Settings
from showroom.vocabulary import ActivityType, AppointmentSource, AppointmentStatus, LeadStatus

# Leads a booking moves forward to "appointment" (later stages keep theirs).
BEFORE_APPOINTMENT = (LeadStatus.new, LeadStatus.contacted, LeadStatus.qualified)
ALTERNATIVES_DAYS = 7  # how far the nearest free slots are looked for
MAX_RANGE_DAYS = 92
CHANGE_WORDS = {"rescheduled": "moved", "cancelled": "cancelled", "completed": "shown", "no_show": "missed (no-show)"}


def aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


async def rules_for(session: AsyncSession, dealership_id: int) -> slots.Rules:
    dealership = await session.get(Dealership, dealership_id)
    if dealership is None:
        raise NotFound("dealership not found")
    config = dict(dealership.agent_config or {})
    if not config.get("working_hours"):  # never set (rows older than the settings): the product's default week
        config["working_hours"] = AgentConfig().model_dump(mode="json")["working_hours"]
    return slots.Rules.of(config, dealership.timezone)


async def booked(
    session: AsyncSession, start: datetime, end: datetime, exclude: uuid.UUID | None = None
) -> list[tuple[datetime, datetime]]:
    """The (start, end) of the appointments holding a place between ``start`` and ``end``."""
    query = select(Appointment.starts_at, Appointment.ends_at).where(
        Appointment.status.in_(HOLDING), Appointment.starts_at < end, Appointment.ends_at > start
    )
    if exclude is not None:
        query = query.where(Appointment.id != exclude)
    return [(row.starts_at, row.ends_at) for row in (await session.execute(query)).all()]


async def free_slots(
    session: AsyncSession, rules: slots.Rules, first: date, last: date, now: datetime | None = None
) -> list[slots.Slot]:
    zone = rules.zone
    start = datetime.combine(first, datetime.min.time(), zone)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), zone)
    return slots.free(rules, first, last, await booked(session, start, end), now or datetime.now(UTC))


def _slot_json(slot: slots.Slot) -> dict[str, Any]:
    return {"starts_at": slot.starts_at.isoformat(), "ends_at": slot.ends_at.isoformat()}


async def _check_time(
    session: AsyncSession,
    dealership_id: int,
    rules: slots.Rules,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
    exclude: uuid.UUID | None = None,
) -> None:
    """422 naming the field for a past, inverted, out-of-hours or full time; the slots' locks are held after."""
    if ends_at <= starts_at:
        raise ValidationFailed("the end must be after the start", field="ends_at")
    if starts_at <= now:
        raise ValidationFailed("the time is in the past", field="starts_at")
    if (why := slots.outside_hours(rules, starts_at, ends_at)) is not None:
        raise ValidationFailed(why, field="starts_at", extra=await _alternatives(session, rules, starts_at, now))
    wanted = slots.overlapped(rules, starts_at, ends_at)
    for slot_start, _ in wanted:  # in time order: two bookings never wait on each other crosswise
        minute = int(slot_start.timestamp()) // 60
        await session.execute(select(func.pg_advisory_xact_lock(dealership_id, minute)))
    taken = await booked(session, wanted[0][0], wanted[-1][1], exclude)
    if any(slots.taken(slot, taken) >= rules.capacity for slot in wanted):
        raise ValidationFailed(
            "that time is fully booked", field="starts_at", extra=await _alternatives(session, rules, starts_at, now)
        )


async def _alternatives(session: AsyncSession, rules: slots.Rules, wanted: datetime, now: datetime) -> dict[str, Any]:
    day = max(wanted, now).astimezone(rules.zone).date()
    first = max(day - timedelta(days=ALTERNATIVES_DAYS), now.astimezone(rules.zone).date())
    found = await free_slots(session, rules, first, day + timedelta(days=ALTERNATIVES_DAYS), now)
    return {"alternatives": [_slot_json(s) for s in slots.nearest(found, wanted)]}


async def create(
    session: AsyncSession,
    data: AppointmentCreate,
    actor: Actor,
    *,
    source: AppointmentSource = AppointmentSource.staff,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> Appointment:
    """Book ``data`` (a 422 naming the field for a time that cannot be booked, with the nearest free slots); the
    customer is e-mailed the invitation with their signed link (``settings``: its key and address)."""
    now = now or datetime.now(UTC)
    lead = await session.get(Lead, data.lead_id)
    if lead is None:
        raise NotFound(f"lead {data.lead_id} not found", field="lead_id")  # another tenant's row: 404
    if data.vehicle_id is not None and await session.get(Vehicle, data.vehicle_id) is None:
        raise ValidationFailed(f"vehicle {data.vehicle_id} not found in this dealership", field="vehicle_id")
    salesperson = await assignee(session, data.assigned_user_id) or lead.assigned_user_id
    rules = await rules_for(session, lead.dealership_id)
    starts_at = aware(data.starts_at)
    ends_at = aware(data.ends_at) if data.ends_at else starts_at + timedelta(minutes=rules.minutes)
    await _check_time(session, lead.dealership_id, rules, starts_at, ends_at, now)
    appointment = Appointment(
        dealership_id=lead.dealership_id,
        lead_id=lead.id,
        customer_id=lead.customer_id,
        vehicle_id=data.vehicle_id,
        assigned_user_id=salesperson,
        kind=data.kind,
        status=AppointmentStatus.confirmed,
        source=source,
        starts_at=starts_at,
        ends_at=ends_at,
        notes=data.notes,
    )
    session.add(appointment)
    await session.flush()
    await record(
        session,
        actor,
        "appointment.create",
        dealership_id=lead.dealership_id,
        resource_type="appointment",
        resource_id=appointment.id,
        after=snapshot(appointment),
    )
    when = starts_at.astimezone(rules.zone).strftime("%a %Y-%m-%d %H:%M")
    await add_activity(session, lead, ActivityType.meeting, f"Appointment booked: {data.kind} {when}", actor)
    if lead.status in BEFORE_APPOINTMENT:
        await update_lead(session, lead.id, LeadUpdate(status=LeadStatus.appointment), actor)
    await invitation.queue(session, appointment, sequence=0, settings=settings)
    await followups.stop(session, lead.id, "an appointment is booked")
    dealership = await session.get(Dealership, lead.dealership_id)
    await reminders.schedule(session, appointment, dealership.agent_config if dealership else None, now)
    await notices.tell_staff(session, appointment, f"booked ({source.replace('_', ' ')})", actor, timeline=False)
    return appointment


async def get(session: AsyncSession, appointment_id: uuid.UUID) -> Appointment:
    appointment = await session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(f"appointment {appointment_id} not found")
    return appointment


async def _change(
    session: AsyncSession,
    appointment: Appointment,
    values: dict[str, Any],
    actor: Actor,
    settings: Settings | None = None,
) -> None:
    before = snapshot(appointment)
    for key, value in values.items():
        setattr(appointment, key, value)
    await session.flush()
    after = snapshot(appointment)
    keys = [k for k in after if before.get(k) != after.get(k) and k != "updated_at"]
    await record(
        session,
        actor,
        f"appointment.{values['status']}",
        dealership_id=appointment.dealership_id,
        resource_type="appointment",
        resource_id=appointment.id,
        before={k: before.get(k) for k in keys},
        after={k: after[k] for k in keys},
    )
    if appointment.status in (AppointmentStatus.rescheduled, AppointmentStatus.cancelled):
        # SEQUENCE grows with each change: seconds since the booking (RFC 5545 only asks that it increase)
        changed = int((datetime.now(UTC) - appointment.created_at).total_seconds()) + 1
        await invitation.queue(session, appointment, sequence=changed, settings=settings)
    if appointment.status == AppointmentStatus.rescheduled:  # the old reminders find the start changed
        dealership = await session.get(Dealership, appointment.dealership_id)
        await reminders.schedule(session, appointment, dealership.agent_config if dealership else None)
    await notices.tell_staff(session, appointment, CHANGE_WORDS.get(str(values["status"]), "changed"), actor)


def _still_open(appointment: Appointment) -> None:
    if appointment.status not in HOLDING:
        raise Conflict(f"the appointment is already {appointment.status}", field="status")


async def reschedule(
    session: AsyncSession,
    appointment_id: uuid.UUID,
    data: AppointmentReschedule,
    actor: Actor,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> Appointment:
    now = now or datetime.now(UTC)
    appointment = await get(session, appointment_id)
    _still_open(appointment)
    rules = await rules_for(session, appointment.dealership_id)
    starts_at = aware(data.starts_at)
    ends_at = aware(data.ends_at) if data.ends_at else starts_at + (appointment.ends_at - appointment.starts_at)
    await _check_time(session, appointment.dealership_id, rules, starts_at, ends_at, now, exclude=appointment.id)
    values: dict[str, Any] = {"status": AppointmentStatus.rescheduled, "starts_at": starts_at, "ends_at": ends_at}
    if data.assigned_user_id is not None:
        values["assigned_user_id"] = await assignee(session, data.assigned_user_id)
    if data.notes is not None:
        values["notes"] = data.notes
    await _change(session, appointment, values, actor, settings)
    return appointment


async def cancel(
    session: AsyncSession,
    appointment_id: uuid.UUID,
    reason: str | None,
    actor: Actor,
    settings: Settings | None = None,
) -> Appointment:
    appointment = await get(session, appointment_id)
    _still_open(appointment)
    values = {"status": AppointmentStatus.cancelled, "cancelled_reason": reason}
    await _change(session, appointment, values, actor, settings)
    return appointment


async def record_outcome(
    session: AsyncSession, appointment_id: uuid.UUID, shown: bool, actor: Actor, now: datetime | None = None
) -> Appointment:
    appointment = await get(session, appointment_id)
    _still_open(appointment)
    if appointment.starts_at > (now or datetime.now(UTC)):
        raise ValidationFailed("the appointment has not started yet", field="shown")
    status = AppointmentStatus.completed if shown else AppointmentStatus.no_show
    await _change(session, appointment, {"status": status}, actor)
    if not shown:
        await _no_show_cadence(session, appointment)
    return appointment


async def _no_show_cadence(session: AsyncSession, appointment: Appointment) -> None:
    """A missed visit enters the dealership's no-show cadence, in the lead's latest conversation (none: nothing to
    write in, the salesperson calls)."""
    conversation = await session.scalar(
        select(Conversation)
        .where(Conversation.lead_id == appointment.lead_id)
        .order_by(Conversation.created_at.desc())
        .limit(1)
    )
    dealership = await session.get(Dealership, appointment.dealership_id)
    if conversation is None or dealership is None:
        return
    offsets = followups.cadence(dealership.agent_config, followups.NO_SHOW)
    await followups.enter(session, conversation, offsets, which=followups.NO_SHOW)


async def list_appointments(
    session: AsyncSession,
    start: datetime,
    end: datetime,
    *,
    assigned_user_id: int | None = None,
    lead_id: uuid.UUID | None = None,
    statuses: Sequence[str] = (),
) -> list[Appointment]:
    if end <= start:
        raise ValidationFailed("'to' must be after 'from'", field="to")
    if end - start > timedelta(days=MAX_RANGE_DAYS):
        raise ValidationFailed(f"at most {MAX_RANGE_DAYS} days at a time", field="to")
    query = select(Appointment).where(Appointment.starts_at < end, Appointment.ends_at > start)
    if assigned_user_id is not None:
        query = query.where(Appointment.assigned_user_id == assigned_user_id)
    if lead_id is not None:
        query = query.where(Appointment.lead_id == lead_id)
    if statuses:
        query = query.where(Appointment.status.in_(list(statuses)))
    rows = await session.scalars(query.order_by(Appointment.starts_at, Appointment.id).limit(1000))
    return list(rows.all())
