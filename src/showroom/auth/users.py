"""Staff accounts of a dealership, and team invitations."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.api.ratelimit import Budget, check, spend_now
from showroom.audit.service import Actor, changes, record, snapshot
from showroom.auth.passwords import hash_password, password_problem, verify_password
from showroom.auth.permissions import Role, outranks_or_equals
from showroom.auth.principal import Principal
from showroom.auth.schemas import InvitationAccept, InvitationCreate, UserCreate, UserUpdate
from showroom.auth.service import SignedIn, _link_email, issue_sign_in_link, start_session
from showroom.auth.sessions import close_user_sessions
from showroom.auth.tokens import hash_token, new_token
from showroom.db.engine import Database
from showroom.db.tenancy import acting_for
from showroom.errors import Conflict, Forbidden, Gone, NotFound, ValidationFailed
from showroom.mail import Email, send_later
from showroom.models import User, UserInvitation
from showroom.settings import Settings
from showroom.vocabulary import ActorType, InvitationStatus


def _check_password(password: str, email: str) -> None:
    problem = password_problem(password, email=email)
    if problem:
        raise ValidationFailed(problem, field="password")


def _check_grant(principal: Principal, role: str) -> None:
    if role == Role.super_admin:
        raise Forbidden("super admins are created with `showroom user create --role super_admin`", field="role")
    if principal.role is None or not outranks_or_equals(principal.role, role):
        raise Forbidden(f"you may not give the role {role}", field="role")


async def _email_taken(session: AsyncSession, email: str) -> bool:
    """Login e-mails are unique across all dealerships; the check itself reveals nothing else."""
    return (await session.execute(text("select 1 from auth_user_by_email(:e)"), {"e": email})).first() is not None


async def get(session: AsyncSession, user_id: int) -> User:
    user = await session.get(User, user_id)
    if user is None:  # other tenants' users are invisible (RLS): 404, never 403
        raise NotFound(f"user {user_id} not found")
    return user


async def create(
    session: AsyncSession,
    db: Database,
    principal: Principal | None,
    dealership_id: int | None,
    data: UserCreate,
    actor: Actor,
    settings: Settings,
    *,
    email_link: bool,
) -> tuple[User, str | None]:
    """A staff account; ``principal`` None means the platform itself (the CLI). Without a password the person
    gets a sign-in link, returned, and with ``email_link`` also e-mailed: queued in this transaction, so it is
    sent after the account commits and never if it does not."""
    if principal is not None:
        _check_grant(principal, data.role)
    if (data.role == Role.super_admin) != (dealership_id is None):
        raise ValidationFailed("super admins belong to no dealership; everyone else to exactly one", field="role")
    email = data.email.lower()
    if await _email_taken(session, email):
        raise Conflict(
            "this e-mail cannot be used for a new account; use another address, or invite the person", field="email"
        )
    if data.password is not None:
        _check_password(data.password, email)
    user = User(
        dealership_id=dealership_id,
        email=email,
        name=data.name,
        username=data.username,
        role=data.role,
        password_hash=await hash_password(data.password) if data.password else None,
    )
    session.add(user)
    await session.flush()
    await record(
        session,
        actor,
        "user.create",
        dealership_id=dealership_id,
        resource_type="user",
        resource_id=user.id,
        after=snapshot(user),
    )
    if data.password is not None:
        return user, None
    link = await issue_sign_in_link(
        session,
        user_id=user.id,
        dealership_id=dealership_id,
        email=email,
        role=user.role,
        actor=actor,
        settings=settings,
    )
    if email_link:
        await send_later(
            session,
            _link_email(
                email,
                "Your Showroom account",
                f"An account was created for you on Showroom. The link signs you in "
                f"once, within {settings.magic_link_hours} hours; set a password from your profile afterwards.",
                link,
                "Sign in",
                "If you were not expecting this, you can ignore this e-mail.",
            ),
            sender=settings.mail_from,
        )
    return user, link


PEER_PROTECTED = frozenset({Role.dealership_admin, Role.super_admin})
# Wrong current passwords one account may send when changing its password (a stolen session must not guess it).
CURRENT_PASSWORD = Budget("password.current", 5, 900, "wrong current passwords")


def _check_takeover(principal: Principal, user: User, fields: set[str], self_edit: bool) -> None:
    """An admin's password and role are changed by themself or a super admin, never by a peer (issue 15, #5)."""
    if self_edit or principal.is_super_admin or user.role not in PEER_PROTECTED:
        return
    if fields & {"password", "role"}:
        what = "password" if "password" in fields else "role"
        raise Forbidden(
            f"only the administrator themself or a super admin changes an administrator's {what}", field=what
        )


async def _check_current_password(session: AsyncSession, db: Database | None, user: User, current: str | None) -> None:
    """Changing one's own password takes the current one (when the account has one: magic-link accounts set their
    first); wrong answers are budgeted per account, counted in a transaction of their own so they stick."""
    if user.password_hash is None:
        return
    if not current:
        raise ValidationFailed("give your current password to set a new one", field="current_password")
    if not await verify_password(user.password_hash, current):
        if db is not None:
            await spend_now(db.app_engine, CURRENT_PASSWORD, user.id)
        raise Forbidden("the current password is not right", field="current_password")


def _password_changed_email(user: User, by_self: bool) -> Email:
    who = "you" if by_self else "an administrator"
    return Email(
        to=[user.email],
        subject="Your Showroom password was changed",
        text=(
            f"The password of your Showroom account ({user.email}) was changed by {who} on "
            f"{datetime.now(UTC):%Y-%m-%d at %H:%M} UTC. Your other sessions were signed out.\n\n"
            "If this was not you, reset your password from the sign-in page now and tell your administrator.\n"
        ),
    )


async def update(
    session: AsyncSession,
    principal: Principal,
    user_id: int,
    data: UserUpdate,
    actor: Actor,
    *,
    db: Database | None = None,
    settings: Settings | None = None,
) -> User:
    """Edit a staff account. A new password ends the account's other sessions (the editor's own stays) and is
    e-mailed to the account (queued here, sent after commit); your own takes your current password."""
    user = await get(session, user_id)
    self_edit = principal.user_id == user.id
    fields = set(data.model_fields_set)
    if not self_edit and not principal.can("user.manage"):
        raise Forbidden("you may only edit your own profile")
    if self_edit and fields & {"role", "is_active"}:
        raise Forbidden("you cannot change your own role or deactivate yourself", field="role")
    if "role" in fields and data.role is not None:
        _check_grant(principal, data.role)
    if principal.role and not outranks_or_equals(principal.role, user.role):
        raise Forbidden("you may not edit a user whose role is above yours")
    _check_takeover(principal, user, fields, self_edit)
    new_password = data.password if "password" in fields else None
    if new_password is not None:
        if self_edit and db is not None:
            await check(session, CURRENT_PASSWORD, user.id)
        if self_edit:
            await _check_current_password(session, db, user, data.current_password)
        _check_password(new_password, user.email)
    before = snapshot(user)
    if "name" in fields:
        user.name = data.name
    if "username" in fields:
        user.username = data.username
    if "role" in fields and data.role is not None:
        user.role = data.role
    if new_password is not None:
        user.password_hash = await hash_password(new_password)
        await close_user_sessions(session, user.id, keep=principal.session_id if self_edit else None)
        await send_later(
            session, _password_changed_email(user, self_edit), sender=settings.mail_from if settings else None
        )
    if "is_away" in fields and data.is_away is not None:
        user.is_away = data.is_away
    if "is_active" in fields and data.is_active is not None:
        user.is_active = data.is_active
        if not data.is_active:
            await close_user_sessions(session, user.id)
    await session.flush()
    b, a = changes(before, snapshot(user))
    if a:
        await record(
            session,
            actor,
            "user.update",
            dealership_id=user.dealership_id,
            resource_type="user",
            resource_id=user.id,
            before=b,
            after=a,
        )
    return user


async def deactivate(session: AsyncSession, principal: Principal, user_id: int, actor: Actor) -> User:
    return await update(session, principal, user_id, UserUpdate(is_active=False), actor)


# --- invitations -----------------------------------------------------------------------------------------


async def invite(
    session: AsyncSession,
    principal: Principal,
    dealership_id: int,
    data: InvitationCreate,
    actor: Actor,
    settings: Settings,
    dealership_name: str,
) -> UserInvitation:
    """A pending invitation; its e-mail is queued in this transaction (sent after it commits, never if not)."""
    _check_grant(principal, data.role)
    email = data.email.lower()
    if await session.scalar(select(User.id).where(User.email == email)) is not None:  # your own team (RLS)
        raise Conflict(f"{email} is already on your team", field="email")
    pending = await session.scalar(
        select(func.count())
        .select_from(UserInvitation)
        .where(UserInvitation.email == email, UserInvitation.status == InvitationStatus.pending)
    )
    if pending:
        raise Conflict(f"{email} already has a pending invitation; cancel it to send a new one", field="email")
    token = new_token()
    invitation = UserInvitation(
        dealership_id=dealership_id,
        email=email,
        role=data.role,
        token_hash=hash_token(token),
        invited_by_user_id=principal.user_id,
        expires_at=datetime.now(UTC) + timedelta(days=settings.invitation_days),
    )
    session.add(invitation)
    await session.flush()
    await record(
        session,
        actor,
        "invitation.create",
        dealership_id=dealership_id,
        resource_type="user_invitation",
        resource_id=invitation.id,
        after=snapshot(invitation),
    )
    inviter = principal.name or principal.email or "Your administrator"
    await send_later(
        session,
        _link_email(
            email,
            f"You're invited to {dealership_name} on Showroom",
            f"{inviter} invited you to join {dealership_name} on Showroom as {data.role.replace('_', ' ')}. "
            f"The invitation is valid for {settings.invitation_days} days.",
            f"{settings.base_url}/invitations/{token}",
            "Accept the invitation",
            "If you were not expecting this, you can ignore this e-mail.",
        ),
        sender=settings.mail_from,
    )
    return invitation


async def cancel_invitation(session: AsyncSession, invitation_id: uuid.UUID, actor: Actor) -> UserInvitation:
    invitation = await session.get(UserInvitation, invitation_id)
    if invitation is None:
        raise NotFound(f"invitation {invitation_id} not found")
    if invitation.status != InvitationStatus.pending:
        raise Conflict(f"this invitation is {invitation.status}, not pending")
    invitation.status = "cancelled"
    await record(
        session,
        actor,
        "invitation.cancel",
        dealership_id=invitation.dealership_id,
        resource_type="user_invitation",
        resource_id=invitation.id,
        before={"status": InvitationStatus.pending},
        after={"status": "cancelled"},
    )
    return invitation


async def find_invitation(session: AsyncSession, token: str) -> Row[Any]:
    row = (await session.execute(text("select * from auth_user_invitation(:h)"), {"h": hash_token(token)})).first()
    if row is None:
        raise NotFound("this invitation link is not valid", field="token")
    if row.status == InvitationStatus.accepted:
        raise Gone("this invitation was already accepted; sign in instead", field="token")
    if row.status in ("cancelled", "expired") or row.expires_at <= datetime.now(UTC):
        raise Gone("this invitation has expired or was cancelled; ask for a new one", field="token")
    return row


async def accept_invitation(
    session: AsyncSession, data: InvitationAccept, actor: Actor, settings: Settings, *, replaces: str | None = None
) -> SignedIn:
    row = await find_invitation(session, data.token)
    _check_password(data.password, row.email)
    if await _email_taken(session, row.email):
        raise Conflict("an account with this e-mail already exists; sign in instead", field="email")
    async with acting_for(session, row.dealership_id):
        invitation = await session.get(UserInvitation, row.id, with_for_update=True)
        if invitation is None or invitation.status != InvitationStatus.pending:
            raise Gone("this invitation was already used", field="token")
        user = User(
            dealership_id=invitation.dealership_id,
            email=invitation.email,
            name=data.name,
            role=invitation.role,
            password_hash=await hash_password(data.password),
            is_verified=True,
        )
        session.add(user)
        await session.flush()
        invitation.status = InvitationStatus.accepted
        invitation.accepted_user_id = user.id
        invitation.accepted_at = datetime.now(UTC)
        who = actor.via(type=ActorType.user, user_id=user.id)
        await record(
            session,
            who,
            "invitation.accept",
            dealership_id=invitation.dealership_id,
            resource_type="user_invitation",
            resource_id=invitation.id,
            after={"user_id": user.id},
        )
        await record(
            session,
            who,
            "user.create",
            dealership_id=invitation.dealership_id,
            resource_type="user",
            resource_id=user.id,
            after=snapshot(user),
        )
        return await start_session(
            session,
            user_id=user.id,
            dealership_id=invitation.dealership_id,
            email=user.email,
            name=user.name,
            role=user.role,
            actor=actor,
            settings=settings,
            reason="invitation",
            replaces=replaces,
        )
