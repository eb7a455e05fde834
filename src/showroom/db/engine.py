"""Engines, sessions and the tenant of each transaction.

Two pools per process:

* **app** (``showroom_app``): every request and job. Each transaction starts with
  ``set_config('app.dealership_id', …, true)`` and ``app.user_id`` (transaction-local, so nothing leaks
  through the pool: DESIGN.md §8). The values live in ``session.info`` and are applied by an
  ``after_begin`` hook, so no code path can open a transaction without them.
* **maint** (``showroom_maint``, BYPASSRLS): only for the cross-tenant super-admin functions.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row
from sqlalchemy import Connection, Table, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, SessionTransaction

from showroom.db import datetimes, priority
from showroom.ops import instrument
from showroom.settings import Settings

_SET_TENANT = "select set_config('app.dealership_id', %s, true), set_config('app.user_id', %s, true)"


def _tenant_params(dealership_id: int | None, user_id: int | None) -> tuple[str, str]:
    return "" if dealership_id is None else str(dealership_id), "" if user_id is None else str(user_id)


def _insert_levels(tables: Iterable[Table]) -> list[list[Table]]:
    """``tables`` in foreign-key levels: each level refers only to tables of earlier levels (or to none of
    ``tables``), so one flush may insert a whole level in any order."""
    pending = set(tables)
    level: dict[Table, int] = {}

    def depth(table: Table) -> int:
        if table not in level:
            level[table] = 0  # a cycle (none today) would stop here rather than recurse forever
            parents = {fk.column.table for fk in table.foreign_keys} & pending - {table}
            level[table] = 1 + max((depth(parent) for parent in parents), default=-1)
        return level[table]

    levels: list[list[Table]] = [[] for _ in range(1 + max((depth(t) for t in pending), default=0))]
    for table in pending:
        levels[depth(table)].append(table)
    return levels


class OrderedSession(Session):
    """A Session whose flush inserts new rows in foreign-key order.

    The unit of work orders the inserts of different tables only along declared ``relationship()``s; our models
    declare foreign keys, not relationships, and without one it orders tables by class name (so a conversation
    could be inserted before its new customer). When a flush has new rows of tables that refer to each other, the
    rows are flushed level by level (``_insert_levels``: a table after those it refers to); the last level goes with
    the updates and deletes. Every write still goes through the ORM's unit of work."""

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        if objects is None and self.new:
            tables: dict[Table, list[Any]] = {}
            for instance in self.new:
                tables.setdefault(instance.__table__, []).append(instance)
            if len(tables) > 1:
                for level in _insert_levels(tables)[:-1]:
                    super().flush([instance for table in level for instance in tables[table]])
        super().flush(objects)


class TenantSession(OrderedSession):
    """A Session whose every transaction carries the tenant from ``info`` (``db.tenancy`` says who sets it)."""


@event.listens_for(TenantSession, "after_begin")
def _apply_tenant(session: Session, transaction: SessionTransaction, connection: Connection) -> None:
    if transaction.nested:
        return  # a savepoint runs in its transaction, which has the settings already
    dealership_id = session.info.get("dealership_id")
    user_id = session.info.get("user_id")
    if dealership_id is None and user_id is None:
        return  # a new transaction starts with both settings empty: transaction-local values never outlive one
    # Straight to psycopg (SQLAlchemy's documented ``run_async`` for driver calls in sync code): every app
    # transaction starts here, and the statement path cost ~0.5 ms of CPU of it (DESIGN.md §7b).
    params = _tenant_params(dealership_id, user_id)
    driver: Any = connection.connection.dbapi_connection
    with sqlalchemy_errors(_SET_TENANT, params):
        driver.run_async(lambda raw: raw.execute(_SET_TENANT, params))


async def apply_tenant(session: AsyncSession, dealership_id: int | None, user_id: int | None) -> None:
    """Record the tenant in ``session.info`` (its next transactions start with it) and, inside a transaction, set
    it for the rest of this one. Only ``db.tenancy`` calls it (DESIGN.md §4: where a tenant may be set)."""
    session.info["dealership_id"] = dealership_id
    session.info["user_id"] = user_id
    if session.in_transaction():
        await fetch_one(session, _SET_TENANT, _tenant_params(dealership_id, user_id))


@contextlib.contextmanager
def sqlalchemy_errors(sql: str, params: Any) -> Iterator[None]:
    """psycopg errors of statements sent around SQLAlchemy, raised as SQLAlchemy's (IntegrityError, DataError,
    OperationalError...), so callers and the app's error handlers treat them like any other statement's."""
    try:
        yield
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, params, exc, psycopg.Error) from exc


async def fetch_one(
    session: AsyncSession, sql: str, params: Mapping[str, Any] | Sequence[Any]
) -> dict[str, Any] | None:
    """Run one fixed, hot statement straight through psycopg on the session's own connection: same transaction,
    same tenant (RLS applies), but no SQLAlchemy compilation or result processing. bench/api_get_lead.py
    measured that layer at ~0.4 ms of CPU per statement, over half the cost of an authenticated read; use this
    for authentication, lead intake and other hot paths' fixed statements, and the ORM everywhere else."""
    with sqlalchemy_errors(sql, params):
        async with (await _driver(session)).cursor(row_factory=dict_row) as cursor:
            start = time.perf_counter()
            await cursor.execute(sql, params)
            row: dict[str, Any] | None = await cursor.fetchone()
            if instrument.ENABLED:
                instrument.record(sql, time.perf_counter() - start)
    return row


async def fetch_all(session: AsyncSession, sql: str, params: Mapping[str, Any] | Sequence[Any]) -> list[dict[str, Any]]:
    """:func:`fetch_one` for every row."""
    with sqlalchemy_errors(sql, params):
        async with (await _driver(session)).cursor(row_factory=dict_row) as cursor:
            start = time.perf_counter()
            await cursor.execute(sql, params)
            rows: list[dict[str, Any]] = await cursor.fetchall()
            if instrument.ENABLED:
                instrument.record(sql, time.perf_counter() - start)
    return rows


async def _driver(session: AsyncSession) -> Any:
    """The psycopg connection under the session's current transaction (begun, with its tenant, if need be)."""
    connection = await session.connection()
    return (await connection.get_raw_connection()).driver_connection


def make_engine(
    url: URL,
    settings: Settings,
    *,
    application_name: str,
    pool_size: int | None = None,
    max_overflow: int | None = None,
) -> AsyncEngine:
    options = f"-c statement_timeout={settings.db_statement_timeout_ms}"
    datetimes.install()  # a date past 9999 in one row reads as the largest one, not as an error for the whole list
    engine = create_async_engine(
        url,
        poolclass=instrument.TimedPool if settings.metrics_enabled else None,
        pool_size=pool_size or settings.db_pool_size,
        max_overflow=settings.db_max_overflow if max_overflow is None else max_overflow,
        pool_timeout=settings.db_pool_timeout,
        pool_recycle=settings.db_pool_recycle,
        connect_args={
            "application_name": application_name,
            "connect_timeout": settings.db_connect_timeout,
            "options": options,
        },
    )
    if settings.metrics_enabled:
        instrument.instrument(engine, application_name.removeprefix("showroom-"))
    if settings.embedded:  # a niced process (the chat worker) has its backends niced too
        event.listen(engine.sync_engine, "connect", priority.on_connect)
    instrument.ENABLED = settings.metrics_enabled
    return engine


@dataclass
class Database:
    """The pools of one process and their session factories."""

    app_engine: AsyncEngine
    maint_engine: AsyncEngine
    app_url: URL
    maint_url: URL

    def __post_init__(self) -> None:
        self.sessions = async_sessionmaker(self.app_engine, expire_on_commit=False, sync_session_class=TenantSession)
        self.maint_sessions = async_sessionmaker(
            self.maint_engine, expire_on_commit=False, sync_session_class=OrderedSession
        )

    def session(self, dealership_id: int | None = None, user_id: int | None = None) -> AsyncSession:
        """An app-role session acting for ``dealership_id`` (None: only pre-tenant tables are visible)."""
        session = self.sessions()
        session.info.update(dealership_id=dealership_id, user_id=user_id)
        return session

    def maint_session(self) -> AsyncSession:
        """A BYPASSRLS session. Only super-admin service functions may use it; each use is audited."""
        return self.maint_sessions()

    async def dispose(self) -> None:
        await self.app_engine.dispose()
        await self.maint_engine.dispose()


def open_database(settings: Settings, app_url: URL, maint_url: URL, *, process: str = "web") -> Database:
    return Database(
        app_engine=make_engine(app_url, settings, application_name=f"showroom-{process}"),
        maint_engine=make_engine(
            maint_url, settings, application_name="showroom-maint", pool_size=settings.maint_pool_size, max_overflow=0
        ),
        app_url=app_url,
        maint_url=maint_url,
    )
