"""HTTP: sign-in, sessions, magic links, password resets, invitations, users and API keys."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse
from sqlalchemy import select

from showroom.api.docs import errors
from showroom.api.types import DbId
from showroom.auth import api_keys, service, users
from showroom.auth.deps import Context, DbSession, request_actor, require, signed_in
from showroom.auth.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyOut,
    EmailOnly,
    Invitation,
    InvitationAccept,
    InvitationCreate,
    InvitationPreview,
    Login,
    PasswordResetConfirm,
    SessionInfo,
    SwitchTenant,
    Token,
    TokenOnly,
    UserCreate,
    UserOut,
    UserUpdate,
)
from showroom.auth.sessions import SESSION_COOKIE, clear_session_cookies, set_session_cookies
from showroom.db.tenancy import acting_for
from showroom.errors import BadRequest, Forbidden
from showroom.models import Dealership, Session, User, UserInvitation
from showroom.vocabulary import InvitationStatus

router = APIRouter(prefix="/api/v1", tags=["identity"])

SENT = {"detail": "If an active account uses this address, an e-mail is on its way."}


async def _session_info(
    ctx_session: Any, user_id: DbId, dealership_id: int | None, csrf: str, expires: Any
) -> SessionInfo:
    """The session just opened (or switched): read as its user, who may not be the one the request started as."""
    async with acting_for(ctx_session, dealership_id, user_id):
        user = await ctx_session.get(User, user_id)
    return SessionInfo(
        user_id=user.id,
        email=user.email,
        name=user.name,
        role=user.role,
        dealership_id=dealership_id,
        csrf_token=csrf,
        expires_at=expires,
    )


# --- sessions ------------------------------------------------------------------------------------------


@router.post(
    "/auth/login",
    response_model=SessionInfo,
    summary="Sign in with e-mail and password (public)",
    responses=errors(401, 422, 429),
)
async def login(request: Request, response: Response, body: Login, session: DbSession) -> Any:
    """Opens a session: an HttpOnly cookie `showroom_session` and a readable `showroom_csrf` cookie whose value
    must come back as the `X-CSRF-Token` header on unsafe requests. Any previous session cookie is retired."""
    outcome = await service.sign_in(
        session,
        email=body.email,
        password=body.password,
        actor=request_actor(request),
        settings=request.app.state.settings,
        replaces=request.cookies.get(SESSION_COOKIE),
    )
    if outcome.error is not None:  # committed: the failure is counted and audited
        return JSONResponse(outcome.error.body(), status_code=outcome.error.status_code)
    signed = outcome.signed_in
    assert signed is not None
    set_session_cookies(request, response, signed)
    return await _session_info(
        session, signed.user_id, signed.dealership_id, signed.session.csrf_secret, signed.session.expires_at
    )


@router.post("/auth/logout", status_code=204, summary="Sign out (deletes the session)", responses=errors(401, 403))
async def logout(response: Response, ctx: Annotated[Context, Depends(signed_in())]) -> Response:
    if ctx.principal.session_id is None:
        raise BadRequest("API keys have no session to end; revoke the key instead")
    await service.sign_out(ctx.session, ctx.principal.session_id, ctx.actor, ctx.principal.dealership_id)
    out = Response(status_code=204)
    clear_session_cookies(out)
    return out


@router.get(
    "/auth/session", response_model=SessionInfo, summary="The signed-in user and the CSRF token", responses=errors(401)
)
async def current_session(ctx: Annotated[Context, Depends(signed_in())]) -> SessionInfo:
    p = ctx.principal
    if p.session_id is None or p.user_id is None or p.csrf_secret is None:
        raise BadRequest("this endpoint is for signed-in users, not API keys")
    row = await ctx.session.get(Session, p.session_id)
    assert row is not None
    return await _session_info(ctx.session, p.user_id, p.dealership_id, p.csrf_secret, row.expires_at)


@router.post(
    "/auth/switch",
    response_model=SessionInfo,
    summary="Super admins: act for another dealership",
    responses=errors(401, 403, 404),
)
async def switch(body: SwitchTenant, ctx: Annotated[Context, Depends(signed_in())]) -> SessionInfo:
    p = ctx.principal
    if not p.is_super_admin or p.session_id is None or p.user_id is None or p.csrf_secret is None:
        raise Forbidden("only super admins act for other dealerships")
    await service.switch_tenant(
        ctx.session, ctx.db, session_id=p.session_id, dealership_id=body.dealership_id, actor=ctx.actor
    )
    row = await ctx.session.get(Session, p.session_id)
    assert row is not None
    return await _session_info(ctx.session, p.user_id, body.dealership_id, p.csrf_secret, row.expires_at)


# --- links by e-mail -------------------------------------------------------------------------------------


@router.post(
    "/auth/magic-link",
    status_code=202,
    summary="E-mail a single-use sign-in link (public; limited per e-mail and per address)",
    responses=errors(422, 429, 503),
)
async def magic_link(request: Request, body: EmailOnly, session: DbSession) -> dict[str, str]:
    await service.send_magic_link(
        session,
        request.app.state.db,
        email=body.email,
        actor=request_actor(request),
        settings=request.app.state.settings,
    )
    return SENT


@router.post(
    "/auth/magic-link/verify",
    response_model=SessionInfo,
    summary="Sign in with a magic link (public)",
    responses=errors(401, 404, 410, 422),
)
async def verify_magic_link(request: Request, response: Response, body: TokenOnly, session: DbSession) -> SessionInfo:
    signed = await service.consume_magic_link(
        session,
        db=request.app.state.db,
        token=body.token,
        actor=request_actor(request),
        settings=request.app.state.settings,
        replaces=request.cookies.get(SESSION_COOKIE),
    )
    set_session_cookies(request, response, signed)
    return await _session_info(
        session, signed.user_id, signed.dealership_id, signed.session.csrf_secret, signed.session.expires_at
    )


@router.post(
    "/auth/password-reset",
    status_code=202,
    summary="E-mail a password-reset link (public; limited per e-mail and per address)",
    responses=errors(422, 429, 503),
)
async def password_reset(request: Request, body: EmailOnly, session: DbSession) -> dict[str, str]:
    await service.request_password_reset(
        session,
        request.app.state.db,
        email=body.email,
        actor=request_actor(request),
        settings=request.app.state.settings,
    )
    return SENT


@router.post(
    "/auth/password-reset/confirm",
    status_code=204,
    summary="Set a new password with a reset link (public)",
    responses=errors(401, 404, 410, 422),
)
async def password_reset_confirm(request: Request, body: PasswordResetConfirm, session: DbSession) -> Response:
    await service.confirm_password_reset(
        session,
        request.app.state.db,
        token=body.token,
        password=body.password,
        actor=request_actor(request),
        settings=request.app.state.settings,
    )
    return Response(status_code=204)


# --- invitations ---------------------------------------------------------------------------------------


@router.get(
    "/invitations",
    response_model=list[Invitation],
    summary="Pending invitations of the dealership",
    responses=errors(401, 403),
)
async def list_invitations(ctx: Annotated[Context, Depends(require("invitation.manage"))]) -> Any:
    rows = await ctx.session.scalars(
        select(UserInvitation)
        .where(UserInvitation.status == InvitationStatus.pending)
        .order_by(UserInvitation.created_at.desc())
    )
    return list(rows.all())


@router.post(
    "/invitations",
    response_model=Invitation,
    status_code=201,
    summary="Invite a colleague by e-mail (valid 7 days)",
    responses=errors(401, 403, 409, 422, 503),
)
async def create_invitation(
    body: InvitationCreate, ctx: Annotated[Context, Depends(require("invitation.manage"))]
) -> Any:
    name = await ctx.session.scalar(select(Dealership.name).where(Dealership.id == ctx.dealership_id))
    return await users.invite(
        ctx.session,
        ctx.principal,
        ctx.dealership_id,
        body,
        ctx.actor,
        ctx.settings,
        dealership_name=name or "your dealership",
    )


@router.delete(
    "/invitations/{invitation_id}",
    response_model=Invitation,
    summary="Cancel a pending invitation",
    responses=errors(401, 403, 404, 409),
)
async def cancel_invitation(
    invitation_id: uuid.UUID, ctx: Annotated[Context, Depends(require("invitation.manage"))]
) -> Any:
    return await users.cancel_invitation(ctx.session, invitation_id, ctx.actor)


@router.get(
    "/invitations/preview",
    response_model=InvitationPreview,
    summary="What an invitation link is for (public)",
    responses=errors(404, 410, 422),
)
async def preview_invitation(token: Annotated[Token, Query()], session: DbSession) -> InvitationPreview:
    row = await users.find_invitation(session, token)
    return InvitationPreview(
        email=row.email, role=row.role, dealership_name=row.dealership_name, expires_at=row.expires_at
    )


@router.post(
    "/invitations/accept",
    response_model=SessionInfo,
    status_code=201,
    summary="Accept an invitation: creates the account and signs in (public)",
    responses=errors(404, 409, 410, 422),
)
async def accept_invitation(
    request: Request, response: Response, body: InvitationAccept, session: DbSession
) -> SessionInfo:
    signed = await users.accept_invitation(
        session, body, request_actor(request), request.app.state.settings, replaces=request.cookies.get(SESSION_COOKIE)
    )
    set_session_cookies(request, response, signed)
    return await _session_info(
        session, signed.user_id, signed.dealership_id, signed.session.csrf_secret, signed.session.expires_at
    )


# --- users -----------------------------------------------------------------------------------------------


@router.get("/users", response_model=list[UserOut], summary="Staff of the dealership", responses=errors(401, 403))
async def list_users(ctx: Annotated[Context, Depends(require("user.read"))], include_inactive: bool = False) -> Any:
    query = select(User).where(User.dealership_id == ctx.dealership_id).order_by(User.name, User.id)
    if not include_inactive:
        query = query.where(User.is_active)
    return list((await ctx.session.scalars(query)).all())


@router.post(
    "/users",
    response_model=UserOut,
    status_code=201,
    summary="Create a staff account (with a password, or e-mailed a sign-in link)",
    responses=errors(401, 403, 409, 422, 503),
)
async def create_user(body: UserCreate, ctx: Annotated[Context, Depends(require("user.manage"))]) -> Any:
    user, _ = await users.create(
        ctx.session, ctx.db, ctx.principal, ctx.dealership_id, body, ctx.actor, ctx.settings, email_link=True
    )
    return user


@router.get("/users/{user_id}", response_model=UserOut, summary="One staff account", responses=errors(401, 403, 404))
async def get_user(user_id: DbId, ctx: Annotated[Context, Depends(require("user.read"))]) -> Any:
    return await users.get(ctx.session, user_id)


@router.patch(
    "/users/{user_id}",
    response_model=UserOut,
    summary="Edit a staff account (your own profile, or any as an admin)",
    responses=errors(401, 403, 404, 409, 422, 429),
)
async def update_user(user_id: DbId, body: UserUpdate, ctx: Annotated[Context, Depends(require("user.read"))]) -> Any:
    return await users.update(ctx.session, ctx.principal, user_id, body, ctx.actor, db=ctx.db, settings=ctx.settings)


@router.delete(
    "/users/{user_id}",
    response_model=UserOut,
    summary="Deactivate a staff account (history is kept; sessions end)",
    responses=errors(401, 403, 404),
)
async def deactivate_user(user_id: DbId, ctx: Annotated[Context, Depends(require("user.manage"))]) -> Any:
    return await users.deactivate(ctx.session, ctx.principal, user_id, ctx.actor)


# --- API keys ---------------------------------------------------------------------------------------------


@router.get(
    "/api-keys",
    response_model=list[ApiKeyOut],
    summary="API keys (prefix, name, created, last used)",
    responses=errors(401, 403),
)
async def list_api_keys(ctx: Annotated[Context, Depends(require("api_key.manage"))]) -> Any:
    return await api_keys.list_keys(ctx.session)


@router.post(
    "/api-keys",
    response_model=ApiKeyCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Create an API key (the key is in this response only)",
    responses=errors(401, 403, 422),
)
async def create_api_key(body: ApiKeyCreate, ctx: Annotated[Context, Depends(require("api_key.manage"))]) -> Any:
    row, key = await api_keys.create(ctx.session, ctx.dealership_id, body, ctx.actor)
    return ApiKeyCreated.model_validate({**ApiKeyOut.model_validate(row).model_dump(), "key": key})


@router.delete(
    "/api-keys/{key_id}", response_model=ApiKeyOut, summary="Revoke an API key", responses=errors(401, 403, 404, 409)
)
async def revoke_api_key(key_id: DbId, ctx: Annotated[Context, Depends(require("api_key.manage"))]) -> Any:
    return await api_keys.revoke(ctx.session, key_id, ctx.actor)
