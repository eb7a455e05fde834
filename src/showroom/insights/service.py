"""Insights (facts about what the customer wants) and lead scores, recorded from every inbound message."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.brain.insights import extract_insights
from showroom.brain.nlu.understanding import Understanding
from showroom.insights.profiles import record_interaction
from showroom.models import Conversation, Customer, CustomerInsight, Lead, LeadScore, Message
from showroom.vocabulary import InsightSource, InteractionType

MODEL_VERSION = "rules-1"
INTENT_POINTS = {
    "test_drive": 25,
    "price": 15,
    "availability": 15,
    "financing": 15,
    "trade_in": 12,
    "lease": 12,
    "inventory_search": 8,
    "hours_location": 8,
    "vehicle_facts": 6,
    "human_request": 5,
}
TIMELINE_POINTS = {
    "today": 20,
    "asap": 20,
    "this week": 15,
    "this weekend": 15,
    "within 30 days": 10,
    "next month": 8,
    "just browsing": -10,
}


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


def score(u: Understanding, previous: int) -> tuple[int, dict[str, object]]:
    """A lead's temperature, 0-100: what they ask for, how soon, how specific; never drops on small talk."""
    factors: dict[str, object] = {}
    points = 10
    signals = [intent for intent in u.intents[:3] if intent in INTENT_POINTS]
    points += sum(INTENT_POINTS[intent] for intent in signals)
    if signals:
        factors["buyer_signals"] = signals
    s = u.slots
    specific = sum(bool(x) for x in (s.makes, s.models, s.budget_max_cents, s.trade_in, s.stock_number, s.vin))
    points += 5 * specific
    factors["specific_questions"] = specific
    if s.timeline:
        points += next((v for k, v in TIMELINE_POINTS.items() if k in s.timeline), 5)
        factors["urgency_signals"] = s.timeline
    if u.primary in ("stop", "not_interested"):
        return 0, {"reason": u.primary}
    points += int(max(u.sentiment, 0) * 5)
    value = max(0, min(100, max(points, previous) if points < previous + 30 else points))
    factors["engagement_level"] = "high" if value >= 60 else "medium" if value >= 30 else "low"
    return value, factors


async def rescore(
    session: AsyncSession, lead: Lead, customer: Customer, conversation: Conversation, u: Understanding
) -> int:
    value, factors = score(u, lead.lead_score)
    session.add(
        LeadScore(
            dealership_id=lead.dealership_id,
            lead_id=lead.id,
            conversation_id=conversation.id,
            score=value,
            factors=factors,
            model_version=MODEL_VERSION,
            created_at=datetime.now(UTC),
        )
    )
    lead.lead_score = value
    customer.lead_score = max(customer.lead_score, value) if value else value
    return value
