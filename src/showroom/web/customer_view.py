"""Everything the customer page shows about one person, read through the tenant-scoped session.

Every part is a bounded, index-served read keyed by the customer (or its profile, or its leads): the page of a
customer with 50 leads and 5,000 messages reads no message at all (conversations carry their counts), the newest
``TIMELINE`` interactions and a count of each kind (bench/ui_customer.py measures it).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.models import (
    Appointment,
    Conversation,
    Customer,
    CustomerInsight,
    CustomerInteraction,
    CustomerProfile,
    FollowUp,
    Lead,
    VehicleInterest,
)
from showroom.web.conversation_view import INSIGHTS_READ, distinct_insights

LEADS = 200
CONVERSATIONS = 100
APPOINTMENTS = 50
FOLLOW_UPS = 50
TIMELINE = 100
BUYING = ("buy", "lease", "test-drive")


@dataclass
class Profile:
    """What the customer wants, built from their leads' interests and what their messages said."""

    vehicles: list[str] = field(default_factory=list)
    budget: str | None = None
    timeline: str | None = None
    trade_in: list[str] = field(default_factory=list)
    preferred_channel: str | None = None
    last_interaction: datetime | None = None


@dataclass
class CustomerView:
    customer: Customer
    leads: list[Lead]
    conversations: list[Conversation]
    appointments: list[Appointment]
    follow_ups: list[FollowUp]
    insights: list[CustomerInsight]
    profile: Profile
    timeline: list[CustomerInteraction]
    timeline_counts: dict[str, int]

    @property
    def consent(self) -> list[tuple[str, str, bool]]:
        """(what, state in words, good?) for each consent the customer gave or withdrew."""
        c = self.customer
        sms = c.sms_consent or {}
        rows = [
            (
                "Automated texts",
                f"yes ({sms.get('source', 'recorded')}, {str(sms.get('at', ''))[:10]})" if sms.get("granted") else "no",
                bool(sms.get("granted")),
            ),
            ("Marketing", "opted in" if c.marketing_opt_in else "not opted in", c.marketing_opt_in),
            ("Calls", "do not call" if c.do_not_call else "may call", not c.do_not_call),
            ("Data processing (GDPR)", "consented" if c.gdpr_consent else "not recorded", c.gdpr_consent),
        ]
        if c.opted_out:
            rows.insert(0, ("All messages", f"opted out {str(c.opted_out_at)[:10]}", False))
        for channel, when in (c.opted_out_channels or {}).items():
            rows.append((f"{channel} (STOP)", f"opted out {str(when)[:10]}", False))
        return rows


def _money(cents: int | None) -> str | None:
    return f"${cents / 100:,.0f}" if cents is not None else None


def _vehicle(i: VehicleInterest) -> str:
    words = [str(i.year) if i.year else None, i.make, i.model, i.trim]
    return " ".join(w for w in words if w) or (i.body_style or "a vehicle")


def build_profile(customer: Customer, stored: CustomerProfile | None, interests: list[VehicleInterest]) -> Profile:
    """The leads' vehicle interests first (what the customer or provider named), then what the messages said."""
    prefs: dict[str, Any] = dict(stored.preferences or {}) if stored else {}
    profile = Profile(
        timeline=stored.buying_timeline if stored else None,
        preferred_channel=prefs.get("preferred_channel") or customer.preferred_contact,
        last_interaction=stored.last_interaction if stored else None,
    )
    budgets = []
    for i in interests:
        if i.interest in BUYING:
            name = _vehicle(i)
            if name not in profile.vehicles:
                profile.vehicles.append(name)
            low, high = _money(i.min_price), _money(i.max_price)
            if low or high:
                budgets.append(f"{low} to {high}" if low and high else f"up to {high}" if high else f"from {low}")
        elif i.interest in ("trade-in", "sell"):
            miles = f", {i.mileage:,} miles" if i.mileage else ""
            profile.trade_in.append(f"{_vehicle(i)}{miles}")
    for words in prefs.get("vehicle_preferences") or []:
        if words not in profile.vehicles:
            profile.vehicles.append(words)
    profile.budget = budgets[0] if budgets else prefs.get("budget_words")
    if prefs.get("trade_in_words") and not profile.trade_in:
        profile.trade_in.append(prefs["trade_in_words"])
    return profile


async def load(session: AsyncSession, customer: Customer) -> CustomerView:
    cid = customer.id
    leads = list(
        await session.scalars(select(Lead).where(Lead.customer_id == cid).order_by(Lead.created_at.desc()).limit(LEADS))
    )
    lead_ids = [lead.id for lead in leads]
    interests = (
        list(
            await session.scalars(
                select(VehicleInterest)
                .where(VehicleInterest.lead_id.in_(lead_ids))
                .order_by(VehicleInterest.is_primary.desc(), VehicleInterest.created_at.desc())
            )
        )
        if lead_ids
        else []
    )
    stored = await session.scalar(select(CustomerProfile).where(CustomerProfile.customer_id == cid))
    timeline: list[CustomerInteraction] = []
    counts: dict[str, int] = {}
    if stored is not None:
        timeline = list(
            await session.scalars(
                select(CustomerInteraction)
                .where(CustomerInteraction.profile_id == stored.id)
                .order_by(CustomerInteraction.occurred_at.desc(), CustomerInteraction.id.desc())
                .limit(TIMELINE)
            )
        )
        kinds = await session.execute(
            select(CustomerInteraction.interaction_type, func.count())
            .where(CustomerInteraction.profile_id == stored.id)
            .group_by(CustomerInteraction.interaction_type)
        )
        counts = {kind: int(n) for kind, n in kinds}
    return CustomerView(
        customer=customer,
        leads=leads,
        conversations=await _conversations(session, cid),
        appointments=list(
            await session.scalars(
                select(Appointment)
                .where(Appointment.customer_id == cid)
                .order_by(Appointment.starts_at.desc())
                .limit(APPOINTMENTS)
            )
        ),
        follow_ups=list(
            await session.scalars(
                select(FollowUp)
                .where(FollowUp.customer_id == cid)
                .order_by(FollowUp.scheduled_at.desc())
                .limit(FOLLOW_UPS)
            )
        ),
        insights=distinct_insights(
            list(
                await session.scalars(
                    select(CustomerInsight)
                    .where(CustomerInsight.customer_id == cid)
                    .order_by(CustomerInsight.created_at.desc())
                    .limit(INSIGHTS_READ)
                )
            )
        ),
        profile=build_profile(customer, stored, interests),
        timeline=timeline,
        timeline_counts=counts,
    )


async def _conversations(session: AsyncSession, customer_id: uuid.UUID) -> list[Conversation]:
    return list(
        await session.scalars(
            select(Conversation)
            .where(Conversation.customer_id == customer_id)
            .order_by(func.coalesce(Conversation.last_message_at, Conversation.created_at).desc())
            .limit(CONVERSATIONS)
        )
    )
