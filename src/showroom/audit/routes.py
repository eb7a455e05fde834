"""HTTP: the dealership's audit trail (admins)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select

from showroom.api.docs import errors
from showroom.api.pagination import PageOut, SortKey, paginate
from showroom.api.types import DbId, When
from showroom.audit.schemas import AuditEntry
from showroom.auth.deps import Context, require
from showroom.models import AuditLog
from showroom.vocabulary import ActorType

router = APIRouter(prefix="/api/v1", tags=["audit"])


@router.get(
    "/audit-logs",
    response_model=PageOut[AuditEntry],
    summary="Who did what, newest first (admins)",
    responses=errors(401, 403, 422),
)
async def list_audit_logs(
    ctx: Annotated[Context, Depends(require("audit.read"))],
    actor_type: ActorType | None = None,
    user_id: DbId | None = None,
    api_key_id: DbId | None = None,
    action: Annotated[str | None, Query(max_length=100, description="Exact, or a prefix ending in '.' (lead.)")] = None,
    resource_type: Annotated[str | None, Query(max_length=100)] = None,
    resource_id: Annotated[str | None, Query(max_length=64)] = None,
    since: When | None = None,
    until: When | None = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Any:
    query = select(AuditLog).where(AuditLog.dealership_id == ctx.dealership_id)
    if actor_type:
        query = query.where(AuditLog.actor_type == actor_type)
    if user_id is not None:
        query = query.where(AuditLog.user_id == user_id)
    if api_key_id is not None:
        query = query.where(AuditLog.api_key_id == api_key_id)
    if action:
        query = query.where(AuditLog.action.startswith(action) if action.endswith(".") else AuditLog.action == action)
    if resource_type:
        query = query.where(AuditLog.resource_type == resource_type)
    if resource_id:
        query = query.where(AuditLog.resource_id == resource_id)
    if since:
        query = query.where(AuditLog.created_at >= since)
    if until:
        query = query.where(AuditLog.created_at < until)
    items, next_cursor = await paginate(
        ctx.session,
        query,
        sort=SortKey(AuditLog.created_at, descending=True),
        id_column=AuditLog.id,
        cursor=cursor,
        limit=limit,
    )
    return {"items": items, "next_cursor": next_cursor}
