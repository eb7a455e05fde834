"""A/B experiments on prompts: experiments, their arms, assignments and metric events."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_in,
    check_range,
    created_at,
    fk_index,
    identity_pk,
    jsonb_array,
    jsonb_object,
    tenant,
    tenant_fk,
    timestamp_now,
    updated_at,
    uuid_pk,
    uuid_ref,
)
from showroom.vocabulary import ExperimentInference, ExperimentMode, ExperimentStatus, MetricName

# Counted once per conversation (a partial unique index): a rate is conversations with the event.
ONCE_PER_CONVERSATION = (
    MetricName.customer_replied,
    MetricName.handover,
    MetricName.appointment_booked,
    MetricName.lead_converted,
    MetricName.opt_out,
    MetricName.contact_given,
)


class PromptExperiment(Base):
    __tablename__ = "prompt_experiments"
    __table_args__ = (
        tenant_fk("prompt_experiments", "winner_variant_id", "prompt_variants", "SET NULL", use_alter=True),
        check_in("status", ExperimentStatus),
        check_range("traffic_percentage", 1, 100),
        check_in("primary_metric", MetricName),
        CheckConstraint("confidence_level > 0 AND confidence_level < 1", name="confidence_level"),
        CheckConstraint("minimum_sample_size > 0", name="minimum_sample_size"),
        check_in("mode", ExperimentMode),
        check_in("inference", ExperimentInference),
        CheckConstraint("power > 0 AND power < 1", name="power"),
        CheckConstraint("baseline_rate > 0 AND baseline_rate < 1", name="baseline_rate"),
        CheckConstraint(
            "minimum_detectable_effect > 0 AND minimum_detectable_effect < 1", name="minimum_detectable_effect"
        ),
        CheckConstraint("status = 'draft' OR start_date IS NOT NULL", name="start_date"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date > start_date", name="dates"),
        Index("ix_prompt_experiments_dealership_id_status", "dealership_id", "status"),
        fk_index("prompt_experiments", "winner_variant_id", nullable=True),
    )

    id: Mapped[int] = identity_pk()
    dealership_id: Mapped[int] = tenant()
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    hypothesis: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'draft'"))
    start_date: Mapped[datetime | None]
    end_date: Mapped[datetime | None]
    traffic_percentage: Mapped[int] = mapped_column(SmallInteger, server_default=text("50"))
    primary_metric: Mapped[str] = mapped_column(String(50))
    secondary_metrics: Mapped[list[Any]] = jsonb_array()
    confidence_level: Mapped[Decimal] = mapped_column(Numeric(4, 3), server_default=text("0.95"))
    minimum_sample_size: Mapped[int] = mapped_column(Integer, server_default=text("100"))
    guardrail_metrics: Mapped[list[Any]] = jsonb_array()
    mode: Mapped[str] = mapped_column(String(20), server_default=text("'fixed'"))
    inference: Mapped[str] = mapped_column(String(20), server_default=text("'sequential'"))
    baseline_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 4))
    minimum_detectable_effect: Mapped[Decimal | None] = mapped_column(Numeric(5, 4))
    power: Mapped[Decimal] = mapped_column(Numeric(4, 3), server_default=text("0.8"))
    decision: Mapped[str | None] = mapped_column(Text)
    winner_variant_id: Mapped[int | None] = mapped_column(Integer)
    results: Mapped[dict[str, Any]] = jsonb_object()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class PromptVariant(Base):
    __tablename__ = "prompt_variants"
    __table_args__ = (
        tenant_fk("prompt_variants", "experiment_id", "prompt_experiments", "CASCADE"),
        tenant_fk("prompt_variants", "persona_id", "personas"),
        UniqueConstraint("dealership_id", "experiment_id", "name"),
        UniqueConstraint("dealership_id", "experiment_id", "id"),
        Index(
            "uq_prompt_variants_dealership_id_experiment_id_is_control",
            "dealership_id",
            "experiment_id",
            unique=True,
            postgresql_where=text("is_control"),
        ),
        check_range("traffic_allocation", 0, 100),
        fk_index("prompt_variants", "dealership_id", nullable=False),
        fk_index("prompt_variants", "persona_id", nullable=True),
    )

    id: Mapped[int] = identity_pk()
    dealership_id: Mapped[int] = tenant()
    experiment_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    prompt_template: Mapped[str | None] = mapped_column(Text)
    persona_id: Mapped[int | None] = mapped_column(Integer)  # NO ACTION: in use = kept
    settings: Mapped[dict[str, Any]] = jsonb_object()
    is_control: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    traffic_allocation: Mapped[int] = mapped_column(SmallInteger, server_default=text("50"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class ExperimentVariant(Base):
    """A conversation's sticky assignment to one arm (append-only)."""

    __tablename__ = "experiment_variants"
    __table_args__ = (
        tenant_fk("experiment_variants", "experiment_id", "prompt_experiments", "CASCADE"),
        tenant_fk("experiment_variants", "conversation_id", "conversations", "CASCADE"),
        ForeignKeyConstraint(
            ["dealership_id", "experiment_id", "variant_id"],
            ["prompt_variants.dealership_id", "prompt_variants.experiment_id", "prompt_variants.id"],
            ondelete="CASCADE",
            name="fk_experiment_variants_variant_id",
        ),
        UniqueConstraint(
            "dealership_id",
            "experiment_id",
            "conversation_id",
            name="uq_experiment_variants_dealership_experiment_conversation",
        ),
        Index("ix_experiment_variants_experiment_id_variant_id", "experiment_id", "variant_id"),
        Index(  # the results' daily counts: an index-only scan (RLS reads dealership_id from the index too)
            "ix_experiment_variants_experiment_id_assigned_at",
            "experiment_id",
            "assigned_at",
            postgresql_include=["variant_id", "dealership_id"],
        ),
        fk_index("experiment_variants", "dealership_id", nullable=False),
        fk_index("experiment_variants", "conversation_id", nullable=False),
    )

    id: Mapped[int] = identity_pk()
    dealership_id: Mapped[int] = tenant()
    experiment_id: Mapped[int] = mapped_column(Integer)
    variant_id: Mapped[int] = mapped_column(Integer)
    conversation_id: Mapped[uuid.UUID] = uuid_ref()
    assigned_at: Mapped[datetime] = timestamp_now()
    created_at: Mapped[datetime] = created_at()


class PromptMetric(Base):
    """One metric event of an assigned conversation (append-only)."""

    __tablename__ = "prompt_metrics"
    __table_args__ = (
        tenant_fk("prompt_metrics", "experiment_id", "prompt_experiments", "CASCADE"),
        tenant_fk("prompt_metrics", "conversation_id", "conversations", "CASCADE"),
        tenant_fk("prompt_metrics", "message_id", "messages", "SET NULL"),
        ForeignKeyConstraint(
            ["dealership_id", "experiment_id", "variant_id"],
            ["prompt_variants.dealership_id", "prompt_variants.experiment_id", "prompt_variants.id"],
            ondelete="CASCADE",
            name="fk_prompt_metrics_variant_id",
        ),
        check_in("metric_name", MetricName),
        CheckConstraint("metric_value >= 0", name="metric_value"),
        CheckConstraint("metric_name <> 'customer_rating' OR metric_value BETWEEN 1 AND 5", name="customer_rating"),
        Index(
            "uq_prompt_metrics_dealership_experiment_conversation_metric",
            "dealership_id",
            "experiment_id",
            "conversation_id",
            "metric_name",
            unique=True,
            postgresql_where=text("metric_name IN (" + ", ".join(f"'{m}'" for m in ONCE_PER_CONVERSATION) + ")"),
        ),
        Index("ix_prompt_metrics_experiment_id_variant_id_metric_name", "experiment_id", "variant_id", "metric_name"),
        Index(  # the results' counts per metric, variant and day: an index-only scan, as above
            "ix_prompt_metrics_experiment_id_metric_name_created_at",
            "experiment_id",
            "metric_name",
            "created_at",
            postgresql_include=["variant_id", "dealership_id"],
        ),
        Index("ix_prompt_metrics_dealership_id_created_at", "dealership_id", "created_at"),
        fk_index("prompt_metrics", "conversation_id", nullable=False),
        fk_index("prompt_metrics", "message_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    experiment_id: Mapped[int] = mapped_column(Integer)
    variant_id: Mapped[int] = mapped_column(Integer)
    conversation_id: Mapped[uuid.UUID] = uuid_ref()
    message_id: Mapped[uuid.UUID | None] = uuid_ref()
    metric_name: Mapped[str] = mapped_column(String(50))
    metric_value: Mapped[Decimal] = mapped_column(Numeric, server_default=text("1"))
    created_at: Mapped[datetime] = created_at()
