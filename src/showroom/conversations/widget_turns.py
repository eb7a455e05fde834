"""A chat-widget visitor's turn, run by a job worker while the visitor's request waits for it (issue 15, finding 3).

The widget's ``POST /messages`` does only the cheap part in the web process: the site, the chat's token, the
budgets. It then queues the turn as a ``widget.turn`` job on the ``chat`` queue (its own short transaction) and
awaits the job's outcome on :data:`events.TURNS` (PostgreSQL LISTEN/NOTIFY, ``EventHub.awaiting``). The job does
what the route used to do itself (open the chat, take an e-mail or phone as a claim, ``turn.receive``) and
publishes the ids of what it wrote, or the error to answer; the request reads the messages and answers as before
(201 with the agent's replies). A turn's CPU (understanding, composing, the ORM's writes) thus runs where the
``chat`` queue is served: a worker process beside the web server (``SHOWROOM_CHAT_TURNS=worker``, what ``showroom
serve`` runs), so it never delays a staff request on the web server's event loop; or, in one process (tests), the
web process's own job runner.

Exactly once: the job carries the visit's thread (the hash of its token, made by the request for a new visit; the
token itself is stored nowhere) and an idempotency key, and one chat's turns run one at a time (a procrastinate
``lock``), so a job run again after a worker died neither opens a second visit nor takes the message twice. A
turn not started within ``SHOWROOM_CHAT_TURN_SECONDS`` is withdrawn (the job is cancelled) and the visitor told to
send it again (503, ``Retry-After``); one started but not finished by then is told that the answer will appear in
the chat.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from dataclasses import asdict
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.api.ratelimit import Budget, spend
from showroom.audit.service import Actor
from showroom.conversations import contact_claims, widget
from showroom.conversations.turn import receive
from showroom.errors import AppError, NotFound, ServiceUnavailable
from showroom.events import TURNS, EventHub
from showroom.jobs import CHAT_QUEUE, tenant_task
from showroom.leads.intake_model import IntakeContact
from showroom.leads.service import region
from showroom.models import Conversation, Message
from showroom.ops import context as log_context
from showroom.queue import CUSTOMER_WAITING, defer
from showroom.services import Services
from showroom.settings import Settings

log = logging.getLogger(__name__)

RETRY_AFTER = 5  # seconds: a withdrawn or late turn


def budgets(settings: Settings) -> tuple[Budget, Budget, Budget]:
    """Widget messages per minute: per address, per conversation, per dealership (``SHOWROOM_WIDGET_*``)."""
    return (
        Budget("widget.address", settings.widget_messages_per_address, 60, "messages from this address"),
        Budget("widget.conversation", settings.widget_messages_per_conversation, 60, "messages in this chat"),
        Budget("widget.dealership", settings.widget_messages_per_dealership, 60, "chat messages right now"),
    )


# --- the web process's side -------------------------------------------------------------------------------------


async def take_turn(
    session: AsyncSession,
    hub: EventHub,
    dealership_id: int,
    visit: dict[str, Any],
    actor: Actor,
    settings: Settings,
    queue: str,
) -> dict[str, Any]:
    """Queue the visitor's turn (``visit``: ``token`` (None: a new visit), ``content``, ``name``, ``email``,
    ``phone``) on ``queue`` (``jobs.chat_queue``), commit, and wait for its outcome: the job's payload (``status``
    and, for a 201, the ids). Raises ServiceUnavailable when none comes within ``settings.chat_turn_seconds``."""
    turn = uuid.uuid4().hex
    new = visit["token"] is None
    token = widget.new_token() if new else visit["token"]
    thread = widget.thread_id(token)  # the job names the chat by its hash: the token is never stored
    args = {**{k: v for k, v in visit.items() if k != "token"}, "thread": thread, "new": new, "actor": asdict(actor)}
    with hub.awaiting(turn) as outcome:
        job = await defer(
            session, "widget.turn", queue=queue, priority=CUSTOMER_WAITING, lock=thread,
            dealership_id=dealership_id, turn=turn, **args,
        )  # fmt: skip  # one chat's turns run one at a time, in order
        await session.commit()  # the job exists now; no connection is held while the turn runs
        try:
            return {**await asyncio.wait_for(outcome, settings.chat_turn_seconds), "token": token}
        except TimeoutError:
            raise await _late(session, job, token) from None


async def _late(session: AsyncSession, job: int, token: str) -> ServiceUnavailable:
    """A turn that did not come back in time: withdrawn if it has not started (nothing was taken), else running
    (or run by a worker that died: run again, once, when the worker's jobs are recovered); then the body carries
    the chat's token, so that a new visitor can read the answer when it comes (``GET .../messages``)."""
    withdrawn = await session.scalar(text("select procrastinate_cancel_job_v1(:job, false, false)"), {"job": job})
    await session.commit()
    retry = {"retry_after": RETRY_AFTER}
    if withdrawn is not None:
        log.warning("widget turn withdrawn: not started in time (job %s)", job)
        return ServiceUnavailable(
            f"the assistant is busy and did not take your message; send it again in {RETRY_AFTER} s",
            field=None,
            extra=retry,
        )
    log.warning("widget turn late: still running when its request gave up (job %s)", job)
    return ServiceUnavailable(
        "your message was received but the answer is late; it will appear in this chat (do not send it again)",
        field=None,
        extra={**retry, "token": token},
    )


async def answer_body(session: AsyncSession, outcome: dict[str, Any]) -> dict[str, Any]:
    """The 201's body from a turn's outcome, read fresh (the job's transactions have committed)."""
    conversation = await session.get(Conversation, uuid.UUID(outcome["conversation_id"]), populate_existing=True)
    message = await session.get(Message, uuid.UUID(outcome["message_id"]), populate_existing=True)
    if conversation is None or message is None:  # deleted meanwhile (an erasure): the chat is gone
        raise widget_ended()
    replies = await widget.visible_messages(session, conversation, message.created_at)
    return {
        "token": outcome["token"],
        **state(conversation),
        "message": message_json(message),
        "replies": [message_json(m) for m in replies if m.id != message.id],
        "handed_over": outcome["handed_over"],
        "code_sent_to": outcome["code_sent_to"],
    }


def widget_ended() -> AppError:
    return NotFound(widget.ENDED, field="token")


def message_json(m: Message) -> dict[str, Any]:
    return {
        "id": str(m.id),
        "from": "you" if m.sender == "customer" else "team" if m.sender == "agent" else "bot",
        "sender_name": m.sender_name,
        "content": m.content,
        "at": m.created_at.isoformat(),
    }


def state(conversation: Conversation) -> dict[str, Any]:
    return {
        "conversation_id": str(conversation.id),
        "status": conversation.status,
        "human": bool(conversation.ai_paused or not conversation.is_ai_assisted),
    }


# --- the job ------------------------------------------------------------------------------------------------------


@tenant_task(name="widget.turn", queue=CHAT_QUEUE)
async def widget_turn(
    session: AsyncSession,
    s: Services,
    turn: str,
    thread: str,
    new: bool,
    content: str,
    actor: dict[str, Any],
    name: str | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> str:
    """A visitor's turn, as the widget route queued it; publishes its outcome for the waiting request. Not
    retried (the visitor is answered or told); run again after a worker died, it takes nothing twice."""
    log_context.bind(request_id=actor.get("request_id"))  # the waiting request's, so the two logs join
    try:
        outcome = await _turn(
            session,
            s,
            turn,
            thread,
            new,
            content,
            Actor(**actor),
            IntakeContact(full_name=name, email=email, phone=phone),
        )
        await session.commit()
    except AppError as exc:
        await session.rollback()
        outcome = {"status": exc.status_code, "body": exc.body()}
    except OperationalError:
        await session.rollback()
        log.exception("widget turn: the database failed")
        outcome = {"status": 503, "body": _error("ServiceUnavailable", "the database is unavailable; retry shortly")}
    except Exception:
        await session.rollback()
        await _publish(session, turn, {"status": 500, "body": _error("InternalServerError", "the turn failed")})
        raise
    await _publish(session, turn, outcome)
    return str(outcome["status"])


def _error(name: str, detail: str) -> dict[str, Any]:
    return {"error": name, "detail": detail, "field": None, "retry_after": RETRY_AFTER}


async def _turn(
    session: AsyncSession,
    s: Services,
    turn: str,
    thread: str,
    new: bool,
    content: str,
    actor: Actor,
    contact: IntakeContact,
) -> dict[str, Any]:
    dealership = await widget.dealership(session)
    # The visit starts anonymous (a name at most): an e-mail or phone is a claim, proven by a code.
    anonymous = IntakeContact(full_name=contact.full_name)
    conversation = await widget.open_chat(session, dealership, thread, anonymous, content, actor, new=new)
    sent: list[str] = []
    if new:  # a known chat's budget was spent by the request, before it queued the turn
        await spend(session, budgets(s.settings)[1], conversation.id)
        if contact.email or contact.phone:
            contact = IntakeContact(email=contact.email, phone=contact.phone)
            where = await region(session, dealership.id)
            sent = (await contact_claims.claim(session, s, dealership, conversation, contact, where, actor)).sent_to
    message, _, outcome = await receive(session, s, conversation, content, actor, idempotency_key=f"widget:{turn}")
    return {
        "status": 201,
        "conversation_id": str(conversation.id),
        "message_id": str(message.id),
        "handed_over": outcome.handover is not None,
        "code_sent_to": sent,
    }


async def _publish(session: AsyncSession, turn: str, outcome: dict[str, Any]) -> None:
    """NOTIFY the outcome (ids and flags, or an error body: far under NOTIFY's 8,000 bytes) at once."""
    async with session.begin():
        await session.execute(
            text("select pg_notify(:channel, :payload)"),
            {"channel": TURNS, "payload": json.dumps({"turn": turn, **outcome})},
        )
