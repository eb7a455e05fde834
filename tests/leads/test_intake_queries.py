"""Intake's fixed reads: round robin reads each user's latest lead from an index, and errors of statements sent
straight through psycopg are SQLAlchemy's (so the app's handlers and adf_intake's per-document backstop catch
them like any other statement's)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DataError

from showroom.db.engine import Database, fetch_one
from showroom.leads.queries import LEAD_SLOTS
from tests.helpers import create_team


async def test_round_robin_reads_the_latest_lead_per_user_from_an_index(db: Database) -> None:
    team = await create_team(db)
    async with db.session(team.id) as session, session.begin():
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        connection = await session.connection()
        driver = (await connection.get_raw_connection()).driver_connection
        async with driver.cursor() as cursor:  # type: ignore[union-attr]
            await cursor.execute(
                "EXPLAIN " + LEAD_SLOTS,
                {
                    "d": team.id,
                    "name": "Website",
                    "key": "website",
                    "type": "website_form",
                    "prefix": "LEAD-26-",
                    "after": "LEAD-26.",
                    "round_robin": True,
                    "team": [],
                    "vins": ["1HGCM82633A004352"],
                    "stocks": ["P1"],
                },
            )
            plan = "\n".join(row[0] for row in await cursor.fetchall())
    assert "ix_leads_assigned_user_id_created_at" in plan, plan


async def test_database_errors_of_psycopg_statements_are_sqlalchemys(db: Database) -> None:
    team = await create_team(db)
    async with db.session(team.id) as session:
        with pytest.raises(DataError):
            async with session.begin():
                await fetch_one(session, "select %(n)s::int", {"n": "not a number"})
