"""Background jobs of the integrations: webhook deliveries and CRM hand-offs. Each receives ids and is safe to run
twice."""

from __future__ import annotations

import uuid

from procrastinate import RetryStrategy
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.integrations.crm import outbox as crm_outbox
from showroom.integrations.crm import service as crm
from showroom.integrations.webhooks_out import delivery
from showroom.integrations.webhooks_out.outbox import QUEUE
from showroom.jobs import tenant_task
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
