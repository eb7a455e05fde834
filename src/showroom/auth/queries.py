"""The statements of authentication, sent straight through psycopg on the request's connection
(``db.engine.fetch_one``): every request runs one."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.db.engine import fetch_one

# Authentication and the transaction's tenant in one round trip: the SECURITY DEFINER function finds the
# credential, and set_config (transaction-local) in the same statement makes the rest of the request RLS-scoped.
API_KEY_SQL = (
    "select k.id, k.dealership_id, k.name, k.scopes, k.dealership_active, "
    "set_config('app.dealership_id', k.dealership_id::text, true) as _tenant from auth_api_key(%(h)s) as k"
)
SESSION_SQL = (
    "select a.*, set_config('app.dealership_id', coalesce(a.dealership_id::text, ''), true) as _tenant, "
    "set_config('app.user_id', a.user_id::text, true) as _user "
    "from auth_session(%(id)s, make_interval(mins => %(idle)s), make_interval(hours => %(absolute)s)) as a"
)


async def api_key_row(session: AsyncSession, key_hash: str) -> dict[str, Any] | None:
    """The active API key with this hash (and its dealership's state); the transaction now acts for its dealership."""
    return await fetch_one(session, API_KEY_SQL, {"h": key_hash})


async def session_row(session: AsyncSession, session_id: str, idle: int, absolute: int) -> dict[str, Any] | None:
    """The live sign-in session (its user, role and dealership), touched; the transaction now acts for them."""
    return await fetch_one(session, SESSION_SQL, {"id": session_id, "idle": idle, "absolute": absolute})
