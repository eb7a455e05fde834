"""The audit trail: every mutation writes one row in the same transaction as the change."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.errors import ValidationFailed
from showroom.models import AuditLog
from showroom.vocabulary import ActorType

# Never copied into a snapshot, whatever the table.
SECRET_FIELDS = frozenset({"password_hash", "key_hash", "token_hash", "reset_token_hash", "csrf_secret"})
REDACTED = "[redacted]"


@dataclass(frozen=True)
class Actor:
    """Who is acting, and from where. ``type`` is an ActorType: user, api_key or system (CLI, jobs, intake)."""

    type: str = ActorType.system
    user_id: int | None = None
    api_key_id: int | None = None
    ip: str | None = None
    user_agent: str | None = None
    request_id: str | None = None

    def via(self, **changes: Any) -> Actor:
        return replace(self, **changes)


SYSTEM = Actor()
CLI = Actor(user_agent="showroom-cli")


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def snapshot(obj: Any, fields: set[str] | None = None) -> dict[str, Any]:
    """The mapped columns of ``obj`` as JSON, secrets redacted (only ``fields`` when given)."""
    mapper = sa_inspect(type(obj))
    out: dict[str, Any] = {}
    for attr in mapper.column_attrs:
        key = attr.key
        if (fields is not None and key not in fields) or key in ("search", "created_at", "updated_at"):
            continue
        out[key] = REDACTED if key in SECRET_FIELDS and getattr(obj, key) is not None else jsonable(getattr(obj, key))
    return out


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that changed, on both sides."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


async def record(
    session: AsyncSession,
    actor: Actor,
    action: str,
    *,
    dealership_id: int | None,
    resource_type: str | None = None,
    resource_id: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    row = AuditLog(
        dealership_id=dealership_id,
        actor_type=actor.type,
        user_id=actor.user_id,
        api_key_id=actor.api_key_id,
        action=action,
        resource_type=resource_type,
        resource_id=None if resource_id is None else str(resource_id),
        before=before,
        after=after,
        details=jsonable(details or {}),
        ip_address=actor.ip,
        user_agent=actor.user_agent,
        request_id=actor.request_id,
    )
    session.add(row)
    return row


async def apply_update(
    session: AsyncSession,
    obj: Any,
    values: dict[str, Any],
    actor: Actor,
    *,
    action: str,
    resource_type: str,
    dealership_id: int | None,
) -> dict[str, Any]:
    """Set ``values`` on ``obj``, flush, and audit what actually changed (before/after of those fields only). A null
    for a column that may not be null is a 422 naming the field, never a database error."""
    columns = obj.__table__.c
    for key, value in values.items():
        if value is None and key in columns and not columns[key].nullable:
            raise ValidationFailed(f"{key} cannot be null", field=key)
    before = snapshot(obj)
    for key, value in values.items():
        setattr(obj, key, value)
    await session.flush()
    old, new = changes(before, snapshot(obj))
    if new:
        await record(
            session,
            actor,
            action,
            dealership_id=dealership_id,
            resource_type=resource_type,
            resource_id=obj.id,
            before=old,
            after=new,
        )
    return new
