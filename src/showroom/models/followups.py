"""``follow_ups``: scheduled AI nudges to customers and reminders to staff."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_in,
    check_range,
    created_at,
    fk_index,
    member_ref,
    tenant,
    tenant_fk,
    updated_at,
    uuid_pk,
    uuid_ref,
)
from showroom.vocabulary import CadenceChannel, FollowUpChannel, FollowUpKind, FollowUpStatus


class FollowUp(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (
        tenant_fk("follow_ups", "lead_id", "leads", "CASCADE"),
        tenant_fk("follow_ups", "conversation_id", "conversations", "SET NULL"),
        tenant_fk("follow_ups", "customer_id", "customers", "CASCADE"),
        tenant_fk("follow_ups", "assigned_user_id", "users", "SET NULL"),
        check_in("kind", FollowUpKind),
        check_in("channel", FollowUpChannel),
        check_in("status", FollowUpStatus),
        check_in("preferred_channel", CadenceChannel),
        check_range("attempt_count", 0),
        CheckConstraint("(status = 'completed') = (completed_at IS NOT NULL)", name="completed_at"),
        Index("ix_follow_ups_scheduled_at", "scheduled_at", postgresql_where=text("status = 'scheduled'")),
        Index("ix_follow_ups_dealership_id_status_scheduled_at", "dealership_id", "status", "scheduled_at"),
        Index("ix_follow_ups_assigned_user_id_status", "assigned_user_id", "status"),
        Index(  # one message per unit per lead (inventory-driven follow-ups, migration 0026)
            "ux_follow_ups_dealership_id_lead_id_unit",
            "dealership_id",
            "lead_id",
            "template",
            unique=True,
            postgresql_where=text("template LIKE 'unit:%'"),
        ),
        fk_index("follow_ups", "lead_id", nullable=False),
        fk_index("follow_ups", "conversation_id", nullable=True),
        fk_index("follow_ups", "customer_id", nullable=False),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    lead_id: Mapped[uuid.UUID] = uuid_ref()
    conversation_id: Mapped[uuid.UUID | None] = uuid_ref()
    customer_id: Mapped[uuid.UUID] = uuid_ref()
    assigned_user_id: Mapped[int | None] = member_ref()
    kind: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    # A cadence step's channel preference (migration 0029), and why the step goes on another channel than it.
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    channel_note: Mapped[str | None] = mapped_column(Text)
    scheduled_at: Mapped[datetime]
    template: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'scheduled'"))
    attempt_count: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(Text)
    cancelled_reason: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
