"""Everything the conversation screen shows, read through the tenant-scoped session."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.brain.dialogue import DialogueState
from showroom.conversations import suggestions
from showroom.conversations.channels import QUIET_CHANNELS, opted_out, quiet_until
from showroom.conversations.handover import OPEN
from showroom.conversations.service import CLOSED
from showroom.errors import NotFound
from showroom.models import (
    Conversation,
    Customer,
    CustomerInsight,
    Dealership,
    Handover,
    Lead,
    LeadActivity,
    Message,
    ResponseSuggestion,
    User,
    Vehicle,
    VehicleInterest,
)
from showroom.vocabulary import InsightType, Sender

THREAD_LIMIT = 300
INSIGHTS_READ = 200  # the latest insights read; each message can repeat what an earlier one said
INSIGHTS_SHOWN = 12
PER_TYPE = 3
# what a salesperson needs first: the car, the money, the time; moods last
INSIGHT_ORDER = (
    InsightType.vehicle_preference,
    InsightType.budget,
    InsightType.timeline,
    InsightType.trade_in,
    InsightType.financing,
    InsightType.buying_intent,
    InsightType.contact_preference,
    InsightType.urgency,
    InsightType.sentiment,
)


def distinct_insights(rows: Sequence[CustomerInsight]) -> list[CustomerInsight]:
    """Each fact once (the newest saying of it), at most ``PER_TYPE`` of a kind so the vehicle the customer named
    is never pushed out by repeated moods, the kinds in ``INSIGHT_ORDER``, newest first within a kind."""
    seen: set[tuple[str, str]] = set()
    per_type: dict[str, int] = {}
    kept: list[CustomerInsight] = []
    for row in rows:  # newest first
        key = (row.insight_type, " ".join(row.value.casefold().split()))
        if key in seen or per_type.get(row.insight_type, 0) >= PER_TYPE:
            continue
        seen.add(key)
        per_type[row.insight_type] = per_type.get(row.insight_type, 0) + 1
        kept.append(row)
    rank: dict[str, int] = {kind: i for i, kind in enumerate(INSIGHT_ORDER)}
    kept.sort(key=lambda r: rank.get(r.insight_type, len(rank)))  # stable: newest first within a kind
    return kept[:INSIGHTS_SHOWN]


@dataclass
class ConversationView:
    conversation: Conversation
    lead: Lead
    customer: Customer
    messages: list[Message]
    handover: Handover | None
    suggestions: list[ResponseSuggestion]
    interests: list[VehicleInterest]
    insights: list[CustomerInsight]
    activities: list[LeadActivity]
    users: dict[int, str]
    opted_out: bool
    quiet_until: datetime | None
    shown: list[Vehicle]  # the vehicles of the dialogue state, in the order shown

    @property
    def state(self) -> DialogueState:
        """What the agent carries from turn to turn (``brain.dialogue``)."""
        return DialogueState.from_json(self.conversation.dialogue_state)

    @property
    def criteria(self) -> list[tuple[str, str]]:
        """The search criteria gathered so far, as (label, value) for people."""
        return [
            (_CRITERIA_LABELS.get(k, k.replace("_", " ")), _criterion(k, v)) for k, v in self.state.criteria.items()
        ]

    @property
    def human(self) -> bool:
        return self.conversation.ai_paused or not self.conversation.is_ai_assisted

    @property
    def closed(self) -> bool:
        return self.conversation.status in CLOSED

    @property
    def dossier(self) -> dict[str, Any]:
        return dict(self.handover.dossier or {}) if self.handover else {}

    def who(self, user_id: int | None) -> str:
        if user_id is None:
            return "nobody"
        return self.users.get(user_id, f"user {user_id}")


async def staff_names(session: AsyncSession) -> dict[int, str]:
    rows = await session.execute(select(User.id, User.name, User.email).where(User.dealership_id.is_not(None)))
    return {r.id: r.name or r.email for r in rows}


# Rows written in one transaction share its timestamp: the customer's message comes first (it caused the
# rest), then what the system did about it (a handover), then the replies.
_CAUSAL_RANK = case((Message.sender == Sender.customer, 0), (Message.sender == Sender.system, 1), else_=2)


async def thread(session: AsyncSession, conversation_id: uuid.UUID) -> list[Message]:
    rows = await session.scalars(
        select(Message)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.created_at.desc(), _CAUSAL_RANK.desc(), Message.id.desc())
        .limit(THREAD_LIMIT)
    )
    return list(reversed(rows.all()))


async def load(session: AsyncSession, dealership: Dealership, conversation_id: uuid.UUID) -> ConversationView:
    conversation = await session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFound("conversation not found")
    lead = await session.get(Lead, conversation.lead_id)
    customer = await session.get(Customer, conversation.customer_id)
    assert lead is not None
    assert customer is not None
    handover = await session.scalar(
        select(Handover)
        .where(Handover.conversation_id == conversation.id)
        .order_by(Handover.status.in_(OPEN).desc(), Handover.requested_at.desc())
        .limit(1)
    )
    offered = [s for s in await suggestions.for_conversation(session, conversation.id) if s.status == "offered"]
    interests = (
        await session.scalars(
            select(VehicleInterest)
            .where(VehicleInterest.lead_id == lead.id)
            .order_by(VehicleInterest.is_primary.desc(), VehicleInterest.created_at)
        )
    ).all()
    insights = (
        await session.scalars(
            select(CustomerInsight)
            .where(CustomerInsight.customer_id == customer.id)
            .order_by(CustomerInsight.created_at.desc())
            .limit(INSIGHTS_READ)
        )
    ).all()
    activities = (
        await session.scalars(
            select(LeadActivity)
            .where(LeadActivity.lead_id == lead.id)
            .order_by(LeadActivity.created_at.desc(), LeadActivity.id.desc())
            .limit(40)
        )
    ).all()
    quiet = quiet_until(dealership, datetime.now(UTC), customer) if conversation.channel in QUIET_CHANNELS else None
    state = DialogueState.from_json(conversation.dialogue_state)
    ids = state.shown or ([state.focus] if state.focus else [])
    found = {v.id: v for v in (await session.scalars(select(Vehicle).where(Vehicle.id.in_(ids)))).all()} if ids else {}
    return ConversationView(
        conversation=conversation,
        lead=lead,
        customer=customer,
        messages=await thread(session, conversation.id),
        handover=handover,
        suggestions=offered,
        interests=list(interests),
        insights=distinct_insights(insights),
        activities=list(activities),
        users=await staff_names(session),
        opted_out=opted_out(customer, conversation.channel),
        quiet_until=quiet,
        shown=[found[i] for i in ids if i in found],
    )


_CRITERIA_LABELS = {
    "makes": "make",
    "models": "model",
    "body_styles": "body style",
    "colors": "colour",
    "drivetrains": "drivetrain",
    "fuel_types": "fuel",
    "price_max_cents": "budget up to",
    "price_min_cents": "budget from",
    "year_min": "from year",
    "year_max": "up to year",
    "mileage_max": "miles up to",
    "stock_number": "stock number",
}


def _criterion(key: str, value: Any) -> str:
    if key.endswith("_cents") and isinstance(value, int):
        return f"${value / 100:,.0f}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return f"{value:,}" if isinstance(value, int) and key == "mileage_max" else str(value)
