"""The one path every staff page takes: signed in (else /login), acting for a dealership, allowed the action.

``StaffPage`` is to HTML what ``auth.deps.require`` is to the API: the session is the request's RLS-scoped one,
so another dealership's rows are simply not found (a 404 page, never a 403). Pages use ``HtmlRoute``, which turns
the service errors into a page with the same status code and a missing session into a redirect to the sign-in.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from pydantic import BeforeValidator
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.api.types import INT4_MAX
from showroom.audit.service import Actor
from showroom.auth.deps import SESSION_COOKIE, DbSession, principal_from_cookie, request_actor
from showroom.auth.principal import Principal
from showroom.dealerships.branding import Brand, brand_of
from showroom.errors import AppError, Forbidden, NotFound
from showroom.models import Dealership
from showroom.services import Services, services
from showroom.web.filters import install as install_filters

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
install_filters(templates.env)
STATIC = Path(__file__).parent / "static"


@lru_cache(maxsize=64)
def asset(name: str) -> str:
    """``/static/<name>?v=<content hash>``: cached for long by browsers, refetched when it changes."""
    digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:10]
    return f"/static/{name}?v={digest}"


templates.env.globals["asset"] = asset


class LoginRequired(Exception):
    """No valid session: the page redirects to the sign-in form."""


class NoDealership(Exception):
    """A super admin acting for no dealership."""


@dataclass
class Staff:
    """What a staff page gets: the tenant-scoped session, who is signed in, their dealership and its branding."""

    request: Request
    session: AsyncSession
    principal: Principal
    dealership: Dealership
    actor: Actor
    nonce: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    @property
    def user_id(self) -> int:
        assert self.principal.user_id is not None
        return self.principal.user_id

    @property
    def services(self) -> Services:
        return services(self.request)

    @property
    def brand(self) -> Brand:
        return brand_of(self.dealership)

    def can(self, action: str) -> bool:
        return self.principal.can(action)

    def require(self, action: str) -> None:
        if not self.principal.can(action):
            raise Forbidden(f"your role ({(self.principal.role or '').replace('_', ' ')}) may not do this")

    def render(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        context = {"staff": self, "brand": self.brand, "csrf_token": self.principal.csrf_secret, **context}
        response = templates.TemplateResponse(self.request, template, context, status_code=status_code)
        secure_headers(response, self.nonce)
        return response


def secure_headers(response: Response, nonce: str) -> None:
    """Staff pages run no inline script at all; the one inline <style> (branding) carries the nonce."""
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; "
        f"style-src 'self' 'nonce-{nonce}'; img-src 'self' https: http: data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"


async def _staff(request: Request, session: AsyncSession, csrf_sent: str | None) -> Staff:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise LoginRequired
    try:
        principal = await principal_from_cookie(session, token, request.app.state.settings, csrf_sent=csrf_sent)
    except Forbidden:
        raise
    except AppError:
        raise LoginRequired from None
    if principal.dealership_id is None:
        raise NoDealership
    dealership = await session.get(Dealership, principal.dealership_id)
    if dealership is None:
        raise LoginRequired
    return Staff(request, session, principal, dealership, request_actor(request, principal))


async def staff_page(request: Request, session: DbSession) -> Staff:
    return await _staff(request, session, None)


async def staff_form(request: Request, session: DbSession) -> Staff:
    """A form POST: the CSRF token comes in the ``csrf_token`` field."""
    form = await request.form()
    sent = form.get("csrf_token")
    return await _staff(request, session, sent if isinstance(sent, str) else "")


StaffPage = Annotated[Staff, Depends(staff_page)]
StaffForm = Annotated[Staff, Depends(staff_form)]


def _blank_is_none(value: Any) -> Any:
    return None if value == "" else value


# A filter form's "Any" option sends the parameter empty (`source=`): that is no filter, not a bad value.
AnyOption = BeforeValidator(_blank_is_none)


def page_int(value: str, what: str) -> int:
    """An integer path id: anything malformed or beyond the column's range is the same 404 as an id of another
    dealership."""
    if not value.isdigit() or not 1 <= int(value) <= INT4_MAX:
        raise NotFound(f"{what} not found")
    return int(value)


def page_id(value: str, what: str) -> uuid.UUID:
    """A path id: anything malformed is the same 404 as an id of another dealership."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound(f"{what} not found") from None


def render_page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page outside the staff app (signing in, the e-mailed links, errors), with the staff pages' headers."""
    nonce = secrets.token_urlsafe(16)
    response = templates.TemplateResponse(request, template, {"nonce": nonce, **context}, status_code=status_code)
    secure_headers(response, nonce)
    return response


def error_page(request: Request, status_code: int, heading: str, text: str) -> HTMLResponse:
    return render_page(
        request, "message.html", status_code, heading=heading, text=text, error=status_code >= 400, home_link=True
    )


HEADINGS = {401: "Please sign in", 403: "Not allowed", 404: "Not found", 409: "Conflict", 410: "Gone"}
NOT_HERE = "There is nothing here, or it belongs to another dealership."


class HtmlRoute(APIRoute):
    """Errors of a page are pages: a redirect to the sign-in, or a message with the right status code."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await original(request)
            except LoginRequired:
                return RedirectResponse("/login", status_code=303)
            except NoDealership:
                return error_page(
                    request,
                    400,
                    "Choose a dealership first",
                    "You are a platform administrator acting for no dealership. Choose one with "
                    "POST /api/v1/auth/switch, then reload.",
                )
            except RequestValidationError as exc:  # a malformed path id is no page; other input is a 422 page
                errors = exc.errors()
                if any(e.get("loc", ("",))[0] == "path" for e in errors):
                    return error_page(request, 404, HEADINGS[404], NOT_HERE)
                first = errors[0] if errors else {}
                field = ".".join(str(p) for p in first.get("loc", ())[1:]) or "the form"
                return error_page(request, 422, "Something is not right", f"{field}: {first.get('msg', 'invalid')}")
            except AppError as exc:
                heading = HEADINGS.get(exc.status_code, "Something is not right")
                text = exc.detail
                if exc.status_code == 404:
                    text = NOT_HERE
                return error_page(request, exc.status_code, heading, text)

        return handler
