"""Conversations, their messages, handovers to humans and the replies suggested to staff."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
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
    jsonb_array,
    jsonb_object,
    tenant,
    tenant_fk,
    timestamp_now,
    updated_at,
    user_ref,
    uuid_pk,
    uuid_ref,
)
from showroom.vocabulary import (
    Channel,
    ContentType,
    ConversationStatus,
    DeliveryStatus,
    HandoverReason,
    HandoverStatus,
    MessageType,
    Priority,
    Sender,
    Sentiment,
    SuggestionStatus,
    SuggestionType,
)

# A handover still waiting for, or in, a person's hands: at most one per conversation (partial unique index).
OPEN_HANDOVER_STATUSES = (HandoverStatus.pending, HandoverStatus.accepted, HandoverStatus.in_progress)


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        tenant_fk("conversations", "lead_id", "leads", "CASCADE"),
        tenant_fk("conversations", "customer_id", "customers", "CASCADE"),
        tenant_fk("conversations", "ai_persona_id", "personas", "SET NULL"),
        UniqueConstraint("dealership_id", "channel", "external_thread_id"),
        check_in("status", ConversationStatus),
        check_in("channel", Channel),
        check_in("priority", Priority),
        check_range("message_count", 0),
        CheckConstraint("(status IN ('resolved', 'archived')) = (closed_at IS NOT NULL)", name="closed_at"),
        Index(
            "ix_conversations_dealership_id_status_last_message_at",
            "dealership_id",
            "status",
            text("last_message_at DESC"),
        ),
        fk_index("conversations", "lead_id", nullable=False),
        fk_index("conversations", "customer_id", nullable=False),
        fk_index("conversations", "assigned_user_id", nullable=True),
        fk_index("conversations", "ai_persona_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    lead_id: Mapped[uuid.UUID] = uuid_ref()
    customer_id: Mapped[uuid.UUID] = uuid_ref()
    assigned_user_id: Mapped[int | None] = user_ref()  # whoever took it over: a super admin may
    subject: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(50), server_default=text("'active'"))
    channel: Mapped[str] = mapped_column(String(50))
    priority: Mapped[str] = mapped_column(String(20), server_default=text("'medium'"))
    is_ai_assisted: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    ai_paused: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    ai_persona_id: Mapped[int | None] = mapped_column(Integer)
    external_thread_id: Mapped[str | None] = mapped_column(String(255))
    tags: Mapped[list[Any]] = jsonb_array()
    dialogue_state: Mapped[dict[str, Any]] = jsonb_object()  # brain.dialogue.DialogueState, kept by each turn
    # A chat visitor's e-mails and phones until proven (conversations.contact_claims): code hashes, never codes.
    contact_claims: Mapped[list[Any]] = jsonb_array()
    message_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    last_message_at: Mapped[datetime | None]
    last_customer_message_at: Mapped[datetime | None]
    last_ai_message_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Out of the inbox's open tabs until then (migration 0021); NULL = not snoozed.
    snoozed_until: Mapped[datetime | None]
    # Out of the open tabs until the customer's next message (migration 0025), which wakes any snooze.
    snoozed_until_reply: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        tenant_fk("messages", "conversation_id", "conversations", "CASCADE"),
        tenant_fk("messages", "in_reply_to", "messages", "SET NULL"),
        tenant_fk("messages", "variant_id", "prompt_variants", "SET NULL"),
        UniqueConstraint("dealership_id", "conversation_id", "idempotency_key"),
        check_in("type", MessageType),
        check_in("sender", Sender),
        check_in("channel", Channel),
        check_in("content_type", ContentType),
        check_in("delivery_status", DeliveryStatus),
        CheckConstraint(
            "(type = 'inbound' AND delivery_status IS NOT DISTINCT FROM 'received') OR "
            "(type = 'outbound' AND delivery_status IS NOT NULL AND delivery_status IN ('queued', 'sent', "
            "'delivered', 'failed', 'undelivered')) OR (type NOT IN ('inbound', 'outbound') AND delivery_status IS "
            "NULL)",
            name="delivery",
        ),
        check_range("ai_confidence", 0, 1),
        check_range("processing_time", 0),
        check_in("sentiment", Sentiment),
        Index("ix_messages_conversation_id_created_at", "conversation_id", "created_at"),
        Index("ix_messages_dealership_id_created_at", "dealership_id", "created_at"),
        Index(
            "ix_messages_external_message_id",
            "external_message_id",
            postgresql_where=text("external_message_id IS NOT NULL"),
        ),
        fk_index("messages", "sender_user_id", nullable=True),
        fk_index("messages", "in_reply_to", nullable=True),
        fk_index("messages", "variant_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    conversation_id: Mapped[uuid.UUID] = uuid_ref()
    type: Mapped[str] = mapped_column(String(50))
    sender: Mapped[str] = mapped_column(String(20))
    sender_user_id: Mapped[int | None] = user_ref()
    sender_name: Mapped[str | None] = mapped_column(String(100))
    sender_email: Mapped[str | None] = mapped_column(String(255))
    channel: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str | None] = mapped_column(String(255))
    content: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(50), server_default=text("'text'"))
    attachments: Mapped[list[Any]] = jsonb_array()
    delivery_status: Mapped[str | None] = mapped_column(String(20))
    delivered_at: Mapped[datetime | None]
    delivery_error: Mapped[str | None] = mapped_column(Text)
    idempotency_key: Mapped[str | None] = mapped_column(String(255))
    external_message_id: Mapped[str | None] = mapped_column(String(255))
    in_reply_to: Mapped[uuid.UUID | None] = uuid_ref()
    variant_id: Mapped[int | None] = mapped_column(Integer)
    ai_model: Mapped[str | None] = mapped_column(String(100))
    ai_confidence: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    processing_time: Mapped[int | None] = mapped_column(Integer)
    is_read: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    read_at: Mapped[datetime | None]
    sentiment: Mapped[str | None] = mapped_column(String(20))
    entities: Mapped[dict[str, Any]] = jsonb_object()
    keywords: Mapped[list[Any]] = jsonb_array()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class Handover(Base):
    __tablename__ = "handovers"
    __table_args__ = (
        tenant_fk("handovers", "conversation_id", "conversations", "CASCADE"),
        tenant_fk("handovers", "lead_id", "leads", "CASCADE"),
        tenant_fk("handovers", "escalation_trigger_id", "escalation_triggers", "SET NULL"),
        check_in("reason", HandoverReason),
        check_in("status", HandoverStatus),
        check_in("urgency", Priority),
        check_range("customer_satisfaction", 1, 5),
        Index(
            "uq_handovers_dealership_id_conversation_id",
            "dealership_id",
            "conversation_id",
            unique=True,
            postgresql_where=text("status IN (" + ", ".join(f"'{s}'" for s in OPEN_HANDOVER_STATUSES) + ")"),
        ),
        Index("ix_handovers_dealership_id_status_requested_at", "dealership_id", "status", "requested_at"),
        Index("ix_handovers_dossier", "dossier", postgresql_using="gin", postgresql_ops={"dossier": "jsonb_path_ops"}),
        Index("ix_handovers_sla_due_at", "sla_due_at", postgresql_where=text("status = 'pending'")),
        fk_index("handovers", "conversation_id", nullable=False),
        fk_index("handovers", "lead_id", nullable=False),
        fk_index("handovers", "escalation_trigger_id", nullable=True),
        fk_index("handovers", "from_user_id", nullable=True),
        fk_index("handovers", "to_user_id", nullable=True),
        fk_index("handovers", "requested_by_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    conversation_id: Mapped[uuid.UUID] = uuid_ref()
    lead_id: Mapped[uuid.UUID] = uuid_ref()
    escalation_trigger_id: Mapped[uuid.UUID | None] = uuid_ref()
    reason: Mapped[str] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'pending'"))
    urgency: Mapped[str] = mapped_column(String(20), server_default=text("'medium'"))
    from_user_id: Mapped[int | None] = user_ref()
    to_user_id: Mapped[int | None] = user_ref()
    requested_by_id: Mapped[int | None] = user_ref()
    requested_at: Mapped[datetime] = timestamp_now()
    sla_due_at: Mapped[datetime | None]
    sla_breached_at: Mapped[datetime | None]  # set by the SLA sweep when still unclaimed at sla_due_at
    claimed_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    notified_at: Mapped[datetime | None]
    context: Mapped[dict[str, Any]] = jsonb_object()
    dossier: Mapped[dict[str, Any]] = jsonb_object()
    handover_notes: Mapped[str | None] = mapped_column(Text)
    resolution_notes: Mapped[str | None] = mapped_column(Text)
    customer_satisfaction: Mapped[int | None] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class ResponseSuggestion(Base):
    __tablename__ = "response_suggestions"
    __table_args__ = (
        tenant_fk("response_suggestions", "conversation_id", "conversations", "CASCADE"),
        tenant_fk("response_suggestions", "message_id", "messages", "CASCADE"),
        check_in("suggestion_type", SuggestionType),
        check_range("rank", 1),
        check_in("status", SuggestionStatus),
        Index("ix_response_suggestions_message_id_rank", "message_id", "rank"),
        Index("ix_response_suggestions_conversation_id_created_at", "conversation_id", "created_at"),
        Index("ix_response_suggestions_dealership_id_status", "dealership_id", "status"),
        fk_index("response_suggestions", "used_by_user_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    conversation_id: Mapped[uuid.UUID] = uuid_ref()
    message_id: Mapped[uuid.UUID] = uuid_ref()
    suggestion_type: Mapped[str] = mapped_column(String(50))
    content: Mapped[str] = mapped_column(Text)
    rank: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'offered'"))
    used_by_user_id: Mapped[int | None] = user_ref()
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", nullable=False, server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
