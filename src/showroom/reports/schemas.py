"""Report schedule payloads."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator, model_validator

from showroom.vocabulary import ReportFrequency, ReportType

Recipient = Annotated[EmailStr | int, Field(description="An e-mail address, or the id of a user of this dealership")]


def _time_zone(value: str | None) -> str | None:
    if value is not None:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a time zone like America/Chicago") from None
    return value


class ReportScheduleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=255)
    report_type: ReportType = ReportType.lead_summary
    frequency: ReportFrequency
    day_of_week: int | None = Field(default=None, ge=0, le=6, description="weekly: 0 = Sunday … 6 = Saturday")
    day_of_month: int | None = Field(default=None, ge=1, le=28, description="monthly: 1-28")
    time_of_day: time = Field(default=time(8, 0), description="Local to `timezone`; a time in a DST gap runs at the "
                              "next valid minute")  # fmt: skip
    timezone: str | None = Field(default=None, description="IANA zone; default: the dealership's")
    recipients: list[Recipient] = Field(min_length=1, max_length=20)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return _time_zone(value)

    @model_validator(mode="after")
    def _day(self) -> ReportScheduleCreate:
        if (self.frequency == ReportFrequency.weekly) != (self.day_of_week is not None):
            raise ValueError("day_of_week is required for weekly reports, and only for them")
        if (self.frequency == ReportFrequency.monthly) != (self.day_of_month is not None):
            raise ValueError("day_of_month is required for monthly reports, and only for them")
        return self


class ReportScheduleUpdate(BaseModel):
    """Any field; the day fields are checked against the frequency the schedule ends up with (``service.update``).
    ``is_active`` false pauses it (no run is due until it is true again: then from now on, nothing missed is sent)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=255)
    report_type: ReportType | None = None
    frequency: ReportFrequency | None = None
    day_of_week: int | None = Field(default=None, ge=0, le=6)
    day_of_month: int | None = Field(default=None, ge=1, le=28)
    time_of_day: time | None = None
    timezone: str | None = None
    recipients: list[Recipient] | None = Field(default=None, min_length=1, max_length=20)
    is_active: bool | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return _time_zone(value)


class ReportScheduleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    report_type: ReportType
    frequency: ReportFrequency
    day_of_week: int | None
    day_of_month: int | None
    time_of_day: time
    timezone: str
    recipients: list[str | int]
    is_active: bool
    last_run_at: datetime | None
    next_run_at: datetime | None


class SendNowOut(BaseModel):
    period_start: datetime
    period_end: datetime
    recipients: list[str]
