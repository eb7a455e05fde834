"""Which variant a conversation gets: sticky, deterministic, weighted, at most one experiment per conversation.

Running experiments share the new conversations: each holds a slice of ``[0, 100)`` as wide as its traffic share
(in id order; their shares sum to at most 100, ``service.start``), and a conversation's entry point is a hash of its
id, so it enters at most one. Inside the experiment a second hash picks the variant by the weights (adaptive mode:
by the Thompson shares last computed, ``results.allocation``). The first decision is recorded in
``experiment_variants`` and wins forever after. Only conversations created after the experiment started enter;
nothing is assigned while an experiment is a draft, scheduled ahead, paused, stopped or archived.

A turn with no experiment running costs no query (the cache); with one, none of its own either: the sticky read
rides on the statement that counts the customer's message, and a conversation entering is recorded by the statement
that counts the answer (``conversations.experiment_hook``, ``rows.Rider``; DESIGN.md, prompt experiments).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.cache import TenantCache
from showroom.db.engine import fetch_one
from showroom.models import PromptExperiment, PromptVariant
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

    counts, _ = await variant_counts(session, experiment, variants)
    return allocation(counts, experiment.primary_metric)


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


STICKY_SQL = (
    "select variant_id from experiment_variants where conversation_id = %(conversation_id)s "
    "and experiment_id = any(%(experiments)s) limit 1"
)
ENTER_SQL = (
    "insert into experiment_variants (dealership_id, experiment_id, variant_id, conversation_id) "
    "values (%(dealership_id)s, %(experiment_id)s, %(variant_id)s, %(conversation_id)s) "
    "on conflict do nothing returning variant_id"
)
MEMO_SIZE = 100_000
# The same two statements as CTEs of the statement that counts a message (``conversations.rows.Rider``).
STICKY_RIDER = (
    "select variant_id as value from experiment_variants where conversation_id = :sticky_conversation_id "
    "and experiment_id = any(:sticky_experiments) limit 1"
)
ENTER_RIDER = (
    "insert into experiment_variants (dealership_id, experiment_id, variant_id, conversation_id) "
    "values (:enter_dealership_id, :enter_experiment_id, :enter_variant_id, :enter_conversation_id) "
    "on conflict do nothing returning variant_id as value"
)
# session.info: the entries decided in this session's turn and not yet recorded, by conversation id (recorded with
# the answer, by the statement that counts it).
ENTRIES = "showroom.experiments.entries"


class _Memo:
    """What this process knows of conversations' assignments, so that a turn usually costs no statement: a
    recorded variant (assignments are append-only: it never changes), "in none" as decided against one loaded set
    of experiments (decided again, in Python, when the set changes), or "none recorded" (read; to be decided).
    Bounded, least recently used first out."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._known: OrderedDict[uuid.UUID, tuple[int, object]] = OrderedDict()

    def get(self, conversation_id: uuid.UUID) -> tuple[int, object] | None:
        known = self._known.get(conversation_id)
        if known is not None:
            self._known.move_to_end(conversation_id)
        return known

    def put(self, conversation_id: uuid.UUID, variant_id: int, against: object = None) -> None:
        self._known[conversation_id] = (variant_id, against)
        self._known.move_to_end(conversation_id)
        if len(self._known) > self.size:
            self._known.popitem(last=False)

    def forget(self, conversation_id: uuid.UUID) -> None:
        self._known.pop(conversation_id, None)

    def clear(self) -> None:
        self._known.clear()


MEMO = _Memo()


def sticky_params(experiments: Sequence[ActiveExperiment], conversation_id: uuid.UUID) -> dict[str, Any] | None:
    """The parameters of the sticky read (``STICKY_RIDER``) when this process does not know the conversation's
    assignment; None when it does (nothing to read)."""
    if MEMO.get(conversation_id) is not None:
        return None
    return {"sticky_conversation_id": conversation_id, "sticky_experiments": [e.id for e in experiments]}


def read(conversation_id: uuid.UUID, variant_id: int | None) -> None:
    """What the sticky read found (a recorded variant id, or None)."""
    if variant_id is not None:
        MEMO.put(conversation_id, int(variant_id))
    else:
        MEMO.put(conversation_id, 0, None)  # read, none recorded: the same turn decides without reading again


async def assigned(
    session: AsyncSession, experiments: Sequence[ActiveExperiment], conversation_id: uuid.UUID
) -> tuple[int | None, bool]:
    """(the recorded variant id or None, whether that is certain without deciding again)."""
    known = MEMO.get(conversation_id)
    if known is not None:
        variant_id, against = known
        if variant_id:
            return variant_id, True
        return None, against is experiments  # against None: read, none recorded, not yet decided
    row = await fetch_one(
        session, STICKY_SQL, {"conversation_id": conversation_id, "experiments": [e.id for e in experiments]}
    )
    read(conversation_id, None if row is None else int(row["variant_id"]))
    return (int(row["variant_id"]), True) if row is not None else (None, False)


def entry_params(session: AsyncSession, conversation_id: uuid.UUID) -> dict[str, Any] | None:
    """The parameters of recording the entry this session's turn decided for the conversation (``ENTER_RIDER``),
    or None."""
    chosen = session.info.get(ENTRIES, {}).get(conversation_id)
    if chosen is None:
        return None
    dealership_id, variant = chosen
    return {
        "enter_dealership_id": dealership_id,
        "enter_experiment_id": variant.experiment_id,
        "enter_variant_id": variant.id,
        "enter_conversation_id": conversation_id,
    }


def entered(session: AsyncSession, conversation_id: uuid.UUID, variant_id: int | None) -> None:
    """The entry's statement ran: recorded (``variant_id``), or another process recorded one first (None: read
    again when next needed; theirs stands)."""
    session.info.get(ENTRIES, {}).pop(conversation_id, None)
    if variant_id is not None:
        MEMO.put(conversation_id, int(variant_id))
    else:
        MEMO.forget(conversation_id)


def _variant(experiments: Sequence[ActiveExperiment], variant_id: int) -> ActiveVariant | None:
    return next((v for e in experiments for v in e.variants if v.id == variant_id), None)


async def variant_for(
    session: AsyncSession,
    dealership_id: int,
    conversation_id: uuid.UUID,
    created_at: datetime,
    *,
    enter: bool = True,
    record_later: bool = False,
) -> ActiveVariant | None:
    """The conversation's variant: the one it got (sticky), else the one it enters now (recorded; not when
    ``enter`` is False), else None. No statement when no experiment runs or this process knows the answer.
    ``record_later``: the entry is kept in the session (``ENTRIES``) and recorded by the statement that counts the
    answer (``entry_params``), not by a statement of its own."""
    experiments = await active(session)
    if not experiments:
        return None
    pending = session.info.get(ENTRIES, {}).get(conversation_id)
    if pending is not None:  # decided in this session's turn, to be recorded with the answer
        return _variant(experiments, pending[1].id)
    variant_id, certain = await assigned(session, experiments, conversation_id)
    if variant_id is not None:
        return _variant(experiments, variant_id)  # None once its experiment stopped
    if certain or not enter:
        return None
    chosen = choose(experiments, dealership_id, conversation_id, created_at)
    if chosen is None:
        MEMO.put(conversation_id, 0, experiments)
        return None
    if record_later:
        session.info.setdefault(ENTRIES, {})[conversation_id] = (dealership_id, chosen)
        return chosen
    params = {
        "dealership_id": dealership_id,
        "experiment_id": chosen.experiment_id,
        "variant_id": chosen.id,
        "conversation_id": conversation_id,
    }
    row = await fetch_one(session, ENTER_SQL, params)
    if row is None:  # another process recorded it first: theirs stands
        MEMO.forget(conversation_id)
        variant_id, _ = await assigned(session, experiments, conversation_id)
        return _variant(experiments, variant_id) if variant_id else None
    MEMO.put(conversation_id, chosen.id)
    return chosen


async def first_reply_at(session: AsyncSession, dealership_id: int, conversation_id: uuid.UUID) -> datetime | None:
    """When a new lead's first answer goes: later by the variant's ``first_reply_delay_seconds`` (the conversation
    enters its experiment here, at intake), else now (None)."""
    now = datetime.now(UTC)
    variant = await variant_for(session, dealership_id, conversation_id, now)
    delay = variant.settings.get("first_reply_delay_seconds") if variant is not None else None
    return now + timedelta(seconds=int(delay)) if delay else None
