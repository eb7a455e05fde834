"""The ``followup.send`` job (issue 18): one step of a lead's cadence, written in context (the customer's name, the
vehicle under discussion or asked about) and sent like any automated message (``effects.say``: consent, opt-out,
quiet hours and the delivery job with the message id as idempotency key). The step's row is locked and checked in
the transaction that writes the message, so it is sent once in effect, and never after a reply, an opt-out, a
booking, a human taking over or the lead closing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.appointments.invitation import vehicle_words
from showroom.auth.members import member
from showroom.brain.dialogue import DialogueState
from showroom.conversations import effects
from showroom.conversations.channels import may_automate, quiet_until
from showroom.conversations.rows import TurnRows, turn_rows
from showroom.followups import rules
from showroom.followups import service as followups
from showroom.jobs import tenant_task
from showroom.mail import Email, new_message_id, send_later
from showroom.models import (
    Conversation,
    Customer,
    Dealership,
    FollowUp,
    Lead,
    Message,
    User,
    Vehicle,
    VehicleInterest,
)
from showroom.services import Services
from showroom.vocabulary import CadenceChannel, Channel, ConversationStatus, FollowUpKind, FollowUpStatus, Sender

EARLY = timedelta(seconds=5)  # a job may start this much before its time

LINES = (
    "Still thinking about the {thing}? I can check it's ready for you or set up a test drive: just reply with a day "
    "and time that suits you.",
    "Any questions I can answer about the {thing}? Price, options, trade-in: happy to help.",
    "The {thing} is still here. Would you like to come and see it this week?",
    "Just checking in about the {thing}. If the timing isn't right, no problem: reply STOP and I won't write again.",
)

NO_SHOW_LINES = (
    "Sorry we missed you! Would you like to pick another time to see the {thing}? Just reply with a day and time.",
    "The {thing} is still here if you'd like to reschedule: reply with a day and time that suits you.",
    "Checking in one last time about the {thing}. If now isn't the right time, no problem: reply STOP and I won't "
    "write again.",
)


async def _thing(session: AsyncSession, conversation: Conversation) -> str:
    focus = DialogueState.from_json(conversation.dialogue_state).focus
    vehicle = await session.get(Vehicle, focus) if focus is not None else None
    if vehicle is None:
        vehicle_id = await session.scalar(
            select(VehicleInterest.vehicle_id)
            .where(VehicleInterest.lead_id == conversation.lead_id, VehicleInterest.vehicle_id.is_not(None))
            .order_by(VehicleInterest.is_primary.desc(), VehicleInterest.id)
            .limit(1)
        )
        vehicle = await session.get(Vehicle, vehicle_id) if vehicle_id is not None else None
    words = vehicle_words(vehicle)
    return words.split(" (stock")[0] if words else "vehicle you asked about"


async def send_step(session: AsyncSession, services: Services, follow_up_id: uuid.UUID) -> str:
    async with session.begin():
        row = await session.scalar(select(FollowUp).where(FollowUp.id == follow_up_id).with_for_update(key_share=True))
        if row is None or row.status != FollowUpStatus.scheduled:
            return "nothing to do"
        if row.scheduled_at > datetime.now(UTC) + EARLY:
            return "not due yet"  # snoozed or moved: the job queued for its new time sends it
        if row.kind == FollowUpKind.staff_reminder:
            stopped = await _task_stopped(session, row)
            return stopped or await remind(session, services, row)
        conversation = await session.get(Conversation, row.conversation_id) if row.conversation_id else None
        if conversation is None:
            row.status, row.cancelled_reason = FollowUpStatus.cancelled, "the conversation is gone"
            return "cancelled"
        turn = await turn_rows(session, conversation)
        reason = await followups.why_stop(session, row, turn.lead, turn.customer)
        if reason is not None:
            await followups.stop(session, row.lead_id, reason, cadences=followups.MESSAGES)
            return f"stopped: {reason}"
        channel, note = choose_channel(turn.customer, row.preferred_channel, conversation.channel)
        if channel is None:  # no channel the customer may be written on (no consent, no contact); staff see why
            row.status, row.cancelled_reason = FollowUpStatus.cancelled, note
            await session.flush()
            await followups.sync_lead(session, row.lead_id)
            return f"cancelled: {note}"
        later = await _not_before(session, turn.dealership, turn.customer)
        if later is not None:  # working days, the per-customer gap, quiet hours: the step moves, its job with it
            row.scheduled_at = later
            await session.flush()
            await followups.schedule(session, row)
            await followups.sync_lead(session, row.lead_id)
            return f"postponed to {later.isoformat()}"
        sent = await session.scalar(
            select(func.count())
            .select_from(FollowUp)
            .where(
                FollowUp.lead_id == row.lead_id,
                FollowUp.status == FollowUpStatus.sent,
                FollowUp.kind == FollowUpKind.ai_nudge,
                FollowUp.template.like(f"{(row.template or '').split(':')[0]}:%"),
            )
        )
        lines = NO_SHOW_LINES if (row.template or "").startswith(followups.NO_SHOW) else LINES
        step = min(int(sent or 0), len(lines) - 1)
        name = (turn.customer.first_name or (turn.customer.full_name or "").split(" ")[0]).strip()
        thing = await _thing(session, conversation)
        text = row.notes or (f"Hi {name}! " if name else "Hi! ") + lines[step].format(thing=thing)
        on = await conversation_on(session, turn, channel)
        if on is None:
            await followups.stop(
                session, row.lead_id, f"a person took over the {channel} conversation", cadences=followups.MESSAGES
            )
            return f"stopped: a person took over the {channel} conversation"
        await effects.say(session, services, on, None, text, model="follow_up", entities={"follow_up": str(row.id)})
        row.status, row.attempt_count = FollowUpStatus.sent, row.attempt_count + 1
        row.channel, row.channel_note = followups.channel_of_name(channel), note
        row.conversation_id = on.conversation.id
        await session.flush()
        await followups.sync_lead(session, row.lead_id)
        return "sent"


def reachable(customer: Customer, channel: str) -> str | None:
    """Why no automated message may go to ``customer`` on ``channel`` (opted out, no consent to texts, a doubted
    contact, no address), or None."""
    refused = may_automate(customer, channel)
    if refused is not None:
        return refused
    if channel == Channel.email and not customer.email_normalized:
        return "the customer has no e-mail address"
    if channel == Channel.sms and not customer.phone_e164:
        return "the customer has no mobile number"
    return None


def choose_channel(customer: Customer, preferred: str | None, own: str) -> tuple[str | None, str | None]:
    """The channel a message step goes on, and a note when it is not the one the step preferred: the preferred one
    (``same``: the conversation's own, ``own``) if the customer can be reached on it, else the conversation's own,
    else e-mail, else a text; (None, why) when none is allowed. Never a channel without consent."""
    first = own if preferred in (None, CadenceChannel.same, CadenceChannel.call) else str(preferred)
    tried: list[str] = []
    later = [own] if own in (Channel.email, Channel.sms) else []
    for channel in dict.fromkeys([first, *later, Channel.email, Channel.sms, own]):
        why = reachable(customer, channel)
        if why is None:
            note = f"{first} preferred, but {tried[0]}: sent by {channel}" if tried else None
            return channel, note
        tried.append(why)
    return None, "no channel to reach the customer on: " + "; ".join(tried)


async def conversation_on(session: AsyncSession, turn: TurnRows, channel: str) -> TurnRows | None:
    """The lead's conversation on ``channel`` a step is written in: the step's own, else the lead's latest one on
    that channel, else a new one (the customer's answer on that channel then threads into it). None when a person
    has taken that conversation over."""
    if channel == turn.conversation.channel:
        return turn
    found = await session.scalar(
        select(Conversation)
        .where(
            Conversation.lead_id == turn.lead.id,
            Conversation.channel == channel,
            Conversation.status != ConversationStatus.archived,
        )
        .order_by(Conversation.created_at.desc())
        .limit(1)
    )
    if found is not None and (found.ai_paused or not found.is_ai_assisted):
        return None
    if found is None:
        found = Conversation(
            id=uuid.uuid4(),
            dealership_id=turn.lead.dealership_id,
            lead_id=turn.lead.id,
            customer_id=turn.customer.id,
            channel=channel,
            subject=turn.conversation.subject,
            assigned_user_id=turn.conversation.assigned_user_id,
            ai_persona_id=turn.conversation.ai_persona_id,
            dialogue_state=turn.conversation.dialogue_state,
        )
        session.add(found)
        await session.flush()
    return TurnRows(found, turn.lead, turn.customer, turn.dealership)


async def _task_stopped(session: AsyncSession, row: FollowUp) -> str | None:
    """A cadence's task (a call to make, a reply after a handover) that must not be given any more, stopped with
    the reason; else None, with the lead's salesperson as its person if it has none."""
    which = (row.template or "").split(":")[0]
    if which not in followups.ALL:
        return None  # a task staff made: always due
    conversation = await session.get(Conversation, row.conversation_id) if row.conversation_id else None
    if conversation is None:
        row.status, row.cancelled_reason = FollowUpStatus.cancelled, "the conversation is gone"
        return "cancelled"
    turn = await turn_rows(session, conversation)
    reason = await followups.why_stop(session, row, turn.lead, turn.customer)
    if reason is not None:
        await followups.stop(session, row.lead_id, reason, cadences=(which,))
        return f"stopped: {reason}"
    if row.assigned_user_id is None and await member(session, turn.lead.assigned_user_id) is not None:
        row.assigned_user_id = turn.lead.assigned_user_id
    return None


async def _not_before(session: AsyncSession, dealership: Dealership, customer: Customer) -> datetime | None:
    """When the dealership's rules let an automated message go to ``customer`` (None: now)."""
    config = dealership.agent_config or {}
    last = await session.scalar(
        select(func.max(Message.created_at))
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Conversation.customer_id == customer.id, Message.sender == Sender.ai, Message.type == "outbound")
    )
    return rules.next_allowed(
        datetime.now(UTC),
        hours=config.get("working_hours") or {},
        zone=ZoneInfo(dealership.timezone),
        last_automated=last,
        gap=timedelta(hours=int(config.get("follow_up_gap_hours", rules.DEFAULT_GAP_HOURS))),
        quiet_until=lambda at: quiet_until(dealership, at, customer),
        working_days=bool(config.get("follow_up_working_days", True)),
    )


async def remind(session: AsyncSession, services: Services, row: FollowUp) -> str:
    """A task (a call to make) is due: e-mailed to its person (after commit); it stays on their task list until they
    mark it done."""
    row.status, row.attempt_count = FollowUpStatus.sent, row.attempt_count + 1
    await session.flush()
    await followups.sync_lead(session, row.lead_id)
    user = await session.get(User, row.assigned_user_id) if row.assigned_user_id else None
    if user is None or not user.is_active:
        return "due: on the lead's list (nobody assigned to e-mail)"
    lead = await session.get(Lead, row.lead_id)
    customer = await session.get(Customer, row.customer_id)
    who = (customer.full_name if customer else None) or "a customer"
    contact = " · ".join(p for p in (customer.phone_e164 or customer.phone, customer.email) if p) if customer else ""
    base = (services.settings.public_url or "").rstrip("/")
    link = f"{base}/app/leads/{row.lead_id}" if lead is not None else ""
    lines = [
        f"Follow-up due: {row.channel} {who}" + (f" ({contact})" if contact else ""),
        *([f"Notes: {row.notes}"] if row.notes else []),
        *([f"Lead {lead.lead_number}: {link}"] if lead is not None else []),
        "Mark it done on the lead page when it is.",
    ]
    await send_later(
        session,
        Email(
            to=[user.email],
            subject=f"Follow-up due: {who}",
            text="\n\n".join(lines),
            headers={
                "Message-ID": new_message_id(services.settings.mail_from, key=f"followup-{row.id}-{row.attempt_count}")
            },
        ),
        sender=services.settings.mail_from,
    )
    return "reminded"


@tenant_task(name="followup.send", queue=followups.QUEUE, retry=3)
async def send_follow_up(session: AsyncSession, s: Services, follow_up_id: str) -> str:
    return await send_step(session, s, uuid.UUID(follow_up_id))
