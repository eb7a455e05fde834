"""Acting on a bounce, wherever inbound mail is read (the IMAP intake, the e-mail webhooks), before it could be
taken for a customer's message or a lead.

A message is a bounce when it is addressed to our bounce address (``bounces.address``) or reads as one
(``bounces.dsn``). What it concerns comes from the signed token of its recipient: a report's period (each
recipient that failed for good is reported to the schedule's owner, once per recipient and period:
``reports.service.report_bounces``), a customer's message (failed, with the server's words, and the customer's
e-mail address marked undeliverable, so automated mail stops using it until staff clear the mark), or a lead's
hand-off to the dealership's CRM (failed with the server's words, on the lead page, to be sent again). A bounce that
carries no token may still name a customer's message or a CRM hand-off by its original Message-ID (a random id only
its recipient saw), in the dealership whose mailbox it reached. A delay (4.x.x) changes nothing; a bounce we cannot
match (no token, a forged one, another dealership's) is logged and dropped: never a lead, never a customer's message.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time
from email.message import Message as MimeMessage
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import SYSTEM, record
from showroom.bounces import dsn
from showroom.bounces.address import BounceRef, HandoffRef, MessageRef, ReportRef, bounced_ref, to_bounce_address
from showroom.db.tenancy import acting_for
from showroom.models import Conversation, CrmHandoff, Customer, Message, ReportSchedule
from showroom.reports.periods import Period
from showroom.reports.service import report_bounces
from showroom.settings import Settings
from showroom.vocabulary import Channel, CrmHandoffStatus

log = logging.getLogger(__name__)
EMAIL_BOUNCED = "customer.email_bounced"


def is_bounce(settings: Settings, message: MimeMessage, recipients: str | list[str]) -> bool:
    return to_bounce_address(settings, recipients) or dsn.looks_like_bounce(message)


async def take(
    session: AsyncSession,
    settings: Settings,
    message: MimeMessage,
    recipients: str | list[str],
    *,
    dealership_id: int | None = None,
) -> str | None:
    """Act on ``message`` if it is a bounce and say what was done (for the caller's log and answer); None: not a
    bounce, the caller goes on. ``dealership_id``: the mailbox it reached is this dealership's (a token naming
    another is ignored). Runs in the caller's transaction."""
    if not is_bounce(settings, message, recipients):
        return None
    bounce = dsn.read(message)
    ref = bounced_ref(settings, recipients)
    if ref is None and dealership_id is not None and not to_bounce_address(settings, recipients):
        ref = await _by_message_id(session, dealership_id, bounce.original_message_id)
    what = await _act(session, settings, bounce, ref, dealership_id)
    log.info("bounce %s (original %s): %s", message.get("Message-ID"), bounce.original_message_id, what)
    return what


async def _act(
    session: AsyncSession, settings: Settings, bounce: dsn.Bounce, ref: BounceRef | None,
    dealership_id: int | None,
) -> str:  # fmt: skip
    if ref is None:
        return "bounce dropped: it names nothing we sent (no valid token)"
    if dealership_id is not None and ref.dealership_id != dealership_id:
        return "bounce dropped: it names another dealership's mail"
    if not bounce.permanent and bounce.delayed:
        return f"bounce ignored: delivery delayed, not failed ({', '.join(bounce.delayed)})"
    if not bounce.permanent:
        return "bounce ignored: it names no recipient that failed for good"
    async with acting_for(session, ref.dealership_id):
        if isinstance(ref, ReportRef):
            return await _report(session, settings, ref, bounce.permanent)
        if isinstance(ref, HandoffRef):
            return await _handoff(session, ref, bounce.permanent)
        return await _message(session, ref, bounce.permanent)


async def _by_message_id(session: AsyncSession, dealership_id: int, message_id: str | None) -> BounceRef | None:
    """A customer's message or a CRM hand-off by the Message-ID we gave it (random: known to its recipient only)."""
    if not message_id:
        return None
    async with acting_for(session, dealership_id):
        handoff = await session.scalar(select(CrmHandoff.id).where(CrmHandoff.message_id == message_id.strip()[:255]))
        if handoff is not None:
            return HandoffRef(dealership_id, handoff)
        found = await session.scalar(
            select(Message.id).where(
                Message.external_message_id == message_id.strip()[:255],
                Message.type == "outbound",
                Message.channel == Channel.email,
            )
        )
    return MessageRef(dealership_id, found) if found is not None else None


async def _report(session: AsyncSession, settings: Settings, ref: ReportRef, failed: list[dsn.Failure]) -> str:
    row = await session.get(ReportSchedule, ref.schedule_id)
    if row is None:
        return f"bounce dropped: report schedule {ref.schedule_id} is gone"
    zone = ZoneInfo(row.timezone)
    period = Period(datetime.combine(ref.start, time(), zone), datetime.combine(ref.end, time(), zone))
    bounced = {f.address: f.reason for f in failed}
    told = await report_bounces(session, row.id, period, f"report-{row.id}-{period.key}", bounced, settings.mail_from)
    if not told:
        return f"report {row.id} bounce for {period.key}: reported before"
    return f"report {row.id} bounce for {period.key} ({', '.join(sorted(bounced))}): told {', '.join(told)}"


async def _message(session: AsyncSession, ref: MessageRef, failed: list[dsn.Failure]) -> str:
    message = await session.get(Message, ref.message_id, with_for_update=True)
    if message is None or message.type != "outbound" or message.channel != Channel.email:
        return f"bounce dropped: no outbound e-mail {ref.message_id}"
    conversation = await session.get(Conversation, message.conversation_id)
    customer = await session.get(Customer, conversation.customer_id) if conversation else None
    mine = customer.email_normalized if customer else None
    failure = next((f for f in failed if f.address == mine), failed[0])
    reason = f"bounced: {failure.reason}"[:1000]
    if message.delivery_status == "failed" and message.delivery_error == reason:
        return f"message {message.id} bounce: recorded before"
    message.delivery_status, message.delivery_error = "failed", reason
    if customer is not None and mine and failure.address == mine:
        _mark_undeliverable(customer, failure)
    await record(session, SYSTEM, EMAIL_BOUNCED, dealership_id=ref.dealership_id, resource_type="customer",
                 resource_id=customer.id if customer else None,
                 details={"message_id": str(message.id), "address": failure.address, "status": failure.status,
                          "reason": failure.reason})  # fmt: skip
    return f"message {message.id} failed: {reason}"


async def _handoff(session: AsyncSession, ref: HandoffRef, failed: list[dsn.Failure]) -> str:
    """The CRM did not get the lead: the hand-off is failed with the server's words (the lead page shows it, staff
    send it again once the address is right)."""
    handoff = await session.get(CrmHandoff, ref.handoff_id, with_for_update=True)
    if handoff is None:
        return f"bounce dropped: no CRM hand-off {ref.handoff_id}"
    failure = next((f for f in failed if f.address == handoff.to_address.lower()), failed[0])
    reason = f"bounced: {failure.reason}"[:500]
    if handoff.status == CrmHandoffStatus.failed and handoff.last_error == reason:
        return f"CRM hand-off {handoff.id} bounce: recorded before"
    handoff.status, handoff.last_error, handoff.next_attempt_at = CrmHandoffStatus.failed, reason, None
    await record(session, SYSTEM, "crm_handoff.bounce", dealership_id=ref.dealership_id, resource_type="lead",
                 resource_id=handoff.lead_id, details={"handoff_id": str(handoff.id), "address": failure.address,
                                                      "reason": failure.reason})  # fmt: skip
    return f"CRM hand-off {handoff.id} failed: {reason}"


def _mark_undeliverable(customer: Customer, failure: dsn.Failure) -> None:
    """``customers.contact_flags["email"]``: no automated message uses the address until staff clear the mark
    (``POST /customers/{id}/confirm-contact``) or change it."""
    flags = dict(customer.contact_flags or {})
    flags["email"] = {
        "value": customer.email or failure.address,
        "reason": f"mail to it bounced ({failure.reason})"[:500],
        "since": datetime.now(UTC).isoformat(),
        "bounced": True,
    }
    customer.contact_flags = flags
