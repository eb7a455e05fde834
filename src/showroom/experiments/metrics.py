"""Metric events of assigned conversations, recorded as they happen: one statement each, nothing read into Python.

A conversion metric counts once per conversation (the partial unique index; a repeat is ignored). Events count for
started (running, or scheduled and past its start) and paused experiments (a conversation already in keeps being
measured), not once an experiment stopped.
With no experiment loaded (the cache) nothing is sent at all.
"""

from __future__ import annotations

import re
import uuid
from collections import OrderedDict
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.db.engine import fetch_one
from showroom.experiments.assignment import active
from showroom.models import Conversation, Message, PromptMetric
from showroom.vocabulary import ExperimentStatus, LeadStatus, MetricName

# scheduled: past its planned start it runs (conversations enter it) until someone pauses or stops it
MEASURED = [ExperimentStatus.scheduled.value, ExperimentStatus.running.value, ExperimentStatus.paused.value]
REPLY_WINDOW_HOURS = 24
MEMO_SIZE = 100_000

# The conversation's variant in a measured experiment; customer_replied only within 24 h of the agent's first
# message after the conversation entered.
RECORD_SQL = """
insert into prompt_metrics
    (dealership_id, experiment_id, variant_id, conversation_id, message_id, metric_name, metric_value)
select ev.dealership_id, ev.experiment_id, ev.variant_id, ev.conversation_id, %(message_id)s, %(metric)s, %(value)s
from experiment_variants ev
join prompt_experiments e on e.id = ev.experiment_id
where ev.conversation_id = %(conversation_id)s and e.status = any(%(measured)s)
  and (not %(reply_window)s or (
      select min(m.created_at) from messages m
      where m.conversation_id = ev.conversation_id and m.sender = 'ai' and m.created_at >= ev.assigned_at
  ) > now() - make_interval(hours => %(hours)s))
on conflict do nothing
returning id
"""

# ``customer_replied`` as a CTE of the statement that counts the customer's message (``conversations.rows.Rider``):
# the same statement, its parameters prefixed.
REPLIED_RIDER = re.sub(r"%\((\w+)\)s", r":replied_\1", RECORD_SQL).replace("returning id", "returning id as value")

# Conversations whose customer_replied (contact_given) this process has recorded: counted once per conversation,
# so their later messages send nothing for it.
_REPLIED: OrderedDict[uuid.UUID, None] = OrderedDict()
_CONTACT: OrderedDict[uuid.UUID, None] = OrderedDict()


def _remember(memo: OrderedDict[uuid.UUID, None], conversation_id: uuid.UUID) -> None:
    memo[conversation_id] = None
    if len(memo) > MEMO_SIZE:
        memo.popitem(last=False)


async def _record(
    session: AsyncSession,
    conversation_id: uuid.UUID,
    metric: MetricName,
    message_id: uuid.UUID | None,
    value: float,
    *,
    reply_window: bool = False,
) -> bool:
    await session.flush()  # the message the event names, if new, is written first
    params = {
        "conversation_id": conversation_id,
        "metric": str(metric),
        "message_id": message_id,
        "value": value,
        "measured": MEASURED,
        "reply_window": reply_window,
        "hours": REPLY_WINDOW_HOURS,
    }
    return await fetch_one(session, RECORD_SQL, params) is not None


async def record(
    session: AsyncSession,
    conversation_id: uuid.UUID,
    metric: MetricName,
    *,
    message_id: uuid.UUID | None = None,
    value: float = 1,
) -> None:
    """The event for the conversation's variant, if it is in a measured experiment (else nothing)."""
    if await active(session):
        await _record(session, conversation_id, metric, message_id, value)


def replied_params(conversation_id: uuid.UUID, message_id: uuid.UUID) -> dict[str, Any] | None:
    """The parameters of ``customer_replied`` as a rider (``REPLIED_RIDER``) of the statement counting the
    customer's message ``message_id``; None once this process recorded it for the conversation."""
    if conversation_id in _REPLIED:
        return None
    params = {
        "conversation_id": conversation_id,
        "metric": str(MetricName.customer_replied),
        "message_id": message_id,
        "value": 1,
        "measured": MEASURED,
        "reply_window": True,
        "hours": REPLY_WINDOW_HOURS,
    }
    return {f"replied_{name}": value for name, value in params.items()}


def replied(conversation_id: uuid.UUID, recorded: object) -> None:
    """What the rider did: recorded (an id came back), so later messages send nothing for it; or not (outside an
    experiment, or past the reply window)."""
    if recorded is not None:
        _remember(_REPLIED, conversation_id)


async def customer_replied(session: AsyncSession, conversation_id: uuid.UUID, message_id: uuid.UUID) -> None:
    """``customer_replied``: the customer wrote within 24 hours of the agent's first message after assignment."""
    if conversation_id in _REPLIED:
        return
    if await _record(session, conversation_id, MetricName.customer_replied, message_id, 1, reply_window=True):
        _remember(_REPLIED, conversation_id)


async def contact_given(session: AsyncSession, conversation_id: uuid.UUID, message_id: uuid.UUID) -> None:
    """``contact_given``: the customer's message carries an e-mail address or a phone number (once per
    conversation: a later one sends nothing once this process has recorded it)."""
    if conversation_id in _CONTACT:
        return
    await _record(session, conversation_id, MetricName.contact_given, message_id, 1)
    _remember(_CONTACT, conversation_id)  # recorded now, or before (the conflict): either way, done


def answered(
    session: AsyncSession,
    experiment_id: int,
    variant_id: int,
    message: Message,
    *,
    response_time_ms: int | None,
    tokens: int | None,
) -> None:
    """One AI answer of a conversation in the experiment (the variant the turn answered with, from the loaded
    experiments: measured ones only): ``response_time_ms`` (question to written answer) and ``tokens_used`` (LLM
    providers; the builtin agent uses none). Added to the session: inserted with the answer at commit, one INSERT,
    no read."""
    values: dict[MetricName, float] = {}  # response_sent is not stored: messages.variant_id counts the answers
    if response_time_ms is not None:
        values[MetricName.response_time_ms] = float(max(response_time_ms, 0))
    if tokens is not None:
        values[MetricName.tokens_used] = float(max(tokens, 0))
    session.add_all(
        PromptMetric(
            id=uuid.uuid4(),
            dealership_id=message.dealership_id,
            experiment_id=experiment_id,
            variant_id=variant_id,
            conversation_id=message.conversation_id,
            message_id=message.id,
            metric_name=str(name),
            metric_value=value,
        )
        for name, value in values.items()
    )


async def handed_over(session: AsyncSession, conversation_id: uuid.UUID, *, appointment: bool) -> None:
    """A handover; with a visit or test drive asked for at a given time, ``appointment_booked`` too."""
    await record(session, conversation_id, MetricName.handover)
    if appointment:
        await record(session, conversation_id, MetricName.appointment_booked)


async def lead_status(session: AsyncSession, lead_id: uuid.UUID, status: str) -> None:
    """The lead reaching "appointment" (a visit booked) or "sold": ``lead_converted`` (and ``appointment_booked``)
    for each of its conversations in an experiment."""
    if status not in (LeadStatus.appointment, LeadStatus.sold) or not await active(session):
        return
    conversations = select(Conversation.id).where(Conversation.lead_id == lead_id)
    for conversation_id in (await session.scalars(conversations)).all():
        if status == LeadStatus.appointment:
            await record(session, conversation_id, MetricName.appointment_booked)
        await record(session, conversation_id, MetricName.lead_converted)
