"""HTTP: the handover queue, claiming, taking over, handing back, and suggested replies."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, computed_field

from showroom.api.docs import errors
from showroom.api.types import DbId
from showroom.auth.deps import Context, require
from showroom.conversations import handover as handovers
from showroom.conversations import suggestions
from showroom.conversations.service import get as get_conversation
from showroom.errors import BadRequest
from showroom.models import ResponseSuggestion
from showroom.services import services
from showroom.vocabulary import HandoverReason, HandoverStatus, Priority, SuggestionStatus, SuggestionType

router = APIRouter(prefix="/api/v1", tags=["handovers"])


class HandoverOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    conversation_id: uuid.UUID
    lead_id: uuid.UUID
    reason: HandoverReason
    description: str | None
    status: HandoverStatus
    urgency: Priority
    to_user_id: DbId | None
    requested_at: datetime
    sla_due_at: datetime | None
    sla_breached_at: datetime | None
    claimed_at: datetime | None
    completed_at: datetime | None
    notified_at: datetime | None
    dossier: dict[str, Any]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sla_seconds_left(self) -> int | None:
        """Seconds until the SLA is due (negative: overdue); None once claimed."""
        if self.sla_due_at is None or self.claimed_at is not None:
            return None
        return int((self.sla_due_at - datetime.now(UTC)).total_seconds())


class SuggestionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    message_id: uuid.UUID
    suggestion_type: SuggestionType
    content: str
    rank: int
    status: SuggestionStatus


class HandBack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notes: str | None = Field(default=None, max_length=5000)


class QueueFilter(StrEnum):
    open = "open"
    pending = "pending"
    mine = "mine"
    all = "all"


@router.get(
    "/handovers",
    response_model=list[HandoverOut],
    summary="The handover queue, most urgent SLA first",
    responses=errors(401, 403),
)
async def queue(
    ctx: Annotated[Context, Depends(require("handover.read"))], show: QueueFilter = QueueFilter.open
) -> Any:
    if show == QueueFilter.mine:
        rows = await handovers.queue(ctx.session, assignee=ctx.principal.user_id)
    else:
        statuses = {QueueFilter.open: handovers.OPEN, QueueFilter.pending: (HandoverStatus.pending,)}.get(show)
        rows = await handovers.queue(ctx.session, statuses=statuses)
    return [handover for handover, _ in rows]


@router.get(
    "/handovers/{handover_id}",
    response_model=HandoverOut,
    summary="One handover with its dossier",
    responses=errors(401, 403, 404),
)
async def get_handover(handover_id: uuid.UUID, ctx: Annotated[Context, Depends(require("handover.read"))]) -> Any:
    return await handovers.get(ctx.session, handover_id)


def _staff(ctx: Context) -> int:
    if ctx.principal.user_id is None:
        raise BadRequest("a person claims conversations, not an API key")
    return ctx.principal.user_id


@router.post(
    "/handovers/{handover_id}/claim",
    response_model=HandoverOut,
    summary="Claim a handover: it is yours",
    responses=errors(401, 403, 404, 409),
)
async def claim(handover_id: uuid.UUID, ctx: Annotated[Context, Depends(require("handover.write"))]) -> Any:
    return await handovers.claim(ctx.session, handover_id, _staff(ctx), ctx.actor)


@router.post(
    "/conversations/{conversation_id}/take-over",
    response_model=HandoverOut,
    summary="Take a conversation from the AI (the AI stays silent until handed back)",
    responses=errors(401, 403, 404, 409),
)
async def take_over(
    conversation_id: uuid.UUID, ctx: Annotated[Context, Depends(require("handover.write"))], request: Request
) -> Any:
    return await handovers.take_over(ctx.session, services(request), conversation_id, _staff(ctx), ctx.actor)


@router.post(
    "/conversations/{conversation_id}/hand-back",
    status_code=204,
    summary="Give the conversation back to the AI",
    responses=errors(401, 403, 404),
)
async def hand_back(
    conversation_id: uuid.UUID, body: HandBack, ctx: Annotated[Context, Depends(require("handover.write"))]
) -> None:
    await handovers.hand_back(ctx.session, conversation_id, ctx.actor, body.notes)


@router.get(
    "/conversations/{conversation_id}/suggestions",
    response_model=list[SuggestionOut],
    summary="Suggested replies for the latest customer message",
    responses=errors(401, 403, 404),
)
async def list_suggestions(
    conversation_id: uuid.UUID, ctx: Annotated[Context, Depends(require("message.read"))]
) -> Any:
    await get_conversation(ctx.session, conversation_id)
    return await suggestions.for_conversation(ctx.session, conversation_id)


@router.post(
    "/suggestions/{suggestion_id}/dismiss",
    response_model=SuggestionOut,
    summary="Dismiss a suggestion",
    responses=errors(401, 403, 404, 409),
)
async def dismiss(suggestion_id: uuid.UUID, ctx: Annotated[Context, Depends(require("message.write"))]) -> Any:
    row: ResponseSuggestion = await suggestions.mark(ctx.session, suggestion_id, "dismissed", ctx.actor)
    return row
