"""Who the customer is: found by normalised e-mail, then E.164 phone (DATA_MODEL.md's dedupe rule), filled in
without overwriting what we know, counted in SQL, and merged when a chat visitor turns out to be a known customer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, literal, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from showroom.audit.service import Actor, changes, record, snapshot
from showroom.errors import ValidationFailed
from showroom.leads.contacts import full_name, names_conflict, normalize_email, normalize_phone, split_name
from showroom.leads.intake_model import IntakeContact
from showroom.leads.queries import customers_by_contact, lock
from showroom.leads.service import fit
from showroom.models import (
    Conversation,
    Customer,
    CustomerInsight,
    CustomerInteraction,
    CustomerProfile,
    FollowUp,
    Lead,
)


async def find_or_create_customer(
    session: AsyncSession,
    dealership_id: int,
    contact: IntakeContact,
    email: str | None,
    phone: str | None,
    when: datetime,
    actor: Actor,
    doubts: dict[str, str] | None = None,
) -> tuple[Customer, list[str]]:
    """docs/identity.md: the same normalised e-mail is the same customer; the same E.164 phone is the same customer
    unless the names conflict, when the lead gets a new customer linked to the other as a possible duplicate (never
    merged silently). Names and contact details are merged into blanks, never overwritten with blanks (audited as
    ``customer.update`` when something was filled in); doubtful contacts (``doubts``) are kept and flagged; the lead
    being taken in is counted (in SQL). A new customer is added to the session (its id is known: the lead refers to
    it). Returns notes for staff. The caller holds the locks of :func:`contact_locks`."""
    doubts = dict(doubts or {})
    by_email = by_phone = None
    known = await customers_by_contact(session, email, phone) if email or phone else []
    if known:  # only a customer we know is loaded as an object (most leads are new customers)
        matches = (await session.scalars(select(Customer).where(Customer.id.in_(known)))).all()
        by_email = next((c for c in matches if email and c.email_normalized == email), None)
        by_phone = next((c for c in matches if phone and c.phone_e164 == phone), None)
    notes = []
    links: list[tuple[Customer, str]] = []
    customer = by_email
    if by_phone is not None and (by_email is None or by_email.id != by_phone.id):
        first, last = contact.first_name, contact.last_name
        if not (first or last) and contact.full_name:
            first, last = split_name(contact.full_name)
        if by_email is not None or names_conflict(first, last, by_phone.first_name, by_phone.last_name):
            why = f"the same phone {phone}" + (" under another name" if by_email is None else "")
            notes.append(
                f"Possible duplicate customer: the phone {phone} is also {by_phone.full_name}'s "
                f"(customer {by_phone.id}); filed separately, merge them if they are the same person"
            )
            links.append((by_phone, why))
            doubts["phone"] = f"also the number of {by_phone.full_name}; confirm whose it is"
            phone = None  # the E.164 key stays with the other customer; this one keeps the number as given
        else:
            customer = by_phone
    if customer is not None:
        await fill_in(session, customer, contact, email, phone, actor, via="intake", doubts=doubts)
        await count_leads(session, customer, +1, contacted=when)
        for other, why in links:
            link_duplicates(customer, other, why, when)
        return customer, notes
    customer = Customer(
        id=uuid.uuid4(),
        dealership_id=dealership_id,
        full_name="Unknown",
        first_contact_date=when,
        last_contact_date=when,
        country=contact.country or "US",
        total_leads=1,
        contact_flags={},
        possible_duplicates=[],
    )
    merge_contact(customer, contact, email, phone, doubts)
    if contact.sms_consent is not None:
        customer.sms_consent = contact.sms_consent
    session.add(customer)
    for other, why in links:
        link_duplicates(customer, other, why, when)
    await record(
        session,
        actor,
        "customer.create",
        dealership_id=dealership_id,
        resource_type="customer",
        resource_id=customer.id,
        details={"via": "intake", **({"unverified": sorted(customer.contact_flags)} if customer.contact_flags else {})},
    )
    return customer, notes


async def grant_sms_consent(session: AsyncSession, customer: Customer, consent: dict[str, Any], actor: Actor) -> bool:
    """Record consent to automated texts unless the customer has a record already (a refusal stands until they
    text START); audited. Whether it was recorded."""
    if customer.sms_consent is not None:
        return False
    customer.sms_consent = consent
    await record(
        session,
        actor,
        "customer.sms_consent",
        dealership_id=customer.dealership_id,
        resource_type="customer",
        resource_id=customer.id,
        after={"sms_consent": consent},
    )
    return True


def link_duplicates(a: Customer, b: Customer, reason: str, when: datetime) -> None:
    """Show ``a`` and ``b`` on each other as possible duplicates (once), for staff to merge or leave."""
    for one, other in ((a, b), (b, a)):
        listed = list(one.possible_duplicates or [])
        if not any(entry.get("customer_id") == str(other.id) for entry in listed):
            entry = {"customer_id": str(other.id), "name": other.full_name, "reason": reason, "at": when.isoformat()}
            listed.append(entry)
            one.possible_duplicates = listed


async def count_leads(
    session: AsyncSession, customer: Customer, change: int, *, contacted: datetime | None = None
) -> None:
    """Count a lead more (or less) on ``customer``, in SQL (never below zero), and with ``contacted`` move its last
    contact forward, in one statement; only those columns are refreshed from the row (what else is pending on the
    customer is flushed first, as for any statement)."""
    values: dict[str, Any] = {"total_leads": func.greatest(Customer.total_leads + change, 0)}
    if contacted is not None:
        values["last_contact_date"] = func.greatest(Customer.last_contact_date, contacted)
    row = (
        await session.execute(
            update(Customer)
            .where(Customer.id == customer.id)
            .values(**values)
            .returning(Customer.total_leads, Customer.last_contact_date)
            .execution_options(synchronize_session=False)
        )
    ).one()
    set_committed_value(customer, "total_leads", row.total_leads)
    set_committed_value(customer, "last_contact_date", row.last_contact_date)


def merge_contact(
    customer: Customer,
    contact: IntakeContact,
    email: str | None,
    phone: str | None,
    doubts: dict[str, str] | None = None,
) -> None:
    """Fill what the customer lacks; what we already know wins (a provider's blank never erases it). Values are
    cut to their columns: senders are not bound by our lengths. ``email``/``phone``: the normalised keys, None
    to leave the customer's alone; a contact with no normalised form is kept as given when the customer has none.
    ``doubts`` flag what this contact gave (``customers.contact_flags``) unless staff confirmed that very value."""
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
    elif not email and contact.email and not customer.email:
        customer.email = fit(Customer, "email", contact.email.strip())
    if phone and not customer.phone_e164:
        customer.phone, customer.phone_e164 = fit(Customer, "phone", contact.phone or phone), phone
    elif phone and customer.phone_e164 != phone and not customer.alternate_phone:
        customer.alternate_phone = fit(Customer, "alternate_phone", contact.phone or phone)
    elif not phone and contact.phone and not customer.phone:
        customer.phone = fit(Customer, "phone", contact.phone.strip())
    _flag(customer, contact, doubts or {})
    if customer.full_name == "Unknown" or not customer.full_name:
        name = full_name(customer.first_name, customer.last_name, fallback=contact.full_name or "Unknown")
        customer.full_name = fit(Customer, "full_name", name) or "Unknown"


def _flag(customer: Customer, contact: IntakeContact, doubts: dict[str, str]) -> None:
    """Flag the customer's e-mail / phone when it is the doubtful one this contact gave (not one staff confirmed)."""
    flags = dict(customer.contact_flags or {})
    confirmed = flags.get("confirmed") or {}
    given = {"email": contact.email, "phone": contact.phone}
    held = {"email": (customer.email, customer.email_normalized), "phone": (customer.phone, customer.phone_e164)}
    for key, reason in doubts.items():
        value = (given.get(key) or "").strip()
        if not value or confirmed.get(key) == value:
            continue
        mine = {(v or "").strip().lower() for v in held[key] if v}
        if value.lower() in mine or (key == "email" and normalize_email(value) in mine):
            flags[key] = {"value": value, "reason": reason, "since": datetime.now(UTC).isoformat()}
    if flags != (customer.contact_flags or {}):
        customer.contact_flags = flags


async def fill_in(
    session: AsyncSession,
    customer: Customer,
    contact: IntakeContact,
    email: str | None,
    phone: str | None,
    actor: Actor,
    *,
    via: str,
    doubts: dict[str, str] | None = None,
) -> None:
    """:func:`merge_contact` on a customer we know, audited as ``customer.update`` when something was filled in."""
    before = snapshot(customer)
    merge_contact(customer, contact, email, phone, doubts)
    if contact.sms_consent is not None and (contact.sms_consent.get("granted") or customer.sms_consent is None):
        customer.sms_consent = contact.sms_consent
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
    await lock(session, dealership_id, *contact_locks(email, phone))
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
    if contact.sms_consent is not None and (contact.sms_consent.get("granted") or known.sms_consent is None):
        known.sms_consent = contact.sms_consent
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
