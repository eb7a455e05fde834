"""The agent's fixed reads, sent straight through psycopg on the session's connection (``db.engine.fetch_all``):
they run on every turn. Plain rows; ``agent.context`` turns them into the brain's views."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.db.engine import fetch_all, fetch_one
from showroom.inventory.service import SearchWhere

VIEW_COLUMNS = (
    "id",
    "year",
    "make",
    "model",
    "trim",
    "body_style",
    "exterior_color",
    "drivetrain",
    "fuel_type",
    "mileage",
    "price",
    "condition",
    "stock_number",
    "vin",
    "features",
    "url",
    "fuel_economy",
    "transmission",
)  # what agent.context.vehicle_view reads: loading whole Vehicle objects cost more than the search itself
_COLUMNS = ", ".join(f"v.{c}" for c in VIEW_COLUMNS)

_LAST_TURNS = (
    "select sender, content from messages where conversation_id = %(c)s and type in ('inbound', 'outbound') "
    "and id <> %(x)s order by created_at desc, id desc limit %(n)s"
)
_LINKED = (
    f"select {_COLUMNS} from vehicle_interests i join vehicles v on v.id = i.vehicle_id "
    "where i.lead_id = %(lead)s and v.is_active limit %(n)s"
)
_WANTED = "select make, model from vehicle_interests where lead_id = %(lead)s and is_primary limit 1"


async def last_turns(session: AsyncSession, conversation_id: Any, exclude: Any, limit: int) -> list[dict[str, Any]]:
    """The conversation's last ``limit`` customer and outbound messages, newest first, without ``exclude``. Nothing
    pending is flushed for it: earlier turns are written already, and the one pending is the one excluded."""
    return await fetch_all(session, _LAST_TURNS, {"c": conversation_id, "x": exclude, "n": limit})


async def linked_vehicles(session: AsyncSession, lead_id: Any, limit: int) -> list[dict[str, Any]]:
    """The active units the lead is linked to (``VIEW_COLUMNS``)."""
    return await fetch_all(session, _LINKED, {"lead": lead_id, "n": limit})


async def wanted_vehicle(session: AsyncSession, lead_id: Any) -> dict[str, Any] | None:
    """The make and model of the lead's primary vehicle interest."""
    return await fetch_one(session, _WANTED, {"lead": lead_id})


def search_sql(found: SearchWhere, limit: int) -> str:
    """The agent's search: the ``limit`` cheapest vehicles that match (``ix_vehicles_dealership_id_status_price``
    gives that order), reading only ``VIEW_COLUMNS``."""
    return f"select {_COLUMNS} from vehicles v where {found.sql} order by v.price asc nulls last, v.id limit {limit}"


# One of each in turn, the cheapest first, so that every one shows: of each model ("palisade vs telluride", or a
# kind of car with no model named: "a 3 row suv"), of each trim of a model ("what trims do you have"), of each colour
# ("what colours does it come in"). "per_model_newest": the newest of each model first (a kind of car within a
# budget: the best each model offers for the money, not its oldest).
_PARTITIONS = {
    "per_model": "lower(v.model)",
    "per_model_newest": "lower(v.model)",
    # a trim is its name without the drivetrain ("SEL AWD" and "SEL FWD" are one SEL)
    "per_trim": r"lower(v.model), regexp_replace(lower(coalesce(v.trim, '')), "
    r"'\s*\m(awd|fwd|rwd|4wd|2wd|4x4|4x2)\M', '', 'g')",
    "per_colour": "lower(v.model), lower(coalesce(v.exterior_color, ''))",
}
ORDERS = {  # how a search ranks the units it finds: the cheapest first, or by what a customer compared
    "cheapest": "v.price asc nulls last, v.id",
    "priciest": "v.price desc nulls last, v.id",
    "newest": "v.year desc, v.mileage asc nulls last, v.id",
    "fewest_miles": "v.mileage asc nulls last, v.id",
    # one of each first (``_ranked`` picks them by rank), then shown from the cheapest: the list reads as a ladder
    **dict.fromkeys(_PARTITIONS, "v.price asc nulls last, v.id"),
}


def _ranked(sql: str, level: int, order: str, limit: int) -> str:
    """One level of the search: the units that fit ``sql``, in ``order``, at most ``limit``."""
    # how many fit in all ("we have 14 that fit; here are 5"), and how many of them are new, from what price each
    # ("4 used from $20,999 and 8 new from $39,202"): window aggregates over what fits, no statement of their own
    total = (
        "count(*) over () as matching, count(*) filter (where v.condition = 'new') over () as matching_new,"
        " min(v.price) filter (where v.condition = 'new') over () as new_from,"
        " min(v.price) filter (where v.condition <> 'new') over () as used_from"
    )
    if order not in _PARTITIONS:
        return (
            f"select {_COLUMNS}, {level} as level, {total} from vehicles v where {sql}"
            f" order by {ORDERS[order]} limit {limit}"
        )
    within = ORDERS["newest"] if order == "per_model_newest" else ORDERS["cheapest"]
    rank = f"row_number() over (partition by {_PARTITIONS[order]} order by {within})"
    ranked = f"select {_COLUMNS}, {level} as level, {rank} as model_rank, {total} from vehicles v where {sql}"
    first = f"select * from ({ranked}) v order by model_rank, {ORDERS[order]} limit {limit}"
    return f"select * from ({first}) v order by {ORDERS[order]}"


def ladder_sql(levels: Sequence[SearchWhere], limit: int, *, first: int = 0, order: str = "cheapest") -> SearchWhere:
    """The agent's search and its fallbacks in one statement: the ``limit`` cheapest vehicles of the first level
    that finds any (level 0 fits every wish; the next ones are ``inventory.service.closest``), each row with its
    ``level``. A level runs only when every level before it found nothing: its ``not exists`` over their results
    is a one-time filter, checked before its scan starts, so a turn whose search finds something costs what the
    plain search costs (plus planning the fallbacks). Each level's parameters are prefixed with it (``l1_makes``).
    ``order``: one of ``ORDERS`` (the cheapest first unless a customer compared: "the newest one")."""
    if len(levels) == 1:
        return SearchWhere(_ranked(levels[0].sql, first, order, limit), levels[0].params)
    params: dict[str, Any] = {}
    ctes: list[str] = []
    for k, level in enumerate(levels):
        sql = re.sub(r"%\((\w+)\)s", rf"%(l{k}_\1)s", level.sql) if k else level.sql
        params.update({f"l{k}_{name}" if k else name: value for name, value in level.params.items()})
        gate = "".join(f" and not exists (select from l{j})" for j in range(k))
        ctes.append(f"l{k} as ({_ranked(sql + gate, first + k, order, limit)})")
    union = " union all ".join(f"select * from l{k}" for k in range(len(levels)))
    outer = ORDERS[order].replace("v.", "")
    return SearchWhere(f"with {', '.join(ctes)} {union} order by level, {outer}", params)


async def cheapest(session: AsyncSession, found: SearchWhere) -> list[dict[str, Any]]:
    """The rows of a :func:`ladder_sql` statement."""
    return await fetch_all(session, found.sql, found.params)


async def vehicles_by_id(session: AsyncSession, ids: list[int]) -> list[dict[str, Any]]:
    """The active units with these ids (``VIEW_COLUMNS``), in no particular order."""
    if not ids:
        return []
    return await fetch_all(
        session, f"select {_COLUMNS} from vehicles v where v.id = any(%(ids)s) and v.is_active", {"ids": ids}
    )


async def vehicle_by_reference(session: AsyncSession, reference: str) -> dict[str, Any] | None:
    """The active unit with this stock number or VIN (``VIEW_COLUMNS``); their indexes serve it under RLS."""
    sql = f"select {_COLUMNS} from vehicles v where (v.stock_number = %(r)s or v.vin = upper(%(r)s)) and v.is_active"
    return await fetch_one(session, sql + " limit 1", {"r": reference})
