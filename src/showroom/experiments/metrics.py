"""Metric events of assigned conversations, recorded as they happen: one statement each, nothing read into Python.

A conversion metric counts once per conversation (the partial unique index; a repeat is ignored). Events count for
running and paused experiments (a conversation already in keeps being measured), not once an experiment stopped.
"""

from __future__ import annotations

import uuid

from sqlalchemy import and_, func, literal, select
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.experiments.assignment import active
from showroom.models import Conversation, ExperimentVariant, Message, PromptExperiment, PromptMetric
from showroom.vocabulary import ExperimentStatus, LeadStatus, MetricName, Sender

MEASURED = (ExperimentStatus.running, ExperimentStatus.paused)
REPLY_WINDOW_HOURS = 24


async def record(
    session: AsyncSession,
    conversation_id: uuid.UUID,
    metric: MetricName,
    *,
    message_id: uuid.UUID | None = None,
    value: float = 1,
) -> None:
    """The event for the conversation's variant, if it is in a measured experiment (else nothing)."""
    if await active(session):  # no experiment loaded (the cache): no statement
        await session.execute(_insert(conversation_id, metric, message_id, value, reply_window=False))


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


async def customer_replied(session: AsyncSession, conversation_id: uuid.UUID, message_id: uuid.UUID) -> None:
    """``customer_replied``: the customer wrote within 24 hours of the agent's first message after assignment."""
    await session.execute(_insert(conversation_id, MetricName.customer_replied, message_id, 1, reply_window=True))


def _insert(
    conversation_id: uuid.UUID, metric: MetricName, message_id: uuid.UUID | None, value: float, *, reply_window: bool
) -> Insert:
    ev = ExperimentVariant
    source = (
        select(
            ev.dealership_id,
            ev.experiment_id,
            ev.variant_id,
            ev.conversation_id,
            literal(message_id, type_=PromptMetric.message_id.type),
            literal(str(metric)),
            literal(value, type_=PromptMetric.metric_value.type),
        )
        .join(PromptExperiment, PromptExperiment.id == ev.experiment_id)
        .where(ev.conversation_id == conversation_id, PromptExperiment.status.in_(MEASURED))
    )
    if reply_window:
        first_ai = (
            select(func.min(Message.created_at))
            .where(
                Message.conversation_id == ev.conversation_id,
                Message.sender == Sender.ai,
                Message.created_at >= ev.assigned_at,
            )
            .scalar_subquery()
        )
        source = source.where(
            and_(first_ai.is_not(None), first_ai > func.now() - func.make_interval(0, 0, 0, 0, REPLY_WINDOW_HOURS))
        )
    return (
        insert(PromptMetric)
        .from_select(
            [
                "dealership_id",
                "experiment_id",
                "variant_id",
                "conversation_id",
                "message_id",
                "metric_name",
                "metric_value",
            ],
            source,
        )
        .on_conflict_do_nothing()
    )
