"""Handover deadlines and their breaches: the reply window (per trigger, urgency and the dealership's settings), the
deadline in open time (``deadlines``), and the flag and managers' alert when nobody claimed it in time."""

from __future__ import annotations

import html
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.appointments.slots import Rules
from showroom.audit.service import Actor, record
from showroom.conversations.deadlines import reply_deadline
from showroom.dealerships.schemas import AgentConfig
from showroom.mail import Email, new_message_id, send_later
from showroom.models import Dealership, Handover, User
from showroom.ops import metrics
from showroom.vocabulary import HandoverReason, HandoverStatus, Priority, UserRole

PERSON_ASKED_SLA_MINUTES = 15


def sla_window(
    handover_settings: dict[str, Any], reason: str, urgency: str, trigger_minutes: int | None = None
) -> tuple[timedelta, bool]:
    """How long the team has to answer, and whether it counts open time only: the trigger's own ``sla_minutes``
    when it has one; a customer who asked for a person, or an urgent handover, is waiting now
    (``sla_minutes_urgent``, 15 minutes by default); both in minutes of open time. Anything else gets ``sla_hours``
    (24 by default) from the next opening (``deadlines.reply_deadline``)."""
    if trigger_minutes:
        return timedelta(minutes=int(trigger_minutes)), True
    if reason == HandoverReason.customer_request or urgency in (Priority.high, Priority.urgent):
        return timedelta(minutes=int(handover_settings.get("sla_minutes_urgent", PERSON_ASKED_SLA_MINUTES))), True
    return timedelta(hours=int(handover_settings.get("sla_hours", 24))), False


def sla_due(
    dealership: Dealership, now: datetime, reason: str, urgency: str, trigger_minutes: int | None = None
) -> datetime:
    """The handover's reply deadline from the dealership's handover settings and opening hours."""
    handover_settings = (dealership.settings or {}).get("handover") or {}
    window, open_time_only = sla_window(handover_settings, reason, urgency, trigger_minutes)
    config = dict(dealership.agent_config or {})
    if not config.get("working_hours"):  # never set: the product's default week, as the settings page shows
        config["working_hours"] = AgentConfig().model_dump(mode="json")["working_hours"]
    return reply_deadline(Rules.of(config, dealership.timezone), now, window, open_time_only=open_time_only)


async def flag_breach(
    session: AsyncSession,
    handover_id: uuid.UUID,
    actor: Actor,
    *,
    base_url: str | None = None,
    sender: str | None = None,
) -> bool:
    """Flag an unclaimed handover past its deadline (once), raise its urgency, and alert the dealership's managers
    by e-mail (queued in this transaction: it leaves iff the flag commits, so a retried job alerts once)."""
    # Locked: two sweeps at once (a periodic one and one deferred by hand, or two workers) must not both alert.
    handover = await session.get(Handover, handover_id, with_for_update=True, populate_existing=True)
    if handover is None or handover.status != HandoverStatus.pending or handover.sla_breached_at is not None:
        return False
    handover.sla_breached_at = datetime.now(UTC)
    metrics.SLA_BREACHES.inc()
    if handover.urgency in (Priority.low, Priority.medium):
        handover.urgency = Priority.high
    await record(
        session,
        actor,
        "handover.sla_breached",
        dealership_id=handover.dealership_id,
        resource_type="handover",
        resource_id=handover.id,
        after={"sla_due_at": str(handover.sla_due_at)},
    )
    managers = list(
        await session.scalars(
            select(User.email)
            .where(
                User.dealership_id == handover.dealership_id,
                User.is_active,
                User.role.in_((UserRole.manager, UserRole.dealership_admin)),
            )
            .order_by(User.id)
        )
    )
    if managers and base_url is not None:
        await send_later(session, await _breach_email(session, handover, managers, base_url, sender), sender=sender)
    return True


async def _breach_email(
    session: AsyncSession, handover: Handover, to: list[str], base_url: str, sender: str | None
) -> Email:
    dealership = await session.get(Dealership, handover.dealership_id)
    assert dealership is not None
    customer = (handover.dossier or {}).get("customer") or {}
    name = customer.get("name") or "A customer"
    waiting = handover.requested_at.astimezone(ZoneInfo(dealership.timezone)).strftime("%a %d %b %H:%M")
    holder = await session.get(User, handover.to_user_id) if handover.to_user_id else None
    link = f"{base_url}/app/conversations/{handover.conversation_id}"
    lines = [
        f"{name} has waited for a person since {waiting} ({handover.reason.replace('_', ' ')}); nobody has claimed it.",
        f"It was due by {handover.sla_due_at.astimezone(ZoneInfo(dealership.timezone)).strftime('%a %d %b %H:%M')}"
        if handover.sla_due_at
        else "",
        f"Assigned to: {(holder.name or holder.email) if holder else 'nobody'}",
        f"Open the conversation: {link}",
    ]
    text = "\n".join(line for line in lines if line)
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[:-1] if line)
    body += f'<p><a href="{html.escape(link)}">Open the conversation</a></p>'
    return Email(
        to=to,
        subject=f"[{dealership.name}] Overdue handover: {name}",
        text=text,
        html=body,
        headers={"Message-ID": new_message_id(sender, key=f"handover-breach-{handover.id}")},
    )
