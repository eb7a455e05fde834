"""HTTP: the dealership's inventory feed sources (fetched on a schedule, imported as import runs). Admins only."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from showroom.api.docs import errors
from showroom.auth.deps import Context, require
from showroom.inventory import sources
from showroom.inventory.schemas import FeedSourceCreate, FeedSourceOut, FeedSourceUpdate

router = APIRouter(prefix="/api/v1/inventory/feed-sources", tags=["inventory"])
Admin = Annotated[Context, Depends(require("feed.manage"))]


@router.get("", response_model=list[FeedSourceOut], summary="The feed sources", responses=errors(401, 403))
async def list_sources(ctx: Admin) -> Any:
    return await sources.list_all(ctx.session)


@router.post(
    "",
    response_model=FeedSourceOut,
    status_code=201,
    summary="Add a feed source (an https:// URL or sftp://user@host/path with its host key); first fetched at once",
    responses=errors(401, 403, 422),
)
async def create_source(body: FeedSourceCreate, ctx: Admin) -> Any:
    source = await sources.create(ctx.session, ctx.dealership_id, body, ctx.actor, ctx.settings)
    await sources.queue_fetch(ctx.session, source.id, source.dealership_id)
    return source


@router.get(
    "/{source_id}", response_model=FeedSourceOut, summary="One feed source, its state and last error",
    responses=errors(401, 403, 404),
)  # fmt: skip
async def get_source(source_id: uuid.UUID, ctx: Admin) -> Any:
    return await sources.get(ctx.session, source_id)


@router.patch(
    "/{source_id}", response_model=FeedSourceOut, summary="Edit a feed source", responses=errors(401, 403, 404, 422)
)
async def update_source(source_id: uuid.UUID, body: FeedSourceUpdate, ctx: Admin) -> Any:
    return await sources.update(ctx.session, source_id, body, ctx.actor, ctx.settings)


@router.post(
    "/{source_id}/run", response_model=FeedSourceOut, status_code=202, summary="Fetch the feed now",
    responses=errors(401, 403, 404),
)  # fmt: skip
async def run_source(source_id: uuid.UUID, ctx: Admin) -> Any:
    return await sources.run_now(ctx.session, source_id)


@router.delete(
    "/{source_id}", status_code=204, summary="Delete a feed source (its import runs are kept)",
    responses=errors(401, 403, 404),
)  # fmt: skip
async def delete_source(source_id: uuid.UUID, ctx: Admin) -> Response:
    await sources.delete(ctx.session, source_id, ctx.actor)
    return Response(status_code=204)
