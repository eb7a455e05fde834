"""Issue 19: outbound webhooks (a dealership's endpoints and the outbox of deliveries to them) and the CRM hand-offs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Index,
    Integer,
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
    created_at,
    fk_index,
    jsonb_array,
    tenant,
    tenant_fk,
    updated_at,
    user_ref,
    uuid_pk,
    uuid_ref,
)
from showroom.vocabulary import CrmHandoffStatus, CrmHandoffTrigger, MailboxSecurity, WebhookDeliveryStatus


class WebhookEndpoint(Base):
    """A URL of the dealership's that receives the events it subscribed to, signed with its ``whsec_`` secret
    (Standard Webhooks); the previous secret still signs until ``previous_secret_expires_at`` after a rotation."""

    __tablename__ = "webhook_endpoints"
    __table_args__ = (
        CheckConstraint("jsonb_typeof(event_types) = 'array'", name="event_types"),
        fk_index("webhook_endpoints", "dealership_id", nullable=False),
        fk_index("webhook_endpoints", "created_by_user_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(String(255))
    event_types: Mapped[list[Any]] = jsonb_array()
    secret: Mapped[str] = mapped_column(String(100))
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None]
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    failing_since: Mapped[datetime | None]
    created_by_user_id: Mapped[int | None] = user_ref()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class WebhookDelivery(Base):
    """One event for one endpoint (the outbox row, written in the transaction of the change): its ``id`` is the
    ``webhook-id`` the receiver de-duplicates on; ``attempt_log`` keeps the last attempts (time, code, error)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        tenant_fk("webhook_deliveries", "endpoint_id", "webhook_endpoints", "CASCADE"),
        check_in("status", WebhookDeliveryStatus),
        Index("ix_webhook_deliveries_dealership_id_created_at", "dealership_id", "created_at"),
        Index("ix_webhook_deliveries_endpoint_id_created_at", "endpoint_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    endpoint_id: Mapped[uuid.UUID] = uuid_ref()
    event_type: Mapped[str] = mapped_column(String(50))
    payload: Mapped[dict[str, Any]] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), server_default=text("'pending'"))
    attempts: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))
    next_attempt_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]
    attempt_log: Mapped[list[Any]] = jsonb_array()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class CrmHandoff(Base):
    """One send of a lead to the dealership's CRM as an ADF 1.0 e-mail (issue 19): queued in the transaction that
    qualified, handed over or created the lead (or by a person's re-send), sent by the ``crm.send`` job after
    commit with its ``message_id`` as the idempotency key; ``adf`` is the document last sent."""

    __tablename__ = "crm_handoffs"
    __table_args__ = (
        check_in("status", CrmHandoffStatus),
        check_in("trigger", CrmHandoffTrigger),
        Index("ix_crm_handoffs_lead_id_created_at", "lead_id", "created_at"),
        Index("ix_crm_handoffs_dealership_id_created_at", "dealership_id", "created_at"),
        tenant_fk("crm_handoffs", "lead_id", "leads", "CASCADE"),
        fk_index("crm_handoffs", "requested_by_user_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    lead_id: Mapped[uuid.UUID] = uuid_ref()
    trigger: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), server_default=text("'queued'"))
    to_address: Mapped[str] = mapped_column(String(320))
    message_id: Mapped[str | None] = mapped_column(String(255))  # fixed by the first attempt: <crm-<id>@domain>
    attempts: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    adf: Mapped[str | None] = mapped_column(Text)
    requested_by_user_id: Mapped[int | None] = user_ref()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class InboundMailbox(Base):
    """A dealership's IMAP mailbox that Showroom collects leads and replies from (issue 19), with where the polling
    stands (``uid_validity``/``last_uid``: each message is taken once) and the last error, shown to the admin. The
    password is never stored: the worker reads ``SHOWROOM_IMAP_PASSWORD_<SUBDOMAIN>`` from its environment."""

    __tablename__ = "inbound_mailboxes"
    __table_args__ = (
        UniqueConstraint("dealership_id"),
        check_in("security", MailboxSecurity),
        CheckConstraint("port BETWEEN 1 AND 65535", name="port"),
        CheckConstraint("last_uid >= 0", name="last_uid"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    host: Mapped[str] = mapped_column(String(255))
    port: Mapped[int] = mapped_column(Integer)
    security: Mapped[str] = mapped_column(String(10), server_default=text("'ssl'"))
    username: Mapped[str] = mapped_column(String(255))
    folder: Mapped[str] = mapped_column(String(255), server_default=text("'INBOX'"))
    move_to: Mapped[str | None] = mapped_column(String(255))  # null: flag \\Seen and $Showroom, leave it there
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    uid_validity: Mapped[int | None] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    messages_taken: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    last_polled_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
