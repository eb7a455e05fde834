"""Times and trade-ins as customers write them (issue 13, twelfth round): the visit time past the time they are free
("i get off at 3, could swing by like 3:30") and past "lunch" ("at lunch today, like 12:30"); a day and a time with
the car to see is an appointment ("sat, so like 11:30? the telluride SX"); "we want to come thurs" is a visit whose
time comes next; the trade's "about 62k" is 62,000 miles (not the top of a budget band) and its trim is kept and
said back, also when asked "what did i tell u about my rav4"."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.when import find_time_request
from showroom.brain.types import Turn
from showroom.db.engine import Database
from tests.agent.support import CATALOG
from tests.agent.test_following_through import _visitor


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("i get off at 3 tomorrow, could swing by like 3:30 for the rogue", "tomorrow around 3:30 PM"),
        ("can i come by at lunch today, like 12:30, to drive the elantra", "today around 12:30 PM"),
        ("can i come at noon", "at 12 PM"),
        ("i get off at 5 can you call me then", "at 5 PM"),
    ],
)
def test_the_time_asked_for_is_not_the_time_they_are_free(text: str, said: str) -> None:
    request = find_time_request(text)
    assert request is not None and request.said() == said


@pytest.mark.parametrize("text", ["me and my wife want to come thurs after work", "can we come saturday"])
def test_coming_on_a_day_is_a_visit(text: str) -> None:
    assert understand(text).primary == "test_drive"


def test_does_it_come_in_white_is_no_visit() -> None:
    assert understand("does it come in white").primary != "test_drive"


async def test_a_day_and_a_time_with_the_car_is_an_appointment(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.say("after my kid's soccer game sat, so like 11:30? the telluride SX")
    assert said["handed_over"] is True
    assert "Saturday around 11:30 AM" in said["replies"][0]["content"]


async def test_the_day_then_the_time_is_handed_over(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("looking at the new santa fe calligraphy")
    asked = await chat.reply("me and my wife want to come thurs after work")
    assert "What time on Thursday works best for you?" in asked
    said = await chat.say("around 6ish")
    assert said["handed_over"] is True and "Thursday around 6 PM" in said["replies"][0]["content"]


@pytest.mark.parametrize(
    ("text", "trim", "miles"),
    [("xle awd silver about 62k", "XLE AWD", 62_000), ("its an se with 40k miles", "SE", 40_000)],
)
def test_the_trades_trim_and_rounded_miles(text: str, trim: str, miles: int) -> None:
    history = [
        Turn(sender="customer", text="want to trade in my 2019 rav4"),
        Turn(sender="ai", text="Thanks for the details on your trade-in. Could you share its mileage and condition?"),
    ]
    trade = understand(text, CATALOG, history).slots.trade_in
    assert trade is not None and (trade.trim, trade.mileage) == (trim, miles)


def test_a_short_word_is_no_trim_unless_it_reads_as_one() -> None:
    history = [Turn(sender="customer", text="want to trade in my 2019 rav4")]
    trade = understand("se me rompio el espejo, 80 mil millas", CATALOG, history).slots.trade_in
    assert trade is not None and trade.trim is None


async def test_what_was_told_of_the_trade_is_said_back_by_its_model(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("want to trade in my 2019 rav4")
    told = await chat.reply("xle awd silver about 62k")
    assert "a 2019 Toyota RAV4 XLE AWD with about 62,000 miles" in told
    await chat.reply("theres a small dent on the rear bumper")
    said = await chat.reply("what did i tell u about my rav4")
    assert said.startswith("You told me your trade-in is a 2019 Toyota RAV4 XLE AWD, 62,000 miles, small dent")


async def test_a_bare_time_after_the_day_is_the_visit(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any tucsons")
    await chat.reply("can i come saturday")
    said = await chat.say("930")
    assert said["handed_over"] is True and "Saturday at 9:30 AM" in said["replies"][0]["content"]


async def test_an_email_given_is_said_back_and_info_asked_by_email_goes_to_a_person(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any palisades")
    assert (await chat.reply("my email is rosa.m@yahoo.com")).startswith("Thanks! I've noted rosa.m@yahoo.com.")
    other = await _visitor(app, db)
    await other.reply("any palisades")
    said = await other.say("send me the info at rosa.m@yahoo.com")
    assert said["handed_over"] is True
    assert said["replies"][0]["content"].startswith("Thanks. I've asked a member of our team to e-mail you at rosa.m")


def test_a_trim_that_opens_the_answer_and_a_cracked_windshield_are_the_trades() -> None:
    history = [
        Turn(sender="customer", text="id be trading in my 2017 malibu"),
        Turn(sender="ai", text="Thanks for the details on your trade-in. Could you share its mileage and condition?"),
    ]
    trade = understand("lt, 104k, windshield has a crack", CATALOG, history).slots.trade_in
    assert trade is not None and (trade.trim, trade.mileage, trade.condition) == (
        "LT",
        104_000,
        "windshield has a crack",
    )


def test_email_me_at_an_address_only_gives_it() -> None:
    assert not understand("Great, email me at ann@example.com").wants_human
    assert understand("can you email me the details on the tucson").wants_human
