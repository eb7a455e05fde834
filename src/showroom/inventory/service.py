"""Inventory: vehicle CRUD and search (structured filters plus PostgreSQL full-text search)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Select, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.brain.compose.reply import search_terms
from showroom.brain.nlu.attributes import (
    GOOD_MPG,
    REAR_CAMERA_RULE,
    attribute_label,
    body_matches,
    color_family,
    color_matches,
    drivetrain_fits,
    fuel_matches,
    trim_matches,
)
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.knowledge import model_body, model_fuel, rivals, thirty_mpg, three_rows, three_rows_since
from showroom.brain.nlu.text import squash
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.vehicles import Catalog
from showroom.cache import TenantCache
from showroom.errors import Conflict, NotFound
from showroom.inventory import matches
from showroom.inventory.schemas import VehicleCreate, VehicleUpdate
from showroom.inventory.vin import check_vin
from showroom.models import Vehicle
from showroom.models.inventory import is_certified

CATALOGS: TenantCache[Catalog] = TenantCache("catalog")


@dataclass
class VehicleFilters:
    makes: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    trims: list[str] = field(default_factory=list)
    body_styles: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    drivetrains: list[str] = field(default_factory=list)
    fuel_types: list[str] = field(default_factory=list)
    transmissions: list[str] = field(default_factory=list)  # "Automatic" or "Manual" (brain.nlu.attributes)
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
    # what a customer turned down: these units, models (by prefix, as ``models``) and colours (by family, as
    # ``colors``) are left out; they say nothing of what is wanted (not in ``NARROWING``)
    exclude_ids: list[int] = field(default_factory=list)
    only_ids: list[int] = field(default_factory=list)  # of these units only (do the cars shown fit a narrowing?)
    exclude_models: list[str] = field(default_factory=list)
    exclude_makes: list[str] = field(default_factory=list)
    exclude_colors: list[str] = field(default_factory=list)
    exclude_fuels: list[str] = field(default_factory=list)  # by family, as ``fuel_types`` ("not a hybrid")
    exclude_body_styles: list[str] = field(default_factory=list)  # "not an suv"


NARROWING = (
    "makes",
    "models",
    "trims",
    "body_styles",
    "colors",
    "drivetrains",
    "fuel_types",
    "transmissions",
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
    return filters_from_terms(search_terms(u))


def filters_from_terms(terms: dict[str, Any]) -> VehicleFilters:
    """Search terms (``compose.reply.search_terms``, or a conversation's gathered criteria) as search filters."""
    return VehicleFilters(
        makes=terms.get("makes") or [],
        models=terms.get("models") or [],
        trims=terms.get("trims") or [],
        body_styles=terms.get("body_styles") or [],
        colors=terms.get("colors") or [],
        drivetrains=terms.get("drivetrains") or [],
        fuel_types=terms.get("fuel_types") or [],
        transmissions=terms.get("transmissions") or [],
        condition=terms.get("condition"),
        year_min=terms.get("year_min"),
        year_max=terms.get("year_max"),
        price_min=terms.get("price_min_cents"),
        price_max=terms.get("price_max_cents"),
        mileage_max=terms.get("mileage_max"),
        features=terms.get("features") or [],
        stock_number=terms.get("stock_number"),
        vin=terms.get("vin"),
        exclude_ids=[i for i in terms.get("exclude_ids") or [] if isinstance(i, int)],
        only_ids=[i for i in terms.get("only_ids") or [] if isinstance(i, int)],
        exclude_models=terms.get("exclude_models") or [],
        exclude_makes=terms.get("exclude_makes") or [],
        exclude_colors=terms.get("exclude_colors") or [],
        exclude_fuels=terms.get("exclude_fuels") or [],
        exclude_body_styles=terms.get("exclude_body_styles") or [],
    )


def narrows(filters: VehicleFilters) -> bool:
    """Does any filter say what kind of vehicle is wanted?"""
    return any(getattr(filters, key) for key in NARROWING)


def filters_from_text(text: str, catalog: Catalog | None = None, **explicit: Any) -> VehicleFilters:
    """What a shopper types ("red awd suv under 45k", "2021+ tucson under 30k miles") as structured filters, by
    the agent's own language understanding; whatever it does not recognise is searched as full text.
    Explicit filters (query parameters) win over what the text says."""
    filters = filters_from_understanding(understand(text, catalog))
    if not narrows(filters):
        filters.text = text
    for key, value in explicit.items():
        if value not in (None, []):
            setattr(filters, key, value)
    return filters


SPELLED_COLUMNS = ("body_style", "exterior_color", "drivetrain", "fuel_type")
_CATALOG = text(
    "select null as name, make, model, trim as value from vehicles group by make, model, trim union all "
    "select name, null, null, value from vehicles cross join lateral (values "
    + ", ".join(f"('{c}', {c})" for c in SPELLED_COLUMNS)
    + ") as v(name, value) where value is not null group by name, value"
)


async def catalog(session: AsyncSession) -> Catalog:
    """The makes, models and trims of the dealership's vehicles, and the values of the columns search compares
    (``SPELLED_COLUMNS``), as spelled in its feed; one statement (cached, see ``showroom.cache``)."""

    async def load() -> Catalog:
        makes: dict[str, set[str]] = {}
        trims: dict[tuple[str, str], set[str]] = {}
        spellings: dict[str, set[str]] = {c: set() for c in SPELLED_COLUMNS}
        for name, make, model, value in await session.execute(_CATALOG):
            if name is None:
                makes.setdefault(make, set()).add(model)
                if value is not None:
                    trims.setdefault((make, model), set()).add(value)
            else:
                spellings[name].add(value)
        return Catalog(
            makes,
            {c: frozenset(values) for c, values in spellings.items()},
            {key: frozenset(values) for key, values in trims.items()},
        )

    return await CATALOGS.get(session, load)


def containing(catalog: Catalog, column: str, wanted: list[str]) -> list[str]:
    """The catalog's values of ``column`` that contain any of ``wanted`` (any case): "suv" finds "SUV" and "Compact
    SUV", "red" finds "Ruby Red". Search compares the column with these exact values, for the reason
    :func:`spelled` gives; besides, under RLS PostgreSQL does not use column statistics for non-leakproof
    operators, so it could not tell how many vehicles an ``ILIKE`` keeps, planned for one or two, and read all of
    the dealership's vehicles to sort them by price."""
    needles = [w.strip().lower() for w in wanted if w.strip()]
    return sorted(v for v in catalog.spellings.get(column, ()) if any(n in v.lower() for n in needles))


def spelled(catalog: Catalog, makes: list[str], models: list[str]) -> tuple[list[str], list[str]]:
    """The catalog's spellings of the makes (any case) and the models (by prefix, any case: "santa fe" finds
    "Santa Fe" and "Santa Fe Hybrid") asked for.

    Search compares these exact values: under row-level security PostgreSQL uses a condition in an index scan only
    when its functions are leakproof, and ``texteq`` is while ``lower()`` and ``ILIKE`` are not, so
    ``lower(make) = 'hyundai'`` would filter every vehicle of the dealership."""

    def compute() -> tuple[list[str], list[str]]:
        wanted_makes = {m.strip().lower() for m in makes if m.strip()}
        found_makes = [make for make in catalog.makes if make.lower() in wanted_makes]
        prefixes = tuple(m.strip().lower() for m in models if m.strip())
        found_models: set[str] = set()
        for make in found_makes if makes else catalog.makes:
            found_models.update(model for model in catalog.makes[make] if model.lower().startswith(prefixes))
        return found_makes, sorted(found_models)

    return catalog.memo(("spelled", tuple(makes), tuple(models)), compute)


_FAMILIES: dict[str, Callable[[str | None, str], bool]] = {
    "exterior_color": color_matches,
    "body_style": body_matches,
    "drivetrain": drivetrain_fits,
    "fuel_type": fuel_matches,
}


def in_family(catalog: Catalog, column: str, wanted: list[str]) -> list[str]:
    """The catalog's values of ``column`` that mean what is wanted, by the agent's own matching (one definition for
    search and answers): a colour's family ("grey" finds "Gray" and "Magnetic Gray Metallic", "navy" finds "Blue",
    "maroon" "Burgundy"), a body type ("pickup" finds "Truck", "crossover" "SUV"), the wheels driven (AWD and 4WD
    find each other), a fuel (hybrid finds "Plug-In Hybrid"); plus, for words the agent does not know, the values
    that contain them (:func:`containing`). A shade named in so many words ("ruby", "navy", as a filter of the API)
    finds the values that contain it, and its whole family only when none does."""
    return catalog.memo(("in_family", column, tuple(wanted)), lambda: _in_family(catalog, column, wanted))


def _in_family(catalog: Catalog, column: str, wanted: list[str]) -> list[str]:
    stored = catalog.spellings.get(column, frozenset())
    found = set(containing(catalog, column, wanted))
    for w in (w.strip() for w in wanted if w.strip()):
        if column == "exterior_color":
            family = color_family(w)
            if family is None or (squash(w) not in _FAMILY_WORDS and containing(catalog, column, [w])):
                continue
        label = attribute_label(column, w)
        found.update(v for v in stored if _FAMILIES[column](v, label))
    return sorted(found)


_FAMILY_WORDS = frozenset(
    {"white", "black", "silver", "gray", "grey", "red", "blue", "green", "brown", "beige", "gold", "orange", "yellow"}
    | {"purple", "tan"}
)


@dataclass(frozen=True)
class SearchWhere:
    """The conditions of a vehicle search as SQL for psycopg (``%(name)s`` parameters) and its parameters."""

    sql: str
    params: dict[str, Any]


_SPELLED_FILTERS = (
    ("body_style", "body_styles"),
    ("exterior_color", "colors"),
    ("drivetrain", "drivetrains"),
    ("fuel_type", "fuel_types"),
)
_RANGES = (
    ("year", ">=", "year_min"),
    ("year", "<=", "year_max"),
    ("price", ">=", "price_min"),
    ("price", "<=", "price_max"),
    ("mileage", "<=", "mileage_max"),
)
_FUEL_SAVERS = ("Hybrid", "Electric")
# A transmission kind as a PostgreSQL regular expression over the feed's wording (brain.nlu.attributes reads it the
# same way); a unit whose trim names another kind is left for the agent to word, never hidden here.
_GEARBOXES = {
    "Automatic": r"auto|cvt|ivt|dct|dual.?clutch|tiptronic|shiftronic|steptronic",
    "Manual": r"manual|stick|\mmt\M",
}


def _trims(catalog: Catalog, asked: list[str], models: list[str]) -> list[str]:
    """The catalog's trims, of the models asked for (else of any), that name a trim asked for word for word."""

    def compute() -> list[str]:
        stored = (
            {t for (_, model), trims in catalog.trims.items() if model in models for t in trims}
            if models
            else {t for trims in catalog.trims.values() for t in trims}
        )
        return sorted(t for t in stored if any(trim_matches(t, wanted) for wanted in asked))

    return catalog.memo(("trims", tuple(asked), tuple(models)), compute)


def _thirty_mpg_models(catalog: Catalog) -> list[str]:
    """The catalog's petrol models known to do about 30 MPG combined (``brain.nlu.knowledge``)."""
    return catalog.memo(
        "thirty_mpg", lambda: sorted(m for models in catalog.makes.values() for m in models if thirty_mpg(m))
    )


def _fuel_by_name(catalog: Catalog, wanted: list[str]) -> tuple[list[str], list[str]]:
    """The catalog's models and trims whose names decide a fuel wished for ('Niro EV', 'Hybrid EX Auto'), whatever
    the feed's fuel column says of them; the agent's reply reads the unit the same way (``vehicle_fuel``)."""

    def compute() -> tuple[list[str], list[str]]:
        fuels = {w.strip().lower() for w in wanted}
        models = sorted(m for ms in catalog.makes.values() for m in ms if (model_fuel(m) or "").lower() in fuels)
        trims = sorted(  # the trims whose own words name the fuel ("SE Hybrid AWD"), not a hybrid model's "EX FWD"
            {
                t
                for (_, m), ts in catalog.trims.items()
                for t in ts
                if (model_fuel(m, t) or "").lower() in fuels and model_fuel(m, t) != model_fuel(m)
            }
        )
        return models, trims

    return catalog.memo(("fuel_by_name", tuple(sorted(wanted))), compute)


def _three_row_models(catalog: Catalog) -> dict[int, list[str]]:
    """The catalog's models with a third row of seats, by the first model year that has one."""

    def compute() -> dict[int, list[str]]:
        by_year: dict[int, list[str]] = {}
        for models in catalog.makes.values():
            for model in models:
                since = three_rows_since(model)
                if since is not None:
                    by_year.setdefault(since, []).append(model)
        return {year: sorted(models) for year, models in sorted(by_year.items())}

    return catalog.memo("three_rows", compute)


def search_where(filters: VehicleFilters, catalog: Catalog) -> SearchWhere:
    """Vehicles matching every given filter (RLS keeps it to the caller's dealership), as one SQL condition:
    the one definition of search, sent through psycopg by the agent (each chat turn) and wrapped by
    :func:`search_query` for the API and the pages. ``catalog`` is the dealership's (:func:`catalog`): makes,
    models, trims, body styles, colours, drivetrains and fuels are compared with its stored spellings (``=``), for
    the reasons :func:`spelled` and :func:`containing` give, chosen by the agent's own matching (:func:`in_family`).
    What a feed does not say comes from the agent's knowledge of models (``brain.nlu.knowledge``): a third row of
    seats, good fuel economy."""
    conditions: list[str] = []
    params: dict[str, Any] = {}

    def where(sql: str, **values: Any) -> None:
        conditions.append(sql.format(**{name: f"%({name})s" for name in values}))
        params.update(values)

    if filters.active is not None:
        where("is_active = {active}", active=filters.active)
    makes, models = spelled(catalog, filters.makes, filters.models)
    # "the audi q5 or a lexus": a make named without a model of its own is any of that make's models
    alone = [m for m in makes if models and not catalog.makes.get(m, set()) & set(models)]
    if alone and len(alone) < len(makes) and any(m.strip() for m in filters.models):
        where(
            "((make = any({makes}) and model = any({models})) or make = any({makes_alone}))",
            makes=[m for m in makes if m not in alone],
            models=models,
            makes_alone=alone,
        )
    else:
        if any(m.strip() for m in filters.makes):
            where("make = any({makes})", makes=makes)
        if any(m.strip() for m in filters.models):
            where("model = any({models})", models=models)
    if any(t.strip() for t in filters.trims):
        where("trim = any({trims})", trims=_trims(catalog, filters.trims, models))
    for column, key in _SPELLED_FILTERS:
        wanted: list[str] = getattr(filters, key)
        if not any(w.strip() for w in wanted):
            continue
        named_fuel = _fuel_by_name(catalog, wanted) if key == "fuel_types" else ([], [])
        if named_fuel[0] or named_fuel[1]:  # "hybrid": a Kia Optima "Hybrid EX" the feed calls Gasoline is one
            where(
                f"({column} = any({{{key}}}) or model = any({{fuel_models}}) or trim = any({{fuel_trims}}))",
                **{key: in_family(catalog, column, wanted)},
                fuel_models=named_fuel[0],
                fuel_trims=named_fuel[1],
            )
        else:
            where(f"{column} = any({{{key}}})", **{key: in_family(catalog, column, wanted)})
    for i, kind in enumerate(filters.transmissions[:1]):  # the feed's own words: "CVT CVT", "8-Speed DCT", "Manual"
        where(f"transmission ~* {{g{i}}}", **{f"g{i}": _GEARBOXES.get(kind, kind)})
    if filters.condition:
        where("condition = {condition}", condition=filters.condition)
    if filters.status:
        where("status = {status}", status=filters.status)
    for column, operator, key in _RANGES:
        if getattr(filters, key) is not None:
            where(f"{column} {operator} {{{key}}}", **{key: getattr(filters, key)})
    for i, feature in enumerate(filters.features):  # named in the description, the feature list or the trim
        named = f"(description ilike {{f{i}}} or features::text ilike {{f{i}}} or trim ilike {{f{i}}}"
        known: dict[str, Any] = {}
        if feature.strip().lower() == "third row seating":  # a model with three rows, whatever its feature list says
            for year, three_row in _three_row_models(catalog).items():
                known[f"f{i}_rows{year}"] = three_row
                named += f" or (model = any({{f{i}_rows{year}}}) and year >= {year})"
        elif feature.strip().lower() == "backup camera":  # required on every new US vehicle since May 2018
            named += f" or year >= {REAR_CAMERA_RULE}"
        elif feature.strip().lower() == "fuel efficient":
            known[f"f{i}_fuels"] = in_family(catalog, "fuel_type", list(_FUEL_SAVERS))
            # a hybrid by its name ("Optima Hybrid", "SEL HEV") whatever the feed's fuel column says
            known[f"f{i}_named"], known[f"f{i}_trims"] = _fuel_by_name(catalog, [*_FUEL_SAVERS, "Plug-In Hybrid"])
            named += (
                f" or fuel_type = any({{f{i}_fuels}}) or fuel_economy >= {GOOD_MPG}"
                f" or model = any({{f{i}_named}}) or trim = any({{f{i}_trims}})"
            )
            if models:  # "good on gas, like an elantra or civic": the thirty-MPG models named count; asked alone,
                # hybrids and electrics answer it best
                known[f"f{i}_thrifty"] = _thirty_mpg_models(catalog)
                named += f" or (fuel_economy is null and model = any({{f{i}_thrifty}}))"
        where(named + ")", **{f"f{i}": f"%{feature.strip()}%"}, **known)
    if filters.stock_number:
        where("stock_number = {stock_number}", stock_number=filters.stock_number)
    if filters.vin:
        where("vin = {vin}", vin=filters.vin.upper())
    if filters.text:
        where("search @@ websearch_to_tsquery('english', {text})", text=filters.text)
    if filters.exclude_ids:
        where("id <> all({exclude_ids})", exclude_ids=list(filters.exclude_ids))
    if filters.only_ids:
        where("id = any({only_ids})", only_ids=list(filters.only_ids))
    if any(m.strip() for m in filters.exclude_models):
        where("model <> all({exclude_models})", exclude_models=spelled(catalog, [], filters.exclude_models)[1])
    if any(m.strip() for m in filters.exclude_makes):
        where("make <> all({exclude_makes})", exclude_makes=spelled(catalog, filters.exclude_makes, [])[0])
    if any(c.strip() for c in filters.exclude_colors):
        refused = in_family(catalog, "exterior_color", filters.exclude_colors)
        where("coalesce(exterior_color, '') <> all({exclude_colors})", exclude_colors=refused)
    if any(f.strip() for f in filters.exclude_fuels):  # the column as the import reads it: a Tucson Hybrid's "Hybrid"
        refused_fuels = in_family(catalog, "fuel_type", filters.exclude_fuels)
        where("coalesce(fuel_type, '') <> all({exclude_fuels})", exclude_fuels=refused_fuels)
    if any(b.strip() for b in filters.exclude_body_styles):  # "anything awd thats not an suv"
        refused_bodies = in_family(catalog, "body_style", filters.exclude_body_styles)
        where("coalesce(body_style, '') <> all({exclude_body_styles})", exclude_body_styles=refused_bodies)
    return SearchWhere(" and ".join(conditions) or "true", params)


# The kind of vehicle closest to one the lot has none of: a minivan's buyer wants three rows.
_NEAR_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Minivan": ("SUV", ("third row seating",)),
    "Van": ("Minivan", ()),
    "Coupe": ("Sedan", ()),
    "Hatchback": ("Sedan", ()),
    "Wagon": ("SUV", ()),
}


# The fuel closest to one the model has none of: an electric Tucson's buyer wants its hybrid first
_NEAR_FUELS: dict[str, tuple[str, ...]] = {
    "Electric": ("Plug-In Hybrid", "Hybrid"),
    "Plug-In Hybrid": ("Hybrid", "Electric"),
    "Hybrid": ("Plug-In Hybrid",),
}


def closest(filters: VehicleFilters) -> list[VehicleFilters]:
    """When nothing fits every filter: the searches for the closest units, in order, each relaxing one more wish
    (the first that finds anything is offered, each unit with how it differs): the colour; then the trim or the
    year (one of them first, when both were asked); then the mileage, the drivetrain, the price and new/used (the
    same model still); then the model, keeping its kind (the body type asked, or the model's own, with what the
    model implies: electric, three rows), the fuel and features, drivetrain, price and new/used asked (first the
    models its buyers cross-shop, ``knowledge.rivals``); then the body type alone; last the kind closest to it (a
    minivan's: an SUV with three rows). Empty for a search by stock number or VIN, or when nothing would be left to
    compare with."""
    if filters.stock_number or filters.vin or filters.text:
        return []
    rungs: list[VehicleFilters] = []

    def rung(candidate: VehicleFilters) -> None:
        if narrows(candidate) and candidate not in rungs and candidate != filters:
            rungs.append(candidate)

    current = replace(filters, colors=[])
    rung(current)
    # a wish that is a preference, not a kind of car ("good on gas", "heated seats"): the car asked for without it
    # comes before another year, trim or budget (three rows is a kind of car: kept)
    kept = [f for f in filters.features if f.strip().lower() == "third row seating"]
    if kept != filters.features:
        current = replace(current, features=kept)
        rung(current)
    if filters.trims and (filters.year_min is not None or filters.year_max is not None):
        rung(replace(current, year_min=None, year_max=None))  # the trim asked, another year
        rung(replace(current, trims=[]))  # the year asked, another trim
    current = replace(current, trims=[], year_min=None, year_max=None, mileage_max=None)
    rung(current)
    rung(replace(current, drivetrains=[], transmissions=[], price_min=None, price_max=None, condition=None))
    if filters.models and filters.fuel_types:  # "the tucsons that say electric": the model's hybrids, said as such
        loose = replace(current, drivetrains=[], transmissions=[], price_min=None, price_max=None)
        nearby = [f for wanted in filters.fuel_types for f in _NEAR_FUELS.get(wanted, ())]
        if nearby:
            rung(replace(loose, fuel_types=nearby))
        rung(replace(loose, fuel_types=[]))
    if filters.makes and filters.body_styles and not filters.models:  # "the ram" after "suvs": the make named wins
        rung(replace(current, body_styles=[]))
    if filters.price_max:  # nothing within the budget: the closest above it
        rung(replace(current, price_min=None, price_max=filters.price_max * 3 // 2))
    # the models its buyers cross-shop ("a Maverick": the Santa Cruz), before any car of the kind (``peers``)
    peers = list(dict.fromkeys(r for m in filters.models for r in rivals(m)))
    if peers:
        cross_shopped = replace(current, makes=[], models=peers, body_styles=[])
        rung(cross_shopped)
        rung(replace(cross_shopped, drivetrains=[], transmissions=[], price_min=None, price_max=None, condition=None))
    bodies = list(filters.body_styles) or [b for m in filters.models if (b := model_body(m))][:1]
    if not bodies:
        return rungs
    kind = replace(current, makes=[], models=[], body_styles=bodies)
    if filters.makes or filters.models:
        year = filters.year_max or filters.year_min
        implied_fuel = [f for m in filters.models if (f := model_fuel(m))][:1] if not filters.fuel_types else []
        implied_rows = "third row seating" not in filters.features and any(three_rows(m, year) for m in filters.models)
        if implied_fuel or implied_rows:
            extra = ["third row seating"] if implied_rows else []
            rung(replace(kind, fuel_types=implied_fuel or kind.fuel_types, features=[*kind.features, *extra]))
            if implied_fuel and implied_rows:
                rung(replace(kind, fuel_types=implied_fuel))
        rung(kind)
    alone = replace(
        kind,
        drivetrains=[],
        transmissions=[],
        price_min=None,
        price_max=None,
        condition=None,
        fuel_types=[],
        features=[],
    )
    rung(alone)
    if bodies[0] in _NEAR_KINDS:  # none of that kind at all: the kind closest to it
        near, features = _NEAR_KINDS[bodies[0]]
        rung(replace(alone, body_styles=[near], features=list(features)))
    return rungs


def search_query(filters: VehicleFilters, catalog: Catalog) -> Select[tuple[Vehicle]]:
    """:func:`search_where` as a SQLAlchemy select of vehicles, to order and page."""
    found = search_where(filters, catalog)
    condition = text(re.sub(r"%\((\w+)\)s", r":\1", found.sql)).bindparams(**found.params)
    return select(Vehicle).where(condition)


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
    await matches.queue(session, dealership_id, matches.Changes(arrived=[vehicle.vin]))  # issue 18
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
    price, was = values.get("price"), vehicle.price
    if price and was and price < was and vehicle.is_active:  # issue 18: a price drop
        await matches.queue(session, vehicle.dealership_id, matches.Changes(cheaper=[vehicle.id]))
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
