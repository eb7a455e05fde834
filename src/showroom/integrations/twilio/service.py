"""Twilio's callbacks: the signature check, delivery states on our messages, and opt-outs kept in step.

Twilio signs each callback (``X-Twilio-Signature``: HMAC-SHA1, keyed with the account's auth token, of the URL it
called and the sorted form fields); the official ``twilio`` package's ``RequestValidator`` checks it, with Twilio's
own rules for ports and query strings. A callback without a valid signature, or for another account, is a 403."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from twilio.request_validator import RequestValidator

from showroom.audit.service import SYSTEM, record
from showroom.conversations.channels import opted_out_at_provider
from showroom.db.tenancy import acting_for
from showroom.errors import Forbidden, ServiceUnavailable
from showroom.models import Conversation, Customer, Message
from showroom.settings import Settings
from showroom.sms import TWILIO_UNSUBSCRIBED
from showroom.vocabulary import Channel, DeliveryStatus, MessageType

SIGNATURE = "X-Twilio-Signature"
log = logging.getLogger(__name__)

# Twilio's MessageStatus -> ours. accepted/queued/scheduled say nothing we do not know (we marked it sent when
# Twilio took it).
STATES = {
    "sending": DeliveryStatus.sent,
    "sent": DeliveryStatus.sent,
    "delivered": DeliveryStatus.delivered,
    "read": DeliveryStatus.delivered,
    "undelivered": DeliveryStatus.undelivered,
    "failed": DeliveryStatus.failed,
}
# Callbacks arrive out of order: a state never goes back ("sent" after "delivered" is ignored).
RANK = {
    DeliveryStatus.queued: 0,
    DeliveryStatus.sent: 1,
    DeliveryStatus.delivered: 2,
    DeliveryStatus.undelivered: 2,
    DeliveryStatus.failed: 2,
}


def called_url(request: Request, settings: Settings) -> str:
    """The URL Twilio called: on SHOWROOM_PUBLIC_URL when set (behind a proxy the request's own URL differs)."""
    if settings.public_url:
        query = f"?{request.url.query}" if request.url.query else ""
        return f"{settings.public_url.rstrip('/')}{request.url.path}{query}"
    return str(request.url)


async def verified_form(request: Request, settings: Settings) -> dict[str, str]:
    """The callback's form fields, once its signature is proven; else 403 (503 when Twilio is not configured)."""
    if settings.twilio_auth_token is None or not settings.twilio_account_sid:
        raise ServiceUnavailable(
            "Twilio is not configured: set SHOWROOM_TWILIO_ACCOUNT_SID and SHOWROOM_TWILIO_AUTH_TOKEN"
        )
    form = {key: value for key, value in (await request.form()).items() if isinstance(value, str)}
    signature = request.headers.get(SIGNATURE, "")
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    if not signature or not validator.validate(called_url(request, settings), form, signature):
        log.warning("twilio callback %s refused: bad or missing %s", request.url.path, SIGNATURE)
        raise Forbidden(f"the {SIGNATURE} signature does not match this request", field=SIGNATURE)
    if form.get("AccountSid") != settings.twilio_account_sid:
        raise Forbidden("the callback is for another Twilio account", field="AccountSid")
    return form


async def keep_opt_out_in_step(session: AsyncSession, message: Message, opt_out_type: str) -> None:
    """Twilio handled STOP or START itself (Advanced Opt-Out, its own keywords too: STOPALL, UNSTOP, YES…): the
    customer's SMS opt-out here follows, whatever words our own rules know."""
    async with acting_for(session, message.dealership_id):
        conversation = await session.get(Conversation, message.conversation_id)
        customer = await session.get(Customer, conversation.customer_id) if conversation else None
        if customer is None:
            return
        opted = dict(customer.opted_out_channels or {})
        if opt_out_type == "STOP" and Channel.sms not in opted:
            await opted_out_at_provider(session, message)
        elif opt_out_type == "START" and Channel.sms in opted:
            opted.pop(Channel.sms)
            customer.opted_out_channels = opted
            await record(
                session,
                SYSTEM,
                "customer.opt_in",
                dealership_id=customer.dealership_id,
                resource_type="customer",
                resource_id=customer.id,
                after={"channel": Channel.sms, "by": "sms provider"},
            )


async def delivery_status(session: AsyncSession, dealership_id: int, form: dict[str, str]) -> str:
    """Record a status callback on the message Twilio names (``MessageSid``); what happened, for the log."""
    state = STATES.get((form.get("MessageStatus") or "").lower())
    if state is None:
        return "ignored"
    async with acting_for(session, dealership_id):
        message = await session.scalar(
            select(Message)
            .where(
                Message.external_message_id == form.get("MessageSid"),
                Message.channel == Channel.sms,
                Message.type == MessageType.outbound,
            )
            .with_for_update()
        )
        if message is None:
            return "unknown message"
        current = DeliveryStatus(message.delivery_status or DeliveryStatus.queued)
        if RANK.get(current, 0) > RANK[state] or (current == state and state != DeliveryStatus.sent):
            return "stale"
        code = form.get("ErrorCode") or None
        provider: dict[str, Any] = {"provider_status": form.get("MessageStatus")}
        if code:
            provider["provider_error_code"] = int(code) if code.isdigit() else code
        message.entities = {**(message.entities or {}), **provider}
        message.delivery_status = state
        if state == DeliveryStatus.delivered:
            message.delivered_at, message.delivery_error = datetime.now(UTC), None
        elif state in (DeliveryStatus.undelivered, DeliveryStatus.failed):
            message.delivery_error = f"{form.get('MessageStatus')}: Twilio error {code or 'unknown'}"
            if code == str(TWILIO_UNSUBSCRIBED):
                await opted_out_at_provider(session, message)
        await session.flush()
        return str(state)
