"""Background jobs of the integrations: webhook deliveries, CRM hand-offs and IMAP polls. Each receives ids and is
safe to run twice."""

from __future__ import annotations

import uuid

from procrastinate import RetryStrategy
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.integrations.crm import outbox as crm_outbox
from showroom.integrations.crm import service as crm
from showroom.integrations.imap import service as imap
from showroom.integrations.webhooks_out import delivery
from showroom.integrations.webhooks_out.outbox import QUEUE
from showroom.jobs import services, tasks, tenant_task
from showroom.services import Services


@tenant_task(
    name="webhooks.deliver",
    queue=QUEUE,
    retry=RetryStrategy(max_attempts=5, exponential_wait=2),  # the database failed; a failed POST retries itself
)
async def deliver_webhook(session: AsyncSession, s: Services, delivery_id: str) -> str:
    """POST one outbox row to its endpoint, signed; record the outcome and schedule a retry on failure."""
    return await delivery.deliver(session, s, uuid.UUID(delivery_id))


@tenant_task(name="crm.send", queue=crm_outbox.QUEUE, retry=RetryStrategy(max_attempts=5, exponential_wait=2))
async def send_to_crm(session: AsyncSession, s: Services, handoff_id: str) -> str:
    """E-mail one hand-off's ADF to the dealership's CRM; record sent or the error (retried with back-off)."""
    return await crm.send(session, s, uuid.UUID(handoff_id))


@tenant_task(name="imap.poll", queue=imap.QUEUE, retry=RetryStrategy(max_attempts=3, exponential_wait=2))
async def poll_mailbox(session: AsyncSession, s: Services) -> str:
    """Take the new messages of the dealership's IMAP mailbox (leads and replies), each once."""
    return await imap.poll(session, s, session.info["dealership_id"])


@tasks.periodic(cron="* * * * *", periodic_id="imap.poll_sweep")
@tasks.task(name="imap.poll_sweep", queue="maintenance")
async def poll_sweep(timestamp: int) -> int:
    """Every minute: a poll of each enabled mailbox (ids from a SECURITY DEFINER function, no tenant set); a
    mailbox whose poll is still waiting or running gets no second one (queueing lock and lock)."""
    async with services().db.session() as session, session.begin():
        ids = (await session.scalars(text("select inbound_mailbox_dealerships()"))).all()
        for dealership_id in ids:
            await imap.schedule(session, dealership_id)
    return len(ids)
