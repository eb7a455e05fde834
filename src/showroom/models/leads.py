"""Lead management: sources, customers, leads, vehicle interests and the lead timeline."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from showroom.models.base import (
    Base,
    check_in,
    check_range,
    created_at,
    fk_index,
    jsonb_array,
    jsonb_object,
    member_ref,
    tenant,
    tenant_fk,
    timestamp_now,
    updated_at,
    user_ref,
    uuid_pk,
    uuid_ref,
)
from showroom.models.inventory import YEAR_MAX, YEAR_MIN
from showroom.vocabulary import (
    ActivityType,
    ConditionRating,
    ContactPreference,
    IntakeChannel,
    Interest,
    InterestCondition,
    LeadSourceType,
    LeadStatus,
    Priority,
)

# A vehicle the customer wants (not one they sell or trade in).
WANTED_INTERESTS = frozenset({Interest.buy, Interest.lease, Interest.test_drive})


class LeadSource(Base):
    __tablename__ = "lead_sources"
    __table_args__ = (
        UniqueConstraint("dealership_id", "name"),
        check_in("type", LeadSourceType),
        check_range("total_leads", 0),
        check_range("conversion_rate", 0, 100),
        check_range("monthly_cost", 0),
        Index("ix_lead_sources_dealership_id_type", "dealership_id", "type"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    name: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    configuration: Mapped[dict[str, Any]] = jsonb_object()
    total_leads: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    conversion_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    average_value: Mapped[int | None] = mapped_column(Integer)
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    # The providers whose leads are counted here (``leads.sources.provider_key``: "cargurus", "autotrader"...): a
    # renamed source keeps them, a merged one hands them over.
    provider_keys: Mapped[list[str]] = mapped_column(ARRAY(String(100)), server_default=text("'{}'"))
    monthly_cost: Mapped[int | None] = mapped_column(Integer)  # cents a month, set by staff: cost per lead
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        UniqueConstraint("dealership_id", "email_normalized"),
        UniqueConstraint("dealership_id", "phone_e164"),
        CheckConstraint("phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'", name="phone_e164"),
        CheckConstraint("country ~ '^[A-Z]{2}$'", name="country"),
        check_in("preferred_contact", ContactPreference),
        check_range("lead_score", 0, 100),
        CheckConstraint("total_leads >= 0 AND total_purchases >= 0", name="totals"),
        CheckConstraint("opted_out = (opted_out_at IS NOT NULL)", name="opted_out"),
        Index("ix_customers_dealership_id_full_name", "dealership_id", "full_name"),
        Index("ix_customers_dealership_id_last_contact_date", "dealership_id", "last_contact_date"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(50))
    alternate_phone: Mapped[str | None] = mapped_column(String(50))
    email_normalized: Mapped[str | None] = mapped_column(String(255))
    phone_e164: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(50))
    zip_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2), server_default=text("'US'"))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    preferred_language: Mapped[str] = mapped_column(String(20), server_default=text("'en'"))
    preferred_contact: Mapped[str | None] = mapped_column(String(20))
    lead_score: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))
    customer_value: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    segment: Mapped[str | None] = mapped_column(String(50))
    gdpr_consent: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    marketing_opt_in: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    do_not_call: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    opted_out: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    opted_out_at: Mapped[datetime | None]
    opted_out_channels: Mapped[dict[str, Any]] = jsonb_object()  # channel -> when the customer said STOP there
    ai_enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))  # false: humans only
    # "email"/"phone" -> {value, reason, since}: kept as given but doubtful; no automated send there until staff
    # confirm (docs/identity.md).
    contact_flags: Mapped[dict[str, Any]] = jsonb_object()
    # [{customer_id, reason, at}]: customers that may be the same person, never merged silently (on both).
    possible_duplicates: Mapped[list[Any]] = jsonb_array()
    # Consent to automated SMS: {granted, source, at, wording}; None: never asked (no automated SMS).
    sms_consent: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    first_contact_date: Mapped[datetime | None]
    last_contact_date: Mapped[datetime | None]
    total_leads: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    total_purchases: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    custom_fields: Mapped[dict[str, Any]] = jsonb_object()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class Lead(Base):
    __tablename__ = "leads"
    __table_args__ = (
        tenant_fk("leads", "customer_id", "customers", "CASCADE"),
        tenant_fk("leads", "source_id", "lead_sources", "SET NULL"),
        tenant_fk("leads", "assigned_user_id", "users", "SET NULL"),
        UniqueConstraint("dealership_id", "lead_number"),
        UniqueConstraint("dealership_id", "source_key"),
        check_in("status", LeadStatus),
        CheckConstraint("(status = 'lost') = (lost_reason IS NOT NULL) OR status = 'archived'", name="lost_reason"),
        check_in("priority", Priority),
        check_in("source", LeadSourceType),
        check_range("lead_score", 0, 100),
        check_range("probability", 0, 1),
        CheckConstraint("version >= 1", name="version"),
        Index("ix_leads_dealership_id_status_created_at", "dealership_id", "status", "created_at"),
        Index("ix_leads_dealership_id_created_at", "dealership_id", text("created_at DESC")),
        Index("ix_leads_dealership_id_lead_score", "dealership_id", text("lead_score DESC")),
        # Idempotency-Key of JSON intake (honoured 24 h): a plain column, since `=` on it is leakproof and reaches
        # the index under RLS (`original_payload ->> ...` is not, and could not).
        Index(
            "ix_leads_dealership_id_idempotency_key",
            "dealership_id",
            "idempotency_key",
            postgresql_where=text("idempotency_key IS NOT NULL"),
        ),
        fk_index("leads", "customer_id", nullable=False),
        fk_index("leads", "source_id", nullable=True),
        # Round robin reads each user's latest lead: max(created_at) is one backward step (migration 0010).
        Index(
            "ix_leads_assigned_user_id_created_at",
            "assigned_user_id",
            "created_at",
            postgresql_where=text("assigned_user_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    customer_id: Mapped[uuid.UUID] = uuid_ref()
    source_id: Mapped[uuid.UUID | None] = uuid_ref()
    assigned_user_id: Mapped[int | None] = member_ref()
    lead_number: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(50), server_default=text("'new'"))
    lost_reason: Mapped[str | None] = mapped_column(String(255))
    priority: Mapped[str] = mapped_column(String(20), server_default=text("'medium'"))
    request_type: Mapped[str | None] = mapped_column(String(50))
    request_category: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    timeframe: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(50))
    medium: Mapped[str | None] = mapped_column(String(100))
    campaign: Mapped[str | None] = mapped_column(String(100))
    keyword: Mapped[str | None] = mapped_column(String(255))
    referrer: Mapped[str | None] = mapped_column(String(500))
    landing_page: Mapped[str | None] = mapped_column(String(500))
    lead_score: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))
    estimated_value: Mapped[int | None] = mapped_column(Integer)
    probability: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    first_contact_date: Mapped[datetime | None]
    last_contact_date: Mapped[datetime | None]
    expected_close_date: Mapped[datetime | None]
    actual_close_date: Mapped[datetime | None]
    next_follow_up_date: Mapped[datetime | None]
    follow_up_notes: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(255))
    source_key: Mapped[str] = mapped_column(String(255))
    idempotency_key: Mapped[str | None] = mapped_column(String(255))  # a JSON intake's Idempotency-Key
    original_payload: Mapped[dict[str, Any]] = jsonb_object()
    custom_fields: Mapped[dict[str, Any]] = jsonb_object()
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class VehicleInterest(Base):
    __tablename__ = "vehicle_interests"
    __table_args__ = (
        tenant_fk("vehicle_interests", "lead_id", "leads", "CASCADE"),
        tenant_fk("vehicle_interests", "vehicle_id", "vehicles", "SET NULL"),
        check_in("interest", Interest),
        check_range("year", YEAR_MIN, YEAR_MAX),
        check_in("condition", InterestCondition),
        check_in("condition_rating", ConditionRating),
        CheckConstraint("min_price >= 0 AND max_price >= 0 AND price >= 0", name="prices"),
        check_range("mileage", 0),
        check_range("mileage_max", 0),
        Index(
            "uq_vehicle_interests_dealership_id_lead_id_is_primary",
            "dealership_id",
            "lead_id",
            unique=True,
            postgresql_where=text("is_primary"),
        ),
        Index("ix_vehicle_interests_dealership_id_make_model", "dealership_id", "make", "model"),
        Index("ix_vehicle_interests_dealership_id_vin", "dealership_id", "vin"),
        fk_index("vehicle_interests", "lead_id", nullable=False),
        fk_index("vehicle_interests", "vehicle_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    lead_id: Mapped[uuid.UUID] = uuid_ref()
    vehicle_id: Mapped[int | None] = mapped_column(Integer)
    interest: Mapped[str] = mapped_column(String(20), server_default=text("'buy'"))
    is_primary: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    year: Mapped[int | None] = mapped_column(Integer)
    make: Mapped[str | None] = mapped_column(String(100))
    model: Mapped[str | None] = mapped_column(String(100))
    trim: Mapped[str | None] = mapped_column(String(100))
    body_style: Mapped[str | None] = mapped_column(String(100))
    vin: Mapped[str | None] = mapped_column(String(17))
    stock_number: Mapped[str | None] = mapped_column(String(50))
    condition: Mapped[str | None] = mapped_column(String(20))
    condition_rating: Mapped[str | None] = mapped_column(String(20))
    exterior_color: Mapped[str | None] = mapped_column(String(100))
    interior_color: Mapped[str | None] = mapped_column(String(100))
    min_price: Mapped[int | None] = mapped_column(Integer)
    max_price: Mapped[int | None] = mapped_column(Integer)
    price: Mapped[int | None] = mapped_column(Integer)
    mileage: Mapped[int | None] = mapped_column(Integer)
    mileage_max: Mapped[int | None] = mapped_column(Integer)
    fuel_type: Mapped[str | None] = mapped_column(String(50))
    transmission: Mapped[str | None] = mapped_column(String(50))
    features: Mapped[list[Any]] = jsonb_array()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class LeadActivity(Base):
    """The lead's timeline (append-only)."""

    __tablename__ = "lead_activities"
    __table_args__ = (
        tenant_fk("lead_activities", "lead_id", "leads", "CASCADE"),
        tenant_fk("lead_activities", "message_id", "messages", "SET NULL"),
        tenant_fk("lead_activities", "handover_id", "handovers", "SET NULL"),
        check_in("type", ActivityType),
        check_range("duration", 0),
        Index("ix_lead_activities_lead_id_created_at", "lead_id", "created_at"),
        Index("ix_lead_activities_dealership_id_created_at", "dealership_id", "created_at"),
        fk_index("lead_activities", "user_id", nullable=True),
        fk_index("lead_activities", "message_id", nullable=True),
        fk_index("lead_activities", "handover_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    dealership_id: Mapped[int] = tenant()
    lead_id: Mapped[uuid.UUID] = uuid_ref()
    user_id: Mapped[int | None] = user_ref()
    type: Mapped[str] = mapped_column(String(50))
    description: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    next_action: Mapped[str | None] = mapped_column(Text)
    duration: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(100))
    next_action_date: Mapped[datetime | None]
    message_id: Mapped[uuid.UUID | None] = uuid_ref()
    handover_id: Mapped[uuid.UUID | None] = uuid_ref()
    external_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = created_at()


class IntakeDeadLetter(Base):
    """A lead that matched no dealership: kept whole for a platform admin, never guessed into a tenant.

    Not tenant-owned (the tenant is exactly what is unknown): no RLS; the service role may only INSERT,
    maintenance reads and resolves. (The 30th table; DATA_MODEL.md §3 says why.)"""

    __tablename__ = "intake_dead_letters"
    __table_args__ = (
        check_in("channel", IntakeChannel),
        Index("ix_intake_dead_letters_received_at", "received_at", postgresql_where=text("resolved_at IS NULL")),
        fk_index("intake_dead_letters", "resolved_dealership_id", nullable=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    channel: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(100))
    payload: Mapped[str] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(String(255))
    recipient: Mapped[str | None] = mapped_column(String(255))
    vendor_name: Mapped[str | None] = mapped_column(String(255))
    provider_name: Mapped[str | None] = mapped_column(String(255))
    received_at: Mapped[datetime] = timestamp_now()
    resolved_at: Mapped[datetime | None]
    resolved_dealership_id: Mapped[int | None] = mapped_column(ForeignKey("dealerships.id", ondelete="CASCADE"))
    resolved_lead_id: Mapped[uuid.UUID | None] = uuid_ref()
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
