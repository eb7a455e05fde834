"""Follow-up payloads: staff create a task (a call to make) or a message step, and skip, snooze, edit or send one."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from showroom.api.types import DbId, When
from showroom.vocabulary import CadenceChannel, FollowUpChannel, FollowUpKind, FollowUpStatus

Notes = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FollowUpCreate(Strict):
    lead_id: uuid.UUID
    kind: FollowUpKind = Field(
        default=FollowUpKind.staff_reminder,
        description="staff_reminder: a task for a person (a call to make), e-mailed to them when due; ai_nudge: a "
        "message to the customer, written by the agent unless `notes` gives its words",
    )
    scheduled_at: When = Field(description="When it is due (ISO 8601 with its offset), in the future")
    channel: FollowUpChannel | None = Field(
        default=None, description="Default: phone for a task, the lead's for a message"
    )
    assigned_user_id: DbId | None = Field(default=None, description="Who does it (default: the lead's salesperson)")
    notes: Notes | None = None


class FollowUpUpdate(Strict):
    scheduled_at: When | None = None
    channel: FollowUpChannel | None = None
    assigned_user_id: DbId | None = None
    notes: Notes | None = Field(default=None, description="A task's notes; a message step's words (sent as written)")


class FollowUpSnooze(Strict):
    hours: int | None = Field(default=None, ge=1, le=24 * 90, description="Move it this many hours later")
    until: When | None = Field(default=None, description="Or to this time")

    @model_validator(mode="after")
    def _one(self) -> FollowUpSnooze:
        if (self.hours is None) == (self.until is None):
            raise ValueError("give either hours or until")
        return self


class FollowUpOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    lead_id: uuid.UUID
    customer_id: uuid.UUID
    conversation_id: uuid.UUID | None
    assigned_user_id: int | None
    kind: FollowUpKind
    channel: FollowUpChannel
    preferred_channel: CadenceChannel | None = Field(
        description="A cadence step's channel preference (same, sms, email, call); null for other follow-ups"
    )
    channel_note: str | None = Field(description="Why the step went on another channel than it preferred")
    status: FollowUpStatus
    scheduled_at: datetime
    template: str | None
    notes: str | None
    cancelled_reason: str | None
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime
