"""Where a prompt experiment meets a turn (``turn.py`` calls these three, one line each).

- :func:`persona_choice`: the persona the agent answers with, changed by the conversation's variant: its persona,
  its template (LLM providers), its tone, greeting, sign-off and how it asks for contact details or a visit
  (persona arguments, the builtin agent's and the template's ``{{variables}}``). The conversation enters a running
  experiment here (``experiments.assignment``) on its first turn.
- :func:`customer_message`: the metric events a customer's message makes (replied within 24 h, contact given).
- :func:`follow_up_days`: the follow-up cadence, changed by the variant.
- :func:`answered`: those of the agent's answer (its response time, the LLM's tokens).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.context import PersonaChoice, persona_for
from showroom.brain.types import PersonaView
from showroom.conversations.rows import TurnRows
from showroom.experiments import assignment, metrics
from showroom.experiments.assignment import ActiveVariant
from showroom.followups import service as followups
from showroom.models import Conversation, Message

ARGUMENTS = ("greeting", "sign_off", "contact_request", "visit_request")
# Contact details given in a message: an e-mail address or a phone number (7+ digits).
CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|(?:\+?\d[\s().-]*){7,}")


async def persona_choice(session: AsyncSession, turn: TurnRows) -> PersonaChoice:
    c = turn.conversation
    variant = await assignment.variant_for(session, turn.dealership.id, c.id, c.created_at)
    persona_id = variant.persona_id if variant is not None and variant.persona_id else c.ai_persona_id
    choice = await persona_for(session, turn.dealership, persona_id)
    return with_variant(choice, variant) if variant is not None else choice


def with_variant(choice: PersonaChoice, variant: ActiveVariant) -> PersonaChoice:
    settings = variant.settings
    arguments = {**choice.view.arguments, **{k: settings[k] for k in ARGUMENTS if settings.get(k)}}
    tone = str(settings.get("tone") or choice.view.tone)
    if settings.get("tone"):
        arguments["tone"] = tone
    view = PersonaView(name=choice.view.name, tone=tone, arguments=arguments)
    return PersonaChoice(
        choice.persona_id, view, variant.prompt_template or choice.template, variant.id, variant.experiment_id
    )


async def follow_up_days(
    session: AsyncSession, conversation: Conversation, agent_config: Mapping[str, Any] | None
) -> tuple[followups.Step, ...]:
    """The follow-up cadence of ``conversation``: its variant's ``follow_up_days`` if it sets one (days, on the
    conversation's channel), else the dealership's (``followups.cadence``: steps with their channel)."""
    c = conversation
    variant = await assignment.variant_for(session, c.dealership_id, c.id, c.created_at, enter=False)
    steps = followups.steps_of(variant.settings.get("follow_up_days")) if variant is not None else None
    return followups.cadence(dict(agent_config or {})) if steps is None else steps


def answered(session: AsyncSession, choice: PersonaChoice, reply: Message, tokens: int | None) -> None:
    """The metric events of an AI answer given with a variant's persona (none outside an experiment)."""
    if choice.variant_id is not None and choice.experiment_id is not None:
        metrics.answered(
            session,
            choice.experiment_id,
            choice.variant_id,
            reply,
            response_time_ms=reply.processing_time,
            tokens=tokens,
        )


async def customer_message(session: AsyncSession, conversation: Conversation, message: Message) -> None:
    experiments = await assignment.active(session)
    if not experiments:  # no experiment: no statement
        return
    variant_id, _ = await assignment.assigned(session, experiments, conversation.id)
    if variant_id is None:  # not in one (yet: it enters at its first answer)
        return
    await metrics.customer_replied(session, conversation.id, message.id)
    if CONTACT.search(message.content):
        await metrics.contact_given(session, conversation.id, message.id)
