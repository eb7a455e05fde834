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
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from showroom.models.placement import DISTRIBUTION_COLUMN, placement

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

    @classmethod
    def __table_cls__(cls, name: str, metadata: MetaData, *args: Any, **kw: Any) -> Table:
        """A distributed table's primary key is ``(dealership_id, id)`` (models/placement.py, SCALING.md §4), or
        ``dealership_id`` before the key it declares when it has no ``id`` (``inventory_import_rows``: import, line)."""
        table = Table(name, metadata, *args, **kw)
        if is_distributed(table):
            declared = [c.name for c in table.primary_key.columns if c.name != DISTRIBUTION_COLUMN]
            table.c[DISTRIBUTION_COLUMN].primary_key = True
            key = ["id"] if "id" in table.c else declared
            table.append_constraint(PrimaryKeyConstraint(DISTRIBUTION_COLUMN, *key))
        return table

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # RETURNING fetches server-set columns (ids, defaults, updated_at) in the same statement, so
        # no lazy refresh is ever needed after a flush.
        args: dict[str, Any] = {"eager_defaults": True}
        table = cls.__dict__.get("__table__")
        if isinstance(table, Table) and is_distributed(table) and "id" in table.c:
            # The table's key is (dealership_id, id); the ORM's identity stays the id alone (unique by itself), so
            # session.get(Model, id) and every identity-map lookup work as before, and RLS adds the tenant.
            args["primary_key"] = [table.c.id]
        return args


def is_distributed(table: Table) -> bool:
    """A tenant table distributed by dealership_id on Citus (every one not named in models/placement.py)."""
    return placement(table.name, DISTRIBUTION_COLUMN in table.c) == "distributed"


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


def uuid_ref() -> Mapped[Any]:
    """A uuid naming a row of another distributed table: its foreign key is a ``tenant_fk`` in the table's args."""
    return mapped_column(UUID(as_uuid=True))


def user_ref(nullable: bool = True) -> Mapped[int | None]:
    """A user column with no note in DATA_MODEL.md: business rows outlive a person (SET NULL)."""
    return mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=nullable)


def member_ref() -> Mapped[int | None]:
    """A user who must be a member of the row's dealership (an assignee): its composite foreign key
    ``(dealership_id, column) → users (dealership_id, id)`` is a ``tenant_fk`` in the table's arguments."""
    return mapped_column(Integer, nullable=True)


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


def tenant_fk(
    table: str, column: str, parent: str, ondelete: str | None = None, *, use_alter: bool = False
) -> ForeignKeyConstraint:
    """``fk_<table>_<column>``: ``(dealership_id, column) → parent (dealership_id, id)``, so the row and the one it
    names belong to one dealership (the database refuses a cross-tenant reference; RLS does not cover FKs).
    ``"SET NULL"`` clears ``column`` only (PostgreSQL 15+ column list), never the row's dealership."""
    action = f"SET NULL ({column})" if ondelete == "SET NULL" else ondelete
    return ForeignKeyConstraint(
        [DISTRIBUTION_COLUMN, column],
        [f"{parent}.{DISTRIBUTION_COLUMN}", f"{parent}.id"],
        ondelete=action,
        name=f"fk_{table}_{column}",
        use_alter=use_alter,
    )


def fk_index(table: str, column: str, nullable: bool) -> Index:
    """``ix_<table>_<column>`` for a foreign key not leading another key (partial when nullable)."""
    where = text(f"{column} IS NOT NULL") if nullable else None
    return Index(f"ix_{table}_{column}", column, postgresql_where=where)


TIMESTAMP = DateTime(timezone=True)
