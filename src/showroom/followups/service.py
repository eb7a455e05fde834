"""Follow-ups (issue 18): a lead the agent answered enters its dealership's cadence (default day 1, 2, 4, 7, 13),
one ``follow_ups`` row per step, each sent by a ``followup.send`` job at its time. Any customer reply, an opt-out,
a booked appointment, a human taking over or the lead closing stops it: the rows still scheduled are cancelled
where those happen, and the job checks again, under the row's lock, before it writes anything (so a step already
due but not yet sent is stopped too, and a step is sent once however many jobs run for it)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.models import Appointment, Conversation, Customer, FollowUp, Lead, Message
from showroom.models.appointments import HOLDING
from showroom.queue import defer
from showroom.vocabulary import FollowUpChannel, FollowUpKind, FollowUpStatus, LeadStatus, Sender

DEFAULT_CADENCE = (1, 2, 4, 7, 13)  # days after the lead's first answer
CLOSED_LEADS = (LeadStatus.sold, LeadStatus.lost, LeadStatus.archived)
QUEUE = "followups"


NO_SHOW_CADENCE = (1, 3, 7)  # days after a missed appointment
NEW_LEAD, NO_SHOW = "cadence", "no_show"  # the cadences, as the steps' ``template`` prefix


def cadence(agent_config: dict[str, Any] | None, which: str = NEW_LEAD) -> tuple[int, ...]:
    key, default = (
        ("no_show_follow_up_days", NO_SHOW_CADENCE) if which == NO_SHOW else ("follow_up_days", DEFAULT_CADENCE)
    )
    steps = (agent_config or {}).get(key)
    return tuple(int(d) for d in steps) if isinstance(steps, list) else default


def channel_of(conversation: Conversation) -> str:
    return channel_of_name(conversation.channel)


def channel_of_name(channel: str) -> str:
    return channel if channel in (FollowUpChannel.email, FollowUpChannel.sms) else "chat"


async def enter(
    session: AsyncSession,
    conversation: Conversation,
    offsets: Sequence[int],
    now: datetime | None = None,
    *,
    which: str = NEW_LEAD,
) -> list[FollowUp]:
    """Schedule the cadence ``which`` (a new lead's, or after a no-show) for ``conversation``'s lead, each step with
    its job (the job exists iff this transaction commits). A new lead enters its cadence once; a no-show's cadence
    starts again after each missed appointment, replacing the steps of the last one still scheduled."""
    if which == NO_SHOW:
        await stop(session, conversation.lead_id, "a newer no-show cadence")
        already: bool | None = False
    else:
        already = await session.scalar(
            select(
                exists().where(
                    FollowUp.lead_id == conversation.lead_id,
                    FollowUp.kind == FollowUpKind.ai_nudge,
                    FollowUp.template.like(f"{NEW_LEAD}:%"),
                )
            )
        )
    if already or not offsets:
        return []
    now = now or datetime.now(UTC)
    rows = [
        FollowUp(
            dealership_id=conversation.dealership_id,
            lead_id=conversation.lead_id,
            conversation_id=conversation.id,
            customer_id=conversation.customer_id,
            kind=FollowUpKind.ai_nudge,
            channel=channel_of(conversation),
            scheduled_at=now + timedelta(days=days),
            template=f"{which}:day{days}",
            status=FollowUpStatus.scheduled,
        )
        for days in offsets
    ]
    session.add_all(rows)
    await session.flush()
    for row in rows:
        await schedule(session, row)
    await sync_lead(session, conversation.lead_id)
    return rows


async def schedule(session: AsyncSession, row: FollowUp, at: datetime | None = None) -> None:
    await defer(
        session,
        "followup.send",
        queue=QUEUE,
        at=at or row.scheduled_at,
        lock=f"followup:{row.id}",
        follow_up_id=str(row.id),
        dealership_id=row.dealership_id,
    )


async def stop(session: AsyncSession, lead_id: uuid.UUID, reason: str) -> int:
    """Cancel the lead's scheduled automated steps at once (their jobs then find nothing to do)."""
    result = await session.execute(
        update(FollowUp)
        .where(
            FollowUp.lead_id == lead_id,
            FollowUp.status == FollowUpStatus.scheduled,
            FollowUp.kind == FollowUpKind.ai_nudge,
        )
        .values(status=FollowUpStatus.cancelled, cancelled_reason=reason)
        .execution_options(synchronize_session=False)
    )
    stopped = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if stopped:
        await sync_lead(session, lead_id)
    return stopped


async def sync_lead(session: AsyncSession, lead_id: uuid.UUID) -> None:
    """``leads.next_follow_up_date`` := the lead's earliest follow-up still scheduled (null when none), so the date
    staff see on a lead is always a real follow-up."""
    earliest = (
        select(func.min(FollowUp.scheduled_at))
        .where(FollowUp.lead_id == lead_id, FollowUp.status == FollowUpStatus.scheduled)
        .scalar_subquery()
    )
    await session.execute(
        update(Lead)
        .where(Lead.id == lead_id)
        .values(next_follow_up_date=earliest)
        .execution_options(synchronize_session=False)
    )


async def why_stop(session: AsyncSession, row: FollowUp, lead: Lead, customer: Customer) -> str | None:
    """Why this step must not go (checked when it is due), or None."""
    if lead.status in CLOSED_LEADS:
        return f"the lead is {lead.status}"
    if customer.opted_out or row.channel in (customer.opted_out_channels or {}):
        return "the customer opted out"
    conversation = await session.get(Conversation, row.conversation_id) if row.conversation_id else None
    if conversation is None:
        return "the conversation is gone"
    if conversation.ai_paused or not conversation.is_ai_assisted:
        return "a person took over"
    replied = await session.scalar(
        select(
            exists().where(
                Message.conversation_id == conversation.id,
                Message.sender == Sender.customer,
                Message.created_at > row.created_at,
            )
        )
    )
    if replied:
        return "the customer replied"
    booked = await session.scalar(
        select(exists().where(Appointment.lead_id == lead.id, Appointment.status.in_(HOLDING)))
    )
    if booked:
        return "an appointment is booked"
    return None
