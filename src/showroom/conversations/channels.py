"""The channel outbox: every outbound message leaves through ``deliver``, whatever the channel.

chat/api: the widget or the integration reads it (delivered at once); e-mail: the mail module; SMS: the SMS
provider. Automated messages respect per-channel opt-outs and, for SMS and e-mail, the dealership's quiet
hours: they wait (queued, with a delivery job at the end of the quiet hours). A failed send is marked failed,
visible to staff, and retried by a background job with backoff.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from showroom import jobs
from showroom.mail import Email
from showroom.models import Conversation, Customer, Dealership, Message
from showroom.services import Services
from showroom.sms import SmsError

RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
QUIET_CHANNELS = ("sms", "email")


def _hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def quiet_until(dealership: Dealership, now: datetime) -> datetime | None:
    """When quiet hours end, if ``now`` falls inside them (dealership time zone, default 21:00-08:00)."""
    quiet = (dealership.agent_config or {}).get("quiet_hours") or {"start": "21:00", "end": "08:00"}
    start, end = _hhmm(quiet["start"]), _hhmm(quiet["end"])
    zone = ZoneInfo(dealership.timezone)
    local = now.astimezone(zone)
    clock = local.time()
    inside = (start <= clock or clock < end) if start > end else (start <= clock < end)
    if not inside:
        return None
    day = local.date() if clock < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone).astimezone(UTC)


def opted_out(customer: Customer, channel: str) -> bool:
    return customer.opted_out or channel in (customer.opted_out_channels or {})


async def deliver(
    session: AsyncSession,
    services: Services,
    message: Message,
    conversation: Conversation,
    customer: Customer,
    dealership: Dealership,
    *,
    automated: bool,
    now: datetime | None = None,
) -> None:
    """Send (or hold, or fail) one outbound message; updates its delivery state in the caller's transaction."""
    now = now or datetime.now(UTC)
    channel = message.channel
    if automated and opted_out(customer, channel):
        _fail(message, f"the customer opted out of {channel} messages")
        return
    if automated and channel in QUIET_CHANNELS:
        until = quiet_until(dealership, now)
        if until is not None:
            message.delivery_status = "queued"
            message.entities = {**(message.entities or {}), "held_until": until.isoformat()}
            await jobs.defer(
                session,
                "message.deliver",
                queue="delivery",
                at=until,
                message_id=str(message.id),
                dealership_id=dealership.id,
            )
            return
    try:
        if channel in ("chat", "api"):
            reference = None  # the widget / integration reads it from the conversation
        elif channel == "email":
            reference = await _email(services, message, conversation, customer, dealership)
        elif channel == "sms":
            reference = await _sms(services, message, customer, dealership)
        else:
            _fail(message, f"no automated delivery on the {channel} channel; reply by {channel} yourself")
            return
    except (OSError, SmsError, DeliveryError) as exc:
        _fail(message, str(exc)[:500])
        attempt = int((message.entities or {}).get("attempts", 0))
        if attempt < len(RETRY_DELAYS) and not isinstance(exc, DeliveryError):
            message.entities = {**(message.entities or {}), "attempts": attempt + 1}
            await jobs.defer(
                session,
                "message.deliver",
                queue="delivery",
                at=now + RETRY_DELAYS[attempt],
                message_id=str(message.id),
                dealership_id=dealership.id,
            )
        return
    message.delivery_status = "delivered" if channel in ("chat", "api") else "sent"
    message.delivered_at = now
    message.delivery_error = None
    if reference:
        message.external_message_id = reference[:255]


class DeliveryError(Exception):
    """Cannot be delivered at all (no address): not retried."""


def _fail(message: Message, reason: str) -> None:
    message.delivery_status = "failed"
    message.delivery_error = reason


async def _email(
    services: Services, message: Message, conversation: Conversation, customer: Customer, dealership: Dealership
) -> str:
    if not customer.email_normalized:
        raise DeliveryError("the customer has no e-mail address")
    from showroom.errors import ServiceUnavailable

    subject = conversation.subject or f"Your enquiry with {dealership.name}"
    try:
        return await services.mailer.send(
            Email(
                to=[customer.email_normalized],
                subject=subject if subject.lower().startswith("re:") else f"Re: {subject}",
                text=message.content,
                reply_to=dealership.contact_email,
                headers={"X-Showroom-Conversation": str(conversation.id)},
            )
        )
    except ServiceUnavailable as exc:
        raise OSError(exc.detail) from exc


async def _sms(services: Services, message: Message, customer: Customer, dealership: Dealership) -> str:
    if not customer.phone_e164:
        raise DeliveryError("the customer has no mobile number")
    sender = (dealership.settings or {}).get("sms_number") or dealership.contact_phone
    return await services.sms.send(
        to=customer.phone_e164, sender=sender, body=message.content, reference=str(message.id)
    )
