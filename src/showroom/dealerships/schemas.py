"""Dealership payloads."""

from __future__ import annotations

from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

SUBDOMAIN_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"


class DealershipCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=255)
    subdomain: str = Field(
        min_length=2,
        max_length=63,
        pattern=SUBDOMAIN_PATTERN,
        description="Lower-case letters, digits and hyphens; 2-63 characters.",
    )
    contact_email: EmailStr
    contact_phone: str | None = Field(default=None, max_length=50)
    website: str | None = Field(default=None, max_length=255)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=50)
    timezone: str = "America/New_York"
    primary_color: str = Field(default="#000000", pattern=COLOR_PATTERN)
    secondary_color: str = Field(default="#ffffff", pattern=COLOR_PATTERN)
    accent_color: str = Field(default="#4f46e5", pattern=COLOR_PATTERN)
    persona_name: str = Field(default="Alex", min_length=1, max_length=100)
    welcome_message: str | None = Field(default=None, max_length=2000)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        return validate_timezone(value)


def validate_timezone(value: str) -> str:
    if value not in available_timezones():
        raise ValueError(f"unknown IANA time zone {value!r} (e.g. America/Chicago)")
    return value
