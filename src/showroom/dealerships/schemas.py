"""Dealership payloads, and the shapes of its JSON settings columns."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any
from zoneinfo import available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    computed_field,
    field_validator,
    model_validator,
)

from showroom.api.types import WebUrl
from showroom.dealerships.routing import pending_routing
from showroom.insights import scoring
from showroom.vocabulary import (
    LANGUAGE_NAMES,
    CadenceChannel,
    CrmSendWhen,
    Language,
    OperationMode,
    SmsProviderName,
    Tone,
)

SUBDOMAIN_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


def validate_subdomain(value: str) -> str:
    if not re.fullmatch(SUBDOMAIN_PATTERN, value):
        raise ValueError(
            "subdomain must be 2-63 lower-case letters, digits or hyphens, not starting or ending "
            "with a hyphen (e.g. lakeside-honda)"
        )
    return value


def validate_timezone(value: str) -> str:
    if value not in available_timezones():
        raise ValueError(f"unknown IANA time zone {value!r} (e.g. America/Chicago)")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Weekday(StrEnum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"


class OpenHours(Strict):
    open: str = Field(pattern=HHMM)
    close: str = Field(pattern=HHMM)

    @model_validator(mode="after")
    def _order(self) -> OpenHours:
        if self.close <= self.open:
            raise ValueError("close must be after open")
        return self


class QuietHours(Strict):
    start: str = Field(default="21:00", pattern=HHMM)
    end: str = Field(default="08:00", pattern=HHMM)


def default_hours() -> dict[Weekday, OpenHours | None]:
    week = {day: OpenHours(open="09:00", close="19:00") for day in list(Weekday)[:5]}
    return {**week, Weekday.sat: OpenHours(open="09:00", close="17:00"), Weekday.sun: None}


class CadenceStep(Strict):
    """One step of a follow-up cadence: ``day`` days after the cadence starts, on ``channel`` (the conversation's
    own, a text, an e-mail, or a call: a task for the lead's salesperson)."""

    day: int = Field(description="Days after the cadence starts (0 to 365)")
    channel: CadenceChannel = Field(default=CadenceChannel.same, description="same, sms, email or call")

    @field_validator("day")
    @classmethod
    def _day(cls, value: int) -> int:
        if value < 0:
            raise ValueError("a follow-up step cannot be a negative number of days")
        if value > 365:
            raise ValueError("a follow-up step is at most 365 days after the cadence starts")
        return value


def _plain_days(value: Any) -> Any:
    """The first shape of a cadence, a list of day numbers, is a list of steps on the conversation's channel."""
    if isinstance(value, list):
        return [{"day": v} if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
    return value


def _in_order(steps: list[CadenceStep]) -> list[CadenceStep]:
    days = [step.day for step in steps]
    if len(set(days)) != len(days):
        raise ValueError(f"each day once (day {next(d for d in days if days.count(d) > 1)} is there twice)")
    if days != sorted(days):
        raise ValueError(f"steps in order of their day ({', '.join(map(str, days))} is not)")
    return steps


Cadence = Annotated[list[CadenceStep], BeforeValidator(_plain_days), AfterValidator(_in_order)]


def cadence_of(*steps: tuple[int, CadenceChannel]) -> list[CadenceStep]:
    return [CadenceStep(day=day, channel=channel) for day, channel in steps]


class AgentConfig(Strict):
    """How conversations are handled: hours (in the dealership's time zone), quiet hours, templates, and the
    languages the agent answers in (a customer writing in another one is handed over: "writes in Spanish")."""

    working_hours: dict[Weekday, OpenHours | None] = Field(default_factory=default_hours)
    quiet_hours: QuietHours = Field(default_factory=QuietHours)
    greeting_template: str = Field(
        default="Hi {{customer_first_name}}! Thanks for reaching out to {{dealership_name}}. "
        "A member of our team will be with you shortly.",
        max_length=2000,
    )
    away_template: str = Field(
        default="Thanks for your message! {{dealership_name}} is closed right now; we'll reply "
        "first thing when we open.",
        max_length=2000,
    )
    queue_template: str = Field(default="Thanks for waiting, a team member will reply in a moment.", max_length=2000)
    sms_max_chars: int = Field(default=320, ge=70, le=1600)
    appointment_slot_minutes: int = Field(
        default=30, ge=10, le=240, description="Length of a bookable slot; slots start at opening time"
    )
    follow_up_days: Cadence = Field(
        default_factory=lambda: cadence_of(*((d, CadenceChannel.same) for d in (1, 2, 4, 7, 13))),
        max_length=20,
        description="The follow-up cadence: steps (day after the first answer, channel) for a lead that has not "
        "replied; a plain day number is a step on the conversation's channel",
    )
    no_show_follow_up_days: Cadence = Field(
        default_factory=lambda: cadence_of(*((d, CadenceChannel.same) for d in (1, 3, 7))),
        max_length=20,
        description="The cadence after a missed appointment: steps (day after the no-show, channel)",
    )
    handover_follow_up_days: Cadence = Field(
        default_factory=lambda: cadence_of(
            (1, CadenceChannel.same), (3, CadenceChannel.call), (7, CadenceChannel.call)
        ),
        max_length=20,
        description="After a person takes over: tasks for them (day after their last word the customer has not "
        "answered; reply on the channel, or call)",
    )
    follow_up_gap_hours: int = Field(
        default=24, ge=0, le=720, description="Never two automated messages to a customer within this many hours"
    )
    follow_up_working_days: bool = Field(
        default=True, description="Follow-ups go on working days, inside the working hours (else any day)"
    )
    appointment_reminder_hours: list[int] = Field(
        default_factory=lambda: [24, 2],
        max_length=5,
        description="Reminders before a visit, in hours before it starts, on the customer's channel",
    )
    appointment_capacity: int = Field(
        default=2, ge=1, le=50, description="Appointments the showroom takes at the same time (per slot)"
    )
    languages: list[Language] = Field(
        default_factory=lambda: [Language.en],
        min_length=1,
        description="The languages the agent answers in (ISO 639-1); a message in another one is handed over",
    )

    @field_validator("appointment_reminder_hours")
    @classmethod
    def _reminder_hours(cls, value: list[int]) -> list[int]:
        if any(not 1 <= hours <= 168 for hours in value):
            raise ValueError("a reminder is 1 to 168 hours before the visit")
        return sorted(set(value), reverse=True)

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[Language]) -> list[Language]:
        if len(set(value)) != len(value):
            raise ValueError("each language once")
        return value

    @staticmethod
    def language_choices() -> list[tuple[str, str]]:
        """(code, name) of every language the agent can be set to answer in, for the settings page."""
        return [(code.value, name) for code, name in LANGUAGE_NAMES.items()]


class AiConfig(Strict):
    provider: str = Field(default="builtin", pattern=r"^(builtin|openai)$")
    model: str | None = Field(default=None, max_length=100)
    temperature: float = Field(default=0.3, ge=0, le=2)
    response_delay_ms: int = Field(default=0, ge=0, le=60_000)


class AssignmentTeam(Strict):
    """A set of staff who take turns (round robin, skipping anyone away): new leads, handovers, or both."""

    name: str = Field(min_length=1, max_length=100)
    user_ids: list[int] = Field(min_length=1, max_length=200, description="The members: active staff of the dealership")
    new_leads: bool = Field(default=False, description="New leads go round this team (the first such team)")
    handovers: bool = Field(
        default=False, description="Handovers of unassigned conversations, or of someone away, go round this team"
    )


class LeadRouting(Strict):
    auto_create_leads: bool = True
    assignment_strategy: str = Field(default="round_robin", pattern=r"^(round_robin|manual)$")
    teams: list[AssignmentTeam] = Field(
        default_factory=list,
        max_length=50,
        description="Assignment teams; with none, new leads go round every active salesperson and manager",
    )

    @field_validator("teams")
    @classmethod
    def _unique_team_names(cls, teams: list[AssignmentTeam]) -> list[AssignmentTeam]:
        names = [team.name.casefold() for team in teams]
        twice = next((team.name for team, name in zip(teams, names, strict=True) if names.count(name) > 1), None)
        if twice is not None:
            raise ValueError(f"two teams are called {twice!r}")
        return teams

    adf_vendor_names: list[str] = Field(default_factory=list, description="ADF <vendorname> values routed here")
    adf_vendor_ids: list[str] = Field(default_factory=list, description="ADF vendor <id> values routed here")


class HandoverSettings(Strict):
    enabled: bool = True
    emails: list[EmailStr] = Field(default_factory=list, max_length=20)
    sla_hours: int = Field(default=24, ge=1, le=720)
    sla_minutes_urgent: int = Field(
        default=15, ge=1, le=1440, description="deadline when the customer asked for a person or it is urgent"
    )


class CrmSettings(Strict):
    """``settings.crm``: where the CRM takes leads by e-mail (ADF/XML), and when Showroom sends them (issue 19)."""

    email: EmailStr | None = Field(
        default=None, description="The CRM's lead-intake address (ADF/XML e-mail); null: no hand-off"
    )
    send_when: CrmSendWhen = Field(
        default=CrmSendWhen.qualified,
        description="new_lead: every new lead; qualified: once, when a lead is qualified or handed over",
    )


class DealershipSettings(Strict):
    handover: HandoverSettings = Field(default_factory=HandoverSettings)
    crm: CrmSettings = Field(default_factory=CrmSettings)
    widget_allowed_origins: list[str] = Field(default_factory=list, max_length=20)
    region: str = Field(default="US", pattern=r"^[A-Z]{2}$", description="Phone-number region (ISO 3166-1)")
    sms_number: str | None = Field(
        default=None,
        max_length=20,
        pattern=r"^\+[1-9][0-9]{6,14}$",
        description="The dealership's texting number (E.164): SMS sender and webhook route",
    )
    sms_provider: SmsProviderName = Field(
        default=SmsProviderName.relay,
        description="How texts leave: relay (SHOWROOM_SMS_WEBHOOK_URL, else the outbox) or twilio (Twilio's API)",
    )
    score_weights: dict[str, int] = Field(
        default_factory=dict,
        description="Lead-score weights overriding the defaults (insights.scoring.DEFAULT_WEIGHTS), e.g. "
        '{"test_drive": 30, "just_browsing": -25, "quiet_decay_percent": 5, "hot_threshold": 75}',
    )

    @field_validator("score_weights")
    @classmethod
    def _weights(cls, value: dict[str, int]) -> dict[str, int]:
        try:
            scoring.weights(value)
        except scoring.BadWeights as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("widget_allowed_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        for origin in value:
            if not re.fullmatch(r"https?://[a-z0-9.-]+(:[0-9]{1,5})?", origin):
                raise ValueError(f"{origin!r} is not an origin like https://www.example.com")
        return value


class DealershipCreate(Strict):
    name: str = Field(min_length=1, max_length=255)
    subdomain: str = Field(description="Lower-case letters, digits and hyphens; 2-63 characters.")
    contact_email: EmailStr
    contact_phone: str | None = Field(default=None, max_length=50)
    website: str | None = Field(default=None, max_length=255)
    address: str | None = Field(default=None, max_length=500)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=50)
    zip: str | None = Field(default=None, max_length=20)
    timezone: str = "America/New_York"
    primary_color: str = Field(default="#000000", pattern=COLOR_PATTERN)
    secondary_color: str = Field(default="#ffffff", pattern=COLOR_PATTERN)
    accent_color: str = Field(default="#4f46e5", pattern=COLOR_PATTERN)
    persona_name: str = Field(default="Alex", min_length=1, max_length=100)
    welcome_message: str | None = Field(default=None, max_length=2000)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        return validate_timezone(value)

    @field_validator("subdomain")
    @classmethod
    def _subdomain(cls, value: str) -> str:
        return validate_subdomain(value)


class DealershipUpdate(Strict):
    """What a dealership admin edits: profile, branding, persona defaults, hours and settings."""

    name: str | None = Field(default=None, min_length=1, max_length=255)
    contact_email: EmailStr | None = None
    contact_phone: str | None = Field(default=None, max_length=50)
    website: str | None = Field(default=None, max_length=255)
    logo_url: Annotated[WebUrl, StringConstraints(max_length=255)] | None = None
    address: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=5000)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=50)
    zip: str | None = Field(default=None, max_length=20)
    primary_color: str | None = Field(default=None, pattern=COLOR_PATTERN)
    secondary_color: str | None = Field(default=None, pattern=COLOR_PATTERN)
    accent_color: str | None = Field(default=None, pattern=COLOR_PATTERN)
    font_family: str | None = Field(default=None, min_length=1, max_length=100)
    persona_name: str | None = Field(default=None, min_length=1, max_length=100)
    persona_tone: Tone | None = None
    persona_template: str | None = Field(default=None, max_length=20_000)
    welcome_message: str | None = Field(default=None, max_length=2000)
    operation_mode: OperationMode | None = None
    timezone: str | None = None
    ai_config: AiConfig | None = None
    agent_config: AgentConfig | None = None
    lead_routing: LeadRouting | None = None
    settings: DealershipSettings | None = None

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str | None) -> str | None:
        return None if value is None else validate_timezone(value)

    @model_validator(mode="after")
    def _no_nulls_for_required(self) -> DealershipUpdate:
        required = {
            "name",
            "contact_email",
            "primary_color",
            "secondary_color",
            "accent_color",
            "font_family",
            "persona_name",
            "persona_tone",
            "operation_mode",
            "timezone",
            "ai_config",
            "agent_config",
            "lead_routing",
            "settings",
        }
        for key in self.model_fields_set & required:
            if getattr(self, key) is None:
                raise ValueError(f"{key} cannot be null")
        return self


class PlatformDealershipUpdate(DealershipUpdate):
    """Super admins may also move the subdomain."""

    subdomain: str | None = None

    @field_validator("subdomain")
    @classmethod
    def _subdomain(cls, value: str | None) -> str | None:
        return None if value is None else validate_subdomain(value)


class DealershipOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    subdomain: str
    contact_email: str
    contact_phone: str | None
    website: str | None
    logo_url: str | None
    address: str | None
    description: str | None
    city: str | None
    state: str | None
    zip: str | None
    primary_color: str
    secondary_color: str
    accent_color: str
    font_family: str
    persona_name: str
    persona_tone: Tone
    persona_template: str | None
    welcome_message: str | None
    operation_mode: OperationMode
    timezone: str
    ai_config: dict[str, Any]
    agent_config: dict[str, Any]
    lead_routing: dict[str, Any]
    settings: dict[str, Any]
    approved_routing: dict[str, Any] = Field(
        description="The texting number and ADF vendor names/ids a super admin approved: only these route messages"
    )
    is_active: bool
    created_at: datetime
    updated_at: datetime

    @computed_field(description="Requested in settings/lead_routing, waiting for a super admin's approval")  # type: ignore[prop-decorator]
    @property
    def routing_pending(self) -> dict[str, Any]:
        return pending_routing(self.settings, self.lead_routing, self.approved_routing)
