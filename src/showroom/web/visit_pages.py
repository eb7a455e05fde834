"""The customer's own page for their appointment (issue 18), reached through the signed link in the reminder and
the invitation: what is booked, where, and buttons to move it to a free slot or cancel it. No sign-in: the signed
token is the key to this one appointment (``appointments.links``). Staff are told of every change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from showroom.appointments import links
from showroom.appointments import service as appointments
from showroom.appointments.invitation import KIND_WORDS, address_of, vehicle_words
from showroom.appointments.schemas import AppointmentReschedule
from showroom.auth.deps import DbSession, request_actor
from showroom.db.tenancy import acting_for
from showroom.errors import ValidationFailed
from showroom.models import Dealership, Vehicle
from showroom.models.appointments import HOLDING
from showroom.web.deps import HtmlRoute, render_page

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
CHOICES = 12  # free slots offered to move to
DAYS_AHEAD = 14


@router.get("/visit/{token}")
async def visit(token: str, request: Request, session: DbSession, done: str | None = None) -> HTMLResponse:
    link = links.read(request.app.state.settings, token)
    async with acting_for(session, link.dealership_id):
        appointment = await appointments.get(session, link.appointment_id)
        dealership = await session.get(Dealership, link.dealership_id)
        assert dealership is not None
        rules = await appointments.rules_for(session, dealership.id)
        vehicle = await session.get(Vehicle, appointment.vehicle_id) if appointment.vehicle_id else None
        now = datetime.now(UTC)
        today = now.astimezone(rules.zone).date()
        free = await appointments.free_slots(session, rules, today, today + timedelta(days=DAYS_AHEAD), now)
    local = appointment.starts_at.astimezone(rules.zone)
    return render_page(
        request,
        "visit.html",
        appointment=appointment,
        dealership=dealership,
        when=local.strftime("%A %-d %B %Y, %-I:%M %p"),
        kind=KIND_WORDS.get(appointment.kind, "Visit"),
        address=address_of(dealership),
        vehicle=vehicle_words(vehicle),
        open=appointment.status in HOLDING and appointment.starts_at > now,
        choices=[
            (s.starts_at.isoformat(), s.starts_at.astimezone(rules.zone).strftime("%a %-d %b, %-I:%M %p"))
            for s in free
            if s.starts_at != appointment.starts_at
        ][:CHOICES],
        token=token,
        done=done if done in ("moved", "cancelled") else None,
    )


@router.post("/visit/{token}/cancel")
async def cancel(token: str, request: Request, session: DbSession) -> Response:
    link = links.read(request.app.state.settings, token)
    async with acting_for(session, link.dealership_id):
        await appointments.cancel(
            session, link.appointment_id, "cancelled by the customer (link)", request_actor(request)
        )
    return RedirectResponse(f"/visit/{token}?done=cancelled", status_code=303)


@router.post("/visit/{token}/move")
async def move(token: str, request: Request, session: DbSession, starts_at: Annotated[str, Form()] = "") -> Response:
    link = links.read(request.app.state.settings, token)
    try:
        when = datetime.fromisoformat(starts_at)
    except ValueError:
        raise ValidationFailed("starts_at: choose one of the free times", field="starts_at") from None
    async with acting_for(session, link.dealership_id):
        body = AppointmentReschedule(starts_at=when)
        await appointments.reschedule(
            session, link.appointment_id, body, request_actor(request), settings=request.app.state.settings
        )
    return RedirectResponse(f"/visit/{token}?done=moved", status_code=303)
