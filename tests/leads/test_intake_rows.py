"""How intake writes: rows inserted through psycopg (db.rows) are ordinary ORM objects under the same RLS, and
round robin reads each user's latest lead from an index."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import delete, event, func, inspect, select, text
from sqlalchemy.exc import DataError, DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from showroom.audit.service import SYSTEM, record
from showroom.db.engine import Database
from showroom.db.rows import flush, insert_now
from showroom.leads.intake import _NUMBER_AND_ASSIGNEE
from showroom.models import AuditLog, Customer, Lead
from tests.helpers import create_team


async def test_insert_now_gives_a_persistent_object_with_server_defaults(db: Database) -> None:
    team = await create_team(db)
    async with db.session(team.id) as session, session.begin():
        customer = await insert_now(session, Customer(dealership_id=team.id, full_name="Rae Chen", email="r@x.example"))
        assert customer in session and customer.id is not None and customer.created_at is not None
        assert customer.total_leads == 0 and customer.country == "US"  # server defaults, as stored
        customer.total_leads = 3  # and it updates like any loaded row
    async with db.maint_session() as maint:
        stored = await maint.get(Customer, customer.id)
    assert stored is not None and stored.total_leads == 3 and stored.full_name == "Rae Chen"


async def test_rows_written_through_psycopg_obey_row_level_security(db: Database) -> None:
    team, other = await create_team(db), await create_team(db)
    async with db.session(team.id) as session:
        with pytest.raises(DBAPIError, match="row-level security"):
            async with session.begin():
                await insert_now(session, Customer(dealership_id=other.id, full_name="Someone Else"))


async def test_flush_writes_the_added_rows_once_in_foreign_key_order(db: Database) -> None:
    team = await create_team(db)
    async with db.session(team.id) as session, session.begin():
        audits = [
            await record(session, SYSTEM, "test.pending", dealership_id=team.id, details={"n": n}) for n in range(3)
        ]
        lead = Lead(
            id=uuid.uuid4(),
            dealership_id=team.id,
            customer_id=uuid.uuid4(),
            source="api",
            lead_number="L-1",
            source_key="k",
        )
        customer = Customer(id=lead.customer_id, dealership_id=team.id, full_name="Added After")
        session.add_all([lead, customer])  # the lead first: flush still writes the customer before it
        await flush(session)
        assert not session.new and all(a.created_at is not None for a in audits) and lead.status == "new"
    async with db.maint_session() as maint:
        rows = (
            await maint.scalars(
                select(AuditLog.details).where(AuditLog.dealership_id == team.id, AuditLog.action == "test.pending")
            )
        ).all()
    assert sorted(r["n"] for r in rows) == [0, 1, 2]


async def test_round_robin_reads_the_latest_lead_per_user_from_an_index(db: Database) -> None:
    team = await create_team(db)
    async with db.session(team.id) as session, session.begin():
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        connection = await session.connection()
        driver = (await connection.get_raw_connection()).driver_connection
        async with driver.cursor() as cursor:  # type: ignore[union-attr]
            await cursor.execute(
                "EXPLAIN " + _NUMBER_AND_ASSIGNEE,
                {"prefix": "LEAD-26-", "after": "LEAD-26.", "round_robin": True},
            )
            plan = "\n".join(row[0] for row in await cursor.fetchall())
    assert "ix_leads_assigned_user_id_created_at" in plan, plan


async def test_database_errors_of_psycopg_statements_are_sqlalchemys(db: Database) -> None:
    """So the app's handlers and adf_intake's per-document backstop catch them like any other statement's."""
    team = await create_team(db)
    async with db.session(team.id) as session:
        with pytest.raises(DataError):
            async with session.begin():
                await insert_now(session, Customer(dealership_id=team.id, full_name="x" * 300))


async def test_flush_writes_changes_of_loaded_rows_in_the_same_statement(db: Database) -> None:
    """Changed loaded rows are updated with the new ones; afterwards they are clean (the commit's ORM flush has
    nothing left to write) and hold the ``updated_at`` the trigger set."""
    team = await create_team(db)
    async with db.session(team.id) as session, session.begin():
        customer = await insert_now(session, Customer(dealership_id=team.id, full_name="Rae Chen"))
        created = customer.updated_at
    statements: list[str] = []
    async with db.session(team.id) as session, session.begin():
        loaded = await session.get(Customer, customer.id)
        assert loaded is not None
        loaded.lead_score, loaded.city = 77, "Matteson"
        session.add(Customer(dealership_id=team.id, full_name="Added Too"))
        connection = await session.connection()
        listen = connection.sync_connection
        assert listen is not None
        event.listen(listen, "before_cursor_execute", lambda *args: statements.append(args[2]))
        await flush(session)
        assert not session.dirty and not session.new
        assert loaded.updated_at > created and loaded.lead_score == 77
    assert not any(s.lstrip().upper().startswith(("UPDATE", "INSERT")) for s in statements), statements
    async with db.maint_session() as maint:
        stored = await maint.get(Customer, customer.id)
        added = await maint.scalar(select(func.count()).where(Customer.full_name == "Added Too"))
    assert stored is not None and (stored.lead_score, stored.city, stored.full_name) == (77, "Matteson", "Rae Chen")
    assert stored.updated_at == loaded.updated_at and added == 1


async def test_flush_reports_a_changed_row_that_is_gone(db: Database) -> None:
    team = await create_team(db)
    async with db.session(team.id) as session, session.begin():
        customer = await insert_now(session, Customer(dealership_id=team.id, full_name="Gone Soon"))
    async with db.session(team.id) as session, session.begin():
        loaded = await session.get(Customer, customer.id)
        assert loaded is not None
        async with db.maint_session() as maint, maint.begin():
            await maint.execute(delete(Customer).where(Customer.id == customer.id))
        loaded.city = "Nowhere"
        with pytest.raises(StaleDataError, match="customers"):
            await flush(session)
        await session.rollback()


async def test_flush_leaves_changed_rows_with_unloaded_columns_to_the_orm(db: Database) -> None:
    """A row the ORM inserted does not hold the columns it did not send; re-attached without them, reading one
    would need a load (MissingGreenlet in async code: the persona test chat's handover hit it)."""
    team = await create_team(db)
    async with db.session(team.id) as session, session.begin():
        customer = Customer(dealership_id=team.id, full_name="Via The ORM")
        session.add(customer)
        await session.flush()
        assert inspect(customer).unloaded  # the precondition this test is about
        customer.city = "Matteson"
        await flush(session)
        assert customer.email is None and customer.city == "Matteson"
    async with db.maint_session() as maint:
        stored = await maint.get(Customer, customer.id)
    assert stored is not None and stored.city == "Matteson"
