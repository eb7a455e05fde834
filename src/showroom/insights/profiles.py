"""A customer's buying profile (``customer_profiles``) and touchpoints (``customer_interactions``), written in the
transaction of the message, call or visit that makes them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.models import Customer, CustomerInsight, CustomerInteraction, CustomerProfile
from showroom.vocabulary import InsightType, InteractionType

MAX_VEHICLES = 10


async def profile_id(session: AsyncSession, customer: Customer, at: datetime) -> uuid.UUID:
    """The customer's profile (made on first contact), its ``last_interaction`` moved to ``at`` if later; one
    statement, so two messages at once cannot make two profiles."""
    new = insert(CustomerProfile).values(
        dealership_id=customer.dealership_id, customer_id=customer.id, last_interaction=at
    )
    latest = func.greatest(CustomerProfile.last_interaction, new.excluded.last_interaction)  # greatest skips NULL
    stmt = new.on_conflict_do_update(
        index_elements=[CustomerProfile.dealership_id, CustomerProfile.customer_id], set_={"last_interaction": latest}
    ).returning(CustomerProfile.id)
    return (await session.execute(stmt)).scalar_one()


async def record_interaction(
    session: AsyncSession,
    customer: Customer,
    kind: InteractionType,
    *,
    conversation_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
    insights: Sequence[CustomerInsight] = (),
    at: datetime | None = None,
) -> CustomerInteraction:
    """One touchpoint on the customer's timeline; what ``insights`` say goes into the profile's preferences."""
    at = at or datetime.now(UTC)
    pid = await profile_id(session, customer, at)
    if insights:
        await _learn(session, pid, insights)
    row = CustomerInteraction(
        dealership_id=customer.dealership_id,
        profile_id=pid,
        conversation_id=conversation_id,
        interaction_type=kind,
        details=details or {},
        occurred_at=at,
    )
    session.add(row)
    return row


async def _learn(session: AsyncSession, pid: uuid.UUID, insights: Sequence[CustomerInsight]) -> None:
    profile = await session.scalar(
        select(CustomerProfile)
        .where(CustomerProfile.id == pid)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert profile is not None
    prefs = dict(profile.preferences or {})
    vehicles = list(prefs.get("vehicle_preferences") or [])
    for insight in insights:
        if insight.insight_type == InsightType.vehicle_preference and insight.value not in vehicles:
            vehicles.append(insight.value)
        elif insight.insight_type == InsightType.budget:
            prefs["budget_words"] = insight.value
        elif insight.insight_type == InsightType.timeline:
            profile.buying_timeline = insight.value[:100]
        elif insight.insight_type == InsightType.trade_in:
            prefs["trade_in_words"] = insight.value
        elif insight.insight_type == InsightType.contact_preference:
            prefs["preferred_channel"] = insight.value
    if vehicles:
        prefs["vehicle_preferences"] = vehicles[-MAX_VEHICLES:]
    profile.preferences = prefs
