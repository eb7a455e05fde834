"""HTTP: the public chat-widget endpoints of a dealership (no login).

A visitor is identified by the token the first message returns (kept in the widget's localStorage). Calls from
a browser must come from one of the dealership's allowed site origins (CORS); each IP and each conversation is
rate-limited.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

from showroom.agent.context import persona_for
from showroom.api.ratelimit import RateLimiter
from showroom.auth.deps import Context, DbSession, request_actor, require
from showroom.conversations import webhooks as hooks
from showroom.conversations import widget
from showroom.conversations.schemas import MAX_MESSAGE_CHARS, clean_text
from showroom.conversations.webhooks import EmailIn, SmsIn, check_secret
from showroom.errors import Forbidden, NotFound
from showroom.events import EventHub, sse
from showroom.leads.intake import IntakeContact
from showroom.models import Dealership

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


def _json(body: Any, origin: str | None, status: int = 200) -> JSONResponse:
    response = JSONResponse(body, status_code=status)
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response


def _message(m: Any) -> dict[str, Any]:
    return {
        "id": str(m.id),
        "from": "you" if m.sender == "customer" else "team" if m.sender == "agent" else "bot",
        "sender_name": m.sender_name,
        "content": m.content,
        "at": m.created_at.isoformat(),
    }


async def _state(session: Any, conversation: Any) -> dict[str, Any]:
    return {
        "conversation_id": str(conversation.id),
        "status": conversation.status,
        "human": bool(conversation.ai_paused or not conversation.is_ai_assisted),
    }


@router.options("/{subdomain}/{rest:path}", include_in_schema=False)
async def preflight(subdomain: str, rest: str, request: Request, session: DbSession) -> Response:
    dealership = await widget.dealership(session, subdomain)
    origin = _origin_allowed(request, dealership)
    response = Response(status_code=204)
    if origin:
        response.headers.update(
            {
                "Access-Control-Allow-Origin": origin,
                "Vary": "Origin",
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "600",
            }
        )
    return response


@router.get("/{subdomain}/config", summary="What the widget shows: names, welcome message, colours (public)")
async def config(subdomain: str, request: Request, session: DbSession) -> JSONResponse:
    dealership = await widget.dealership(session, subdomain)
    origin = _origin_allowed(request, dealership)
    choice = await persona_for(session, dealership, None)
    return _json(widget.widget_config(dealership, choice.view.name), origin)


@router.post("/{subdomain}/messages", summary="A visitor's message; the answer comes back at once (public)")
async def post_message(subdomain: str, body: VisitorMessage, request: Request, session: DbSession) -> JSONResponse:
    dealership = await widget.dealership(session, subdomain)
    origin = _origin_allowed(request, dealership)
    per_ip.check(request.client.host if request.client else "unknown")
    actor = request_actor(request)
    conversation = await widget.conversation_for(session, body.token)
    if body.token and conversation is None:
        raise NotFound("this chat has ended; start a new one (send no token)", field="token")
    token = body.token
    if conversation is None:
        first, _, last = (body.name or "").partition(" ")
        contact = IntakeContact(first_name=first or None, last_name=last or None, email=body.email, phone=body.phone)
        token, conversation = await widget.start(session, dealership, contact, body.content, actor)
    per_conversation.check(str(conversation.id))
    message, _, outcome = await widget.say(session, request.app.state.services, conversation, body.content, actor)
    replies = await widget.visible_messages(session, conversation, message.created_at)
    return _json(
        {
            "token": token,
            **await _state(session, conversation),
            "message": _message(message),
            "replies": [_message(m) for m in replies if m.id != message.id],
            "handed_over": outcome.handover is not None,
        },
        origin,
        201,
    )


@router.get("/{subdomain}/messages", summary="The visitor's conversation, or what is new since `after` (public)")
async def get_messages(
    subdomain: str,
    request: Request,
    session: DbSession,
    token: Annotated[Token, Query()],
    after: datetime | None = None,
) -> JSONResponse:
    dealership = await widget.dealership(session, subdomain)
    origin = _origin_allowed(request, dealership)
    conversation = await widget.conversation_for(session, token)
    if conversation is None:
        raise NotFound("this chat has ended; start a new one", field="token")
    messages = await widget.visible_messages(session, conversation, after)
    return _json({**await _state(session, conversation), "messages": [_message(m) for m in messages]}, origin)


@router.post("/{subdomain}/contact", summary="The visitor leaves a name, e-mail or phone (public)")
async def contact(subdomain: str, body: VisitorContact, request: Request, session: DbSession) -> JSONResponse:
    dealership = await widget.dealership(session, subdomain)
    origin = _origin_allowed(request, dealership)
    per_ip.check(request.client.host if request.client else "unknown")
    conversation = await widget.conversation_for(session, body.token)
    if conversation is None:
        raise NotFound("this chat has ended; start a new one", field="token")
    first, _, last = (body.name or "").partition(" ")
    region = str((dealership.settings or {}).get("region") or "US")
    customer = await widget.capture_contact(
        session,
        conversation,
        IntakeContact(first_name=first or None, last_name=last or None, email=body.email, phone=body.phone),
        region,
    )
    return _json({"customer": customer.full_name, **await _state(session, conversation)}, origin)


webhooks = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])


@webhooks.post("/sms", status_code=201, summary="An SMS from a customer (provider-neutral; shared secret)")
async def sms_webhook(request: Request, body: SmsIn, session: DbSession, response: Response) -> dict[str, Any]:
    check_secret(request)
    message, created = await hooks.sms(session, request.app.state.services, body, request_actor(request))
    response.status_code = 201 if created else 200
    return {"message_id": str(message.id), "conversation_id": str(message.conversation_id), "duplicate": not created}


@webhooks.post("/email", status_code=201, summary="An e-mail reply from a customer (provider-neutral; shared secret)")
async def email_webhook(request: Request, body: EmailIn, session: DbSession, response: Response) -> dict[str, Any]:
    check_secret(request)
    message, created = await hooks.email(session, request.app.state.services, body, request_actor(request))
    response.status_code = 201 if created else 200
    return {"message_id": str(message.id), "conversation_id": str(message.conversation_id), "duplicate": not created}


events = APIRouter(prefix="/api/v1", tags=["live"])


@events.get("/events", summary="Server-sent events: what changed in your dealership (ids only; fetch the rest)")
async def staff_events(request: Request, ctx: Annotated[Context, Depends(require("conversation.read"))]) -> Response:
    """`conversations`, `messages` and `handovers` events with ids, as they commit, from every server process
    (PostgreSQL LISTEN/NOTIFY). A `resync` event means: refetch, something may have been missed."""
    hub: EventHub = request.app.state.events
    dealership_id = ctx.dealership_id

    async def stream() -> AsyncIterator[str]:
        async with hub.subscribe(dealership_id) as queue:
            async for chunk in sse(queue):
                if await request.is_disconnected():
                    break
                yield chunk

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


@router.get("/{subdomain}/events", summary="Server-sent events of the visitor's conversation (public)")
async def widget_events(
    subdomain: str, request: Request, session: DbSession, token: Annotated[Token, Query()]
) -> Response:
    dealership = await widget.dealership(session, subdomain)
    origin = _origin_allowed(request, dealership)
    conversation = await widget.conversation_for(session, token)
    if conversation is None:
        raise NotFound("this chat has ended; start a new one", field="token")
    hub: EventHub = request.app.state.events
    dealership_id, conversation_id = dealership.id, str(conversation.id)

    async def stream() -> AsyncIterator[str]:
        async with hub.subscribe(dealership_id, conversation_id) as queue:
            async for chunk in sse(queue):
                if await request.is_disconnected():
                    break
                yield chunk

    headers = {
        "Cache-Control": "no-store",
        **({"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin else {}),
    }
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)
