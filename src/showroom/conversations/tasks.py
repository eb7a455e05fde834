"""Background jobs of conversations: a new lead's first AI reply, message delivery, the handover SLA sweep.

Each task receives ids, re-reads its rows and is safe to run twice. A dealership's tasks get their session from
the job runner (``jobs.tenant_task``).
"""

from __future__ import annotations

import logging
import uuid

from procrastinate import RetryStrategy
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.api.ratelimit import sweep
from showroom.audit.service import SYSTEM
from showroom.conversations import experiment_hook, turn
from showroom.conversations.channels import DELIVERY_QUEUE, send_queued
from showroom.conversations.sla import flag_breach
from showroom.followups import service as followups
from showroom.jobs import services, tasks, tenant_task
from showroom.models import Conversation, Dealership
from showroom.queue import defer
from showroom.services import Services

log = logging.getLogger(__name__)


@tenant_task(name="conversation.first_reply", queue="agent", retry=3)
async def first_reply(session: AsyncSession, s: Services, conversation_id: str) -> str:
    outcome = await turn.first_reply(session, s, uuid.UUID(conversation_id))
    if outcome.reply is not None and outcome.handover is None:  # issue 18: answered, so the cadence starts
        async with session.begin():
            conversation = await session.get(Conversation, uuid.UUID(conversation_id))
            dealership = await session.get(Dealership, conversation.dealership_id) if conversation else None
            if conversation is not None and dealership is not None:
                cadence = await experiment_hook.follow_up_days(session, conversation, dealership.agent_config)
                await followups.enter(session, conversation, cadence)  # a variant may change the cadence
    return outcome.skipped or ("handover" if outcome.handover else "replied")


@tenant_task(
    name="message.deliver",
    queue=DELIVERY_QUEUE,
    retry=RetryStrategy(max_attempts=5, exponential_wait=2),  # the database failed; a send failure retries itself
)
async def deliver_message(session: AsyncSession, s: Services, message_id: str) -> str:
    """Send one queued outbound message (e-mail or SMS) and record the outcome; a failed send schedules its own
    retry with backoff (``channels.RETRY_DELAYS``)."""
    return await send_queued(session, s, uuid.UUID(message_id))


@tenant_task(name="handover.flag_breach", queue="maintenance")
async def flag_sla_breach(session: AsyncSession, s: Services, handover_id: str) -> bool:
    async with session.begin():
        return await flag_breach(
            session, uuid.UUID(handover_id), SYSTEM, base_url=s.settings.base_url, sender=s.settings.mail_from
        )


@tasks.periodic(cron="* * * * *", periodic_id="handover.sla_sweep")
@tasks.task(name="handover.sla_sweep", queue="maintenance")
async def sla_sweep(timestamp: int) -> int:
    """Find the handovers still unclaimed at their SLA time, across dealerships (a SECURITY DEFINER function that
    returns ids only), and flag each in a job of its own dealership."""
    async with services().db.session() as session, session.begin():
        due = (await session.execute(text("select id, dealership_id from overdue_handovers()"))).all()
        for handover_id, dealership_id in due:
            await defer(
                session,
                "handover.flag_breach",
                queue="maintenance",
                queueing_lock=f"handover-breach:{handover_id}",
                handover_id=str(handover_id),
                dealership_id=dealership_id,
            )
    if due:
        log.info("%d handovers past their SLA to flag", len(due))
    return len(due)


@tenant_task(name="contact.send_code", queue=DELIVERY_QUEUE, retry=RetryStrategy(max_attempts=5, exponential_wait=2))
async def send_contact_code(
    session: AsyncSession, s: Services, to: str, sender: str | None, body: str, reference: str
) -> str:
    """Text a chat visitor the code that proves their phone (``contact_claims``); queued in the claim's transaction,
    sent here with none open; the claim id is the relay's idempotency key."""
    return await s.sms.send(to=to, sender=sender, body=body, reference=reference)


@tasks.periodic(cron="17 3 * * *", periodic_id="rate_counters.sweep")
@tasks.task(name="rate_counters.sweep", queue="maintenance")
async def sweep_rate_counters(timestamp: int) -> int:
    """Forget request budgets idle for a month (``api.ratelimit``; not tenant data: no tenant is set)."""
    async with services().db.session() as session, session.begin():
        return await sweep(session)
