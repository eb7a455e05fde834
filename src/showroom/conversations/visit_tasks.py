"""The ``appointment.remind`` job (issue 18): a reminder before a visit, in the lead's latest conversation (the
customer's channel), with the signed link to move or cancel it. The appointment's row is locked while the reminder
is written, and a reminder already written for the same start time is not written again, so a retried or repeated
job sends it once; a moved or cancelled appointment gets none (the job carries the start it was made for)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.appointments import links
from showroom.appointments.invitation import address_of, vehicle_words
from showroom.appointments.reminders import QUEUE
from showroom.brain import visits
from showroom.brain.dialogue import DialogueState
from showroom.brain.i18n import say
from showroom.conversations import effects
from showroom.conversations.channels import may_automate
from showroom.conversations.rows import turn_rows
from showroom.jobs import tenant_task
from showroom.models import Appointment, Conversation, Message, Vehicle
from showroom.models.appointments import HOLDING
from showroom.services import Services


async def remind(
    session: AsyncSession, services: Services, appointment_id: uuid.UUID, hours: int, starts_at: str
) -> str:
    async with session.begin():
        appointment = await session.scalar(
            select(Appointment).where(Appointment.id == appointment_id).with_for_update(key_share=True)
        )
        if appointment is None or appointment.status not in HOLDING:
            return "nothing to do"
        if appointment.starts_at != datetime.fromisoformat(starts_at):
            return "moved since: its own reminders are queued"
        if appointment.starts_at <= datetime.now(UTC):
            return "too late"
        conversation = await session.scalar(
            select(Conversation)
            .where(Conversation.lead_id == appointment.lead_id)
            .order_by(Conversation.created_at.desc())
            .limit(1)
        )
        if conversation is None:
            return "no conversation to write in"
        key = f"{appointment.id}:{hours}:{starts_at}"
        sent = await session.scalar(
            select(
                exists().where(Message.conversation_id == conversation.id, Message.entities["reminder"].astext == key)
            )
        )
        if sent:
            return "already sent"
        turn = await turn_rows(session, conversation)
        refused = may_automate(turn.customer, conversation.channel)
        if refused is not None:
            return f"not sent: {refused}"
        language = DialogueState.from_json(conversation.dialogue_state).language or "en"
        language = language if language in ("en", "es") else "en"
        zone = turn.dealership.timezone
        local = appointment.starts_at.astimezone(ZoneInfo(zone))
        vehicle = await session.get(Vehicle, appointment.vehicle_id) if appointment.vehicle_id else None
        words = vehicle_words(vehicle)
        text = visits.reminder_text(
            language,
            test_drive=appointment.kind == "test_drive",
            when=visits.when_words(local, datetime.now(UTC).astimezone(local.tzinfo).date(), language),
            dealer=turn.dealership.name,
            address=address_of(turn.dealership),
            link=links.url(services.settings, appointment.id, appointment.dealership_id),
        )
        if words:
            text += say(language, " We'll have the {vehicle} ready for you.", vehicle=words.split(" (stock")[0])
        await effects.say(
            session,
            services,
            turn,
            None,
            text,
            model="reminder",
            entities={"reminder": key, "appointment": str(appointment.id)},
        )
        return "sent"


@tenant_task(name="appointment.remind", queue=QUEUE, retry=3)
async def remind_visit(session: AsyncSession, s: Services, appointment_id: str, hours: int, starts_at: str) -> str:
    return await remind(session, s, uuid.UUID(appointment_id), hours, starts_at)
