"""API keys: integrations act as their dealership with the key's scopes. The key is shown once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record, snapshot
from showroom.auth.schemas import ApiKeyCreate
from showroom.auth.tokens import api_key_prefix, hash_token, new_api_key
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.models import ApiKey


async def create(session: AsyncSession, dealership_id: int, data: ApiKeyCreate, actor: Actor) -> tuple[ApiKey, str]:
    if data.expires_at is not None and data.expires_at <= datetime.now(UTC):
        raise ValidationFailed("expires_at must be in the future", field="expires_at")
    key = new_api_key()
    row = ApiKey(
        dealership_id=dealership_id,
        name=data.name,
        description=data.description,
        key_prefix=api_key_prefix(key),
        key_hash=hash_token(key),
        scopes=data.scopes,
        expires_at=data.expires_at,
        created_by_user_id=actor.user_id,
    )
    session.add(row)
    await session.flush()
    await record(
        session,
        actor,
        "api_key.create",
        dealership_id=dealership_id,
        resource_type="api_key",
        resource_id=row.id,
        after=snapshot(row),
    )
    return row, key


async def list_keys(session: AsyncSession) -> list[ApiKey]:
    return list((await session.scalars(select(ApiKey).order_by(ApiKey.created_at.desc(), ApiKey.id.desc()))).all())


async def revoke(session: AsyncSession, key_id: int, actor: Actor) -> ApiKey:
    row = await session.get(ApiKey, key_id)
    if row is None:
        raise NotFound(f"API key {key_id} not found")
    if row.revoked_at is not None:
        raise Conflict("this API key is already revoked")
    row.revoked_at = datetime.now(UTC)
    await record(
        session,
        actor,
        "api_key.revoke",
        dealership_id=row.dealership_id,
        resource_type="api_key",
        resource_id=row.id,
        before={"revoked_at": None},
        after={"revoked_at": row.revoked_at.isoformat()},
    )
    return row
