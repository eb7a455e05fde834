"""The rows a conversation's turn works on, and its counters (kept by the database, not read-modify-written)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, case, column, func, select, text, update
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
    params = {"lead_id": conversation.lead_id, "customer_id": conversation.customer_id}
    lead, customer, dealership = (
        await session.execute(_TURN_ROWS, {**params, "dealership_id": conversation.dealership_id})
    ).one()
    return TurnRows(conversation, lead, customer, dealership)


# Built once with bound parameters: a turn neither builds nor compiles it again.
_TURN_ROWS = (
    select(Lead, Customer, Dealership)
    .join_from(Lead, Customer, Customer.id == bindparam("customer_id", type_=Customer.id.type))
    .join(Dealership, Dealership.id == bindparam("dealership_id", type_=Dealership.id.type))
    .where(Lead.id == bindparam("lead_id", type_=Lead.id.type))
)


@dataclass(frozen=True)
class Rider:
    """A statement that rides along with counting a message, as a CTE of the counting statement (so it costs no
    round trip of its own): ``sql`` is fixed text with ``:name`` parameters (``params``, names unique to the
    rider) yielding at most one row whose first column comes back from :func:`count_message` under ``name``
    (None when it yields no row). A data-modifying rider (``INSERT ... RETURNING``) sees the message, which is
    flushed first."""

    name: str
    sql: str
    params: dict[str, Any]


async def count_message(
    session: AsyncSession,
    conversation: Conversation,
    message: Message,
    *,
    dialogue_state: dict[str, Any] | None = None,
    riders: Sequence[Rider] = (),
) -> dict[str, Any]:
    """Count ``message`` (pending in the session) on its conversation, in SQL: the counters are incremented by the
    database (so concurrent messages each count), the timestamps only move forward, and a customer's message
    reopens a resolved or waiting conversation. The statement locks the conversation's row until commit, which
    orders concurrent turns of one conversation; ``conversation`` is refreshed with the columns a turn decides on,
    as the row is now. A customer's message also wakes a snoozed conversation. The session's pending rows (the
    message among them) are flushed first. ``riders`` go in the same statement; their values are returned.

    The statement is built once per shape (who sent the message, whether the dialogue state is written, which
    riders) with bound parameters, so a turn neither builds nor compiles it again (``tests/agent/test_turn_cost``)."""
    kind = message.sender if message.sender in (Sender.customer, Sender.ai) else "other"
    stmt = _count_statement(kind, dialogue_state is not None, tuple((r.name, r.sql) for r in riders))
    params: dict[str, Any] = {"conversation_id": conversation.id, "at": message.created_at}
    if dialogue_state is not None:  # the turn's state, in the same statement (the row is locked by the turn)
        params["new_dialogue_state"] = dialogue_state
    for rider in riders:
        params.update(rider.params)
    await session.flush()  # the message first (and anything pending): a Core statement does not autoflush
    row = (await session.execute(stmt, params)).one()
    for name, value in zip(_COUNTED, row, strict=False):
        set_committed_value(conversation, name, value)
    return {rider.name: value for rider, value in zip(riders, row[len(_COUNTED) :], strict=True)}


_STATEMENTS: dict[tuple[str, bool, tuple[tuple[str, str], ...]], Any] = {}


def _count_statement(kind: str, with_state: bool, riders: tuple[tuple[str, str], ...]) -> Any:
    """The counting UPDATE of one shape, built once (its cache key is then memoised by SQLAlchemy)."""
    key = (kind, with_state, riders)
    stmt = _STATEMENTS.get(key)
    if stmt is not None:
        return stmt
    c = CONVERSATIONS.c
    at = bindparam("at", type_=c.last_message_at.type)
    values: dict[str, Any] = {
        "message_count": c.message_count + 1,
        "last_message_at": func.greatest(c.last_message_at, at),
    }
    if kind == Sender.customer:
        values["last_customer_message_at"] = func.greatest(c.last_customer_message_at, at)
        reopen = c.status.in_([s.value for s in REOPENED_BY_CUSTOMER])
        values["status"] = case((reopen, ConversationStatus.active.value), else_=c.status)
        values["closed_at"] = case((reopen, None), else_=c.closed_at)
        values["snoozed_until"] = None  # the customer's answer wakes any snooze (issue 21)
        values["snoozed_until_reply"] = False
    elif kind == Sender.ai:
        values["last_ai_message_at"] = func.greatest(c.last_ai_message_at, at)
    if with_state:
        values["dialogue_state"] = bindparam("new_dialogue_state", type_=c.dialogue_state.type)
    ctes = [text(sql).columns(column("value")).cte(name) for name, sql in riders]
    stmt = (
        update(CONVERSATIONS)  # Core: the counters come back as values, not through ORM-enabled DML
        .where(c.id == bindparam("conversation_id", type_=c.id.type))
        .values(**values)
        .returning(*(c[name] for name in _COUNTED), *(select(cte.c.value).scalar_subquery() for cte in ctes))
    )
    for cte in ctes:
        stmt = stmt.add_cte(cte)
    _STATEMENTS[key] = stmt
    return stmt


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
