"""HTTP: personas (with a live preview) and escalation triggers."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from showroom.agent import personas, triggers
from showroom.agent.schemas import (
    PersonaCreate,
    PersonaOut,
    PersonaUpdate,
    PreviewIn,
    PreviewOut,
    TriggerIn,
    TriggerOut,
    TriggerUpdate,
)
from showroom.api.docs import errors
from showroom.api.types import DbId
from showroom.auth.deps import Context, require

router = APIRouter(prefix="/api/v1", tags=["agent"])


@router.get("/personas", response_model=list[PersonaOut], summary="The AI personas", responses=errors(401, 403))
async def list_personas(ctx: Annotated[Context, Depends(require("persona.read"))]) -> Any:
    return await personas.list_all(ctx.session)


@router.post(
    "/personas",
    response_model=PersonaOut,
    status_code=201,
    summary="Create a persona; {{variables}} must be known",
    responses=errors(401, 403, 409, 422),
)
async def create_persona(body: PersonaCreate, ctx: Annotated[Context, Depends(require("persona.write"))]) -> Any:
    return await personas.create(ctx.session, ctx.dealership_id, body, ctx.actor)


@router.post(
    "/personas/preview",
    response_model=PreviewOut,
    summary="Render a template against a sample lead (or a real one) and the real inventory",
    responses=errors(401, 403, 404, 422),
)
async def preview_persona(body: PreviewIn, ctx: Annotated[Context, Depends(require("persona.read"))]) -> Any:
    return await personas.preview(ctx.session, ctx.dealership_id, body)


@router.get("/personas/{persona_id}", response_model=PersonaOut, summary="One persona", responses=errors(401, 403, 404))
async def get_persona(persona_id: DbId, ctx: Annotated[Context, Depends(require("persona.read"))]) -> Any:
    return await personas.get(ctx.session, persona_id)


@router.patch(
    "/personas/{persona_id}",
    response_model=PersonaOut,
    summary="Edit a persona (or make it the default)",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_persona(
    persona_id: DbId, body: PersonaUpdate, ctx: Annotated[Context, Depends(require("persona.write"))]
) -> Any:
    return await personas.update_persona(ctx.session, persona_id, body, ctx.actor)


@router.delete(
    "/personas/{persona_id}",
    status_code=204,
    summary="Delete a persona (not the default)",
    responses=errors(401, 403, 404, 409),
)
async def delete_persona(persona_id: DbId, ctx: Annotated[Context, Depends(require("persona.write"))]) -> Response:
    await personas.delete(ctx.session, persona_id, ctx.actor)
    return Response(status_code=204)


@router.get(
    "/escalation-triggers",
    response_model=list[TriggerOut],
    summary="Rules that stop the AI",
    responses=errors(401, 403),
)
async def list_triggers(ctx: Annotated[Context, Depends(require("trigger.read"))]) -> Any:
    return await triggers.list_all(ctx.session)


@router.post(
    "/escalation-triggers",
    response_model=TriggerOut,
    status_code=201,
    summary="Add a trigger (keyword, regex, sentiment, urgency, repeated questions, ...)",
    responses=errors(401, 403, 409, 422),
)
async def create_trigger(body: TriggerIn, ctx: Annotated[Context, Depends(require("trigger.write"))]) -> Any:
    return await triggers.create(ctx.session, ctx.dealership_id, body, ctx.actor)


@router.patch(
    "/escalation-triggers/{trigger_id}",
    response_model=TriggerOut,
    summary="Edit or switch off a trigger",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_trigger(
    trigger_id: uuid.UUID, body: TriggerUpdate, ctx: Annotated[Context, Depends(require("trigger.write"))]
) -> Any:
    return await triggers.update(ctx.session, trigger_id, body, ctx.actor)


@router.delete(
    "/escalation-triggers/{trigger_id}", status_code=204, summary="Delete a trigger", responses=errors(401, 403, 404)
)
async def delete_trigger(trigger_id: uuid.UUID, ctx: Annotated[Context, Depends(require("trigger.write"))]) -> Response:
    await triggers.delete(ctx.session, trigger_id, ctx.actor)
    return Response(status_code=204)
