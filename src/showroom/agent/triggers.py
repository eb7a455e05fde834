"""Escalation triggers: per-dealership rules that stop the AI. A new dealership gets the default set."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.schemas import TriggerIn, TriggerUpdate
from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.brain.escalation.defaults import DEFAULT_TRIGGERS
from showroom.brain.escalation.specs import TriggerSpec, validate_trigger
from showroom.cache import TenantCache
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.models import EscalationTrigger

TRIGGERS: TenantCache[tuple[TriggerSpec, ...]] = TenantCache("escalation triggers")


def _check(spec: TriggerSpec) -> None:
    problems = validate_trigger(spec)
    if problems:
        raise ValidationFailed("; ".join(problems), field="conditions")


def install_defaults(session: AsyncSession, dealership_id: int) -> None:
    TRIGGERS.changed(session, dealership_id)
    for data in DEFAULT_TRIGGERS:
        session.add(
            EscalationTrigger(
                dealership_id=dealership_id,
                name=data["name"],
                description=data.get("description"),
                conditions=data["conditions"],
                match_mode=data.get("match_mode", "all"),
                priority=data.get("priority", 100),
                action=data.get("action", "handover"),
                action_config=data.get("action_config", {}),
            )
        )


async def active_specs(session: AsyncSession) -> tuple[TriggerSpec, ...]:
    """The dealership's active triggers, in the order they are tried (cached, see ``showroom.cache``)."""

    async def load() -> tuple[TriggerSpec, ...]:
        rows = await session.execute(
            select(
                EscalationTrigger.id,
                EscalationTrigger.name,
                EscalationTrigger.conditions,
                EscalationTrigger.match_mode,
                EscalationTrigger.priority,
                EscalationTrigger.action,
                EscalationTrigger.action_config,
            )
            .where(EscalationTrigger.is_active)
            .order_by(EscalationTrigger.priority, EscalationTrigger.name)
        )
        return tuple(TriggerSpec.from_dict(dict(row._mapping), id=str(row.id)) for row in rows)

    return await TRIGGERS.get(session, load)


async def list_all(session: AsyncSession) -> list[EscalationTrigger]:
    """The dealership's triggers, active or not, in the order they are tried."""
    rows = await session.scalars(select(EscalationTrigger).order_by(EscalationTrigger.priority, EscalationTrigger.name))
    return list(rows.all())


async def get(session: AsyncSession, trigger_id: uuid.UUID) -> EscalationTrigger:
    trigger = await session.get(EscalationTrigger, trigger_id)
    if trigger is None:
        raise NotFound(f"escalation trigger {trigger_id} not found")
    return trigger


async def create(session: AsyncSession, dealership_id: int, data: TriggerIn, actor: Actor) -> EscalationTrigger:
    values = data.model_dump(mode="json")
    _check(TriggerSpec.from_dict(values))
    if await session.scalar(select(EscalationTrigger.id).where(EscalationTrigger.name == data.name)) is not None:
        raise Conflict(f"a trigger named {data.name!r} already exists", field="name")
    trigger = EscalationTrigger(dealership_id=dealership_id, **values)
    TRIGGERS.changed(session, dealership_id)
    session.add(trigger)
    await session.flush()
    await record(
        session,
        actor,
        "escalation_trigger.create",
        dealership_id=dealership_id,
        resource_type="escalation_trigger",
        resource_id=trigger.id,
        after=snapshot(trigger),
    )
    return trigger


async def update(session: AsyncSession, trigger_id: uuid.UUID, data: TriggerUpdate, actor: Actor) -> EscalationTrigger:
    trigger = await get(session, trigger_id)
    values = data.model_dump(exclude_unset=True, mode="json")
    for key, value in values.items():
        if value is None and key != "description":
            raise ValidationFailed(f"{key} cannot be null", field=key)
    merged = {
        "name": trigger.name,
        "conditions": trigger.conditions,
        "match_mode": trigger.match_mode,
        "priority": trigger.priority,
        "action": trigger.action,
        "action_config": trigger.action_config,
        **values,
    }
    _check(TriggerSpec.from_dict(merged))
    TRIGGERS.changed(session, trigger.dealership_id)
    try:
        await apply_update(
            session,
            trigger,
            values,
            actor,
            action="escalation_trigger.update",
            resource_type="escalation_trigger",
            dealership_id=trigger.dealership_id,
        )
    except IntegrityError:
        raise Conflict(f"a trigger named {values.get('name')!r} already exists", field="name") from None
    return trigger


async def delete(session: AsyncSession, trigger_id: uuid.UUID, actor: Actor) -> None:
    trigger = await get(session, trigger_id)
    before = snapshot(trigger)
    TRIGGERS.changed(session, trigger.dealership_id)
    await session.delete(trigger)
    await session.flush()
    await record(
        session,
        actor,
        "escalation_trigger.delete",
        dealership_id=trigger.dealership_id,
        resource_type="escalation_trigger",
        resource_id=trigger_id,
        before=before,
    )
