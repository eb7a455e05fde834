"""``vehicles``: inventory units, upserted by the feed import, searched by the agent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Computed,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_in,
    check_range,
    created_at,
    identity_pk,
    jsonb_array,
    tenant,
    timestamp_now,
    updated_at,
)
from showroom.vocabulary import VehicleCondition, VehicleStatus

# Model years a vehicle or a vehicle interest may have (CHECK on both tables; every parser and schema uses these).
YEAR_MIN, YEAR_MAX = 1900, 2100

SEARCH_EXPRESSION = (
    "setweight(to_tsvector('english'::regconfig, (((make)::text || ' '::text) || (model)::text) "
    "|| ' '::text || (COALESCE(trim, ''::character varying))::text), 'A'::\"char\") || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(description, ''::text)), 'B'::\"char\")"
)


def is_certified(condition: str | None) -> bool:
    """``vehicles.certified`` as the condition implies it (CHECK: a certified condition is certified)."""
    return condition == VehicleCondition.certified


class Vehicle(Base):
    __tablename__ = "vehicles"
    __table_args__ = (
        UniqueConstraint("dealership_id", "vin"),
        CheckConstraint("vin ~ '^[A-HJ-NPR-Z0-9]{17}$'", name="vin"),
        check_range("year", YEAR_MIN, YEAR_MAX),
        check_range("mileage", 0),
        CheckConstraint("msrp >= 0 AND sale_price >= 0 AND price >= 0", name="prices"),
        check_in("condition", VehicleCondition),
        check_in("status", VehicleStatus),
        CheckConstraint("condition <> 'certified' OR certified", name="certified"),
        # The names as stored: under RLS only leakproof conditions (``=``, not ``lower()``) reach an index scan.
        Index("ix_vehicles_dealership_id_make_model", "dealership_id", "make", "model"),
        Index("ix_vehicles_dealership_id_stock_number", "dealership_id", "stock_number"),
        # The agent's "cheapest available that fits": walked in price order, stopping at the fifth match.
        Index("ix_vehicles_dealership_id_status_price", "dealership_id", "status", "price", "id"),
        Index("ix_vehicles_dealership_id_is_active_last_seen_at", "dealership_id", "is_active", "last_seen_at"),
        Index("ix_vehicles_search", "search", postgresql_using="gin"),
    )

    id: Mapped[int] = identity_pk()
    dealership_id: Mapped[int] = tenant()
    vin: Mapped[str] = mapped_column(String(17))
    stock_number: Mapped[str | None] = mapped_column(String(50))
    make: Mapped[str] = mapped_column(String(100))
    model: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    trim: Mapped[str | None] = mapped_column(String(100))
    body_style: Mapped[str | None] = mapped_column(String(100))
    exterior_color: Mapped[str | None] = mapped_column(String(100))
    interior_color: Mapped[str | None] = mapped_column(String(100))
    mileage: Mapped[int | None] = mapped_column(Integer)
    engine: Mapped[str | None] = mapped_column(String(255))
    transmission: Mapped[str | None] = mapped_column(String(100))
    drivetrain: Mapped[str | None] = mapped_column(String(100))
    fuel_type: Mapped[str | None] = mapped_column(String(50))
    fuel_economy: Mapped[int | None] = mapped_column(Integer)
    msrp: Mapped[int | None] = mapped_column(Integer)
    sale_price: Mapped[int | None] = mapped_column(Integer)
    price: Mapped[int | None] = mapped_column(Integer)
    condition: Mapped[str] = mapped_column(String(50), server_default=text("'new'"))
    status: Mapped[str] = mapped_column(String(50), server_default=text("'available'"))
    certified: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    description: Mapped[str | None] = mapped_column(Text)
    features: Mapped[list[Any]] = jsonb_array()
    category_tags: Mapped[list[Any]] = jsonb_array()
    images: Mapped[list[Any]] = jsonb_array()
    video_url: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    last_seen_at: Mapped[datetime] = timestamp_now()
    search: Mapped[Any] = mapped_column(
        TSVECTOR, Computed(SEARCH_EXPRESSION, persisted=True), deferred=True, deferred_raiseload=True
    )
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
