"""Read models of the inbox: one page of conversations with only the columns a row shows, and the tab counts.

Built for the first render with many conversations: one keyset-paginated query (newest activity first) with the
customer's name, the latest message and the unread count of just the rows shown, and one aggregate for the
counts of every tab. RLS keeps both to the signed-in dealership.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, func, literal, or_, select, true, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.leads.service import customer_search
from showroom.models import Conversation, Customer, Lead, Message
from showroom.vocabulary import ConversationStatus, MessageType

CLOSED = (ConversationStatus.resolved, ConversationStatus.archived)
PAGE = 50


class Tab(StrEnum):
    open = "open"
    mine = "mine"
    unassigned = "unassigned"
    escalated = "escalated"
    ai = "ai"
    waiting = "waiting"
    snoozed = "snoozed"
    closed = "closed"


TAB_LABELS = {
    Tab.open: "All open",
    Tab.mine: "Mine",
    Tab.unassigned: "Unassigned",
    Tab.escalated: "Needs a human",
    Tab.ai: "AI handling",
    Tab.waiting: "Waiting on customer",
    Tab.snoozed: "Snoozed",
    Tab.closed: "Closed",
}


def tab_condition(tab: Tab, user_id: int) -> ColumnElement[bool]:
    c = Conversation
    is_open = c.status.not_in(CLOSED)
    snoozing = or_(c.snoozed_until_reply, and_(c.snoozed_until.is_not(None), c.snoozed_until > func.now()))
    snoozed = and_(is_open, snoozing)
    awake = and_(is_open, ~snoozing)
    return {
        Tab.open: awake,
        Tab.mine: and_(awake, c.assigned_user_id == user_id),
        Tab.unassigned: and_(awake, c.assigned_user_id.is_(None)),
        Tab.escalated: c.status == ConversationStatus.escalated,
        Tab.ai: and_(
            c.status.in_((ConversationStatus.active, ConversationStatus.waiting_response)),
            c.is_ai_assisted,
            c.ai_paused.is_(False),
        ),
        Tab.waiting: and_(awake, c.status == ConversationStatus.waiting_response),
        Tab.snoozed: snoozed,
        Tab.closed: c.status.in_(CLOSED),
    }[tab]


def search_condition(q: str) -> ColumnElement[bool]:
    return customer_search(q)  # the one customer search, shared with the API


@dataclass
class Row:
    id: uuid.UUID
    status: str
    channel: str
    priority: str
    ai_paused: bool
    assigned_user_id: int | None
    activity_at: datetime
    customer: str
    contact: str | None
    score: int
    preview: str | None
    preview_sender: str | None
    unread: int
    labels: list[str]

    @property
    def state(self) -> str:
        if self.status == ConversationStatus.escalated:
            return "Needs a human"
        if self.status in CLOSED:
            return self.status.title()
        if self.ai_paused:
            return "Staff handling"
        if self.status == ConversationStatus.waiting_response:
            return "Waiting on customer"
        return "AI handling"


def encode_cursor(at: datetime, row_id: uuid.UUID) -> str:
    raw = json.dumps([at.isoformat(), str(row_id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID] | None:
    try:
        at, row_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return datetime.fromisoformat(at), uuid.UUID(row_id)
    except (binascii.Error, ValueError, TypeError):
        return None


async def page(
    session: AsyncSession,
    tab: Tab,
    user_id: int,
    q: str | None,
    cursor: str | None,
    limit: int = PAGE,
    label: str | None = None,
) -> tuple[list[Row], str | None]:
    """One page: the conversations are chosen and ordered first (index-friendly, ``limit + 1`` rows), and only
    then joined to their customer, lead, latest message and unread count."""
    c = Conversation
    activity = func.coalesce(c.last_message_at, c.created_at)
    chosen = select(
        c.id,
        c.status,
        c.channel,
        c.priority,
        c.ai_paused,
        c.assigned_user_id,
        activity.label("activity_at"),
        c.customer_id,
        c.lead_id,
        c.tags,
    ).where(tab_condition(tab, user_id))
    if label:
        chosen = chosen.where(c.tags.contains([label]))
    if q and q.strip():
        chosen = chosen.join(Customer, Customer.id == c.customer_id).where(search_condition(q))
    after = decode_cursor(cursor) if cursor else None
    if after is not None:
        chosen = chosen.where(tuple_(activity, c.id) < tuple_(literal(after[0]), literal(after[1])))
    top = chosen.order_by(activity.desc(), c.id.desc()).limit(limit + 1).subquery("top")
    last = (
        select(Message.content.label("content"), Message.sender.label("sender"))
        .where(Message.conversation_id == top.c.id, Message.type.in_((MessageType.inbound, MessageType.outbound)))
        .order_by(Message.created_at.desc())
        .limit(1)
        .lateral("last")
    )
    unread = (
        select(func.count())
        .where(Message.conversation_id == top.c.id, Message.type == MessageType.inbound, Message.is_read.is_(False))
        .correlate(top)
        .scalar_subquery()
    )
    query = (
        select(
            top.c.id,
            top.c.status,
            top.c.channel,
            top.c.priority,
            top.c.ai_paused,
            top.c.assigned_user_id,
            top.c.activity_at,
            Customer.full_name,
            func.coalesce(Customer.email, Customer.phone).label("contact"),
            Lead.lead_score,
            func.left(last.c.content, 140).label("preview"),
            last.c.sender,
            unread.label("unread"),
            top.c.tags,
        )
        .select_from(top)
        .join(Customer, Customer.id == top.c.customer_id)
        .join(Lead, Lead.id == top.c.lead_id)
        .outerjoin(last, true())
        .order_by(top.c.activity_at.desc(), top.c.id.desc())
    )
    rows = (await session.execute(query)).all()
    items = [Row(*row) for row in rows[:limit]]
    next_cursor = encode_cursor(items[-1].activity_at, items[-1].id) if len(rows) > limit else None
    return items, next_cursor


async def counts(session: AsyncSession, user_id: int) -> dict[Tab, int]:
    """Every tab's count in one pass over the dealership's conversations."""
    columns = [func.count().filter(tab_condition(tab, user_id)).label(tab.value) for tab in Tab]
    row = (await session.execute(select(*columns).select_from(Conversation))).one()
    return {tab: int(row[i]) for i, tab in enumerate(Tab)}


async def known_labels(session: AsyncSession) -> list[str]:
    """The labels the dealership's conversations carry, for the label pickers (one pass over the tags)."""
    name = func.jsonb_array_elements_text(Conversation.tags).label("name")
    rows = await session.scalars(select(name).distinct().order_by(name).limit(500))
    return [str(value) for value in rows.all()]
