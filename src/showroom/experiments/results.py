"""An experiment's results: SQL aggregates (``queries``) through the pure analysis; frozen once it stopped."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.experiments import queries, stats
from showroom.experiments.analysis import Plan, VariantCounts, analyze
from showroom.experiments.service import FINISHED, get, variants_of
from showroom.models import Dealership, PromptExperiment, PromptVariant
from showroom.vocabulary import ExperimentMode


def _metrics(experiment: PromptExperiment) -> list[str]:
    return list(dict.fromkeys([experiment.primary_metric, *(experiment.guardrail_metrics or [])]))


async def variant_counts(
    session: AsyncSession, experiment: PromptExperiment, variants: list[PromptVariant], tz: str = "UTC"
) -> tuple[list[VariantCounts], queries.Counts]:
    metrics = _metrics(experiment)
    c = await queries.counts(session, experiment.id, metrics, tz)
    return [
        VariantCounts(
            v.id,
            v.name,
            v.is_control,
            float(v.traffic_allocation),
            c.assigned.get(v.id, 0),
            {m: c.events.get((v.id, m), 0) for m in metrics},
        )
        for v in variants
    ], c


def allocation(counts: list[VariantCounts], metric: str) -> dict[str, float]:
    """Adaptive mode's traffic shares, in percent: each variant's chance to be best (with a floor)."""
    arms = [stats.Arm(min(c.events.get(metric, 0), c.assigned), c.assigned) for c in counts]
    return {str(c.variant_id): round(w * 100, 3) for c, w in zip(counts, stats.thompson_weights(arms), strict=True)}


async def compute(session: AsyncSession, experiment: PromptExperiment) -> dict[str, Any]:
    """The live results (whatever the status)."""
    variants = await variants_of(session, experiment.id)
    dealership = await session.get(Dealership, experiment.dealership_id)
    counts, raw = await variant_counts(session, experiment, variants, dealership.timezone if dealership else "UTC")
    plan = Plan(
        primary_metric=experiment.primary_metric,
        guardrail_metrics=[m for m in _metrics(experiment) if m != experiment.primary_metric],
        confidence=float(experiment.confidence_level),
        required_per_variant=experiment.minimum_sample_size,
        inference=experiment.inference,
        mode=experiment.mode,
    )
    out = analyze(counts, plan)
    out["history"] = queries.cumulative_rates(raw, experiment.primary_metric, [v.id for v in variants])
    if experiment.mode == ExperimentMode.adaptive:
        out["allocation"] = allocation(counts, experiment.primary_metric)
    out.update(
        experiment_id=experiment.id,
        name=experiment.name,
        status=experiment.status,
        start_date=experiment.start_date.isoformat() if experiment.start_date else None,
        end_date=experiment.end_date.isoformat() if experiment.end_date else None,
        decision=experiment.decision,
        computed_at=datetime.now(UTC).isoformat(),
        frozen=False,
    )
    return out


async def results(session: AsyncSession, experiment_id: int) -> dict[str, Any]:
    """Live while the experiment runs or pauses; the frozen copy once it stopped (read-only)."""
    experiment = await get(session, experiment_id)
    if experiment.status in FINISHED and (experiment.results or {}).get("variants"):
        return {**experiment.results, "status": experiment.status, "frozen": True}
    return await compute(session, experiment)
