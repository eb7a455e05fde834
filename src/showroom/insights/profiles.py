"""A customer's buying profile (``customer_profiles``) and touchpoints (``customer_interactions``), written in the
transaction of the message, call or visit that makes them.

A touchpoint is one statement on the hot path of every chat turn: the profile's ``last_interaction`` moved on and
the interaction inserted in the same round trip, with the profile's preferences coming back, row-locked, so that
learning from the message's insights is one more UPDATE only when they add something. The profile itself is made
on the customer's first touchpoint."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, bindparam, func, select, update
from sqlalchemy import insert as insert_into
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.models import Customer, CustomerInsight, CustomerInteraction, CustomerProfile
from showroom.vocabulary import InsightType, InteractionType

MAX_VEHICLES = 10


async def record_interaction(
    session: AsyncSession,
    customer: Customer,
    kind: InteractionType,
    *,
    conversation_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
    insights: Sequence[CustomerInsight] = (),
    at: datetime | None = None,
) -> uuid.UUID:
    """One touchpoint on the customer's timeline (its id); what ``insights`` say goes into the profile's
    preferences. Two first messages at once cannot make two profiles: it is made with ``ON CONFLICT DO NOTHING`` on
    the customer, then touched."""
    at = at or datetime.now(UTC)
    touched = await _touch(session, customer, kind, conversation_id, details or {}, at)
    if touched is None:  # the customer's first touchpoint: make the profile (once, whoever else is at it), again
        await session.execute(
            insert(CustomerProfile)
            .values(dealership_id=customer.dealership_id, customer_id=customer.id, last_interaction=at)
            .on_conflict_do_nothing(index_elements=[CustomerProfile.dealership_id, CustomerProfile.customer_id])
        )
        touched = await _touch(session, customer, kind, conversation_id, details or {}, at)
        assert touched is not None, "the profile was just made"
    row, interaction_id = touched
    if insights:
        prefs = dict(row.preferences or {})
        await _learn(session, customer.dealership_id, row.id, prefs, row.buying_timeline, insights)
    return interaction_id


async def _touch(
    session: AsyncSession,
    customer: Customer,
    kind: InteractionType,
    conversation_id: uuid.UUID | None,
    details: dict[str, Any],
    at: datetime,
) -> tuple[Row[Any], uuid.UUID] | None:
    """The profile's ``last_interaction`` moved to ``at`` (if later) and the interaction inserted, in one
    statement that returns the profile (row-locked by the UPDATE) or nothing when the customer has none yet.

    Plain Core UPDATE and INSERT ... SELECT: SQLAlchemy caches their compiled form, where the PostgreSQL dialect's
    ``INSERT ... ON CONFLICT`` construct is compiled afresh on every call (about a millisecond of CPU), which is
    why the upsert is left to the first touchpoint."""
    interaction_id = uuid.uuid4()
    params = {
        "t_dealership_id": customer.dealership_id,
        "t_customer_id": customer.id,
        "t_at": at,
        "t_interaction_id": interaction_id,
        "t_conversation_id": conversation_id,
        "t_kind": kind.value,
        "t_details": details,
    }
    with session.no_autoflush:  # it refers to no pending row: what is pending goes in the transaction's next flush
        row = (await session.execute(_TOUCH, params)).one_or_none()
    return None if row is None else (row, interaction_id)


def _touch_statement() -> Any:
    """The touchpoint's statement, built once with bound parameters (a turn sends it twice: building it each time
    cost more CPU than sending it). The parameters are not named after columns: an UPDATE would take those for
    values to SET."""
    dealership_id = bindparam("t_dealership_id", type_=CustomerProfile.dealership_id.type)
    at = bindparam("t_at", type_=CustomerInteraction.occurred_at.type)
    profile = (
        update(CustomerProfile)
        .where(
            CustomerProfile.dealership_id == dealership_id,
            CustomerProfile.customer_id == bindparam("t_customer_id", type_=CustomerProfile.customer_id.type),
        )
        .values(last_interaction=func.greatest(CustomerProfile.last_interaction, at))  # greatest skips NULL
        .returning(CustomerProfile.id, CustomerProfile.preferences, CustomerProfile.buying_timeline)
        .cte("profile")
    )
    touch = (
        insert_into(CustomerInteraction)
        .from_select(
            ["id", "dealership_id", "profile_id", "conversation_id", "interaction_type", "details", "occurred_at"],
            select(
                bindparam("t_interaction_id", type_=CustomerInteraction.id.type),
                dealership_id,
                profile.c.id,
                bindparam("t_conversation_id", type_=CustomerInteraction.conversation_id.type),
                bindparam("t_kind", type_=CustomerInteraction.interaction_type.type),
                bindparam("t_details", type_=JSONB),
                at,
            ),
        )
        .cte("touch")
    )
    return select(profile.c.id, profile.c.preferences, profile.c.buying_timeline).add_cte(touch)


_TOUCH = _touch_statement()


async def _learn(
    session: AsyncSession,
    dealership_id: int,
    pid: uuid.UUID,
    prefs: dict[str, Any],
    timeline: str | None,
    insights: Sequence[CustomerInsight],
) -> None:
    """The profile's preferences and buying timeline updated from ``insights`` (the row is locked by the upsert
    that read them, so two messages at once do not lose each other's)."""
    before = (dict(prefs), timeline)
    vehicles = list(prefs.get("vehicle_preferences") or [])
    for insight in insights:
        if insight.insight_type == InsightType.vehicle_preference and insight.value not in vehicles:
            vehicles.append(insight.value)
        elif insight.insight_type == InsightType.budget:
            prefs["budget_words"] = insight.value
        elif insight.insight_type == InsightType.timeline:
            timeline = insight.value[:100]
        elif insight.insight_type == InsightType.trade_in:
            prefs["trade_in_words"] = insight.value
        elif insight.insight_type == InsightType.contact_preference:
            prefs["preferred_channel"] = insight.value
    if vehicles:
        prefs["vehicle_preferences"] = vehicles[-MAX_VEHICLES:]
    if (prefs, timeline) != before:
        await session.execute(
            update(CustomerProfile)
            .where(CustomerProfile.dealership_id == dealership_id, CustomerProfile.id == pid)
            .values(preferences=prefs, buying_timeline=timeline)
            .execution_options(synchronize_session=False)
        )
