"""What intake takes in and gives back, whatever the channel: the contact, the vehicles, the lead, and its result;
and the lead's dedupe key."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from showroom.leads.service import source_key
from showroom.models import Conversation, Customer, Lead
from showroom.models.leads import WANTED_INTERESTS


@dataclass
class IntakeContact:
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    email: str | None = None
    phone: str | None = None  # as received
    phone_e164: str | None = None  # already normalised by the sender's parser (ADF: with the contact's country)
    alternate_phone: str | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    country: str | None = None
    preferred_contact: str | None = None
    sms_consent: dict[str, Any] | None = None  # leads.consent.record(...): given with this lead


@dataclass
class IntakeVehicle:
    interest: str = "buy"
    condition: str | None = None
    year: int | None = None
    make: str | None = None
    model: str | None = None
    trim: str | None = None
    body_style: str | None = None
    vin: str | None = None
    stock_number: str | None = None
    exterior_color: str | None = None
    interior_color: str | None = None
    mileage: int | None = None
    price: int | None = None  # cents: a quote, or a trade-in's appraisal / asking price
    min_price: int | None = None
    max_price: int | None = None
    fuel_type: str | None = None
    transmission: str | None = None
    condition_rating: str | None = None
    features: list[str] = field(default_factory=list)

    def label(self) -> str:
        return " ".join(str(p) for p in (self.year, self.make, self.model, self.trim) if p)


@dataclass
class IntakeLead:
    source_type: str  # lead_sources.type / leads.source: adf_email, website_form, website_chat, api...
    customer: IntakeContact
    provider: str | None = None  # the lead source's name (Cars.com, AutoTrader, Website...)
    issuer: str | None = None  # whose id external_id is (ADF <id source>, JSON external_source)
    external_id: str | None = None
    vehicles: list[IntakeVehicle] = field(default_factory=list)
    message: str | None = None
    timeframe: str | None = None
    request_type: str | None = None
    request_category: str | None = None
    medium: str | None = None
    campaign: str | None = None
    keyword: str | None = None
    referrer: str | None = None
    landing_page: str | None = None
    custom_fields: dict[str, Any] = field(default_factory=dict)
    original: dict[str, Any] = field(default_factory=dict)  # {format, raw, extras}: for reprocessing
    idempotency_key: str | None = None
    open_conversation: bool = True  # False for contacts that are not sales leads (no AI cadence)
    first_reply: bool = True  # enqueue the AI's first answer (the chat widget answers in the request instead)
    contact_confirmed: bool = False  # the contact is a customer staff already have: nothing in it is flagged
    anonymous_ok: bool = False  # a chat visitor may start without any contact details (the key is the visit)
    conversation_channel: str | None = None  # default: email if we have one, else sms, else chat
    # A message channel (SMS, e-mail): the customer is writing now, so even the same enquiry as earlier today (a
    # reply to a conversation staff archived) gets a new conversation on that lead.
    converse_on_duplicate: bool = False
    assigned_user_id: int | None = None  # default: round robin when the dealership assigns that way
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass
class IntakeResult:
    lead: Lead
    duplicate: bool
    customer: Customer
    conversation: Conversation | None = None
    notes: list[str] = field(default_factory=list)
    source_name: str | None = None  # the lead source it was counted under (a new lead)


def primary_wanted(vehicles: list[IntakeVehicle]) -> IntakeVehicle | None:
    return next((v for v in vehicles if v.interest in WANTED_INTERESTS), None)


def lead_key(data: IntakeLead, email: str | None, phone: str | None) -> str:
    wanted = primary_wanted(data.vehicles)
    vehicle = (wanted.vin or wanted.label()) if wanted else None
    return source_key(
        issuer=data.issuer,
        external_id=data.external_id,
        email=email,
        phone=phone,
        vehicle=vehicle,
        day=data.received_at.astimezone(UTC).date().isoformat(),
        source=data.source_type,
    )
