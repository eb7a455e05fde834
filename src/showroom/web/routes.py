"""Server-rendered pages for signing in and for the links Showroom e-mails (magic link, reset, invitation).

They call the same services as the JSON API; errors become a page with the same status code. The forms a visitor
posts before signing in (sign-in, links by e-mail, the magic link's button) carry a CSRF token, the value of an
HttpOnly SameSite cookie set with the form (double submit): another site cannot sign a victim into its account. A
magic link's GET only shows a button (mail scanners open links); the POST of that button signs in.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.auth import service, users
from showroom.auth.deps import DbSession, principal_from_cookie, request_actor
from showroom.auth.principal import Principal
from showroom.auth.schemas import InvitationAccept
from showroom.auth.sessions import SESSION_COOKIE, clear_session_cookies, secure_cookies, set_session_cookies
from showroom.auth.tokens import looks_like_token
from showroom.errors import AppError
from showroom.models import Dealership, User
from showroom.web.dashboard import render_dashboard
from showroom.web.deps import Staff, render_page

router = APIRouter(include_in_schema=False)

FORM_CSRF_COOKIE = "showroom_form_csrf"
CsrfField = Annotated[str, Form(max_length=128)]
EXPIRED_FORM = "This form has expired or came from another site; please try again."


def form_page(request: Request, template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    """A page whose form is posted before sign-in: it carries the CSRF token of the browser's cookie (set here)."""
    token = request.cookies.get(FORM_CSRF_COOKIE) or ""
    if len(token) < 32:
        token = secrets.token_urlsafe(32)
    response = render_page(request, template, status_code, csrf_token=token, **context)
    response.set_cookie(
        FORM_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=secure_cookies(request), path="/"
    )
    return response


def form_csrf_ok(request: Request, sent: str) -> bool:
    cookie = request.cookies.get(FORM_CSRF_COOKIE) or ""
    return len(cookie) >= 32 and hmac.compare_digest(cookie.encode(), sent.encode())


def message(request: Request, heading: str, text: str, status_code: int = 200) -> HTMLResponse:
    return render_page(request, "message.html", status_code, heading=heading, text=text, error=status_code >= 400)


async def current_user(request: Request, session: AsyncSession, csrf_sent: str | None = None) -> Principal | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    try:
        return await principal_from_cookie(session, token, request.app.state.settings, csrf_sent=csrf_sent)
    except AppError:  # expired, deactivated, or a form without the right CSRF token
        return None


def _signed_in_redirect(request: Request, signed: service.SignedIn, to: str = "/") -> RedirectResponse:
    response = RedirectResponse(to, status_code=303)
    set_session_cookies(request, response, signed)
    return response


@router.get("/")
async def home(request: Request, session: DbSession) -> Response:
    principal = await current_user(request, session)
    if principal is None or principal.user_id is None:
        return RedirectResponse("/login", status_code=303)
    dealership = await session.get(Dealership, principal.dealership_id) if principal.dealership_id else None
    if dealership is not None:  # the staff app's dashboard
        return await render_dashboard(Staff(request, session, principal, dealership, request_actor(request, principal)))
    user = await session.get(User, principal.user_id)
    return render_page(request, "home.html", user=user, dealership=dealership, csrf_token=principal.csrf_secret)


@router.get("/login")
async def login_page(request: Request, session: DbSession) -> Response:
    if await current_user(request, session) is not None:
        return RedirectResponse("/", status_code=303)
    return form_page(request, "login.html")


@router.post("/login")
async def login(
    request: Request,
    session: DbSession,
    email: Annotated[str, Form(max_length=255)],
    password: Annotated[str, Form(max_length=256)],
    csrf_token: CsrfField = "",
) -> Response:
    if not form_csrf_ok(request, csrf_token):
        return form_page(request, "login.html", 403, error=EXPIRED_FORM, email=email)
    try:
        outcome = await service.sign_in(
            session,
            email=email.strip(),
            password=password,
            actor=request_actor(request),
            settings=request.app.state.settings,
            replaces=request.cookies.get(SESSION_COOKIE),
        )
    except AppError as exc:  # throttled
        return form_page(request, "login.html", exc.status_code, error=exc.detail, email=email)
    if outcome.error is not None:  # committed: the failure is counted and audited
        return form_page(request, "login.html", outcome.error.status_code, error=outcome.error.detail, email=email)
    assert outcome.signed_in is not None
    return _signed_in_redirect(request, outcome.signed_in)


@router.post("/login/link")
async def login_link(
    request: Request,
    session: DbSession,
    email: Annotated[str, Form(max_length=255)],
    kind: Annotated[str, Form(pattern="^(magic|reset)$")] = "magic",
    csrf_token: CsrfField = "",
) -> Response:
    if not form_csrf_ok(request, csrf_token):
        return form_page(request, "login.html", 403, error=EXPIRED_FORM)
    args = {"email": email.strip(), "actor": request_actor(request), "settings": request.app.state.settings}
    try:
        if kind == "reset":
            await service.request_password_reset(session, request.app.state.db, **args)
        else:
            await service.send_magic_link(session, request.app.state.db, **args)
    except AppError as exc:
        return form_page(request, "login.html", exc.status_code, error=exc.detail)
    return form_page(request, "login.html", notice="If an active account uses this address, an e-mail is on its way.")


@router.post("/logout")
async def logout(
    request: Request, session: DbSession, csrf_token: Annotated[str, Form(max_length=128)] = ""
) -> Response:
    principal = await current_user(request, session, csrf_sent=csrf_token)
    response = RedirectResponse("/login", status_code=303)
    if principal is not None and principal.session_id is not None:
        await service.sign_out(
            session, principal.session_id, request_actor(request, principal), principal.dealership_id
        )
        clear_session_cookies(response)
    return response


@router.get("/auth/magic/{token}")
async def magic_link_page(request: Request, token: str) -> Response:
    """Opening the link only shows a button: scanners that open every link in a mail must not use it up."""
    if not looks_like_token(token):
        return message(request, "Link not valid", "This sign-in link is not valid; request a new one.", 404)
    return form_page(request, "magic_link.html")


@router.post("/auth/magic/{token}")
async def magic_link(request: Request, token: str, session: DbSession, csrf_token: CsrfField = "") -> Response:
    if not looks_like_token(token):
        return message(request, "Link not valid", "This sign-in link is not valid; request a new one.", 404)
    if not form_csrf_ok(request, csrf_token):
        return form_page(request, "magic_link.html", 403, error=EXPIRED_FORM)
    try:
        signed = await service.consume_magic_link(
            session,
            db=request.app.state.db,
            token=token,
            actor=request_actor(request),
            settings=request.app.state.settings,
            replaces=request.cookies.get(SESSION_COOKIE),
        )
    except AppError as exc:
        return message(request, "Link not valid", exc.detail, exc.status_code)
    return _signed_in_redirect(request, signed)


@router.get("/auth/reset/{token}")
async def reset_page(request: Request, token: str) -> Response:
    return render_page(request, "password_form.html", heading="Choose a new password", button="Save password")


@router.post("/auth/reset/{token}")
async def reset(
    request: Request, token: str, session: DbSession, password: Annotated[str, Form(max_length=256)]
) -> Response:
    if not looks_like_token(token):
        return message(request, "Link not valid", "This password-reset link is not valid.", 404)
    try:
        await service.confirm_password_reset(
            session,
            request.app.state.db,
            token=token,
            password=password,
            actor=request_actor(request),
            settings=request.app.state.settings,
        )
    except AppError as exc:
        if exc.field == "password":
            return render_page(
                request,
                "password_form.html",
                exc.status_code,
                heading="Choose a new password",
                button="Save password",
                error=exc.detail,
            )
        return message(request, "Link not valid", exc.detail, exc.status_code)
    return message(request, "Password changed", "Your password was changed. Sign in with it now.")


@router.get("/invitations/{token}")
async def invitation_page(request: Request, token: str, session: DbSession) -> Response:
    if not looks_like_token(token):
        return message(request, "Invitation not valid", "This invitation link is not valid.", 404)
    try:
        row = await users.find_invitation(session, token)
    except AppError as exc:
        return message(request, "Invitation not valid", exc.detail, exc.status_code)
    intro = (
        f"Join {row.dealership_name or 'Showroom'} as {row.role.replace('_', ' ')}. "
        f"Your sign-in e-mail will be {row.email}."
    )
    return render_page(
        request,
        "password_form.html",
        heading="Accept your invitation",
        intro=intro,
        ask_name=True,
        button="Create my account",
    )


@router.post("/invitations/{token}")
async def accept_invitation(
    request: Request,
    token: str,
    session: DbSession,
    name: Annotated[str, Form(max_length=255)],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    try:
        data = InvitationAccept(token=token, name=name, password=password)
        signed = await users.accept_invitation(
            session,
            data,
            request_actor(request),
            request.app.state.settings,
            replaces=request.cookies.get(SESSION_COOKIE),
        )
    except AppError as exc:
        if exc.field == "password":
            return render_page(
                request,
                "password_form.html",
                exc.status_code,
                heading="Accept your invitation",
                ask_name=True,
                name=name,
                button="Create my account",
                error=exc.detail,
            )
        return message(request, "Invitation not valid", exc.detail, exc.status_code)
    except ValueError:
        return message(request, "Invitation not valid", "This invitation link is not valid.", 404)
    return _signed_in_redirect(request, signed)
