"""The lead as the CRM will read it: its rows (customer, vehicles, appointment, handover, source) read in one short
transaction and turned into an ``adf.AdfOutLead``."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.integrations.crm.adf import AdfOutLead, AdfOutVehicle
from showroom.models import Appointment, Conversation, Customer, Dealership, Handover, Lead, LeadSource, VehicleInterest
from showroom.vocabulary import AppointmentStatus, Interest

BOOKED = (AppointmentStatus.requested, AppointmentStatus.confirmed, AppointmentStatus.rescheduled)
_CONDITIONS = {"new": "new", "used": "used", "cpo": "used"}


def _vehicle(row: VehicleInterest) -> AdfOutVehicle:
    trade = row.interest in (Interest.trade_in, Interest.sell)
    return AdfOutVehicle(
        interest=row.interest,
        status=_CONDITIONS.get(row.condition or "", "used" if trade else None),
        year=row.year,
        make=row.make,
        model=row.model,
        trim=row.trim,
        vin=row.vin,
        stock=row.stock_number,
        body_style=row.body_style,
        exterior_color=row.exterior_color,
        interior_color=row.interior_color,
        transmission=row.transmission,
        mileage=row.mileage if trade else None,
        price_cents=row.price,
    )


def _phones(customer: Customer) -> list[tuple[str, str]]:
    numbers = [(customer.phone_e164 or customer.phone, "cellphone"), (customer.alternate_phone, "voice")]
    return [(number, kind) for number, kind in numbers if number]


def _comments(lead: Lead, handover: Handover | None, link: str | None, source: str | None) -> str:
    parts = []
    if handover is not None:
        summary = (handover.dossier or {}).get("summary") or handover.description
        if summary:
            parts.append(f"Handover summary: {summary}")
        if handover.reason:
            parts.append(f"Handed over because: {handover.reason.replace('_', ' ')}")
    elif lead.description:
        parts.append(lead.description)
    if source:
        parts.append(f"Original source: {source}")
    if link:
        parts.append(f"Conversation: {link}")
    return "\n".join(parts)


async def build(session: AsyncSession, lead_id: object, base_url: str, *, resend: bool) -> AdfOutLead | None:
    """The ADF of lead ``lead_id`` (None when it is gone), in the caller's transaction."""
    lead = await session.get(Lead, lead_id)
    if lead is None:
        return None
    customer = await session.get(Customer, lead.customer_id)
    dealership = await session.get(Dealership, lead.dealership_id)
    assert customer is not None
    assert dealership is not None
    interests = (
        await session.scalars(
            select(VehicleInterest)
            .where(VehicleInterest.lead_id == lead.id)
            .order_by(VehicleInterest.is_primary.desc(), VehicleInterest.created_at, VehicleInterest.id)
        )
    ).all()
    handover = await session.scalar(
        select(Handover).where(Handover.lead_id == lead.id).order_by(Handover.requested_at.desc()).limit(1)
    )
    conversation_id = await session.scalar(
        select(Conversation.id).where(Conversation.lead_id == lead.id).order_by(Conversation.created_at.desc()).limit(1)
    )
    booked = await session.scalar(
        select(Appointment)
        .where(Appointment.lead_id == lead.id, Appointment.status.in_(BOOKED))
        .order_by(Appointment.starts_at)
        .limit(1)
    )
    source = (
        await session.scalar(select(LeadSource.name).where(LeadSource.id == lead.source_id)) if lead.source_id else None
    )
    source = source or lead.source.replace("_", " ")
    link = f"{base_url}/app/conversations/{conversation_id}" if conversation_id else f"{base_url}/app/leads/{lead.id}"
    out = AdfOutLead(
        lead_id=str(lead.id),
        request_date=lead.created_at,
        first_name=customer.first_name,
        last_name=customer.last_name,
        full_name=customer.full_name,
        emails=[customer.email_normalized or customer.email or ""]
        if (customer.email_normalized or customer.email)
        else [],
        phones=_phones(customer),
        street=customer.address,
        city=customer.city,
        region=customer.state,
        postal_code=customer.zip_code,
        country=customer.country,
        vehicles=[_vehicle(row) for row in interests],
        timeframe=lead.timeframe,
        comments=_comments(lead, handover, link, source),
        source_name=source,
        source_id=lead.external_id,
        dealership_name=dealership.name,
        dealership_email=dealership.contact_email,
        dealership_phone=dealership.contact_phone,
        showroom_url=base_url,
        resend=resend,
    )
    _appointment(out, booked, handover, dealership.timezone)
    return out


def _appointment(out: AdfOutLead, booked: Appointment | None, handover: Handover | None, timezone: str) -> None:
    """A booked visit (local date and time), else the time the customer asked for in the handover's dossier."""
    if booked is not None:
        local = booked.starts_at.astimezone(ZoneInfo(timezone))
        out.appointment_date = local.date()
        out.appointment_words = f"{local:%A %Y-%m-%d %H:%M} {timezone} ({booked.kind.replace('_', ' ')})"
        return
    wanted = ((handover.dossier or {}).get("appointment") if handover is not None else None) or {}
    words = wanted.get("requested") or wanted.get("words")
    if words:
        out.appointment_words = str(words)
        found = re.search(r"\d{4}-\d{2}-\d{2}", str(wanted.get("requested") or ""))
        if found:
            out.appointment_date = date.fromisoformat(found.group(0))


def subject(lead: AdfOutLead) -> str:
    name = lead.full_name or " ".join(p for p in (lead.first_name, lead.last_name) if p) or "a customer"
    wanted = next((v for v in lead.vehicles if v.interest not in ("trade-in", "sell")), None)
    vehicle = " ".join(str(p) for p in (wanted.year, wanted.make, wanted.model) if p) if wanted else ""
    return f"ADF lead from Showroom: {name}" + (f", {vehicle}" if vehicle else "")
