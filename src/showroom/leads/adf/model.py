"""ADF parse results: `AdfError`, the dataclasses a parsed lead is made of, and the size limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from showroom.leads.contacts import phone_doubt
from showroom.models.leads import WANTED_INTERESTS
from showroom.vocabulary import Interest

MAX_DOCUMENT_BYTES = 1_048_576
MAX_DEPTH = 32
MAX_PAYLOAD_BYTES = 25 * 1_048_576  # a whole e-mail, attachments included
TIMEFRAME_MAX_LENGTH = 100  # leads.timeframe is varchar(100)
INT4_MAX = 2_147_483_647  # numbers (mileage, cents) are stored in int columns: a larger one is not a real value


class AdfError(ValueError):
    """An ADF document that cannot become a lead. `reason` says what is wrong and where."""

    def __init__(self, reason: str, field: str | None = None, *, line: int | None = None, column: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field
        self.line = line
        self.column = column


@dataclass
class AdfId:
    value: str
    source: str | None = None
    sequence: int | None = None


@dataclass
class AdfPhone:
    number: str  # as received, trimmed
    type: str | None = None  # lower-cased as sent: voice, cellphone, mobile, cell, fax, home, work…
    time: str | None = None  # morning, afternoon, evening, nopreference, day, anytime…
    e164: str | None = None  # normalised, None when not a possible number
    preferred: bool = False  # preferredcontact="1"


@dataclass
class AdfContact:
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None  # as sent (part="full" or plain), else composed from the parts
    emails: list[str] = field(default_factory=list)  # valid addresses, normalised (trimmed, lower-cased)
    phones: list[AdfPhone] = field(default_factory=list)
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    preferred_contact: str | None = None  # a ContactPreference when derivable
    company: str | None = None
    middle_name: str | None = None
    invalid_emails: list[str] = field(default_factory=list)  # as received

    @property
    def email(self) -> str | None:
        return self.emails[0] if self.emails else None

    @property
    def primary_phone(self) -> AdfPhone | None:
        """The preferred possible phone, else the first possible one; a number nobody doubts first (a form's
        "0000000000" home phone never wins over the real cell phone after it)."""
        possible = [phone for phone in self.phones if phone.e164]
        sound = [phone for phone in possible if phone_doubt(phone.number, phone.e164) is None]
        for group in (sound, possible):
            preferred = [phone for phone in group if phone.preferred]
            if preferred or group:
                return (preferred or group)[0]
        return None

    @property
    def has_contact(self) -> bool:
        """Any e-mail or phone text at all: a doubtful one is kept and flagged, never a reason to lose the lead."""
        return bool(self.emails or self.invalid_emails or self.phones)

    @property
    def usable(self) -> bool:
        return bool(self.emails) or self.primary_phone is not None


@dataclass
class AdfVehicle:
    interest: str = Interest.buy
    condition: str | None = None  # an InterestCondition (from status="", else <condition>)
    year: int | None = None
    make: str | None = None
    model: str | None = None
    trim: str | None = None
    body_style: str | None = None
    vin: str | None = None
    stock_number: str | None = None
    exterior_color: str | None = None
    interior_color: str | None = None
    transmission: str | None = None
    fuel_type: str | None = None
    mileage: int | None = None
    price_cents: int | None = None
    price_type: str | None = None
    comments: str | None = None
    options: list[str] = field(default_factory=list)
    engine: str | None = None
    doors: int | None = None
    mileage_units: str | None = None  # as sent (miles, km…); the number is not converted
    price_currency: str | None = None
    prices: dict[str, int] = field(default_factory=dict)  # price type -> cents, every non-zero typed price
    from_comments: list[str] = field(default_factory=list)  # fields filled from the lead's comments

    @property
    def is_wanted(self) -> bool:
        return self.interest in WANTED_INTERESTS


@dataclass
class ParsedLead:
    customer: AdfContact
    ids: list[AdfId] = field(default_factory=list)
    status: str | None = None  # new, resend
    request_date: datetime | None = None  # tz-aware; UTC when the sender gave no zone
    vehicles: list[AdfVehicle] = field(default_factory=list)
    comments: str | None = None
    timeframe: str | None = None
    vendor_name: str | None = None
    vendor_id: str | None = None
    vendor_contact: AdfContact | None = None
    provider_name: str | None = None
    provider_id: str | None = None
    provider_service: str | None = None
    provider_url: str | None = None
    request_type: str | None = None  # purchase, lease, test_drive, trade_in, finance, info
    is_sales_lead: bool = True
    non_sales_reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    vendor_url: str | None = None
    provider_contact: AdfContact | None = None
    timeframe_earliest: date | None = None
    timeframe_latest: date | None = None
    comment_fields: dict[str, str] = field(default_factory=dict)  # "Key: value" lines, keys lower-cased
    recovered: bool = False  # True when the tolerant fallback read a document that was not well-formed
    sms_consent: tuple[bool, str] | None = None  # a consent element: (granted, its wording or value)

    @property
    def primary_id(self) -> AdfId | None:
        """The id with the lowest sequence (an id without sequence ranks after numbered ones)."""
        if not self.ids:
            return None
        ranked = sorted(
            enumerate(self.ids), key=lambda item: (item[1].sequence is None, item[1].sequence or 0, item[0])
        )
        return ranked[0][1]
