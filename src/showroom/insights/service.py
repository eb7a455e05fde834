"""Insights (facts about what the customer wants) and lead scores, recorded from every inbound message."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.brain.insights import extract_insights
from showroom.brain.nlu.understanding import Understanding
from showroom.insights import scoring
from showroom.insights.profiles import record_interaction
from showroom.models import Conversation, Customer, CustomerInsight, Dealership, Lead, LeadScore, Message
from showroom.vocabulary import InsightSource, InteractionType


async def record_insights(
    session: AsyncSession,
    customer: Customer,
    conversation: Conversation,
    message: Message | None,
    text: str,
    u: Understanding,
) -> list[CustomerInsight]:
    rows = []
    for insight in extract_insights(text, u):
        row = CustomerInsight(
            dealership_id=customer.dealership_id,
            customer_id=customer.id,
            conversation_id=conversation.id,
            message_id=message.id if message else None,
            insight_type=insight.type,
            value=insight.value[:2000],
            confidence=round(insight.confidence, 2),
            source=InsightSource.rule,
        )
        session.add(row)
        rows.append(row)
    details = {"message_id": str(message.id)} if message else {}
    await record_interaction(
        session,
        customer,
        InteractionType.message_inbound,
        conversation_id=conversation.id,
        details={**details, "channel": conversation.channel},
        insights=rows,
    )
    return rows


async def dealership_weights(session: AsyncSession, dealership_id: int) -> dict[str, int]:
    """The dealership's score weights (its overrides on the defaults); stored ones that no longer validate (a
    weight renamed by an upgrade) fall back to the defaults rather than stop scoring."""
    dealership = await session.get(Dealership, dealership_id)
    overrides = (dealership.settings or {}).get("score_weights") if dealership else None
    try:
        return scoring.weights(overrides if isinstance(overrides, dict) else None)
    except scoring.BadWeights:
        return dict(scoring.DEFAULT_WEIGHTS)


def score_row(lead: Lead, scored: scoring.Scored, previous: int, conversation_id: uuid.UUID | None) -> LeadScore:
    return LeadScore(
        dealership_id=lead.dealership_id,
        lead_id=lead.id,
        conversation_id=conversation_id,
        score=scored.value,
        factors=scored.factors(previous),
        model_version=scoring.MODEL_VERSION,
        created_at=datetime.now(UTC),
    )


async def rescore(
    session: AsyncSession, lead: Lead, customer: Customer, conversation: Conversation, u: Understanding
) -> int:
    """Score the lead after a customer's message; every score is kept with its factors (the lead page's history)."""
    previous = lead.lead_score
    scored = scoring.score(u, previous, await dealership_weights(session, lead.dealership_id))
    if scored.value != previous or scored.raised or scored.lowered:
        session.add(score_row(lead, scored, previous, conversation.id))
    lead.lead_score = scored.value
    customer.lead_score = max(customer.lead_score, scored.value) if scored.value else scored.value
    return scored.value
