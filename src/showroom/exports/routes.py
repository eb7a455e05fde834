"""HTTP: CSV exports, streamed, with the filters of the list each comes from."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from showroom.api.docs import errors
from showroom.api.types import Day, DbId, When
from showroom.auth.deps import Context, require
from showroom.db.engine import Database
from showroom.errors import ValidationFailed
from showroom.exports import service
from showroom.exports.service import Export
from showroom.insights.service import dealership_weights
from showroom.models import Dealership
from showroom.vocabulary import (
    AppointmentStatus,
    Channel,
    ConversationStatus,
    FollowUpKind,
    FollowUpStatus,
    LeadSourceType,
    LeadStatus,
)

router = APIRouter(prefix="/api/v1/exports", tags=["exports"])
CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "The rows as CSV (UTF-8 with a BOM), streamed"}
}
Exporter = Annotated[Context, Depends(require("data.export"))]


async def streamed(request: Request, ctx: Context, export: Export) -> StreamingResponse:
    """Audit the export in the request's transaction (committed before the response starts), then stream it."""
    await service.audit_export(ctx.session, ctx.actor, ctx.dealership_id, export)
    db: Database = request.app.state.db
    return StreamingResponse(
        service.stream_csv(db, ctx.dealership_id, ctx.actor.user_id, export),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{export.filename}"', "Cache-Control": "no-store"},
    )


def _range(after_name: str, after: object, before_name: str, before: object) -> None:
    if after is not None and before is not None and not after < before:  # type: ignore[operator]
        raise ValidationFailed(f"{after_name} must be before {before_name}", field=after_name)


@router.get(
    "/leads.csv", summary="Leads as CSV, with the lead list's filters", responses={**CSV, **errors(401, 403, 422)}
)
async def export_leads(
    request: Request,
    ctx: Exporter,
    status: Annotated[list[LeadStatus] | None, Query()] = None,
    source: LeadSourceType | None = None,
    assigned_user_id: DbId | None = None,
    unassigned: bool = False,
    customer_id: uuid.UUID | None = None,
    created_after: When | None = None,
    created_before: When | None = None,
    score_min: Annotated[int | None, Query(ge=0, le=100)] = None,
    score_max: Annotated[int | None, Query(ge=0, le=100)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Customer name, e-mail or phone")] = None,
    hot: Annotated[bool, Query(description="Only hot leads: open, scored at or above the hot threshold")] = False,
) -> StreamingResponse:
    _range("created_after", created_after, "created_before", created_before)
    if score_min is not None and score_max is not None and score_min > score_max:
        raise ValidationFailed("score_min must not be above score_max", field="score_min")
    export = service.leads(
        statuses=status,
        source=source,
        assigned_user_id=assigned_user_id,
        unassigned=unassigned,
        customer_id=customer_id,
        created_after=created_after,
        created_before=created_before,
        score_min=score_min,
        score_max=score_max,
        q=q,
        hot_threshold=(await dealership_weights(ctx.session, ctx.dealership_id))["hot_threshold"] if hot else None,
    )
    return await streamed(request, ctx, export)


@router.get(
    "/customers.csv",
    summary="Customers as CSV, with the customer list's search",
    responses={**CSV, **errors(401, 403, 422)},
)
async def export_customers(
    request: Request, ctx: Exporter, q: Annotated[str | None, Query(max_length=200)] = None
) -> StreamingResponse:
    return await streamed(request, ctx, service.customers(q))


@router.get(
    "/conversations.csv",
    summary="Conversations with their messages as CSV (one line per message), with the conversation list's filters",
    responses={**CSV, **errors(401, 403, 422)},
)
async def export_conversations(
    request: Request,
    ctx: Exporter,
    status: Annotated[list[ConversationStatus] | None, Query()] = None,
    channel: Channel | None = None,
    assigned_user_id: DbId | None = None,
    unassigned: bool = False,
    lead_id: uuid.UUID | None = None,
    customer_id: uuid.UUID | None = None,
) -> StreamingResponse:
    export = service.conversations(
        statuses=status,
        channel=channel,
        assigned_user_id=assigned_user_id,
        unassigned=unassigned,
        lead_id=lead_id,
        customer_id=customer_id,
    )
    return await streamed(request, ctx, export)


@router.get(
    "/follow-ups.csv",
    summary="Follow-ups as CSV, by when they are due",
    responses={**CSV, **errors(401, 403, 422)},
)
async def export_follow_ups(
    request: Request,
    ctx: Exporter,
    status: Annotated[list[FollowUpStatus] | None, Query()] = None,
    kind: FollowUpKind | None = None,
    assigned_user_id: DbId | None = None,
    lead_id: uuid.UUID | None = None,
    scheduled_after: When | None = None,
    scheduled_before: When | None = None,
) -> StreamingResponse:
    _range("scheduled_after", scheduled_after, "scheduled_before", scheduled_before)
    export = service.follow_ups(
        statuses=status,
        kind=kind,
        assigned_user_id=assigned_user_id,
        lead_id=lead_id,
        scheduled_after=scheduled_after,
        scheduled_before=scheduled_before,
    )
    return await streamed(request, ctx, export)


@router.get(
    "/appointments.csv",
    summary="Appointments as CSV, with the appointment list's filters (all of them when no date or range is given)",
    responses={**CSV, **errors(401, 403, 422)},
)
async def export_appointments(
    request: Request,
    ctx: Exporter,
    day: Annotated[Day | None, Query(alias="date", description="One local day of the dealership")] = None,
    start: Annotated[When | None, Query(alias="from")] = None,
    end: Annotated[When | None, Query(alias="to")] = None,
    assigned_user_id: DbId | None = None,
    lead_id: uuid.UUID | None = None,
    status: Annotated[list[AppointmentStatus] | None, Query()] = None,
) -> StreamingResponse:
    if day is not None and (start is not None or end is not None):
        raise ValidationFailed("give either date or from/to", field="date")
    _range("from", start, "to", end)
    if day is not None:
        dealership = await ctx.session.get(Dealership, ctx.dealership_id)
        zone = ZoneInfo(dealership.timezone if dealership else "UTC")
        start = datetime.combine(day, datetime.min.time(), zone)
        end = datetime.combine(day + timedelta(days=1), datetime.min.time(), zone)
    export = service.appointments(
        starts_from=start, starts_before=end, assigned_user_id=assigned_user_id, lead_id=lead_id, statuses=status
    )
    return await streamed(request, ctx, export)
