"""HTTP: the dealership's inventory."""

from __future__ import annotations

import tempfile
import uuid
from enum import StrEnum
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func
from starlette.requests import ClientDisconnect

from showroom.api.docs import errors
from showroom.api.listing import sort_key
from showroom.api.pagination import PageOut, paginate
from showroom.api.types import DbId
from showroom.auth.deps import Context, require
from showroom.errors import BadRequest, UnsupportedMediaType, ValidationFailed
from showroom.inventory import runs, service
from showroom.inventory.feed import FeedFormatError
from showroom.inventory.importer import import_feed
from showroom.inventory.schemas import ImportReportOut, InventoryImportOut, VehicleCreate, VehicleOut, VehicleUpdate
from showroom.models import InventoryImport, Vehicle
from showroom.models.inventory import YEAR_MAX, YEAR_MIN
from showroom.vocabulary import VehicleCondition, VehicleStatus

router = APIRouter(prefix="/api/v1", tags=["inventory"])
FEED_TYPES = (
    "text/csv",
    "text/tab-separated-values",
    "text/plain",
    "application/octet-stream",
    "application/vnd.ms-excel",
)


class ImportMode(StrEnum):
    full = "full"
    partial = "partial"


SORTS = {
    "created_at": Vehicle.created_at,
    "updated_at": Vehicle.updated_at,
    "year": Vehicle.year,
    "price": func.coalesce(Vehicle.price, -1),
    "mileage": func.coalesce(Vehicle.mileage, -1),
}


def _out(vehicle: Vehicle) -> VehicleOut:
    out = VehicleOut.model_validate(vehicle)
    out.warnings = service.vin_warnings(vehicle.vin)
    return out


@router.get(
    "/vehicles", response_model=PageOut[VehicleOut], summary="Search the inventory", responses=errors(401, 403, 422)
)
async def list_vehicles(
    ctx: Annotated[Context, Depends(require("vehicle.read"))],
    q: Annotated[
        str | None, Query(max_length=200, description="Full-text search: make, model, trim, description")
    ] = None,
    make: Annotated[str | None, Query(max_length=100)] = None,
    model: Annotated[str | None, Query(max_length=100)] = None,
    body_style: Annotated[str | None, Query(max_length=100)] = None,
    exterior_color: Annotated[str | None, Query(max_length=100)] = None,
    drivetrain: Annotated[str | None, Query(max_length=100)] = None,
    fuel_type: Annotated[str | None, Query(max_length=50)] = None,
    condition: VehicleCondition | None = None,
    status: VehicleStatus | None = None,
    year_min: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)] = None,
    year_max: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)] = None,
    price_min: Annotated[int | None, Query(ge=0, description="cents")] = None,
    price_max: Annotated[int | None, Query(ge=0, description="cents")] = None,
    mileage_max: Annotated[int | None, Query(ge=0)] = None,
    stock_number: Annotated[str | None, Query(max_length=50)] = None,
    active: bool | None = True,
    sort: Annotated[str, Query(max_length=20)] = "-created_at",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Any:
    explicit: dict[str, Any] = {
        "makes": [make] if make else [],
        "models": [model] if model else [],
        "body_styles": [body_style] if body_style else [],
        "colors": [exterior_color] if exterior_color else [],
        "drivetrains": [drivetrain] if drivetrain else [],
        "fuel_types": [fuel_type] if fuel_type else [],
        "condition": condition,
        "status": status,
        "year_min": year_min,
        "year_max": year_max,
        "price_min": price_min,
        "price_max": price_max,
        "mileage_max": mileage_max,
        "stock_number": stock_number,
    }
    known = await service.catalog(ctx.session)
    filters = service.filters_from_text(q, known, **explicit) if q else service.VehicleFilters(**explicit)
    filters.active = active
    items, next_cursor = await paginate(
        ctx.session,
        service.search_query(filters, known),
        sort=sort_key(sort, SORTS),
        id_column=Vehicle.id,
        cursor=cursor,
        limit=limit,
    )
    return {"items": [_out(v) for v in items], "next_cursor": next_cursor}


@router.post(
    "/vehicles",
    response_model=VehicleOut,
    status_code=201,
    summary="Add a vehicle",
    responses=errors(401, 403, 409, 422),
)
async def create_vehicle(body: VehicleCreate, ctx: Annotated[Context, Depends(require("vehicle.write"))]) -> Any:
    return _out(await service.create(ctx.session, ctx.dealership_id, body, ctx.actor))


@router.get("/vehicles/{vehicle_id}", response_model=VehicleOut, summary="One vehicle", responses=errors(401, 403, 404))
async def get_vehicle(vehicle_id: DbId, ctx: Annotated[Context, Depends(require("vehicle.read"))]) -> Any:
    return _out(await service.get(ctx.session, vehicle_id))


@router.patch(
    "/vehicles/{vehicle_id}", response_model=VehicleOut, summary="Edit a vehicle", responses=errors(401, 403, 404, 422)
)
async def update_vehicle(
    vehicle_id: DbId, body: VehicleUpdate, ctx: Annotated[Context, Depends(require("vehicle.write"))]
) -> Any:
    return _out(await service.update(ctx.session, vehicle_id, body, ctx.actor))


@router.delete(
    "/vehicles/{vehicle_id}",
    response_model=VehicleOut,
    summary="Take a vehicle out of the inventory (kept for history, marked inactive)",
    responses=errors(401, 403, 404),
)
async def delete_vehicle(vehicle_id: DbId, ctx: Annotated[Context, Depends(require("vehicle.write"))]) -> Any:
    return _out(await service.deactivate(ctx.session, vehicle_id, ctx.actor))


async def _upload(request: Request, filename: str | None, spool: BinaryIO) -> str | None:
    """Copy the request's feed (the body, or the multipart field ``file``) into ``spool``; returns its name."""
    content_type = (request.headers.get("content-type") or "text/csv").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ValidationFailed("send the feed as the multipart field 'file'", field="file")
        filename = filename or upload.filename
        while chunk := await upload.read(1024 * 1024):
            spool.write(chunk)
    elif content_type in FEED_TYPES:
        try:
            async for chunk in request.stream():
                spool.write(chunk)
        except ClientDisconnect:  # the request's transaction rolls back; nobody is left to read the answer
            raise BadRequest("the upload ended before the whole feed arrived", field="body") from None
    else:
        raise UnsupportedMediaType(
            f"send the feed as text/csv or text/tab-separated-values, not {content_type}", field="Content-Type"
        )
    spool.seek(0)
    return filename


def _queued(run: InventoryImport) -> JSONResponse:
    body = InventoryImportOut.model_validate(run).model_dump(mode="json")
    return JSONResponse(body, status_code=202, headers={"Location": f"/api/v1/inventory/imports/{run.id}"})


@router.post(
    "/inventory/import",
    response_model=ImportReportOut,
    summary="Import a dealer feed (CSV or TSV): upsert by VIN, report per row",
    responses={
        **errors(401, 403, 413, 415, 422),
        202: {"model": InventoryImportOut, "description": "A large feed: stored and imported by a job; follow the run"},
    },
)
async def import_inventory(
    request: Request,
    ctx: Annotated[Context, Depends(require("vehicle.write"))],
    mode: Annotated[
        ImportMode, Query(description="full: units missing from the feed become inactive")
    ] = ImportMode.full,
    filename: Annotated[str | None, Query(max_length=255)] = None,
) -> Any:
    """Send the file as the body (`text/csv`, `text/tab-separated-values`) or as the `file` field of a
    multipart form. The header may use the Facebook/Google catalog layout, snake_case or CamelCase names. A feed up
    to `SHOWROOM_IMPORT_SYNC_MAX_BYTES` (1 MiB) is imported at once and answered with its report (200): rejected
    rows are listed with their line and reason; a file that is not UTF-8 or lacks a required column is refused
    whole (422) and nothing is written. A larger feed is stored and imported by a job (202, as
    `POST /inventory/imports`): follow it at `Location`."""
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as spool:
        filename = await _upload(request, filename, spool)  # type: ignore[arg-type]  # a binary file
        size = spool.seek(0, 2)
        spool.seek(0)
        if size > ctx.settings.import_sync_max_bytes:
            run = await runs.create(
                ctx.session, ctx.dealership_id, spool.read(), actor=ctx.actor, filename=filename,
                full=mode == ImportMode.full,
            )  # fmt: skip
            return _queued(run)
        try:
            report = await import_feed(
                ctx.session,
                ctx.dealership_id,
                spool,  # type: ignore[arg-type]  # a SpooledTemporaryFile is a binary file
                actor=ctx.actor,
                filename=filename,
                full=mode == ImportMode.full,
            )
        except FeedFormatError as exc:
            where = f" (line {exc.line})" if exc.line else ""
            raise ValidationFailed(f"{exc.reason}{where}", field="file") from None
    return report


@router.post(
    "/inventory/imports",
    response_model=InventoryImportOut,
    status_code=202,
    summary="Start an import run: the feed is stored, then imported by a job in batches (follow its progress)",
    responses=errors(401, 403, 413, 415, 422),
)
async def start_import(
    request: Request,
    ctx: Annotated[Context, Depends(require("vehicle.write"))],
    mode: Annotated[
        ImportMode, Query(description="full: units missing from the feed become inactive")
    ] = ImportMode.full,
    filename: Annotated[str | None, Query(max_length=255)] = None,
) -> Any:
    """The feed as for `POST /inventory/import`. The answer (202) is the queued run; `GET` it (its `Location`) for
    `rows_done` / `rows_total` and, once `done`, the import report. A run that fails or is cancelled imports
    nothing."""
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as spool:
        filename = await _upload(request, filename, spool)  # type: ignore[arg-type]  # a binary file
        content = spool.read()
    if not content.strip():
        raise ValidationFailed("the feed is empty", field="file")
    run = await runs.create(
        ctx.session, ctx.dealership_id, content, actor=ctx.actor, filename=filename, full=mode == ImportMode.full
    )
    return _queued(run)


@router.get(
    "/inventory/imports",
    response_model=list[InventoryImportOut],
    summary="The latest import runs (newest first)",
    responses=errors(401, 403, 422),
)
async def list_imports(
    ctx: Annotated[Context, Depends(require("vehicle.write"))],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Any:
    return await runs.recent(ctx.session, limit)


@router.get(
    "/inventory/imports/{import_id}",
    response_model=InventoryImportOut,
    summary="One import run: status, progress, report",
    responses=errors(401, 403, 404),
)
async def get_import(import_id: uuid.UUID, ctx: Annotated[Context, Depends(require("vehicle.write"))]) -> Any:
    return await runs.get(ctx.session, import_id)


@router.post(
    "/inventory/imports/{import_id}/cancel",
    response_model=InventoryImportOut,
    summary="Cancel an import run (between batches; nothing of it is imported)",
    responses=errors(401, 403, 404, 409),
)
async def cancel_import(import_id: uuid.UUID, ctx: Annotated[Context, Depends(require("vehicle.write"))]) -> Any:
    return await runs.cancel(ctx.session, import_id)
