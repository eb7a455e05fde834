"""HTTP: the public chat-widget endpoints of a dealership (no login).

A visitor is identified by the token the first message returns (kept in the widget's localStorage). Calls from
a browser must come from one of the dealership's allowed site origins (CORS); each IP and each conversation is
rate-limited.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.context import persona_for
from showroom.api.ratelimit import RateLimiter
from showroom.audit.service import Actor
from showroom.auth.deps import Context, DbSession, request_actor, require
from showroom.conversations import webhooks as hooks
from showroom.conversations import widget
from showroom.conversations.schemas import MAX_MESSAGE_CHARS, clean_text
from showroom.conversations.turn import receive
from showroom.conversations.webhooks import EmailIn, SmsIn, check_secret
from showroom.db.tenancy import acting_for
from showroom.errors import Forbidden, NotFound
from showroom.events import EventHub, sse
from showroom.leads.consent import record as consent_record
from showroom.leads.intake_model import IntakeContact
from showroom.leads.service import region
from showroom.models import Conversation, Dealership, Message
from showroom.services import Services, services

router = APIRouter(prefix="/api/v1/widget", tags=["widget"])
per_ip = RateLimiter(30, 60, "address")
per_conversation = RateLimiter(12, 60, "conversation")

Token = Annotated[str, StringConstraints(min_length=20, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")]


class VisitorMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    token: Token | None = Field(default=None, description="Omit on the first message: the answer carries one")
    content: Annotated[str, StringConstraints(min_length=1, max_length=MAX_MESSAGE_CHARS)]
    name: Annotated[str, StringConstraints(max_length=200)] | None = None
    email: EmailStr | None = None
    phone: Annotated[str, StringConstraints(max_length=50)] | None = None

    @field_validator("content")
    @classmethod
    def _clean(cls, value: str) -> str:
        cleaned = clean_text(value).strip()
        if not cleaned:
            raise ValueError("message is empty")
        return cleaned


class VisitorContact(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    token: Token
    name: Annotated[str, StringConstraints(max_length=200)] | None = None
    email: Annotated[str, StringConstraints(max_length=255)] | None = None
    phone: Annotated[str, StringConstraints(max_length=50)] | None = None
    sms_opt_in: bool | None = None  # the widget's "text me" box: consent to automated texts (docs/identity.md)
    sms_opt_in_wording: Annotated[str, StringConstraints(max_length=1000)] | None = None  # the words shown by it


def _origin_allowed(request: Request, dealership: Dealership) -> str | None:
    """The Origin to echo in CORS headers; refuses browsers on sites the dealership did not allow."""
    origin = request.headers.get("origin")
    if origin is None:
        return None
    allowed = (dealership.settings or {}).get("widget_allowed_origins") or []
    own = request.app.state.settings.base_url
    if origin.rstrip("/") in (*allowed, own):
        return origin
    raise Forbidden(
        f"the chat widget of this dealership is not enabled on {origin}; add it to the allowed origins", field="Origin"
    )


@dataclass
class Site:
    """The dealership a widget call is for (the transaction is scoped to it) and the Origin to echo."""

    session: AsyncSession
    dealership: Dealership
    origin: str | None


async def _site(subdomain: str, request: Request, session: DbSession) -> AsyncIterator[Site]:
    """The subdomain's dealership; the request acts for it (visitors are anonymous)."""
    async with acting_for(session, await widget.dealership_id(session, subdomain)):
        dealership = await widget.dealership(session)
        yield Site(session, dealership, _origin_allowed(request, dealership))


def _per_ip(request: Request) -> None:
    """Each address's budget, spent before any database work (a route's ``dependencies`` run first)."""
    per_ip.check(request.client.host if request.client else "unknown")


async def _chat(session: AsyncSession, token: str) -> Conversation:
    conversation = await widget.conversation_for(session, token)
    if conversation is None:
        raise NotFound("this chat has ended; start a new one", field="token")
    return conversation


SiteDep = Annotated[Site, Depends(_site, scope="function")]


@dataclass
class Visit(Site):
    """A widget call about the visitor's conversation (named by the ``token`` query parameter)."""

    conversation: Conversation


async def _visit(site: SiteDep, token: Annotated[Token, Query()]) -> Visit:
    return Visit(site.session, site.dealership, site.origin, await _chat(site.session, token))


VisitDep = Annotated[Visit, Depends(_visit)]


def _json(body: Any, origin: str | None, status: int = 200) -> JSONResponse:
    response = JSONResponse(body, status_code=status)
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


def _message(m: Message) -> dict[str, Any]:
    return {
        "id": str(m.id),
        "from": "you" if m.sender == "customer" else "team" if m.sender == "agent" else "bot",
        "sender_name": m.sender_name,
        "content": m.content,
        "at": m.created_at.isoformat(),
    }


def _state(conversation: Conversation) -> dict[str, Any]:
    return {
        "conversation_id": str(conversation.id),
        "status": conversation.status,
        "human": bool(conversation.ai_paused or not conversation.is_ai_assisted),
    }


def _sse(request: Request, dealership_id: int, conversation_id: str | None, headers: dict[str, str]) -> Response:
    """Server-sent events of a dealership (or of one of its conversations) until the client goes away."""
    hub: EventHub = request.app.state.events

    async def stream() -> AsyncIterator[str]:
        async with hub.subscribe(dealership_id, conversation_id) as queue:
            async for chunk in sse(queue):
                if await request.is_disconnected():
                    break
                yield chunk

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store", **headers})


def _cors(origin: str | None) -> dict[str, str]:
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin else {}


@router.options("/{subdomain}/{rest:path}", include_in_schema=False)
async def preflight(rest: str, site: SiteDep) -> Response:
    response = Response(status_code=204)
    if site.origin:
        response.headers.update(
            {
                **_cors(site.origin),
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "600",
            }
        )
    return response


@router.get("/{subdomain}/config", summary="What the widget shows: names, welcome message, colours (public)")
async def config(site: SiteDep) -> JSONResponse:
    choice = await persona_for(site.session, site.dealership, None)
    return _json(widget.widget_config(site.dealership, choice.view.name), site.origin)


@router.post(
    "/{subdomain}/messages",
    summary="A visitor's message; the answer comes back at once (public)",
    dependencies=[Depends(_per_ip)],
)
async def post_message(body: VisitorMessage, request: Request, site: SiteDep) -> JSONResponse:
    actor = request_actor(request)
    contact = IntakeContact(full_name=body.name, email=body.email, phone=body.phone)
    token, conversation = await widget.open_chat(
        site.session, site.dealership, body.token, contact, body.content, actor
    )
    per_conversation.check(str(conversation.id))
    message, _, outcome = await receive(site.session, services(request), conversation, body.content, actor)
    replies = await widget.visible_messages(site.session, conversation, message.created_at)
    return _json(
        {
            "token": token,
            **_state(conversation),
            "message": _message(message),
            "replies": [_message(m) for m in replies if m.id != message.id],
            "handed_over": outcome.handover is not None,
        },
        site.origin,
        201,
    )


@router.get("/{subdomain}/messages", summary="The visitor's conversation, or what is new since `after` (public)")
async def get_messages(visit: VisitDep, after: datetime | None = None) -> JSONResponse:
    messages = await widget.visible_messages(visit.session, visit.conversation, after)
    return _json({**_state(visit.conversation), "messages": [_message(m) for m in messages]}, visit.origin)


@router.post(
    "/{subdomain}/contact",
    summary="The visitor leaves a name, e-mail or phone (public)",
    dependencies=[Depends(_per_ip)],
)
async def contact(body: VisitorContact, request: Request, site: SiteDep) -> JSONResponse:
    conversation = await _chat(site.session, body.token)
    customer = await widget.capture_contact(
        site.session,
        conversation,
        IntakeContact(
            full_name=body.name,
            email=body.email,
            phone=body.phone,
            sms_consent=consent_record("widget", body.sms_opt_in_wording or "Text me", granted=body.sms_opt_in)
            if body.sms_opt_in is not None
            else None,
        ),
        await region(site.session, site.dealership.id),
        request_actor(request),
    )
    return _json({"customer": customer.full_name, **_state(conversation)}, site.origin)


webhooks = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])

Handler = Callable[[AsyncSession, Services, Any, Actor], Awaitable[tuple[Message, bool]]]


async def _hook(
    request: Request, session: AsyncSession, response: Response, handler: Handler, body: Any
) -> dict[str, Any]:
    """A provider's webhook: checked against the shared secret, handled, 201 (or 200 for a resend)."""
    check_secret(request)
    message, created = await handler(session, services(request), body, request_actor(request))
    response.status_code = 201 if created else 200
    return {"message_id": str(message.id), "conversation_id": str(message.conversation_id), "duplicate": not created}


@webhooks.post("/sms", status_code=201, summary="An SMS from a customer (provider-neutral; shared secret)")
async def sms_webhook(request: Request, body: SmsIn, session: DbSession, response: Response) -> dict[str, Any]:
    return await _hook(request, session, response, hooks.sms, body)


@webhooks.post("/email", status_code=201, summary="An e-mail reply from a customer (provider-neutral; shared secret)")
async def email_webhook(request: Request, body: EmailIn, session: DbSession, response: Response) -> dict[str, Any]:
    return await _hook(request, session, response, hooks.email, body)


events = APIRouter(prefix="/api/v1", tags=["live"])


@events.get("/events", summary="Server-sent events: what changed in your dealership (ids only; fetch the rest)")
async def staff_events(request: Request, ctx: Annotated[Context, Depends(require("conversation.read"))]) -> Response:
    """`conversations`, `messages` and `handovers` events with ids, as they commit, from every server process
    (PostgreSQL LISTEN/NOTIFY). A `resync` event means: refetch, something may have been missed."""
    return _sse(request, ctx.dealership_id, None, {})


@router.get("/{subdomain}/events", summary="Server-sent events of the visitor's conversation (public)")
async def widget_events(request: Request, visit: VisitDep) -> Response:
    return _sse(request, visit.dealership.id, str(visit.conversation.id), _cors(visit.origin))
