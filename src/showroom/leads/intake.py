"""Lead intake: every channel (ADF, JSON API, chat widget) ends here, in one transaction.

``intake()`` finds or creates the customer (deduplicated by e-mail, then phone), the lead source, the lead
(with its number and dedupe key), its vehicle interests (linked to inventory by VIN or stock number), the
``lead_created`` activity, a conversation for the AI agent, and the audit row. A repeat of the same enquiry
returns the existing lead and logs ``duplicate_received`` instead. Concurrent submissions of one lead are
serialised by a transaction-level advisory lock on its key, so exactly one lead results.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from showroom import jobs
from showroom.audit.service import Actor, changes, record, snapshot
from showroom.db.engine import fetch_all, fetch_one
from showroom.errors import ValidationFailed
from showroom.leads.contacts import full_name, normalize_email, normalize_phone, split_name
from showroom.leads.schemas import LeadIntakeIn
from showroom.leads.service import (
    add_activity,
    check_assignee,
    fit,
    get_customer,
    intake_rules,
    source_key,
)
from showroom.models import (
    Conversation,
    Customer,
    CustomerInsight,
    CustomerInteraction,
    CustomerProfile,
    FollowUp,
    Lead,
    VehicleInterest,
)
from showroom.models.inventory import YEAR_MAX, YEAR_MIN
from showroom.models.leads import WANTED_INTERESTS
from showroom.vocabulary import Channel, InterestCondition, values

_LOCK_NAMESPACE = "showroom-intake:"
IDEMPOTENCY_WINDOW = timedelta(hours=24)


@dataclass
class IntakeContact:
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    email: str | None = None
    phone: str | None = None  # as received
    phone_e164: str | None = None  # already normalised by the sender's parser (ADF: with the contact's country)
    alternate_phone: str | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    country: str | None = None
    preferred_contact: str | None = None


@dataclass
class IntakeVehicle:
    interest: str = "buy"
    condition: str | None = None
    year: int | None = None
    make: str | None = None
    model: str | None = None
    trim: str | None = None
    body_style: str | None = None
    vin: str | None = None
    stock_number: str | None = None
    exterior_color: str | None = None
    interior_color: str | None = None
    mileage: int | None = None
    price: int | None = None  # cents: a quote, or a trade-in's appraisal / asking price
    min_price: int | None = None
    max_price: int | None = None
    fuel_type: str | None = None
    transmission: str | None = None
    condition_rating: str | None = None
    features: list[str] = field(default_factory=list)

    def label(self) -> str:
        return " ".join(str(p) for p in (self.year, self.make, self.model, self.trim) if p)


@dataclass
class IntakeLead:
    source_type: str  # lead_sources.type / leads.source: adf_email, website_form, website_chat, api...
    customer: IntakeContact
    provider: str | None = None  # the lead source's name (Cars.com, AutoTrader, Website...)
    issuer: str | None = None  # whose id external_id is (ADF <id source>, JSON external_source)
    external_id: str | None = None
    vehicles: list[IntakeVehicle] = field(default_factory=list)
    message: str | None = None
    timeframe: str | None = None
    request_type: str | None = None
    request_category: str | None = None
    medium: str | None = None
    campaign: str | None = None
    keyword: str | None = None
    referrer: str | None = None
    landing_page: str | None = None
    custom_fields: dict[str, Any] = field(default_factory=dict)
    original: dict[str, Any] = field(default_factory=dict)  # {format, raw, extras}: for reprocessing
    idempotency_key: str | None = None
    open_conversation: bool = True  # False for contacts that are not sales leads (no AI cadence)
    first_reply: bool = True  # enqueue the AI's first answer (the chat widget answers in the request instead)
    anonymous_ok: bool = False  # a chat visitor may start without any contact details (the key is the visit)
    conversation_channel: str | None = None  # default: email if we have one, else sms, else chat
    # A message channel (SMS, e-mail): the customer is writing now, so even the same enquiry as earlier today (a
    # reply to a conversation staff archived) gets a new conversation on that lead.
    converse_on_duplicate: bool = False
    assigned_user_id: int | None = None  # default: round robin when the dealership assigns that way
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass
class IntakeResult:
    lead: Lead
    duplicate: bool
    customer: Customer
    conversation: Conversation | None = None
    notes: list[str] = field(default_factory=list)


async def _lock(session: AsyncSession, dealership_id: int, *keys: str | None) -> None:
    """Transaction-level advisory locks on the keys given (None: skipped), in one round trip and in sorted order,
    so two transactions that want some of the same keys cannot deadlock."""
    names = sorted({_LOCK_NAMESPACE + key for key in keys if key})
    if names:
        await fetch_one(
            session,
            "select pg_advisory_xact_lock(%(d)s, hashtext(k)) from unnest(%(ks)s::text[]) as k",
            {"d": dealership_id, "ks": names},
        )


def primary_wanted(vehicles: list[IntakeVehicle]) -> IntakeVehicle | None:
    return next((v for v in vehicles if v.interest in WANTED_INTERESTS), None)


def lead_key(data: IntakeLead, email: str | None, phone: str | None) -> str:
    wanted = primary_wanted(data.vehicles)
    vehicle = (wanted.vin or wanted.label()) if wanted else None
    return source_key(
        issuer=data.issuer,
        external_id=data.external_id,
        email=email,
        phone=phone,
        vehicle=vehicle,
        day=data.received_at.astimezone(UTC).date().isoformat(),
        source=data.source_type,
    )


def earlier_lead(idempotency_key: str, now: datetime) -> Select[tuple[Lead]]:
    """The lead taken in with this Idempotency-Key within the window (RLS: of the session's dealership). Plain ``=``
    on a column is leakproof, so the condition reaches ``ix_leads_dealership_id_idempotency_key`` under RLS."""
    return select(Lead).where(Lead.idempotency_key == idempotency_key, Lead.created_at > now - IDEMPOTENCY_WINDOW)


async def intake(session: AsyncSession, dealership_id: int, data: IntakeLead, actor: Actor) -> IntakeResult:
    rules = await intake_rules(session, dealership_id)
    email = normalize_email(data.customer.email)
    phone = data.customer.phone_e164 or normalize_phone(data.customer.phone, rules.region)
    if email is None and phone is None and not data.anonymous_ok:
        raise ValidationFailed(
            "the lead has no usable customer contact: need a valid e-mail or phone number", field="customer"
        )
    if data.assigned_user_id is not None:
        await check_assignee(session, data.assigned_user_id)  # through RLS: another tenant's user is a 404
    key = lead_key(data, email, phone)
    round_robin = rules.round_robin and data.assigned_user_id is None
    # All at once: the lead's key, its idempotency key, the contact that finds its customer, and the dealership's
    # lead numbers and round robin (read by _number_and_assignee; held to commit, like every xact lock).
    await _lock(
        session,
        dealership_id,
        key,
        data.idempotency_key and "idem:" + data.idempotency_key,
        *contact_locks(email, phone),
        f"lead-number:{data.received_at.year % 100:02d}",
        "round-robin" if round_robin else None,
    )
    if data.idempotency_key:
        earlier = await session.scalar(earlier_lead(data.idempotency_key, datetime.now(UTC)))
        if earlier is not None:
            customer = await session.get(Customer, earlier.customer_id)
            assert customer is not None
            return IntakeResult(earlier, True, customer, notes=["same Idempotency-Key within 24 h"])
    existing = await session.scalar(select(Lead).where(Lead.source_key == key))
    if existing is not None:
        return await _duplicate(session, existing, data, actor)

    # The reads, then the new rows: the unit of work inserts them at the flush below, in foreign-key order.
    with session.no_autoflush:
        customer, notes = await find_or_create_customer(
            session, dealership_id, data.customer, email, phone, data.received_at, actor
        )
        source_id, source_name = await _count_lead_source(session, dealership_id, data)
        lead_number, assignee = await _number_and_assignee(session, data.received_at, round_robin=round_robin)
        ours = await _our_vehicles(session, data.vehicles)
    lead = Lead(
        id=uuid.uuid4(),
        dealership_id=dealership_id,
        customer_id=customer.id,
        source_id=source_id,
        source=data.source_type,
        lead_number=lead_number,
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
        assigned_user_id=data.assigned_user_id or assignee,
    )
    session.add(lead)
    linked = _vehicle_interests(session, lead, data.vehicles, ours)
    wanted = primary_wanted(data.vehicles)
    what = f" about {wanted.label()}" if wanted and wanted.label() else ""
    await add_activity(session, lead, "lead_created", f"Lead {lead.lead_number} from {source_name}{what}", actor)
    for note in notes:
        await add_activity(session, lead, "possible_duplicate", note, actor)
    conversation = None
    if data.open_conversation:
        conversation = _conversation(session, lead, data, f"{source_name}{what}", email=email, phone=phone)
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
    if conversation is not None and data.first_reply:
        # The AI's first answer, sent by the worker once this transaction commits.
        await jobs.defer(
            session,
            "conversation.first_reply",
            queue="agent",
            conversation_id=str(conversation.id),
            dealership_id=dealership_id,
        )
    return IntakeResult(lead, False, customer, conversation, notes)


def _conversation(
    session: AsyncSession, lead: Lead, data: IntakeLead, subject: str, *, email: str | None, phone: str | None
) -> Conversation:
    """A new conversation on ``lead`` (added to the session), on the channel asked for, else the customer's."""
    conversation = Conversation(
        id=uuid.uuid4(),
        dealership_id=lead.dealership_id,
        lead_id=lead.id,
        customer_id=lead.customer_id,
        channel=data.conversation_channel or (Channel.email if email else Channel.sms if phone else Channel.chat),
        subject=subject[:255],
        assigned_user_id=lead.assigned_user_id,
    )
    session.add(conversation)
    return conversation


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
        conversation = _conversation(session, lead, data, subject, email=customer.email, phone=customer.phone_e164)
        await session.flush()
    return IntakeResult(lead, True, customer, conversation)


async def find_or_create_customer(
    session: AsyncSession,
    dealership_id: int,
    contact: IntakeContact,
    email: str | None,
    phone: str | None,
    when: datetime,
    actor: Actor,
) -> tuple[Customer, list[str]]:
    """DATA_MODEL.md dedupe rule: same normalised e-mail, else same E.164 phone, is the same customer. Names and
    contact details are merged into blanks, never overwritten with blanks (audited as ``customer.update`` when
    something was filled in), and the lead being taken in is counted (in SQL). A new customer is added to the
    session (its id is known: the lead refers to it). Returns notes for staff. The caller holds the locks of
    :func:`contact_locks`."""
    by_email = by_phone = None
    if email or phone:
        matches = (
            await session.scalars(
                select(Customer).where(
                    or_(
                        *([Customer.email_normalized == email] if email else []),
                        *([Customer.phone_e164 == phone] if phone else []),
                    )
                )
            )
        ).all()
        by_email = next((c for c in matches if email and c.email_normalized == email), None)
        by_phone = next((c for c in matches if phone and c.phone_e164 == phone), None)
    notes = []
    customer = by_email or by_phone
    if by_email and by_phone and by_email.id != by_phone.id:
        notes.append(
            f"Possible duplicate customer: the phone {phone} belongs to customer {by_phone.id} "
            f"({by_phone.full_name}); merge them if they are the same person"
        )
        phone = None  # the e-mail match wins; the phone stays with the other customer
    if customer is not None:
        await fill_in(session, customer, contact, email, phone, actor, via="intake")
        customer.last_contact_date = when
        await count_leads(session, customer, +1)
        return customer, notes
    customer = Customer(
        id=uuid.uuid4(),
        dealership_id=dealership_id,
        full_name="Unknown",
        first_contact_date=when,
        last_contact_date=when,
        country=contact.country or "US",
        total_leads=1,
    )
    merge_contact(customer, contact, email, phone)
    session.add(customer)
    await record(
        session,
        actor,
        "customer.create",
        dealership_id=dealership_id,
        resource_type="customer",
        resource_id=customer.id,
        details={"via": "intake"},
    )
    return customer, notes


async def count_leads(session: AsyncSession, customer: Customer, change: int) -> None:
    """Count a lead more (or less) on ``customer``, in SQL (never below zero), without writing or losing its other
    pending changes: only ``total_leads`` is refreshed from the row."""
    total = await session.scalar(
        update(Customer)
        .where(Customer.id == customer.id)
        .values(total_leads=func.greatest(Customer.total_leads + change, 0))
        .returning(Customer.total_leads)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(customer, "total_leads", total)


def merge_contact(customer: Customer, contact: IntakeContact, email: str | None, phone: str | None) -> None:
    """Fill what the customer lacks; what we already know wins (a provider's blank never erases it). Values are
    cut to their columns: senders are not bound by our lengths. ``email``/``phone``: the normalised keys, None
    to leave the customer's alone."""
    first, last = contact.first_name, contact.last_name
    if not (first or last) and contact.full_name:
        first, last = split_name(contact.full_name)
    fill = {
        "first_name": first,
        "last_name": last,
        "city": contact.city,
        "state": contact.state,
        "zip_code": contact.zip_code,
        "address": contact.address,
        "preferred_contact": contact.preferred_contact,
        "alternate_phone": contact.alternate_phone,
    }
    for key, value in fill.items():
        if value and not getattr(customer, key):
            setattr(customer, key, fit(Customer, key, value))
    if email and not customer.email_normalized:
        customer.email = fit(Customer, "email", contact.email or email)
        customer.email_normalized = fit(Customer, "email_normalized", email)
    if phone and not customer.phone_e164:
        customer.phone, customer.phone_e164 = fit(Customer, "phone", contact.phone or phone), phone
    elif phone and customer.phone_e164 != phone and not customer.alternate_phone:
        customer.alternate_phone = fit(Customer, "alternate_phone", contact.phone or phone)
    if customer.full_name == "Unknown" or not customer.full_name:
        name = full_name(customer.first_name, customer.last_name, fallback=contact.full_name or "Unknown")
        customer.full_name = fit(Customer, "full_name", name) or "Unknown"


async def fill_in(
    session: AsyncSession,
    customer: Customer,
    contact: IntakeContact,
    email: str | None,
    phone: str | None,
    actor: Actor,
    *,
    via: str,
) -> None:
    """:func:`merge_contact` on a customer we know, audited as ``customer.update`` when something was filled in."""
    before = snapshot(customer)
    merge_contact(customer, contact, email, phone)
    old, new = changes(before, snapshot(customer))
    if new:
        await record(
            session,
            actor,
            "customer.update",
            dealership_id=customer.dealership_id,
            resource_type="customer",
            resource_id=customer.id,
            before=old,
            after=new,
            details={"via": via},
        )


def contact_locks(email: str | None, phone: str | None) -> list[str]:
    """What finding or creating a customer locks: two leads with the same contact must not both create one."""
    return [key for key in (email and f"email:{email}", phone and f"phone:{phone}") if key]


async def adopt_visitor(
    session: AsyncSession, conversation: Conversation, contact: IntakeContact, region: str, actor: Actor
) -> Customer:
    """A chat visitor says who they are. Their (anonymous) customer is filled in, or, when the e-mail or phone is
    a customer we already know, the visit joins that customer: the lead and its conversations, follow-ups and
    insights move over, and the anonymous customer, once it has no other lead, is merged away (its remaining
    insights, follow-ups and profile move first; nothing is lost to the cascade). Audited as ``customer.merge``,
    or ``customer.update`` when only blanks were filled."""
    email, phone = normalize_email(contact.email), normalize_phone(contact.phone, region)
    if contact.email and email is None:
        raise ValidationFailed("that e-mail address does not look right", field="email")
    if contact.phone and phone is None:
        raise ValidationFailed("that phone number does not look right", field="phone")
    dealership_id = conversation.dealership_id
    await _lock(session, dealership_id, *contact_locks(email, phone))
    current = await session.get(Customer, conversation.customer_id)
    assert current is not None
    known = None
    for column, value in ((Customer.email_normalized, email), (Customer.phone_e164, phone)):
        if value and known is None:
            known = await session.scalar(select(Customer).where(column == value, Customer.id != current.id))
    if known is None:
        await fill_in(session, current, contact, email, phone, actor, via="chat")
        await session.flush()
        return current

    before = snapshot(known)
    lead = await session.get(Lead, conversation.lead_id)
    assert lead is not None
    lead.customer_id = known.id
    conversation.customer_id = known.id
    await session.flush()
    await count_leads(session, known, +1)
    await count_leads(session, current, -1)
    visit = select(Conversation.id).where(Conversation.lead_id == lead.id).scalar_subquery()
    moved = {
        "conversations": await _repoint(session, Conversation, Conversation.lead_id == lead.id, known),
        "follow_ups": await _repoint(session, FollowUp, FollowUp.lead_id == lead.id, known),
        "insights": await _repoint(session, CustomerInsight, CustomerInsight.conversation_id.in_(visit), known),
    }
    others = await session.scalar(select(Lead.id).where(Lead.customer_id == current.id).limit(1))
    if others is None:  # nothing else is theirs: whatever still points at them moves, then they go
        moved["conversations"] += await _repoint(session, Conversation, Conversation.customer_id == current.id, known)
        moved["follow_ups"] += await _repoint(session, FollowUp, FollowUp.customer_id == current.id, known)
        moved["insights"] += await _repoint(session, CustomerInsight, CustomerInsight.customer_id == current.id, known)
        moved["interactions"] = await _move_profile(session, current, known)
        await session.delete(current)
        await session.flush()
    # The anonymous customer's own contact (given at the start of the chat) must not collide with the known one's.
    merge_contact(
        known,
        contact,
        email if not known.email_normalized and email != current.email_normalized else None,
        phone if not known.phone_e164 and phone != current.phone_e164 else None,
    )
    await session.flush()
    old, new = changes(before, snapshot(known))
    await record(
        session,
        actor,
        "customer.merge",
        dealership_id=dealership_id,
        resource_type="customer",
        resource_id=known.id,
        before=old,
        after=new,
        details={
            "via": "chat",
            "merged_customer_id": str(current.id),
            "merged_customer_deleted": others is None,
            "lead_id": str(lead.id),
            "conversation_id": str(conversation.id),
            "moved": moved,
        },
    )
    return known


async def _repoint(session: AsyncSession, model: Any, where: Any, customer: Customer) -> int:
    """Rows of ``model`` matching ``where`` now belong to ``customer``: how many."""
    result = await session.execute(
        update(model).where(where, model.customer_id != customer.id).values(customer_id=customer.id).returning(model.id)
    )
    return len(result.all())


async def _move_profile(session: AsyncSession, source: Customer, target: Customer) -> int:
    """``source``'s buying profile goes to ``target``: whole if ``target`` has none, else its interactions are
    copied into ``target``'s (they are append-only: inserted, never updated) and its blanks filled. How many
    interactions moved."""
    mine = await session.scalar(select(CustomerProfile).where(CustomerProfile.customer_id == source.id))
    if mine is None:
        return 0
    interactions = await session.scalar(
        select(func.count()).select_from(CustomerInteraction).where(CustomerInteraction.profile_id == mine.id)
    )
    theirs = await session.scalar(select(CustomerProfile).where(CustomerProfile.customer_id == target.id))
    if theirs is None:
        mine.customer_id = target.id
        await session.flush()
        return int(interactions or 0)
    copied = [c.key for c in CustomerInteraction.__table__.columns if c.key not in ("id", "profile_id", "created_at")]
    columns = [getattr(CustomerInteraction, key) for key in copied]
    await session.execute(
        insert(CustomerInteraction).from_select(
            ["profile_id", *copied],
            select(literal(theirs.id), *columns).where(CustomerInteraction.profile_id == mine.id),
            include_defaults=False,  # the ids: gen_random_uuid() per row (a Python default would be one for all)
        )
    )
    theirs.preferences = {**mine.preferences, **theirs.preferences}
    theirs.buying_timeline = theirs.buying_timeline or mine.buying_timeline
    if mine.last_interaction and (theirs.last_interaction is None or mine.last_interaction > theirs.last_interaction):
        theirs.last_interaction = mine.last_interaction
    await session.flush()
    return int(interactions or 0)


_COUNT_SOURCE = (
    "insert into lead_sources (dealership_id, name, type, total_leads) values (%(d)s, %(name)s, %(type)s, 1) "
    "on conflict (dealership_id, name) do update set total_leads = lead_sources.total_leads + 1 returning id"
)


async def _count_lead_source(session: AsyncSession, dealership_id: int, data: IntakeLead) -> tuple[uuid.UUID, str]:
    """The provider's lead source (created on first sight, one per provider name) with one more lead counted:
    its id and name."""
    defaults = {
        "adf_email": "ADF Email",
        "website_form": "Website Form",
        "website_chat": "Website Chat",
        "phone_call": "Phone Inquiry",
    }
    name = (data.provider or defaults.get(data.source_type) or data.source_type.replace("_", " ").title())[:100]
    row = await fetch_one(session, _COUNT_SOURCE, {"d": dealership_id, "name": name, "type": data.source_type})
    source_id = row["id"] if row else None
    assert source_id is not None
    return source_id, name


_NUMBER_AND_ASSIGNEE = """
select (select lead_number from leads
         where lead_number >= %(prefix)s and lead_number < %(after)s order by lead_number desc limit 1) as last,
       (select u.id from users u
         where %(round_robin)s and u.is_active and u.role in ('user', 'manager')
         order by (select max(l.created_at) from leads l where l.assigned_user_id = u.id) asc nulls first, u.id
         limit 1) as assignee
"""


async def _number_and_assignee(session: AsyncSession, when: datetime, *, round_robin: bool) -> tuple[str, int | None]:
    """The lead's number (``LEAD-YY-00001``, sequential per dealership and year) and, with ``round_robin``, the
    active sales user who was given a lead longest ago (never: first), in one read. The caller holds the locks
    ``lead-number:YY`` and ``round-robin`` (see :func:`intake`), so two intakes cannot take the same number or
    the same turn. RLS keeps both to the session's dealership."""
    yy = when.year % 100
    prefix = f"LEAD-{yy:02d}-"
    params = {"prefix": prefix, "after": prefix[:-1] + ".", "round_robin": round_robin}
    row = await fetch_one(session, _NUMBER_AND_ASSIGNEE, params)
    assert row is not None
    last = row["last"]
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:05d}", row["assignee"]


# RLS keeps it to the dealership; = ANY on the columns is leakproof, so the (dealership_id, vin) and stock indexes
# serve it.
_OUR_VEHICLES = (
    "select id, vin, stock_number from vehicles "
    "where vin = any(%(vins)s::text[]) or stock_number = any(%(stocks)s::text[])"
)


async def _our_vehicles(session: AsyncSession, vehicles: list[IntakeVehicle]) -> dict[str, int]:
    """Our units the lead names, by ``vin:…`` and ``stock:…``."""
    vins = [v.vin for v in vehicles if v.vin]
    stocks = [v.stock_number for v in vehicles if v.stock_number]
    ours: dict[str, int] = {}
    if vins or stocks:
        for row in await fetch_all(session, _OUR_VEHICLES, {"vins": vins, "stocks": stocks}):
            ours[f"vin:{row['vin']}"] = row["id"]
            if row["stock_number"]:
                ours[f"stock:{row['stock_number']}"] = row["id"]
    return ours


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
    )
    return await intake(session, dealership_id, lead, actor)
