"""A vehicle's page: its photos and details, and the leads interested in it (a named unit of a lead's vehicle
interests, or an appointment to see or drive it), reached from the inventory list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.errors import NotFound
from showroom.models import Appointment, Customer, Lead, Vehicle, VehicleInterest
from showroom.web.conversation_view import staff_names
from showroom.web.deps import HtmlRoute, StaffPage, page_int

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
LEADS_SHOWN = 100


@dataclass
class Interested:
    lead_id: uuid.UUID
    lead_number: str
    status: str
    customer: str
    assigned_user_id: int | None
    why: list[str]  # "buy", "test-drive", "test drive on …"
    at: datetime


def photos(vehicle: Vehicle) -> list[str]:
    """The unit's photo addresses (the feed gives strings or {url}), http(s) only."""
    found = [image if isinstance(image, str) else (image or {}).get("url") for image in vehicle.images or []]
    return [url for url in found if isinstance(url, str) and url.startswith(("https://", "http://"))]


async def interested(session: AsyncSession, vehicle_id: int) -> list[Interested]:
    """The leads that name this unit or booked a visit with it, most recent first (one row per lead)."""
    named = await session.execute(
        select(Lead.id, Lead.lead_number, Lead.status, Customer.full_name, Lead.assigned_user_id, VehicleInterest)
        .join(VehicleInterest, VehicleInterest.lead_id == Lead.id)
        .join(Customer, Customer.id == Lead.customer_id)
        .where(VehicleInterest.vehicle_id == vehicle_id)
        .order_by(VehicleInterest.created_at.desc())
        .limit(LEADS_SHOWN)
    )
    booked = await session.execute(
        select(Lead.id, Lead.lead_number, Lead.status, Customer.full_name, Lead.assigned_user_id, Appointment)
        .join(Appointment, Appointment.lead_id == Lead.id)
        .join(Customer, Customer.id == Lead.customer_id)
        .where(Appointment.vehicle_id == vehicle_id)
        .order_by(Appointment.starts_at.desc())
        .limit(LEADS_SHOWN)
    )
    rows: dict[uuid.UUID, Interested] = {}
    for lead_id, number, status, name, assigned, interest in named:
        row = rows.setdefault(lead_id, Interested(lead_id, number, status, name, assigned, [], interest.created_at))
        row.why.append(str(interest.interest).replace("-", " "))
    for lead_id, number, status, name, assigned, appointment in booked:
        row = rows.setdefault(lead_id, Interested(lead_id, number, status, name, assigned, [], appointment.created_at))
        row.why.append(f"{appointment.kind.replace('_', ' ')} ({appointment.status})")
        row.at = max(row.at, appointment.created_at)
    return sorted(rows.values(), key=lambda r: r.at, reverse=True)[:LEADS_SHOWN]


def facts(vehicle: Vehicle) -> list[tuple[str, Any]]:
    """The details worth a line, in the order a salesperson reads them (empty ones left out)."""
    lines: list[tuple[str, Any]] = [
        ("Condition", ("Certified " if vehicle.certified else "") + vehicle.condition.replace("_", " ")),
        ("Status", vehicle.status.replace("_", " ") + ("" if vehicle.is_active else " (inactive: not in the feed)")),
        ("Stock number", vehicle.stock_number),
        ("VIN", vehicle.vin),
        ("Body", vehicle.body_style),
        ("Exterior", vehicle.exterior_color),
        ("Interior", vehicle.interior_color),
        ("Engine", vehicle.engine),
        ("Transmission", vehicle.transmission),
        ("Drivetrain", vehicle.drivetrain),
        ("Fuel", vehicle.fuel_type),
        ("Fuel economy", f"{vehicle.fuel_economy} mpg" if vehicle.fuel_economy else None),
    ]
    return [(label, value) for label, value in lines if value]


@router.get("/app/inventory/{vehicle_id}")
async def vehicle_page(vehicle_id: str, staff: StaffPage) -> HTMLResponse:
    staff.require("vehicle.read")
    vehicle = await staff.session.get(Vehicle, page_int(vehicle_id, "vehicle"))
    if vehicle is None:
        raise NotFound("vehicle not found")
    leads = await interested(staff.session, vehicle.id) if staff.can("lead.read") else []
    return staff.render(
        "vehicle.html",
        v=vehicle,
        photos=photos(vehicle),
        facts=facts(vehicle),
        leads=leads,
        users=await staff_names(staff.session) if leads else {},
    )
