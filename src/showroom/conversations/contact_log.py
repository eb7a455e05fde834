"""A call or a visit logged from a conversation: on the lead's timeline (``lead_activities``) and the customer's
interactions across channels (``customer_interactions``), audited, in one transaction."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record
from showroom.conversations.rows import turn_rows
from showroom.conversations.schemas import ContactLog, ContactLogOut
from showroom.conversations.service import get as get_conversation
from showroom.errors import ValidationFailed
from showroom.insights.profiles import record_interaction
from showroom.leads.service import add_activity
from showroom.vocabulary import ActivityType, InteractionType, LoggedContact

WORDS = {LoggedContact.call: ("Call", ActivityType.call, InteractionType.call, "phone")}
WORDS[LoggedContact.visit] = ("Visit", ActivityType.meeting, InteractionType.visit, "showroom")


async def log_contact(
    session: AsyncSession, conversation_id: uuid.UUID, data: ContactLog, actor: Actor
) -> ContactLogOut:
    conversation = await get_conversation(session, conversation_id)
    now = datetime.now(UTC)
    at = data.occurred_at or now
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    if at > now + timedelta(minutes=5):
        raise ValidationFailed(
            "a call or visit is logged once it happened: occurred_at is in the future", field="occurred_at"
        )
    rows = await turn_rows(session, conversation)
    title, activity_type, interaction_type, channel = WORDS[data.kind]
    activity = await add_activity(
        session,
        rows.lead,
        activity_type,
        f"{title} logged: {data.summary}",
        actor,
        notes=data.summary,
        outcome=data.outcome,
        duration=data.duration_minutes,
    )
    details = {"channel": channel, "summary": data.summary, "outcome": data.outcome, "user_id": actor.user_id}
    interaction_id = await record_interaction(
        session,
        rows.customer,
        interaction_type,
        conversation_id=conversation.id,
        details={k: v for k, v in details.items() if v is not None},
        at=at,
    )
    await session.flush()
    await record(
        session,
        actor,
        f"conversation.log_{data.kind}",
        dealership_id=conversation.dealership_id,
        resource_type="conversation",
        resource_id=conversation.id,
        after={"summary": data.summary, "occurred_at": at.isoformat()},
    )
    return ContactLogOut(activity_id=activity.id, interaction_id=interaction_id)
