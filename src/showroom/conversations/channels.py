"""The channel outbox: every outbound message leaves through here, whatever the channel.

Nothing leaves the building inside a transaction. :func:`queue_delivery` runs in the transaction that writes the
message and decides, without any network call: chat and API messages are delivered at once (the widget or the
integration reads them from the conversation); e-mail and SMS are stored ``queued`` with a ``message.deliver`` job
(for the end of the dealership's quiet hours when an automated message falls inside them); what cannot be sent
(an opt-out, no address) is ``failed`` with the reason, visible to staff. The job (:func:`send_queued`) reads the
message in one short transaction, sends it with no transaction open, and records the outcome in a second one: sent,
or failed and retried with backoff. A crash between sending and recording re-runs the job, so a message may be sent
twice at most, and both sends carry the same idempotency key: the message id, as the e-mail's Message-ID and the SMS
relay's ``Idempotency-Key``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import SYSTEM, record
from showroom.bounces.address import MessageRef, token_body
from showroom.conversations.reply_address import reply_address
from showroom.errors import ServiceUnavailable
from showroom.insights.profiles import record_interaction
from showroom.leads.consent import sms_consented
from showroom.leads.local_time import customer_zone
from showroom.mail import Email, new_message_id
from showroom.models import Conversation, Customer, Dealership, Message
from showroom.ops import metrics
from showroom.queue import CUSTOMER_WAITING, defer
from showroom.services import Services
from showroom.sms import TWILIO_UNSUBSCRIBED, SmsError, TwilioSms
from showroom.vocabulary import Channel, InteractionType, SmsProviderName

RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
QUIET_CHANNELS = (Channel.sms, Channel.email)
# Delivered when stored: the widget or the integration reads the conversation.
READ_BY_CLIENT = (Channel.chat, Channel.api)
DELIVERY_QUEUE = "delivery"


def _hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def quiet_until(dealership: Dealership, now: datetime, customer: Customer | None = None) -> datetime | None:
    """When quiet hours end, if ``now`` falls inside them (default 21:00-08:00), in the customer's own time zone
    (their address, else their number's area code: ``leads.local_time``), else the dealership's."""
    quiet = (dealership.agent_config or {}).get("quiet_hours") or {"start": "21:00", "end": "08:00"}
    start, end = _hhmm(quiet["start"]), _hhmm(quiet["end"])
    zone = (customer_zone(customer) if customer is not None else None) or ZoneInfo(dealership.timezone)
    local = now.astimezone(zone)
    clock = local.time()
    inside = (start <= clock or clock < end) if start > end else (start <= clock < end)
    if not inside:
        return None
    day = local.date() if clock < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone).astimezone(UTC)


def opted_out(customer: Customer, channel: str) -> bool:
    return customer.opted_out or channel in (customer.opted_out_channels or {})


def automated(message: Message) -> bool:
    """Written by the AI or the system, so opt-outs and quiet hours apply. Not: a person's own reply, and the
    confirmation of an opt-out (marked ``entities.automated = false``), which the rules require to be sent."""
    return message.sender != "agent" and (message.entities or {}).get("automated", True) is not False


def _undeliverable(message: Message, customer: Customer) -> str | None:
    """Why ``message`` cannot be sent at all, or None. An automated message also needs a contact nobody doubts
    (``customers.contact_flags``, until staff confirm it) and, by SMS, the customer's consent to automated texts."""
    channel = message.channel
    if automated(message) and opted_out(customer, channel):
        return f"the customer opted out of {channel} messages"
    if automated(message):
        unverified = _unverified(customer, channel)
        if unverified is not None:
            return unverified
    if channel == Channel.email and not customer.email_normalized:
        return "the customer has no e-mail address"
    if channel == Channel.sms and not customer.phone_e164:
        return "the customer has no mobile number"
    if channel not in (*READ_BY_CLIENT, *QUIET_CHANNELS):
        return f"no automated delivery on the {channel} channel; reply by {channel} yourself"
    return None


def may_automate(customer: Customer, channel: str) -> str | None:
    """Why no automated message may go to ``customer`` on ``channel`` (an opt-out, a doubted contact, no consent to
    texts), or None: what a follow-up checks before it is written."""
    if opted_out(customer, channel):
        return f"the customer opted out of {channel} messages"
    return _unverified(customer, channel)


def _unverified(customer: Customer, channel: str) -> str | None:
    key = {"email": "email", "sms": "phone"}.get(channel)
    flag = (customer.contact_flags or {}).get(key) if key else None
    if flag and flag.get("bounced"):
        value, reason = flag.get("value"), flag.get("reason")
        return f"the e-mail address {value!r} is undeliverable: {reason}; clear the mark on the customer page"
    if flag:
        what = "e-mail address" if key == "email" else "phone number"
        return f"the {what} {flag.get('value')!r} is unverified ({flag.get('reason')}); confirm it on the customer page"
    if channel == Channel.sms and not sms_consented(customer):
        return "the customer has not agreed to automated texts"
    return None


async def queue_delivery(
    session: AsyncSession,
    services: Services,
    message: Message,
    customer: Customer,
    dealership: Dealership,
    *,
    now: datetime | None = None,
) -> None:
    """Decide how ``message`` leaves, in the caller's transaction (no network call): delivered (chat, API),
    failed (with the reason), or queued with a ``message.deliver`` job, now or when quiet hours end."""
    now = now or datetime.now(UTC)
    await _decide_delivery(session, services, message, customer, dealership, now)
    # After the decision: the touchpoint's statement flushes the message, which is then inserted in its final
    # state (not inserted, then updated).
    await record_interaction(
        session,
        customer,
        InteractionType.message_outbound,
        conversation_id=message.conversation_id,
        details={"message_id": str(message.id), "channel": message.channel, "sender": message.sender},
        at=now,
    )


async def _decide_delivery(
    session: AsyncSession,
    services: Services,
    message: Message,
    customer: Customer,
    dealership: Dealership,
    now: datetime,
) -> None:
    reason = _undeliverable(message, customer)
    if reason is not None:
        _fail(message, reason)
        return
    if message.channel in READ_BY_CLIENT:
        message.delivery_status, message.delivered_at = "delivered", now
        return
    message.delivery_status = "queued"
    metrics.OUTBOUND.labels(message.channel, "queued").inc()
    if message.channel == Channel.email:
        message.external_message_id = new_message_id(services.settings.mail_from, key=str(message.id))
    at = None
    if automated(message):
        at = quiet_until(dealership, now, customer)
        if at is not None:
            message.entities = {**(message.entities or {}), "held_until": at.isoformat()}
    await _defer(session, message, at)


async def _defer(session: AsyncSession, message: Message, at: datetime | None) -> None:
    await defer(
        session,
        "message.deliver",
        queue=DELIVERY_QUEUE,
        priority=CUSTOMER_WAITING,
        at=at,
        lock=f"message:{message.id}",  # one send of a message at a time, whatever jobs exist for it
        message_id=str(message.id),
        dealership_id=message.dealership_id,
    )


@dataclass
class _Send:
    """What a send needs, read in the delivery job's first transaction."""

    message_id: uuid.UUID
    channel: str
    content: str
    subject: str
    to: str
    sender: str | None
    reply_to: str | None
    conversation_id: uuid.UUID
    message_id_header: str | None
    from_name: str | None = None
    sms_provider: str = SmsProviderName.relay
    dealership_id: int = 0


async def send_queued(session: AsyncSession, services: Services, message_id: uuid.UUID) -> str:
    """The ``message.deliver`` job: send one queued message and record the outcome (``session`` acts for its
    dealership and has no transaction open). Returns what happened, for the job's log."""
    async with session.begin():
        message = await session.get(Message, message_id)
        if message is None or message.delivery_status in ("sent", "delivered"):
            return "nothing to do"
        rows = (
            await session.execute(
                select(Conversation, Customer, Dealership)
                .join(Customer, Customer.id == Conversation.customer_id)
                .join(Dealership, Dealership.id == Conversation.dealership_id)
                .where(Conversation.id == message.conversation_id)
            )
        ).one()
        conversation, customer, dealership = rows
        now = datetime.now(UTC)
        reason = _undeliverable(message, customer)  # the customer may have opted out since it was queued
        if reason is not None:
            _fail(message, reason)
            return "failed"
        if message.channel in READ_BY_CLIENT:
            message.delivery_status, message.delivered_at = "delivered", now
            return "delivered"
        held = quiet_until(dealership, now, customer) if automated(message) else None
        if held is not None:  # a retry that lands at night waits for the morning
            message.entities = {**(message.entities or {}), "held_until": held.isoformat()}
            await _defer(session, message, held)
            return "held"
        subject = conversation.subject or f"Your enquiry with {dealership.name}"
        send = _Send(
            message_id=message.id,
            channel=message.channel,
            content=message.content,
            subject=subject if subject.lower().startswith("re:") else f"Re: {subject}",
            to=(customer.email_normalized if message.channel == Channel.email else customer.phone_e164) or "",
            sender=(dealership.settings or {}).get("sms_number") or dealership.contact_phone,
            # The customer's answer comes back into this conversation (conversations.reply_address), else it
            # reaches the dealership's own inbox.
            reply_to=reply_address(services.settings, dealership.id, conversation.id) or dealership.contact_email,
            from_name=dealership.name,
            sms_provider=(dealership.settings or {}).get("sms_provider") or SmsProviderName.relay,
            dealership_id=dealership.id,
            conversation_id=conversation.id,
            message_id_header=message.external_message_id
            or new_message_id(services.settings.mail_from, key=str(message.id)),
        )
    permanent, code = False, None
    try:  # no transaction is open here
        reference = await _transmit(services, send)
        error = None
    except (OSError, SmsError, ServiceUnavailable) as exc:
        reference, error = None, str(exc)[:500]
        if isinstance(exc, SmsError):
            permanent, code = exc.permanent, exc.code
    metrics.OUTBOUND.labels(send.channel, "sent" if error is None else "failed").inc()
    async with session.begin():
        message = await session.get(Message, message_id, populate_existing=True)
        if message is None:
            return "gone"
        if error is None:
            message.delivery_status, message.delivered_at, message.delivery_error = "sent", datetime.now(UTC), None
            if reference:
                message.external_message_id = reference[:255]
            return "sent"
        _fail(message, error)
        if code == TWILIO_UNSUBSCRIBED:  # the customer texted STOP to the provider: our opt-outs follow
            await opted_out_at_provider(session, message)
        attempt = int((message.entities or {}).get("attempts", 0))
        if permanent or attempt >= len(RETRY_DELAYS):
            return "failed"
        message.entities = {**(message.entities or {}), "attempts": attempt + 1}
        await _defer(session, message, datetime.now(UTC) + RETRY_DELAYS[attempt])
        return "failed, retrying"


async def _transmit(services: Services, send: _Send) -> str:
    """Hand the message to the mail server or the SMS provider; returns their reference."""
    if send.channel == Channel.email:
        return await services.mailer.send(
            Email(
                to=[send.to],
                subject=send.subject,
                text=send.content,
                reply_to=send.reply_to,
                from_name=send.from_name,
                headers={
                    "Message-ID": send.message_id_header or "",
                    "X-Showroom-Conversation": str(send.conversation_id),
                },
                bounce_token=token_body(MessageRef(send.dealership_id, send.message_id)),  # a bounce fails it
            )
        )
    if send.sms_provider == SmsProviderName.twilio:
        callback = f"{services.settings.base_url}/api/v1/webhooks/twilio/status?dealership={send.dealership_id}"
        return await TwilioSms(services.settings).send(
            to=send.to, sender=send.sender, body=send.content, reference=str(send.message_id), status_callback=callback
        )
    return await services.sms.send(to=send.to, sender=send.sender, body=send.content, reference=str(send.message_id))


async def opted_out_at_provider(session: AsyncSession, message: Message) -> None:
    """The provider refuses to text this customer (they unsubscribed there): record the SMS opt-out here too."""
    conversation = await session.get(Conversation, message.conversation_id)
    customer = await session.get(Customer, conversation.customer_id) if conversation else None
    if customer is None or Channel.sms in (customer.opted_out_channels or {}):
        return
    customer.opted_out_channels = {**(customer.opted_out_channels or {}), Channel.sms: datetime.now(UTC).isoformat()}
    await record(
        session,
        SYSTEM,
        "customer.opt_out",
        dealership_id=customer.dealership_id,
        resource_type="customer",
        resource_id=customer.id,
        after={"channel": Channel.sms, "by": "sms provider"},
    )


def _fail(message: Message, reason: str) -> None:
    message.delivery_status = "failed"
    message.delivery_error = reason
