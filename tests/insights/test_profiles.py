"""The customer's profile and touchpoints (issue 21), written on every chat turn: one profile per customer however
many first messages arrive at once, preferences learnt from insights, and a statement SQLAlchemy compiles once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.engine.default import CACHE_HIT

from showroom.db.engine import Database
from showroom.insights.profiles import record_interaction
from showroom.models import Customer, CustomerInsight, CustomerInteraction, CustomerProfile
from showroom.vocabulary import InsightSource, InsightType, InteractionType
from tests.factories import create_customer, create_dealership


async def _customer(db: Database) -> Customer:
    async with db.maint_session() as maint, maint.begin():
        dealership = await create_dealership(maint)
        customer = await create_customer(maint, dealership.id)
    return customer


async def test_first_touchpoints_at_once_make_one_profile(db: Database) -> None:
    customer = await _customer(db)
    start = datetime.now(UTC)

    async def touch(offset: int) -> None:
        async with db.session(customer.dealership_id) as session, session.begin():
            await record_interaction(
                session, customer, InteractionType.message_inbound, at=start + timedelta(seconds=offset)
            )

    await asyncio.gather(*(touch(i) for i in range(6)))
    async with db.maint_session() as maint:
        profiles = list(await maint.scalars(select(CustomerProfile).where(CustomerProfile.customer_id == customer.id)))
        assert len(profiles) == 1
        touched = await maint.scalar(select(func.count()).where(CustomerInteraction.profile_id == profiles[0].id))
    assert touched == 6
    assert profiles[0].last_interaction == start + timedelta(seconds=5)  # the latest, whatever order they ran in


async def test_an_earlier_touchpoint_does_not_move_last_interaction_back(db: Database) -> None:
    customer = await _customer(db)
    now = datetime.now(UTC)
    async with db.session(customer.dealership_id) as session, session.begin():
        await record_interaction(session, customer, InteractionType.message_inbound, at=now)
        await record_interaction(session, customer, InteractionType.call, at=now - timedelta(days=1))
    async with db.maint_session() as maint:
        profile = await maint.scalar(select(CustomerProfile).where(CustomerProfile.customer_id == customer.id))
    assert profile is not None and profile.last_interaction == now


async def test_insights_are_learnt_into_the_preferences(db: Database) -> None:
    customer = await _customer(db)

    def insight(kind: InsightType, value: str) -> CustomerInsight:
        return CustomerInsight(
            dealership_id=customer.dealership_id,
            customer_id=customer.id,
            insight_type=kind,
            value=value,
            confidence=0.9,
            source=InsightSource.rule,
        )

    async with db.session(customer.dealership_id) as session, session.begin():
        first = [insight(InsightType.vehicle_preference, "Hyundai Tucson"), insight(InsightType.budget, "under 30k")]
        await record_interaction(session, customer, InteractionType.message_inbound, insights=first)
    async with db.session(customer.dealership_id) as session, session.begin():
        again = [insight(InsightType.vehicle_preference, "Hyundai Tucson"), insight(InsightType.timeline, "this week")]
        await record_interaction(session, customer, InteractionType.message_inbound, insights=again)
    async with db.maint_session() as maint:
        profile = await maint.scalar(select(CustomerProfile).where(CustomerProfile.customer_id == customer.id))
    assert profile is not None
    assert profile.preferences == {"vehicle_preferences": ["Hyundai Tucson"], "budget_words": "under 30k"}
    assert profile.buying_timeline == "this week"


@contextmanager
def compiled_afresh(db: Database) -> Iterator[list[str]]:
    """The statements SQLAlchemy had to compile (not taken from its compiled cache) while the block ran."""
    fresh: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, params: Any, context: Any, executemany: bool) -> None:
        if context is not None and context.cache_hit != CACHE_HIT:
            fresh.append(statement)

    engine = db.app_engine.sync_engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield fresh
    finally:
        event.remove(engine, "before_cursor_execute", seen)


async def test_a_touchpoint_is_one_cached_statement(db: Database) -> None:
    """On the chat turn's hot path: compiling a statement costs about a millisecond of CPU, so the touchpoint of
    a customer who has a profile must come from SQLAlchemy's compiled cache (the PostgreSQL dialect's ON CONFLICT
    insert never does)."""
    customer = await _customer(db)
    for _ in range(2):  # the first makes the profile and fills the cache
        async with db.session(customer.dealership_id) as session, session.begin():
            await record_interaction(session, customer, InteractionType.message_inbound)
    with compiled_afresh(db) as fresh:
        async with db.session(customer.dealership_id) as session, session.begin():
            await record_interaction(session, customer, InteractionType.message_outbound)
    assert fresh == []
