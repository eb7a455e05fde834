"""Declarative base, naming convention and the column helpers every model uses (DATA_MODEL.md §0)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    FetchedValue,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}

HASH64_PATTERN = "^[0-9a-f]{64}$"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: DateTime(timezone=True), dict[str, Any]: JSONB, list[Any]: JSONB}
    # RETURNING fetches server-set columns (ids, defaults, updated_at) in the same statement, so
    # no lazy refresh is ever needed after a flush.
    __mapper_args__ = {"eager_defaults": True}


# --- columns ---------------------------------------------------------------------------------------


def identity_pk() -> Mapped[int]:
    return mapped_column(Integer, Identity(always=False), primary_key=True)


def uuid_pk() -> Mapped[uuid.UUID]:
    """``uuid PRIMARY KEY DEFAULT gen_random_uuid()``; the ORM picks the id itself (``uuid4``, the same kind), so
    a flush writes several new rows of one table in one INSERT instead of one INSERT ... RETURNING each."""
    return mapped_column(
        UUID(as_uuid=True),
        primary_key=True,
        default=uuid.uuid4,
        server_default=text("gen_random_uuid()"),
        insert_sentinel=True,
    )


def timestamp_now() -> Mapped[datetime]:
    """``timestamptz NOT NULL DEFAULT now()``."""
    return mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


def created_at() -> Mapped[datetime]:
    return timestamp_now()


def updated_at() -> Mapped[datetime]:
    """Maintained by the ``tg_<table>_updated_at`` trigger, never by the application."""
    return mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now(), server_onupdate=FetchedValue()
    )


def tenant() -> Mapped[int]:
    return mapped_column(ForeignKey("dealerships.id", ondelete="CASCADE"), nullable=False)


def uuid_fk(target: str, ondelete: str, **kw: Any) -> Mapped[Any]:
    return mapped_column(UUID(as_uuid=True), ForeignKey(target, ondelete=ondelete), **kw)


def user_ref(nullable: bool = True) -> Mapped[int | None]:
    """A user column with no note in DATA_MODEL.md: business rows outlive a person (SET NULL)."""
    return mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=nullable)


def jsonb_object() -> Mapped[dict[str, Any]]:
    return mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))


def jsonb_array() -> Mapped[list[Any]]:
    return mapped_column(JSONB, nullable=False, server_default=text("'[]'::jsonb"))


def hash64(nullable: bool = False, **kw: Any) -> Mapped[Any]:
    return mapped_column(String(64), nullable=nullable, **kw)


# --- constraints -----------------------------------------------------------------------------------


def _quote(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def check_in(column: str, values: Iterable[str], name: str | None = None) -> CheckConstraint:
    """``ck_<table>_<column>``: an enum as varchar + CHECK (DATA_MODEL.md §0); ``values`` is a vocabulary
    (``check_in("status", LeadStatus)``, see ``showroom.vocabulary``) or a subset of one's members."""
    return CheckConstraint(f"{column} IN ({_quote(values)})", name=name or column)


def check_range(
    column: str, low: float | None = None, high: float | None = None, name: str | None = None
) -> CheckConstraint:
    parts = []
    if low is not None:
        parts.append(f"{column} >= {low}")
    if high is not None:
        parts.append(f"{column} <= {high}")
    return CheckConstraint(" AND ".join(parts), name=name or column)


def check_hash64(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} ~ '{HASH64_PATTERN}'", name=column)


def fk_index(table: str, column: str, nullable: bool) -> Index:
    """``ix_<table>_<column>`` for a foreign key not leading another key (partial when nullable)."""
    where = text(f"{column} IS NOT NULL") if nullable else None
    return Index(f"ix_{table}_{column}", column, postgresql_where=where)


TIMESTAMP = DateTime(timezone=True)
