"""Audit log payloads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from showroom.vocabulary import ActorType


class AuditEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    dealership_id: int | None
    actor_type: ActorType
    user_id: int | None
    api_key_id: int | None
    action: str
    resource_type: str | None
    resource_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    details: dict[str, Any]
    ip_address: str | None
    user_agent: str | None
    request_id: str | None
    created_at: datetime

    @field_validator("id", "ip_address", mode="before")
    @classmethod
    def _text(cls, value: object) -> str | None:
        return None if value is None else str(value)
