"""Server-side sign-in sessions: an opaque token in a cookie, only its SHA-256 in ``sessions``."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from showroom.auth.tokens import hash_token, new_token
from showroom.models import Session
from showroom.settings import Settings

if TYPE_CHECKING:
    from showroom.auth.service import SignedIn

SESSION_COOKIE = "showroom_session"
CSRF_COOKIE = "showroom_csrf"


def _expiry(created: datetime, seen: datetime, settings: Settings) -> datetime:
    return min(
        seen + timedelta(minutes=settings.session_idle_minutes),
        created + timedelta(hours=settings.session_absolute_hours),
    )


async def open_session(
    session: AsyncSession,
    *,
    user_id: int,
    dealership_id: int | None,
    ip: str | None,
    user_agent: str | None,
    settings: Settings,
    replaces: str | None = None,
) -> tuple[str, Session]:
    """A new session (and the end of the one it replaces: signing in rotates the token)."""
    if replaces:
        await session.execute(delete(Session).where(Session.id == hash_token(replaces)))
    token = new_token()
    now = datetime.now(UTC)
    row = Session(
        id=hash_token(token),
        user_id=user_id,
        dealership_id=dealership_id,
        ip=ip,
        user_agent=(user_agent or "")[:500] or None,
        csrf_secret=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=_expiry(now, now, settings),
    )
    session.add(row)
    await session.flush()
    return token, row


async def close_session(session: AsyncSession, session_id: str) -> None:
    await session.execute(delete(Session).where(Session.id == session_id))


async def close_user_sessions(session: AsyncSession, user_id: int, *, keep: str | None = None) -> None:
    """End the user's sessions (all of them, or all but ``keep``: the one that changed the password)."""
    statement = delete(Session).where(Session.user_id == user_id)
    if keep is not None:
        statement = statement.where(Session.id != keep)
    await session.execute(statement)


# --- the cookies ---------------------------------------------------------------------------------------------


def secure_cookies(request: Request) -> bool:
    """Cookies are Secure when configured so, else when served over TLS."""
    return _secure(request)


def _secure(request: Request) -> bool:
    configured = request.app.state.settings.cookie_secure
    return bool(configured) if configured is not None else request.url.scheme == "https"


def set_session_cookies(request: Request, response: Response, signed: SignedIn) -> None:
    """The HttpOnly session cookie, and the CSRF cookie the page's script reads (DESIGN.md §4)."""
    max_age = request.app.state.settings.session_absolute_hours * 3600
    secure = _secure(request)
    response.set_cookie(
        SESSION_COOKIE, signed.token, max_age=max_age, httponly=True, samesite="lax", secure=secure, path="/"
    )
    response.set_cookie(
        CSRF_COOKIE,
        signed.session.csrf_secret,
        max_age=max_age,
        httponly=False,
        samesite="lax",
        secure=secure,
        path="/",
    )


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
