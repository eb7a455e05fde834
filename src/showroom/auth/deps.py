"""The one path every API request takes: open the transaction, authenticate, set the tenant, authorize.

A route declares ``ctx: Annotated[Context, Depends(require("lead.read"))]`` and receives the session (already
scoped to the caller's dealership by RLS), the principal and the audit actor. It cannot forget any step.
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor
from showroom.auth import queries
from showroom.auth.principal import Principal
from showroom.auth.sessions import SESSION_COOKIE as SESSION_COOKIE  # re-exported: pages read the cookie too
from showroom.auth.tokens import hash_token, looks_like_api_key, looks_like_token
from showroom.db.engine import Database
from showroom.db.tenancy import remember_tenant
from showroom.errors import BadRequest, Forbidden, Unauthorized
from showroom.ops import context as log_context
from showroom.settings import Settings
from showroom.vocabulary import ActorType

CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Actions a super admin performs without acting for a dealership.
PLATFORM_ACTIONS = frozenset({"dealership.manage"})


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One request, one transaction, one commit, before the response is sent."""
    db: Database = request.app.state.db
    session = db.session()
    try:
        yield session
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    finally:
        await session.close()


DbSession = Annotated[AsyncSession, Depends(db_session, scope="function")]


def request_actor(request: Request, principal: Principal | None = None) -> Actor:
    return Actor(
        type=principal.kind if principal else ActorType.system,
        user_id=principal.user_id if principal else None,
        api_key_id=principal.api_key_id if principal else None,
        ip=request.client.host if request.client else None,
        user_agent=(request.headers.get("user-agent") or "")[:500] or None,
        request_id=getattr(request.state, "request_id", None) or uuid.uuid4().hex,
    )


async def _from_api_key(session: AsyncSession, header: str) -> Principal:
    scheme, _, value = header.partition(" ")
    key = value.strip()
    if scheme.lower() != "bearer" or not key:
        raise Unauthorized("the Authorization header must be 'Bearer <api key>'", field="Authorization")
    if not looks_like_api_key(key):
        raise Unauthorized("malformed API key: expected 'shr_' followed by letters and digits", field="Authorization")
    row = await queries.api_key_row(session, hash_token(key))
    if row is None:
        raise Unauthorized("unknown, revoked or expired API key", field="Authorization")
    if not row["dealership_active"]:
        raise Unauthorized("this dealership is deactivated", field="Authorization")
    remember_tenant(session, row["dealership_id"])
    log_context.bind(api_key_id=row["id"])
    return Principal(
        kind=ActorType.api_key,
        dealership_id=row["dealership_id"],
        api_key_id=row["id"],
        name=row["name"],
        scopes=frozenset(row["scopes"]),
    )


async def principal_from_cookie(
    session: AsyncSession, token: str, settings: Settings, *, csrf_sent: str | None
) -> Principal:
    """The signed-in user of a session cookie. ``csrf_sent`` is the token an unsafe request carried (header or
    form field), None for safe methods."""
    if not looks_like_token(token):
        raise Unauthorized("malformed session cookie; sign in again")
    session_id = hash_token(token)
    row = await queries.session_row(session, session_id, settings.session_idle_minutes, settings.session_absolute_hours)
    if row is None:
        raise Unauthorized("your session has expired; sign in again")
    if not row["user_active"]:
        raise Unauthorized("this account is deactivated")
    if not row["dealership_active"]:
        raise Unauthorized("this dealership is deactivated")
    remember_tenant(session, row["dealership_id"], row["user_id"])
    if csrf_sent is not None and not hmac.compare_digest(csrf_sent.encode(), row["csrf_secret"].encode()):
        raise Forbidden(
            f"missing or wrong CSRF token: send the {CSRF_HEADER} header (GET /api/v1/auth/session returns it)",
            field=CSRF_HEADER,
        )
    return Principal(
        kind=ActorType.user,
        dealership_id=row["dealership_id"],
        user_id=row["user_id"],
        role=row["role"],
        email=row["email"],
        name=row["name"],
        session_id=session_id,
        csrf_secret=row["csrf_secret"],
        session_expires_at=row["expires_at"],
    )


async def authenticate(request: Request, session: DbSession) -> Principal:
    settings: Settings = request.app.state.settings
    header = request.headers.get("authorization")
    if header:
        return await _from_api_key(session, header)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        unsafe = request.method not in SAFE_METHODS
        return await principal_from_cookie(
            session, token, settings, csrf_sent=request.headers.get(CSRF_HEADER, "") if unsafe else None
        )
    raise Unauthorized("sign in first (session cookie) or send 'Authorization: Bearer <api key>'")


@dataclass
class Context:
    """What a route handler gets: the tenant-scoped session, who is acting, and the app's services."""

    session: AsyncSession
    principal: Principal
    actor: Actor
    settings: Settings
    db: Database
    request: Request

    @property
    def dealership_id(self) -> int:
        if self.principal.dealership_id is None:
            raise BadRequest("choose a dealership first (POST /api/v1/auth/switch)")
        return self.principal.dealership_id


def _context(request: Request, session: AsyncSession, principal: Principal) -> Context:
    return Context(
        session=session,
        principal=principal,
        actor=request_actor(request, principal),
        settings=request.app.state.settings,
        db=request.app.state.db,
        request=request,
    )


def require(action: str) -> Callable[..., Awaitable[Context]]:
    """Dependency: authenticated, allowed to ``action``, acting for a dealership (unless a platform action)."""

    async def dependency(
        request: Request, session: DbSession, principal: Annotated[Principal, Depends(authenticate)]
    ) -> Context:
        if not principal.can(action):
            who = f"role {principal.role}" if principal.kind == ActorType.user else "this API key's scopes"
            raise Forbidden(f"{who} may not {action.replace('.', ' ')}")
        if principal.dealership_id is None and action not in PLATFORM_ACTIONS:
            raise BadRequest("choose a dealership first (POST /api/v1/auth/switch)")
        return _context(request, session, principal)

    dependency.action = action  # type: ignore[attr-defined]  # read by the route x role test
    return dependency


def signed_in() -> Callable[..., Awaitable[Context]]:
    """Any authenticated user or key, no particular action (e.g. reading one's own session)."""

    async def dependency(
        request: Request, session: DbSession, principal: Annotated[Principal, Depends(authenticate)]
    ) -> Context:
        return _context(request, session, principal)

    dependency.action = None  # type: ignore[attr-defined]
    return dependency


# Super-admin (platform) routes: ``ctx: Platform`` authorizes, ``maint: Maint`` is the cross-tenant session.
Platform = Annotated[Context, Depends(require("dealership.manage"))]


async def maintenance(ctx: Platform) -> AsyncIterator[AsyncSession]:
    """The audited BYPASSRLS session super-admin routes use (committed before the response)."""
    async with ctx.db.maint_session() as maint, maint.begin():
        yield maint


Maint = Annotated[AsyncSession, Depends(maintenance, scope="function")]
