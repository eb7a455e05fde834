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
from decimal import Decimal
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, literal, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import SQLColumnExpression

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


def decode_cursor(cursor: str) -> tuple[Any, Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, row_id = json.loads(raw)
        return _decode_value(key), _decode_value(row_id)
    except (binascii.Error, ValueError, TypeError, KeyError):
        raise ValidationFailed("invalid cursor: pass back next_cursor exactly as received", field="cursor") from None


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
        key, row_id = decode_cursor(cursor)
        after = tuple_(sort.expression, id_column)
        bound = tuple_(literal(key), literal(row_id))
        keyed = keyed.where(after < bound if sort.descending else after > bound)
    order = (sort.expression.desc(), id_column.desc()) if sort.descending else (sort.expression.asc(), id_column.asc())
    rows = (await session.execute(keyed.order_by(*order).limit(limit + 1))).all()
    items = [row[0] for row in rows[:limit]]
    next_cursor = encode_cursor(rows[limit - 1][1], rows[limit - 1][0].id) if len(rows) > limit else None
    return items, next_cursor
