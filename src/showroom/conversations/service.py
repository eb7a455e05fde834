"""Conversations and messages: CRUD, counters and the status rules."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select
from sqlalchemy import update as update_rows
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.auth.principal import Principal
from showroom.conversations.channels import queue_delivery
from showroom.conversations.rows import count_message, turn_rows
from showroom.conversations.schemas import ConversationCreate, ConversationUpdate, MessageCreate
from showroom.conversations.suggestions import mark as mark_suggestion
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.followups import service as followups
from showroom.leads.service import add_activity, check_assignee, get_lead
from showroom.models import Conversation, Message
from showroom.services import Services
from showroom.vocabulary import (
    ActivityType,
    ConversationStatus,
    DeliveryStatus,
    MessageType,
    Sender,
    SuggestionStatus,
)

CLOSED = (ConversationStatus.resolved, ConversationStatus.archived)  # the AI stays silent; staff reopen first


async def get(session: AsyncSession, conversation_id: uuid.UUID) -> Conversation:
    """The conversation (RLS: only the tenant's)."""
    conversation = await session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFound(f"conversation {conversation_id} not found")
    return conversation


async def create(session: AsyncSession, dealership_id: int, data: ConversationCreate, actor: Actor) -> Conversation:
    lead = await get_lead(session, data.lead_id)  # through RLS: another tenant's lead is a 404
    await check_assignee(session, data.assigned_user_id)
    if data.external_thread_id:
        taken = await session.scalar(
            select(Conversation.id).where(
                Conversation.channel == data.channel, Conversation.external_thread_id == data.external_thread_id
            )
        )
        if taken is not None:
            raise Conflict(f"conversation {taken} already has this thread id", field="external_thread_id")
    conversation = Conversation(
        dealership_id=dealership_id, customer_id=lead.customer_id, **data.model_dump(mode="json")
    )
    session.add(conversation)
    await session.flush()
    await record(
        session,
        actor,
        "conversation.create",
        dealership_id=dealership_id,
        resource_type="conversation",
        resource_id=conversation.id,
        after=snapshot(conversation),
    )
    return conversation


async def update(
    session: AsyncSession, conversation_id: uuid.UUID, data: ConversationUpdate, actor: Actor
) -> Conversation:
    conversation = await get(session, conversation_id)
    values = data.model_dump(exclude_unset=True, mode="json")
    for key in ("status", "priority", "is_ai_assisted", "ai_paused", "tags", "snoozed_until_reply"):
        if key in values and values[key] is None:
            raise ValidationFailed(f"{key} cannot be null", field=key)
    if "assigned_user_id" in values:
        await check_assignee(session, values["assigned_user_id"])
    if "tags" in values:
        values["tags"] = labels(values["tags"])
    _snooze(conversation, data, values)
    if "status" in values:
        closing = values["status"] in CLOSED
        values["closed_at"] = (conversation.closed_at or datetime.now(UTC)) if closing else None
        if closing:
            values["snoozed_until"], values["snoozed_until_reply"] = None, False
    await apply_update(
        session,
        conversation,
        values,
        actor,
        action="conversation.update",
        resource_type="conversation",
        dealership_id=conversation.dealership_id,
    )
    return conversation


def labels(tags: list[str]) -> list[str]:
    """Labels as staff see them: trimmed, each once (whatever its case), in the order given."""
    seen: dict[str, str] = {}
    for tag in tags:
        seen.setdefault(tag.strip().casefold(), tag.strip())
    return [tag for key, tag in seen.items() if key]


def _snooze(conversation: Conversation, data: ConversationUpdate, values: dict[str, Any]) -> None:
    """A snooze lasts until a time or until the customer answers (one or the other); ``snoozed_until: null`` or
    ``snoozed_until_reply: false`` wakes it."""
    if data.snoozed_until is not None and data.snoozed_until_reply:
        raise ValidationFailed(
            "snooze until a time or until the customer answers, not both", field="snoozed_until_reply"
        )
    if conversation.status in CLOSED and (data.snoozed_until is not None or data.snoozed_until_reply):
        raise ValidationFailed(f"this conversation is {conversation.status}; reopen it first", field="snoozed_until")
    if data.snoozed_until is not None:
        until = data.snoozed_until if data.snoozed_until.tzinfo else data.snoozed_until.replace(tzinfo=UTC)
        if until <= datetime.now(UTC):
            raise ValidationFailed("snooze until a time in the future", field="snoozed_until")
        values["snoozed_until"], values["snoozed_until_reply"] = until, False
    elif data.snoozed_until_reply:
        values["snoozed_until"] = None
    elif "snoozed_until" in values or "snoozed_until_reply" in values:  # waking
        values["snoozed_until"], values["snoozed_until_reply"] = None, False


async def get_message(session: AsyncSession, message_id: uuid.UUID) -> Message:
    message = await session.get(Message, message_id)
    if message is None:
        raise NotFound(f"message {message_id} not found")
    return message


async def repeat(session: AsyncSession, conversation_id: uuid.UUID, key: str | None) -> Message | None:
    """The message of this conversation already stored with idempotency ``key``, if any."""
    if not key:
        return None
    found: Message | None = await session.scalar(
        select(Message).where(Message.conversation_id == conversation_id, Message.idempotency_key == key)
    )
    return found


async def staff_message(
    session: AsyncSession,
    services: Services,
    conversation: Conversation,
    data: MessageCreate,
    principal: Principal,
    actor: Actor,
) -> tuple[Message, bool]:
    """A reply or an internal note by staff. Replying yourself takes the conversation from the AI; the reply is
    queued for delivery (sent by a job after commit)."""
    first = await repeat(session, conversation.id, data.idempotency_key)
    if first is not None:
        return first, False
    if conversation.status in CLOSED:
        raise Conflict(f"this conversation is {conversation.status}; reopen it first", field="conversation_id")
    kind = data.type or MessageType.outbound
    rows = await turn_rows(session, conversation) if kind == MessageType.outbound else None  # its addressee
    message = Message(
        id=uuid.uuid4(),
        dealership_id=conversation.dealership_id,
        conversation_id=conversation.id,
        type=kind,
        sender=Sender.agent,
        sender_user_id=principal.user_id,
        sender_name=principal.name or principal.email,
        channel=conversation.channel,
        content=data.content,
        delivery_status=DeliveryStatus.queued if kind == MessageType.outbound else None,
        idempotency_key=data.idempotency_key,
        created_at=datetime.now(UTC),
    )
    session.add(message)
    if rows is not None:  # decided before the message is written, so it is inserted with its delivery state
        await queue_delivery(session, services, message, rows.customer, rows.dealership, now=message.created_at)
    await count_message(session, conversation, message)
    if kind == MessageType.outbound:
        conversation.ai_paused = True  # a human is talking now; hand back to let the AI answer again
        if conversation.assigned_user_id is None:
            conversation.assigned_user_id = principal.user_id
        if conversation.status in (ConversationStatus.active, ConversationStatus.escalated):
            conversation.status = ConversationStatus.waiting_response
        await followups.taken_over(session, conversation, conversation.assigned_user_id)  # counted from this word
    if data.suggestion_id is not None:
        await mark_suggestion(session, data.suggestion_id, SuggestionStatus.used, actor, sent=message)
    await record(
        session,
        actor,
        "message.create",
        dealership_id=conversation.dealership_id,
        resource_type="message",
        resource_id=message.id,
        after={"type": message.type, "conversation_id": str(conversation.id)},
    )
    if rows is not None:
        await add_activity(
            session,
            rows.lead,
            ActivityType.message_sent,
            f"Reply by {message.sender_name}",
            actor,
            message_id=message.id,
        )
    return message, True


async def mark_read(session: AsyncSession, message_id: uuid.UUID, is_read: bool, actor: Actor) -> Message:
    message = await get_message(session, message_id)
    values = {"is_read": is_read, "read_at": datetime.now(UTC) if is_read else None}
    await apply_update(
        session,
        message,
        values,
        actor,
        action="message.update",
        resource_type="message",
        dealership_id=message.dealership_id,
    )
    return message


async def mark_conversation_read(session: AsyncSession, conversation_id: uuid.UUID, actor: Actor) -> int:
    """Staff opened the conversation: its unread customer messages are read (one statement, one audit row with
    the count when any changed). Returns how many changed."""
    result = cast(
        CursorResult[Any],
        await session.execute(
            update_rows(Message)
            .where(
                Message.conversation_id == conversation_id,
                Message.type == MessageType.inbound,
                Message.is_read.is_(False),
            )
            .values(is_read=True, read_at=func.now())
        ),
    )
    count = int(result.rowcount or 0)
    if count:
        await record(
            session,
            actor,
            "conversation.read",
            dealership_id=session.info.get("dealership_id"),
            resource_type="conversation",
            resource_id=conversation_id,
            after={"messages_read": count},
        )
    return count
