"""Follow-ups that narrow, turn down or point (issue 13, ninth round): a fuel turned down, a limit said as what is not
wanted, "only the X ones", "next one up?", a car named by its price, a trade-in's worth asked; the first list of a
kind of car shows one of each model. The pure part first, then whole conversations through the public widget API
with the real feed."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from fastapi import FastAPI

from showroom.brain.escalation.defaults import default_specs
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.nlu.intents import understand
from showroom.brain.types import Turn
from showroom.db.engine import Database
from tests.agent.support import CATALOG
from tests.agent.test_following_through import _visitor


@pytest.mark.parametrize(
    ("text", "wanted", "refused"),
    [
        ("a real electric not a hybrid", ["Electric"], ["Hybrid"]),
        ("new only, not the hybrid", [], ["Hybrid"]),
        ("no hybrids", [], ["Hybrid"]),
        ("non-hybrid please", [], ["Hybrid"]),
        ("i dont want an ev", [], ["Electric"]),
        ("hybrid or electric", ["Hybrid", "Electric"], []),
    ],
)
def test_a_fuel_turned_down_is_left_out_not_wished_for(text: str, wanted: list[str], refused: list[str]) -> None:
    s = understand(text, CATALOG).slots
    assert s.fuel_types == wanted and s.excluded_fuels == refused


@pytest.mark.parametrize(
    "text", ["only AWD, nothing with 90k+ miles", "nothing with more than 90k miles", "none with over 90,000 miles"]
)
def test_a_limit_said_as_what_is_not_wanted_is_a_limit(text: str) -> None:
    s = understand(text, CATALOG).slots
    assert s.mileage_max == 90_000 and s.budget_min_cents is None


def test_new_only_is_new_and_a_decimal_one_is_a_price_in_thousands() -> None:
    assert understand("new only, not the hybrid", CATALOG).slots.condition == "new"
    assert understand("ok the 23.5 one, can u hold it till saturday", CATALOG).slots.budget_max_cents == 2_350_000
    assert understand("the white EX", CATALOG).slots.trims == ["EX"]  # the colour, then the trim


def test_a_cars_worth_asked_after_describing_it_is_a_trade_in() -> None:
    u = understand("2017 civic lx 98k miles clean title, whats it worth", CATALOG)
    assert u.primary == "trade_in" and u.slots.trade_in is not None and u.slots.trade_in.model == "Civic"
    assert u.slots.year_min is None  # the customer's car's year is no wish for ours


@pytest.mark.parametrize(
    ("text", "handover"),
    [
        ("nah too pricey. tellurides under 36k?", False),  # other cars, not a negotiation
        ("necesito una camioneta de 3 filas para 7 personas, usada, menos de 30 mil", False),
        ("if i dont get 11k for it im not coming in", True),  # an ultimatum on their trade
    ],
)
def test_shopping_is_no_handover_and_an_ultimatum_is(text: str, handover: bool) -> None:
    turns = [Turn(sender="customer", text="i have a trade, 2017 civic")]
    assert (evaluate(default_specs(), text, turns, languages=["en", "es"]) is not None) is handover


async def test_a_fuel_turned_down_after_a_list_leaves_it_out(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do you have any tucsons")
    gas = await chat.reply("new only, not the hybrid")
    listed = re.findall(r"^- (.+)$", gas, re.M)
    assert listed and not any("Hybrid" in line for line in listed) and all("2024" in x or "2025" in x for x in listed)
    electric = await _visitor(app, db)
    await electric.reply("looking for an electric car")
    real = await electric.reply("a real electric not a hybrid")
    assert real.startswith("Got it, no hybrid. The ones I showed you are all that fit")  # the three EVs shown


async def test_only_the_x_ones_narrows_the_search_past_the_five_shown(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("show me new palisades")
    awd = await chat.reply("only the awd ones")
    assert awd.startswith("Yes! We have 6 that match")  # a search, not "is each of those five AWD?"
    assert all("AWD" in line for line in re.findall(r"^- (.+)$", awd, re.M))


async def test_next_one_up_is_the_next_dearer_car(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("grand cherokees?")
    await chat.reply("miles on the cheapest")  # the 2018 with 79,735 miles, $21,900
    up = await chat.reply("eh thats a lot. next one up?")
    assert "2020 Jeep Grand Cherokee Limited 4x4" in up and "$26,900" in up and "2018" not in up
    drive = await chat.reply("is that one 4x4")
    assert drive.startswith("Yes, the 2020 Jeep Grand Cherokee Limited 4x4 is four-wheel drive")


async def test_a_kind_of_car_within_a_budget_shows_one_of_each_model_the_newest(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    family = await chat.reply("need a 3 row suv for my family of 6, budget around 45k max")
    listed = re.findall(r"^- (\d{4}) (.+?),", family, re.M)
    models = [" ".join(title.split()[:3]) for _, title in listed]
    assert len(listed) == 5 and len(set(models)) == 5  # five models, not the five cheapest of one
    assert any("Palisade" in m for m in models) and "2025 Hyundai Palisade" in family  # this year's, in budget
    prices = [int(p.replace(",", "")) for p in re.findall(r"^- .*?\$(\d[\d,]*)", family, re.M)]
    assert prices == sorted(prices) and max(prices) <= 45_000  # shown from the cheapest


async def test_the_handover_note_names_the_car_the_message_points_at(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any rogues")
    await chat.reply("the cheaper blue one")  # $21,900, stock KV5540
    hold = await chat.say("ok the 23.5 one, can u hold it till saturday")
    assert hold["handed_over"] is True
    assert "about the 2021 Nissan Rogue AWD SV (stock KV5529)" in hold["replies"][0]["content"]


async def test_vs_another_model_compares_it_with_the_car_discussed(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("is the ioniq 6 awd")
    side = await chat.reply("vs the ioniq 5 u have")
    assert side.startswith("Here they are side by side") and "Ioniq 6 SEL AWD" in side and "Ioniq 5 Limited" in side


async def test_cheapest_stuff_is_a_list_and_how_many_on_it_is_its_miles(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    cheap = await chat.reply("cheapest stuff u got under 17k")
    assert "Here are 5 that match" in cheap and len(re.findall(r"^- ", cheap, re.M)) == 5
    sportage = await chat.reply("how many on the sportage")  # its feed row has no mileage
    assert sportage.startswith("Our listing for the 2020 Kia Sportage LX FWD doesn't show its mileage")


async def test_two_that_tie_as_the_newest_are_both_named(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("awd santa fes under 45k")
    await chat.reply("new only")
    newest = await chat.reply("which is newest")
    assert newest.startswith("Of everything that fits, these two are the newest, the same model year:")
    assert newest.count("2025 Hyundai Santa Fe SEL AWD") == 2


def test_spanish_que_no_sea_turns_a_fuel_down_and_a_test_drive_time_is_handed_over() -> None:
    s = understand("solo nuevas y q no sea la hibrida", CATALOG, languages=["en", "es"]).slots
    assert s.condition == "new" and s.excluded_fuels == ["Hybrid"] and not s.fuel_types
    drive = "ok quiero probarla mañana a las 5 de la tarde"
    assert evaluate(default_specs(), drive, [], languages=["en", "es"]) is not None


def test_a_sigh_while_shopping_is_no_handover_and_a_third_row_is_no_date() -> None:
    assert evaluate(default_specs(), "ugh. whats the newest one under 36k then", [], languages=["en"]) is None
    u = understand("can adults actually sit in the 3rd row", CATALOG)
    assert u.time_request is None and u.primary == "vehicle_facts"


async def test_the_colour_and_year_of_a_car_shown_pick_it(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("tellurides under 36k?")
    brown = await chat.reply("the brown 2021 how many miles")
    assert brown.startswith("The 2021 Kia Telluride SX AWD has 94,055 miles.")


async def test_a_long_list_of_new_and_used_says_how_it_splits(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    tucsons = await chat.reply("do you have any tucsons")
    assert "We have 12 that fit: 4 used from $20,999 and 8 new from $39,202. Here are 5:" in tucsons
    new = await _visitor(app, db)
    palisades = await new.reply("show me new palisades")  # the customer said new: no split
    assert "used from" not in palisades and "11" in palisades


async def test_the_6_after_the_ioniq_5_and_a_kind_turned_down_for_another(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("is the ioniq 5 still there")
    six = await chat.reply("is the 6 awd")
    assert "Ioniq 6" in six and "Ioniq 5" not in six
    kinds = await _visitor(app, db)
    await kinds.reply("any suvs under 30k")
    trucks = await kinds.reply("actually forget suvs, show me trucks")
    listed = re.findall(r"^- (.+)$", trucks, re.M)
    assert listed and all(re.search(r"Canyon|Ram|F-150|Silverado|Titan|Santa Cruz", line) for line in listed)


async def test_the_next_cheapest_and_the_two_of_one_year_side_by_side(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("whats the cheapest car u got")  # the $15,900 EcoSport
    await chat.reply("miles?")
    following = await chat.reply("whats the next cheapest")
    assert "Ecosport" not in following and "$16,875" in following  # not a repeated question handed over
    pair = await _visitor(app, db)
    await pair.reply("white santa fe calligraphy?")
    side = await pair.reply("whats the diff between the two 2024s")
    assert side.startswith("Here they are side by side") and side.count("2024 Hyundai Santa Fe Calligraphy") == 2
    assert "2025" not in side.split("\n\n")[1]


def test_the_18k_one_after_too_pricey_is_another_car_not_a_negotiation() -> None:
    turns = [Turn(sender="customer", text="any electric cars")]
    assert evaluate(default_specs(), "too pricey. the 18k one?", turns, languages=["en"]) is None


def test_a_budget_corrected_below_the_old_floor_drops_the_floor() -> None:
    from showroom.brain.compose.reply import search_terms
    from showroom.brain.dialogue import DialogueState, search_criteria

    before = DialogueState(
        criteria={"body_styles": ["SUV"], "price_min_cents": 3_600_000, "price_max_cents": 4_400_000}
    )
    fixed = search_criteria(search_terms(understand("no wait i said under 30 not 40", CATALOG)), before)
    assert fixed.get("price_max_cents") == 3_000_000 and "price_min_cents" not in fixed
    kept = search_criteria(
        search_terms(understand("under 50k", CATALOG)), replace(before, criteria={"price_min_cents": 2_000_000})
    )
    assert kept["price_min_cents"] == 2_000_000 and kept["price_max_cents"] == 5_000_000  # a narrowing keeps both


def test_luxury_makes_named_with_that_kind_of_thing_are_all_the_luxury_makes() -> None:
    makes = understand("any luxury suvs? bmw audi lexus that kinda thing", CATALOG).slots.makes
    assert {"Audi", "Lexus", "Porsche", "Cadillac"} <= set(makes)
    assert understand("any bmw or audi suvs", CATALOG).slots.makes in (["Bmw", "Audi"], ["BMW", "Audi"])


async def test_a_year_of_the_list_before_a_side_by_side_is_still_pointed_at(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("white santa fe calligraphy?")
    await chat.reply("whats the diff between the two 2024s")  # the pair set side by side
    drive = await chat.reply("the 2025 - awd?")  # the two 2025s of the list before: each answered
    assert "2025 Hyundai Santa Fe Calligraphy is listed as 4WD" in drive and "Hybrid Calligraphy AWD's trim" in drive
    hybrid = await chat.reply("is there a hybrid calligraphy")
    assert hybrid.startswith("Yes! The 2025 Hyundai Santa Fe Hybrid Calligraphy AWD is in stock")


async def test_a_price_pointing_at_a_car_not_shown_finds_it_and_it_is_compared(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("show me used sedans 20 to 25k")
    k5 = await chat.reply("the 23.6k one")  # not among the five shown
    assert k5.startswith("Here's the 2021 Kia K5 GT-Line Auto FWD.") and "$23,600" in k5
    side = await chat.reply("compare it to the jetta")
    assert side.startswith("Here they are side by side") and "K5 GT-Line" in side and "Jetta SE" in side


async def test_a_time_for_a_closed_day_offers_the_nearest_open_one(app: FastAPI, db: Database) -> None:
    hours = {day: {"open": "09:00", "close": "17:00"} for day in ("mon", "tue", "wed", "thu", "fri", "sat")}
    chat = await _visitor(app, db, agent_config={"working_hours": {**hours, "sun": None}})
    await chat.reply("any white tellurides")
    sunday = await chat.reply("my wife wants to see the white one sunday")
    assert "closed on Sunday" in sunday
    two = await chat.reply("around 2?")
    assert "closed on Sunday" in two and "Would Saturday around 2 PM work instead?" in two
    fees = await chat.reply("is that the price id actually pay or is there more stuff added")
    assert fees.startswith("On top of the listed price come sales tax")  # not "that's all of them"


def test_new_not_used_is_new_and_a_fuel_before_a_trim_keeps_the_trim() -> None:
    assert understand("new not used", CATALOG).slots.condition == "new"
    assert understand("used, not new", CATALOG).slots.condition == "used"
    assert understand("is there a hybrid calligraphy", CATALOG).slots.trims == ["Calligraphy"]


async def test_the_one_with_no_miles_and_a_colour_of_a_page_before(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("small suv under 20k")
    await chat.reply("more")  # the second page: two Equinoxes
    none = await chat.reply("the one with no miles listed")  # the Sportage, on the first page
    assert "2020 Kia Sportage LX FWD" in none and "doesn't show its mileage" in none
    black = await chat.reply("is the black equinox awd")
    assert black.startswith("The 2019 Chevrolet Equinox AWD 4dr LT w/1LT's trim says AWD")  # not the white one
