"""HTTP: follow-ups (a lead's steps and tasks; a person's task list) and what staff do with them."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from showroom.api.docs import errors
from showroom.api.types import DbId, When
from showroom.auth.deps import Context, require
from showroom.followups import staff
from showroom.followups.schemas import FollowUpCreate, FollowUpOut, FollowUpSnooze, FollowUpUpdate
from showroom.vocabulary import FollowUpKind, FollowUpStatus

router = APIRouter(prefix="/api/v1/follow-ups", tags=["follow-ups"])

Reader = Annotated[Context, Depends(require("lead.read"))]
Writer = Annotated[Context, Depends(require("lead.write"))]


@router.get(
    "",
    response_model=list[FollowUpOut],
    summary="Follow-ups in time order, by lead, person, kind, status and due time (at most 500)",
    responses=errors(401, 403, 422),
)
async def list_follow_ups(
    ctx: Reader,
    lead_id: Annotated[uuid.UUID | None, Query()] = None,
    assigned_user_id: Annotated[DbId | None, Query()] = None,
    kind: Annotated[list[FollowUpKind] | None, Query()] = None,
    status: Annotated[list[FollowUpStatus] | None, Query()] = None,
    due_before: Annotated[When | None, Query()] = None,
) -> Any:
    return await staff.list_follow_ups(
        ctx.session,
        lead_id=lead_id,
        assigned_user_id=assigned_user_id,
        kinds=kind or (),
        statuses=status or (),
        due_before=due_before,
    )


@router.post(
    "",
    status_code=201,
    response_model=FollowUpOut,
    summary="A task for a person (a call to make) or a message step for a lead",
    responses=errors(401, 403, 404, 422),
)
async def create_follow_up(body: FollowUpCreate, ctx: Writer) -> Any:
    return await staff.create(ctx.session, body, ctx.actor)


@router.get("/{follow_up_id}", response_model=FollowUpOut, responses=errors(401, 403, 404, 422))
async def get_follow_up(follow_up_id: uuid.UUID, ctx: Reader) -> Any:
    return await staff.get(ctx.session, follow_up_id)


@router.patch(
    "/{follow_up_id}",
    response_model=FollowUpOut,
    summary="Edit the time, channel, person or words of a follow-up still to do",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_follow_up(follow_up_id: uuid.UUID, body: FollowUpUpdate, ctx: Writer) -> Any:
    return await staff.update_follow_up(ctx.session, follow_up_id, body, ctx.actor)


@router.post("/{follow_up_id}/skip", response_model=FollowUpOut, responses=errors(401, 403, 404, 409, 422))
async def skip_follow_up(follow_up_id: uuid.UUID, ctx: Writer) -> Any:
    return await staff.skip(ctx.session, follow_up_id, ctx.actor)


@router.post("/{follow_up_id}/snooze", response_model=FollowUpOut, responses=errors(401, 403, 404, 409, 422))
async def snooze_follow_up(follow_up_id: uuid.UUID, body: FollowUpSnooze, ctx: Writer) -> Any:
    return await staff.snooze(ctx.session, follow_up_id, body, ctx.actor)


@router.post(
    "/{follow_up_id}/send-now",
    response_model=FollowUpOut,
    summary="Due now: sent (or e-mailed to its person) right after this request, with the usual checks",
    responses=errors(401, 403, 404, 409, 422),
)
async def send_follow_up_now(follow_up_id: uuid.UUID, ctx: Writer) -> Any:
    return await staff.send_now(ctx.session, follow_up_id, ctx.actor)


@router.post(
    "/{follow_up_id}/complete",
    response_model=FollowUpOut,
    summary="A task done (the call made)",
    responses=errors(401, 403, 404, 409, 422),
)
async def complete_follow_up(follow_up_id: uuid.UUID, ctx: Writer) -> Any:
    return await staff.complete(ctx.session, follow_up_id, ctx.actor)
