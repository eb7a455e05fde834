"""Append-only rows written straight through psycopg, on the session's own connection and transaction.

The ORM's unit of work costs about 1 ms of CPU per flushed table, and it orders inserts only along declared
relationships (our models declare foreign keys, not relationships). Hot paths that write a chain of new rows
(lead intake: customer → lead → interests → conversation) insert them here, in the order given, with RLS and
the transaction's tenant exactly as for any other statement. :func:`insert_now` hands back an ordinary
persistent ORM instance, so the rest of the code cannot tell how the row got there.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from sqlalchemy import inspect
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached

from showroom.db.engine import sqlalchemy_errors
from showroom.models import Base

M = TypeVar("M", bound=Base)


@cache
def _jsonb_columns(model: type[Base]) -> frozenset[str]:
    return frozenset(c.name for c in model.__table__.columns if isinstance(c.type, JSONB))


@cache
def _insert_sql(model: type[Base], columns: tuple[str, ...], returning: bool) -> str:
    names = ", ".join(columns)
    values = ", ".join(f"%({c})s" for c in columns)
    return f"insert into {model.__tablename__} ({names}) values ({values})" + (" returning *" if returning else "")


def _adapted(model: type[Base], values: dict[str, Any]) -> dict[str, Any]:
    jsonb = _jsonb_columns(model)
    return {k: Jsonb(v) if k in jsonb and v is not None else v for k, v in values.items()}


async def _driver(session: AsyncSession) -> Any:
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    return raw.driver_connection


def _values(instance: Base) -> dict[str, Any]:
    """The columns set on a new (transient) instance: the rest take their server defaults."""
    state = inspect(instance)
    return {prop.columns[0].name: state.dict[prop.key] for prop in state.mapper.column_attrs if prop.key in state.dict}


async def insert_now(session: AsyncSession, instance: M) -> M:
    """Insert a new ``instance`` now and return it as a persistent instance of the session, every column as stored
    (server defaults included). Use the returned object: ``instance`` itself stays transient."""
    model = type(instance)
    values = _values(instance)
    driver = await _driver(session)
    sql, params = _insert_sql(model, tuple(values), True), _adapted(model, values)
    with sqlalchemy_errors(sql, params):
        async with driver.cursor(row_factory=dict_row) as cursor:
            await cursor.execute(sql, params)
            row = await cursor.fetchone()
    stored = model(**{prop.key: row[prop.columns[0].name] for prop in inspect(model).column_attrs})
    make_transient_to_detached(stored)  # the stored values become its loaded state: nothing left to flush
    session.add(stored)
    return stored


async def insert_all(session: AsyncSession, instances: list[M]) -> None:
    """Insert new ``instances`` of one model now, one executemany per set of fields given (the objects themselves
    are not kept; columns not given take their server defaults)."""
    if not instances:
        return
    model = type(instances[0])
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for instance in instances:
        values = _values(instance)
        groups.setdefault(tuple(values), []).append(_adapted(model, values))
    driver = await _driver(session)
    async with driver.cursor() as cursor:
        for columns, rows in groups.items():
            sql = _insert_sql(model, columns, False)
            with sqlalchemy_errors(sql, rows):
                await cursor.executemany(sql, rows)


async def insert_pending(session: AsyncSession, *models: type[Base]) -> None:
    """Insert the session's new (added, not yet flushed) instances of ``models`` now, in the order given, and let
    the session forget them: for append-only rows nobody reads back in the same transaction (activities, audit
    rows). Ids not set take the column's server default (``gen_random_uuid()``)."""
    for model in models:
        pending = [instance for instance in session.new if type(instance) is model]
        for instance in pending:
            session.expunge(instance)
        await insert_all(session, pending)
