"""Customers and leads: CRUD, lead numbers, the status lifecycle, assignment and the lead timeline."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.cache import TenantCache
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.experiments import metrics as experiment_metrics
from showroom.followups import service as followups
from showroom.followups import staff as follow_up_tasks
from showroom.leads import queries
from showroom.leads.contacts import full_name, normalize_email, normalize_phone
from showroom.leads.schemas import CustomerCreate, CustomerUpdate, LeadUpdate
from showroom.models import Base, Customer, Dealership, Lead, LeadActivity, User
from showroom.vocabulary import ActivityType, LeadStatus

# Still being worked, in lifecycle order.
OPEN = (
    LeadStatus.new,
    LeadStatus.contacted,
    LeadStatus.qualified,
    LeadStatus.appointment,
    LeadStatus.negotiation,
)


# --- values that must fit their columns ---------------------------------------------------------------------


@cache
def column_length(model: type[Base], column: str) -> int | None:
    """The declared length of a varchar column (None: text, or not a string)."""
    length = getattr(model.__table__.c[column].type, "length", None)
    return length if isinstance(length, int) else None


def fit(model: type[Base], column: str, value: str | None) -> str | None:
    """``value`` cut to the length of ``model.column`` (what senders send is unbounded; the column is not).
    Empty is None."""
    if not value:
        return None
    length = column_length(model, column)
    return value[:length] if length is not None else value


# --- customers -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeRules:
    """What every incoming lead and message needs from the dealership's settings."""

    region: str  # for phone numbers written without a country code
    round_robin: bool  # new leads assigned to the sales user who got one longest ago
    lead_team: tuple[int, ...] = ()  # the members of the new-leads team (lead_routing.teams); () = every salesperson


INTAKE_RULES: TenantCache[IntakeRules] = TenantCache("intake rules")


async def intake_rules(session: AsyncSession, dealership_id: int) -> IntakeRules:
    """Cached for the session's own dealership (see ``showroom.cache``); read through for any other."""

    async def load() -> IntakeRules:
        row = (
            await session.execute(
                select(Dealership.settings, Dealership.lead_routing).where(Dealership.id == dealership_id)
            )
        ).one_or_none()
        settings, routing = (row[0] or {}, row[1] or {}) if row else ({}, {})
        strategy = routing.get("assignment_strategy", "round_robin")
        team = next((t for t in routing.get("teams") or () if t.get("new_leads")), None)
        return IntakeRules(
            region=str(settings.get("region") or "US"),
            round_robin=strategy == "round_robin",
            lead_team=tuple(int(uid) for uid in team["user_ids"]) if team else (),
        )

    if session.info.get("dealership_id") != dealership_id:
        return await load()
    return await INTAKE_RULES.get(session, load)


async def region(session: AsyncSession, dealership_id: int) -> str:
    return (await intake_rules(session, dealership_id)).region


async def get_customer(session: AsyncSession, customer_id: uuid.UUID) -> Customer:
    customer = await session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"customer {customer_id} not found", field="customer_id")
    return customer


async def _check_unique_contact(
    session: AsyncSession, email: str | None, phone: str | None, exclude: uuid.UUID | None = None
) -> None:
    for column, value, name in ((Customer.email_normalized, email, "email"), (Customer.phone_e164, phone, "phone")):
        if value is None:
            continue
        query = select(Customer.id).where(column == value)
        if exclude is not None:
            query = query.where(Customer.id != exclude)
        other = await session.scalar(query)
        if other is not None:
            raise Conflict(f"customer {other} already has this {name}", field=name)


def _contact_values(values: dict[str, Any], phone_region: str) -> dict[str, Any]:
    if "email" in values:
        values["email_normalized"] = normalize_email(values["email"])
    if "phone" in values:
        values["phone_e164"] = normalize_phone(values["phone"], phone_region)
        if values["phone"] and values["phone_e164"] is None:
            raise ValidationFailed(
                f"{values['phone']!r} is not a valid phone number for region {phone_region}", field="phone"
            )
    return values


async def create_customer(session: AsyncSession, dealership_id: int, data: CustomerCreate, actor: Actor) -> Customer:
    values = _contact_values(data.model_dump(exclude_none=True, mode="json"), await region(session, dealership_id))
    await _check_unique_contact(session, values.get("email_normalized"), values.get("phone_e164"))
    customer = Customer(
        dealership_id=dealership_id,
        **values,
        full_name=full_name(values.get("first_name"), values.get("last_name")),
        first_contact_date=datetime.now(UTC),
        last_contact_date=datetime.now(UTC),
    )
    session.add(customer)
    await session.flush()
    await record(
        session,
        actor,
        "customer.create",
        dealership_id=dealership_id,
        resource_type="customer",
        resource_id=customer.id,
        after=snapshot(customer),
    )
    return customer


async def update_customer(
    session: AsyncSession, customer_id: uuid.UUID, data: CustomerUpdate, actor: Actor
) -> Customer:
    customer = await get_customer(session, customer_id)
    values = _contact_values(
        data.model_dump(exclude_unset=True, mode="json"), await region(session, customer.dealership_id)
    )
    await _check_unique_contact(session, values.get("email_normalized"), values.get("phone_e164"), exclude=customer.id)
    for key in ("marketing_opt_in", "do_not_call", "custom_fields", "ai_enabled"):
        if key in values and values[key] is None:
            raise ValidationFailed(f"{key} cannot be null", field=key)
    flags = dict(customer.contact_flags or {})
    for key in ("email", "phone"):  # a person typed it: no longer the doubtful value intake kept
        if key in values and key in flags:
            flags.pop(key)
            values["contact_flags"] = flags
    if "first_name" in values or "last_name" in values:
        values["full_name"] = full_name(
            values.get("first_name", customer.first_name), values.get("last_name", customer.last_name)
        )
    await apply_update(
        session,
        customer,
        values,
        actor,
        action="customer.update",
        resource_type="customer",
        dealership_id=customer.dealership_id,
    )
    return customer


async def erase_customer(session: AsyncSession, customer_id: uuid.UUID, actor: Actor) -> None:
    """Right to erasure: the customer and everything about them (leads, conversations...) go; the audit row keeps
    only the id, never the personal data it removed."""
    customer = await get_customer(session, customer_id)
    leads = await session.scalar(select(func.count()).select_from(Lead).where(Lead.customer_id == customer.id))
    await session.delete(customer)
    await session.flush()
    await record(
        session,
        actor,
        "customer.erase",
        dealership_id=customer.dealership_id,
        resource_type="customer",
        resource_id=customer.id,
        details={"leads_removed": leads},
    )


def customer_search(q: str) -> ColumnElement[bool]:
    """Customers whose name or e-mail contains ``q`` (any case), or whose phone contains its digits (3 or more)."""
    like = f"%{q.strip()}%"
    digits = "".join(ch for ch in q if ch.isdigit())
    matches: list[ColumnElement[bool]] = [Customer.full_name.ilike(like), Customer.email.ilike(like)]
    if len(digits) >= 3:
        matches.append(Customer.phone_e164.contains(digits))
    return or_(*matches)


# --- leads ----------------------------------------------------------------------------------------------


def lead_filters(
    *,
    statuses: Iterable[str] | None = None,
    source: str | None = None,
    assigned_user_id: int | None = None,
    unassigned: bool = False,
    customer_id: uuid.UUID | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    score_min: int | None = None,
    score_max: int | None = None,
    q: str | None = None,
    hot_threshold: int | None = None,
) -> list[ColumnElement[bool]]:
    """The conditions on ``leads`` of the lead lists (API and staff pages): every one given must hold.
    ``created_before`` is exclusive; ``q`` searches the lead's customer (:func:`customer_search`)."""
    conditions: list[ColumnElement[bool]] = []
    wanted = [str(s) for s in statuses or ()]
    if wanted:
        conditions.append(Lead.status.in_(wanted))
    if source:
        conditions.append(Lead.source == source)
    if assigned_user_id is not None:
        conditions.append(Lead.assigned_user_id == assigned_user_id)
    if unassigned:
        conditions.append(Lead.assigned_user_id.is_(None))
    if customer_id is not None:
        conditions.append(Lead.customer_id == customer_id)
    if created_after is not None:
        conditions.append(Lead.created_at >= created_after)
    if created_before is not None:
        conditions.append(Lead.created_at < created_before)
    if score_min is not None:
        conditions.append(Lead.lead_score >= score_min)
    if score_max is not None:
        conditions.append(Lead.lead_score <= score_max)
    if hot_threshold is not None:  # "hot leads": open, scored at or above the dealership's threshold
        closed = (LeadStatus.sold, LeadStatus.lost, LeadStatus.archived)
        conditions.append(Lead.lead_score >= hot_threshold)
        conditions.append(Lead.status.in_([s.value for s in LeadStatus if s not in closed]))
    if q and q.strip():
        # Never correlated: the same condition whether or not the caller's query joins customers itself.
        matching = select(Customer.id).where(customer_search(q)).correlate(None)
        conditions.append(Lead.customer_id.in_(matching))
    return conditions


async def get_lead(session: AsyncSession, lead_id: uuid.UUID) -> Lead:
    lead = await session.get(Lead, lead_id)
    if lead is None:
        raise NotFound(f"lead {lead_id} not found")
    return lead


async def read_lead(session: AsyncSession, lead_id: uuid.UUID) -> dict[str, Any]:
    """One lead as a plain row, for read-only endpoints: the hot path skips the ORM (``leads.queries``)."""
    row = await queries.lead_row(session, lead_id)
    if row is None:
        raise NotFound(f"lead {lead_id} not found")
    return row


def source_key(
    *,
    issuer: str | None,
    external_id: str | None,
    email: str | None,
    phone: str | None,
    vehicle: str | None,
    day: str,
    source: str,
) -> str:
    """DATA_MODEL.md leads.source_key: the sender's own id when it gives one, else a same-day content hash."""
    if external_id and external_id.strip():
        return f"id:{(issuer or 'api').strip().lower()}:{external_id.strip()}"[:255]
    material = "|".join([email or "", phone or "", (vehicle or "").lower(), day, source])
    return "sha256:" + hashlib.sha256(material.encode()).hexdigest()


async def check_assignee(session: AsyncSession, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} not found", field="assigned_user_id")
    if not user.is_active:
        raise ValidationFailed(f"user {user_id} is deactivated", field="assigned_user_id")
    if user.dealership_id is None:  # through RLS a super admin sees only themself: no member of the dealership
        raise ValidationFailed(f"user {user_id} is not a member of this dealership", field="assigned_user_id")
    return user


async def add_activity(
    session: AsyncSession, lead: Lead, kind: str, description: str, actor: Actor, **extra: Any
) -> LeadActivity:
    # Stamped now, not at transaction start, so several activities of one request keep their order.
    activity = LeadActivity(
        dealership_id=lead.dealership_id,
        lead_id=lead.id,
        user_id=actor.user_id,
        type=kind,
        description=description,
        created_at=datetime.now(UTC),
        **extra,
    )
    session.add(activity)
    return activity


def check_transition(current: str, target: str, lost_reason: str | None) -> None:
    """new → contacted → qualified → appointment → negotiation → sold | lost (with reason) → archived."""
    ok = (
        target == current
        or target == LeadStatus.archived
        or (current in OPEN and target in (*OPEN[1:], LeadStatus.sold))
        or (current in OPEN and target == LeadStatus.lost)
        or (current == LeadStatus.lost and target in OPEN[1:])
    )
    if current == LeadStatus.archived and target != LeadStatus.archived:
        ok = False
    if not ok:
        raise ValidationFailed(f"a lead cannot go from {current} to {target}", field="status")
    if target == LeadStatus.lost and current != LeadStatus.lost and not lost_reason:
        raise ValidationFailed("say why the lead was lost (lost_reason)", field="lost_reason")


async def update_lead(session: AsyncSession, lead_id: uuid.UUID, data: LeadUpdate, actor: Actor) -> Lead:
    """Staff edit a lead. With ``version`` (the one they read), the edit applies only if the lead is still at that
    version, which the database checks in the statement that bumps it: of two concurrent edits of the same version,
    one wins and the other is a 409."""
    lead = await get_lead(session, lead_id)
    if data.version is not None and data.version != lead.version:
        raise _stale(lead.version)
    read_version = lead.version
    values = data.model_dump(exclude_unset=True, mode="json", exclude={"note", "version"})
    for key in ("priority", "custom_fields"):
        if key in values and values[key] is None:
            raise ValidationFailed(f"{key} cannot be null", field=key)
    status_before, assignee_before = lead.status, lead.assigned_user_id
    if "status" in values:
        target = values["status"] or lead.status
        check_transition(lead.status, target, values.get("lost_reason"))
        if target not in (LeadStatus.lost, LeadStatus.archived):
            values["lost_reason"] = None
        if target in (LeadStatus.sold, LeadStatus.lost) and lead.actual_close_date is None:
            values["actual_close_date"] = datetime.now(UTC)
    elif "lost_reason" in values and lead.status != LeadStatus.lost:
        raise ValidationFailed("lost_reason is only for lost leads", field="lost_reason")
    if "assigned_user_id" in values:
        await check_assignee(session, values["assigned_user_id"])
    changed = await apply_update(
        session, lead, values, actor, action="lead.update", resource_type="lead", dealership_id=lead.dealership_id
    )
    if lead.status != status_before:
        reason = f" ({lead.lost_reason})" if lead.status == LeadStatus.lost else ""
        await add_activity(
            session, lead, ActivityType.status_changed, f"Status {status_before} → {lead.status}{reason}", actor
        )
        await experiment_metrics.lead_status(session, lead.id, lead.status)  # an experiment's conversion
        if lead.status in followups.CLOSED_LEADS:  # issue 18: a closed lead's cadences stop at once
            await followups.stop(session, lead.id, f"the lead is {lead.status}")
    if lead.assigned_user_id != assignee_before:
        who = f"user {lead.assigned_user_id}" if lead.assigned_user_id else "nobody"
        await add_activity(session, lead, ActivityType.assigned, f"Assigned to {who}", actor)
    if data.note:
        await add_activity(session, lead, ActivityType.note, "Note", actor, notes=data.note)
    if "next_follow_up_date" in values:  # issue 18: the date is a real follow-up (a task for the salesperson)
        await follow_up_tasks.set_lead_date(session, lead, data.next_follow_up_date, data.follow_up_notes, actor)
    if changed or data.note:
        await _bump_version(session, lead, read_version if data.version is not None else None)
    return lead


def _stale(version: int) -> Conflict:
    return Conflict(f"the lead changed since you read it (version {version}); reload and retry", field="version")


async def _bump_version(session: AsyncSession, lead: Lead, expected: int | None) -> None:
    """``lead.version + 1``, by the database, and only from ``expected`` when given. The edit's own UPDATE (flushed
    by ``apply_update``) holds the row lock, so a concurrent edit of the same version waits, then finds the version
    moved and gets a 409 (its transaction is rolled back with everything it wrote)."""
    condition = [Lead.id == lead.id] + ([Lead.version == expected] if expected is not None else [])
    bumped = await session.scalar(
        update(Lead)
        .where(*condition)
        .values(version=Lead.version + 1)
        .returning(Lead.version)
        .execution_options(synchronize_session=False)
    )
    if bumped is None:
        current = await session.scalar(select(Lead.version).where(Lead.id == lead.id))
        raise _stale(int(current or 0))
    set_committed_value(lead, "version", bumped)


async def archive_lead(session: AsyncSession, lead_id: uuid.UUID, actor: Actor) -> Lead:
    return await update_lead(session, lead_id, LeadUpdate(status=LeadStatus.archived), actor)


async def activities(session: AsyncSession, lead_id: uuid.UUID) -> list[LeadActivity]:
    await get_lead(session, lead_id)
    rows = await session.scalars(
        select(LeadActivity).where(LeadActivity.lead_id == lead_id).order_by(LeadActivity.created_at, LeadActivity.id)
    )
    return list(rows.all())
