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

from showroom.agent import prompts
from showroom.agent.context import dealership_view, history, persona_for, relevant_vehicles, summarise_inventory
from showroom.agent.escalation import TriggerMatch, evaluate
from showroom.agent.guardrails import allowed_links, enforce
from showroom.agent.nlu import Catalog, Understanding, understand
from showroom.agent.personas import first_name, prompt_values
from showroom.agent.providers import ProviderReply, provider_for
from showroom.agent.triggers import active_specs
from showroom.agent.types import Turn as AgentTurn
from showroom.audit.service import SYSTEM, Actor, record
from showroom.conversations.channels import deliver
from showroom.conversations.handover import hand_over
from showroom.insights.service import record_insights, rescore
from showroom.inventory.service import catalog
from showroom.leads.service import add_activity
from showroom.models import Conversation, Customer, Dealership, Handover, Lead, Message
from showroom.services import Services

BUYING_INTENTS = frozenset(
    {"availability", "inventory_search", "trade_in", "financing", "lease", "test_drive", "price", "hours_location"}
)
RESUME_WORDS = ("START", "UNSTOP", "SUBSCRIBE", "RESUME")


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


async def load(session: AsyncSession, conversation_id: uuid.UUID) -> Turn:
    """The conversation (usually already in the session) and its lead, customer and dealership, in one query."""
    conversation = await session.get(Conversation, conversation_id)
    assert conversation is not None
    query = (
        select(Lead, Customer, Dealership)
        .select_from(Lead)
        .join(Customer, Customer.id == conversation.customer_id)
        .join(Dealership, Dealership.id == conversation.dealership_id)
        .where(Lead.id == conversation.lead_id)
    )
    with session.no_autoflush:  # what the caller has pending does not change these rows; it is flushed later
        row = (await session.execute(query)).one()
    return Turn(conversation, *row)


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
    if c.status in ("resolved", "archived"):
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
    if text.strip().upper().rstrip(".!") in RESUME_WORDS:
        await _resume(session, turn, message)
    await record_insights(session, turn.customer, turn.conversation, message, text, u)
    await rescore(session, turn.lead, turn.customer, turn.conversation, u)
    silent = ai_answers(turn)
    if silent:
        await _for_staff(session, services, turn, message, u, known)
        return Outcome(skipped=silent)
    match = evaluate(await active_specs(session), text, turns, u)
    if match is not None:
        await add_activity(
            session,
            turn.lead,
            "note",
            f"Escalation trigger '{match.trigger.name}' fired: {'; '.join(match.reasons)}",
            actor,
        )
        if match.trigger.action == "handover":
            handover = await _triggered_handover(session, services, turn, match, u, actor)
            reply = await _say(session, services, turn, message, _handover_note(turn), model="handover")
            await _for_staff(session, services, turn, message, u, known)
            return Outcome(reply=reply, handover=handover)
        if match.trigger.action == "tag":
            tag = str(match.trigger.action_config.get("tag") or match.trigger.name)
            turn.conversation.tags = sorted({*turn.conversation.tags, tag})
        elif match.trigger.action == "notify":
            await _notify(services, turn, match.trigger.action_config.get("emails") or [], match.reasons)
    if "not_interested" in turn.conversation.tags:
        if not (set(u.intents[:2]) & BUYING_INTENTS):
            return Outcome(skipped="the customer said they are not interested")
        turn.conversation.tags = [t for t in turn.conversation.tags if t != "not_interested"]
    reply = await answer(session, services, turn, message, u, known, turns)
    if u.primary in ("not_interested",) or "bought elsewhere" in text.lower():
        turn.conversation.tags = sorted({*turn.conversation.tags, "not_interested"})
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
    draft: ProviderReply = await provider.reply(
        u,
        persona=choice.view,
        dealership=d,
        vehicles=vehicles,
        history=turns,
        channel=channel,
        customer_first_name=first_name(turn.customer),
        system_prompt=system_prompt,
        sms_max_chars=sms_max,
        search=lambda text: relevant_vehicles(session, understand(text, known), turn.lead.id, known),
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
    await record_insights(session, turn.customer, turn.conversation, None, text, u)
    await rescore(session, turn.lead, turn.customer, turn.conversation, u)
    match = evaluate(await active_specs(session), text, (), u)
    if match is not None and match.trigger.action == "handover":
        return Outcome(handover=await _triggered_handover(session, services, turn, match, u, SYSTEM))
    return Outcome(reply=await answer(session, services, turn, None, u, known, ()))


async def _triggered_handover(
    session: AsyncSession, services: Services, turn: Turn, match: TriggerMatch, u: Understanding, actor: Actor
) -> Handover:
    return await hand_over(
        session,
        services,
        turn.conversation,
        reason=match.reason,
        urgency=match.urgency,
        actor=actor,
        trigger_id=match.trigger.id,
        reasons=match.reasons,
        u=u,
        description=f"Trigger: {match.trigger.name}",
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
    session: AsyncSession, services: Services, turn: Turn, message: Message, u: Understanding, known: Catalog
) -> None:
    """A human handles this conversation: suggested replies for the inbound message, and in direct-agent mode
    the greeting / away template the first time."""
    from showroom.conversations.suggestions import offer

    await offer(session, turn, message, u, known)
    if turn.dealership.operation_mode == "direct_agent" and turn.conversation.message_count <= 1:
        from showroom.conversations.hours import auto_greeting

        text = auto_greeting(turn.dealership, turn.customer, datetime.now(UTC))
        await _say(session, services, turn, message, text, model="template", sender="system", automated=True)


async def _notify(services: Services, turn: Turn, emails: list[str], reasons: list[str]) -> None:
    from showroom.mail import Email

    if not emails:
        emails = list(((turn.dealership.settings or {}).get("handover") or {}).get("emails") or [])
    if emails:
        await services.mailer.send(
            Email(
                to=emails,
                subject=f"[{turn.dealership.name}] Heads-up on {turn.customer.full_name}",
                text="; ".join(reasons),
            )
        )
