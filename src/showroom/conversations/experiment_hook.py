"""Where a prompt experiment meets a turn (``turn.py`` calls these three, one line each).

- :func:`persona_choice`: the persona the agent answers with, changed by the conversation's variant: its persona,
  its template (LLM providers), its tone, greeting, sign-off and how it asks for contact details or a visit
  (persona arguments, the builtin agent's and the template's ``{{variables}}``). The conversation enters a running
  experiment here (``experiments.assignment``) on its first turn.
- :func:`inbound_riders` / :func:`customer_message`: what a customer's message asks of the experiments, sent with
  the statement that counts it (``rows.Rider``): the sticky read of the conversation's variant, when this process
  does not know it, and ``customer_replied``; then the other metric events (contact given).
- :func:`answer_riders` / :func:`answer_counted`: the entry decided by :func:`persona_choice`, recorded by the
  statement that counts the answer. So a turn sends no statement of its own for an experiment (issue 17).
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
from showroom.conversations.rows import Rider, TurnRows
from showroom.experiments import assignment, metrics
from showroom.experiments.assignment import ActiveVariant
from showroom.followups import service as followups
from showroom.models import Conversation, Message

ARGUMENTS = ("greeting", "sign_off", "contact_request", "visit_request")
# Contact details given in a message: an e-mail address or a phone number (7+ digits).
CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|(?:\+?\d[\s().-]*){7,}")


async def persona_choice(session: AsyncSession, turn: TurnRows) -> PersonaChoice:
    c = turn.conversation
    variant = await assignment.variant_for(session, turn.dealership.id, c.id, c.created_at, record_later=True)
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


async def inbound_riders(session: AsyncSession, conversation: Conversation, message: Message) -> list[Rider]:
    """What goes with counting a customer's message: nothing when no experiment is loaded (the cache); else the
    sticky read (unless this process knows the assignment) and ``customer_replied`` (unless recorded already, or
    the conversation is known to be in none)."""
    experiments = await assignment.active(session)
    if not experiments:
        return []
    riders = []
    sticky = assignment.sticky_params(experiments, conversation.id)
    if sticky is not None:
        riders.append(Rider("sticky", assignment.STICKY_RIDER, sticky))
    known = assignment.MEMO.get(conversation.id)
    replied = metrics.replied_params(conversation.id, message.id)
    if replied is not None and (known is None or known[0]):
        riders.append(Rider("replied", metrics.REPLIED_RIDER, replied))
    return riders


async def customer_message(
    session: AsyncSession, conversation: Conversation, message: Message, counted: Mapping[str, Any]
) -> None:
    """After the count: what its riders found, then the contact-given event (a statement, once per conversation,
    only for a message carrying contact details)."""
    if "sticky" in counted:
        assignment.read(conversation.id, counted["sticky"])
    if "replied" in counted:
        metrics.replied(conversation.id, counted["replied"])
    known = assignment.MEMO.get(conversation.id)
    if known is None or not known[0]:  # not in an experiment (yet: it enters at its first answer)
        return
    if CONTACT.search(message.content):
        await metrics.contact_given(session, conversation.id, message.id)


def answer_riders(session: AsyncSession, conversation: Conversation) -> list[Rider]:
    """The entry this turn decided (:func:`persona_choice`), recorded with the answer that uses it."""
    params = assignment.entry_params(session, conversation.id)
    return [] if params is None else [Rider("entered", assignment.ENTER_RIDER, params)]


def answer_counted(session: AsyncSession, conversation: Conversation, counted: Mapping[str, Any]) -> None:
    if "entered" in counted:
        assignment.entered(session, conversation.id, counted["entered"])
