"""The ``followup.send`` job (issue 18): one step of a lead's cadence, written in context (the customer's name, the
vehicle under discussion or asked about) and sent like any automated message (``effects.say``: consent, opt-out,
quiet hours and the delivery job with the message id as idempotency key). The step's row is locked and checked in
the transaction that writes the message, so it is sent once in effect, and never after a reply, an opt-out, a
booking, a human taking over or the lead closing."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.appointments.invitation import vehicle_words
from showroom.brain.dialogue import DialogueState
from showroom.conversations import effects
from showroom.conversations.rows import turn_rows
from showroom.followups import service as followups
from showroom.jobs import tenant_task
from showroom.models import Conversation, FollowUp, Vehicle, VehicleInterest
from showroom.services import Services
from showroom.vocabulary import FollowUpStatus

LINES = (
    "Still thinking about the {thing}? I can check it's ready for you or set up a test drive: just reply with a day "
    "and time that suits you.",
    "Any questions I can answer about the {thing}? Price, options, trade-in: happy to help.",
    "The {thing} is still here. Would you like to come and see it this week?",
    "Just checking in about the {thing}. If the timing isn't right, no problem: reply STOP and I won't write again.",
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
        conversation = await session.get(Conversation, row.conversation_id) if row.conversation_id else None
        if conversation is None:
            row.status, row.cancelled_reason = FollowUpStatus.cancelled, "the conversation is gone"
            return "cancelled"
        turn = await turn_rows(session, conversation)
        reason = await followups.why_stop(session, row, turn.lead, turn.customer)
        if reason is not None:
            await followups.stop(session, row.lead_id, reason)
            return f"stopped: {reason}"
        sent = await session.scalar(
            select(func.count())
            .select_from(FollowUp)
            .where(FollowUp.lead_id == row.lead_id, FollowUp.status == FollowUpStatus.sent)
        )
        step = min(int(sent or 0), len(LINES) - 1)
        name = (turn.customer.first_name or (turn.customer.full_name or "").split(" ")[0]).strip()
        thing = await _thing(session, conversation)
        text = (f"Hi {name}! " if name else "Hi! ") + LINES[step].format(thing=thing)
        await effects.say(session, services, turn, None, text, model="follow_up", entities={"follow_up": str(row.id)})
        row.status, row.attempt_count = FollowUpStatus.sent, row.attempt_count + 1
        return "sent"


@tenant_task(name="followup.send", queue=followups.QUEUE, retry=3)
async def send_follow_up(session: AsyncSession, s: Services, follow_up_id: str) -> str:
    return await send_step(session, s, uuid.UUID(follow_up_id))
