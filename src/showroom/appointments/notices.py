"""Staff are told of every change to an appointment they did not make themselves (issue 18): a line on the lead's
timeline, and an e-mail to the salesperson (else the dealership's handover addresses), queued in the change's
transaction and sent after commit."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor
from showroom.leads.service import add_activity
from showroom.mail import Email, send_later
from showroom.models import Appointment, Customer, Dealership, Lead, User
from showroom.vocabulary import ActivityType


async def tell_staff(
    session: AsyncSession, appointment: Appointment, what: str, actor: Actor, *, timeline: bool = True
) -> None:
    """``what`` happened to ``appointment`` ("booked by the assistant", "cancelled by the customer", ...)."""
    lead = await session.get(Lead, appointment.lead_id)
    dealership = await session.get(Dealership, appointment.dealership_id)
    if lead is None or dealership is None:
        return
    zone = ZoneInfo(dealership.timezone)
    when = appointment.starts_at.astimezone(zone).strftime("%a %d %b %Y %H:%M")
    kind = appointment.kind.replace("_", " ")
    line = f"Appointment {what}: {kind} {when} ({appointment.status.replace('_', ' ')})"
    if timeline:
        await add_activity(session, lead, ActivityType.meeting, line, actor)
    if actor.user_id is not None and actor.user_id == appointment.assigned_user_id:
        return  # the salesperson made the change: they know
    user = await session.get(User, appointment.assigned_user_id) if appointment.assigned_user_id else None
    to = [user.email] if user is not None and user.is_active else []
    if not to:
        handover = (dealership.settings or {}).get("handover") or {}
        to = [e for e in handover.get("emails") or [] if isinstance(e, str)]
    if not to:
        return
    customer = await session.get(Customer, appointment.customer_id)
    who = (customer.full_name if customer else None) or "A customer"
    await send_later(
        session,
        Email(
            to=to,
            subject=f"[{dealership.name}] {who}: appointment {what}",
            text=f"{line}\nCustomer: {who}\nLead {lead.lead_number}",
        ),
    )
