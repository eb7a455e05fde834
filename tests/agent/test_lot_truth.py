"""The agent tells the truth about the lot: the real feed (143 units) imported, customers asking through the public
chat widget, each in a conversation of their own (the issue's examples), and the rest through the persona preview
(``POST /api/v1/personas/preview``: the same understanding, search, builtin reply and guardrails as a turn, written
nowhere: dozens more leads in one dealership change the leads table's statistics other tests' plans depend on).

Every answer is checked the same way besides its own assertions (``ask``): the vehicles it lists are real units of
the feed, a count it gives is the number of units it lists, and no feed debris reaches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from showroom.brain.guardrails import price_text
from showroom.brain.nlu.knowledge import three_rows
from showroom.db.engine import Database
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.helpers import Team, sign_in


@dataclass
class Lot:
    team: Team
    units: list[dict[str, Any]]  # the imported vehicles, as the API lists them
    manager: httpx.AsyncClient


@pytest.fixture(scope="module")
async def lot(app: FastAPI, db: Database) -> Lot:
    team = await stocked_team(app, db)
    admin = await sign_in(app, team.admin.email)
    units = (await admin.get("/api/v1/vehicles", params={"limit": 200})).json()["items"]
    assert len(units) == 143
    return Lot(team, units, await sign_in(app, team.manager.email))


@dataclass
class Answer:
    text: str
    listed: list[dict[str, Any]]  # the units its list shows (bullet lines), in order

    def says_none(self) -> bool:
        return bool(
            re.search(r"\b(?:don't|do not|not seeing|not finding|no)\b[^.]*\b(?:stock|lot|inventory)\b", self.text)
        )


def _unit_of(line: str, units: list[dict[str, Any]]) -> dict[str, Any]:
    """The unit a list line describes ('2024 Hyundai Palisade XRT AWD, Blue, $44,028 ...')."""
    for unit in units:
        parts = [unit["year"], unit["make"], unit["model"], unit["trim"]]
        if unit["trim"] and unit["trim"].split()[0].lower() == unit["model"].lower():
            parts.remove(unit["model"])  # "2021 Lexus RX 350 AWD": the feed's model "Rx" once
        title = " ".join(str(p) for p in parts if p).lower()  # as brands write it: "Niro EV", "GMC"
        price = price_text(unit["price"]) if unit["price"] is not None else None
        stock = re.search(r"\(stock (\w+)\)", line)
        if (
            line.lower().startswith(title + ",")
            and (price is None or price in line)
            and (stock is None or stock.group(1) == unit["stock_number"])
            and (unit["exterior_color"] is None or f", {unit['exterior_color']}," in line + ",")
        ):
            return unit
    raise AssertionError(f"not a unit of the lot: {line!r}")


_COUNT = re.compile(r"\b(?:Here are|I see) (\d+)\b|\b(?:we have|we've got) (\d+)\b(?![^.:;]*[.;]\s*[Hh]ere are)")
_TOTAL = re.compile(r"\b(?:we have|we've got) (\d+) (?:that|in stock)[^.:;]*[.;]\s*[Hh]ere are (\d+)")


async def ask(app: FastAPI, lot: Lot, text: str, *, widget: bool = False) -> Answer:
    """The agent's answer to a first message: through the chat widget, or the persona preview."""
    if widget:
        guest = visitor(app)
        response = await guest.post(f"/api/v1/widget/{lot.team.dealership.subdomain}/messages", json={"content": text})
        assert response.status_code == 201, response.text
        reply = "\n\n".join(r["content"] for r in response.json()["replies"])
    else:
        response = await lot.manager.post("/api/v1/personas/preview", json={"message": text})
        assert response.status_code == 200, response.text
        reply = response.json()["sample_reply"]
    lines = [line[2:] for line in reply.splitlines() if line.startswith("- ")]
    listed = [_unit_of(line, lot.units) for line in lines]
    for shown, said in _COUNT.findall(reply):
        assert int(shown or said) == len(listed), reply  # "Here are 3" shows three
    for total, shown in _TOTAL.findall(reply):  # "we have 14 that fit; here are 5": the five, of more
        assert int(shown) == len(listed) < int(total), reply
    for debris in ("matchLevel", "matchedWords", "<", "*Ltd Avail*", "undefined", "{{"):
        assert debris not in reply, reply
    return Answer(reply, listed)


def _title(unit: dict[str, Any]) -> str:
    return f"{unit['year']} {unit['make']} {unit['model']}"


# --- the examples of the issue ----------------------------------------------------------------------------------


async def test_a_third_row_is_found_on_the_models_that_have_one(app: FastAPI, lot: Lot) -> None:
    """Before: "I'm not seeing a vehicle with third row seating" (14 Palisades and 11 Tellurides in stock)."""
    for text in ("needs a 3rd row", "any 7 seater suvs?", "we need seating for 7", "8 passenger SUV under 40k"):
        answer = await ask(app, lot, text, widget=text == "needs a 3rd row")
        assert answer.listed and not answer.says_none(), answer.text
        assert all(three_rows(u["model"], u["year"]) for u in answer.listed), answer.text
    cheap = await ask(app, lot, "8 passenger SUV under 40k")
    assert all(u["price"] <= 4_000_000 for u in cheap.listed), cheap.text


async def test_grey_finds_the_grey_tucsons(app: FastAPI, lot: Lot) -> None:
    """Before: "We don't have a gray Tucson in stock" (the feed spells it Grey), and no handover for the visit."""
    visit = await ask(app, lot, "i can be there tonite around 7 ... for the grey tucson", widget=True)
    # a specific time from a chat nobody can reach yet: a person confirms it (issue 18 books reachable customers)
    assert "bringing in a member of our team" in visit.text and not visit.says_none(), visit.text
    for text in ("do you have a gray tucson?", "any grey tucsons left"):
        answer = await ask(app, lot, text, widget=text.startswith("do"))
        assert answer.listed and not answer.says_none(), answer.text
        assert all(u["model"].startswith("Tucson") and u["exterior_color"] == "Grey" for u in answer.listed)


async def test_a_model_the_lot_does_not_have_is_never_answered_with_another(app: FastAPI, lot: Lot) -> None:
    """Before: "Yes! Here are 2 that match:" and an Ioniq 6 and an Ioniq 5, for an Ioniq 9."""
    answer = await ask(app, lot, "Hyundai Ioniq 9?", widget=True)
    assert "Ioniq 9" in answer.text and answer.says_none(), answer.text
    assert "match" not in answer.text.lower() and "Yes" not in answer.text
    assert "closest" in answer.text and answer.listed  # the closest real units: electric SUVs
    assert all(u["fuel_type"] == "Electric" and u["body_style"] == "SUV" for u in answer.listed), answer.text


async def test_feed_debris_never_reaches_a_reply(app: FastAPI, lot: Lot) -> None:
    """Before: "2021 Ford F-150 value matchLevel none matchedWords" (a search index's metadata in the Trim column)."""
    for text in ("do you have a ford f150", "ford mustang", "any ford edge?", "ford"):
        answer = await ask(app, lot, text, widget=text == "do you have a ford f150")  # ask() fails on debris
        assert answer.listed or "Ford" in answer.text
    fords = [u for u in lot.units if u["make"] == "Ford" and u["model"] in ("F-150", "Mustang", "Edge")]
    assert fords and all(u["trim"] is None for u in fords)  # cleaned at import


async def test_a_model_named_with_the_wrong_make_is_corrected(app: FastAPI, lot: Lot) -> None:
    answer = await ask(app, lot, "Do you have a Hyundai Camry?", widget=True)
    assert "the Camry is made by Toyota, not Hyundai" in answer.text
    assert "2022 Toyota Camry" in answer.text and not answer.says_none()
    palisade = await ask(app, lot, "kia palisade")
    assert "the Palisade is made by Hyundai, not Kia" in palisade.text
    assert palisade.listed and all(u["model"] == "Palisade" for u in palisade.listed)


# --- each family ------------------------------------------------------------------------------------------------


async def test_colour_families_and_shades(app: FastAPI, lot: Lot) -> None:
    navy = await ask(app, lot, "do you have a navy blue telluride?")
    assert "2021 Kia Telluride" in navy.text and "Blue" in navy.text and not navy.says_none()
    dark = await ask(app, lot, "dark blue palisade?")
    assert "2024 Hyundai Palisade XRT" in dark.text and not dark.says_none()
    maroon = await ask(app, lot, "any maroon tucsons?")
    assert maroon.listed and all(u["exterior_color"] == "Burgundy" for u in maroon.listed)
    assert len({u["stock_number"] for u in maroon.listed}) == len(maroon.listed)  # two alike, told apart


async def test_body_types(app: FastAPI, lot: Lot) -> None:
    for text in ("do you have a pickup truck?", "got any trucks?"):
        answer = await ask(app, lot, text)
        assert answer.listed and all(u["body_style"] == "Truck" for u in answer.listed), answer.text
    crossover = await ask(app, lot, "looking for a crossover")
    assert crossover.listed and all(u["body_style"] == "SUV" for u in crossover.listed)


async def test_drivetrains_awd_4wd_and_4x4_are_one_wish(app: FastAPI, lot: Lot) -> None:
    for text in ("looking for a crossover with 4x4", "awd suv under 30k", "4wd truck"):
        answer = await ask(app, lot, text)
        assert answer.listed and not answer.says_none(), answer.text
        for unit in answer.listed:
            assert unit["drivetrain"] in ("AWD", "4WD"), answer.text
            assert not re.search(r"\b(?:FWD|RWD|2WD)\b", unit["trim"] or ""), answer.text  # the title would say so


async def test_fuel_electric_is_not_hybrid_and_hybrids_are_hybrids(app: FastAPI, lot: Lot) -> None:
    """The feed labels its Tucson Hybrids "Electric": they are no EVs."""
    for text in ("do you have any EVs?", "electric SUV"):
        answer = await ask(app, lot, text)
        assert answer.listed and all(u["fuel_type"] == "Electric" for u in answer.listed), answer.text
        assert "Hybrid" not in answer.text
    hybrid = await ask(app, lot, "hybrid?")
    assert hybrid.listed and all("Hybrid" in u["fuel_type"] for u in hybrid.listed), hybrid.text
    hybrids = [u for u in lot.units if "Hybrid" in (u["fuel_type"] or "")]
    assert f"we have {len(hybrids)} that" in hybrid.text.lower() or "several" in hybrid.text  # never "we have 3"
    thrifty = await ask(app, lot, "something good on gas")
    assert thrifty.listed and all(u["fuel_type"] in ("Electric", "Hybrid", "Plug-In Hybrid") for u in thrifty.listed)
    tucson = await ask(app, lot, "white tucson hybrid")
    assert "2024 Hyundai Tucson Hybrid" in tucson.text and "White" in tucson.text and not tucson.says_none()


async def test_model_years(app: FastAPI, lot: Lot) -> None:
    exact = await ask(app, lot, "2025 santa fe")
    assert exact.listed and all(u["year"] == 2025 for u in exact.listed) and not exact.says_none()
    newer = await ask(app, lot, "telluride 2021 or newer")
    assert newer.listed and all(u["year"] >= 2021 and u["model"] == "Telluride" for u in newer.listed)
    missing = await ask(app, lot, "2020 santa fe")
    assert "2020 Santa Fe" in missing.text and missing.says_none(), missing.text
    assert missing.listed and all(u["model"].startswith("Santa Fe") for u in missing.listed)
    assert all(f"a {u['year']} instead of a 2020" in missing.text for u in missing.listed)


async def test_trims(app: FastAPI, lot: Lot) -> None:
    calligraphy = await ask(app, lot, "palisade calligraphy")
    assert calligraphy.listed and all("Calligraphy" in u["trim"] for u in calligraphy.listed)
    xrt = await ask(app, lot, "is the palisade xrt still available?")
    assert "2024 Hyundai Palisade XRT AWD is in stock" in xrt.text
    older = await ask(app, lot, "a 2023 palisade calligraphy?")
    assert "2023 Palisade Calligraphy" in older.text and older.says_none(), older.text
    assert older.listed and all("Calligraphy" in u["trim"] for u in older.listed)
    assert "instead of a 2023" in older.text


async def test_nothing_matches_is_said_plainly_with_the_closest_units_and_how_they_differ(
    app: FastAPI, lot: Lot
) -> None:
    silver = await ask(app, lot, "silver tucson")
    assert "don't have a silver Tucson" in silver.text or "not seeing a silver Tucson" in silver.text
    assert silver.listed and all(f"in {u['exterior_color']} instead of silver" in silver.text for u in silver.listed)
    tacoma = await ask(app, lot, "Toyota Tacoma?")
    assert "Tacoma" in tacoma.text and tacoma.says_none()
    assert tacoma.listed and all(u["body_style"] == "Truck" for u in tacoma.listed)  # the closest: other trucks
    carnival = await ask(app, lot, "Do you have a Kia Carnival?")
    assert carnival.says_none() and carnival.listed  # no minivans: SUVs with three rows
    assert all(three_rows(u["model"], u["year"]) for u in carnival.listed)
    budget = await ask(app, lot, "palisade under 30k")
    assert "Palisade within your budget" in budget.text  # never "we don't have a Palisade"
    assert all("above your budget" in budget.text for _ in budget.listed)
    new = await ask(app, lot, "new telluride")
    assert "pre-owned instead of new" in new.text and new.says_none()
    exotic = await ask(app, lot, "do you have a lamborghini?")
    assert "Lamborghini" in exotic.text and exotic.says_none() and not exotic.listed


async def test_typos_in_makes_and_models(app: FastAPI, lot: Lot) -> None:
    for text, model in (("palisde", "Palisade"), ("tellurde", "Telluride"), ("grand cherokie", "Grand Cherokee")):
        answer = await ask(app, lot, text)
        assert answer.listed and all(u["model"] == model for u in answer.listed), answer.text
    santa = await ask(app, lot, "santa fey")
    assert santa.listed and all(u["model"].startswith("Santa Fe") for u in santa.listed)


# --- facts a listing does not carry, features asked of a model, two models compared ---------------------------------


async def test_a_fact_the_listing_does_not_carry_is_never_guessed(app: FastAPI, lot: Lot) -> None:
    for text, topic in (
        ("How long does the Ioniq 5 take on a DC fast charger?", "range and charging figures"),
        ("what's the towing capacity of the escape", "towing capacity"),  # a model the ratings table does not carry
        ("palisade vs telluride, which holds its value better?", "reliability and resale value"),
    ):
        answer = await ask(app, lot, text)
        assert f"rather not guess at the {topic}" in answer.text, answer.text
        assert not answer.says_none() or "listing" in answer.text
        assert not re.search(r"\b\d+\s*(?:kwh|minutes|lbs|pounds|hp|miles of range)\b", answer.text, re.I)
    recalls = await ask(app, lot, "Any open recalls on the 2021 Kona?")
    kona = next(u for u in lot.units if u["model"] == "Kona" and u["year"] == 2021)
    assert kona["vin"] in recalls.text and "Our service department" not in recalls.text
    # A new Hyundai's factory warranty is the brand's published standard, said as such; a used car's remaining
    # coverage depends on its history and is not quoted from memory
    warranty = await ask(app, lot, "How long is the warranty on a new Tucson?")
    assert "A new Hyundai comes with the factory's 10-year/100,000-mile powertrain limited warranty" in warranty.text
    used = await ask(app, lot, "How much warranty is left on a used Tucson?")
    assert "rather not quote it from memory" in used.text
    assert not re.search(r"\b\d+[- ](?:year|yr)s?\b|\b\d{2,3},000[- ]mile", used.text)


async def test_a_feature_asked_of_a_model_is_answered_about_its_units_not_searched_away(app: FastAPI, lot: Lot) -> None:
    """'Does the Tucson Limited have heated seats?': the feed lists no features, so none is said to have them,
    and the Tucson Limiteds are still shown (never 'no Tucson Limited in stock' or another model)."""
    answer = await ask(app, lot, "does the tucson limited have heated seats?", widget=True)
    assert answer.listed and all(u["model"] == "Tucson" for u in answer.listed), answer.text
    # the feed lists no equipment at all: the listings are silent, never "I don't see it" (which reads as "it lacks it")
    assert "don't itemise equipment like heated seats" in answer.text, answer.text
    unknown = await ask(app, lot, "Does the Ioniq 5 have Highway Driving Assist?")
    assert "don't see “highway driving assist”" in unknown.text, unknown.text
    lot_question = await ask(app, lot, "do you have a tucson?")
    assert "feature list" not in lot_question.text


async def test_two_models_compared_both_show(app: FastAPI, lot: Lot) -> None:
    answer = await ask(app, lot, "Santa Fe hybrid vs Tucson hybrid?")
    models = {u["model"] for u in answer.listed}
    assert any(m.startswith("Santa Fe") for m in models) and any(m.startswith("Tucson") for m in models), answer.text


async def test_a_listing_that_contradicts_itself_is_never_stated_one_way(app: FastAPI, lot: Lot) -> None:
    """Units whose trim names one drivetrain while the drivetrain field says another ('Reserve AWD' listed FWD)."""
    nautilus = next(u for u in lot.units if u["model"] == "Nautilus")
    assert "AWD" in (nautilus["trim"] or "") and nautilus["drivetrain"] == "FWD"
    answer = await ask(app, lot, f"is stock {nautilus['stock_number']} awd?")
    assert "trim says AWD" in answer.text and "FWD" in answer.text and "confirm" in answer.text, answer.text


async def test_a_price_objection_that_asks_for_something_cheaper_stays_with_the_ai(app: FastAPI, lot: Lot) -> None:
    answer = await ask(app, lot, "too pricey. anything under 23k?", widget=True)
    assert "bringing in a member of our team" not in answer.text and answer.listed, answer.text
    assert all(u["price"] is not None and u["price"] <= 2_300_000 for u in answer.listed), answer.text


async def test_a_search_for_a_drivetrain_the_listing_contradicts_says_so(app: FastAPI, lot: Lot) -> None:
    ioniq6 = [u for u in lot.units if u["model"] == "Ioniq 6"]
    assert ioniq6 and all("AWD" in (u["trim"] or "") and u["drivetrain"] == "RWD" for u in ioniq6)
    answer = await ask(app, lot, "any Ioniq 6 with AWD?", widget=True)
    assert not answer.says_none(), answer.text
    assert "trim says AWD" in answer.text and "RWD" in answer.text, answer.text
    assert [u["model"] for u in answer.listed] == ["Ioniq 6"] * len(ioniq6)


async def test_miles_and_price_asked_together_are_both_answered(app: FastAPI, lot: Lot) -> None:
    genesis = next(u for u in lot.units if u["make"] == "Genesis")
    answer = await ask(app, lot, "miles and price on the genesis")
    assert price_text(genesis["price"]) in answer.text and f"{genesis['mileage']:,} miles" in answer.text, answer.text
