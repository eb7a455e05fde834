"""HTTP shapes of the CRM hand-off."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from showroom.dealerships.schemas import CrmSettings
from showroom.vocabulary import CrmHandoffStatus, CrmHandoffTrigger

__all__ = ["CrmHandoff", "CrmHandoffWithAdf", "CrmSettings"]


class CrmHandoff(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    lead_id: uuid.UUID
    trigger: CrmHandoffTrigger
    status: CrmHandoffStatus
    to_address: str
    message_id: str | None
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    sent_at: datetime | None
    created_at: datetime


class CrmHandoffWithAdf(CrmHandoff):
    adf: str | None = Field(description="The ADF document last sent (null until the first attempt)")
