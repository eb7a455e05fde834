"""Sign-in, sign-out, magic links, password resets and tenant switching.

Lookups made before the tenant is known go through the SECURITY DEFINER functions of migration 0004; once
the user's dealership is known the transaction is switched to it, so every write is checked by RLS.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.api.ratelimit import Budget, check, forget, seen, spend
from showroom.audit.service import Actor, record
from showroom.auth.passwords import hash_password, password_problem, verify_password
from showroom.auth.sessions import close_session, close_user_sessions, open_session
from showroom.auth.tokens import hash_token, new_token
from showroom.db.engine import Database
from showroom.db.tenancy import acting_for
from showroom.errors import AppError, Gone, NotFound, Unauthorized, ValidationFailed
from showroom.mail import Email, send_later
from showroom.models import Dealership, MagicLinkInvitation, Session, User
from showroom.settings import Settings


@dataclass
class SignedIn:
    token: str
    session: Session
    user_id: int
    role: str
    dealership_id: int | None
    email: str
    name: str | None


@dataclass
class SignInOutcome:
    """A failed sign-in is still a result to commit (its audit row and counters), not an exception."""

    signed_in: SignedIn | None = None
    error: AppError | None = None


@asynccontextmanager
async def _as_user(
    session: AsyncSession, db: Database, user_id: int, dealership_id: int | None
) -> AsyncIterator[AsyncSession]:
    """A session that may write the rows of a user found before the tenant was known: the request's own, switched
    to the user's dealership, or for a super admin (who belongs to none) a maintenance transaction of its own."""
    if dealership_id is None:
        async with db.maint_session() as maint, maint.begin():
            yield maint
        return
    async with acting_for(session, dealership_id, user_id):
        yield session


async def _record_login(
    session: AsyncSession,
    user_id: int | None,
    email: str,
    success: bool,
    actor: Actor,
    reason: str | None,
    settings: Settings,
) -> None:
    await session.execute(
        text("select auth_record_login(:u, :e, :s, cast(:ip as inet), :ua, :r, :max, make_interval(mins => :lock))"),
        {
            "u": user_id,
            "e": email,
            "s": success,
            "ip": actor.ip,
            "ua": actor.user_agent,
            "r": reason,
            "max": settings.login_max_failures_per_account,  # users.locked_until: the account-wide pause
            "lock": settings.login_lockout_minutes,
        },
    )


async def start_session(
    session: AsyncSession,
    *,
    user_id: int,
    dealership_id: int | None,
    email: str,
    name: str | None,
    role: str,
    actor: Actor,
    settings: Settings,
    reason: str | None,
    replaces: str | None,
) -> SignedIn:
    """What every way of authenticating ends with: the sign-in recorded (which also clears the failure count), the
    transaction switched to the user, and a new session that retires the one the browser had (``replaces``)."""
    await _record_login(session, user_id, email, True, actor, reason, settings)
    async with acting_for(session, dealership_id, user_id):
        token, row = await open_session(
            session,
            user_id=user_id,
            dealership_id=dealership_id,
            ip=actor.ip,
            user_agent=actor.user_agent,
            settings=settings,
            replaces=replaces,
        )
    return SignedIn(token, row, user_id, role, dealership_id, email, name)


def _login_budgets(settings: Settings) -> tuple[Budget, Budget, Budget]:
    """Failed sign-ins: per account *and* address together, per address, and per account from addresses it never
    signed in from. An attacker guessing from elsewhere pauses himself, not the account's owner."""
    window, what = settings.login_lockout_minutes * 60, "failed sign-ins"
    return (
        Budget("login.pair", settings.login_max_failures, window, what),
        Budget("login.address", settings.login_max_failures_per_ip, window, what),
        Budget("login.account", settings.login_max_failures_per_account, window, what),
    )


# Addresses an account signed in from in the last 30 days: they are never paused by others' failures.
KNOWN_ADDRESS = Budget("login.known", 1_000_000, 30 * 86400, "sign-ins")


def _link_budgets(settings: Settings) -> tuple[Budget, Budget]:
    """Sign-in links and password resets e-mailed: per e-mail address and per requesting address, each hour."""
    return (
        Budget("links.account", settings.mail_links_per_account, 3600, "e-mails for this address"),
        Budget("links.address", settings.mail_links_per_ip, 3600, "e-mails requested from your address"),
    )


async def _spend_link(session: AsyncSession, email: str, actor: Actor, settings: Settings) -> None:
    """Count a link e-mail for ``email`` and the requesting address (known accounts and unknown alike, so the
    limit reveals nothing): TooManyRequests past either limit."""
    per_account, per_address = _link_budgets(settings)
    await spend(session, per_address, actor.ip or "-")
    await spend(session, per_account, email)


async def _throttle(session: AsyncSession, email: str, actor: Actor, settings: Settings) -> None:
    """Refuse a sign-in (TooManyRequests) while its account and address together, or its address, have too many
    recent failures (``rate_counters``, shared by every process); or while the account has a great many from
    everywhere (a distributed guess) and this address never signed in to it. Known and unknown e-mails alike."""
    ip = actor.ip or "-"
    pair, address, account = _login_budgets(settings)
    await check(session, pair, email, ip)
    await check(session, address, ip)
    if not await seen(session, KNOWN_ADDRESS, email, ip):
        await check(session, account, email)


async def _count_failure(session: AsyncSession, email: str, actor: Actor, settings: Settings) -> None:
    ip = actor.ip or "-"
    pair, address, account = _login_budgets(settings)
    await spend(session, pair, email, ip, refuse=False)
    await spend(session, address, ip, refuse=False)
    await spend(session, account, email, refuse=False)


async def _count_success(session: AsyncSession, email: str, actor: Actor, settings: Settings) -> None:
    ip = actor.ip or "-"
    pair, _, _ = _login_budgets(settings)
    await forget(session, pair, email, ip)
    await spend(session, KNOWN_ADDRESS, email, ip, refuse=False)


async def sign_in(
    session: AsyncSession, *, email: str, password: str, actor: Actor, settings: Settings, replaces: str | None = None
) -> SignInOutcome:
    row = (await session.execute(text("select * from auth_user_by_email(:e)"), {"e": email})).first()
    async with acting_for(session, row.dealership_id if row else None, row.id if row else None):
        return await _sign_in_as(
            session, row, email=email, password=password, actor=actor, settings=settings, replaces=replaces
        )


async def _sign_in_as(
    session: AsyncSession,
    row: Any,
    *,
    email: str,
    password: str,
    actor: Actor,
    settings: Settings,
    replaces: str | None,
) -> SignInOutcome:
    """:func:`sign_in` once the account (``row``, None if unknown) is found, acting as its user (its own row is
    visible)."""
    account = None
    if row is not None:
        account = (await session.execute(select(User.email).where(User.id == row.id))).one()
    await _throttle(session, email, actor, settings)
    valid = await verify_password(row.password_hash if row else None, password)
    if row is None or account is None or not valid:
        await _count_failure(session, email, actor, settings)
        await _record_login(
            session,
            row.id if row else None,
            email,
            False,
            actor,
            "unknown_email" if row is None else "bad_password",
            settings,
        )
        return SignInOutcome(error=Unauthorized("invalid email or password"))
    if not row.is_active or not row.dealership_active:
        await _record_login(session, row.id, email, False, actor, "deactivated", settings)
        what = "account" if not row.is_active else "dealership"
        return SignInOutcome(error=Unauthorized(f"this {what} is deactivated; ask your administrator"))
    await _count_success(session, email, actor, settings)
    signed = await start_session(
        session,
        user_id=row.id,
        dealership_id=row.dealership_id,
        email=account.email,
        name=row.name,
        role=row.role,
        actor=actor,
        settings=settings,
        reason=None,
        replaces=replaces,
    )
    return SignInOutcome(signed_in=signed)


async def sign_out(session: AsyncSession, session_id: str, actor: Actor, dealership_id: int | None) -> None:
    await close_session(session, session_id)
    await record(
        session, actor, "user.logout", dealership_id=dealership_id, resource_type="user", resource_id=actor.user_id
    )


# --- magic links -------------------------------------------------------------------------------------


def _link_email(to: str, subject: str, intro: str, link: str, button: str, outro: str) -> Email:
    text_body = f"{intro}\n\n{button}: {link}\n\n{outro}\n"
    html_body = (
        f'<p>{html.escape(intro)}</p><p><a href="{html.escape(link)}">{html.escape(button)}</a></p>'
        f'<p style="color:#555">{html.escape(outro)}</p>'
    )
    return Email(to=[to], subject=subject, text=text_body, html=html_body)


async def issue_sign_in_link(
    session: AsyncSession,
    *,
    user_id: int,
    dealership_id: int | None,
    email: str,
    role: str,
    actor: Actor,
    settings: Settings,
) -> str:
    """Store a single-use sign-in link (hashed) and return its URL. ``session`` must be able to write the row:
    the user's tenant, or maintenance for a super admin."""
    token = new_token()
    session.add(
        MagicLinkInvitation(
            dealership_id=dealership_id,
            purpose="sign_in",
            email=email.lower(),
            role=role,
            token_hash=hash_token(token),
            expires_at=datetime.now(UTC) + timedelta(hours=settings.magic_link_hours),
        )
    )
    await session.flush()
    await record(
        session, actor, "user.magic_link_sent", dealership_id=dealership_id, resource_type="user", resource_id=user_id
    )
    return f"{settings.base_url}/auth/magic/{token}"


async def send_magic_link(
    session: AsyncSession, db: Database, *, email: str, actor: Actor, settings: Settings
) -> str | None:
    """E-mail a single-use sign-in link if ``email`` has an active account. Returns the link (None if no account).

    The e-mail is queued in the transaction that stores the link (the writer's: the request's own, or a super
    admin's maintenance transaction), so it is sent after that commits and never if it rolls back. The caller
    answers the same way either way, so the endpoint reveals nothing about who has an account.
    """
    await _spend_link(session, email, actor, settings)
    row = (await session.execute(text("select * from auth_user_by_email(:e)"), {"e": email})).first()
    if row is None or not row.is_active or not row.dealership_active:
        return None
    async with _as_user(session, db, row.id, row.dealership_id) as writer:
        link = await issue_sign_in_link(
            writer,
            user_id=row.id,
            dealership_id=row.dealership_id,
            email=email,
            role=row.role,
            actor=actor,
            settings=settings,
        )
        await send_later(
            writer,
            _link_email(
                email,
                "Your Showroom sign-in link",
                f"Use this link to sign in to Showroom. It works once, for {settings.magic_link_hours} hours.",
                link,
                "Sign in",
                "If you did not ask for it, ignore this e-mail.",
            ),
            sender=settings.mail_from,
        )
    return link


async def consume_magic_link(
    session: AsyncSession,
    *,
    token: str,
    actor: Actor,
    settings: Settings,
    db: Database,
    replaces: str | None = None,
) -> SignedIn:
    """Sign in with a link of :func:`issue_sign_in_link`; the first one also marks the e-mail verified (``db``: a
    super admin's row is written through maintenance)."""
    result = (await session.execute(text("select * from auth_consume_magic_link(:h)"), {"h": hash_token(token)})).one()
    if result.outcome == "unknown":
        raise NotFound("this sign-in link is not valid; request a new one", field="token")
    if result.outcome == "used":
        raise Gone("this sign-in link was already used; request a new one", field="token")
    if result.outcome == "expired":
        raise Gone("this sign-in link has expired; request a new one", field="token")
    # The account is found the way sign_in finds it: a super admin's row is invisible before the tenant is set.
    row = (await session.execute(text("select * from auth_user_by_email(:e)"), {"e": result.email})).first()
    if row is None or not row.is_active or not row.dealership_active:
        what = "dealership" if row is not None and row.is_active else "account"
        raise Unauthorized(f"this {what} is deactivated; ask your administrator")
    async with acting_for(session, row.dealership_id, row.id):
        user = await session.get(User, row.id)
        assert user is not None  # the user's own row is visible under its tenant
        if not user.is_verified:
            async with _as_user(session, db, row.id, row.dealership_id) as writer:
                await writer.execute(update(User).where(User.id == row.id).values(is_verified=True))
        return await start_session(
            session,
            user_id=user.id,
            dealership_id=row.dealership_id,
            email=user.email,
            name=user.name,
            role=row.role,
            actor=actor,
            settings=settings,
            reason="magic_link",
            replaces=replaces,
        )


# --- password reset ----------------------------------------------------------------------------------


async def request_password_reset(
    session: AsyncSession, db: Database, *, email: str, actor: Actor, settings: Settings
) -> str | None:
    """Store a reset token for ``email``'s active account and queue the link in the same transaction (the one that
    writes the user's row). Returns the link (None if no account); the caller answers the same way either way."""
    await _spend_link(session, email, actor, settings)
    row = (await session.execute(text("select * from auth_user_by_email(:e)"), {"e": email})).first()
    if row is None or not row.is_active or not row.dealership_active:
        return None
    token = new_token()
    link = f"{settings.base_url}/auth/reset/{token}"
    expires = datetime.now(UTC) + timedelta(minutes=settings.password_reset_minutes)
    values: dict[str, Any] = {"reset_token_hash": hash_token(token), "reset_token_expires_at": expires}
    message = _link_email(
        email,
        "Reset your Showroom password",
        f"Someone (hopefully you) asked to reset your Showroom password. The link works once, for "
        f"{settings.password_reset_minutes} minutes.",
        link,
        "Choose a new password",
        "If you did not ask for it, ignore this e-mail: your password stays as it is.",
    )
    await _update_user(
        session,
        db,
        row.id,
        row.dealership_id,
        values,
        actor,
        "user.password_reset_requested",
        mail=message,
        sender=settings.mail_from,
    )
    return link


async def confirm_password_reset(
    session: AsyncSession, db: Database, *, token: str, password: str, actor: Actor, settings: Settings | None = None
) -> None:
    row = (await session.execute(text("select * from auth_password_reset(:h)"), {"h": hash_token(token)})).first()
    if row is None:
        raise NotFound("this password-reset link is not valid or was already used; request a new one", field="token")
    if row.expires_at <= datetime.now(UTC):
        raise Gone("this password-reset link has expired; request a new one", field="token")
    if not row.is_active:
        raise Unauthorized("this account is deactivated; ask your administrator")
    email = await _user_email(session, db, row.user_id, row.dealership_id)
    problem = password_problem(password, email=email)
    if problem:
        raise ValidationFailed(problem, field="password")
    values = {
        "password_hash": await hash_password(password),
        "reset_token_hash": None,
        "reset_token_expires_at": None,
        "failed_login_count": 0,
        "locked_until": None,
    }
    await _update_user(session, db, row.user_id, row.dealership_id, values, actor, "user.password_reset")
    await close_user_sessions(session, row.user_id)
    if settings is not None:  # the way back in for whoever forgot it: the account's failed sign-ins are forgotten
        pair, _, account = _login_budgets(settings)
        await forget(session, pair, email)
        await forget(session, account, email)


async def _user_email(session: AsyncSession, db: Database, user_id: int, dealership_id: int | None) -> str:
    async with _as_user(session, db, user_id, dealership_id) as reader:
        return str(await reader.scalar(select(User.email).where(User.id == user_id)))


async def _update_user(
    session: AsyncSession,
    db: Database,
    user_id: int,
    dealership_id: int | None,
    values: dict[str, Any],
    actor: Actor,
    action: str,
    *,
    mail: Email | None = None,
    sender: str | None = None,
) -> None:
    """Update a user found before the tenant was known (see :func:`_as_user`), audited; ``mail`` is queued in the
    same transaction (sent after it commits; ``sender``: see ``mail.send_later``)."""
    redacted = {k: ("[redacted]" if k.endswith("hash") and v else v) for k, v in values.items()}
    audit_after = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in redacted.items()}
    async with _as_user(session, db, user_id, dealership_id) as writer:
        user = await writer.get(User, user_id)
        assert user is not None
        for key, value in values.items():
            setattr(user, key, value)
        await record(
            writer,
            actor.via(user_id=actor.user_id or user_id),
            action,
            dealership_id=dealership_id,
            resource_type="user",
            resource_id=user_id,
            after=audit_after,
        )
        if mail is not None:
            await send_later(writer, mail, sender=sender)


# --- super admins: acting for a dealership ---------------------------------------------------------------


async def switch_tenant(
    session: AsyncSession, db: Database, *, session_id: str, dealership_id: int | None, actor: Actor
) -> None:
    if dealership_id is not None:
        async with db.maint_session() as maint:
            exists = await maint.scalar(select(Dealership.id).where(Dealership.id == dealership_id))
        if exists is None:
            raise NotFound(f"dealership {dealership_id} does not exist", field="dealership_id")
    await session.execute(
        text("update sessions set dealership_id = :d where id = :id"), {"d": dealership_id, "id": session_id}
    )
    async with acting_for(session, dealership_id, actor.user_id):
        if dealership_id is not None:
            await record(
                session,
                actor,
                "tenant.switch",
                dealership_id=dealership_id,
                resource_type="dealership",
                resource_id=dealership_id,
            )
            return
        async with db.maint_session() as maint, maint.begin():  # a platform row: only maintenance writes those
            await record(maint, actor, "tenant.switch", dealership_id=None, resource_type="dealership")
