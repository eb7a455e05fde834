"""Keyset (cursor) pagination: stable under inserts, cheap at any depth.

The cursor is the sort key and id of the last row returned, base64-encoded JSON. A page asks for rows strictly
after it in the (key, id) order, so rows inserted meanwhile never shift or repeat what a client already has.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel
from sqlalchemy import BigInteger, ColumnElement, Integer, Select, SmallInteger, literal, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import SQLColumnExpression
from sqlalchemy.types import TypeEngine

from showroom.errors import ValidationFailed

T = TypeVar("T")
MAX_LIMIT = 200


class PageOut(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


@dataclass(frozen=True)
class SortKey:
    expression: SQLColumnExpression[Any]
    descending: bool


def _encode_value(value: Any) -> list[Any]:
    if isinstance(value, datetime):
        return ["dt", value.isoformat()]
    if isinstance(value, uuid.UUID):
        return ["uuid", str(value)]
    if isinstance(value, Decimal):
        return ["dec", str(value)]
    return ["v", value]


def _decode_value(tagged: list[Any]) -> Any:
    tag, value = tagged
    if tag == "dt":
        return datetime.fromisoformat(value)
    if tag == "uuid":
        return uuid.UUID(value)
    if tag == "dec":
        return Decimal(value)
    return value


def encode_cursor(key: Any, row_id: Any) -> str:
    raw = json.dumps([_encode_value(key), _encode_value(row_id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


_INT_RANGES = ((SmallInteger, 2**15), (BigInteger, 2**63), (Integer, 2**31))  # subclasses before Integer


def _fits(value: Any, column_type: TypeEngine[Any], *, nullable: bool) -> bool:
    """Whether ``value`` can be bound against a column of ``column_type`` without a database error."""
    if value is None:
        return nullable
    try:
        expected = column_type.python_type
    except NotImplementedError:  # a type without a Python equivalent: nothing to check against
        return isinstance(value, str | int | float)
    if expected is int:
        limit = next((bound for kind, bound in _INT_RANGES if isinstance(column_type, kind)), 2**63)
        return isinstance(value, int) and not isinstance(value, bool) and -limit <= value < limit
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is Decimal:
        return isinstance(value, Decimal) and value.is_finite()
    if expected is str:
        return isinstance(value, str) and "\x00" not in value
    return isinstance(value, expected)


def decode_cursor(cursor: str, key_type: TypeEngine[Any], id_type: TypeEngine[Any]) -> tuple[Any, Any]:
    """The (sort key, id) of a cursor, checked against the types of the sort expression and the id column: a
    cursor someone edited is a 422 naming ``cursor``, never a database error."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, row_id = json.loads(raw)
        key, row_id = _decode_value(key), _decode_value(row_id)
        valid = _fits(key, key_type, nullable=True) and _fits(row_id, id_type, nullable=False)
    except (binascii.Error, ValueError, TypeError, KeyError, InvalidOperation):
        valid = False
    if not valid:
        raise ValidationFailed("invalid cursor: pass back next_cursor exactly as received", field="cursor")
    return key, row_id


async def paginate(
    session: AsyncSession,
    query: Select[Any],
    *,
    sort: SortKey,
    id_column: ColumnElement[Any] | InstrumentedAttribute[Any],
    cursor: str | None,
    limit: int,
) -> tuple[list[Any], str | None]:
    """One page of ``query`` (a select of one entity) ordered by ``sort`` then id; returns rows and the next cursor."""
    limit = max(1, min(limit, MAX_LIMIT))
    keyed = query.add_columns(sort.expression.label("_sort_key"))
    if cursor:
        key_type = cast(ColumnElement[Any], sort.expression).type
        key, row_id = decode_cursor(cursor, key_type, id_column.type)
        after = tuple_(sort.expression, id_column)
        bound = tuple_(literal(key, key_type), literal(row_id, id_column.type))
        keyed = keyed.where(after < bound if sort.descending else after > bound)
    order = (sort.expression.desc(), id_column.desc()) if sort.descending else (sort.expression.asc(), id_column.asc())
    rows = (await session.execute(keyed.order_by(*order).limit(limit + 1))).all()
    items = [row[0] for row in rows[:limit]]
    next_cursor = encode_cursor(rows[limit - 1][1], rows[limit - 1][0].id) if len(rows) > limit else None
    return items, next_cursor
