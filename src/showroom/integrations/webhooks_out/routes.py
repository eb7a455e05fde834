"""HTTP: a dealership's outbound webhook endpoints and their delivery log (admins)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy import select

from showroom.api.docs import errors
from showroom.api.pagination import PageOut, SortKey, paginate
from showroom.auth.deps import Context, require
from showroom.integrations.webhooks_out import service
from showroom.integrations.webhooks_out.kinds import WebhookEventType
from showroom.integrations.webhooks_out.schemas import (
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEndpointCreate,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
    WebhookSecret,
)
from showroom.models import WebhookDelivery as DeliveryRow
from showroom.vocabulary import WebhookDeliveryStatus

router = APIRouter(prefix="/api/v1/integrations/webhooks", tags=["webhooks"])
Admin = Annotated[Context, Depends(require("webhook.manage"))]


def delivery_out(row: DeliveryRow) -> dict[str, Any]:
    names = (c.key for c in DeliveryRow.__table__.columns)
    return {**{name: getattr(row, name) for name in names}, "webhook_id": f"msg_{row.id.hex}"}


@router.get(
    "/endpoints", response_model=list[WebhookEndpoint], summary="List the endpoints", responses=errors(401, 403)
)
async def list_endpoints(ctx: Admin) -> Any:
    return await service.list_endpoints(ctx.session, ctx.dealership_id)


@router.post(
    "/endpoints",
    status_code=201,
    response_model=WebhookEndpointWithSecret,
    summary="Add an endpoint (its whsec_ signing secret is in the answer)",
    responses=errors(401, 403, 409, 422),
)
async def create_endpoint(body: WebhookEndpointCreate, ctx: Admin) -> Any:
    return await service.create_endpoint(ctx.session, ctx.dealership_id, body, ctx.actor, ctx.settings)


@router.get(
    "/endpoints/{endpoint_id}", response_model=WebhookEndpoint, summary="One endpoint", responses=errors(401, 403, 404)
)
async def get_endpoint(endpoint_id: uuid.UUID, ctx: Admin) -> Any:
    return await service.get_endpoint(ctx.session, ctx.dealership_id, endpoint_id)


@router.get(
    "/endpoints/{endpoint_id}/secret",
    response_model=WebhookSecret,
    summary="The endpoint's signing secret",
    responses=errors(401, 403, 404),
)
async def get_secret(endpoint_id: uuid.UUID, ctx: Admin) -> Any:
    return await service.get_endpoint(ctx.session, ctx.dealership_id, endpoint_id)


@router.patch(
    "/endpoints/{endpoint_id}",
    response_model=WebhookEndpoint,
    summary="Change an endpoint (enabled: true re-enables a disabled one)",
    responses=errors(401, 403, 404, 422),
)
async def update_endpoint(endpoint_id: uuid.UUID, body: WebhookEndpointUpdate, ctx: Admin) -> Any:
    return await service.update_endpoint(ctx.session, ctx.dealership_id, endpoint_id, body, ctx.actor, ctx.settings)


@router.post(
    "/endpoints/{endpoint_id}/rotate-secret",
    response_model=WebhookEndpointWithSecret,
    summary="New signing secret; the previous one keeps signing for 24 hours",
    responses=errors(401, 403, 404),
)
async def rotate_secret(endpoint_id: uuid.UUID, ctx: Admin) -> Any:
    return await service.rotate_secret(ctx.session, ctx.dealership_id, endpoint_id, ctx.actor)


@router.delete(
    "/endpoints/{endpoint_id}", status_code=204, summary="Delete an endpoint", responses=errors(401, 403, 404)
)
async def delete_endpoint(endpoint_id: uuid.UUID, ctx: Admin) -> Response:
    await service.delete_endpoint(ctx.session, ctx.dealership_id, endpoint_id, ctx.actor)
    return Response(status_code=204)


@router.get(
    "/deliveries",
    response_model=PageOut[WebhookDelivery],
    summary="The delivery log, newest first",
    responses=errors(401, 403, 422),
)
async def list_deliveries(
    ctx: Admin,
    endpoint_id: uuid.UUID | None = None,
    status: WebhookDeliveryStatus | None = None,
    event_type: WebhookEventType | None = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Any:
    query = select(DeliveryRow).where(DeliveryRow.dealership_id == ctx.dealership_id)
    if endpoint_id is not None:
        query = query.where(DeliveryRow.endpoint_id == endpoint_id)
    if status is not None:
        query = query.where(DeliveryRow.status == status)
    if event_type is not None:
        query = query.where(DeliveryRow.event_type == event_type)
    items, next_cursor = await paginate(
        ctx.session,
        query,
        sort=SortKey(DeliveryRow.created_at, descending=True),
        id_column=DeliveryRow.id,
        cursor=cursor,
        limit=limit,
    )
    return {"items": [delivery_out(row) for row in items], "next_cursor": next_cursor}


@router.get(
    "/deliveries/{delivery_id}", response_model=WebhookDelivery, summary="One delivery", responses=errors(401, 403, 404)
)
async def get_delivery(delivery_id: uuid.UUID, ctx: Admin) -> Any:
    return delivery_out(await service.get_delivery(ctx.session, ctx.dealership_id, delivery_id))


@router.post(
    "/deliveries/{delivery_id}/replay",
    response_model=WebhookDelivery,
    summary="Send a delivery again (same webhook-id), now",
    responses=errors(401, 403, 404, 409),
)
async def replay(delivery_id: uuid.UUID, ctx: Admin) -> Any:
    return delivery_out(await service.replay(ctx.session, ctx.dealership_id, delivery_id, ctx.actor))
