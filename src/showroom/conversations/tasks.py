"""Background jobs of conversations: a new lead's first AI reply, delivery retries, the handover SLA sweep.

Each task receives ids, opens its own transaction with the tenant set, re-reads its rows and is safe to run
twice (DESIGN.md §3).
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import text

from showroom.audit.service import SYSTEM
from showroom.jobs import services, tasks

log = logging.getLogger(__name__)


@tasks.task(name="conversation.first_reply", queue="agent", retry=3)
async def first_reply(conversation_id: str, dealership_id: int) -> str:
    from showroom.agent.pipeline import first_reply as reply

    s = services()
    async with s.db.session(dealership_id) as session, session.begin():
        outcome = await reply(session, s, uuid.UUID(conversation_id))
    return outcome.skipped or ("handover" if outcome.handover else "replied")


@tasks.task(name="message.deliver", queue="delivery", retry=0)
async def deliver_message(message_id: str, dealership_id: int) -> str:
    """Deliver a held (quiet hours) or failed outbound message; deliver() schedules the next retry itself."""
    from showroom.agent.pipeline import load
    from showroom.conversations.channels import deliver
    from showroom.models import Message

    s = services()
    async with s.db.session(dealership_id) as session, session.begin():
        message = await session.get(Message, uuid.UUID(message_id))
        if message is None or message.delivery_status in ("sent", "delivered"):
            return "nothing to do"
        turn = await load(session, message.conversation_id)
        await deliver(
            session, s, message, turn.conversation, turn.customer, turn.dealership, automated=message.sender != "agent"
        )
        return str(message.delivery_status)


@tasks.periodic(cron="* * * * *", periodic_id="handover.sla_sweep")
@tasks.task(name="handover.sla_sweep", queue="maintenance")
async def sla_sweep(timestamp: int) -> int:
    """Flag handovers still unclaimed at their SLA time (found across tenants, each flagged in its own)."""
    from showroom.conversations.handover import flag_breach

    s = services()
    async with s.db.session() as session:
        due = (await session.execute(text("select id, dealership_id from overdue_handovers()"))).all()
    flagged = 0
    for handover_id, dealership_id in due:
        async with s.db.session(dealership_id) as session, session.begin():
            flagged += await flag_breach(session, handover_id, SYSTEM)
    if flagged:
        log.info("flagged %d handovers past their SLA", flagged)
    return flagged
