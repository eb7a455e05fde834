"""Rated figures a feed does not carry (issue 13, ninth round): an electric car's range, fuel economy, towing, said as
the model's rating over its versions with the unit's own figure to be confirmed; a model or year the table does not
know is still refused honestly."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from showroom.brain.nlu.figures import Rated, rated
from showroom.db.engine import Database
from tests.agent.test_following_through import _visitor


@pytest.mark.parametrize(
    ("model", "year", "topic", "fuel", "figure"),
    [
        ("Ioniq 5", 2024, "range and charging figures", "Electric", Rated(220, 303)),
        ("Niro Ev", 2022, "range and charging figures", "Electric", Rated(239, 239)),
        ("Tucson Hybrid", 2024, "fuel economy", "Hybrid", Rated(37, 38)),
        ("Escape", 2021, "fuel economy", "Hybrid", Rated(40, 41)),  # the trim says hybrid: the hybrid's rating
        ("Escape", 2021, "fuel economy", "Gasoline", Rated(26, 30)),
        ("Santa Fe", 2025, "towing capacity", "Gasoline", Rated(3500, 4500)),
        ("Santa Fe Hybrid", 2025, "towing capacity", "Hybrid", Rated(2000, 2000)),
        ("Titan Xd", 2022, "towing capacity", "Gasoline", Rated(10000, 11000)),
    ],
)
def test_a_model_s_rating_by_its_name_year_and_fuel(
    model: str, year: int, topic: str, fuel: str, figure: Rated
) -> None:
    assert rated(model, year, topic, fuel) == figure


@pytest.mark.parametrize(
    ("model", "year", "topic", "fuel"),
    [
        ("Ioniq 5", 2019, "range and charging figures", "Electric"),  # a year before the model
        ("Kona Electric", 2022, "fuel economy", "Electric"),  # an electric car has no MPG
        ("Macan", 2019, "towing capacity", "Gasoline"),  # not in the table: unknown, never guessed
        ("Palisade", 2024, "cargo space", "Gasoline"),  # a topic the table does not carry
    ],
)
def test_what_the_table_does_not_know_has_no_figure(model: str, year: int, topic: str, fuel: str) -> None:
    assert rated(model, year, topic, fuel) is None


def test_a_figure_reads_as_one_number_or_a_range() -> None:
    assert Rated(5000, 5000).said() == "5,000" and Rated(220, 303).said() == "220–303"


async def test_range_mpg_and_towing_of_the_car_discussed_are_its_ratings(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    await chat.reply("is the ioniq 5 still there")
    ranged = await chat.reply("range?")
    assert ranged.startswith("The 2024 Hyundai Ioniq 5 is EPA-rated at about 220–303 miles of range")
    assert "confirm it for this one" in ranged
    escape = await chat.reply("the escape hybrid, mpg?")
    assert escape.startswith("The 2021 Ford Escape Hybrid is EPA-rated at about 40–41 MPG combined")
    titan = await chat.reply("can the titan tow 7000")
    assert "tow up to about 11,000 lb" in titan
    macan = await chat.reply("and how much can the porsche tow")
    assert "rather not guess at the towing capacity" in macan  # not in the table: refused, not invented
    spanish = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    rinde = await spanish.reply("cuanto rinde la tucson hibrida")
    assert "unas 37–38 millas por galón" in rinde


async def test_a_third_row_asked_of_a_model_is_answered_as_the_model_s(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    santa_fe = await chat.reply("does the new santa fe have a 3rd row")
    assert "Yes: every Santa Fe from the 2024 model year on has a third row, and these all do:" in santa_fe


async def test_a_tax_credit_is_not_the_sales_tax(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("is the ioniq 6 still there")
    credit = await chat.reply("any tax credit on those")
    assert credit.startswith("The federal clean-vehicle tax credits for electric and plug-in cars ended")
    tax = await chat.reply("whats the sales tax here")
    assert tax.startswith("On top of the listed price come sales tax")


async def test_a_backup_camera_searched_for_finds_every_car_from_2019_on(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    cameras = await chat.reply("any cars with a backup camera under 17k")
    assert "Here are 4 that match" in cameras and "2017 Mazda" not in cameras and "not seeing" not in cameras


async def test_a_trip_in_winter_is_a_range_question_and_a_compared_pair_stays_the_pair(
    app: FastAPI, db: Database
) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any electric cars")
    await chat.reply("too pricey. the 18k one?")
    winter = await chat.reply("would that even make 140 miles round trip in winter")
    assert winter.startswith("The 2022 Kia Niro EV is EPA-rated at about 239 miles of range")
    assert "Cold weather can cut" in winter
    await chat.reply("compare it to the prius")
    fewer = await chat.reply("ok which one has fewer miles")
    assert fewer.startswith("The 2022 Kia Niro EV EX FWD has fewer miles: 66,093, against 70,829 on the 2021 Toyota")
