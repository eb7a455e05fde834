"""Suggested replies: offered to staff for each inbound message of a conversation a human handles."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.context import dealership_view, persona_for, relevant_vehicles
from showroom.agent.personas import greeting_name
from showroom.audit.service import Actor, record
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.vehicles import Catalog
from showroom.brain.suggest import suggest_replies
from showroom.brain.types import Turn as AgentTurn
from showroom.conversations.rows import TurnRows
from showroom.errors import Conflict, NotFound
from showroom.models import Message, ResponseSuggestion
from showroom.vocabulary import SuggestionStatus


async def offer(
    session: AsyncSession,
    turn: TurnRows,
    message: Message,
    u: Understanding,
    known: Catalog,
    turns: Sequence[AgentTurn],
) -> list[ResponseSuggestion]:
    """Up to three suggested replies to ``message``; ``turns`` is the conversation before it (what the AI or
    staff already said is never suggested again)."""
    choice = await persona_for(session, turn.dealership, turn.conversation.ai_persona_id)
    vehicles = await relevant_vehicles(session, u, turn.lead.id, known)
    suggestions = suggest_replies(
        u,
        persona=choice.view,
        dealership=dealership_view(turn.dealership),
        vehicles=vehicles,
        history=turns,
        customer_first_name=greeting_name(turn.customer),
    )
    rows = []
    for s in suggestions[:3]:
        row = ResponseSuggestion(
            dealership_id=turn.conversation.dealership_id,
            conversation_id=turn.conversation.id,
            message_id=message.id,
            suggestion_type=s.type,
            content=s.content,
            rank=s.rank,
            metadata_={"model": "builtin", "vehicle_ids": [v.id for v in vehicles]},
        )
        session.add(row)
        rows.append(row)
    await session.flush()
    return rows


async def for_conversation(session: AsyncSession, conversation_id: uuid.UUID) -> list[ResponseSuggestion]:
    """The offers for the latest inbound message that has any."""
    latest = await session.scalar(
        select(ResponseSuggestion.message_id)
        .where(ResponseSuggestion.conversation_id == conversation_id)
        .order_by(ResponseSuggestion.created_at.desc())
        .limit(1)
    )
    if latest is None:
        return []
    rows = await session.scalars(
        select(ResponseSuggestion).where(ResponseSuggestion.message_id == latest).order_by(ResponseSuggestion.rank)
    )
    return list(rows.all())


async def mark(
    session: AsyncSession, suggestion_id: uuid.UUID, status: str, actor: Actor, sent: Message | None = None
) -> ResponseSuggestion:
    """Record what staff did with a suggestion: used as is, edited, or dismissed."""
    row = await session.get(ResponseSuggestion, suggestion_id)
    if row is None:
        raise NotFound(f"suggestion {suggestion_id} not found", field="suggestion_id")
    if row.status != SuggestionStatus.offered:
        raise Conflict(f"this suggestion was already {row.status}", field="suggestion_id")
    if sent is not None:
        status = SuggestionStatus.used if sent.content.strip() == row.content.strip() else SuggestionStatus.edited
    row.status, row.used_by_user_id = status, actor.user_id
    meta: dict[str, Any] = dict(row.metadata_ or {})
    if sent is not None:
        meta["message_id"] = str(sent.id)
    row.metadata_ = meta
    await record(
        session,
        actor,
        f"suggestion.{status}",
        dealership_id=row.dealership_id,
        resource_type="response_suggestion",
        resource_id=row.id,
    )
    return row
