"""HTTP: the dealership's inventory."""

from __future__ import annotations

import tempfile
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import func

from showroom.api.docs import errors
from showroom.api.listing import sort_key
from showroom.api.pagination import PageOut, paginate
from showroom.api.types import DbId
from showroom.auth.deps import Context, require
from showroom.errors import UnsupportedMediaType, ValidationFailed
from showroom.inventory import service
from showroom.inventory.feed import FeedFormatError
from showroom.inventory.importer import import_feed
from showroom.inventory.schemas import ImportReportOut, VehicleCreate, VehicleOut, VehicleUpdate
from showroom.models import Vehicle
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


@router.post(
    "/inventory/import",
    response_model=ImportReportOut,
    summary="Import a dealer feed (CSV or TSV): upsert by VIN, report per row",
    responses=errors(401, 403, 413, 415, 422),
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
    multipart form. It is spooled to disk and read row by row; the header may use the Facebook/Google catalog
    layout, snake_case or CamelCase names. Rejected rows are listed with their line and reason; a file that is
    not UTF-8 or lacks a required column is refused whole (422) and nothing is written."""
    content_type = (request.headers.get("content-type") or "text/csv").split(";")[0].strip().lower()
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as spool:
        if content_type == "multipart/form-data":
            form = await request.form()
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise ValidationFailed("send the feed as the multipart field 'file'", field="file")
            filename = filename or upload.filename
            while chunk := await upload.read(1024 * 1024):
                spool.write(chunk)
        elif content_type in FEED_TYPES:
            async for chunk in request.stream():
                spool.write(chunk)
        else:
            raise UnsupportedMediaType(
                f"send the feed as text/csv or text/tab-separated-values, not {content_type}", field="Content-Type"
            )
        spool.seek(0)
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
