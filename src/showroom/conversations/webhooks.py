"""Provider-neutral SMS and e-mail reply webhooks (docs/webhooks.md): a customer's message arrives, finds its
dealership, customer and conversation (or becomes a new lead), and is answered by the pipeline.
Idempotent on the provider's message id."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from contextlib import suppress
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Annotated, Any

from fastapi import Request, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor
from showroom.conversations.reply_address import replied_conversation
from showroom.conversations.turn import receive
from showroom.db.tenancy import acting_for
from showroom.errors import NotFound, ServiceUnavailable, Unauthorized, ValidationFailed
from showroom.leads.adf_intake import dealership_for_address
from showroom.leads.consent import record as consent_record
from showroom.leads.contacts import normalize_email, normalize_phone
from showroom.leads.identity import grant_sms_consent
from showroom.leads.inbound import raw_bytes
from showroom.leads.intake import intake
from showroom.leads.intake_model import IntakeContact, IntakeLead
from showroom.leads.service import region
from showroom.models import Conversation, Customer, Message
from showroom.services import Services
from showroom.vocabulary import Channel, ConversationStatus, LeadSourceType

Body = Annotated[str, StringConstraints(max_length=20_000)]


class SmsIn(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    sender: Annotated[str, StringConstraints(min_length=3, max_length=50)] = Field(alias="from")
    to: Annotated[str, StringConstraints(min_length=3, max_length=50)]
    body: Body
    message_id: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class EmailIn(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    sender: Annotated[str, StringConstraints(min_length=3, max_length=320)] = Field(alias="from")
    to: Annotated[str, StringConstraints(min_length=3, max_length=2000)]
    subject: Annotated[str, StringConstraints(max_length=998)] | None = None
    text: Body | None = None
    message_id: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    in_reply_to: Annotated[str, StringConstraints(max_length=500)] | None = None
    raw: Annotated[str, StringConstraints(max_length=1_000_000)] | None = Field(
        default=None,
        description="The whole RFC 822 message (base64 or plain), if the provider gives it: a bounce (a delivery "
        "status notification) is read from it",
    )

    def mime(self) -> EmailMessage:
        """The message as the e-mail library reads it: ``raw`` if posted, else rebuilt from the fields."""
        if self.raw:
            parsed = message_from_bytes(raw_bytes(self.raw), policy=policy.default)
            if isinstance(parsed, EmailMessage):
                return parsed
        message = EmailMessage()
        for name, value in (("From", self.sender), ("To", self.to), ("Subject", self.subject or "")):
            with suppress(ValueError, TypeError):  # a header the library refuses: the bounce checks go without it
                message[name] = value
        message.set_content(self.text or "")
        return message


SIGNATURE_HEADER = "X-Showroom-Signature"
SIGNATURE_TOLERANCE = 300  # seconds a signed request stays valid (replays later are refused)
log = logging.getLogger(__name__)


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The ``X-Showroom-Signature`` value of ``body`` sent at ``timestamp`` (Unix seconds): ``t=<ts>,v1=<hex>``,
    where hex is HMAC-SHA256 of ``<ts>.<body>`` keyed with the shared secret."""
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def _signature_ok(secret: str, header: str, body: bytes) -> bool:
    parts = dict(p.strip().partition("=")[::2] for p in header.split(","))
    stamp, given = parts.get("t", ""), parts.get("v1", "")
    if not stamp.isdigit() or abs(time.time() - int(stamp)) > SIGNATURE_TOLERANCE:
        return False
    expected = sign(secret, body, int(stamp)).rpartition("v1=")[2]
    return hmac.compare_digest(expected.encode(), given.encode())


async def check_secret(request: Request, response: Response | None = None) -> None:
    """A provider's webhook proves it knows the shared secret: an HMAC-SHA256 signature of the body
    (``X-Showroom-Signature``, preferred: the secret never travels), or ``Authorization: Bearer <secret>``. The
    secret as ``?token=`` still works but is deprecated (it ends up in access logs): such answers carry
    ``Deprecation: true`` and a warning is logged (without the secret)."""
    secret = request.app.state.settings.webhook_secret
    if secret is None:
        raise ServiceUnavailable("webhooks are not configured: set SHOWROOM_WEBHOOK_SECRET")
    key = secret.get_secret_value()
    signature = request.headers.get(SIGNATURE_HEADER)
    if signature is not None:
        if not _signature_ok(key, signature, await request.body()):
            raise Unauthorized(
                f"the {SIGNATURE_HEADER} signature does not match the body, or is over {SIGNATURE_TOLERANCE} s old",
                field=SIGNATURE_HEADER,
            )
        return
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        sent = header[7:].strip()
    else:
        sent = request.query_params.get("token", "")
        if sent:
            log.warning("webhook %s authenticated with ?token= (deprecated): sign the body instead", request.url.path)
            if response is not None:
                response.headers["Deprecation"] = "true"
    if not hmac.compare_digest(sent.encode(), key.encode()):
        raise Unauthorized("wrong or missing webhook secret", field="Authorization")


def _reply_text(text: str) -> str:
    """The new part of an e-mail reply: above the quoted history."""
    kept = []
    for line in text.splitlines():
        if line.startswith(">") or (line.startswith("On ") and line.rstrip().endswith("wrote:")):
            break
        kept.append(line)
    return "\n".join(kept).strip() or text.strip()


async def _conversation(session: AsyncSession, customer_id: Any, channel: Channel) -> Conversation | None:
    found: Conversation | None = await session.scalar(
        select(Conversation)
        .where(
            Conversation.customer_id == customer_id,
            Conversation.channel == channel,
            Conversation.status != ConversationStatus.archived,
        )
        .order_by(Conversation.last_message_at.desc().nulls_last())
        .limit(1)
    )
    return found


async def _new_lead(
    session: AsyncSession,
    dealership_id: int,
    contact: IntakeContact,
    channel: Channel,
    text_: str,
    provider: str,
    actor: Actor,
) -> Conversation:
    result = await intake(
        session,
        dealership_id,
        IntakeLead(
            source_type=LeadSourceType.phone_call if channel == Channel.sms else LeadSourceType.api,
            customer=contact,
            provider=provider,
            message=text_[:2000],
            first_reply=False,
            conversation_channel=channel,
            converse_on_duplicate=True,
            original={"format": channel},
        ),
        actor,
    )
    assert result.conversation is not None  # a new lead's, or a new one on today's same enquiry
    return result.conversation


async def sms(session: AsyncSession, services: Services, data: SmsIn, actor: Actor) -> tuple[Message, bool]:
    dealership_id = await session.scalar(
        text("select resolve_dealership_by_sms(:n)"), {"n": normalize_phone(data.to) or data.to}
    )
    if dealership_id is None:
        raise NotFound(f"no dealership texts from {data.to}; set it as a dealership's sms_number", field="to")
    async with acting_for(session, int(dealership_id)):
        phone = normalize_phone(data.sender, await region(session, int(dealership_id)))
        if phone is None:
            raise ValidationFailed(f"{data.sender!r} is not a phone number", field="from")
        customer = await session.scalar(select(Customer).where(Customer.phone_e164 == phone))
        # The customer texted us first: consent to automated texts on this number (docs/identity.md).
        texted = consent_record("customer texted first", data.body)
        if customer is not None:
            await grant_sms_consent(session, customer, texted, actor)
        conversation = await _conversation(session, customer.id, Channel.sms) if customer else None
        if conversation is None:
            contact = IntakeContact(phone=data.sender, sms_consent=texted)
            conversation = await _new_lead(session, int(dealership_id), contact, Channel.sms, data.body, "SMS", actor)
        message, created, _ = await receive(
            session,
            services,
            conversation,
            data.body,
            actor,
            external_message_id=data.message_id,
            idempotency_key=f"sms:{data.message_id}",
        )
    return message, created


async def _replied_to(session: AsyncSession, message_id: str) -> Conversation | None:
    """The conversation of the message an e-mail answers (In-Reply-To), unless it is archived (then the reply
    goes where any other e-mail of the customer would: ``_conversation``, or a new lead)."""
    found: Conversation | None = await session.scalar(
        select(Conversation)
        .join(Message, Message.conversation_id == Conversation.id)
        .where(Message.external_message_id == message_id, Conversation.status != ConversationStatus.archived)
        .limit(1)
    )
    return found


async def _addressed(session: AsyncSession, conversation_id: Any) -> Conversation | None:
    """The conversation a reply address names, unless it is archived (then as any other e-mail of the customer)."""
    found = await session.get(Conversation, conversation_id)
    return found if found is not None and found.status != ConversationStatus.archived else None


async def email(
    session: AsyncSession, services: Services, data: EmailIn, actor: Actor, *, dealership_id: int | None = None
) -> tuple[Message, bool]:
    """A customer's e-mail: into the conversation our Reply-To names, else the one In-Reply-To names, else the
    customer's latest e-mail conversation, else a new lead. ``dealership_id``: the dealership is known (its own
    IMAP mailbox), whatever the recipient address; a reply address of another dealership is then ignored."""
    body = _reply_text(data.text or "")
    if not body:
        raise ValidationFailed("the e-mail has no text", field="text")
    address = normalize_email(data.sender.split("<")[-1].rstrip(">"))
    if address is None:
        raise ValidationFailed(f"{data.sender!r} is not an e-mail address", field="from")
    routed = replied_conversation(services.settings, data.to)  # our Reply-To: the conversation it answers
    if routed is not None and dealership_id is not None and routed[0] != dealership_id:
        routed = None
    if dealership_id is None:
        dealership_id = routed[0] if routed else await dealership_for_address(session, data.to)
    if dealership_id is None:
        raise NotFound(
            "no dealership matches the recipient address (use <subdomain>@ or leads+<subdomain>@)", field="to"
        )
    async with acting_for(session, dealership_id):
        conversation = await _addressed(session, routed[1]) if routed else None
        if conversation is None and data.in_reply_to:
            conversation = await _replied_to(session, data.in_reply_to.strip())
        if conversation is None:
            customer = await session.scalar(select(Customer).where(Customer.email_normalized == address))
            conversation = await _conversation(session, customer.id, Channel.email) if customer else None
        if conversation is None:
            conversation = await _new_lead(
                session, dealership_id, IntakeContact(email=address), Channel.email, body, "E-mail", actor
            )
        message, created, _ = await receive(
            session,
            services,
            conversation,
            body,
            actor,
            subject=data.subject,
            external_message_id=data.message_id[:255],
            idempotency_key=f"email:{data.message_id}"[:255],
        )
    return message, created
