"""Outbound webhook endpoints (admins): create, change, rotate the secret, delete; the delivery log and replay."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.integrations.webhooks_out import signing
from showroom.integrations.webhooks_out.delivery import schedule
from showroom.integrations.webhooks_out.schemas import WebhookEndpointCreate, WebhookEndpointUpdate
from showroom.integrations.webhooks_out.targets import TargetRefused, check_target
from showroom.models import WebhookDelivery, WebhookEndpoint
from showroom.settings import Settings
from showroom.vocabulary import WebhookDeliveryStatus

PREVIOUS_SECRET_VALID = timedelta(hours=24)
MAX_ENDPOINTS = 100


def _public(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return {"url": endpoint.url, "event_types": list(endpoint.event_types), "enabled": endpoint.enabled}


async def _valid_url(url: str, settings: Settings) -> str:
    url = url.strip()
    try:
        await check_target(url, settings)
    except TargetRefused as exc:
        raise ValidationFailed(f"webhook URL refused: {exc}", field="url") from exc
    return url


async def get_endpoint(session: AsyncSession, dealership_id: int, endpoint_id: uuid.UUID) -> WebhookEndpoint:
    endpoint = await session.scalar(
        select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.dealership_id == dealership_id)
    )
    if endpoint is None:
        raise NotFound("webhook endpoint not found")
    return endpoint


async def list_endpoints(session: AsyncSession, dealership_id: int) -> list[WebhookEndpoint]:
    query = select(WebhookEndpoint).where(WebhookEndpoint.dealership_id == dealership_id)
    return list((await session.scalars(query.order_by(WebhookEndpoint.created_at, WebhookEndpoint.id))).all())


async def create_endpoint(
    session: AsyncSession, dealership_id: int, body: WebhookEndpointCreate, actor: Actor, settings: Settings
) -> WebhookEndpoint:
    if len(await list_endpoints(session, dealership_id)) >= MAX_ENDPOINTS:
        raise Conflict(f"a dealership has at most {MAX_ENDPOINTS} webhook endpoints")
    endpoint = WebhookEndpoint(
        dealership_id=dealership_id,
        url=await _valid_url(body.url, settings),
        description=body.description,
        event_types=sorted(set(body.event_types)),
        secret=signing.new_secret(),
        created_by_user_id=actor.user_id,
    )
    session.add(endpoint)
    await session.flush()
    await record(
        session,
        actor,
        "webhook_endpoint.create",
        dealership_id=dealership_id,
        resource_type="webhook_endpoint",
        resource_id=endpoint.id,
        after=_public(endpoint),
    )
    return endpoint


async def update_endpoint(
    session: AsyncSession,
    dealership_id: int,
    endpoint_id: uuid.UUID,
    body: WebhookEndpointUpdate,
    actor: Actor,
    settings: Settings,
) -> WebhookEndpoint:
    endpoint = await get_endpoint(session, dealership_id, endpoint_id)
    before = _public(endpoint)
    if body.url is not None:
        endpoint.url = await _valid_url(body.url, settings)
    if "description" in body.model_fields_set:
        endpoint.description = body.description
    if body.event_types is not None:
        endpoint.event_types = sorted(set(body.event_types))
    if body.enabled is not None and body.enabled != endpoint.enabled:
        endpoint.enabled = body.enabled
        endpoint.disabled_reason = None if body.enabled else "disabled by an admin"
        endpoint.failing_since = None
    await session.flush()
    await record(
        session,
        actor,
        "webhook_endpoint.update",
        dealership_id=dealership_id,
        resource_type="webhook_endpoint",
        resource_id=endpoint.id,
        before=before,
        after=_public(endpoint),
    )
    return endpoint


async def rotate_secret(
    session: AsyncSession, dealership_id: int, endpoint_id: uuid.UUID, actor: Actor
) -> WebhookEndpoint:
    """A new secret signs from now on; the old one also signs for 24 hours, so receivers can switch over."""
    endpoint = await get_endpoint(session, dealership_id, endpoint_id)
    endpoint.previous_secret, endpoint.secret = endpoint.secret, signing.new_secret()
    endpoint.previous_secret_expires_at = datetime.now(UTC) + PREVIOUS_SECRET_VALID
    await session.flush()
    await record(
        session,
        actor,
        "webhook_endpoint.rotate_secret",
        dealership_id=dealership_id,
        resource_type="webhook_endpoint",
        resource_id=endpoint.id,
    )
    return endpoint


async def delete_endpoint(session: AsyncSession, dealership_id: int, endpoint_id: uuid.UUID, actor: Actor) -> None:
    endpoint = await get_endpoint(session, dealership_id, endpoint_id)
    before = _public(endpoint)
    await session.delete(endpoint)
    await session.flush()
    await record(
        session,
        actor,
        "webhook_endpoint.delete",
        dealership_id=dealership_id,
        resource_type="webhook_endpoint",
        resource_id=endpoint_id,
        before=before,
    )


async def get_delivery(session: AsyncSession, dealership_id: int, delivery_id: uuid.UUID) -> WebhookDelivery:
    delivery = await session.scalar(
        select(WebhookDelivery).where(WebhookDelivery.id == delivery_id, WebhookDelivery.dealership_id == dealership_id)
    )
    if delivery is None:
        raise NotFound("webhook delivery not found")
    return delivery


async def replay(session: AsyncSession, dealership_id: int, delivery_id: uuid.UUID, actor: Actor) -> WebhookDelivery:
    """Send a delivery again now (same ``webhook-id``, so a receiver that had it already can ignore it); its retry
    schedule starts over, and an attempt in flight or scheduled is superseded. The endpoint must be enabled."""
    delivery = await get_delivery(session, dealership_id, delivery_id)
    endpoint = await get_endpoint(session, dealership_id, delivery.endpoint_id)
    if not endpoint.enabled:
        raise Conflict("the endpoint is disabled: enable it first", field="endpoint_id")
    delivery.status, delivery.attempts = WebhookDeliveryStatus.pending, 0
    delivery.next_attempt_at, delivery.delivered_at = datetime.now(UTC), None
    await session.flush()
    await schedule(session, delivery)
    await record(
        session,
        actor,
        "webhook_delivery.replay",
        dealership_id=dealership_id,
        resource_type="webhook_delivery",
        resource_id=delivery.id,
    )
    return delivery
