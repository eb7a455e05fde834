"""Customer and lead payloads."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

from showroom.api.types import Day, When
from showroom.inventory.schemas import Vin
from showroom.models.inventory import YEAR_MAX, YEAR_MIN
from showroom.vocabulary import (
    ActivityType,
    ConditionRating,
    ContactField,
    ContactPreference,
    Interest,
    InterestCondition,
    LeadSourceType,
    LeadStatus,
    Priority,
    ProspectOutcome,
)

Text100 = Annotated[str, StringConstraints(max_length=100)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


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
    date_of_birth: Day | None = None
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
    ai_enabled: bool | None = Field(default=None, description="false: the AI never answers this customer")


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
    preferred_contact: ContactPreference | None
    lead_score: int
    marketing_opt_in: bool
    do_not_call: bool
    opted_out: bool
    opted_out_channels: dict[str, Any]
    ai_enabled: bool
    total_leads: int
    first_contact_date: datetime | None
    last_contact_date: datetime | None
    custom_fields: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    contact_flags: dict[str, Any] = Field(
        description="email/phone kept as given but doubtful, or an e-mail address mail bounced from (bounced: true): "
        "{value, reason, since}; no automated message uses them until staff confirm or clear them "
        "(POST /customers/{id}/confirm-contact)"
    )
    possible_duplicates: list[dict[str, Any]] = Field(
        description="customers that may be the same person: {customer_id, name, reason, at}; merge or leave them"
    )
    sms_consent: dict[str, Any] | None = Field(description="consent to automated texts: {granted, source, at, wording}")


class ConfirmContactIn(Strict):
    field: ContactField


class MergeIn(Strict):
    duplicate_id: uuid.UUID = Field(description="the customer merged into this one (and then deleted)")


class MergeOut(BaseModel):
    customer: CustomerOut
    moved: dict[str, Any] = Field(description="how many leads, conversations, follow-ups, insights, interactions moved")


Cents = Annotated[int, Field(ge=0, le=2_000_000_000, description="integer cents")]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]


class SmsConsentIn(Strict):
    """The customer's answer to "may we text you automated messages?", as your form asked it."""

    granted: bool
    wording: Annotated[str, StringConstraints(min_length=1, max_length=1000)] = Field(
        description="The words the customer agreed to (or declined), as shown to them"
    )
    at: datetime | None = Field(default=None, description="When they answered (default: when the lead arrives)")


class IntakeCustomerIn(Strict):
    first_name: Text100 | None = None
    last_name: Text100 | None = None
    name: Annotated[str, StringConstraints(max_length=255)] | None = Field(
        default=None, description="When not split in two"
    )
    email: Annotated[str, StringConstraints(max_length=255)] | None = None
    phone: Annotated[str, StringConstraints(max_length=50)] | None = None
    alternate_phone: Annotated[str, StringConstraints(max_length=50)] | None = None
    address: Annotated[str, StringConstraints(max_length=500)] | None = None
    city: Text100 | None = None
    state: Annotated[str, StringConstraints(max_length=50)] | None = None
    zip_code: Annotated[str, StringConstraints(max_length=20)] | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    preferred_contact: ContactPreference | None = None
    sms_consent: SmsConsentIn | None = Field(
        default=None, description="Consent to automated texts; without a granted one the agent never texts them"
    )


class IntakeVehicleIn(Strict):
    interest: Interest = Interest.buy
    condition: InterestCondition | None = None
    year: Year | None = None
    make: Text100 | None = None
    model: Text100 | None = None
    trim: Text100 | None = None
    body_style: Text100 | None = None
    vin: Vin | None = None
    stock_number: Annotated[str, StringConstraints(max_length=50)] | None = None
    exterior_color: Text100 | None = None
    interior_color: Text100 | None = None
    mileage: Annotated[int, Field(ge=0, le=2_000_000)] | None = None
    price: Cents | None = None
    min_price: Cents | None = None
    max_price: Cents | None = None
    features: list[Annotated[str, StringConstraints(max_length=200)]] = Field(default_factory=list, max_length=50)


class TradeInIn(Strict):
    year: Year | None = None
    make: Text100 | None = None
    model: Text100 | None = None
    trim: Text100 | None = None
    vin: Vin | None = None
    mileage: Annotated[int, Field(ge=0, le=2_000_000)] | None = None
    condition_rating: ConditionRating | None = None
    price: Cents | None = Field(default=None, description="asking price or appraisal, cents")


class AttributionIn(Strict):
    source: LeadSourceType = LeadSourceType.api
    provider: Text100 | None = Field(default=None, description="Lead source name, e.g. 'Website' or 'Facebook'")
    medium: Text100 | None = None
    campaign: Text100 | None = None
    keyword: Annotated[str, StringConstraints(max_length=255)] | None = None
    referrer: Annotated[str, StringConstraints(max_length=500)] | None = None
    landing_page: Annotated[str, StringConstraints(max_length=500)] | None = None


class LeadIntakeIn(Strict):
    """A lead from a website form, a partner or staff: the customer (new or known), what they want, where from."""

    customer: IntakeCustomerIn | None = None
    customer_id: uuid.UUID | None = Field(default=None, description="An existing customer instead of `customer`")
    vehicles: list[IntakeVehicleIn] = Field(default_factory=list, max_length=10)
    trade_in: TradeInIn | None = None
    message: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    timeframe: Text100 | None = None
    request_type: Annotated[str, StringConstraints(max_length=50)] | None = None
    attribution: AttributionIn = Field(default_factory=AttributionIn)
    external_id: Annotated[str, StringConstraints(min_length=1, max_length=255)] | None = Field(
        default=None, description="Your id for this lead: a resend with the same id is a duplicate"
    )
    external_source: Annotated[str, StringConstraints(min_length=1, max_length=50)] | None = Field(
        default=None, description="Whose id external_id is (default: the attribution source)"
    )
    custom_fields: dict[str, Any] = Field(default_factory=dict)
    assigned_user_id: int | None = Field(default=None, description="Default: round robin, if the dealership uses it")

    @model_validator(mode="after")
    def _one_customer(self) -> LeadIntakeIn:
        if (self.customer is None) == (self.customer_id is None):
            raise ValueError("give either customer (the person's details) or customer_id (a known customer)")
        return self


class LeadUpdate(Strict):
    status: LeadStatus | None = None
    lost_reason: Annotated[str, StringConstraints(min_length=1, max_length=255)] | None = None
    priority: Priority | None = None
    assigned_user_id: int | None = None
    request_type: Annotated[str, StringConstraints(max_length=50)] | None = None
    description: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    timeframe: Text100 | None = None
    estimated_value: int | None = Field(default=None, ge=0, description="cents")
    expected_close_date: When | None = None
    next_follow_up_date: When | None = None
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
    source: LeadSourceType
    source_id: uuid.UUID | None
    assigned_user_id: int | None
    status: LeadStatus
    lost_reason: str | None
    priority: Priority
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
    type: ActivityType
    description: str
    notes: str | None
    user_id: int | None
    message_id: uuid.UUID | None
    handover_id: uuid.UUID | None
    created_at: datetime


class IntakeOut(BaseModel):
    lead: LeadOut
    duplicate: bool = Field(description="True: this enquiry was already here; the existing lead is returned")
    customer_id: uuid.UUID
    conversation_id: uuid.UUID | None
    notes: list[str] = Field(default_factory=list)


class AdfDocumentOut(BaseModel):
    """One prospect of one ADF document: what became of it and why."""

    document: int = Field(1, description="the document's place in the payload (1-based)")
    prospect: int = Field(1, description="the prospect's place in its document (1-based)")
    outcome: ProspectOutcome = ProspectOutcome.lead
    reason: str = Field("", description="what became of it, in words: the lead's number, or why it was rejected")
    source: str | None = Field(None, description="the lead source (provider) it was counted under")
    lead: LeadOut | None = None
    duplicate: bool = False
    error: str | None = None
    field: str | None = None
    dead_letter_id: uuid.UUID | None = None
    warnings: list[str] = Field(default_factory=list)


class AdfIntakeOut(BaseModel):
    results: list[AdfDocumentOut]


class LeadSourceUpdate(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    monthly_cost: int | None = Field(default=None, ge=0, le=100_000_000, description="cents a month; null: unknown")
    is_active: bool | None = None


class LeadSourceOut(BaseModel):
    id: uuid.UUID
    name: str
    type: LeadSourceType
    provider_keys: list[str]
    monthly_cost: int | None = Field(description="cents a month")
    total_leads: int
    is_active: bool
    leads_this_month: int
    cost_per_lead: int | None = Field(description="cents: this month's cost over this month's leads")


class SourceMergeIn(Strict):
    source_id: uuid.UUID = Field(description="the source merged into this one (and then deleted)")


class SourceMergeOut(BaseModel):
    source: LeadSourceOut
    leads_moved: int
