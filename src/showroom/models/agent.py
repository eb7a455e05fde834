"""The agent's configuration: personas and escalation triggers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Index, SmallInteger, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_in,
    created_at,
    identity_pk,
    jsonb_array,
    jsonb_object,
    tenant,
    updated_at,
    uuid_pk,
)
from showroom.vocabulary import MatchMode, TriggerAction


class Persona(Base):
    __tablename__ = "personas"
    __table_args__ = (
        UniqueConstraint("dealership_id", "name"),
        Index(
            "uq_personas_dealership_id_is_default", "dealership_id", unique=True, postgresql_where=text("is_default")
        ),
    )

    id: Mapped[int] = identity_pk()
    dealership_id: Mapped[int] = tenant()
    name: Mapped[str] = mapped_column(String(255))
    is_default: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    prompt_template: Mapped[str] = mapped_column(Text)
    arguments: Mapped[dict[str, Any]] = jsonb_object()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class EscalationTrigger(Base):
    __tablename__ = "escalation_triggers"
    __table_args__ = (
        UniqueConstraint("dealership_id", "name"),
        CheckConstraint("jsonb_typeof(conditions) = 'array'", name="conditions"),
        check_in("match_mode", MatchMode),
        check_in("action", TriggerAction),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    conditions: Mapped[list[Any]] = jsonb_array()
    match_mode: Mapped[str] = mapped_column(String(3), server_default=text("'all'"))
    priority: Mapped[int] = mapped_column(SmallInteger, server_default=text("100"))
    action: Mapped[str] = mapped_column(String(20), server_default=text("'handover'"))
    action_config: Mapped[dict[str, Any]] = jsonb_object()
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
