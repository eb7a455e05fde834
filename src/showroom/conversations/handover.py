"""Handover from the AI to a human: the dossier, the notification, claiming, handing back, SLA breaches."""

from __future__ import annotations

import html
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.context import history, interest_title
from showroom.audit.service import Actor, record
from showroom.brain.dossier import summarize
from showroom.brain.escalation.specs import as_list
from showroom.brain.insights import Insight
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.types import Turn
from showroom.conversations import service as conversations
from showroom.conversations.assignment import handover_assignee
from showroom.conversations.sla import sla_due
from showroom.errors import Conflict, NotFound
from showroom.experiments import metrics as experiment_metrics
from showroom.followups import service as followups
from showroom.leads.service import add_activity
from showroom.mail import Email, send_later
from showroom.models import (
    Conversation,
    Customer,
    CustomerInsight,
    Dealership,
    Handover,
    Lead,
    Message,
    User,
    VehicleInterest,
)
from showroom.models.conversations import OPEN_HANDOVER_STATUSES
from showroom.ops import metrics
from showroom.services import Services
from showroom.vocabulary import (
    ActivityType,
    ConversationStatus,
    HandoverReason,
    HandoverStatus,
    InsightType,
    MessageType,
    Priority,
    Sender,
)

OPEN = OPEN_HANDOVER_STATUSES
QueueSort = Literal["sla", "unclaimed_first"]
QUEUE_ORDER = {
    "sla": (Handover.sla_due_at.asc().nulls_last(), Handover.requested_at),  # the API: most urgent SLA first
    "unclaimed_first": (  # the staff page: what nobody has claimed yet, then the SLA
        Handover.claimed_at.is_not(None),
        Handover.sla_due_at.asc().nulls_last(),
        Handover.requested_at,
    ),
}
DOSSIER_INSIGHTS = 12


async def open_handover(session: AsyncSession, conversation_id: uuid.UUID) -> Handover | None:
    found: Handover | None = await session.scalar(
        select(Handover).where(Handover.conversation_id == conversation_id, Handover.status.in_(OPEN))
    )
    return found


async def build_dossier(
    session: AsyncSession,
    conversation: Conversation,
    lead: Lead,
    customer: Customer,
    u: Understanding | None,
    *,
    reason: str,
    urgency: str,
    reasons: list[str],
    sla_due_at: datetime,
    turns: Sequence[Turn] | None = None,
    timezone: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Everything a salesperson needs to pick the conversation up without reading it all (DATA_MODEL `Dossier`).
    ``turns``: the conversation's last turns when the caller has them (``context.history``), else read here.
    ``timezone``: the dealership's, in which a time the customer asked for is resolved (from ``now``)."""
    if turns is None:
        turns = await history(session, conversation.id)
    insight_rows = (
        await session.scalars(
            select(CustomerInsight)
            .where(CustomerInsight.customer_id == customer.id)
            .order_by(CustomerInsight.created_at.desc(), CustomerInsight.id)
            .limit(100)
        )
    ).all()
    insights: list[Insight] = []
    seen: set[tuple[str, str]] = set()
    for i in insight_rows:  # newest first: each fact once, as last said (every message records what it says)
        if (i.insight_type, i.value) not in seen:
            seen.add((i.insight_type, i.value))
            insights.append(Insight(type=InsightType(i.insight_type), value=i.value, confidence=float(i.confidence)))
    narrative = summarize(turns, insights, u, timezone=timezone, now=now or datetime.now(UTC))
    interests = (await session.scalars(select(VehicleInterest).where(VehicleInterest.lead_id == lead.id))).all()
    return {
        "customer": {
            "name": customer.full_name,
            "email": customer.email,
            "phone": customer.phone,
            "preferred_contact": customer.preferred_contact,
        },
        "lead": {"id": str(lead.id), "number": lead.lead_number, "source": lead.source, "timeframe": lead.timeframe},
        "vehicle_interests": [
            {
                "interest": v.interest,
                "vehicle": interest_title(v),
                "stock_number": v.stock_number,
                "vin": v.vin,
                "vehicle_id": v.vehicle_id,
            }
            for v in interests
        ],
        "summary": narrative.get("summary"),
        "intent": narrative.get("intent"),
        "insights": [
            {"key": i.type, "value": i.value, "confidence": round(i.confidence, 2)} for i in insights[:DOSSIER_INSIGHTS]
        ],
        "communication_style": narrative.get("communication_style"),
        **{key: narrative[key] for key in ("appointment", "language") if key in narrative},
        "suggested_approach": narrative.get("suggested_approach"),
        "questions_to_ask": narrative.get("questions_to_ask", []),
        "urgency": urgency,
        "reason": reason,
        "trigger_reasons": reasons,
        "lead_score": lead.lead_score,
        "sla_due_at": sla_due_at.isoformat(),
        "history": [{"sender": t.sender, "text": t.text[:500]} for t in turns[-8:]],
    }


async def hand_over(
    session: AsyncSession,
    services: Services,
    conversation: Conversation,
    *,
    reason: str,
    urgency: str,
    actor: Actor,
    description: str | None = None,
    trigger_id: str | None = None,
    reasons: list[str] | None = None,
    u: Understanding | None = None,
    requested_by: int | None = None,
    turns: Sequence[Turn] | None = None,
    sla_minutes: int | None = None,
    answers_while_waiting: bool = False,
    hurt: bool = False,
) -> Handover:
    """Stop the AI on this conversation and put it in front of a human, with the dossier; notify by e-mail (a
    ``mail.send`` job, sent once this transaction commits). ``turns``: see ``build_dossier``.
    ``answers_while_waiting``: until a person takes it or writes, the agent may still answer the customer's plain
    questions about the lot, the hours, a price (a handover the AI made, in a language it writes); ``hurt``: what
    brought the person in was a complaint, a problem or a threat (the holding notes say sorry for the wait). Both are
    kept in the handover's ``context`` (``conversations.turn``)."""
    existing = await open_handover(session, conversation.id)
    if existing is not None:
        return existing
    lead = await session.get(Lead, conversation.lead_id)
    customer = await session.get(Customer, conversation.customer_id)
    dealership = await session.get(Dealership, conversation.dealership_id)
    assert lead is not None
    assert customer is not None
    assert dealership is not None
    handover_settings = (dealership.settings or {}).get("handover") or {}
    to_user = await handover_assignee(session, dealership, conversation.assigned_user_id or lead.assigned_user_id)
    if to_user is not None and to_user != conversation.assigned_user_id:
        conversation.assigned_user_id = to_user  # the person the handover goes to has the conversation
    now = datetime.now(UTC)
    due = sla_due(dealership, now, reason, urgency, sla_minutes)
    dossier = await build_dossier(
        session,
        conversation,
        lead,
        customer,
        u,
        reason=reason,
        urgency=urgency,
        reasons=reasons or [],
        sla_due_at=due,
        turns=turns,
        timezone=dealership.timezone,
        now=now,
    )
    handover = Handover(
        dealership_id=conversation.dealership_id,
        conversation_id=conversation.id,
        lead_id=lead.id,
        escalation_trigger_id=uuid.UUID(trigger_id) if trigger_id else None,
        reason=reason,
        description=description,
        urgency=urgency,
        requested_at=now,
        sla_due_at=due,
        to_user_id=to_user,
        requested_by_id=requested_by,
        dossier=dossier,
        context={
            "reasons": reasons or [],
            "message_count": conversation.message_count,
            **({"answers_while_waiting": True} if answers_while_waiting else {}),
            **({"hurt": True} if hurt else {}),
        },
    )
    session.add(handover)
    metrics.HANDOVERS.labels(reason).inc()
    conversation.ai_paused = True
    conversation.status = ConversationStatus.escalated
    if urgency in (Priority.high, Priority.urgent):
        conversation.priority = urgency
    await session.flush()
    why = "; ".join(reasons or []) or reason.replace("_", " ")
    session.add(
        Message(
            dealership_id=conversation.dealership_id,
            conversation_id=conversation.id,
            type=MessageType.escalation,
            sender=Sender.system,
            channel=conversation.channel,
            content=f"Handed over to the team: {why}",
            entities={"handover_id": str(handover.id), "reason": reason, "urgency": urgency},
            # the application's clock, as the customer's message that caused it (not the transaction's start,
            # which is earlier and would show the notice above that message)
            created_at=now,
        )
    )
    await add_activity(
        session, lead, ActivityType.handover_requested, f"Handed over to a human: {why}", actor, handover_id=handover.id
    )
    await record(
        session,
        actor,
        "handover.create",
        dealership_id=conversation.dealership_id,
        resource_type="handover",
        resource_id=handover.id,
        after={"reason": reason, "urgency": urgency, "conversation_id": str(conversation.id), "to_user_id": to_user},
    )
    await experiment_metrics.handed_over(session, conversation.id, appointment=bool(dossier.get("appointment")))
    recipients = as_list(handover_settings.get("emails"))
    if handover_settings.get("enabled", True) and recipients:
        await send_later(
            session, dossier_email(recipients, dealership, conversation, dossier, services.settings.base_url)
        )
        handover.notified_at = now  # the notice is queued with the handover: it leaves iff the handover commits
    return handover


def dossier_email(
    recipients: list[str], dealership: Dealership, conversation: Conversation, dossier: dict[str, Any], base_url: str
) -> Email:
    customer = dossier["customer"]
    link = f"{base_url}/app/conversations/{conversation.id}"
    lines = [
        f"{customer['name']} needs a person ({dossier['reason'].replace('_', ' ')}, urgency {dossier['urgency']}).",
        f"Reply by {dossier['sla_due_at'][:16].replace('T', ' ')} UTC.",
        "",
        f"Summary: {dossier.get('summary') or '-'}",
        f"Contact: {customer.get('email') or '-'} / {customer.get('phone') or '-'}",
    ]
    wanted = dossier.get("appointment")
    if wanted:
        lines.append(f'Asked for: {wanted.get("requested") or "a specific time"} ("{wanted.get("words")}")')
    if dossier.get("language"):
        lines.append(f"Writes in: {dossier['language']}")
    lines += [
        f"Vehicle: {v['interest']} {v['vehicle']}" + (f" (stock {v['stock_number']})" if v.get("stock_number") else "")
        for v in dossier["vehicle_interests"]
    ]
    lines += [f"Insight: {i['key']}: {i['value']} ({i['confidence']:.0%})" for i in dossier["insights"]]
    if dossier.get("suggested_approach"):
        lines += ["", f"Suggested approach: {dossier['suggested_approach']}"]
    lines += [f"Ask: {q}" for q in dossier.get("questions_to_ask") or []]
    lines += ["", f"Open the conversation: {link}"]
    text = "\n".join(lines)
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[3:-2] if line)
    body = (
        f"<p><strong>{html.escape(lines[0])}</strong><br>{html.escape(lines[1])}</p><ul>{items}</ul>"
        f'<p><a href="{html.escape(link)}">Open the conversation</a></p>'
    )
    return Email(to=recipients, subject=f"[{dealership.name}] Handover: {customer['name']}", text=text, html=body)


async def queue(
    session: AsyncSession,
    *,
    sort: QueueSort = "sla",
    statuses: Sequence[str] | None = OPEN,
    assignee: int | Literal["any"] | None = "any",
    limit: int = 500,
) -> list[tuple[Handover, str]]:
    """The handover queue, each handover with its customer's name, in the ``sort`` order (``QUEUE_ORDER``).
    ``statuses`` None: every status; ``assignee`` a user id, None (nobody's) or "any"."""
    query = (
        select(Handover, Customer.full_name)
        .join(Conversation, Conversation.id == Handover.conversation_id)
        .join(Customer, Customer.id == Conversation.customer_id)
        .order_by(*QUEUE_ORDER[sort])
        .limit(limit)
    )
    if statuses is not None:
        query = query.where(Handover.status.in_(statuses))
    if assignee != "any":
        query = query.where(Handover.to_user_id == assignee)  # None: IS NULL
    return [(handover, name) for handover, name in (await session.execute(query)).all()]


async def get(session: AsyncSession, handover_id: uuid.UUID) -> Handover:
    handover = await session.get(Handover, handover_id)
    if handover is None:
        raise NotFound(f"handover {handover_id} not found")
    return handover


async def claim(session: AsyncSession, handover_id: uuid.UUID, user_id: int, actor: Actor) -> Handover:
    """A human takes the conversation: they are its owner now; the AI stays silent."""
    handover = await get(session, handover_id)
    taken = handover.claimed_at is not None and handover.to_user_id not in (None, user_id)
    if taken and handover.status in OPEN:
        holder = await session.get(User, handover.to_user_id)
        raise Conflict(f"already claimed by {(holder.name or holder.email) if holder else 'a colleague'}")
    if handover.status not in (HandoverStatus.pending, HandoverStatus.accepted):
        raise Conflict(f"this handover is {handover.status}")
    now = datetime.now(UTC)
    handover.status, handover.to_user_id = HandoverStatus.in_progress, user_id
    handover.claimed_at = handover.claimed_at or now
    handover.accepted_at = handover.accepted_at or now
    conversation = await session.get(Conversation, handover.conversation_id)
    assert conversation is not None
    conversation.assigned_user_id = user_id
    await followups.taken_over(session, conversation, user_id)  # issue 18: tasks for them if the customer goes quiet
    lead = await session.get(Lead, handover.lead_id)
    assert lead is not None
    claimer = await session.get(User, user_id)
    name = (claimer.name or claimer.email) if claimer is not None else "a colleague"
    await add_activity(
        session, lead, ActivityType.handover_updated, f"Claimed by {name}", actor, handover_id=handover.id
    )
    await record(
        session,
        actor,
        "handover.claim",
        dealership_id=handover.dealership_id,
        resource_type="handover",
        resource_id=handover.id,
        after={"to_user_id": user_id},
    )
    return handover


async def take_over(
    session: AsyncSession, services: Services, conversation_id: uuid.UUID, user_id: int, actor: Actor
) -> Handover:
    """Staff take a conversation the AI was handling: a handover requested by them, claimed at once."""
    conversation = await conversations.get(session, conversation_id)
    handover = await open_handover(session, conversation.id)
    if handover is None:
        handover = await hand_over(
            session,
            services,
            conversation,
            reason=HandoverReason.customer_request,
            urgency=Priority.medium,
            actor=actor,
            description="Taken over by staff",
            requested_by=user_id,
        )
    return await claim(session, handover.id, user_id, actor)


async def hand_back(session: AsyncSession, conversation_id: uuid.UUID, actor: Actor, notes: str | None = None) -> None:
    """The human is done: the AI answers again on this conversation."""
    conversation = await conversations.get(session, conversation_id)
    handover = await open_handover(session, conversation.id)
    now = datetime.now(UTC)
    if handover is not None:
        handover.status, handover.completed_at, handover.resolution_notes = HandoverStatus.resolved, now, notes
    conversation.ai_paused = False
    if conversation.status == ConversationStatus.escalated:
        conversation.status = ConversationStatus.active
    await followups.stop(session, conversation.lead_id, "handed back to the AI", cadences=(followups.HANDOVER,))
    lead = await session.get(Lead, conversation.lead_id)
    assert lead is not None
    await add_activity(
        session,
        lead,
        ActivityType.handover_updated,
        "Handed back to the AI",
        actor,
        handover_id=handover.id if handover else None,
    )
    await record(
        session,
        actor,
        "conversation.hand_back",
        dealership_id=conversation.dealership_id,
        resource_type="conversation",
        resource_id=conversation.id,
        after={"ai_paused": False},
    )
