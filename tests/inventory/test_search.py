"""Inventory search as shoppers (and the agent) phrase it, over the real dealer feed."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.brain.nlu.knowledge import three_rows
from showroom.db.engine import Database, fetch_all
from showroom.inventory.service import search_where
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
    """The plan of a psycopg statement, in the session's transaction (its tenant: RLS applies); ``sql`` may start
    with EXPLAIN's options."""
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


async def test_words_find_the_stored_values_of_their_family(app: FastAPI, stocked: Team) -> None:
    """The feed spells Grey; customers (and integrators) write gray, pickup, 4x4, EV: search compares the family
    (``inventory.service.in_family``, the agent's own matching), and a shade named finds that shade."""
    for q in ("gray tucson", "grey tucson"):
        found = await search(app, stocked, q=q)
        assert found and all(v["exterior_color"] == "Grey" and str(v["model"]).startswith("Tucson") for v in found), q
    assert {v["exterior_color"] for v in await search(app, stocked, exterior_color="gray")} == {"Grey"}
    reds = {v["exterior_color"] for v in await search(app, stocked, q="maroon suv")}  # a customer's word: its family
    assert {"Red", "Burgundy"} <= reds <= {"Red", "Burgundy", "Ruby Red Metallic"}  # (another test adds the ruby one)
    assert {v["exterior_color"] for v in await search(app, stocked, exterior_color="burgundy")} == {"Burgundy"}
    assert {v["body_style"] for v in await search(app, stocked, body_style="pickup")} == {"Truck"}
    assert {v["drivetrain"] for v in await search(app, stocked, drivetrain="4x4")} <= {"AWD", "4WD", "HTRAC AWD"}
    evs = await search(app, stocked, q="electric")
    assert sorted(v["model"] for v in evs) == ["Ioniq 5", "Ioniq 6", "Niro Ev"]  # no Tucson Hybrid
    rows = await search(app, stocked, q="3rd row under 40k")
    assert rows and all(three_rows(str(v["model"]), int(str(v["year"]))) for v in rows)
    calligraphy = await search(app, stocked, q="palisade calligraphy")
    assert calligraphy and all("Calligraphy" in str(v["trim"]) for v in calligraphy)


def test_the_closest_searches_relax_one_wish_at_a_time() -> None:
    from showroom.inventory.service import VehicleFilters, closest

    asked = VehicleFilters(
        makes=["Hyundai"], models=["Palisade"], trims=["Calligraphy"], colors=["Gray"], year_min=2023, year_max=2023,
        price_max=3_000_000, status="available",
    )  # fmt: skip
    rungs = closest(asked)
    assert rungs[0] == VehicleFilters(**{**asked.__dict__, "colors": []})
    assert (rungs[1].trims, rungs[1].year_min) == (["Calligraphy"], None)  # another year of the trim
    assert (rungs[2].trims, rungs[2].year_min) == ([], 2023)  # another trim of the year
    assert (rungs[3].trims, rungs[3].year_min, rungs[3].price_max) == ([], None, 3_000_000)
    assert (rungs[4].models, rungs[4].price_max) == (["Palisade"], None)  # the model, whatever the price
    others = [r for r in rungs if not r.models]
    assert others[0].body_styles == ["SUV"] and others[0].features == ["third row seating"]  # what a Palisade is
    assert others[-1].body_styles == ["SUV"] and others[-1].features == [] and others[-1].price_max is None
    assert all(r.status == "available" for r in rungs)
    peers = [r for r in rungs if r.models and r.models != ["Palisade"]]  # the three-row SUVs cross-shopped
    assert "Telluride" in peers[0].models and peers[0].price_max == 3_000_000 and peers[1].price_max is None
    assert rungs.index(peers[-1]) < rungs.index(others[0])  # before any SUV with three rows
    ioniq = closest(VehicleFilters(makes=["Hyundai"], models=["Ioniq 9"], status="available"))
    assert [(r.models, r.body_styles, r.fuel_types, r.features) for r in ioniq][1:] == [
        ([], ["SUV"], ["Electric"], ["third row seating"]),
        ([], ["SUV"], ["Electric"], []),
        ([], ["SUV"], [], []),
    ]
    assert ioniq[0].models == ["EV9", "Model X", "R1S"]  # first the three-row electric SUVs cross-shopped
    assert closest(VehicleFilters(makes=["Subaru"], status="available")) == []  # nothing to compare with
    assert closest(VehicleFilters(stock_number="25713", status="available")) == []


async def test_the_fallbacks_run_only_when_the_search_finds_nothing(db: Database, stocked: Team) -> None:
    """One statement per turn: the closest units' searches are in it, each behind a one-time filter on the earlier
    levels finding nothing, so a search that finds something never runs them."""
    from showroom.agent.queries import ladder_sql
    from showroom.inventory.service import catalog, closest, filters_from_text

    async with db.session(stocked.id) as session, session.begin():
        known = await catalog(session)
        plans = {}
        for q in ("grey tucson", "silver tucson"):
            filters = filters_from_text(q, known, status="available")
            found = ladder_sql([search_where(f, known) for f in (filters, *closest(filters))], 5)
            rows = await fetch_all(session, found.sql, found.params)
            plans[q] = (rows, await explain(session, "(ANALYZE, COSTS OFF, TIMING OFF) " + found.sql, found.params))
    grey_rows, grey_plan = plans["grey tucson"]
    assert grey_rows and {r["level"] for r in grey_rows} == {0}
    assert grey_plan.count("never executed") >= 2, grey_plan  # the fallbacks' scans
    silver_rows, _ = plans["silver tucson"]
    assert (
        silver_rows
        and {r["level"] for r in silver_rows} == {1}
        and {r["model"] for r in silver_rows}
        <= {
            "Tucson",
            "Tucson Hybrid",
        }
    )
