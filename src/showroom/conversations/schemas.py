"""Conversation and message payloads."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from showroom.api.types import When
from showroom.vocabulary import (
    Channel,
    ContentType,
    ConversationStatus,
    DeliveryStatus,
    LoggedContact,
    MessageType,
    Priority,
    Sender,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_MESSAGE_CHARS = 20_000


def clean_text(value: str) -> str:
    """Messages are stored verbatim except for control characters (NUL cannot even be stored)."""
    return _CONTROL.sub("", value)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ConversationCreate(Strict):
    lead_id: uuid.UUID
    channel: Channel = Channel.chat
    subject: Annotated[str, StringConstraints(max_length=255)] | None = None
    assigned_user_id: int | None = None
    priority: Priority = Priority.medium
    is_ai_assisted: bool = True
    external_thread_id: Annotated[str, StringConstraints(max_length=255)] | None = None


class ConversationUpdate(Strict):
    status: ConversationStatus | None = None
    subject: Annotated[str, StringConstraints(max_length=255)] | None = None
    assigned_user_id: int | None = None
    priority: Priority | None = None
    is_ai_assisted: bool | None = None
    ai_paused: bool | None = None
    tags: list[Annotated[str, StringConstraints(min_length=1, max_length=50)]] | None = Field(
        default=None, max_length=30
    )
    snoozed_until: When | None = Field(
        default=None,
        description="Out of the inbox's open tabs until this time (in the future) or the customer's next message; "
        "null wakes it",
    )
    snoozed_until_reply: bool | None = Field(
        default=None, description="true: out of the open tabs until the customer's next message; false wakes it"
    )


class ConversationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    lead_id: uuid.UUID
    customer_id: uuid.UUID
    assigned_user_id: int | None
    subject: str | None
    status: ConversationStatus
    channel: Channel
    priority: Priority
    is_ai_assisted: bool
    ai_paused: bool
    tags: list[str]
    dialogue_state: dict[str, Any] = Field(
        description="What the agent carries from turn to turn: vehicles shown, criteria, trade-in, visit, contact, "
        "language (see DATA_MODEL.md)"
    )
    message_count: int
    last_message_at: datetime | None
    last_customer_message_at: datetime | None
    closed_at: datetime | None
    snoozed_until: datetime | None = None
    snoozed_until_reply: bool = False
    created_at: datetime
    updated_at: datetime


class StaffMessageKind(StrEnum):
    """The ``MessageType``s staff write."""

    outbound = MessageType.outbound.value
    internal_note = MessageType.internal_note.value


class MessageCreate(Strict):
    """Staff send ``outbound`` replies or ``internal_note``s; integrations (API keys) post the customer's
    inbound messages."""

    content: Annotated[str, StringConstraints(min_length=1, max_length=MAX_MESSAGE_CHARS)]
    type: StaffMessageKind | None = Field(default=None, description="Staff only; default outbound")
    sender_name: Annotated[str, StringConstraints(max_length=100)] | None = None
    external_message_id: Annotated[str, StringConstraints(max_length=255)] | None = None
    idempotency_key: Annotated[str, StringConstraints(min_length=1, max_length=255)] | None = None
    suggestion_id: uuid.UUID | None = Field(default=None, description="Staff: the suggestion this reply came from")

    @field_validator("content")
    @classmethod
    def _clean(cls, value: str) -> str:
        cleaned = clean_text(value).strip()
        if not cleaned:
            raise ValueError("message is empty")
        return cleaned


class MessageUpdate(Strict):
    is_read: bool


class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    conversation_id: uuid.UUID
    type: MessageType
    sender: Sender
    sender_user_id: int | None
    sender_name: str | None
    channel: Channel
    content: str
    content_type: ContentType
    delivery_status: DeliveryStatus | None
    delivered_at: datetime | None
    delivery_error: str | None
    external_message_id: str | None
    is_read: bool
    ai_model: str | None
    entities: dict[str, Any]
    created_at: datetime


SavedReplyTitle = Annotated[str, StringConstraints(min_length=1, max_length=100)]
SavedReplyBody = Annotated[str, StringConstraints(min_length=1, max_length=5000)]


class SavedReplyCreate(Strict):
    title: SavedReplyTitle
    body: SavedReplyBody = Field(description="The text; `{{variables}}` from `GET /api/v1/saved-replies/variables`")


class SavedReplyUpdate(Strict):
    title: SavedReplyTitle | None = None
    body: SavedReplyBody | None = None


class SavedReplyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    title: str
    body: str
    created_by_user_id: int | None
    created_at: datetime
    updated_at: datetime


class FilledReplyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    title: str
    text: str = Field(description="The reply with this conversation's values filled in")
    missing: list[str] = Field(description="Variables with no value here, left in the text as written")


class ContactLog(Strict):
    """A call or a visit staff had with the customer, outside the thread."""

    kind: LoggedContact
    summary: Annotated[str, StringConstraints(min_length=1, max_length=2000)] = Field(
        description="What was said or done"
    )
    outcome: Annotated[str, StringConstraints(max_length=100)] | None = None
    duration_minutes: int | None = Field(default=None, ge=0, le=24 * 60)
    occurred_at: When | None = Field(default=None, description="When it happened (default: now; not in the future)")


class ContactLogOut(BaseModel):
    activity_id: uuid.UUID
    interaction_id: uuid.UUID
