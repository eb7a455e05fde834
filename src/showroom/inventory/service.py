"""Inventory: vehicle CRUD and search (structured filters plus PostgreSQL full-text search)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, Text, cast, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.nlu import Catalog, Understanding
from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.cache import TenantCache
from showroom.errors import Conflict, NotFound
from showroom.inventory.schemas import VehicleCreate, VehicleUpdate
from showroom.inventory.vin import check_vin
from showroom.models import Vehicle
from showroom.models.inventory import is_certified

CATALOGS: TenantCache[Catalog] = TenantCache("catalog")


@dataclass
class VehicleFilters:
    makes: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    body_styles: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    drivetrains: list[str] = field(default_factory=list)
    fuel_types: list[str] = field(default_factory=list)
    condition: str | None = None
    status: str | None = None
    year_min: int | None = None
    year_max: int | None = None
    price_min: int | None = None
    price_max: int | None = None
    mileage_max: int | None = None
    features: list[str] = field(default_factory=list)
    stock_number: str | None = None
    vin: str | None = None
    text: str | None = None
    active: bool | None = True


NARROWING = (
    "makes",
    "models",
    "body_styles",
    "colors",
    "drivetrains",
    "fuel_types",
    "condition",
    "year_min",
    "year_max",
    "price_min",
    "price_max",
    "mileage_max",
    "stock_number",
    "vin",
    "features",
)


def filters_from_understanding(u: Understanding) -> VehicleFilters:
    """What the agent understood of a message, as search filters."""
    from showroom.agent.compose import search_terms

    terms = search_terms(u)
    return VehicleFilters(
        makes=terms.get("makes") or [],
        models=terms.get("models") or [],
        body_styles=terms.get("body_styles") or [],
        colors=terms.get("colors") or [],
        drivetrains=terms.get("drivetrains") or [],
        fuel_types=terms.get("fuel_types") or [],
        condition=terms.get("condition"),
        year_min=terms.get("year_min"),
        year_max=terms.get("year_max"),
        price_min=terms.get("price_min_cents"),
        price_max=terms.get("price_max_cents"),
        mileage_max=terms.get("mileage_max"),
        features=terms.get("features") or [],
        stock_number=terms.get("stock_number"),
        vin=terms.get("vin"),
    )


def narrows(filters: VehicleFilters) -> bool:
    """Does any filter say what kind of vehicle is wanted?"""
    return any(getattr(filters, key) for key in NARROWING)


def filters_from_text(text: str, catalog: Catalog | None = None, **explicit: Any) -> VehicleFilters:
    """What a shopper types ("red awd suv under 45k", "2021+ tucson under 30k miles") as structured filters, by
    the agent's own language understanding; whatever it does not recognise is searched as full text.
    Explicit filters (query parameters) win over what the text says."""
    from showroom.agent.nlu import understand

    filters = filters_from_understanding(understand(text, catalog))
    if not narrows(filters):
        filters.text = text
    for key, value in explicit.items():
        if value not in (None, []):
            setattr(filters, key, value)
    return filters


SPELLED_COLUMNS = ("body_style", "exterior_color", "drivetrain", "fuel_type")
_CATALOG = text(
    "select null as name, make, model from vehicles group by make, model union all "
    "select name, value, null from vehicles cross join lateral (values "
    + ", ".join(f"('{c}', {c})" for c in SPELLED_COLUMNS)
    + ") as v(name, value) where value is not null group by name, value"
)


async def catalog(session: AsyncSession) -> Catalog:
    """The makes and models of the dealership's vehicles, and the values of the columns search compares
    (``SPELLED_COLUMNS``), as spelled in its feed; one statement (cached, see ``showroom.cache``)."""

    async def load() -> Catalog:
        makes: dict[str, set[str]] = {}
        spellings: dict[str, set[str]] = {c: set() for c in SPELLED_COLUMNS}
        for name, value, model in await session.execute(_CATALOG):
            if name is None:
                makes.setdefault(value, set()).add(model)
            else:
                spellings[name].add(value)
        return Catalog(makes, {c: frozenset(values) for c, values in spellings.items()})

    return await CATALOGS.get(session, load)


def containing(catalog: Catalog, column: str, wanted: list[str]) -> list[str]:
    """The catalog's values of ``column`` that contain any of ``wanted`` (any case): "suv" finds "SUV" and "Compact
    SUV", "red" finds "Ruby Red". Search compares the column with these exact values, for the reason
    :func:`spelled` gives; besides, PostgreSQL keeps its column statistics from non-leakproof operators under RLS,
    so it could not tell how many vehicles an ``ILIKE`` keeps and chose plans for one or two, reading all of the
    dealership's vehicles to sort them by price."""
    needles = [w.strip().lower() for w in wanted if w.strip()]
    return sorted(v for v in catalog.spellings.get(column, ()) if any(n in v.lower() for n in needles))


def spelled(catalog: Catalog, makes: list[str], models: list[str]) -> tuple[list[str], list[str]]:
    """The catalog's spellings of the makes (any case) and the models (by prefix, any case: "santa fe" finds
    "Santa Fe" and "Santa Fe Hybrid") asked for.

    Search compares these exact values: under row-level security PostgreSQL uses a condition in an index scan only
    when its functions are leakproof, and ``texteq`` is while ``lower()`` and ``ILIKE`` are not, so
    ``lower(make) = 'hyundai'`` would filter every vehicle of the dealership."""
    wanted_makes = {m.strip().lower() for m in makes if m.strip()}
    found_makes = [make for make in catalog.makes if make.lower() in wanted_makes]
    prefixes = tuple(m.strip().lower() for m in models if m.strip())
    found_models: set[str] = set()
    for make in found_makes if makes else catalog.makes:
        found_models.update(model for model in catalog.makes[make] if model.lower().startswith(prefixes))
    return found_makes, sorted(found_models)


def search_query(filters: VehicleFilters, catalog: Catalog) -> Select[tuple[Vehicle]]:
    """Vehicles matching every given filter (RLS keeps it to the caller's dealership); ``catalog`` is the
    dealership's (:func:`catalog`), which gives makes and models their stored spelling."""
    query = select(Vehicle)
    if filters.active is not None:
        query = query.where(Vehicle.is_active.is_(filters.active))
    makes, models = spelled(catalog, filters.makes, filters.models)
    if any(m.strip() for m in filters.makes):
        query = query.where(Vehicle.make.in_(makes))
    if any(m.strip() for m in filters.models):
        query = query.where(Vehicle.model.in_(models))
    for column, values in (
        (Vehicle.body_style, filters.body_styles),
        (Vehicle.exterior_color, filters.colors),
        (Vehicle.drivetrain, filters.drivetrains),
        (Vehicle.fuel_type, filters.fuel_types),
    ):
        if any(v.strip() for v in values):
            query = query.where(column.in_(containing(catalog, column.key, values)))
    if filters.condition:
        query = query.where(Vehicle.condition == filters.condition)
    if filters.status:
        query = query.where(Vehicle.status == filters.status)
    if filters.year_min is not None:
        query = query.where(Vehicle.year >= filters.year_min)
    if filters.year_max is not None:
        query = query.where(Vehicle.year <= filters.year_max)
    if filters.price_min is not None:
        query = query.where(Vehicle.price >= filters.price_min)
    if filters.price_max is not None:
        query = query.where(Vehicle.price <= filters.price_max)
    if filters.mileage_max is not None:
        query = query.where(Vehicle.mileage <= filters.mileage_max)
    for feature in filters.features:  # named in the description or the feature list
        like = f"%{feature.strip()}%"
        query = query.where(
            or_(Vehicle.description.ilike(like), cast(Vehicle.features, Text).ilike(like), Vehicle.trim.ilike(like))
        )
    if filters.stock_number:
        query = query.where(Vehicle.stock_number == filters.stock_number)
    if filters.vin:
        query = query.where(Vehicle.vin == filters.vin.upper())
    if filters.text:
        query = query.where(Vehicle.search.op("@@")(func.websearch_to_tsquery("english", filters.text)))
    return query


async def get(session: AsyncSession, vehicle_id: int) -> Vehicle:
    vehicle = await session.get(Vehicle, vehicle_id)
    if vehicle is None:
        raise NotFound(f"vehicle {vehicle_id} not found")
    return vehicle


def vin_warnings(vin: str) -> list[str]:
    check = check_vin(vin)
    return [check.message] if check.valid and check.check_digit_ok is False and check.message else []


async def create(session: AsyncSession, dealership_id: int, data: VehicleCreate, actor: Actor) -> Vehicle:
    exists = await session.scalar(select(Vehicle.id).where(Vehicle.vin == data.vin))
    if exists is not None:
        raise Conflict(f"vehicle with VIN {data.vin} already exists (id {exists})", field="vin")
    vehicle = Vehicle(
        dealership_id=dealership_id, **data.model_dump(mode="json"), certified=is_certified(data.condition)
    )
    session.add(vehicle)
    await session.flush()
    CATALOGS.changed(session, dealership_id)
    await record(
        session,
        actor,
        "vehicle.create",
        dealership_id=dealership_id,
        resource_type="vehicle",
        resource_id=vehicle.id,
        after=snapshot(vehicle),
    )
    return vehicle


async def update(session: AsyncSession, vehicle_id: int, data: VehicleUpdate, actor: Actor) -> Vehicle:
    vehicle = await get(session, vehicle_id)
    values = data.model_dump(exclude_unset=True, mode="json")
    if "condition" in values:
        values["certified"] = is_certified(values["condition"])
    CATALOGS.changed(session, vehicle.dealership_id)
    await apply_update(
        session,
        vehicle,
        values,
        actor,
        action="vehicle.update",
        resource_type="vehicle",
        dealership_id=vehicle.dealership_id,
    )
    return vehicle


async def deactivate(session: AsyncSession, vehicle_id: int, actor: Actor) -> Vehicle:
    """Vehicles are never deleted: leads keep pointing at them. Inactive ones leave search and the agent."""
    vehicle = await get(session, vehicle_id)
    await apply_update(
        session,
        vehicle,
        {"is_active": False},
        actor,
        action="vehicle.deactivate",
        resource_type="vehicle",
        dealership_id=vehicle.dealership_id,
    )
    return vehicle
