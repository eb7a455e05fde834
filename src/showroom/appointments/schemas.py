"""Appointment payloads."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from showroom.api.types import DbId, When
from showroom.vocabulary import AppointmentKind, AppointmentSource, AppointmentStatus

Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AppointmentCreate(Strict):
    lead_id: uuid.UUID
    kind: AppointmentKind = AppointmentKind.sales_visit
    starts_at: When = Field(description="ISO 8601 with its offset; inside working hours, in the future")
    ends_at: When | None = Field(default=None, description="Default: one slot after the start")
    vehicle_id: DbId | None = None
    assigned_user_id: DbId | None = Field(default=None, description="The salesperson (default: the lead's)")
    notes: Notes | None = None


class AppointmentReschedule(Strict):
    starts_at: When
    ends_at: When | None = Field(default=None, description="Default: the appointment's length kept")
    assigned_user_id: DbId | None = None
    notes: Notes | None = None


class AppointmentCancel(Strict):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None


class AppointmentOutcome(Strict):
    shown: bool = Field(description="true: the customer came (completed); false: a no-show")


class AppointmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    lead_id: uuid.UUID
    customer_id: uuid.UUID
    vehicle_id: int | None
    assigned_user_id: int | None
    kind: AppointmentKind
    status: AppointmentStatus
    source: AppointmentSource
    starts_at: datetime
    ends_at: datetime
    notes: str | None
    cancelled_reason: str | None
    created_at: datetime
    updated_at: datetime


class SlotOut(BaseModel):
    starts_at: datetime
    ends_at: datetime
    places_left: int
