"""The rows a conversation's turn works on, and its counters (kept by the database, not read-modify-written)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from showroom.models import Conversation, Customer, Dealership, Lead, Message
from showroom.vocabulary import ConversationStatus, Sender

# A customer's message makes these active again.
CONVERSATIONS = cast(Table, Conversation.__table__)
REOPENED_BY_CUSTOMER = (ConversationStatus.resolved, ConversationStatus.waiting_response)


@dataclass
class TurnRows:
    """A conversation with the rows every turn reads around it."""

    conversation: Conversation
    lead: Lead
    customer: Customer
    dealership: Dealership


async def turn_rows(session: AsyncSession, conversation: Conversation) -> TurnRows:
    """``conversation``'s lead, customer and dealership, in one statement."""
    lead, customer, dealership = (
        await session.execute(
            select(Lead, Customer, Dealership)
            .join_from(Lead, Customer, Customer.id == conversation.customer_id)
            .join(Dealership, Dealership.id == conversation.dealership_id)
            .where(Lead.id == conversation.lead_id)
        )
    ).one()
    return TurnRows(conversation, lead, customer, dealership)


async def count_message(
    session: AsyncSession,
    conversation: Conversation,
    message: Message,
    *,
    dialogue_state: dict[str, Any] | None = None,
) -> None:
    """Count ``message`` (pending in the session) on its conversation, in SQL: the counters are incremented by the
    database (so concurrent messages each count), the timestamps only move forward, and a customer's message
    reopens a resolved or waiting conversation. The statement locks the conversation's row until commit, which
    orders concurrent turns of one conversation; ``conversation`` is refreshed with the columns a turn decides on,
    as the row is now. A customer's message also wakes a snoozed conversation. The session's pending rows (the
    message among them) are flushed first."""
    at = message.created_at
    values: dict[str, Any] = {
        "message_count": Conversation.message_count + 1,
        "last_message_at": func.greatest(Conversation.last_message_at, at),
    }
    if message.sender == Sender.customer:
        values["last_customer_message_at"] = func.greatest(Conversation.last_customer_message_at, at)
        reopen = Conversation.status.in_(REOPENED_BY_CUSTOMER)
        values["status"] = case((reopen, ConversationStatus.active.value), else_=Conversation.status)
        values["closed_at"] = case((reopen, None), else_=Conversation.closed_at)
        values["snoozed_until"] = None  # the customer's answer wakes any snooze (issue 21)
        values["snoozed_until_reply"] = False
    elif message.sender == Sender.ai:
        values["last_ai_message_at"] = func.greatest(Conversation.last_ai_message_at, at)
    if dialogue_state is not None:  # the turn's state, in the same statement (the row is locked by the turn)
        values["dialogue_state"] = dialogue_state
    await session.flush()  # the message first (and anything pending): a Core statement does not autoflush
    row = (
        await session.execute(
            update(CONVERSATIONS)  # Core: the counters come back as values, not through ORM-enabled DML
            .where(CONVERSATIONS.c.id == conversation.id)
            .values(**values)
            .returning(*(CONVERSATIONS.c[name] for name in _COUNTED))
        )
    ).one()
    for name, value in zip(_COUNTED, row, strict=True):
        set_committed_value(conversation, name, value)


# What counting a message changes, and what a turn must see as it is now (the row is locked from here on).
_COUNTED = (
    "message_count",
    "last_message_at",
    "last_customer_message_at",
    "last_ai_message_at",
    "status",
    "closed_at",
    "snoozed_until",
    "snoozed_until_reply",
    "ai_paused",
    "is_ai_assisted",
    "tags",
    "dialogue_state",
    "updated_at",
)
