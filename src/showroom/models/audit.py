"""``audit_logs``: who did what to which row (append-only)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import INET, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import Base, check_in, created_at, fk_index, jsonb_object, user_ref, uuid_pk
from showroom.vocabulary import ActorType


class AuditLog(Base):
    __tablename__ = "audit_logs"
    __table_args__ = (
        check_in("actor_type", ActorType),
        Index("ix_audit_logs_dealership_id_created_at", "dealership_id", text("created_at DESC")),
        Index("ix_audit_logs_resource_type_resource_id", "resource_type", "resource_id"),
        # Sign-in throttling counts recent failures per IP and per e-mail (auth_login_failures).
        Index(
            "ix_audit_logs_login_failed_ip",
            "ip_address",
            "created_at",
            postgresql_where=text("action = 'user.login_failed'"),
        ),
        Index(
            "ix_audit_logs_login_failed_email",
            "created_at",  # a column first: recent failures, then the e-mail inside the index
            text("(details ->> 'email')"),
            postgresql_where=text("action = 'user.login_failed'"),
        ),
        fk_index("audit_logs", "user_id", nullable=True),
        fk_index("audit_logs", "api_key_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int | None] = mapped_column(ForeignKey("dealerships.id", ondelete="CASCADE"))
    actor_type: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int | None] = user_ref()
    api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(100))
    resource_type: Mapped[str | None] = mapped_column(String(100))
    resource_id: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    details: Mapped[dict[str, Any]] = jsonb_object()
    ip_address: Mapped[str | None] = mapped_column(INET)
    user_agent: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = created_at()
