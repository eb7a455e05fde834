"""A model's versions and two model years (issue 13, twelfth round): "whats the mpg on the santa fe" rates the Santa Fe
and the Santa Fe Hybrid each (not the first unit found), "how are they on gas" of a list rates the model, and "the
price difference between the 2024 and 2025" sets one of each year side by side; "a 2023 or 2024" is both years."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from showroom.brain.nlu.figures import rated
from showroom.brain.nlu.intents import understand
from showroom.db.engine import Database
from tests.agent.test_following_through import _visitor


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("a 2023 or 2024 palisade", (2023, 2024)),
        ("2022 or a 2023 tucson under 30k", (2022, 2023)),
        ("whats the price difference between the 2024 and 2025", (2024, 2025)),
        ("i moved here in 2019 and 2020 was rough", (None, None)),
    ],
)
def test_two_years_joined_are_both_wanted(text: str, years: tuple[int | None, int | None]) -> None:
    slots = understand(text).slots
    assert (slots.year_min, slots.year_max) == years


async def test_a_models_fuel_economy_rates_each_of_its_versions(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.reply("which tucson gets the best gas mileage")
    assert "The Hyundai Tucson Hybrid is the easiest on gas: EPA-rated at about 37–38 MPG combined" in said
    assert "for the Hyundai Tucson," in said and "inventory/" not in said  # no one car's link


async def test_how_they_are_on_gas_of_a_list_is_the_models_rating(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any tucsons?")
    said = await chat.reply("how are they on gas")
    assert "EPA-rated at about" in said and "rather not guess" not in said


async def test_the_price_difference_between_two_years_seen(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do you have a 2024 and a 2025 tucson")
    said = await chat.reply("whats the price difference between the 2024 and 2025")
    assert said.startswith("The 2025 Hyundai Tucson Limited AWD is $1,371 more than the 2024 Hyundai Tucson")


async def test_which_has_lower_miles_compares_the_two_discussed(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("need 3 rows for my kids, budget 25k")
    drive = await chat.reply("and the dodge is awd?")
    assert drive.startswith("Yes, the 2019 Dodge Durango GT AWD is all-wheel drive (AWD).")
    miles = await chat.reply("which has lower miles")
    assert miles.startswith("The 2015 Toyota Highlander AWD 4dr V6 XLE has fewer miles: 71,339, against 75,410")


async def test_any_other_of_a_make_is_every_model_of_it(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do u have a jetta and whats the price")
    others = await chat.reply("any other vws")
    assert "Arteon" in others and "No others" not in others


async def test_any_other_of_a_trim_is_any_colour_of_it(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do you have a green palisade")
    others = await chat.reply("any other night editions")
    assert "White, $54,597" in others and "White, $54,633" in others


@pytest.mark.parametrize(("model", "year"), [("Durango", 2019), ("Ecosport", 2020), ("Mazda3 5-Door", 2017)])
def test_the_lots_models_have_a_fuel_economy_rating(model: str, year: int) -> None:
    assert rated(model, year, "fuel economy") is not None


def test_a_half_ton_is_a_pickup() -> None:
    assert understand("half ton 4x4 under 35k").slots.body_styles == ["Truck"]


async def test_the_cheaper_of_those_two_is_of_the_two_discussed(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do u have any electric cars")
    await chat.reply("whats the range on the ioniq 6")
    await chat.reply("and the 5?")
    cheaper = await chat.reply("which of those two is cheaper")
    assert cheaper.startswith("The 2024 Hyundai Ioniq 6 SEL AWD is the cheaper of the two at $51,378")
    drive = await chat.reply("the cheaper of those two is it awd")
    assert drive.startswith("The 2024 Hyundai Ioniq 6 SEL AWD's trim says AWD, but our listing's drivetrain field")


async def test_does_it_seat_8_is_answered_without_a_guess(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any 2021 telluride lx")
    said = await chat.reply("does it seat 8")
    assert "has a third row of seats. How many it seats (usually 7 or 8) depends on" in said


async def test_a_spanish_conversation_about_one_car(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    await chat.reply("hola tienen el elantra 2024?")
    assert (await chat.reply("es nuevo o usado")).startswith("El 2024 Hyundai Elantra SEL IVT es usado.")
    cheaper = await chat.reply("hay otro mas barato?")
    assert cheaper.startswith("No hay nada más barato que le sirva: el 2024 Hyundai Elantra SEL IVT, a $23,900")
    gas = await chat.reply("cuanto gasta de gasolina")
    assert "millas por galón" in gas
    visit = await chat.say("quiero ir el sabado a verlo")
    assert visit["handed_over"] is False  # the day; the time comes next
    said = await chat.say("a las 11")
    assert said["handed_over"] is True and "a las 11" in said["replies"][0]["content"]


def test_the_year_before_grand_cherokee_is_a_year_not_money() -> None:
    slots = understand("has the 2020 grand cherokee been in any accidents?").slots
    assert (slots.year_min, slots.budget_max_cents) == (2020, None)
    assert understand("under 20 grand").slots.budget_max_cents == 2_000_000


@pytest.mark.parametrize("text", ["what time yall close on saturday", "yall open both days?", "u open sunday"])
def test_hours_asked_the_texting_way(text: str) -> None:
    assert understand(text).primary == "hours_location"


async def test_equipment_no_listing_itemises_is_not_a_yes(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.reply("does the 2025 palisade have the digital key")
    assert "Our listings don't itemise equipment like the digital key, so I can't confirm it" in said


async def test_a_plug_in_hybrids_electric_range_is_of_the_car_under_discussion(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("the bmw 530e, how many miles and is it a plug in")
    said = await chat.reply("electric range on it")
    assert said.startswith("The 2019 BMW 5 Series plug-in hybrid is EPA-rated at about 16 miles of range")


async def test_are_you_a_bot_while_waiting_for_a_person_is_answered(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do you have a q8")
    assert (await chat.say("would you take 40k cash for it"))["handed_over"] is True
    said = await chat.reply("are you a bot or a person")
    assert said.startswith("I'm a virtual assistant, not a person.")


async def test_the_difference_between_the_two_units_of_a_model(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.reply("thinking about a k5, whats the difference between the two you got")
    assert "Here they are side by side" in said and "K5 LXS" in said and "K5 GT-Line" in said
    assert "$2,601 less" in said


async def test_whats_different_of_two_alike_is_side_by_side(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("how much is a new tucson limited")
    said = await chat.reply("the 2 burgundy ones are the same price? whats different")
    assert said.startswith("Here they are side by side") and "They're listed the same on price, year and miles" in said


async def test_gas_vs_hybrid_rates_both_versions_of_the_model(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any tucson hybrids")
    said = await chat.reply("mpg gas vs hybrid")
    assert said.startswith("The Hyundai Tucson Hybrid is the easiest on gas") and "for the Hyundai Tucson," in said


async def test_a_weight_to_tow_finds_the_models_rated_for_it(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.reply("want a truck that can tow 10k lbs")
    assert "Silverado 1500" in said and "Titan XD" in said and "F-150" in said
    assert "These are models rated to tow about 10,000 lb or more when properly equipped" in said
