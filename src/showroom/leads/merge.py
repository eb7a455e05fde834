"""Staff decisions about who a customer is (docs/identity.md): confirm a flagged contact, merge two customers.

A merge keeps one customer and moves everything of the other onto it (leads, conversations, follow-ups, insights,
the buying profile and its interactions), fills the kept customer's blanks from the other, keeps every opt-out of
either (a STOP is never lost to a merge), and deletes the other; one ``customer.merge`` audit row says what moved.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, changes, record, snapshot
from showroom.errors import NotFound, ValidationFailed
from showroom.leads.identity import _move_profile, _repoint, count_leads, merge_contact
from showroom.leads.intake_model import IntakeContact
from showroom.leads.queries import lock
from showroom.leads.service import get_customer
from showroom.models import Conversation, Customer, CustomerInsight, FollowUp, Lead

CONTACT_FIELDS = ("email", "phone")


async def confirm_contact(session: AsyncSession, customer_id: uuid.UUID, which: str, actor: Actor) -> Customer:
    """A person vouches for the customer's flagged e-mail or phone: automated messages may use it from now on."""
    customer = await get_customer(session, customer_id)
    flags = dict(customer.contact_flags or {})
    if which not in flags or which not in CONTACT_FIELDS:
        raise ValidationFailed(f"the customer's {which} is not flagged as unverified", field="field")
    flag = flags.pop(which)
    value = customer.email if which == "email" else customer.phone
    flags["confirmed"] = {**(flags.get("confirmed") or {}), which: (flag.get("value") or value or "")}
    customer.contact_flags = flags
    await record(
        session,
        actor,
        "customer.confirm_contact",
        dealership_id=customer.dealership_id,
        resource_type="customer",
        resource_id=customer.id,
        details={"field": which, "value": value, "was_flagged_because": flag.get("reason")},
    )
    await session.flush()
    return customer


async def merge_customers(
    session: AsyncSession, keep_id: uuid.UUID, other_id: uuid.UUID, actor: Actor
) -> tuple[Customer, dict[str, Any]]:
    """Merge customer ``other_id`` into ``keep_id`` (both through RLS: another tenant's is a 404). Returns the kept
    customer and what moved."""
    if keep_id == other_id:
        raise ValidationFailed("a customer cannot be merged into itself", field="duplicate_id")
    # Both rows locked in one statement, in id order (two merges of the same pair cannot deadlock); a customer a
    # concurrent merge took away is not returned once that merge commits: a 404, like another tenant's.
    locked = (
        await session.scalars(
            select(Customer)
            .where(Customer.id.in_([keep_id, other_id]))
            .order_by(Customer.id)
            .with_for_update(key_share=True)
            .execution_options(populate_existing=True)
        )
    ).all()
    found = {c.id: c for c in locked}
    if keep_id not in found:
        raise NotFound(f"customer {keep_id} not found", field="customer_id")
    if other_id not in found:
        raise NotFound(f"customer {other_id} not found", field="duplicate_id")
    keep, other = found[keep_id], found[other_id]
    await lock(
        session,
        keep.dealership_id,
        *[f"email:{c.email_normalized}" for c in (keep, other) if c.email_normalized],
        *[f"phone:{c.phone_e164}" for c in (keep, other) if c.phone_e164],
    )
    before, gone = snapshot(keep), snapshot(other)
    leads = await session.scalar(select(func.count()).select_from(Lead).where(Lead.customer_id == other.id))
    moved: dict[str, Any] = {
        "leads": await _repoint(session, Lead, Lead.customer_id == other.id, keep),
        "conversations": await _repoint(session, Conversation, Conversation.customer_id == other.id, keep),
        "follow_ups": await _repoint(session, FollowUp, FollowUp.customer_id == other.id, keep),
        "insights": await _repoint(session, CustomerInsight, CustomerInsight.customer_id == other.id, keep),
        "interactions": await _move_profile(session, other, keep),
    }
    contact = IntakeContact(
        first_name=other.first_name,
        last_name=other.last_name,
        full_name=other.full_name if other.full_name != "Unknown" else None,
        email=other.email,
        phone=other.phone,
        alternate_phone=other.alternate_phone,
        address=other.address,
        city=other.city,
        state=other.state,
        zip_code=other.zip_code,
        preferred_contact=other.preferred_contact,
    )
    email, phone = other.email_normalized, other.phone_e164
    _combine(keep, other)
    other.email_normalized = other.phone_e164 = None  # their unique keys are free for the kept customer
    await session.flush()
    merge_contact(keep, contact, email, phone)
    for key in CONTACT_FIELDS:  # a doubt about a value the kept customer took over goes with it
        flag = (other.contact_flags or {}).get(key)
        if flag and key not in (keep.contact_flags or {}) and (keep.email if key == "email" else keep.phone):
            keep.contact_flags = {**(keep.contact_flags or {}), key: flag}
    await count_leads(session, keep, int(leads or 0))
    await session.delete(other)
    await session.flush()
    await _relink(session, other.id, keep.id)
    old, new = changes(before, snapshot(keep))
    await record(
        session,
        actor,
        "customer.merge",
        dealership_id=keep.dealership_id,
        resource_type="customer",
        resource_id=keep.id,
        before=old,
        after=new,
        details={"via": "staff", "merged_customer_id": str(other.id), "merged_customer": gone, "moved": moved},
    )
    return keep, moved


# Customers that listed the merged-away customer as a possible duplicate now list the kept one (once; never
# themselves). Merges are rare and a dealership's customers few enough for the scan (``@>`` is not leakproof).
_RELINK = text("""
update customers c set possible_duplicates = coalesce((
    select jsonb_agg(distinct case when e->>'customer_id' = :other
                                   then jsonb_set(e, '{customer_id}', to_jsonb(cast(:keep as text))) else e end)
      from jsonb_array_elements(c.possible_duplicates) e
     where not (e->>'customer_id' = :other and c.id = cast(:keep as uuid))), '[]'::jsonb)
 where c.possible_duplicates @> jsonb_build_array(jsonb_build_object('customer_id', cast(:other as text)))
""")


async def _relink(session: AsyncSession, gone: uuid.UUID, kept: uuid.UUID) -> None:
    await session.execute(_RELINK, {"other": str(gone), "keep": str(kept)})


def _combine(keep: Customer, other: Customer) -> None:
    """What both say about permission: every opt-out of either stands, the more recent consent record wins, and
    the possible-duplicate links of both are kept except the one between them."""
    channels = dict(other.opted_out_channels or {})
    channels.update(keep.opted_out_channels or {})
    keep.opted_out_channels = channels
    if other.opted_out and not keep.opted_out:
        keep.opted_out, keep.opted_out_at = True, other.opted_out_at or datetime.now(UTC)
    keep.do_not_call = keep.do_not_call or other.do_not_call
    keep.ai_enabled = keep.ai_enabled and other.ai_enabled
    if other.sms_consent and (not keep.sms_consent or other.sms_consent.get("at", "") > keep.sms_consent.get("at", "")):
        keep.sms_consent = other.sms_consent
    ids = {str(keep.id), str(other.id)}
    links = [
        e
        for e in [*(keep.possible_duplicates or []), *(other.possible_duplicates or [])]
        if e.get("customer_id") not in ids
    ]
    keep.possible_duplicates = list({e["customer_id"]: e for e in links}.values())
    if other.first_contact_date and (
        keep.first_contact_date is None or other.first_contact_date < keep.first_contact_date
    ):
        keep.first_contact_date = other.first_contact_date
    if other.last_contact_date and (keep.last_contact_date is None or other.last_contact_date > keep.last_contact_date):
        keep.last_contact_date = other.last_contact_date
