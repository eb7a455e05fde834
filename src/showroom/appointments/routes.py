"""HTTP: appointments and free slots."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from showroom.api.docs import errors
from showroom.api.types import Day, DbId, When
from showroom.appointments import service
from showroom.appointments.schemas import (
    AppointmentCancel,
    AppointmentCreate,
    AppointmentOut,
    AppointmentOutcome,
    AppointmentReschedule,
    SlotOut,
)
from showroom.auth.deps import Context, require
from showroom.errors import ValidationFailed
from showroom.vocabulary import AppointmentStatus

router = APIRouter(prefix="/api/v1/appointments", tags=["appointments"])

Reader = Annotated[Context, Depends(require("lead.read"))]
Writer = Annotated[Context, Depends(require("lead.write"))]


@router.post(
    "",
    status_code=201,
    response_model=AppointmentOut,
    summary="Book an appointment (a full slot is a 422 with the nearest free slots in `alternatives`)",
    responses=errors(401, 403, 404, 422),
)
async def create_appointment(body: AppointmentCreate, ctx: Writer, request: Request) -> Any:
    return await service.create(ctx.session, body, ctx.actor, settings=request.app.state.settings)


@router.get(
    "",
    response_model=list[AppointmentOut],
    summary="Appointments of a day (the dealership's local day, today by default) or a range, by salesperson",
    responses=errors(401, 403, 422),
)
async def list_appointments(
    ctx: Reader,
    day: Annotated[Day | None, Query(alias="date")] = None,
    start: Annotated[When | None, Query(alias="from")] = None,
    end: Annotated[When | None, Query(alias="to")] = None,
    assigned_user_id: Annotated[DbId | None, Query()] = None,
    lead_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[list[AppointmentStatus] | None, Query()] = None,
) -> Any:
    if day is not None and (start is not None or end is not None):
        raise ValidationFailed("give either date or from/to", field="date")
    if start is not None or end is not None:
        if start is None or end is None:
            raise ValidationFailed("give both from and to", field="from" if start is None else "to")
        first, last = service.aware(start), service.aware(end)
    else:
        zone = (await service.rules_for(ctx.session, ctx.dealership_id)).zone
        local = day or datetime.now(UTC).astimezone(zone).date()
        first = datetime.combine(local, datetime.min.time(), zone)
        last = datetime.combine(local + timedelta(days=1), datetime.min.time(), zone)
    return await service.list_appointments(
        ctx.session, first, last, assigned_user_id=assigned_user_id, lead_id=lead_id, statuses=status or ()
    )


@router.get(
    "/slots",
    response_model=list[SlotOut],
    summary="Free slots from the working hours and per-slot capacity",
    responses=errors(401, 403, 422),
)
async def free_slots(
    ctx: Reader,
    day: Annotated[Day | None, Query(alias="date", description="First day (default: today)")] = None,
    days: Annotated[int, Query(ge=1, le=31)] = 1,
) -> Any:
    rules = await service.rules_for(ctx.session, ctx.dealership_id)
    first = day or datetime.now(UTC).astimezone(rules.zone).date()
    return await service.free_slots(ctx.session, rules, first, first + timedelta(days=days - 1))


@router.get("/{appointment_id}", response_model=AppointmentOut, responses=errors(401, 403, 404, 422))
async def get_appointment(appointment_id: uuid.UUID, ctx: Reader) -> Any:
    return await service.get(ctx.session, appointment_id)


@router.post(
    "/{appointment_id}/reschedule",
    response_model=AppointmentOut,
    summary="Move an appointment (same rules as booking)",
    responses=errors(401, 403, 404, 409, 422),
)
async def reschedule_appointment(
    appointment_id: uuid.UUID, body: AppointmentReschedule, ctx: Writer, request: Request
) -> Any:
    return await service.reschedule(ctx.session, appointment_id, body, ctx.actor, settings=request.app.state.settings)


@router.post("/{appointment_id}/cancel", response_model=AppointmentOut, responses=errors(401, 403, 404, 409, 422))
async def cancel_appointment(appointment_id: uuid.UUID, body: AppointmentCancel, ctx: Writer) -> Any:
    return await service.cancel(ctx.session, appointment_id, body.reason, ctx.actor)


@router.post(
    "/{appointment_id}/outcome",
    response_model=AppointmentOut,
    summary="Mark shown (completed) or no-show, once the appointment has started",
    responses=errors(401, 403, 404, 409, 422),
)
async def appointment_outcome(appointment_id: uuid.UUID, body: AppointmentOutcome, ctx: Writer) -> Any:
    return await service.record_outcome(ctx.session, appointment_id, body.shown, ctx.actor)
