"""Which variant a conversation gets: sticky, deterministic, weighted, at most one experiment per conversation.

Running experiments share the new conversations: each holds a slice of ``[0, 100)`` as wide as its traffic share
(in id order; their shares sum to at most 100, ``service.start``), and a conversation's entry point is a hash of its
id, so it enters at most one. Inside the experiment a second hash picks the variant by the weights (adaptive mode:
by the Thompson shares last computed, ``results.allocation``). The first decision is recorded in
``experiment_variants`` and wins forever after. Only conversations created after the experiment started enter;
nothing is assigned while an experiment is a draft, scheduled ahead, paused, stopped or archived.

A turn with no experiment running costs no query (the cache); with one, one indexed read (and an insert on entry).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.cache import TenantCache
from showroom.models import ExperimentVariant, PromptExperiment, PromptVariant
from showroom.vocabulary import ExperimentMode, ExperimentStatus

# Paused experiments stay loaded: conversations already in keep their variant; none enters.
LOADED = (ExperimentStatus.scheduled, ExperimentStatus.running, ExperimentStatus.paused)


@dataclass(frozen=True)
class ActiveVariant:
    id: int
    experiment_id: int
    name: str
    is_control: bool
    weight: float
    persona_id: int | None
    prompt_template: str | None
    settings: Mapping[str, Any]


@dataclass(frozen=True)
class ActiveExperiment:
    id: int
    status: str
    start_date: datetime
    traffic_percentage: int
    variants: tuple[ActiveVariant, ...]

    def accepts(self, now: datetime) -> bool:
        return self.status != ExperimentStatus.paused and self.start_date <= now


ACTIVE_EXPERIMENTS: TenantCache[tuple[ActiveExperiment, ...]] = TenantCache("experiments")


async def active(session: AsyncSession) -> tuple[ActiveExperiment, ...]:
    """The dealership's scheduled, running and paused experiments with their variants (cached)."""

    async def load() -> tuple[ActiveExperiment, ...]:
        experiments = (
            await session.scalars(
                select(PromptExperiment)
                .where(PromptExperiment.status.in_(LOADED), PromptExperiment.start_date.is_not(None))
                .order_by(PromptExperiment.id)
            )
        ).all()
        if not experiments:
            return ()
        ids = [e.id for e in experiments]
        variants = (
            await session.scalars(
                select(PromptVariant).where(PromptVariant.experiment_id.in_(ids)).order_by(PromptVariant.id)
            )
        ).all()
        out = []
        for e in experiments:
            allocation = await _allocation(session, e, [v for v in variants if v.experiment_id == e.id])
            adaptive = bool(allocation)
            arms = tuple(
                ActiveVariant(
                    v.id,
                    e.id,
                    v.name,
                    v.is_control,
                    float(allocation.get(str(v.id), 0.0)) if adaptive else float(v.traffic_allocation),
                    v.persona_id,
                    v.prompt_template,
                    dict(v.settings or {}),
                )
                for v in variants
                if v.experiment_id == e.id
            )
            assert e.start_date is not None
            out.append(ActiveExperiment(e.id, e.status, e.start_date, e.traffic_percentage, arms))
        return tuple(out)

    return await ACTIVE_EXPERIMENTS.get(session, load)


async def _allocation(
    session: AsyncSession, experiment: PromptExperiment, variants: list[PromptVariant]
) -> dict[str, float]:
    """Adaptive mode: the Thompson shares from the counts so far (two aggregates, once per cache load, i.e. at most
    every ``cache.TTL_SECONDS`` per process); fixed mode: none, the weights decide."""
    if experiment.mode != ExperimentMode.adaptive:
        return {}
    from showroom.experiments.results import allocation, variant_counts  # a cycle: results imports this via service

    return allocation(await variant_counts(session, experiment, variants), experiment.primary_metric)


def unit(*parts: object) -> float:
    """A uniform number in [0, 1) from the parts (SHA-256: the same on every process and every run)."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def pick(variants: Sequence[ActiveVariant], u: float) -> ActiveVariant:
    total = sum(v.weight for v in variants)
    edge = 0.0
    for v in variants:
        edge += v.weight / total
        if u < edge:
            return v
    return variants[-1]


def choose(
    experiments: Sequence[ActiveExperiment], dealership_id: int, conversation_id: uuid.UUID, created_at: datetime
) -> ActiveVariant | None:
    """The variant a new conversation enters, or None (outside every experiment's slice, or not new enough)."""
    now = datetime.now(UTC)
    point = unit("entry", dealership_id, conversation_id) * 100
    edge = 0
    for e in experiments:
        low, edge = edge, edge + e.traffic_percentage
        if low <= point < edge:
            if not e.accepts(now) or created_at < e.start_date or not any(v.weight for v in e.variants):
                return None
            return pick(e.variants, unit("variant", e.id, conversation_id))
    return None


async def variant_for(
    session: AsyncSession, dealership_id: int, conversation_id: uuid.UUID, created_at: datetime
) -> ActiveVariant | None:
    """The conversation's variant: the one it got (sticky), else the one it enters now (recorded), else None."""
    experiments = await active(session)
    if not experiments:
        return None
    by_id = {v.id: v for e in experiments for v in e.variants}
    assigned = await session.scalar(
        select(ExperimentVariant.variant_id).where(
            ExperimentVariant.conversation_id == conversation_id,
            ExperimentVariant.experiment_id.in_([e.id for e in experiments]),
        )
    )
    if assigned is not None:
        return by_id.get(assigned)
    chosen = choose(experiments, dealership_id, conversation_id, created_at)
    if chosen is None:
        return None
    await session.execute(
        insert(ExperimentVariant)
        .values(
            dealership_id=dealership_id,
            experiment_id=chosen.experiment_id,
            variant_id=chosen.id,
            conversation_id=conversation_id,
        )
        .on_conflict_do_nothing()
    )
    return chosen


async def first_reply_at(session: AsyncSession, dealership_id: int, conversation_id: uuid.UUID) -> datetime | None:
    """When a new lead's first answer goes: later by the variant's ``first_reply_delay_seconds`` (the conversation
    enters its experiment here, at intake), else now (None)."""
    now = datetime.now(UTC)
    variant = await variant_for(session, dealership_id, conversation_id, now)
    delay = variant.settings.get("first_reply_delay_seconds") if variant is not None else None
    return now + timedelta(seconds=int(delay)) if delay else None
