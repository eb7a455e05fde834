"""The schema refuses bad rows by itself, and cascades behave as DATA_MODEL.md specifies."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from showroom.db.engine import Database
from showroom.models import TENANT_TABLES, Customer, Dealership, Lead, User, Vehicle
from tests.factories import create_dealership, create_user, create_vehicle, create_world, unique


async def test_not_null_columns_reject_missing_values(db: Database) -> None:
    async with db.maint_session() as maint:
        d = await create_dealership(maint)
        with pytest.raises(IntegrityError, match="not-null"):
            await create_vehicle(maint, d.id, make=None)
        await maint.rollback()


@pytest.mark.parametrize(
    ("table", "values", "constraint"),
    [
        ("dealerships", {"subdomain": "Bad Sub!"}, "ck_dealerships_subdomain"),
        ("dealerships", {"primary_color": "red"}, "ck_dealerships_colors"),
        ("vehicles", {"vin": "TOO-SHORT"}, "ck_vehicles_vin"),
        ("vehicles", {"year": 1850}, "ck_vehicles_year"),
        ("vehicles", {"price": -1}, "ck_vehicles_prices"),
        ("vehicles", {"condition": "certified", "certified": False}, "ck_vehicles_certified"),
        ("users", {"email": "Mixed@Example.com"}, "ck_users_email"),
        ("users", {"role": "super_admin"}, "ck_users_dealership_role"),
    ],
)
async def test_check_constraints_reject_bad_values(
    db: Database, table: str, values: dict[str, object], constraint: str
) -> None:
    async with db.maint_session() as maint:
        if table == "dealerships":
            attempt = create_dealership(maint, **values)
        else:
            d = await create_dealership(maint)
            attempt = (
                create_vehicle(maint, d.id, **values) if table == "vehicles" else create_user(maint, d.id, **values)
            )
        with pytest.raises(IntegrityError, match=constraint):
            await attempt
        await maint.rollback()


async def test_unique_keys_are_per_dealership(db: Database) -> None:
    async with db.maint_session() as maint:
        a = await create_dealership(maint)
        b = await create_dealership(maint)
        car = await create_vehicle(maint, a.id)
        await create_vehicle(maint, b.id, vin=car.vin)  # another dealership may stock the same VIN
        with pytest.raises(IntegrityError, match="uq_vehicles_dealership_id_vin"):
            await create_vehicle(maint, a.id, vin=car.vin)
        await maint.rollback()
    async with db.maint_session() as maint:
        d = await create_dealership(maint)
        with pytest.raises(IntegrityError, match="uq_dealerships_subdomain"):
            await create_dealership(maint, subdomain=d.subdomain)
        await maint.rollback()
    async with db.maint_session() as maint:
        email = f"{unique('dup')}@example.com"
        d = await create_dealership(maint)
        await create_user(maint, d.id, email=email)
        with pytest.raises(IntegrityError, match="uq_users_email"):
            await create_user(maint, d.id, email=email)
        await maint.rollback()


async def test_updated_at_is_maintained_by_the_database(db: Database) -> None:
    async with db.maint_session() as maint, maint.begin():
        d = await create_dealership(maint)
        created = d.updated_at
    await asyncio.sleep(0.01)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(text("update dealerships set name = 'Renamed' where id = :id"), {"id": d.id})
        updated = await maint.scalar(select(Dealership.updated_at).where(Dealership.id == d.id))
    assert updated is not None
    assert updated > created


async def test_deleting_a_dealership_removes_everything_it_owns(db: Database) -> None:
    async with db.maint_session() as maint, maint.begin():
        doomed = await create_world(maint)
        kept = await create_world(maint)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(text("delete from dealerships where id = :id"), {"id": doomed.id})
    async with db.maint_session() as maint:
        for table in (*TENANT_TABLES, "sessions", "magic_link_invitations", "user_invitations", "audit_logs"):
            left = await maint.scalar(
                text(f"select count(*) from {table} where dealership_id = :id"), {"id": doomed.id}
            )
            assert left == 0, table
            assert await maint.scalar(
                text(f"select count(*) from {table} where dealership_id = :id"), {"id": kept.id}
            ), table
        # Staff accounts outlive the dealership, detached and deactivated (tg_users_deactivate_orphan).
        orphan = await maint.get(User, doomed.agent.id)
        assert orphan is not None
        assert orphan.dealership_id is None
        assert orphan.is_active is False


async def test_deleting_a_user_keeps_business_rows_and_nulls_references(db: Database) -> None:
    async with db.maint_session() as maint, maint.begin():
        world = await create_world(maint)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(text("delete from users where id = :id"), {"id": world.agent.id})
    async with db.maint_session() as maint:
        lead = await maint.get(Lead, world.rows["leads"].id)
        assert lead is not None
        assert lead.assigned_user_id is None
        for table, column in (
            ("conversations", "assigned_user_id"),
            ("handovers", "to_user_id"),
            ("lead_activities", "user_id"),
            ("follow_ups", "assigned_user_id"),
            ("response_suggestions", "used_by_user_id"),
        ):
            value = await maint.scalar(text(f"select {column} from {table} where dealership_id = :d"), {"d": world.id})
            assert value is None, table
        # A session cannot outlive its user (CASCADE).
        assert await maint.scalar(text("select count(*) from sessions where user_id = :u"), {"u": world.agent.id}) == 0


async def test_deleting_a_customer_cascades_to_leads_and_conversations(db: Database) -> None:
    async with db.maint_session() as maint, maint.begin():
        world = await create_world(maint)
    customer_id = world.rows["customers"].id
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(text("delete from customers where id = :id"), {"id": customer_id})
    async with db.maint_session() as maint:
        assert await maint.scalar(select(func.count()).select_from(Lead).where(Lead.customer_id == customer_id)) == 0
        for table in ("conversations", "messages", "handovers", "lead_activities", "follow_ups"):
            assert (
                await maint.scalar(text(f"select count(*) from {table} where dealership_id = :d"), {"d": world.id}) == 0
            ), table
        # The vehicle it asked about is inventory: it stays.
        assert await maint.get(Vehicle, world.rows["vehicles"].id) is not None
        assert (
            await maint.scalar(select(func.count()).select_from(Customer).where(Customer.dealership_id == world.id))
            == 0
        )


async def test_a_persona_used_by_an_experiment_cannot_be_deleted(db: Database) -> None:
    async with db.maint_session() as maint, maint.begin():
        world = await create_world(maint)
        await maint.execute(
            text("update prompt_variants set prompt_template = null, persona_id = :p where id = :v"),
            {"p": world.rows["personas"].id, "v": world.rows["prompt_variants"].id},
        )
    async with db.maint_session() as maint:
        with pytest.raises(IntegrityError, match="fk_prompt_variants_persona_id"):
            async with maint.begin():
                await maint.execute(text("delete from personas where id = :p"), {"p": world.rows["personas"].id})
