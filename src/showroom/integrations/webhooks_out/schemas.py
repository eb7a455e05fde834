"""HTTP shapes of outbound webhooks."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from showroom.integrations.webhooks_out.kinds import WebhookEventType
from showroom.vocabulary import WebhookDeliveryStatus


class WebhookEndpointCreate(BaseModel):
    url: str = Field(max_length=2000, description="https URL that receives the events (POST, JSON)")
    description: str | None = Field(default=None, max_length=255)
    event_types: list[WebhookEventType] = Field(min_length=1, description="The events this endpoint receives")


class WebhookEndpointUpdate(BaseModel):
    url: str | None = Field(default=None, max_length=2000)
    description: str | None = Field(default=None, max_length=255)
    event_types: list[WebhookEventType] | None = Field(default=None, min_length=1)
    enabled: bool | None = Field(default=None, description="true re-enables an endpoint that was disabled")


class WebhookEndpoint(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    description: str | None
    event_types: list[WebhookEventType]
    enabled: bool
    disabled_reason: str | None
    failing_since: datetime | None
    previous_secret_expires_at: datetime | None
    created_at: datetime
    updated_at: datetime


class WebhookEndpointWithSecret(WebhookEndpoint):
    secret: str = Field(description="The whsec_ signing secret (shown when created or rotated; GET /secret too)")


class WebhookSecret(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    secret: str
    previous_secret_expires_at: datetime | None


class WebhookDelivery(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    webhook_id: str = Field(description="The webhook-id header the receiver saw")
    endpoint_id: uuid.UUID
    event_type: WebhookEventType
    status: WebhookDeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None
    attempt_log: list[dict[str, Any]]
    payload: dict[str, Any]
    created_at: datetime
