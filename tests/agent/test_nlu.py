"""Intents and slots from real customer language."""

from __future__ import annotations

import pytest

from showroom.brain.nlu.flags import is_question, wants_human
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.sentiment import sentiment
from showroom.brain.nlu.slots import extract_slots
from showroom.brain.nlu.understanding import INTENTS, TradeIn
from showroom.brain.nlu.vehicles import Catalog, find_vehicle_mentions
from showroom.brain.types import Turn
from tests.agent.support import CATALOG


def test_chevy_slang_maps_to_chevrolet_and_a_model_implies_its_make() -> None:
    slots = extract_slots("do u have a chevy tahoe?")
    assert slots.makes == ["Chevrolet"]
    assert slots.models == ["Tahoe"]
    assert extract_slots("any tahoes?").makes == ["Chevrolet"]


@pytest.mark.parametrize(
    ("text", "make", "model"),
    [
        ("looking for an f150", "Ford", "F-150"),
        ("looking for an F-150", "Ford", "F-150"),
        ("looking for a f 150", "Ford", "F-150"),
        ("do you have a crv", "Honda", "CR-V"),
        ("do you have a CR-V", "Honda", "CR-V"),
        ("rav 4 hybrid?", "Toyota", "RAV4"),
        ("mazda cx5", "Mazda", "CX-5"),
        ("the ioniq 5", "Hyundai", "Ioniq 5"),
        ("a tuscon", "Hyundai", "Tucson"),
        ("a teluride", "Kia", "Telluride"),
        ("grand cherokee", "Jeep", "Grand Cherokee"),
        ("model y", "Tesla", "Model Y"),
        ("ram 1500", "Ram", "1500"),
        ("santa fe or palisade", "Hyundai", "Santa Fe"),
    ],
)
def test_spelling_and_spacing_variants_of_models_are_recognised(text: str, make: str, model: str) -> None:
    slots = extract_slots(text)
    assert make in slots.makes
    assert model in slots.models


@pytest.mark.parametrize(
    ("text", "make"),
    [("vw jetta", "Volkswagen"), ("a merc", "Mercedes-Benz"), ("bimmer", "BMW"), ("hyundia", "Hyundai")],
)
def test_make_slang_and_typos_map_to_the_canonical_make(text: str, make: str) -> None:
    assert extract_slots(text).makes == [make]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i want to escape the city", []),
        ("Do you have an Escape?", ["Escape"]),
        ("ford escape", ["Escape"]),
        ("a 2019 escape", ["Escape"]),
        ("we need a pilot for the plane", []),
        ("honda pilot please", ["Pilot"]),
        ("what venue?", []),
        ("Is the Venue still available?", ["Venue"]),
        ("older than 2015 is fine", []),
        ("I need to escalate this", []),
        ("there's a chip shortage", []),
        ("and vice versa", []),
        ("we're on pacific time", []),
    ],
)
def test_models_that_are_everyday_words_need_context(text: str, expected: list[str]) -> None:
    assert extract_slots(text).models == expected


def test_a_model_named_earlier_in_the_conversation_counts_without_its_make() -> None:
    history = [Turn("customer", "I like the Honda Passport"), Turn("ai", "Great choice!")]
    assert extract_slots("is the passport awd?", history=history).models == ["Passport"]
    assert extract_slots("is the passport awd?").models == []


def test_the_dealerships_catalog_spelling_wins() -> None:
    catalog = Catalog({"Hyundai": {"Santa Fe Hybrid", "Tucson"}, "Chevrolet": {"Silverado 1500"}})
    assert extract_slots("santa fe hybrid please", catalog).models == ["Santa Fe Hybrid"]
    assert extract_slots("a silverado 1500", catalog).models == ["Silverado 1500"]


def test_the_real_feed_catalog_recognises_its_own_models() -> None:
    slots = extract_slots("do you have the tucson hybrid or an ioniq 6", CATALOG)
    assert slots.models == ["Tucson Hybrid", "Ioniq 6"]


def test_vehicle_mentions_report_offsets_and_model_years() -> None:
    [mention] = find_vehicle_mentions("is the 2022 Kia Telluride SX still there?")
    assert (mention.make, mention.model, mention.year) == ("Kia", "Telluride", 2022)
    assert "is the 2022 Kia Telluride SX still there?"[mention.start : mention.end] == "Kia Telluride"


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("any suvs?", "body_styles", ["SUV"]),
        ("need a truck", "body_styles", ["Truck"]),
        ("a pick-up", "body_styles", ["Truck"]),
        ("minivan for the family", "body_styles", ["Minivan"]),
        ("awd please", "drivetrains", ["AWD"]),
        ("all wheel drive", "drivetrains", ["AWD"]),
        ("must be 4x4", "drivetrains", ["4WD"]),
        ("any ev's", "fuel_types", ["Electric"]),
        ("hybrid", "fuel_types", ["Hybrid"]),
        ("plug-in hybrid", "fuel_types", ["Plug-In Hybrid"]),
        ("red or black", "colors", ["Black", "Red"]),
        ("grey or gray", "colors", ["Gray"]),
        ("black leather interior, white outside", "colors", ["White"]),
    ],
)
def test_body_style_drivetrain_fuel_and_colour_words_are_normalised(text: str, field: str, expected: list[str]) -> None:
    assert getattr(extract_slots(text), field) == expected


@pytest.mark.parametrize(
    ("text", "budget_min", "budget_max"),
    [
        ("something under 45k", None, 4_500_000),
        ("less than $30,000", None, 3_000_000),
        ("around 25 grand", 2_250_000, 2_750_000),
        ("between 20 and 30k", 2_000_000, 3_000_000),
        ("$20,000-$30,000", 2_000_000, 3_000_000),
        ("price range 20-30k", 2_000_000, 3_000_000),
        ("my budget is 35000", None, 3_500_000),
        ("at least 20k", 2_000_000, None),
        ("can you do 28k?", None, 2_800_000),
        ("up to $32,500.00", None, 3_250_000),
    ],
)
def test_budgets_are_read_in_cents(text: str, budget_min: int | None, budget_max: int | None) -> None:
    slots = extract_slots(text)
    assert (slots.budget_min_cents, slots.budget_max_cents) == (budget_min, budget_max)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [("$400 a month", 40_000), ("400/mo", 40_000), ("payments around 350", 35_000), ("under 450 monthly", 45_000)],
)
def test_monthly_payment_targets_are_not_total_budgets(text: str, monthly: int) -> None:
    slots = extract_slots(text)
    assert slots.monthly_budget_cents == monthly
    assert slots.budget_max_cents is None


def test_a_down_payment_or_a_loan_payoff_is_not_a_budget() -> None:
    slots = extract_slots("I can put 3k down and I owe 12k on my car")
    assert slots.down_payment_cents == 300_000
    assert slots.budget_max_cents is None


@pytest.mark.parametrize(
    ("text", "year_min", "year_max"),
    [
        ("2020 or newer", 2020, None),
        ("anything from '19 or newer?", 2019, None),
        ("2018-2021 tahoe", 2018, 2021),
        ("newer than 2018", 2019, None),
        ("older than 2015 is fine", None, 2014),
        ("the 2022 tahoe", 2022, 2022),
        ("I moved here in 2019", None, None),
    ],
)
def test_model_years_and_ranges(text: str, year_min: int | None, year_max: int | None) -> None:
    slots = extract_slots(text)
    assert (slots.year_min, slots.year_max) == (year_min, year_max)


@pytest.mark.parametrize(
    ("text", "mileage"),
    [("under 50k miles", 50_000), ("less than 60,000 miles", 60_000), ("w/ less than 60k mi", 60_000)],
)
def test_mileage_limits(text: str, mileage: int) -> None:
    slots = extract_slots(text)
    assert slots.mileage_max == mileage
    assert slots.budget_max_cents is None


def test_a_trade_in_is_parsed_and_kept_out_of_what_they_want() -> None:
    slots = extract_slots("I have a 2015 Honda Civic with 98k miles to trade")
    assert slots.trade_in == TradeIn(2015, "Honda", "Civic", 98_000)
    assert slots.makes == []
    assert slots.models == []
    assert slots.year_min is None
    assert slots.mileage_max is None


def test_trading_one_vehicle_for_another_separates_the_two() -> None:
    slots = extract_slots("I want to trade my 2016 Accord for a new CR-V")
    assert slots.trade_in == TradeIn(2016, "Honda", "Accord", None)
    assert slots.models == ["CR-V"]
    assert slots.condition == "new"


def test_a_trade_in_with_family_possessives_and_no_punctuation() -> None:
    slots = extract_slots("trading in my wifes 2014 nissan rogue 120k miles, want a telluride")
    assert slots.trade_in == TradeIn(2014, "Nissan", "Rogue", 120_000)
    assert slots.models == ["Telluride"]


def test_asking_whether_trade_ins_are_accepted_is_not_a_trade_in() -> None:
    assert extract_slots("do you take trade ins?").trade_in is None
    assert extract_slots("I also have a trade-in").trade_in == TradeIn()


@pytest.mark.parametrize(
    ("text", "timeline"),
    [
        ("need one asap", "asap"),
        ("want to buy today", "today"),
        ("can I come this weekend", "this weekend"),
        ("tomorrow works", "this week"),
        ("sometime next week", "within 30 days"),
        ("probably next month", "1-3 months"),
        ("maybe next year", "3+ months"),
        ("just looking for now", "just browsing"),
        ("just looking for a truck", None),
    ],
)
def test_timelines(text: str, timeline: str | None) -> None:
    assert extract_slots(text).timeline == timeline


def test_features_are_normalised() -> None:
    slots = extract_slots("want heated seats, a sunroof, apple carplay and a 3rd row")
    assert slots.features == ["heated seats", "sunroof", "third row seating", "apple carplay"]


def test_stock_numbers_and_vins_are_upper_cased() -> None:
    assert extract_slots("is stock #dt25256 still there").stock_number == "DT25256"
    assert extract_slots("stk 25713?").stock_number == "25713"
    assert extract_slots("vin km8r3dge8ru801493").vin == "KM8R3DGE8RU801493"


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("a new tahoe", "new"),
        ("brand new", "new"),
        ("used f150", "used"),
        ("pre-owned please", "used"),
        ("certified pre-owned", "certified"),
        ("new or used is fine", None),
        ("I used to have a jeep", None),
        ("what's new with you", None),
    ],
)
def test_condition(text: str, condition: str | None) -> None:
    assert extract_slots(text).condition == condition


@pytest.mark.parametrize("text", ["STOP", "stop.", "  Unsubscribe ", "CANCEL!", "end", "Quit"])
def test_a_whole_message_opt_out_is_flagged(text: str) -> None:
    u = understand(text)
    assert u.is_opt_out
    assert u.intents[0] == "stop"


@pytest.mark.parametrize("text", ["stop by saturday?", "can I cancel my appointment", "end of the month"])
def test_opt_out_words_inside_a_sentence_are_not_an_opt_out(text: str) -> None:
    u = understand(text)
    assert not u.is_opt_out
    assert u.intents[0] != "stop"


def test_asking_to_stop_texting_is_the_stop_intent_without_being_a_keyword_opt_out() -> None:
    u = understand("please stop texting me")
    assert u.intents[0] == "stop"
    assert not u.is_opt_out


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Is the 2024 Palisade XRT still available?", "availability"),
        ("do u guys have any 4x4 trucks under 40k", "availability"),
        ("looking for a used suv under 20k", "inventory_search"),
        ("I want to trade in my car", "trade_in"),
        ("what would you give me for my 2012 camry", "trade_in"),
        ("do you offer financing?", "financing"),
        ("what are your lease deals", "lease"),
        ("can I test drive it saturday at 2pm?", "test_drive"),
        ("what are your hours on sunday", "hours_location"),
        ("where are you located", "hours_location"),
        ("need an oil change for my sonata", "service"),
        ("how much is the red kona?", "price"),
        ("whats the OTD price", "price"),
        ("can I talk to a real person", "human_request"),
        ("please stop texting me", "stop"),
        ("not interested anymore", "not_interested"),
        ("already bought one elsewhere", "not_interested"),
        ("thanks!", "thanks"),
        ("hello", "greeting"),
        ("asdf", "other"),
    ],
)
def test_primary_intent(text: str, intent: str) -> None:
    assert understand(text).intents[0] == intent


def test_greeting_and_thanks_rank_after_the_real_question() -> None:
    intents = understand("hi! thanks, do you have any palisades?").intents
    assert intents[0] == "availability"
    assert intents.index("greeting") > intents.index("availability")


def test_intents_are_valid_and_never_empty() -> None:
    for text in ("", "   ", "🚗", "ok", "hello", "asdf qwer"):
        u = understand(text)
        assert u.intents
        assert set(u.intents) <= set(INTENTS)


def test_a_reply_to_the_ais_test_drive_question_continues_the_test_drive() -> None:
    history = [
        Turn("customer", "is the tucson available"),
        Turn("ai", "It is! Would you like to schedule a test drive?"),
    ]
    assert understand("yes saturday works", history=history).intents[0] == "test_drive"
    assert understand("saturday at 10", history=history).intents[0] == "test_drive"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("this is the worst dealership, you lied to me", -1),
        ("I'm not happy with how this went", -1),
        ("love the truck, thanks so much!", 1),
        ("not bad at all", 1),
        ("do you have the palisade in blue?", 0),
        ("I'm not angry, just asking", 1),
        ("holy shit that's a good looking truck", 1),
    ],
)
def test_sentiment_direction(text: str, sign: int) -> None:
    score = sentiment(text)
    assert -1 <= score <= 1
    if sign < 0:
        assert score < -0.3
    elif sign > 0:
        assert score > 0
    else:
        assert score == 0


def test_shouting_makes_negative_messages_more_negative() -> None:
    assert sentiment("THIS IS RIDICULOUS AND UNACCEPTABLE!!") < sentiment("this is ridiculous and unacceptable")


@pytest.mark.parametrize(
    ("text", "human"),
    [
        ("can I speak with a manager", True),
        ("have someone call me", True),
        ("Can you have Mike from sales text me back?", True),
        ("I don't need to talk to anyone, just the price", False),
        ("call me Jen btw", False),
        ("call me tomorrow", True),
        ("are you a bot?", False),
    ],
)
def test_requests_for_a_person_respect_negation_and_names(text: str, human: bool) -> None:
    assert wants_human(text) is human


@pytest.mark.parametrize(
    ("text", "question"),
    [("is it awd", True), ("ok but what's the price", True), ("any ev's", True), ("I want a truck.", False)],
)
def test_questions_are_detected_without_question_marks(text: str, question: bool) -> None:
    assert is_question(text) is question


def test_understanding_is_deterministic() -> None:
    text = "hey!! looking for a blue awd palisade or telluride under 50k, 2022+, trade in my 2015 civic 98k"
    first, second = understand(text, CATALOG), understand(text, CATALOG)
    assert first == second
    assert first.slots.colors == ["Blue"]
    assert first.slots.trade_in == TradeIn(2015, "Honda", "Civic", 98_000)
    assert first.slots.year_min == 2022
