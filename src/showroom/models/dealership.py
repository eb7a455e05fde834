"""``dealerships``: the tenant root (one rooftop)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import Base, check_in, created_at, identity_pk, jsonb_object, updated_at
from showroom.vocabulary import OperationMode, Tone


class Dealership(Base):
    __tablename__ = "dealerships"
    __table_args__ = (
        CheckConstraint("subdomain ~ '^[a-z0-9-]{2,100}$'", name="subdomain"),
        CheckConstraint(
            "primary_color ~ '^#[0-9a-fA-F]{6}$' AND secondary_color ~ '^#[0-9a-fA-F]{6}$' "
            "AND accent_color ~ '^#[0-9a-fA-F]{6}$'",
            name="colors",
        ),
        check_in("persona_tone", Tone),
        check_in("operation_mode", OperationMode),
        Index("ix_dealerships_is_active", "is_active"),
    )

    id: Mapped[int] = identity_pk()
    name: Mapped[str] = mapped_column(String(255))
    subdomain: Mapped[str] = mapped_column(String(100), unique=True)
    contact_email: Mapped[str] = mapped_column(String(255))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(50))
    zip: Mapped[str | None] = mapped_column(String(20))
    website: Mapped[str | None] = mapped_column(String(255))
    logo_url: Mapped[str | None] = mapped_column(String(255))
    primary_color: Mapped[str] = mapped_column(String(20), server_default=text("'#000000'"))
    secondary_color: Mapped[str] = mapped_column(String(20), server_default=text("'#ffffff'"))
    accent_color: Mapped[str] = mapped_column(String(20), server_default=text("'#4f46e5'"))
    font_family: Mapped[str] = mapped_column(String(100), server_default=text("'Inter, system-ui, sans-serif'"))
    persona_name: Mapped[str] = mapped_column(String(100), server_default=text("'Alex'"))
    persona_tone: Mapped[str] = mapped_column(String(50), server_default=text("'friendly'"))
    persona_template: Mapped[str | None] = mapped_column(Text)
    welcome_message: Mapped[str | None] = mapped_column(Text)
    operation_mode: Mapped[str] = mapped_column(String(50), server_default=text("'ai_agent'"))
    timezone: Mapped[str] = mapped_column(String(64), server_default=text("'America/New_York'"))
    ai_config: Mapped[dict[str, Any]] = jsonb_object()
    agent_config: Mapped[dict[str, Any]] = jsonb_object()
    lead_routing: Mapped[dict[str, Any]] = jsonb_object()
    settings: Mapped[dict[str, Any]] = jsonb_object()
    # The routing identifiers a super admin approved (migration 0012): what the SMS and ADF resolvers use.
    approved_routing: Mapped[dict[str, Any]] = jsonb_object()
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
