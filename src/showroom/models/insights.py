"""What Showroom learns about customers: scores, profiles, interactions and extracted insights."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Index, Numeric, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_in,
    check_range,
    created_at,
    fk_index,
    jsonb_object,
    tenant,
    tenant_fk,
    timestamp_now,
    updated_at,
    uuid_pk,
    uuid_ref,
)
from showroom.vocabulary import InsightSource, InsightType, InteractionType


class LeadScore(Base):
    """Score history of a lead (append-only)."""

    __tablename__ = "lead_scores"
    __table_args__ = (
        tenant_fk("lead_scores", "lead_id", "leads", "CASCADE"),
        tenant_fk("lead_scores", "conversation_id", "conversations", "SET NULL"),
        check_range("score", 0, 100),
        Index("ix_lead_scores_lead_id_created_at", "lead_id", "created_at"),
        Index("ix_lead_scores_dealership_id_created_at", "dealership_id", "created_at"),
        fk_index("lead_scores", "conversation_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    lead_id: Mapped[uuid.UUID] = uuid_ref()
    conversation_id: Mapped[uuid.UUID | None] = uuid_ref()
    score: Mapped[int] = mapped_column(SmallInteger)
    factors: Mapped[dict[str, Any]] = jsonb_object()
    model_version: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = created_at()


class CustomerProfile(Base):
    __tablename__ = "customer_profiles"
    __table_args__ = (
        tenant_fk("customer_profiles", "customer_id", "customers", "CASCADE"),
        UniqueConstraint("dealership_id", "customer_id"),
        Index("ix_customer_profiles_dealership_id_last_interaction", "dealership_id", "last_interaction"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    customer_id: Mapped[uuid.UUID] = uuid_ref()
    preferences: Mapped[dict[str, Any]] = jsonb_object()
    buying_timeline: Mapped[str | None] = mapped_column(String(100))
    last_interaction: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class CustomerInteraction(Base):
    """A touchpoint in the customer's journey (append-only)."""

    __tablename__ = "customer_interactions"
    __table_args__ = (
        tenant_fk("customer_interactions", "profile_id", "customer_profiles", "CASCADE"),
        tenant_fk("customer_interactions", "conversation_id", "conversations", "SET NULL"),
        check_in("interaction_type", InteractionType),
        Index("ix_customer_interactions_profile_id_occurred_at", "profile_id", "occurred_at"),
        Index("ix_customer_interactions_dealership_id_created_at", "dealership_id", "created_at"),
        fk_index("customer_interactions", "conversation_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    profile_id: Mapped[uuid.UUID] = uuid_ref()
    conversation_id: Mapped[uuid.UUID | None] = uuid_ref()
    interaction_type: Mapped[str] = mapped_column(String(50))
    details: Mapped[dict[str, Any]] = jsonb_object()
    occurred_at: Mapped[datetime] = timestamp_now()
    created_at: Mapped[datetime] = created_at()


class CustomerInsight(Base):
    __tablename__ = "customer_insights"
    __table_args__ = (
        tenant_fk("customer_insights", "customer_id", "customers", "CASCADE"),
        tenant_fk("customer_insights", "conversation_id", "conversations", "SET NULL"),
        tenant_fk("customer_insights", "message_id", "messages", "SET NULL"),
        check_in("insight_type", InsightType),
        check_range("confidence", 0, 1),
        check_in("source", InsightSource),
        Index("ix_customer_insights_customer_id_insight_type", "customer_id", "insight_type"),
        Index("ix_customer_insights_dealership_id_created_at", "dealership_id", "created_at"),
        fk_index("customer_insights", "conversation_id", nullable=True),
        fk_index("customer_insights", "message_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    customer_id: Mapped[uuid.UUID] = uuid_ref()
    conversation_id: Mapped[uuid.UUID | None] = uuid_ref()
    message_id: Mapped[uuid.UUID | None] = uuid_ref()
    insight_type: Mapped[str] = mapped_column(String(50))
    value: Mapped[str] = mapped_column(Text)
    confidence: Mapped[Decimal] = mapped_column(Numeric(3, 2))
    source: Mapped[str] = mapped_column(String(10))
    context: Mapped[dict[str, Any]] = jsonb_object()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
