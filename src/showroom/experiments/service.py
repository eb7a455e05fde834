"""Experiments: create, edit while a draft, start, pause, stop with a decision (promoting the winner), archive.

Every change writes its audit row in the same transaction. Variants are frozen once an experiment has run: a change
would put two treatments under one name and the results would measure neither.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, jsonable, record, snapshot
from showroom.brain import prompts
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.experiments import assignment, promotion, stats
from showroom.experiments.schemas import (
    CONVERSION_METRICS,
    ExperimentCreate,
    ExperimentUpdate,
    StopIn,
    VariantIn,
)
from showroom.models import Conversation, Persona, PromptExperiment, PromptVariant
from showroom.vocabulary import ExperimentStatus, MetricName

ACTIVE = (ExperimentStatus.scheduled, ExperimentStatus.running)
FINISHED = (ExperimentStatus.completed, ExperimentStatus.archived)
TRAFFIC_WINDOW_DAYS = 28
PLAN_FIELDS = {
    "name",
    "description",
    "hypothesis",
    "primary_metric",
    "guardrail_metrics",
    "traffic_percentage",
    "baseline_rate",
    "minimum_detectable_effect",
    "power",
    "confidence_level",
    "mode",
    "inference",
}
RUNNING_FIELDS = {"name", "description", "hypothesis"}  # words only; the design is fixed once it runs


async def get(session: AsyncSession, experiment_id: int) -> PromptExperiment:
    experiment = await session.get(PromptExperiment, experiment_id)
    if experiment is None:
        raise NotFound(f"experiment {experiment_id} not found")
    return experiment


async def variants_of(session: AsyncSession, experiment_id: int) -> list[PromptVariant]:
    """The control first, then by id."""
    rows = await session.scalars(
        select(PromptVariant)
        .where(PromptVariant.experiment_id == experiment_id)
        .order_by(PromptVariant.is_control.desc(), PromptVariant.id)
    )
    return list(rows.all())


async def list_all(session: AsyncSession) -> list[PromptExperiment]:
    rows = await session.scalars(select(PromptExperiment).order_by(PromptExperiment.id.desc()))
    return list(rows.all())


def _check_metrics(primary: str | None, guardrails: list[MetricName] | None) -> None:
    if primary is not None and primary not in CONVERSION_METRICS:
        raise ValidationFailed(
            f"{primary} is not a conversion metric; choose one of {', '.join(CONVERSION_METRICS)}",
            field="primary_metric",
        )
    for i, metric in enumerate(guardrails or ()):
        if metric not in CONVERSION_METRICS:
            raise ValidationFailed(f"{metric} cannot be a guardrail", field=f"guardrail_metrics.{i}")


async def _check_variants(session: AsyncSession, items: list[VariantIn]) -> None:
    if len(items) < 2:
        raise ValidationFailed("an experiment needs at least two variants, one of them the control", field="variants")
    controls = sum(v.is_control for v in items)
    if controls != 1:
        raise ValidationFailed(f"mark exactly one variant as the control (found {controls})", field="variants")
    total = sum(v.weight for v in items)
    if total != 100:
        raise ValidationFailed(f"the variants' weights sum to {total}, not 100", field="variants")
    seen: set[str] = set()
    for i, v in enumerate(items):
        if v.name.lower() in seen:
            raise ValidationFailed(f"two variants are named {v.name!r}", field=f"variants.{i}.name")
        seen.add(v.name.lower())
        arguments: dict[str, Any] = {}
        if v.persona_id is not None:
            persona = await session.get(Persona, v.persona_id)  # RLS: another dealership's persona is invisible
            if persona is None:
                raise ValidationFailed(f"persona {v.persona_id} does not exist", field=f"variants.{i}.persona_id")
            arguments = dict(persona.arguments or {})
        if v.prompt_template is not None:
            unknown = prompts.unknown_variables(v.prompt_template, {*arguments, "contact_request", "visit_request"})
            if unknown:
                names = ", ".join("{{" + n + "}}" for n in unknown)
                raise ValidationFailed(f"unknown variable(s) {names}", field=f"variants.{i}.prompt_template")


def _variant_row(experiment: PromptExperiment, v: VariantIn) -> PromptVariant:
    return PromptVariant(
        dealership_id=experiment.dealership_id,
        experiment_id=experiment.id,
        name=v.name,
        description=v.description,
        prompt_template=v.prompt_template,
        persona_id=v.persona_id,
        is_control=v.is_control,
        traffic_allocation=v.weight,
        settings=v.settings.model_dump(exclude_none=True, mode="json"),
    )


def _plan_values(data: ExperimentCreate | ExperimentUpdate) -> dict[str, Any]:
    """The plan's columns: all of them for a new experiment, those given for an edit."""
    values = data.model_dump(exclude_unset=isinstance(data, ExperimentUpdate), include=PLAN_FIELDS, mode="json")
    for key in ("baseline_rate", "minimum_detectable_effect", "power", "confidence_level"):
        if values.get(key) is not None:
            values[key] = Decimal(str(round(values[key], 4)))
    return values


def sample_size(experiment: PromptExperiment, arms: int) -> int:
    """Conversations per variant the plan needs (Holm-safe: alpha split across the comparisons to control)."""
    try:
        return stats.sample_size(
            float(experiment.baseline_rate or Decimal("0.2")),
            float(experiment.minimum_detectable_effect or Decimal("0.05")),
            alpha=1 - float(experiment.confidence_level),
            power=float(experiment.power),
            comparisons=max(1, arms - 1),
        )
    except ValueError as exc:
        raise ValidationFailed(str(exc), field="minimum_detectable_effect") from exc


async def create(session: AsyncSession, dealership_id: int, data: ExperimentCreate, actor: Actor) -> PromptExperiment:
    _check_metrics(data.primary_metric, data.guardrail_metrics)
    await _check_variants(session, data.variants)
    experiment = PromptExperiment(dealership_id=dealership_id, start_date=data.planned_start, **_plan_values(data))
    experiment.minimum_sample_size = sample_size(experiment, len(data.variants))
    session.add(experiment)
    await session.flush()
    session.add_all([_variant_row(experiment, v) for v in data.variants])
    await session.flush()
    await record(
        session,
        actor,
        "experiment.create",
        dealership_id=dealership_id,
        resource_type="experiment",
        resource_id=experiment.id,
        after={**snapshot(experiment), "variants": [v.model_dump(mode="json") for v in data.variants]},
    )
    return experiment


async def update(session: AsyncSession, experiment_id: int, data: ExperimentUpdate, actor: Actor) -> PromptExperiment:
    experiment = await get(session, experiment_id)
    values = _plan_values(data)
    given = data.model_dump(exclude_unset=True)
    if experiment.status in FINISHED:
        raise Conflict(f"the experiment is {experiment.status}: its results are read-only", field="status")
    if experiment.status != ExperimentStatus.draft:
        if "variants" in given:
            raise Conflict(
                f"the variants of a {experiment.status} experiment cannot change: its results would mix two "
                "treatments under one name. Stop it and start a new experiment.",
                field="variants",
            )
        frozen = sorted(set(given) - RUNNING_FIELDS)
        if frozen:
            raise Conflict(
                f"{', '.join(frozen)} cannot change once the experiment has started (only its name, description "
                "and hypothesis can)",
                field=frozen[0],
            )
    _check_metrics(data.primary_metric, data.guardrail_metrics)
    before = snapshot(experiment)
    for key, value in values.items():
        setattr(experiment, key, value)
    if "planned_start" in given:
        experiment.start_date = data.planned_start
    if data.variants is not None:
        await _check_variants(session, data.variants)
        before["variants"] = [snapshot(v) for v in await variants_of(session, experiment.id)]
        await session.execute(delete(PromptVariant).where(PromptVariant.experiment_id == experiment.id))
        session.add_all([_variant_row(experiment, v) for v in data.variants])
    arms = len(data.variants) if data.variants is not None else len(await variants_of(session, experiment.id))
    experiment.minimum_sample_size = sample_size(experiment, arms)
    await session.flush()
    after = snapshot(experiment)
    if data.variants is not None:
        after["variants"] = [v.model_dump(mode="json") for v in data.variants]
    await record(
        session,
        actor,
        "experiment.update",
        dealership_id=experiment.dealership_id,
        resource_type="experiment",
        resource_id=experiment.id,
        before={k: v for k, v in before.items() if after.get(k) != v},
        after={k: v for k, v in after.items() if before.get(k) != v},
    )
    return experiment


async def _transition(
    session: AsyncSession, experiment: PromptExperiment, status: str, actor: Actor, **details: Any
) -> PromptExperiment:
    before = experiment.status
    experiment.status = status
    assignment.ACTIVE_EXPERIMENTS.changed(session, experiment.dealership_id)
    await session.flush()
    await record(
        session,
        actor,
        f"experiment.{details.pop('action')}",
        dealership_id=experiment.dealership_id,
        resource_type="experiment",
        resource_id=experiment.id,
        before={"status": before},
        after=jsonable({"status": status, **details}),
    )
    return experiment


async def start(session: AsyncSession, experiment_id: int, actor: Actor) -> PromptExperiment:
    """Draft or paused to running (scheduled while its planned start is ahead). New conversations enter it from now;
    running experiments share the new conversations, so their traffic shares may not exceed 100% together."""
    experiment = await get(session, experiment_id)
    if experiment.status not in (ExperimentStatus.draft, ExperimentStatus.paused):
        raise Conflict(f"a {experiment.status} experiment cannot start", field="status")
    others = await session.scalar(
        select(func.coalesce(func.sum(PromptExperiment.traffic_percentage), 0)).where(
            PromptExperiment.status.in_(ACTIVE), PromptExperiment.id != experiment.id
        )
    )
    if int(others or 0) + experiment.traffic_percentage > 100:
        raise Conflict(
            f"running experiments already take {others}% of new conversations; lower this one's share to "
            f"{100 - int(others or 0)}% or pause another",
            field="traffic_percentage",
        )
    now = datetime.now(UTC)
    if experiment.start_date is None or (experiment.status == ExperimentStatus.draft and experiment.start_date < now):
        experiment.start_date = now
    status = ExperimentStatus.scheduled if experiment.start_date > now else ExperimentStatus.running
    return await _transition(session, experiment, status, actor, action="start", start_date=experiment.start_date)


async def pause(session: AsyncSession, experiment_id: int, actor: Actor) -> PromptExperiment:
    """No new conversation enters; those already in keep their variant."""
    experiment = await get(session, experiment_id)
    if experiment.status not in ACTIVE:
        raise Conflict(f"only a running experiment can pause (this one is {experiment.status})", field="status")
    return await _transition(session, experiment, ExperimentStatus.paused, actor, action="pause")


async def archive(session: AsyncSession, experiment_id: int, actor: Actor) -> PromptExperiment:
    experiment = await get(session, experiment_id)
    if experiment.status not in (ExperimentStatus.draft, ExperimentStatus.completed):
        raise Conflict(f"stop the experiment before archiving it (it is {experiment.status})", field="status")
    if experiment.start_date is None:  # a draft that never ran: dated the day it was shelved
        experiment.start_date = datetime.now(UTC)
    return await _transition(session, experiment, ExperimentStatus.archived, actor, action="archive")


async def stop(
    session: AsyncSession, experiment_id: int, data: StopIn, actor: Actor, results: dict[str, Any]
) -> PromptExperiment:
    """Running or paused to completed, with the decision in words and the results frozen as they are now; the
    chosen variant's settings become the dealership's defaults when ``promote`` (``promotion.promote``)."""
    experiment = await get(session, experiment_id)
    if experiment.status not in (*ACTIVE, ExperimentStatus.paused):
        raise Conflict(
            f"only a running or paused experiment can stop (this one is {experiment.status})", field="status"
        )
    variants = {v.id: v for v in await variants_of(session, experiment.id)}
    if data.winner_variant_id is not None and data.winner_variant_id not in variants:
        raise ValidationFailed(
            f"variant {data.winner_variant_id} is not one of this experiment's", field="winner_variant_id"
        )
    experiment.winner_variant_id = data.winner_variant_id
    experiment.decision = data.decision
    experiment.results = results
    experiment.end_date = max(datetime.now(UTC), (experiment.start_date or datetime.now(UTC)) + timedelta(seconds=1))
    await _transition(
        session,
        experiment,
        ExperimentStatus.completed,
        actor,
        action="stop",
        decision=data.decision,
        winner_variant_id=data.winner_variant_id,
        verdict=results.get("verdict"),
    )
    winner = variants.get(data.winner_variant_id) if data.winner_variant_id is not None else None
    if winner is not None and data.promote and not winner.is_control:
        await promotion.promote(session, experiment, winner, actor)
    return experiment


async def recent_conversations_per_day(session: AsyncSession) -> float:
    since = datetime.now(UTC) - timedelta(days=TRAFFIC_WINDOW_DAYS)
    count = await session.scalar(select(func.count()).select_from(Conversation).where(Conversation.created_at >= since))
    return int(count or 0) / TRAFFIC_WINDOW_DAYS


def effective_status(experiment: PromptExperiment) -> str:
    """A scheduled experiment whose planned start has passed is running (conversations enter it)."""
    started = experiment.start_date is not None and experiment.start_date <= datetime.now(UTC)
    return (
        ExperimentStatus.running if experiment.status == ExperimentStatus.scheduled and started else experiment.status
    )


def plan(experiment: PromptExperiment, variants: list[PromptVariant], per_day: float) -> dict[str, Any]:
    """The sample the plan needs and how long the dealership's recent traffic takes to bring it: the smallest
    variant's share of the experiment's share of new conversations decides."""
    per_variant = experiment.minimum_sample_size
    smallest = min((v.traffic_allocation for v in variants if v.traffic_allocation > 0), default=100) / 100
    new_needed = per_variant / smallest / (experiment.traffic_percentage / 100)
    return {
        "sample_size_per_variant": per_variant,
        "conversations_needed": per_variant * len(variants),
        "recent_conversations_per_day": round(per_day, 2),
        "expected_days": round(new_needed / per_day, 1) if per_day > 0 else None,
    }


async def describe(session: AsyncSession, experiment: PromptExperiment) -> dict[str, Any]:
    """The experiment as the API shows it: its plan, variants, and the sample and duration the plan needs."""
    variants = await variants_of(session, experiment.id)
    per_day = await recent_conversations_per_day(session)
    return {
        **{c: getattr(experiment, c) for c in ("id", "name", "description", "hypothesis", "primary_metric")},
        "status": effective_status(experiment),
        "guardrail_metrics": list(experiment.guardrail_metrics or []),
        "traffic_percentage": experiment.traffic_percentage,
        "start_date": experiment.start_date,
        "end_date": experiment.end_date,
        "baseline_rate": None if experiment.baseline_rate is None else float(experiment.baseline_rate),
        "minimum_detectable_effect": (
            None if experiment.minimum_detectable_effect is None else float(experiment.minimum_detectable_effect)
        ),
        "power": float(experiment.power),
        "confidence_level": float(experiment.confidence_level),
        "mode": experiment.mode,
        "inference": experiment.inference,
        "decision": experiment.decision,
        "winner_variant_id": experiment.winner_variant_id,
        "variants": [
            {
                "id": v.id,
                "name": v.name,
                "description": v.description,
                "is_control": v.is_control,
                "weight": v.traffic_allocation,
                "persona_id": v.persona_id,
                "prompt_template": v.prompt_template,
                "settings": dict(v.settings or {}),
            }
            for v in variants
        ],
        "plan": plan(experiment, variants, per_day),
        "created_at": experiment.created_at,
        "updated_at": experiment.updated_at,
    }
