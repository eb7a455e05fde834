"""Row-level security, proven table by table: the database itself keeps tenants apart."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError, ProgrammingError

from showroom.db.engine import Database
from showroom.db.tenancy import acting_for
from showroom.models import APPEND_ONLY, PLATFORM_TABLES, TENANT_TABLES, Base
from tests.factories import World, create_world

NULLABLE_TENANT = ("magic_link_invitations", "user_invitations", "audit_logs")
ISOLATED = (*TENANT_TABLES, *NULLABLE_TENANT, "users")


@pytest.fixture(scope="module")
async def worlds(db: Database) -> tuple[World, World]:
    async with db.maint_session() as maint, maint.begin():
        a = await create_world(maint)
        b = await create_world(maint)
    return a, b


async def _scalar(db: Database, tenant: int | None, sql: str, **params: Any) -> Any:
    async with db.session(tenant) as session, session.begin():
        return (await session.execute(text(sql), params)).scalar()


def test_every_tenant_table_is_covered() -> None:
    # + webhook_endpoints, webhook_deliveries (19), appointments (18), saved_replies (21), inventory_feed_sources,
    # inventory_imports, inventory_import_rows (feeds), crm_handoffs and inbound_mailboxes (CRM)
    assert len(TENANT_TABLES) == 23 + 4 + 3 + 2
    assert set(TENANT_TABLES) | {"dealerships", "users", "sessions", *NULLABLE_TENANT} | PLATFORM_TABLES == set(
        Base.metadata.tables
    )


@pytest.mark.parametrize("table", ISOLATED)
async def test_tenant_sees_only_its_own_rows(db: Database, worlds: tuple[World, World], table: str) -> None:
    a, b = worlds
    assert await _scalar(db, a.id, f"select count(*) from {table} where dealership_id = :b", b=b.id) == 0
    assert await _scalar(db, a.id, f"select count(*) from {table} where dealership_id = :a", a=a.id) >= 1
    assert await _scalar(db, a.id, f"select count(*) from {table} where dealership_id <> :a", a=a.id) == 0


@pytest.mark.parametrize("table", ISOLATED)
async def test_no_tenant_set_reads_nothing(db: Database, worlds: tuple[World, World], table: str) -> None:
    assert await _scalar(db, None, f"select count(*) from {table}") == 0


@pytest.mark.parametrize("table", ISOLATED)
async def test_tenant_cannot_update_or_delete_other_rows(db: Database, worlds: tuple[World, World], table: str) -> None:
    a, b = worlds
    for statement in (
        f"update {table} set dealership_id = dealership_id where dealership_id = :b",
        f"delete from {table} where dealership_id = :b",
    ):
        async with db.session(a.id) as session, session.begin():
            if table in APPEND_ONLY or (table == "users" and statement.startswith("delete")):
                with pytest.raises(ProgrammingError, match="permission denied"):
                    await session.execute(text(statement), {"b": b.id})
            else:
                result = await session.execute(text(statement), {"b": b.id})
                assert result.rowcount == 0  # type: ignore[attr-defined]
    async with db.maint_session() as maint:
        still = await maint.scalar(text(f"select count(*) from {table} where dealership_id = :b"), {"b": b.id})
    assert still
    assert still >= 1


@pytest.mark.parametrize("table", ISOLATED)
async def test_tenant_cannot_insert_into_another_tenant(db: Database, worlds: tuple[World, World], table: str) -> None:
    a, b = worlds
    row = worlds[1].rows.get(table) if table != "users" else b.agent
    values = _insertable(row)
    values["dealership_id"] = b.id
    columns = ", ".join(values)
    params = ", ".join(f":{c}" for c in values)
    async with db.session(a.id) as session:
        with pytest.raises(DBAPIError, match="row-level security"):
            async with session.begin():
                await session.execute(text(f"insert into {table} ({columns}) values ({params})"), values)


@pytest.mark.parametrize("table", [t for t in ISOLATED if t not in APPEND_ONLY])
async def test_tenant_cannot_move_its_row_to_another_tenant(
    db: Database, worlds: tuple[World, World], table: str
) -> None:
    a, b = worlds
    async with db.session(a.id) as session:
        with pytest.raises(DBAPIError, match="row-level security"):
            async with session.begin():
                await session.execute(
                    text(f"update {table} set dealership_id = :b where dealership_id = :a"), {"a": a.id, "b": b.id}
                )


async def test_dealerships_table_shows_only_the_tenant_row(db: Database, worlds: tuple[World, World]) -> None:
    a, b = worlds
    assert await _scalar(db, a.id, "select count(*) from dealerships") == 1
    assert await _scalar(db, a.id, "select id from dealerships") == a.id
    assert await _scalar(db, None, "select count(*) from dealerships") == 0
    async with db.session(a.id) as session, session.begin():
        result = await session.execute(text("update dealerships set name = 'x' where id = :b"), {"b": b.id})
        assert result.rowcount == 0  # type: ignore[attr-defined]
    async with db.session(a.id) as session:
        with pytest.raises(ProgrammingError, match="permission denied"):
            async with session.begin():
                await session.execute(text("delete from dealerships where id = :a"), {"a": a.id})


async def test_tenant_setting_does_not_leak_through_the_pool(settings: Any, topo: Any) -> None:
    """One pooled connection, used by tenant A and then by nobody: the second sees nothing."""
    from showroom.db.engine import Database as Db
    from showroom.db.engine import make_engine

    engine = make_engine(topo.app, settings, application_name="showroom-test-pool", pool_size=1, max_overflow=0)
    single = Db(app_engine=engine, maint_engine=engine, app_url=topo.app, maint_url=topo.app)
    try:
        async with single.session(None) as s1, s1.begin():
            pid1 = await s1.scalar(text("select pg_backend_pid()"))
        async with single.session(12345) as s2, s2.begin():
            assert await s2.scalar(text("select current_setting('app.dealership_id', true)")) == "12345"
        async with single.session(None) as s3, s3.begin():
            assert await s3.scalar(text("select pg_backend_pid()")) == pid1
            assert await s3.scalar(text("select current_setting('app.dealership_id', true)")) == ""
            assert await s3.scalar(text("select count(*) from vehicles")) == 0
    finally:
        await engine.dispose()


async def test_acting_for_applies_at_once_inside_a_transaction_and_ends_with_the_block(
    db: Database, worlds: tuple[World, World]
) -> None:
    a, b = worlds
    async with db.session(None) as session:
        async with session.begin():
            assert await session.scalar(text("select count(*) from vehicles")) == 0
            async with acting_for(session, a.id):
                assert await session.scalar(text("select count(*) from vehicles")) == 1
                async with acting_for(session, b.id):
                    assert await session.scalar(text("select count(*) from vehicles")) == 1
                    assert session.info["dealership_id"] == b.id
                assert session.info["dealership_id"] == a.id
            assert await session.scalar(text("select count(*) from vehicles")) == 0
        async with acting_for(session, a.id), session.begin():  # between transactions: the next one acts for it
            assert await session.scalar(text("select count(*) from vehicles")) == 1
        async with session.begin():
            assert await session.scalar(text("select count(*) from vehicles")) == 0


async def test_service_role_is_not_privileged(db: Database) -> None:
    async with db.session(None) as session, session.begin():
        row = (
            await session.execute(text("select rolsuper, rolbypassrls from pg_roles where rolname = current_user"))
        ).one()
        owned = await session.scalar(
            text(
                "select count(*) from pg_class where relowner = (select oid from pg_roles where rolname = current_user)"
            )
        )
    assert row == (False, False)
    assert owned == 0


def _insertable(obj: Any) -> dict[str, Any]:
    """The columns of an existing row that an INSERT may set (no generated id or column), as SQL params."""
    out: dict[str, Any] = {}
    unloaded = inspect(obj).unloaded  # deferred columns (an import run's file) keep their default
    for attr in inspect(type(obj)).column_attrs:
        column = attr.columns[0]
        if column.primary_key or column.computed is not None or column.name in ("created_at", "updated_at"):
            continue
        if attr.key in unloaded:
            continue
        value = getattr(obj, attr.key)
        out[column.name] = json.dumps(value) if isinstance(column.type, JSONB) else value
    return out
