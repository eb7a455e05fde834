"""Customer and lead payloads."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

Text100 = Annotated[str, StringConstraints(max_length=100)]


class SourceType(StrEnum):
    adf_email = "adf_email"
    website_form = "website_form"
    website_chat = "website_chat"
    phone_call = "phone_call"
    walk_in = "walk_in"
    referral = "referral"
    social_media = "social_media"
    advertising = "advertising"
    partner = "partner"
    manual = "manual"
    api = "api"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ContactPreference(StrEnum):
    email = "email"
    phone = "phone"
    sms = "sms"


class Priority(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    urgent = "urgent"


class LeadStatus(StrEnum):
    new = "new"
    contacted = "contacted"
    qualified = "qualified"
    appointment = "appointment"
    negotiation = "negotiation"
    sold = "sold"
    lost = "lost"
    archived = "archived"


class CustomerFields(Strict):
    first_name: Text100 | None = None
    last_name: Text100 | None = None
    email: EmailStr | None = None
    phone: Annotated[str, StringConstraints(max_length=50)] | None = None
    alternate_phone: Annotated[str, StringConstraints(max_length=50)] | None = None
    address: Annotated[str, StringConstraints(max_length=500)] | None = None
    city: Text100 | None = None
    state: Annotated[str, StringConstraints(max_length=50)] | None = None
    zip_code: Annotated[str, StringConstraints(max_length=20)] | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    date_of_birth: date | None = None
    preferred_language: Annotated[str, StringConstraints(max_length=20)] | None = None
    preferred_contact: ContactPreference | None = None
    marketing_opt_in: bool | None = None
    do_not_call: bool | None = None
    custom_fields: dict[str, Any] | None = None


class CustomerCreate(CustomerFields):
    @model_validator(mode="after")
    def _reachable(self) -> CustomerCreate:
        if not (self.email or self.phone or self.first_name or self.last_name):
            raise ValueError("a customer needs at least a name, an e-mail or a phone number")
        return self


class CustomerUpdate(CustomerFields):
    pass


class CustomerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    first_name: str | None
    last_name: str | None
    full_name: str
    email: str | None
    phone: str | None
    alternate_phone: str | None
    email_normalized: str | None
    phone_e164: str | None
    address: str | None
    city: str | None
    state: str | None
    zip_code: str | None
    country: str
    preferred_language: str
    preferred_contact: str | None
    lead_score: int
    marketing_opt_in: bool
    do_not_call: bool
    opted_out: bool
    total_leads: int
    first_contact_date: datetime | None
    last_contact_date: datetime | None
    custom_fields: dict[str, Any]
    created_at: datetime
    updated_at: datetime


class LeadCreate(Strict):
    customer_id: uuid.UUID
    source: SourceType = SourceType.manual
    source_id: uuid.UUID | None = None
    status: LeadStatus = LeadStatus.new
    priority: Priority = Priority.medium
    request_type: Annotated[str, StringConstraints(max_length=50)] | None = None
    description: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    timeframe: Text100 | None = None
    medium: Text100 | None = None
    campaign: Text100 | None = None
    keyword: Annotated[str, StringConstraints(max_length=255)] | None = None
    referrer: Annotated[str, StringConstraints(max_length=500)] | None = None
    landing_page: Annotated[str, StringConstraints(max_length=500)] | None = None
    estimated_value: int | None = Field(default=None, ge=0, description="cents")
    assigned_user_id: int | None = None
    external_id: Annotated[str, StringConstraints(max_length=255)] | None = None
    custom_fields: dict[str, Any] = Field(default_factory=dict)


class LeadUpdate(Strict):
    status: LeadStatus | None = None
    lost_reason: Annotated[str, StringConstraints(min_length=1, max_length=255)] | None = None
    priority: Priority | None = None
    assigned_user_id: int | None = None
    request_type: Annotated[str, StringConstraints(max_length=50)] | None = None
    description: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    timeframe: Text100 | None = None
    estimated_value: int | None = Field(default=None, ge=0, description="cents")
    expected_close_date: datetime | None = None
    next_follow_up_date: datetime | None = None
    follow_up_notes: Annotated[str, StringConstraints(max_length=5000)] | None = None
    custom_fields: dict[str, Any] | None = None
    note: Annotated[str, StringConstraints(min_length=1, max_length=5000)] | None = Field(
        default=None, description="Adds a note to the lead's timeline"
    )
    version: int | None = Field(default=None, ge=1, description="Optimistic lock: the version you last read")


class LeadOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    lead_number: str
    customer_id: uuid.UUID
    source: str
    source_id: uuid.UUID | None
    assigned_user_id: int | None
    status: LeadStatus
    lost_reason: str | None
    priority: str
    request_type: str | None
    description: str | None
    timeframe: str | None
    medium: str | None
    campaign: str | None
    keyword: str | None
    referrer: str | None
    landing_page: str | None
    lead_score: int
    estimated_value: int | None
    expected_close_date: datetime | None
    next_follow_up_date: datetime | None
    external_id: str | None
    custom_fields: dict[str, Any]
    version: int
    created_at: datetime
    updated_at: datetime


class ActivityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    type: str
    description: str
    notes: str | None
    user_id: int | None
    message_id: uuid.UUID | None
    handover_id: uuid.UUID | None
    created_at: datetime
