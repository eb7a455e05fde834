"""HTTP: the public chat-widget endpoints of a dealership (no login).

A visitor is identified by the token the first message returns (kept in the widget's localStorage). Calls from
a browser must come from one of the dealership's allowed site origins (CORS); each address and each conversation
has a budget shared by every server process (``api.ratelimit``). The widget never tells a visitor anything stored
about a customer: an e-mail or phone joins the visit to a known customer only once proven
(``conversations.contact_claims``).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.context import persona_for
from showroom.api.docs import errors
from showroom.api.ratelimit import spend_now
from showroom.api.types import When
from showroom.audit.service import Actor
from showroom.auth.deps import Context, DbSession, request_actor, require
from showroom.bounces import service as bounces
from showroom.conversations import contact_claims, widget, widget_turns
from showroom.conversations import webhooks as hooks
from showroom.conversations.schemas import MAX_MESSAGE_CHARS, clean_text
from showroom.conversations.webhooks import EmailIn, SmsIn, check_secret
from showroom.conversations.widget_turns import budgets, message_json, state
from showroom.db.tenancy import acting_for
from showroom.errors import Forbidden, NotFound
from showroom.events import EventHub, sse
from showroom.leads.consent import record as consent_record
from showroom.leads.intake_model import IntakeContact
from showroom.leads.service import region
from showroom.models import Conversation, Dealership, Message
from showroom.services import Services, services

router = APIRouter(prefix="/api/v1/widget", tags=["widget"])

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


class ContactSaved(BaseModel):
    """What the visitor learns: where codes went. Never anything stored about a customer."""

    code_sent_to: list[str] = Field(description="`email` and/or `phone`: type the code from there to confirm")
    conversation_id: str
    status: str
    human: bool


class VisitorCode(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    token: Token
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]


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


async def _per_ip(request: Request) -> None:
    """Each address's budget, spent before the request's own transaction (a route's ``dependencies`` run first)."""
    per_address = budgets(request.app.state.settings)[0]
    await spend_now(request.app.state.db.app_engine, per_address, request.client.host if request.client else "-")


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


@router.get(
    "/{subdomain}/config",
    summary="What the widget shows: names, welcome message, colours (public)",
    responses=errors(403, 404, 429),
)
async def config(site: SiteDep) -> JSONResponse:
    choice = await persona_for(site.session, site.dealership, None)
    return _json(widget.widget_config(site.dealership, choice.view.name), site.origin)


@router.post(
    "/{subdomain}/messages",
    summary="A visitor's message; the answer comes back at once (public)",
    status_code=201,
    responses=errors(403, 404, 422, 429, 503),
    dependencies=[Depends(_per_ip)],
)
async def post_message(body: VisitorMessage, request: Request, site: SiteDep) -> JSONResponse:
    """The turn itself runs as a job (``conversations.widget_turns``: in a worker process beside the web server,
    so its CPU never holds up staff requests); this request waits for it and answers with the agent's replies."""
    settings = request.app.state.settings
    engine, (_, per_conversation, per_dealership) = request.app.state.db.app_engine, budgets(settings)
    if body.token is not None:  # a new visit's budget is spent by its turn, which makes the conversation
        chat = await widget.conversation_for(site.session, body.token)
        if chat is None:
            raise NotFound(widget.ENDED, field="token")
        await spend_now(engine, per_conversation, chat.id)
    await spend_now(engine, per_dealership, site.dealership.id)
    visit = body.model_dump(include={"token", "content", "name", "email", "phone"})
    outcome = await widget_turns.take_turn(
        site.session,
        request.app.state.events,
        site.dealership.id,
        visit,
        request_actor(request),
        settings,
        request.app.state.chat_queue,
    )
    if outcome["status"] != 201:  # what the turn refused, as the route would have
        retry = outcome["body"].get("retry_after")
        response = JSONResponse(outcome["body"], status_code=outcome["status"])
        if retry is not None:
            response.headers["Retry-After"] = str(retry)
        return response
    return _json(await widget_turns.answer_body(site.session, outcome), site.origin, 201)


@router.get(
    "/{subdomain}/messages",
    summary="The visitor's conversation, or what is new since `after` (public)",
    responses=errors(403, 404, 422, 429),
)
async def get_messages(visit: VisitDep, after: When | None = None) -> JSONResponse:
    messages = await widget.visible_messages(visit.session, visit.conversation, after)
    return _json({**state(visit.conversation), "messages": [message_json(m) for m in messages]}, visit.origin)


@router.post(
    "/{subdomain}/contact",
    summary="The visitor leaves a name, e-mail or phone; a code is sent to each e-mail and phone (public)",
    dependencies=[Depends(_per_ip)],
    response_model=ContactSaved,
    responses=errors(403, 404, 422, 429),
)
async def contact(body: VisitorContact, request: Request, site: SiteDep) -> JSONResponse:
    """The answer is the same whoever owns the e-mail or phone: where the codes went, nothing stored. A contact no
    other customer has is kept on the visit at once; one that another customer has joins the visit to them only
    when the visitor types the code (`/contact/verify`) or a staff member confirms the match."""
    conversation = await _chat(site.session, body.token)
    claimed = await contact_claims.claim(
        site.session,
        services(request),
        site.dealership,
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
    return _json({"code_sent_to": claimed.sent_to, **state(conversation)}, site.origin)


@router.post(
    "/{subdomain}/contact/verify",
    summary="The visitor types the code sent to their e-mail or phone (public)",
    dependencies=[Depends(_per_ip)],
    responses=errors(403, 404, 410, 422, 429),
)
async def verify_contact(body: VisitorCode, request: Request, site: SiteDep) -> JSONResponse:
    conversation = await _chat(site.session, body.token)
    wrong = await contact_claims.verify(
        site.session,
        services(request),
        conversation,
        body.code,
        await region(site.session, site.dealership.id),
        request_actor(request),
    )
    if wrong is not None:  # the attempt is counted: this transaction commits
        return _json(wrong.body(), site.origin, wrong.status_code)
    return _json({"verified": True, **state(conversation)}, site.origin)


webhooks = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])

Handler = Callable[[AsyncSession, Services, Any, Actor], Awaitable[tuple[Message, bool]]]


async def _hook(
    request: Request, session: AsyncSession, response: Response, handler: Handler, body: Any, *, checked: bool = False
) -> dict[str, Any]:
    """A provider's webhook: checked against the shared secret (unless ``checked``), handled, 201 (or 200 for a
    resend)."""
    if not checked:
        await check_secret(request, response)
    message, created = await handler(session, services(request), body, request_actor(request))
    response.status_code = 201 if created else 200
    return {"message_id": str(message.id), "conversation_id": str(message.conversation_id), "duplicate": not created}


HOOK_DOCS = {
    **errors(401, 422, 503),
    200: {"description": "A resend of a message already taken in (`duplicate: true`)"},
}


@webhooks.post(
    "/sms",
    status_code=201,
    summary="An SMS from a customer (provider-neutral; signed with the shared secret)",
    responses=HOOK_DOCS,
)
async def sms_webhook(request: Request, body: SmsIn, session: DbSession, response: Response) -> dict[str, Any]:
    return await _hook(request, session, response, hooks.sms, body)


@webhooks.post(
    "/email",
    status_code=201,
    summary="An e-mail reply from a customer (provider-neutral; signed with the shared secret)",
    responses={**HOOK_DOCS, 202: {"description": "A bounce: acted on (`bounce: true`, `outcome`), not a message"}},
)
async def email_webhook(request: Request, body: EmailIn, session: DbSession, response: Response) -> dict[str, Any]:
    """A bounce (to our bounce address, or a mail server's delivery report) is acted on and answered 202, never
    taken for a customer's message."""
    await check_secret(request, response)
    bounce = await bounces.take(session, services(request).settings, body.mime(), body.to)
    if bounce is not None:
        response.status_code = 202
        return {"bounce": True, "outcome": bounce}
    return await _hook(request, session, response, hooks.email, body, checked=True)


events = APIRouter(prefix="/api/v1", tags=["live"])


@events.get("/events", summary="Server-sent events: what changed in your dealership (ids only; fetch the rest)")
async def staff_events(request: Request, ctx: Annotated[Context, Depends(require("conversation.read"))]) -> Response:
    """`conversations`, `messages`, `handovers` and `appointments` events with ids, as they commit, from every server
    (PostgreSQL LISTEN/NOTIFY). A `resync` event means: refetch, something may have been missed."""
    return _sse(request, ctx.dealership_id, None, {})


@router.get(
    "/{subdomain}/events",
    summary="Server-sent events of the visitor's conversation (public)",
    responses=errors(403, 404, 422, 429),
)
async def widget_events(request: Request, visit: VisitDep) -> Response:
    return _sse(request, visit.dealership.id, str(visit.conversation.id), _cors(visit.origin))


claims = APIRouter(prefix="/api/v1/conversations", tags=["conversations"])


class ContactClaimOut(BaseModel):
    """A chat visitor's unproven e-mail or phone, and the customer who has it (staff may confirm the match)."""

    id: uuid.UUID
    email: str | None
    phone: str | None
    name: str | None
    created_at: datetime
    expires_at: datetime = Field(description="When the code sent to the visitor stops working")
    matches_customer_id: uuid.UUID | None = Field(description="The customer who has this contact; null: nobody else")
    matches_customer_name: str | None


@claims.get(
    "/{conversation_id}/contact-claims",
    response_model=list[ContactClaimOut],
    summary="A chat visitor's unconfirmed e-mails and phones, with the customers who have them",
    responses=errors(401, 403, 404, 422),
)
async def list_contact_claims(
    conversation_id: uuid.UUID, ctx: Annotated[Context, Depends(require("customer.read"))]
) -> Any:
    found = await contact_claims.pending_claims(ctx.session, conversation_id)
    return [
        ContactClaimOut(
            id=c["id"],
            email=c["email"],
            phone=c["phone"],
            name=c["name"],
            created_at=c["created_at"],
            expires_at=c["expires_at"],
            matches_customer_id=owner.id if owner else None,
            matches_customer_name=owner.full_name if owner else None,
        )
        for c, owner in found
    ]


@claims.post(
    "/{conversation_id}/contact-claims/{claim_id}/confirm",
    status_code=204,
    summary="Confirm that the chat visitor is the customer with this contact (joins the visit to them)",
    responses=errors(401, 403, 404, 410, 422),
)
async def confirm_contact_claim(
    conversation_id: uuid.UUID, claim_id: uuid.UUID, ctx: Annotated[Context, Depends(require("customer.write"))]
) -> Response:
    await contact_claims.confirm(
        ctx.session, conversation_id, claim_id, await region(ctx.session, ctx.dealership_id), ctx.actor
    )
    return Response(status_code=204)
