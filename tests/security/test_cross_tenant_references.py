"""Finding 11 (issue 15): the database itself refuses a row of one dealership naming a row of another.

Foreign keys ignore row-level security, so before migration 0023 the service login with tenant A set could insert a
conversation on tenant B's lead and customer, or assign A's lead to a user of B. Every foreign key between tenant
tables now carries dealership_id, and the assignee of a lead, an appointment or a follow-up must be a member of the
row's dealership."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError

from showroom.db.engine import Database
from showroom.errors import ValidationFailed
from showroom.leads.service import check_assignee
from showroom.models import Conversation, Lead, Message
from tests.factories import World, create_world


@pytest.fixture(scope="module")
async def worlds(db: Database) -> tuple[World, World]:
    async with db.maint_session() as maint, maint.begin():
        a = await create_world(maint)
        b = await create_world(maint)
    return a, b


def _conversation(a: World, **overrides: Any) -> Conversation:
    mine = a.rows["conversations"]
    values = {"dealership_id": a.id, "lead_id": mine.lead_id, "customer_id": mine.customer_id, "channel": "chat"}
    return Conversation(**{**values, **overrides})


async def test_a_conversation_of_a_on_the_lead_and_customer_of_b_is_refused(
    db: Database, worlds: tuple[World, World]
) -> None:
    a, b = worlds
    theirs = b.rows["conversations"]
    for overrides in ({"lead_id": theirs.lead_id}, {"customer_id": theirs.customer_id}):
        async with db.session(a.id) as session:
            with pytest.raises(IntegrityError, match=r"fk_conversations_(lead|customer)_id"):
                async with session.begin():
                    session.add(_conversation(a, **overrides))


async def test_the_same_conversation_on_its_own_lead_and_customer_is_accepted(
    db: Database, worlds: tuple[World, World]
) -> None:
    a, _ = worlds
    async with db.session(a.id) as session, session.begin():
        conversation = _conversation(a, external_thread_id=f"t-{uuid.uuid4().hex}")
        session.add(conversation)
    assert conversation.id is not None


async def test_a_lead_of_a_assigned_to_a_user_of_b_is_refused(db: Database, worlds: tuple[World, World]) -> None:
    a, b = worlds
    lead = a.rows["leads"]
    async with db.session(a.id) as session:
        with pytest.raises(IntegrityError, match="fk_leads_assigned_user_id"):
            async with session.begin():
                await session.execute(update(Lead).where(Lead.id == lead.id).values(assigned_user_id=b.agent.id))
    async with db.session(a.id) as session, session.begin():  # a member of A: accepted
        await session.execute(update(Lead).where(Lead.id == lead.id).values(assigned_user_id=a.agent.id))


async def test_a_super_admin_is_no_assignee_but_may_still_act(db: Database, worlds: tuple[World, World]) -> None:
    """Membership is users.dealership_id: a super admin (no dealership) cannot be assigned a tenant's lead (the
    service says so first, 422), yet rows that record who acted keep a plain foreign key, since a super admin acts
    anywhere: an activity, and taking a conversation over."""
    a, _ = worlds
    async with db.maint_session() as maint, maint.begin():
        admin_id = (
            await maint.execute(
                text("insert into users (email, role, is_active) values (:e, 'super_admin', true) returning id"),
                {"e": f"root-{uuid.uuid4().hex[:8]}@example.com"},
            )
        ).scalar_one()
    lead = a.rows["leads"]
    async with db.session(a.id) as session:
        with pytest.raises(IntegrityError, match="fk_leads_assigned_user_id"):
            async with session.begin():
                await session.execute(update(Lead).where(Lead.id == lead.id).values(assigned_user_id=admin_id))
    async with db.session(a.id, admin_id) as session:
        with pytest.raises(ValidationFailed, match=f"user {admin_id} is not a member of this dealership"):
            await check_assignee(session, admin_id)
    async with db.session(a.id, admin_id) as session, session.begin():
        await session.execute(
            update(Conversation).where(Conversation.id == a.rows["conversations"].id).values(assigned_user_id=admin_id)
        )
        await session.execute(
            text(
                "insert into lead_activities (dealership_id, lead_id, user_id, type, description) "
                "values (:d, :l, :u, 'note', 'checked by the platform')"
            ),
            {"d": a.id, "l": lead.id, "u": admin_id},
        )


async def test_a_message_of_a_in_a_conversation_of_b_is_refused(db: Database, worlds: tuple[World, World]) -> None:
    a, b = worlds
    mine = a.rows["messages"]
    values = {c.key: getattr(mine, c.key) for c in Message.__table__.columns if c.key not in ("id", "updated_at")}
    values |= {"conversation_id": b.rows["conversations"].id, "idempotency_key": None, "created_at": None}
    async with db.session(a.id) as session:
        with pytest.raises(IntegrityError, match="fk_messages_conversation_id"):
            async with session.begin():
                session.add(Message(**{k: v for k, v in values.items() if v is not None}))


async def test_deleting_an_assignee_clears_only_the_reference_and_a_dealership_still_goes_whole(db: Database) -> None:
    """ON DELETE SET NULL (assigned_user_id) leaves the row's dealership alone; a dealership delete, which also
    sets its users' dealership_id to NULL, still removes its rows in one statement."""
    async with db.maint_session() as maint, maint.begin():
        world = await create_world(maint)
    lead, agent = world.rows["leads"], world.agent
    async with db.session(world.id) as session, session.begin():
        await session.execute(update(Lead).where(Lead.id == lead.id).values(assigned_user_id=agent.id))
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(text("delete from users where id = :u"), {"u": agent.id})
    async with db.session(world.id) as session, session.begin():
        row = (
            await session.execute(
                text("select dealership_id, assigned_user_id from leads where id = :l"), {"l": lead.id}
            )
        ).one()
        assert tuple(row) == (world.id, None)
        await session.execute(update(Lead).where(Lead.id == lead.id).values(assigned_user_id=world.admin.id))
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(text("delete from dealerships where id = :d"), {"d": world.id})
        left = await maint.scalar(text("select count(*) from leads where dealership_id = :d"), {"d": world.id})
    assert left == 0
