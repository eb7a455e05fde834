"""HTTP: report schedules (managers and admins), their in-app preview and "send now"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from showroom.api.docs import errors
from showroom.auth.deps import Context, require
from showroom.models import ReportSchedule
from showroom.reports import service
from showroom.reports.schemas import ReportScheduleCreate, ReportScheduleOut, ReportScheduleUpdate, SendNowOut

router = APIRouter(prefix="/api/v1/report-schedules", tags=["reports"])
Manager = Annotated[Context, Depends(require("report.manage"))]


@router.get("", response_model=list[ReportScheduleOut], summary="Report schedules", responses=errors(401, 403))
async def list_schedules(ctx: Manager) -> Any:
    return (await ctx.session.scalars(select(ReportSchedule).order_by(ReportSchedule.id))).all()


@router.post(
    "",
    response_model=ReportScheduleOut,
    status_code=201,
    summary="Schedule a report: daily, weekly or monthly at a local time, to users and addresses",
    responses=errors(401, 403, 422),
)
async def create_schedule(body: ReportScheduleCreate, ctx: Manager) -> Any:
    return await service.create(ctx.session, ctx.dealership_id, body, ctx.actor)


@router.get(
    "/{schedule_id}", response_model=ReportScheduleOut, summary="A report schedule", responses=errors(401, 403, 404)
)
async def get_schedule(schedule_id: int, ctx: Manager) -> Any:
    return await service.get(ctx.session, schedule_id)


@router.patch(
    "/{schedule_id}",
    response_model=ReportScheduleOut,
    summary="Change a report schedule (its next run is worked out again; is_active false pauses it)",
    responses=errors(401, 403, 404, 422),
)
async def update_schedule(schedule_id: int, body: ReportScheduleUpdate, ctx: Manager) -> Any:
    return await service.update(ctx.session, schedule_id, body, ctx.actor)


@router.get(
    "/{schedule_id}/preview",
    response_class=HTMLResponse,
    summary="The report of the latest complete period, as the e-mail shows it (charts inline)",
    responses=errors(401, 403, 404),
)
async def preview(schedule_id: int, ctx: Manager) -> HTMLResponse:
    row = await service.get(ctx.session, schedule_id)
    period = service.last_complete_period(row, datetime.now(UTC))
    found, dealership = await service.figures_for(ctx.session, row, period)
    response = HTMLResponse(service.preview_html(row, found, dealership))
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    return response


@router.post(
    "/{schedule_id}/send-now",
    response_model=SendNowOut,
    status_code=202,
    summary="Send the report of the latest complete period now (queued; sent after this request)",
    responses=errors(401, 403, 404),
)
async def send_now(schedule_id: int, ctx: Manager) -> Any:
    row = await service.get(ctx.session, schedule_id)
    period, to = await service.send_now(ctx.session, row, ctx.actor)
    return {"period_start": period.start, "period_end": period.end, "recipients": to}


@router.delete("/{schedule_id}", status_code=204, summary="Delete a report schedule", responses=errors(401, 403, 404))
async def delete_schedule(schedule_id: int, ctx: Manager) -> Response:
    await service.delete(ctx.session, schedule_id, ctx.actor)
    return Response(status_code=204)
