"""The one reply pipeline: inbound message → opt-out → insights and score → AI on? → escalation check →
relevant inventory → provider → guardrails → store → deliver.

Every channel (widget, API, SMS and e-mail webhooks, a new lead's first reply) calls ``handle_inbound`` or
``first_reply`` inside the request's (or job's) transaction, with the tenant already set.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.context import (
    HISTORY_TURNS,
    dealership_view,
    history,
    persona_for,
    relevant_vehicles,
    summarise_inventory,
)
from showroom.agent.personas import greeting_name, prompt_values
from showroom.agent.providers import ReplyRequest, provider_for
from showroom.agent.triggers import active_specs
from showroom.audit.service import SYSTEM, Actor, record
from showroom.brain import prompts
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.escalation.specs import TriggerMatch, as_list
from showroom.brain.guardrails import allowed_links, enforce
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.vehicles import Catalog
from showroom.brain.types import Turn as AgentTurn
from showroom.conversations.channels import deliver
from showroom.conversations.handover import hand_over
from showroom.conversations.service import CLOSED
from showroom.db.engine import fetch_one
from showroom.db.rows import adopt
from showroom.insights.service import record_insights, rescore
from showroom.inventory.service import catalog
from showroom.leads.service import add_activity
from showroom.mail import Email, send_later
from showroom.models import Conversation, Customer, Dealership, Handover, Lead, Message
from showroom.services import Services

BUYING_INTENTS = frozenset(
    {"availability", "inventory_search", "trade_in", "financing", "lease", "test_drive", "price", "hours_location"}
)
NOT_INTERESTED = "not_interested"  # the tag that keeps the AI quiet until the customer asks a buying question


@dataclass
class Outcome:
    reply: Message | None = None
    handover: Handover | None = None
    skipped: str | None = None  # why the AI did not answer


@dataclass
class Turn:
    conversation: Conversation
    lead: Lead
    customer: Customer
    dealership: Dealership


_TURN = (
    "select to_jsonb(l) as lead, to_jsonb(c) as customer, to_jsonb(d) as dealership from leads l, customers c, "
    "dealerships d where l.id = %(lead)s and c.id = %(customer)s and d.id = %(dealership)s"
)


async def load(session: AsyncSession, conversation_id: uuid.UUID) -> Turn:
    """The conversation (usually already in the session) and its lead, customer and dealership, in one statement
    through psycopg (every turn reads them; see ``db.rows.adopt``). Nothing pending is flushed for it: it does not
    change these rows, and they are written later."""
    conversation = await session.get(Conversation, conversation_id)
    assert conversation is not None
    ids = {"lead": conversation.lead_id, "customer": conversation.customer_id, "dealership": conversation.dealership_id}
    row = await fetch_one(session, _TURN, ids)
    assert row is not None  # the conversation's foreign keys
    return Turn(
        conversation,
        adopt(session, Lead, row["lead"]),
        adopt(session, Customer, row["customer"]),
        adopt(session, Dealership, row["dealership"]),
    )


def ai_answers(turn: Turn) -> str | None:
    """Why the AI must stay silent here, or None when it answers."""
    c, d = turn.conversation, turn.dealership
    if not d.is_active:
        return "dealership deactivated"
    if d.operation_mode != "ai_agent":
        return "the dealership works in direct-agent mode"
    if not c.is_ai_assisted or not turn.customer.ai_enabled:
        return "the AI is switched off for this conversation or customer"
    if c.ai_paused:
        return "a human is handling this conversation"
    if c.status in CLOSED:
        return f"the conversation is {c.status}"
    return None


async def handle_inbound(session: AsyncSession, services: Services, message: Message, actor: Actor = SYSTEM) -> Outcome:
    turn = await load(session, message.conversation_id)
    text = message.content
    turns = await history(session, turn.conversation.id, exclude=message.id)
    known = await catalog(session)
    u = understand(text, known, turns)
    if u.is_opt_out:
        return await _opt_out(session, services, turn, message)
    if u.is_resume:
        await _resume(session, turn, message)
    silent = ai_answers(turn)
    match = await _assess(session, turn, message, text, u, turns, triggers=silent is None)
    if silent:
        await _for_staff(session, services, turn, message, u, known, turns)
        return Outcome(skipped=silent)
    if match is not None:
        with_inbound = [*turns, AgentTurn(sender="customer", text=text)][-HISTORY_TURNS:]
        handover = await _apply_trigger(session, turn, match, u, actor, services=services, turns=with_inbound)
        if handover is not None:
            reply = await _say(session, services, turn, message, _handover_note(turn), model="handover")
            await _for_staff(session, services, turn, message, u, known, turns)
            return Outcome(reply=reply, handover=handover)
    if NOT_INTERESTED in turn.conversation.tags:
        if not (set(u.intents[:2]) & BUYING_INTENTS):
            return Outcome(skipped="the customer said they are not interested")
        await _retag(session, turn, [t for t in turn.conversation.tags if t != NOT_INTERESTED], actor)
    reply = await answer(session, services, turn, message, u, known, turns)
    if u.primary == NOT_INTERESTED:
        await _retag(session, turn, sorted({*turn.conversation.tags, NOT_INTERESTED}), actor)
    return Outcome(reply=reply)


async def answer(
    session: AsyncSession,
    services: Services,
    turn: Turn,
    inbound: Message | None,
    u: Understanding,
    known: Catalog,
    turns: Sequence[AgentTurn],
) -> Message:
    """Relevant inventory → provider → guardrails → store → deliver. ``known`` is the dealership's catalog and
    ``turns`` the conversation before ``inbound``."""
    started = time.perf_counter()
    choice = await persona_for(session, turn.dealership, turn.conversation.ai_persona_id)
    vehicles = await relevant_vehicles(session, u, turn.lead.id, known)
    d = dealership_view(turn.dealership)
    channel = turn.conversation.channel
    sms_max = int((turn.dealership.agent_config or {}).get("sms_max_chars", 320))
    provider = provider_for(turn.dealership, services.settings)
    system_prompt = ""
    if provider.uses_system_prompt:
        values = await prompt_values(
            session,
            turn.dealership,
            dict(choice.view.arguments),
            choice.view.name,
            choice.view.tone,
            turn.lead,
            turn.customer,
            summarise_inventory(vehicles),
            channel,
        )
        system_prompt = prompts.render(choice.template, values)
    draft = await provider.reply(
        ReplyRequest(
            u,
            choice.view,
            d,
            vehicles,
            history=turns,
            channel=channel,
            customer_first_name=greeting_name(turn.customer),
            system_prompt=system_prompt,
            sms_max_chars=sms_max,
            search=lambda text: relevant_vehicles(session, understand(text, known), turn.lead.id, known),
        )
    )
    links = allowed_links(choice.view.arguments, d) + [v.url for v in draft.vehicles if v.url]
    guarded = enforce(
        draft.text,
        vehicles=draft.vehicles or vehicles,
        dealership=d,
        allowed_urls=links,
        channel=channel,
        sms_max_chars=sms_max,
        catalog=known,
    )
    reply = await _say(
        session,
        services,
        turn,
        inbound,
        guarded.text,
        model=draft.model,
        confidence=draft.confidence,
        elapsed_ms=int((time.perf_counter() - started) * 1000),
        entities={
            "intent": draft.intent,
            "vehicle_ids": [v.id for v in draft.vehicles],
            "violations": guarded.violations,
            "provider": draft.provider,
            "fallback": draft.fallback_reason,
            **({"tokens": draft.tokens} if draft.tokens is not None else {}),
        },
    )
    await add_activity(session, turn.lead, "ai_response", f"AI answered ({draft.intent})", SYSTEM, message_id=reply.id)
    return reply


async def first_reply(session: AsyncSession, services: Services, conversation_id: uuid.UUID) -> Outcome:
    """A new lead's first answer: from the enquiry itself (its comments, or the vehicle it is about)."""
    turn = await load(session, conversation_id)
    silent = ai_answers(turn)
    if silent:
        return Outcome(skipped=silent)
    already = await session.scalar(
        select(Message.id)
        .where(Message.conversation_id == conversation_id, Message.sender.in_(("ai", "agent")))
        .limit(1)
    )
    if already is not None:
        return Outcome(skipped="the conversation already has an answer")
    text = turn.lead.description or "I'm interested in a vehicle"
    known = await catalog(session)
    u = understand(text, known)
    match = await _assess(session, turn, None, text, u, (), triggers=True)
    if match is not None:
        handover = await _apply_trigger(session, turn, match, u, SYSTEM, services=services, turns=None)
        if handover is not None:
            return Outcome(handover=handover)
    return Outcome(reply=await answer(session, services, turn, None, u, known, ()))


async def _assess(
    session: AsyncSession,
    turn: Turn,
    inbound: Message | None,
    text: str,
    u: Understanding,
    turns: Sequence[AgentTurn],
    *,
    triggers: bool,
) -> TriggerMatch | None:
    """What the message says about the customer (insights, lead score), then the escalation trigger it fires
    (only when ``triggers``: the AI would answer)."""
    await record_insights(session, turn.customer, turn.conversation, inbound, text, u)
    await rescore(session, turn.lead, turn.customer, turn.conversation, u)
    if not triggers:
        return None
    return evaluate(await active_specs(session), text, turns, u)


async def _apply_trigger(
    session: AsyncSession,
    turn: Turn,
    match: TriggerMatch,
    u: Understanding,
    actor: Actor,
    *,
    services: Services,
    turns: Sequence[AgentTurn] | None,
) -> Handover | None:
    """Do what a fired trigger says (noted on the lead): hand over (the handover is returned), tag the
    conversation, or send a heads-up e-mail. ``turns``: the conversation so far, for the dossier (None: read)."""
    trigger = match.trigger
    await add_activity(
        session, turn.lead, "note", f"Escalation trigger '{trigger.name}' fired: {'; '.join(match.reasons)}", actor
    )
    if trigger.action == "handover":
        return await hand_over(
            session,
            services,
            turn.conversation,
            reason=match.reason,
            urgency=match.urgency,
            actor=actor,
            trigger_id=trigger.id,
            reasons=match.reasons,
            u=u,
            description=f"Trigger: {trigger.name}",
            turns=turns,
        )
    if trigger.action == "tag":
        tag = str(trigger.action_config.get("tag") or trigger.name)
        await _retag(session, turn, sorted({*turn.conversation.tags, tag}), actor)
    elif trigger.action == "notify":
        await _notify(session, turn, as_list(trigger.action_config.get("emails")), match.reasons)
    return None


async def _retag(session: AsyncSession, turn: Turn, tags: list[str], actor: Actor) -> None:
    """Set the conversation's tags (audited like a staff edit when they change)."""
    before = list(turn.conversation.tags or [])
    if tags == before:
        return
    turn.conversation.tags = tags
    await record(
        session,
        actor,
        "conversation.update",
        dealership_id=turn.conversation.dealership_id,
        resource_type="conversation",
        resource_id=turn.conversation.id,
        before={"tags": before},
        after={"tags": tags},
    )


async def _say(
    session: AsyncSession,
    services: Services,
    turn: Turn,
    inbound: Message | None,
    text: str,
    *,
    model: str,
    confidence: float | None = None,
    elapsed_ms: int | None = None,
    entities: dict[str, object] | None = None,
    sender: str = "ai",
    automated: bool = True,
) -> Message:
    now = datetime.now(UTC)
    message = Message(
        id=uuid.uuid4(),  # delivery (a held message's job) refers to it before the row is flushed
        dealership_id=turn.conversation.dealership_id,
        conversation_id=turn.conversation.id,
        type="outbound",
        sender=sender,
        channel=turn.conversation.channel,
        content=text,
        delivery_status="queued",
        in_reply_to=inbound.id if inbound else None,
        ai_model=model if sender == "ai" else None,
        ai_confidence=round(min(max(confidence, 0.0), 1.0), 2) if confidence is not None else None,
        processing_time=elapsed_ms,
        entities=entities or {},
        created_at=now,
    )
    session.add(message)
    turn.conversation.message_count += 1
    turn.conversation.last_message_at = now
    if sender == "ai":
        turn.conversation.last_ai_message_at = now
    await deliver(
        session, services, message, turn.conversation, turn.customer, turn.dealership, automated=automated, now=now
    )
    return message


def _handover_note(turn: Turn) -> str:
    return (
        "Thanks for your patience. I'm bringing in a member of our team, who will reply here shortly.\n\n"
        f"If it's urgent, you can also call {turn.dealership.name}"
        + (f" at {turn.dealership.contact_phone}." if turn.dealership.contact_phone else ".")
    )


async def _opt_out(session: AsyncSession, services: Services, turn: Turn, message: Message) -> Outcome:
    """STOP (and friends): no automated message on this channel ever again; confirmed once."""
    channel = turn.conversation.channel
    opted = dict(turn.customer.opted_out_channels or {})
    if channel in opted:
        return Outcome(skipped="already opted out")
    opted[channel] = datetime.now(UTC).isoformat()
    turn.customer.opted_out_channels = opted
    await record(
        session,
        SYSTEM,
        "customer.opt_out",
        dealership_id=turn.customer.dealership_id,
        resource_type="customer",
        resource_id=turn.customer.id,
        after={"channel": channel},
    )
    confirmation = (
        f"You're unsubscribed from {channel.upper() if channel == 'sms' else channel} messages from "
        f"{turn.dealership.name}. Reply START to resubscribe."
    )
    reply = await _say(
        session, services, turn, message, confirmation, model="opt-out", sender="system", automated=False
    )
    await add_activity(session, turn.lead, "note", f"Customer opted out of {channel}", SYSTEM, message_id=message.id)
    return Outcome(reply=reply, skipped="opted out")


async def _resume(session: AsyncSession, turn: Turn, message: Message) -> None:
    opted = dict(turn.customer.opted_out_channels or {})
    if opted.pop(turn.conversation.channel, None) is not None:
        turn.customer.opted_out_channels = opted
        await record(
            session,
            SYSTEM,
            "customer.opt_in",
            dealership_id=turn.customer.dealership_id,
            resource_type="customer",
            resource_id=turn.customer.id,
            after={"channel": turn.conversation.channel},
        )


async def _for_staff(
    session: AsyncSession,
    services: Services,
    turn: Turn,
    message: Message,
    u: Understanding,
    known: Catalog,
    turns: Sequence[AgentTurn],
) -> None:
    """A human handles this conversation: suggested replies for the inbound message, and in direct-agent mode
    the greeting / away template the first time. ``turns``: the conversation before ``message``."""
    from showroom.conversations.suggestions import offer

    await offer(session, turn, message, u, known, turns)
    if turn.dealership.operation_mode == "direct_agent" and turn.conversation.message_count <= 1:
        from showroom.conversations.hours import auto_greeting

        text = auto_greeting(turn.dealership, turn.customer, datetime.now(UTC))
        await _say(session, services, turn, message, text, model="template", sender="system", automated=True)


async def _notify(session: AsyncSession, turn: Turn, emails: list[str], reasons: list[str]) -> None:
    """A notify trigger's heads-up, to its addresses (else the handover ones), queued with the turn."""
    if not emails:
        emails = as_list(((turn.dealership.settings or {}).get("handover") or {}).get("emails"))
    if emails:
        await send_later(
            session,
            Email(
                to=emails,
                subject=f"[{turn.dealership.name}] Heads-up on {turn.customer.full_name}",
                text="; ".join(reasons),
            ),
        )
