"""HTTP: ``/api/v1/experiments``: plan, lifecycle, results. Reads for staff, changes for managers, all audited."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from showroom.api.docs import errors
from showroom.api.types import DbId
from showroom.auth.deps import Context, require
from showroom.experiments import results, service
from showroom.experiments.schemas import ExperimentCreate, ExperimentOut, ExperimentUpdate, StopIn

router = APIRouter(prefix="/api/v1/experiments", tags=["experiments"])
Reader = Annotated[Context, Depends(require("experiment.read"))]
Writer = Annotated[Context, Depends(require("experiment.write"))]


@router.get("", response_model=list[ExperimentOut], summary="The dealership's experiments", responses=errors(401, 403))
async def list_experiments(ctx: Reader) -> Any:
    return [await service.describe(ctx.session, e) for e in await service.list_all(ctx.session)]


@router.post(
    "",
    response_model=ExperimentOut,
    status_code=201,
    summary="Plan an experiment (a draft): variants, weights, traffic share, metrics, effect and power",
    responses=errors(401, 403, 422),
)
async def create_experiment(body: ExperimentCreate, ctx: Writer) -> Any:
    experiment = await service.create(ctx.session, ctx.dealership_id, body, ctx.actor)
    return await service.describe(ctx.session, experiment)


@router.get("/{experiment_id}", response_model=ExperimentOut, summary="One experiment", responses=errors(401, 403, 404))
async def get_experiment(experiment_id: DbId, ctx: Reader) -> Any:
    return await service.describe(ctx.session, await service.get(ctx.session, experiment_id))


@router.patch(
    "/{experiment_id}",
    response_model=ExperimentOut,
    summary="Edit the plan (variants only while a draft; words only once started)",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_experiment(experiment_id: DbId, body: ExperimentUpdate, ctx: Writer) -> Any:
    experiment = await service.update(ctx.session, experiment_id, body, ctx.actor)
    return await service.describe(ctx.session, experiment)


@router.post(
    "/{experiment_id}/start",
    response_model=ExperimentOut,
    summary="Start (or resume): new conversations enter it",
    responses=errors(401, 403, 404, 409),
)
async def start_experiment(experiment_id: DbId, ctx: Writer) -> Any:
    return await service.describe(ctx.session, await service.start(ctx.session, experiment_id, ctx.actor))


@router.post(
    "/{experiment_id}/pause",
    response_model=ExperimentOut,
    summary="Pause: no new conversation enters; those in keep their variant",
    responses=errors(401, 403, 404, 409),
)
async def pause_experiment(experiment_id: DbId, ctx: Writer) -> Any:
    return await service.describe(ctx.session, await service.pause(ctx.session, experiment_id, ctx.actor))


@router.post(
    "/{experiment_id}/stop",
    response_model=ExperimentOut,
    summary="Stop with a decision: results frozen, the chosen variant's settings promoted to the defaults",
    responses=errors(401, 403, 404, 409, 422),
)
async def stop_experiment(experiment_id: DbId, body: StopIn, ctx: Writer) -> Any:
    frozen = await results.compute(ctx.session, await service.get(ctx.session, experiment_id))
    experiment = await service.stop(ctx.session, experiment_id, body, ctx.actor, frozen)
    return await service.describe(ctx.session, experiment)


@router.post(
    "/{experiment_id}/archive",
    response_model=ExperimentOut,
    summary="Archive a stopped experiment (or a draft)",
    responses=errors(401, 403, 404, 409),
)
async def archive_experiment(experiment_id: DbId, ctx: Writer) -> Any:
    return await service.describe(ctx.session, await service.archive(ctx.session, experiment_id, ctx.actor))


@router.get(
    "/{experiment_id}/results",
    summary="Per variant: rate and interval, lifts, sequential and fixed-horizon p-values (Holm), Bayesian view, "
    "SRM, guardrails, the verdict in words and the daily history",
    responses=errors(401, 403, 404),
)
async def experiment_results(experiment_id: DbId, ctx: Reader) -> dict[str, Any]:
    return await results.results(ctx.session, experiment_id)
