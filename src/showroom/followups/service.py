"""Follow-ups (issue 18): a lead the agent answered enters its dealership's cadence (default day 1, 2, 4, 7, 13),
one ``follow_ups`` row per step, each sent by a ``followup.send`` job at its time. Any customer reply, an opt-out,
a booked appointment, a human taking over or the lead closing stops it: the rows still scheduled are cancelled
where those happen, and the job checks again, under the row's lock, before it writes anything (so a step already
due but not yet sent is stopped too, and a step is sent once however many jobs run for it)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.auth.members import member
from showroom.models import Appointment, Conversation, Customer, Dealership, FollowUp, Lead, Message
from showroom.models.appointments import HOLDING
from showroom.queue import defer
from showroom.vocabulary import CadenceChannel, FollowUpChannel, FollowUpKind, FollowUpStatus, LeadStatus, Sender

CLOSED_LEADS = (LeadStatus.sold, LeadStatus.lost, LeadStatus.archived)
QUEUE = "followups"

NEW_LEAD, NO_SHOW, HANDOVER = "cadence", "no_show", "handover"  # the cadences, as the steps' ``template`` prefix
MESSAGES = (NEW_LEAD, NO_SHOW)  # the cadences that write to the customer (a person taking over stops them)
ALL = (NEW_LEAD, NO_SHOW, HANDOVER)


@dataclass(frozen=True)
class Step:
    """A cadence step: ``day`` days after the cadence starts, on ``channel`` (``CadenceChannel``)."""

    day: int
    channel: str = CadenceChannel.same


def _same(*days: int) -> tuple[Step, ...]:
    return tuple(Step(day) for day in days)


DEFAULT_CADENCE = _same(1, 2, 4, 7, 13)  # days after the lead's first answer
NO_SHOW_CADENCE = _same(1, 3, 7)  # days after a missed appointment
HANDOVER_CADENCE = (Step(1), Step(3, CadenceChannel.call), Step(7, CadenceChannel.call))  # after a person's last word
SETTINGS = {
    NEW_LEAD: ("follow_up_days", DEFAULT_CADENCE),
    NO_SHOW: ("no_show_follow_up_days", NO_SHOW_CADENCE),
    HANDOVER: ("handover_follow_up_days", HANDOVER_CADENCE),
}


def steps_of(value: Any) -> tuple[Step, ...] | None:
    """A stored cadence as steps: a list of ``{day, channel}`` or, as settings written before steps had a channel,
    of plain day numbers (on the conversation's channel). None when it is not a list."""
    if not isinstance(value, list):
        return None
    steps = []
    for item in value:
        if isinstance(item, dict):
            channel = str(item.get("channel") or CadenceChannel.same)
            steps.append(Step(int(item["day"]), channel if channel in set(CadenceChannel) else CadenceChannel.same))
        else:
            steps.append(Step(int(item)))
    return tuple(sorted({step.day: step for step in steps}.values(), key=lambda step: step.day))


def cadence(agent_config: dict[str, Any] | None, which: str = NEW_LEAD) -> tuple[Step, ...]:
    key, default = SETTINGS[which]
    steps = steps_of((agent_config or {}).get(key))
    return default if steps is None else steps


def channel_of(conversation: Conversation) -> str:
    return channel_of_name(conversation.channel)


def channel_of_name(channel: str) -> str:
    return channel if channel in (FollowUpChannel.email, FollowUpChannel.sms) else "chat"


def planned_channel(step: Step, conversation: Conversation) -> str:
    """The channel a step is planned on (``followup_tasks`` falls back to another one when it is due, if the
    customer cannot be reached on this one)."""
    if step.channel == CadenceChannel.call:
        return FollowUpChannel.phone
    if step.channel in (CadenceChannel.sms, CadenceChannel.email):
        return str(step.channel)
    return channel_of(conversation)


def _task_words(which: str, step: Step, channel: str) -> str:
    if which == HANDOVER:
        what = "call them" if channel == FollowUpChannel.phone else f"write to them ({channel})"
        return f"The customer has not answered for {step.day} day(s) since your last word: {what}."
    return f"Call the customer: the follow-up cadence's day {step.day} step (they have not answered)."


async def enter(
    session: AsyncSession,
    conversation: Conversation,
    steps: Sequence[Step | int],
    now: datetime | None = None,
    *,
    which: str = NEW_LEAD,
    taker: int | None = None,
) -> list[FollowUp]:
    """Schedule the cadence ``which`` (a new lead's, after a no-show, or after a person took over) for
    ``conversation``'s lead, each step with its job (the job exists iff this transaction commits). A message step
    is an ``ai_nudge`` on its preferred channel; a ``call`` step, and every step after a handover, is a task
    (``staff_reminder``) for ``taker``, else the lead's salesperson. A new lead enters its cadence once; the
    no-show and handover cadences start again each time, replacing their steps still scheduled."""
    if which == NEW_LEAD:
        already = await session.scalar(
            select(exists().where(FollowUp.lead_id == conversation.lead_id, FollowUp.template.like(f"{NEW_LEAD}:%")))
        )
        if already:
            return []
    else:
        await stop(session, conversation.lead_id, f"a newer {which.replace('_', '-')} cadence", cadences=(which,))
    if not steps:
        return []
    if await member(session, taker) is None:  # nobody, or not a member (a super admin): the lead's salesperson
        salesperson = await session.scalar(select(Lead.assigned_user_id).where(Lead.id == conversation.lead_id))
        taker = salesperson if await member(session, salesperson) is not None else None
    now = now or datetime.now(UTC)
    rows = []
    for given in steps:
        step = given if isinstance(given, Step) else Step(int(given))
        channel = planned_channel(step, conversation)
        task = which == HANDOVER or step.channel == CadenceChannel.call
        rows.append(
            FollowUp(
                dealership_id=conversation.dealership_id,
                lead_id=conversation.lead_id,
                conversation_id=conversation.id,
                customer_id=conversation.customer_id,
                kind=FollowUpKind.staff_reminder if task else FollowUpKind.ai_nudge,
                assigned_user_id=taker if task else None,
                channel=channel,
                preferred_channel=step.channel,
                notes=_task_words(which, step, channel) if task else None,
                scheduled_at=now + timedelta(days=step.day),
                template=f"{which}:day{step.day}",
                status=FollowUpStatus.scheduled,
            )
        )
    session.add_all(rows)
    await session.flush()
    for row in rows:
        await schedule(session, row)
    await sync_lead(session, conversation.lead_id)
    return rows


async def taken_over(session: AsyncSession, conversation: Conversation, taker: int | None) -> list[FollowUp]:
    """A person took ``conversation`` over, or wrote in it: the automated messages stop, and the handover cadence
    (``agent_config.handover_follow_up_days``) starts again from now, as tasks for ``taker`` (a reply to make, a
    call), due only if the customer stays quiet (a reply or the lead closing stops them)."""
    await stop(session, conversation.lead_id, "a person took over", cadences=MESSAGES)
    dealership = await session.get(Dealership, conversation.dealership_id)
    steps = cadence(dealership.agent_config if dealership else None, HANDOVER)
    return await enter(session, conversation, steps, which=HANDOVER, taker=taker)


async def schedule(session: AsyncSession, row: FollowUp, at: datetime | None = None) -> None:
    """A ``followup.send`` job for ``row`` at ``at`` (default its time). No procrastinate ``lock``: a job with one
    waits for every older job of that lock still to do, even one days later, so a step moved earlier (send now, an
    edit) would wait for its old time. The job locks the row and re-checks it, so two jobs still send it once."""
    await defer(
        session,
        "followup.send",
        queue=QUEUE,
        at=at or row.scheduled_at,
        follow_up_id=str(row.id),
        dealership_id=row.dealership_id,
    )


def of_cadence(cadences: Sequence[str]) -> ColumnElement[bool]:
    return or_(*(FollowUp.template.like(f"{which}:%") for which in cadences))


async def stop(session: AsyncSession, lead_id: uuid.UUID, reason: str, *, cadences: Sequence[str] = ALL) -> int:
    """Cancel the lead's scheduled automated steps at once (their jobs then find nothing to do): every message
    step (a unit's news too), and the tasks of the ``cadences`` (not the tasks staff made themselves)."""
    automated = of_cadence(cadences)
    if any(which in MESSAGES for which in cadences):
        automated = or_(FollowUp.kind == FollowUpKind.ai_nudge, automated)
    result = await session.execute(
        update(FollowUp)
        .where(FollowUp.lead_id == lead_id, FollowUp.status == FollowUpStatus.scheduled, automated)
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
    """Why this step must not go (checked when it is due), or None. An opt-out of one channel is no reason: the
    step goes on another one the customer can be reached on (``followup_tasks``)."""
    if lead.status in CLOSED_LEADS:
        return f"the lead is {lead.status}"
    if customer.opted_out:
        return "the customer opted out"
    conversation = await session.get(Conversation, row.conversation_id) if row.conversation_id else None
    if conversation is None:
        return "the conversation is gone"
    after_handover = (row.template or "").startswith(f"{HANDOVER}:")
    if not after_handover and (conversation.ai_paused or not conversation.is_ai_assisted):
        return "a person took over"
    replied = await session.scalar(  # on any of the lead's conversations (a step may go on another channel)
        select(
            exists()
            .where(Message.sender == Sender.customer, Message.created_at > row.created_at)
            .where(Message.conversation_id.in_(select(Conversation.id).where(Conversation.lead_id == lead.id)))
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
