"""Stopping with a decision promotes the winner: its persona becomes the default, and its template and settings
become that persona's (``arguments``: tone, greeting, sign-off, how it asks for contact and a visit; not the first
reply's delay, which only an experiment sets); a follow-up cadence the winner set becomes the dealership's
(``agent_config.follow_up_days``). Every change audited; the experiment keeps its frozen results."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record, snapshot
from showroom.cache import NAMED
from showroom.models import Dealership, Persona, PromptExperiment, PromptVariant
from showroom.vocabulary import CadenceChannel

TIMING = frozenset({"first_reply_delay_seconds", "follow_up_days"})


async def promote(session: AsyncSession, experiment: PromptExperiment, winner: PromptVariant, actor: Actor) -> Persona:
    persona = None
    if winner.persona_id is not None:
        persona = await session.get(Persona, winner.persona_id)
    if persona is None:
        persona = await session.scalar(select(Persona).where(Persona.is_default))
    if persona is None:
        dealership = await session.get(Dealership, experiment.dealership_id)
        assert dealership is not None
        persona = Persona(
            dealership_id=experiment.dealership_id,
            name=f"{dealership.persona_name} ({winner.name}, experiment {experiment.id})"[:255],
            prompt_template=dealership.persona_template or "",
            arguments={"tone": dealership.persona_tone},
            is_default=False,
        )
        session.add(persona)
        await session.flush()
    before = snapshot(persona, {"is_default", "prompt_template", "arguments"})
    await session.execute(update(Persona).where(Persona.is_default, Persona.id != persona.id).values(is_default=False))
    persona.is_default = True
    persona.arguments = {**(persona.arguments or {}), **_persona_settings(winner)}
    if winner.prompt_template:
        persona.prompt_template = winner.prompt_template
    await session.flush()
    _drop_personas(session, experiment.dealership_id)
    await _promote_cadence(session, experiment, winner, actor)
    await record(
        session,
        actor,
        "experiment.promote",
        dealership_id=experiment.dealership_id,
        resource_type="persona",
        resource_id=persona.id,
        before=before,
        after={
            **snapshot(persona, {"is_default", "prompt_template", "arguments"}),
            "experiment_id": experiment.id,
            "variant_id": winner.id,
        },
    )
    return persona


def _persona_settings(winner: PromptVariant) -> dict[str, object]:
    """What a persona holds of a variant's settings: all but the timing (the first reply's delay applies through
    an experiment only; a persona has no such setting)."""
    return {k: v for k, v in (winner.settings or {}).items() if k not in TIMING}


async def _promote_cadence(
    session: AsyncSession, experiment: PromptExperiment, winner: PromptVariant, actor: Actor
) -> None:
    days = (winner.settings or {}).get("follow_up_days")
    if not isinstance(days, list):
        return
    dealership = await session.get(Dealership, experiment.dealership_id)
    assert dealership is not None
    before = list((dealership.agent_config or {}).get("follow_up_days") or [])
    # the winner's days, each step keeping the channel the dealership gave the step in its place (a call stays a call)
    channels = [str(item.get("channel") or CadenceChannel.same) if isinstance(item, dict) else CadenceChannel.same
                for item in before]  # fmt: skip
    steps = [
        {"day": day, "channel": str(channels[i]) if i < len(channels) else str(CadenceChannel.same)}
        for i, day in enumerate(sorted(int(d) for d in days))
    ]
    dealership.agent_config = {**(dealership.agent_config or {}), "follow_up_days": steps}
    await session.flush()
    await record(
        session,
        actor,
        "dealership.update",
        dealership_id=dealership.id,
        resource_type="dealership",
        resource_id=dealership.id,
        before={"agent_config": {"follow_up_days": before}},
        after={
            "agent_config": {"follow_up_days": steps},
            "experiment_id": experiment.id,
            "variant_id": winner.id,
        },
    )


def _drop_personas(session: AsyncSession, dealership_id: int) -> None:
    """The agent's persona cache (``agent.context.PERSONAS``, a layer above) forgets this dealership's."""
    cache = NAMED.get("personas")
    if cache is not None:
        cache.changed(session, dealership_id)
