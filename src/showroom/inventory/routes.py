"""HTTP: the dealership's inventory."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import func

from showroom.api.docs import errors
from showroom.api.listing import sort_key
from showroom.api.pagination import PageOut, paginate
from showroom.auth.deps import Context, require
from showroom.inventory import service
from showroom.inventory.schemas import Condition, Status, VehicleCreate, VehicleOut, VehicleUpdate
from showroom.models import Vehicle

router = APIRouter(prefix="/api/v1", tags=["inventory"])

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
    condition: Condition | None = None,
    status: Status | None = None,
    year_min: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    year_max: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    price_min: Annotated[int | None, Query(ge=0, description="cents")] = None,
    price_max: Annotated[int | None, Query(ge=0, description="cents")] = None,
    mileage_max: Annotated[int | None, Query(ge=0)] = None,
    stock_number: Annotated[str | None, Query(max_length=50)] = None,
    active: bool | None = True,
    sort: Annotated[str, Query(max_length=20)] = "-created_at",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Any:
    filters = service.VehicleFilters(
        makes=[make] if make else [],
        models=[model] if model else [],
        body_styles=[body_style] if body_style else [],
        colors=[exterior_color] if exterior_color else [],
        drivetrains=[drivetrain] if drivetrain else [],
        fuel_types=[fuel_type] if fuel_type else [],
        condition=condition,
        status=status,
        year_min=year_min,
        year_max=year_max,
        price_min=price_min,
        price_max=price_max,
        mileage_max=mileage_max,
        stock_number=stock_number,
        text=q,
        active=active,
    )
    items, next_cursor = await paginate(
        ctx.session,
        service.search_query(filters),
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
async def get_vehicle(vehicle_id: int, ctx: Annotated[Context, Depends(require("vehicle.read"))]) -> Any:
    return _out(await service.get(ctx.session, vehicle_id))


@router.patch(
    "/vehicles/{vehicle_id}", response_model=VehicleOut, summary="Edit a vehicle", responses=errors(401, 403, 404, 422)
)
async def update_vehicle(
    vehicle_id: int, body: VehicleUpdate, ctx: Annotated[Context, Depends(require("vehicle.write"))]
) -> Any:
    return _out(await service.update(ctx.session, vehicle_id, body, ctx.actor))


@router.delete(
    "/vehicles/{vehicle_id}",
    response_model=VehicleOut,
    summary="Take a vehicle out of the inventory (kept for history, marked inactive)",
    responses=errors(401, 403, 404),
)
async def delete_vehicle(vehicle_id: int, ctx: Annotated[Context, Depends(require("vehicle.write"))]) -> Any:
    return _out(await service.deactivate(ctx.session, vehicle_id, ctx.actor))
