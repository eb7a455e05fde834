"""Lead intake: every channel (ADF, JSON API, chat widget) ends here, in one transaction.

``intake()`` finds or creates the customer (deduplicated by e-mail, then phone), the lead source, the lead
(with its number and dedupe key), its vehicle interests (linked to inventory by VIN or stock number), the
``lead_created`` activity, a conversation for the AI agent, and the audit row. A repeat of the same enquiry
returns the existing lead and logs ``duplicate_received`` instead. Concurrent submissions of one lead are
serialised by a transaction-level advisory lock on its key, so exactly one lead results.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record
from showroom.errors import ValidationFailed
from showroom.experiments.assignment import first_reply_at
from showroom.leads.consent import record as consent_record
from showroom.leads.consent import sms_consented
from showroom.leads.contact_rules import has_contact_text, tidy, usable
from showroom.leads.contacts import normalize_email, normalize_phone, provider_key
from showroom.leads.identity import contact_locks, find_or_create_customer
from showroom.leads.intake_model import (
    IntakeContact,
    IntakeLead,
    IntakeResult,
    IntakeVehicle,
    lead_key,
    primary_wanted,
)
from showroom.leads.queries import lead_by_key, lead_slots, lock
from showroom.leads.schemas import LeadIntakeIn
from showroom.leads.service import add_activity, check_assignee, fit, get_customer, intake_rules
from showroom.models import Conversation, Customer, Handover, Lead, Message, VehicleInterest
from showroom.models.inventory import YEAR_MAX, YEAR_MIN
from showroom.models.leads import WANTED_INTERESTS
from showroom.ops import metrics
from showroom.queue import CUSTOMER_WAITING, defer
from showroom.vocabulary import (
    Channel,
    DeliveryStatus,
    HandoverReason,
    InterestCondition,
    MessageType,
    Priority,
    Sender,
    values,
)

IDEMPOTENCY_WINDOW = timedelta(hours=24)


def earlier_lead(idempotency_key: str, now: datetime) -> Select[tuple[Lead]]:
    """The lead taken in with this Idempotency-Key within the window (RLS: of the session's dealership). Plain ``=``
    on a column is leakproof, so the condition reaches ``ix_leads_dealership_id_idempotency_key`` under RLS."""
    return select(Lead).where(Lead.idempotency_key == idempotency_key, Lead.created_at > now - IDEMPOTENCY_WINDOW)


async def intake(session: AsyncSession, dealership_id: int, data: IntakeLead, actor: Actor) -> IntakeResult:
    rules = await intake_rules(session, dealership_id)
    contact, doubts = tidy(data.customer, rules.region)
    if data.contact_confirmed:
        doubts = {}
    email = normalize_email(contact.email)
    phone = contact.phone_e164 or normalize_phone(contact.phone, rules.region)
    if not has_contact_text(contact) and not data.anonymous_ok:
        raise ValidationFailed("the lead has no customer contact: no e-mail or phone at all", field="customer")
    if data.assigned_user_id is not None:
        await check_assignee(session, data.assigned_user_id)  # through RLS: another tenant's user is a 404
    # A contact kept only as given (no normalised form) still tells two leads apart.
    key = lead_key(data, email or _as_given(contact.email), phone or _as_given(contact.phone))
    round_robin = rules.round_robin and data.assigned_user_id is None
    source_name = _source_name(data)
    source_key = provider_key(source_name) or source_name.lower()  # one source per provider (docs/identity.md)
    # All at once: the lead's key, its idempotency key, the contact that finds its customer, and the dealership's
    # lead numbers and round robin (read by queries.lead_slots; held to commit, like every xact lock).
    await lock(
        session,
        dealership_id,
        key,
        data.idempotency_key and "idem:" + data.idempotency_key,
        *contact_locks(email, phone),
        f"lead-number:{data.received_at.year % 100:02d}",
        f"source:{source_key}",
        "round-robin" if round_robin else None,
    )
    if data.idempotency_key:
        earlier = await session.scalar(earlier_lead(data.idempotency_key, datetime.now(UTC)))
        if earlier is not None:
            customer = await session.get(Customer, earlier.customer_id)
            assert customer is not None
            return IntakeResult(earlier, True, customer, notes=["same Idempotency-Key within 24 h"])
    existing = await lead_by_key(session, key)  # a plain read: most leads are new, and only a repeat loads it
    if existing is not None:
        lead = await session.get(Lead, existing)
        assert lead is not None  # just read, and its lock is held
        return await _duplicate(session, lead, data, actor)

    # The reads, then the new rows: the unit of work inserts them at the flush below, in foreign-key order.
    with session.no_autoflush:
        customer, notes = await find_or_create_customer(
            session, dealership_id, contact, email, phone, data.received_at, actor, doubts
        )
        slots = await lead_slots(
            session,
            dealership_id,
            source_name=source_name,
            source_key=source_key,
            source_type=data.source_type,
            when=data.received_at,
            round_robin=round_robin,
            vins=[v.vin for v in data.vehicles if v.vin],
            stocks=[v.stock_number for v in data.vehicles if v.stock_number],
            team=rules.lead_team,
        )
    lead = Lead(
        id=uuid.uuid4(),
        dealership_id=dealership_id,
        customer_id=customer.id,
        source_id=slots.source_id,
        source=data.source_type,
        lead_number=slots.lead_number,
        source_key=key,
        external_id=fit(Lead, "external_id", data.external_id),
        request_type=fit(Lead, "request_type", data.request_type),
        request_category=fit(Lead, "request_category", data.request_category),
        description=data.message,
        timeframe=fit(Lead, "timeframe", data.timeframe),
        medium=fit(Lead, "medium", data.medium),
        campaign=fit(Lead, "campaign", data.campaign),
        keyword=fit(Lead, "keyword", data.keyword),
        referrer=fit(Lead, "referrer", data.referrer),
        landing_page=fit(Lead, "landing_page", data.landing_page),
        custom_fields=data.custom_fields,
        first_contact_date=data.received_at,
        last_contact_date=data.received_at,
        original_payload=data.original,
        idempotency_key=data.idempotency_key,
        assigned_user_id=data.assigned_user_id or slots.assignee,
    )
    session.add(lead)
    metrics.LEADS.labels(data.source_type).inc()  # ops: leads ingested by channel
    linked = _vehicle_interests(session, lead, data.vehicles, slots.ours)
    wanted = primary_wanted(data.vehicles)
    what = f" about {wanted.label()}" if wanted and wanted.label() else ""
    await add_activity(session, lead, "lead_created", f"Lead {lead.lead_number} from {source_name}{what}", actor)
    for note in notes:
        await add_activity(session, lead, "possible_duplicate", note, actor)
    conversation = None
    no_channel = None
    if data.open_conversation:
        channel, no_channel = reply_channel(customer, data.conversation_channel)
        conversation = _conversation(session, lead, channel, f"{source_name}{what}")
        if data.first_reply and data.message and data.message.strip():
            _enquiry(session, conversation, data)
        if no_channel is not None and data.first_reply:
            await _to_staff(session, lead, conversation, no_channel, actor)
    await record(
        session,
        actor,
        "lead.create",
        dealership_id=dealership_id,
        resource_type="lead",
        resource_id=lead.id,
        after={
            "lead_number": lead.lead_number,
            "source": data.source_type,
            "source_key": key,
            "customer_id": str(customer.id),
            "vehicles_linked": linked,
        },
    )
    await session.flush()  # the customer if new, the lead, its interests, conversation, activities, audit rows
    if conversation is not None and data.first_reply and no_channel is None:
        # The AI's first answer, sent by the worker once this transaction commits.
        await defer(
            session,
            "conversation.first_reply",
            queue="agent",
            priority=CUSTOMER_WAITING,
            at=await first_reply_at(session, dealership_id, conversation.id),  # an experiment's timing, if any
            conversation_id=str(conversation.id),
            dealership_id=dealership_id,
        )
    return IntakeResult(lead, False, customer, conversation, notes, slots.source_name)


_DEFAULT_SOURCE_NAMES = {
    "adf_email": "ADF Email",
    "website_form": "Website Form",
    "website_chat": "Website Chat",
    "phone_call": "Phone Inquiry",
}


def _source_name(data: IntakeLead) -> str:
    """The lead source a lead is counted under: its provider (Cars.com, AutoTrader...), else its channel's."""
    fallback = _DEFAULT_SOURCE_NAMES.get(data.source_type) or data.source_type.replace("_", " ").title()
    return (data.provider or fallback)[:100]


def _as_given(value: str | None) -> str | None:
    return " ".join((value or "").lower().split())[:255] or None


def reply_channel(customer: Customer, asked: str | None) -> tuple[str, str | None]:
    """The channel the agent answers a new lead on, and why nobody automated may answer (None: it may).

    The channel asked for (the widget, an SMS or e-mail thread) when given; else e-mail when the customer has an
    unflagged address; else SMS when they have an unflagged mobile number and consented to automated texts
    (docs/identity.md); else the lead goes to staff with the reason."""
    if asked:
        return asked, None
    flags = customer.contact_flags or {}
    if usable(flags, "email", customer.email_normalized):
        return Channel.email, None
    if usable(flags, "phone", customer.phone_e164) and sms_consented(customer):
        return Channel.sms, None
    reasons = []
    for key, label, value in (("email", "e-mail", customer.email), ("phone", "phone", customer.phone)):
        if key in flags:
            reasons.append(f"the {label} {flags[key].get('value') or value!r} is unverified: {flags[key]['reason']}")
        elif not value:
            reasons.append(f"no {label}")
    if customer.phone_e164 and "phone" not in flags and not sms_consented(customer):
        reasons.append("no consent to automated texts")
    channel = Channel.email if customer.email else Channel.sms if customer.phone else Channel.chat
    return channel, "; ".join(reasons) or "no contact the agent may use"


async def _to_staff(session: AsyncSession, lead: Lead, conversation: Conversation, reason: str, actor: Actor) -> None:
    """No automated answer is possible: the lead waits for a person in the handover queue, with the reason."""
    conversation.ai_paused = True
    session.add(
        Handover(
            id=uuid.uuid4(),
            dealership_id=lead.dealership_id,
            conversation_id=conversation.id,
            lead_id=lead.id,
            reason=HandoverReason.other,
            description=f"No automated reply: {reason}. Confirm the contact or reach the customer yourself.",
            urgency=Priority.medium,
        )
    )
    await add_activity(session, lead, "handover_requested", f"Handed to staff: {reason}", actor)


def _conversation(session: AsyncSession, lead: Lead, channel: str, subject: str) -> Conversation:
    """A new conversation on ``lead`` (added to the session), on ``channel``."""
    conversation = Conversation(
        id=uuid.uuid4(),
        dealership_id=lead.dealership_id,
        lead_id=lead.id,
        customer_id=lead.customer_id,
        channel=channel,
        subject=subject[:255],
        assigned_user_id=lead.assigned_user_id,
    )
    session.add(conversation)
    return conversation


def _enquiry(session: AsyncSession, conversation: Conversation, data: IntakeLead) -> None:
    """The lead's own words (ADF comments, the JSON ``message``) as the first customer message of its new
    conversation, which the first reply answers (channels that post the customer's message themselves, the
    widget and the SMS/e-mail webhooks, take no first reply)."""
    assert data.message is not None
    session.add(
        Message(
            id=uuid.uuid4(),
            dealership_id=conversation.dealership_id,
            conversation_id=conversation.id,
            type=MessageType.inbound,
            sender=Sender.customer,
            channel=conversation.channel,
            content=data.message.strip()[:20_000],
            delivery_status=DeliveryStatus.received,
            created_at=data.received_at,
        )
    )
    conversation.message_count = 1  # a new conversation: nobody else counts on it yet
    conversation.last_message_at = conversation.last_customer_message_at = data.received_at


async def record_resend(session: AsyncSession, lead: Lead, data: IntakeLead, actor: Actor) -> IntakeResult:
    """A provider's ``status="resend"`` of ``lead``: recorded on it as an activity, nothing new is created."""
    await lock(session, lead.dealership_id, lead.source_key)
    return await _duplicate(session, lead, data, actor)


async def _duplicate(session: AsyncSession, lead: Lead, data: IntakeLead, actor: Actor) -> IntakeResult:
    resend = " (resend)" if data.original.get("status") == "resend" else ""
    await add_activity(
        session,
        lead,
        "duplicate_received",
        f"The same enquiry arrived again from {data.provider or data.source_type}{resend}",
        actor,
        external_id=data.external_id,
    )
    lead.last_contact_date = data.received_at
    await record(
        session,
        actor,
        "lead.duplicate_received",
        dealership_id=lead.dealership_id,
        resource_type="lead",
        resource_id=lead.id,
        details={"source": data.source_type, "provider": data.provider},
    )
    customer = await session.get(Customer, lead.customer_id)
    assert customer is not None
    conversation = None
    if data.converse_on_duplicate and data.open_conversation:
        subject = f"{data.provider or data.source_type} enquiry"
        conversation = _conversation(session, lead, reply_channel(customer, data.conversation_channel)[0], subject)
        await session.flush()
    return IntakeResult(lead, True, customer, conversation)


def _vehicle_interests(session: AsyncSession, lead: Lead, vehicles: list[IntakeVehicle], ours: dict[str, int]) -> int:
    """One row per vehicle named; wanted ones are linked to our unit (``ours``) when the VIN or stock number
    matches. How many were linked."""
    primary_done = False
    linked = 0
    for v in vehicles:
        wanted = v.interest in WANTED_INTERESTS
        vehicle_id = None
        if wanted:
            vehicle_id = ours.get(f"vin:{v.vin}") or ours.get(f"stock:{v.stock_number}")
        linked += vehicle_id is not None
        is_primary = wanted and not primary_done
        primary_done = primary_done or is_primary
        session.add(
            VehicleInterest(
                dealership_id=lead.dealership_id,
                lead_id=lead.id,
                vehicle_id=vehicle_id,
                interest=v.interest,
                is_primary=is_primary,
                year=v.year if v.year and YEAR_MIN <= v.year <= YEAR_MAX else None,
                make=fit(VehicleInterest, "make", v.make),
                model=fit(VehicleInterest, "model", v.model),
                trim=fit(VehicleInterest, "trim", v.trim),
                body_style=fit(VehicleInterest, "body_style", v.body_style),
                vin=v.vin if v.vin and len(v.vin) == 17 else None,
                stock_number=fit(VehicleInterest, "stock_number", v.stock_number),
                condition=v.condition if v.condition in values(InterestCondition) else None,
                condition_rating=v.condition_rating,
                exterior_color=fit(VehicleInterest, "exterior_color", v.exterior_color),
                interior_color=fit(VehicleInterest, "interior_color", v.interior_color),
                price=v.price,
                min_price=v.min_price,
                max_price=v.max_price,
                mileage=v.mileage if v.interest in ("trade-in", "sell") else None,
                mileage_max=v.mileage if wanted else None,
                fuel_type=fit(VehicleInterest, "fuel_type", v.fuel_type),
                transmission=fit(VehicleInterest, "transmission", v.transmission),
                features=v.features,
            )
        )
    return linked


async def take_lead(
    session: AsyncSession, dealership_id: int, data: LeadIntakeIn, actor: Actor, idempotency_key: str | None = None
) -> IntakeResult:
    """A JSON lead (API or staff) through the one intake path."""
    if data.customer_id is not None:
        known = await get_customer(session, data.customer_id)  # through RLS: another tenant's id is a 404
        contact = IntakeContact(
            first_name=known.first_name,
            last_name=known.last_name,
            full_name=known.full_name,
            email=known.email,
            phone=known.phone,
        )
    else:
        assert data.customer is not None
        c = data.customer
        contact = IntakeContact(
            first_name=c.first_name,
            last_name=c.last_name,
            full_name=c.name,
            email=c.email,
            phone=c.phone,
            alternate_phone=c.alternate_phone,
            address=c.address,
            city=c.city,
            state=c.state,
            zip_code=c.zip_code,
            country=c.country,
            preferred_contact=c.preferred_contact,
            sms_consent=consent_record(
                "json lead", c.sms_consent.wording, granted=c.sms_consent.granted, at=c.sms_consent.at
            )
            if c.sms_consent
            else None,
        )
    vehicles = [IntakeVehicle(**v.model_dump(mode="json")) for v in data.vehicles]
    if data.trade_in is not None:
        vehicles.append(IntakeVehicle(interest="trade-in", **data.trade_in.model_dump(mode="json")))
    a = data.attribution
    lead = IntakeLead(
        source_type=a.source,
        customer=contact,
        provider=a.provider,
        issuer=data.external_source or a.source,
        external_id=data.external_id,
        vehicles=vehicles,
        message=data.message,
        timeframe=data.timeframe,
        request_type=data.request_type,
        medium=a.medium,
        campaign=a.campaign,
        keyword=a.keyword,
        referrer=a.referrer,
        landing_page=a.landing_page,
        custom_fields=data.custom_fields,
        idempotency_key=idempotency_key,
        assigned_user_id=data.assigned_user_id,
        original={"format": "json", "raw": data.model_dump(mode="json")},
        contact_confirmed=data.customer_id is not None,
    )
    return await intake(session, dealership_id, lead, actor)
