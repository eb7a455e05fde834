"""What staff do with follow-ups (issue 18): list a lead's or a person's, create a task (a call to make) or a message
step, and skip, snooze, edit, send now or mark done. Every change is audited, and the lead's
``next_follow_up_date`` is kept equal to its earliest follow-up still to do (``sync_lead``), so the date on a lead
is always a real follow-up.

A moved step gets a new ``followup.send`` job at its new time; the job that was queued for the old time finds the
step not yet due and does nothing (``followup_tasks.send_step``), so a snooze never sends early and a step is still
sent once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.auth.members import assignee, member
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.followups import service
from showroom.followups.schemas import FollowUpCreate, FollowUpSnooze, FollowUpUpdate
from showroom.models import Conversation, FollowUp, Lead
from showroom.vocabulary import FollowUpChannel, FollowUpKind, FollowUpStatus

OPEN = (FollowUpStatus.scheduled,)
TO_DO = (FollowUpStatus.scheduled, FollowUpStatus.sent)  # a task e-mailed to its person is still to do until done
MAX_ROWS = 500


async def get(session: AsyncSession, follow_up_id: uuid.UUID) -> FollowUp:
    row = await session.get(FollowUp, follow_up_id)
    if row is None:
        raise NotFound("follow-up not found")
    return row


async def list_follow_ups(
    session: AsyncSession,
    *,
    lead_id: uuid.UUID | None = None,
    assigned_user_id: int | None = None,
    kinds: Sequence[str] = (),
    statuses: Sequence[str] = (),
    due_before: datetime | None = None,
    limit: int = MAX_ROWS,
) -> list[FollowUp]:
    """Follow-ups in time order, by lead, person, kind, status and due time."""
    query = select(FollowUp).order_by(FollowUp.scheduled_at, FollowUp.id).limit(limit)
    if lead_id is not None:
        query = query.where(FollowUp.lead_id == lead_id)
    if assigned_user_id is not None:
        query = query.where(FollowUp.assigned_user_id == assigned_user_id)
    if kinds:
        query = query.where(FollowUp.kind.in_(kinds))
    if statuses:
        query = query.where(FollowUp.status.in_(statuses))
    if due_before is not None:
        query = query.where(FollowUp.scheduled_at < due_before)
    return list((await session.scalars(query)).all())


async def tasks_of(session: AsyncSession, user_id: int) -> list[FollowUp]:
    """A person's task list: the calls and reminders assigned to them, not done or skipped yet."""
    return await list_follow_ups(session, assigned_user_id=user_id, kinds=[FollowUpKind.staff_reminder], statuses=TO_DO)


async def _default_assignee(session: AsyncSession, *candidates: int | None) -> int | None:
    """The first of ``candidates`` (the lead's salesperson, then whoever creates the task) who is a member."""
    for user_id in candidates:
        if await member(session, user_id) is not None:
            return user_id
    return None


LEAD_DATE = "next_follow_up_date"  # the template of the task a lead's next follow-up date stands for


def _future(at: datetime, now: datetime, field: str) -> datetime:
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    if at <= now - timedelta(minutes=1):
        raise ValidationFailed("must be in the future", field=field)
    return at


async def create(session: AsyncSession, data: FollowUpCreate, actor: Actor, now: datetime | None = None) -> FollowUp:
    now = now or datetime.now(UTC)
    lead = await session.get(Lead, data.lead_id)
    if lead is None:
        raise NotFound("lead not found", field="lead_id")
    at = _future(data.scheduled_at, now, "scheduled_at")
    conversation = await session.scalar(
        select(Conversation).where(Conversation.lead_id == lead.id).order_by(Conversation.created_at.desc()).limit(1)
    )
    if data.kind == FollowUpKind.ai_nudge and conversation is None:
        raise ValidationFailed("the lead has no conversation to write in; make it a task", field="kind")
    channel = data.channel or (
        service.channel_of(conversation)
        if data.kind == FollowUpKind.ai_nudge and conversation is not None
        else FollowUpChannel.phone
    )
    row = FollowUp(
        dealership_id=lead.dealership_id,
        lead_id=lead.id,
        conversation_id=conversation.id if conversation is not None else None,
        customer_id=lead.customer_id,
        assigned_user_id=(
            await assignee(session, data.assigned_user_id)
            if data.assigned_user_id is not None
            else await _default_assignee(session, lead.assigned_user_id, actor.user_id)
        ),
        kind=data.kind,
        channel=channel,
        scheduled_at=at,
        template="staff",
        notes=data.notes,
        status=FollowUpStatus.scheduled,
    )
    session.add(row)
    await session.flush()
    await service.schedule(session, row)
    await record(
        session,
        actor,
        "follow_up.create",
        dealership_id=row.dealership_id,
        resource_type="follow_up",
        resource_id=row.id,
        after=snapshot(row),
    )
    await service.sync_lead(session, lead.id)
    return row


def _open(row: FollowUp, doing: str) -> None:
    if row.status not in OPEN and not (row.kind == FollowUpKind.staff_reminder and row.status in TO_DO):
        raise Conflict(f"cannot {doing} a follow-up that is {row.status}", field="status")


async def _change(session: AsyncSession, row: FollowUp, values: dict[str, Any], actor: Actor, action: str) -> None:
    await apply_update(
        session, row, values, actor, action=action, resource_type="follow_up", dealership_id=row.dealership_id
    )
    await service.sync_lead(session, row.lead_id)


async def update_follow_up(
    session: AsyncSession, follow_up_id: uuid.UUID, data: FollowUpUpdate, actor: Actor, now: datetime | None = None
) -> FollowUp:
    """Edit the time, channel, person or words of a follow-up still to do."""
    now = now or datetime.now(UTC)
    row = await get(session, follow_up_id)
    _open(row, "edit")
    values = data.model_dump(exclude_unset=True)
    for key in ("scheduled_at", "channel"):
        if key in values and values[key] is None:
            raise ValidationFailed(f"{key} cannot be null", field=key)
    if "assigned_user_id" in values:
        await assignee(session, values["assigned_user_id"])
    moved = "scheduled_at" in values and values["scheduled_at"] != row.scheduled_at
    if moved:
        values["scheduled_at"] = _future(values["scheduled_at"], now, "scheduled_at")
        values["status"] = FollowUpStatus.scheduled
    await _change(session, row, values, actor, "follow_up.update")
    if moved:
        await service.schedule(session, row)
    return row


async def skip(session: AsyncSession, follow_up_id: uuid.UUID, actor: Actor) -> FollowUp:
    row = await get(session, follow_up_id)
    _open(row, "skip")
    values = {"status": FollowUpStatus.cancelled, "cancelled_reason": "skipped by staff"}
    await _change(session, row, values, actor, "follow_up.skip")
    return row


async def snooze(
    session: AsyncSession, follow_up_id: uuid.UUID, data: FollowUpSnooze, actor: Actor, now: datetime | None = None
) -> FollowUp:
    now = now or datetime.now(UTC)
    row = await get(session, follow_up_id)
    _open(row, "snooze")
    if data.until is not None:
        at = _future(data.until, now, "until")
    else:
        at = max(row.scheduled_at, now) + timedelta(hours=data.hours or 0)
    await _change(session, row, {"scheduled_at": at, "status": FollowUpStatus.scheduled}, actor, "follow_up.snooze")
    await service.schedule(session, row)
    return row


async def send_now(session: AsyncSession, follow_up_id: uuid.UUID, actor: Actor) -> FollowUp:
    """Due now: the job sends it (or e-mails the task to its person) right after this commits, checked as always."""
    row = await get(session, follow_up_id)
    if row.status != FollowUpStatus.scheduled:
        raise Conflict(f"cannot send a follow-up that is {row.status}", field="status")
    now = datetime.now(UTC)
    await _change(session, row, {"scheduled_at": now}, actor, "follow_up.send_now")
    await service.schedule(session, row, at=now)
    return row


async def complete(session: AsyncSession, follow_up_id: uuid.UUID, actor: Actor) -> FollowUp:
    """A task done (the call made)."""
    row = await get(session, follow_up_id)
    if row.kind != FollowUpKind.staff_reminder:
        raise ValidationFailed("only a task is marked done; a message step is sent or skipped", field="kind")
    _open(row, "complete")
    values = {"status": FollowUpStatus.completed, "completed_at": datetime.now(UTC)}
    await _change(session, row, values, actor, "follow_up.complete")
    return row


async def set_lead_date(
    session: AsyncSession, lead: Lead, at: datetime | None, notes: str | None, actor: Actor
) -> None:
    """A lead's ``next_follow_up_date`` set by hand is a task (a call) for its salesperson at that time: made, moved,
    or skipped when the date is cleared. The column then shows the earliest follow-up still to do."""
    await _set_lead_date(session, lead, at, notes, actor)
    await session.refresh(lead, ["next_follow_up_date"])


async def _set_lead_date(
    session: AsyncSession, lead: Lead, at: datetime | None, notes: str | None, actor: Actor
) -> None:
    task = await session.scalar(
        select(FollowUp)
        .where(FollowUp.lead_id == lead.id, FollowUp.template == LEAD_DATE, FollowUp.status == FollowUpStatus.scheduled)
        .limit(1)
    )
    if at is None:
        if task is not None:
            await skip(session, task.id, actor)
        else:
            await service.sync_lead(session, lead.id)
        return
    at = _future(at, datetime.now(UTC), LEAD_DATE)
    if task is not None:
        values: dict[str, Any] = {"scheduled_at": at, **({"notes": notes} if notes else {})}
        await _change(session, task, values, actor, "follow_up.update")
        await service.schedule(session, task)
        return
    row = await create(
        session,
        FollowUpCreate(lead_id=lead.id, scheduled_at=at, notes=notes, assigned_user_id=lead.assigned_user_id),
        actor,
    )
    row.template = LEAD_DATE
