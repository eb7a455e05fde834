"""The dead-letter list: leads no dealership claimed, for a platform admin to file (or leave)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record
from showroom.db.engine import Database
from showroom.db.tenancy import acting_for
from showroom.errors import Conflict, NotFound
from showroom.leads.adf_intake import DocumentOutcome, process_payload
from showroom.models import Dealership, IntakeDeadLetter


async def list_letters(maint: AsyncSession, *, resolved: bool | None = False) -> list[IntakeDeadLetter]:
    query = select(IntakeDeadLetter).order_by(IntakeDeadLetter.received_at.desc()).limit(500)
    if resolved is not None:
        query = query.where(
            IntakeDeadLetter.resolved_at.is_not(None) if resolved else IntakeDeadLetter.resolved_at.is_(None)
        )
    return list((await maint.scalars(query)).all())


async def assign(
    maint: AsyncSession, db: Database, letter_id: uuid.UUID, dealership_id: int, actor: Actor
) -> tuple[IntakeDeadLetter, DocumentOutcome]:
    """File a dead letter under a dealership: it goes through the normal intake, as that dealership's lead."""
    letter = await maint.get(IntakeDeadLetter, letter_id, with_for_update=True)
    if letter is None:
        raise NotFound(f"dead letter {letter_id} not found")
    if letter.resolved_at is not None:
        raise Conflict("this dead letter was already filed")
    if await maint.get(Dealership, dealership_id) is None:
        raise NotFound(f"dealership {dealership_id} not found", field="dealership_id")
    async with db.session() as session, session.begin(), acting_for(session, dealership_id, actor.user_id):
        outcomes = await process_payload(
            session,
            letter.payload.encode(),
            content_type=letter.content_type or "application/xml",
            actor=actor,
            dealership_id=dealership_id,
            channel=letter.channel,
        )
    outcome = next((o for o in outcomes if o.result is not None), outcomes[0])
    if outcome.result is None:
        raise Conflict(f"it still cannot become a lead: {outcome.error}")
    letter.resolved_at = datetime.now(UTC)
    letter.resolved_dealership_id = dealership_id
    letter.resolved_lead_id = outcome.result.lead.id
    await record(
        maint,
        actor,
        "dead_letter.assign",
        dealership_id=dealership_id,
        resource_type="intake_dead_letter",
        resource_id=letter.id,
        after={"lead_id": str(outcome.result.lead.id)},
    )
    return letter, outcome
