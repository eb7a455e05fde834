"""Inventory search as shoppers (and the agent) phrase it, over the real dealer feed."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.db.engine import Database, fetch_all
from tests.helpers import Team, create_team, sign_in

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "world_hyundai_matteson.tsv"


@pytest.fixture(scope="module")
async def stocked(app: FastAPI, db: Database) -> Team:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    report = await manager.post(
        "/api/v1/inventory/import", content=FEED.read_bytes(), headers={"Content-Type": "text/tab-separated-values"}
    )
    assert report.json()["added"] == 143
    return team


async def search(app: FastAPI, team: Team, **params: object) -> list[dict[str, object]]:
    agent = await sign_in(app, team.agent.email)
    response = await agent.get("/api/v1/vehicles", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def explain(session: AsyncSession, sql: str, params: dict[str, object]) -> str:
    """The plan of a psycopg statement, in the session's transaction (its tenant: RLS applies)."""
    return "\n".join(row["QUERY PLAN"] for row in await fetch_all(session, f"EXPLAIN {sql}", params))


async def test_plain_language_becomes_filters(app: FastAPI, stocked: Team) -> None:
    found = await search(app, stocked, q="awd suv under 45k")
    assert found and "AWD" in {v["drivetrain"] for v in found}
    for v in found:  # AWD and 4WD (the feed's 4X4) drive all four wheels: one wish
        assert v["drivetrain"] in ("AWD", "4WD") and v["price"] is not None and int(v["price"]) <= 4_500_000  # type: ignore
    used = await search(app, stocked, q="used tucson")
    assert used and all(v["model"] == "Tucson" and v["condition"] == "used" for v in used)
    newer = await search(app, stocked, q="santa fe 2025 or newer")
    assert newer and all(str(v["model"]).startswith("Santa Fe") and int(v["year"]) >= 2025 for v in newer)  # type: ignore


async def test_explicit_filters_win_and_unknown_words_use_full_text(app: FastAPI, stocked: Team) -> None:
    tucsons = await search(app, stocked, q="tucson", condition="new")
    assert tucsons and all(v["condition"] == "new" for v in tucsons)
    manager = await sign_in(app, stocked.manager.email)
    warm = await manager.post(
        "/api/v1/vehicles",
        json={
            "vin": "KM8JBCAE5RU999999",
            "make": "Hyundai",
            "model": "Tucson",
            "year": 2024,
            "price": 3_100_000,
            "features": ["Heated Seats", "Remote Start"],
        },
    )
    assert warm.status_code == 201, warm.text
    heated = await search(app, stocked, q="tucson with heated seats")
    assert [v["id"] for v in heated] == [warm.json()["id"]]
    words = await search(app, stocked, q="sportage")  # not a Hyundai model the agent knows: full text
    assert all("sportage" in (str(v["model"]) + str(v["description"])).lower() for v in words)
    nothing = await search(app, stocked, q="lamborghini aventador")
    assert nothing == []
    by_price = await search(app, stocked, sort="price", price_min=1)
    prices = [int(v["price"]) for v in by_price]  # type: ignore[call-overload]
    assert prices == sorted(prices)


async def test_make_and_model_match_in_any_case_and_by_model_prefix(app: FastAPI, stocked: Team) -> None:
    exact = await search(app, stocked, make="Hyundai", model="Santa Fe")
    assert exact and {v["model"] for v in exact} <= {"Santa Fe", "Santa Fe Hybrid"}
    assert await search(app, stocked, make="HYUNDAI", model="santa fe") == exact
    assert await search(app, stocked, make="hyundai", model="sAnTa fE") == exact
    assert await search(app, stocked, make="Hyundai", model="Sportage") == []
    assert await search(app, stocked, make="Lamborghini") == []


async def test_make_and_model_reach_the_index_under_row_level_security(
    db: Database, stocked: Team, owner_url: str
) -> None:
    """Under RLS only leakproof conditions go into an index scan; ``lower(make) = ...`` is not one, so the search
    compares the stored spellings (this test failed with the old ``lower()`` index and query)."""
    import psycopg

    from showroom.inventory.service import VehicleFilters, catalog, search_where

    with psycopg.connect(owner_url, autocommit=True) as owner:
        owner.execute("ANALYZE vehicles")  # the plan depends on statistics, as it does in production
    async with db.session(stocked.id) as session, session.begin():
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        found = search_where(VehicleFilters(makes=["hyundai"], models=["tucson"], active=None), await catalog(session))
        plan = await explain(session, f"select id from vehicles where {found.sql}", found.params)
    assert "ix_vehicles_dealership_id_make_model" in plan, plan
    index_cond = next(line for line in plan.splitlines() if "Index Cond" in line)
    assert "Hyundai" in index_cond, plan  # not just the tenant: the make narrows the scan too


async def test_colour_body_and_drivetrain_find_the_stored_spellings_that_contain_them(
    app: FastAPI, stocked: Team
) -> None:
    """Search compares these columns with the catalog's stored values that contain what was asked (any case), so
    a colour added a moment ago is found, "red" finds "Ruby Red Metallic" and nothing is found for a colour no
    vehicle has."""
    manager = await sign_in(app, stocked.manager.email)
    added = await manager.post(
        "/api/v1/vehicles",
        json={
            "vin": "KM8JBCAE5RU888888",
            "make": "Hyundai",
            "model": "Tucson",
            "year": 2024,
            "price": 2_900_000,
            "exterior_color": "Ruby Red Metallic",
            "body_style": "Compact SUV",
            "drivetrain": "HTRAC AWD",
        },
    )
    assert added.status_code == 201, added.text
    for params in ({"exterior_color": "red"}, {"exterior_color": "RUBY red"}, {"q": "ruby red compact suv"}):
        assert added.json()["id"] in [v["id"] for v in await search(app, stocked, **params)], params
    found = await search(app, stocked, body_style="suv", drivetrain="awd", exterior_color="ruby")
    assert [v["id"] for v in found] == [added.json()["id"]]
    assert await search(app, stocked, exterior_color="ultraviolet") == []


async def test_the_agents_cheapest_first_search_can_walk_the_price_index_under_row_level_security(
    db: Database, stocked: Team
) -> None:
    """Without a make or model, the agent's "five cheapest available that fit" read every vehicle of the
    dealership and sorted them; ``ix_vehicles_dealership_id_status_price`` gives that order under RLS (the test
    forbids sorting, so the plan must take its order from an index; it failed before migration 0011)."""
    from showroom.agent.queries import search_sql
    from showroom.inventory.service import VehicleFilters, catalog, search_where

    async with db.session(stocked.id) as session, session.begin():
        await session.execute(text("SET LOCAL enable_sort = off"))
        found = search_where(VehicleFilters(body_styles=["suv"], status="available"), await catalog(session))
        plan = await explain(session, search_sql(found, 5), found.params)
    assert "ix_vehicles_dealership_id_status_price" in plan, plan
    assert "~~*" not in plan, plan  # no ILIKE
