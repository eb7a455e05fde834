"""Identity: users, sessions, API keys, magic links and team invitations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import INET
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_hash64,
    check_in,
    check_range,
    created_at,
    fk_index,
    hash64,
    identity_pk,
    jsonb_array,
    jsonb_object,
    tenant,
    timestamp_now,
    updated_at,
    user_ref,
    uuid_pk,
)
from showroom.vocabulary import InvitationStatus, LinkPurpose, UserRole


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        check_in("role", UserRole),
        CheckConstraint("email = lower(btrim(email))", name="email"),
        CheckConstraint("username = lower(username)", name="username"),
        check_range("failed_login_count", 0),
        check_hash64("reset_token_hash"),
        CheckConstraint("(reset_token_hash IS NULL) = (reset_token_expires_at IS NULL)", name="reset_token"),
        CheckConstraint(
            "(role = 'super_admin' AND dealership_id IS NULL) OR "
            "(role <> 'super_admin' AND (dealership_id IS NOT NULL OR NOT is_active))",
            name="dealership_role",
        ),
        fk_index("users", "dealership_id", nullable=True),
        # What a member column (models/placement.py MEMBER_USER_COLUMNS) references: a user of that dealership.
        UniqueConstraint("dealership_id", "id"),
    )

    id: Mapped[int] = identity_pk()
    dealership_id: Mapped[int | None] = mapped_column(ForeignKey("dealerships.id", ondelete="SET NULL"))
    username: Mapped[str | None] = mapped_column(String(100), unique=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(50), server_default=text("'user'"))
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    is_verified: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # Away (migration 0025): round robin gives them no new leads or handovers until they are back.
    is_away: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    failed_login_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    reset_token_hash: Mapped[str | None] = hash64(nullable=True, unique=True)
    reset_token_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class Session(Base):
    """Server-side sign-in session; the primary key is the SHA-256 of the cookie token. No RLS."""

    __tablename__ = "sessions"
    __table_args__ = (
        check_hash64("id"),
        fk_index("sessions", "user_id", nullable=False),
        fk_index("sessions", "dealership_id", nullable=True),
        Index("ix_sessions_expires_at", "expires_at"),
    )

    id: Mapped[str] = hash64(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    dealership_id: Mapped[int | None] = mapped_column(ForeignKey("dealerships.id", ondelete="CASCADE"))
    data: Mapped[dict[str, Any]] = jsonb_object()
    ip: Mapped[str | None] = mapped_column(INET)
    user_agent: Mapped[str | None] = mapped_column(Text)
    csrf_secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = created_at()
    last_seen_at: Mapped[datetime] = timestamp_now()
    expires_at: Mapped[datetime]


class ApiKey(Base):
    __tablename__ = "api_keys"
    __table_args__ = (
        check_hash64("key_hash"),
        fk_index("api_keys", "dealership_id", nullable=False),
        fk_index("api_keys", "created_by_user_id", nullable=True),
    )

    id: Mapped[int] = identity_pk()
    dealership_id: Mapped[int] = tenant()
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    key_prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = hash64(unique=True)
    scopes: Mapped[list[Any]] = jsonb_array()
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    created_by_user_id: Mapped[int | None] = user_ref()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class MagicLinkInvitation(Base):
    __tablename__ = "magic_link_invitations"
    __table_args__ = (
        check_in("purpose", LinkPurpose),
        check_in("role", UserRole),
        check_hash64("token_hash"),
        CheckConstraint("(role = 'super_admin') = (dealership_id IS NULL)", name="dealership_role"),
        Index("ix_magic_link_invitations_email", "email"),
        fk_index("magic_link_invitations", "dealership_id", nullable=True),
        fk_index("magic_link_invitations", "invited_by_user_id", nullable=True),
    )

    id: Mapped[int] = identity_pk()
    dealership_id: Mapped[int | None] = mapped_column(ForeignKey("dealerships.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(20), server_default=text("'sign_in'"))
    email: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(50), server_default=text("'user'"))
    token_hash: Mapped[str] = hash64(unique=True)
    invited_by_user_id: Mapped[int | None] = user_ref()
    expires_at: Mapped[datetime] = mapped_column(server_default=text("now() + interval '24 hours'"))
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class UserInvitation(Base):
    __tablename__ = "user_invitations"
    __table_args__ = (
        check_in("role", UserRole),
        check_hash64("token_hash"),
        check_in("status", InvitationStatus),
        CheckConstraint("(role = 'super_admin') = (dealership_id IS NULL)", name="dealership_role"),
        CheckConstraint("(status = 'accepted') = (accepted_at IS NOT NULL)", name="accepted_at"),
        Index(
            "uq_user_invitations_dealership_id_email",
            "dealership_id",
            "email",
            unique=True,
            postgresql_where=text("status = 'pending'"),
            postgresql_nulls_not_distinct=True,
        ),
        Index("ix_user_invitations_email", "email"),
        fk_index("user_invitations", "dealership_id", nullable=True),
        fk_index("user_invitations", "invited_by_user_id", nullable=True),
        fk_index("user_invitations", "accepted_user_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int | None] = mapped_column(ForeignKey("dealerships.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(50))
    token_hash: Mapped[str] = hash64(unique=True)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'pending'"))
    expires_at: Mapped[datetime] = mapped_column(server_default=text("now() + interval '7 days'"))
    invited_by_user_id: Mapped[int | None] = user_ref()
    accepted_user_id: Mapped[int | None] = user_ref()
    accepted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
