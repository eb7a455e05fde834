"""Follow-ups that name a car from the list ("the mazda", "the EX one", "the others"), questions the listing answers
(transmission, trim, "is it awd" of several), and what a customer says that the agent used to misread: two models
at once ("the charger or the mustang"), a Spanish trade-in, opening hours asked with a car. The pure part first,
then through the public widget API with the real feed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import pytest
from fastapi import FastAPI

from showroom.brain.compose.reply import compose_reply
from showroom.brain.dialogue import DialogueState, asks_trims, pick, refers_to_shown, search_order
from showroom.brain.nlu.attributes import transmissions_named
from showroom.brain.nlu.intents import understand
from showroom.brain.types import DealershipView, Turn, VehicleView
from showroom.db.engine import Database
from tests.agent.support import CATALOG, make_vehicle, persona
from tests.agent.test_conversations_flow import stocked_team, visitor


async def chat(app: FastAPI, db: Database, **agent_config: Any) -> Callable[[str], Awaitable[str]]:
    """One visitor's conversation through the public widget API, with the real feed: ``await say(text)`` is the
    agent's first reply. ``agent_config``: the dealership's agent settings (``languages=["en", "es"]``)."""
    quiet = {"quiet_hours": {"start": "00:00", "end": "00:00"}}  # as ``stocked_team`` sets it: no clock in tests
    team = await stocked_team(app, db, **({"agent_config": {**quiet, **agent_config}} if agent_config else {}))
    guest = visitor(app)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"
    token: str | None = None

    async def say(text: str) -> str:
        nonlocal token
        body: dict[str, Any] = {"content": text, **({"token": token} if token else {})}
        response = await guest.post(url, json=body)
        assert response.status_code == 201, response.text
        token = response.json()["token"]
        return str(response.json()["replies"][0]["content"])

    return say


BARE = DealershipView("Demo", None, None, None, None, None, None, "UTC")


def reply_to(
    text: str,
    vehicles: list[VehicleView],
    *,
    dealership: DealershipView = BARE,
    history: Sequence[Turn] = (),
    referred: bool = False,
) -> str:
    """The builtin agent's reply to ``text`` about ``vehicles`` (no database)."""
    u = understand(text, CATALOG, history)
    return compose_reply(
        u, persona=persona(), dealership=dealership, vehicles=vehicles, history=history, referred=referred
    ).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is it automatic", ["Automatic"]),
        ("any manual cars", ["Manual"]),
        ("6 speed manual please", ["Manual"]),
        ("i cant drive stick. which of the others are automatic", ["Automatic"]),
        ("no manual please", ["Automatic"]),
        ("es automática?", ["Automatic"]),
        ("is there an owners manual", []),
        ("auto loan rates?", []),
    ],
)
def test_the_transmission_asked_for(text: str, expected: list[str]) -> None:
    assert understand(text, CATALOG, languages=("en", "es")).slots.transmissions == expected


def test_a_feeds_transmission_words_are_read_as_kinds() -> None:
    assert transmissions_named("CVT CVT") == ["Automatic"]
    assert transmissions_named("8-Speed DCT") == ["Automatic"]
    assert transmissions_named("6-Speed Manual") == ["Manual"]
    assert transmissions_named("LXS IVT") == ["Automatic"]
    assert transmissions_named("SEL AWD") == []


@pytest.mark.parametrize(
    ("text", "models"),
    [
        ("thinking about the charger or the mustang", ["Charger", "Mustang"]),
        ("any chargers", ["Charger"]),
        ("the malibu", ["Malibu"]),
        ("does it come with the charger", []),  # the EV's charger, not a Dodge
        ("the escape is the price", []),  # an everyday word even after "the"
    ],
)
def test_a_model_named_like_an_everyday_word_counts_after_the_when_the_lot_has_it(text: str, models: list[str]) -> None:
    assert understand(text, CATALOG).slots.models == models


def test_a_spanish_trade_in_with_the_year_after_the_model() -> None:
    u = understand("aceptan mi Tacoma 2016 a cambio?", CATALOG, languages=("en", "es"))
    assert u.primary == "trade_in"
    assert u.slots.trade_in is not None and (u.slots.trade_in.year, u.slots.trade_in.model) == (2016, "Tacoma")
    assert not u.slots.models  # the customer's own truck is not what they want to buy


MAZDA = make_vehicle(id=1, year=2017, make="Mazda", model="Mazda3 5-Door", trim="Grand Touring Manual",
                     transmission="Manual", drivetrain="FWD", price_cents=1_687_500)  # fmt: skip
FORD = make_vehicle(id=2, year=2020, make="Ford", model="Ecosport", trim="SE 4WD", transmission="Automatic",
                    drivetrain="4WD", price_cents=1_590_000)  # fmt: skip
ESCAPE = make_vehicle(id=3, year=2020, make="Ford", model="Escape", trim="SE AWD", transmission="Automatic",
                      drivetrain="FWD", price_cents=1_890_000)  # fmt: skip
SHOWN = [MAZDA, FORD, ESCAPE]


def _picked(text: str, focus: int | None = None) -> list[int]:
    state = DialogueState(shown=[v.id for v in SHOWN], focus=focus)
    u = understand(text, CATALOG)
    assert refers_to_shown(u, state), text
    return [v.id for v in pick(u, state, SHOWN)]


def test_a_car_named_by_its_make_model_or_a_word_of_its_title_is_one_of_those_shown() -> None:
    assert _picked("the mazda, is it automatic") == [1]
    assert _picked("what about the escape one") == [3]
    assert _picked("the SE AWD one") == [3]
    assert _picked("and the 2017?") == [1]


def test_the_others_leave_out_the_car_under_discussion_and_keep_what_fits() -> None:
    assert _picked("i cant drive stick. which of the others are automatic", focus=1) == [2, 3]


def test_a_yes_no_question_with_no_car_under_discussion_is_answered_of_each() -> None:
    assert _picked("is it awd") == [1, 2, 3]
    assert _picked("is it awd", focus=2) == [2]


def test_a_make_that_none_of_those_shown_has_is_a_new_search() -> None:
    state = DialogueState(shown=[v.id for v in SHOWN])
    u = understand("the chevy", CATALOG)
    assert refers_to_shown(u, state) and pick(u, state, SHOWN) == []
    assert not refers_to_shown(understand("any other fords?", CATALOG), state)


def test_what_trims_ranks_one_of_each_trim() -> None:
    u = understand("what trims of the palisade do you have", CATALOG)
    assert asks_trims(u) and search_order(u) == "per_trim"
    assert search_order(understand("which is the newest", CATALOG)) == "newest"
    assert search_order(understand("any palisades", CATALOG)) == "cheapest"


async def test_a_conversation_about_cars_from_the_list_through_the_widget(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)

    assert "Mazda3" in await say("got any hatchbacks")
    manual = await say("the mazda, is it automatic")
    assert "manual transmission" in manual and "in stock" not in manual
    others = await say("i cant drive stick. which of the others are automatic")
    assert "Ecosport" in others and "Mazda3" not in others

    both = await say("thinking about the charger or the mustang")
    assert "Charger" in both and "Mustang" in both
    trim = await say("is the mustang a GT at least")
    assert "doesn't give" in trim and "trim" in trim and "$34,500" not in trim
    cheaper = await say("the cheaper one then. miles?")
    assert "Charger" in cheaper and "65,718" in cheaper

    trims = await say("what trims of the palisade do you have")
    assert "trims of the Palisade" in trims and "XRT" in trims and "Limited" in trims

    later = await say("are you open saturday? want to look at the tahoe")
    assert later.count("Our hours are") == 1 and "Tahoe" in later


async def test_opening_hours_asked_with_a_car_answer_both(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"
    answer = (await visitor(app).post(url, json={"content": "are you open saturday? want to look at the tahoe"})).json()
    hours = answer["replies"][0]["content"]
    assert "Sat 9 AM-5 PM" in hours and "Tahoe" in hours and "$45,800" in hours


async def test_a_spanish_trade_in_question_gets_a_yes(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db, agent_config={"languages": ["en", "es"]})
    guest = visitor(app)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"
    answer = (await guest.post(url, json={"content": "aceptan mi Tacoma 2016 a cambio?"})).json()
    reply = answer["replies"][0]["content"]
    assert "Sí, recibimos vehículos a cuenta" in reply and not answer.get("handed_over")


def test_a_comparative_compares_those_shown_and_a_superlative_the_whole_search() -> None:
    from showroom.brain.dialogue import superlative

    assert superlative(understand("which is cheaper", CATALOG)) is None
    assert superlative(understand("the cheapest", CATALOG)) == "cheapest"
    assert search_order(understand("anything newer under 20k", CATALOG)) == "newest"
    state = DialogueState(shown=[MAZDA.id], focus=MAZDA.id)
    assert not refers_to_shown(understand("something newer", CATALOG), state)  # more of the search, not that one


def test_two_cars_asked_about_in_turn_are_both_remembered_to_compare() -> None:
    from showroom.brain.dialogue import remember

    first = remember(DialogueState(), u=understand("the mazda", CATALOG), criteria={}, shown=[MAZDA.id], reply="a")
    second = remember(first, u=understand("what about the escape", CATALOG), criteria={}, shown=[ESCAPE.id], reply="b")
    assert second.shown == [MAZDA.id, ESCAPE.id] and second.focus == ESCAPE.id
    assert [v.id for v in pick(understand("which is cheaper", CATALOG), second, [MAZDA, ESCAPE])] == [MAZDA.id]


def test_a_make_keeps_the_body_style_and_a_single_year_stays_with_its_model() -> None:
    from showroom.brain.dialogue import search_criteria

    sedans = DialogueState(criteria={"body_styles": ["Sedan"], "year_min": 2023, "year_max": 2023})
    assert search_criteria({"makes": ["Honda", "Toyota"]}, sedans) == {
        "makes": ["Honda", "Toyota"],
        "body_styles": ["Sedan"],
    }
    ranged = DialogueState(criteria={"models": ["Sportage"], "year_min": 2020})
    assert search_criteria({"models": ["Telluride"]}, ranged) == {"models": ["Telluride"], "year_min": 2020}


def test_carry_is_not_a_camry() -> None:
    from showroom.brain.nlu.vehicles import find_vehicle_mentions

    assert find_vehicle_mentions("do you carry the kona", CATALOG)[0].model == "Kona"
    assert len(find_vehicle_mentions("our listing doesn't carry its history", CATALOG)) == 0


async def test_questions_the_agent_used_to_answer_with_a_generic_fallback(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)

    generic = "tell me a bit more about what you're looking for"
    browsing = await say("just looking")
    assert generic not in browsing and "take your time" in browsing
    cheapest = await say("whats your cheapest car")
    assert generic not in cheapest and "$15,900" in cheapest  # the 2020 Ecosport, the lot's lowest price
    history = await say("any accidents?")
    assert "history" in history and "Ecosport" in history and "accident-free" not in history
    asked = await say("is it new")
    assert "pre-owned" in asked
    elsewhere = await say("do you deliver to indiana")
    assert generic not in elsewhere and "team member" in elsewhere


def test_a_year_range_is_not_a_comparison() -> None:
    state = DialogueState(shown=[v.id for v in SHOWN])
    assert not refers_to_shown(understand("only 2022 or newer", CATALOG), state)
    assert refers_to_shown(understand("which is newer", CATALOG), state)


async def test_colours_year_photos_and_miles_of_a_list_through_the_widget(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)

    assert "Telluride" in await say("any tellurides")
    colours = await say("what colors does it come in")
    assert "colours" in colours and "White" in colours and "Brown" in colours and "test drive whenever" not in colours
    miles = await say("whats the mileage on them")
    assert miles.count(" miles.") >= 2  # each one's, not "which one do you mean"
    assert "2024" in await say("im interested in stock 26898")
    assert "is a 2024 model" in await say("what year is it")
    assert "photos" in await say("can i see more pictures")


def test_a_trim_or_colour_said_alone_picks_from_the_list() -> None:
    assert _picked("the grand touring") == [1]
    assert _picked("what about the SE") == [2, 3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tienen santa fe 2025?", (2025, 2025)),
        ("do you have a tucson 2022", (2022, 2022)),
    ],
)
def test_a_model_year_written_after_the_model(text: str, expected: tuple[int, int]) -> None:
    s = understand(text, CATALOG, languages=("en", "es")).slots
    assert (s.year_min, s.year_max) == expected


def test_seven_people_in_spanish_is_a_third_row() -> None:
    assert (
        "third row seating"
        in understand("quiero una suv para 7 personas", CATALOG, languages=("en", "es")).slots.features
    )


def test_having_financing_is_a_financing_question() -> None:
    from showroom.brain.compose.reply import _main_intent

    assert _main_intent(understand("tienen financiamiento?", CATALOG, languages=("en", "es"))) == "financing"


def test_a_test_drive_day_without_a_time_is_for_the_agent_not_a_person() -> None:
    from showroom.brain.escalation.defaults import default_specs
    from showroom.brain.escalation.evaluation import evaluate
    from showroom.brain.types import Turn

    history = [Turn("customer", "do you have the ioniq 5"), Turn("ai", "The 2024 Ioniq 5 is here. Want a test drive?")]
    for text in ("can i test drive it saturday", "can i come see it after work tomorrow"):
        assert evaluate(default_specs(), text, history, understand(text, CATALOG, history)) is None, text
    timed = "can i test drive it saturday at 11"
    assert evaluate(default_specs(), timed, history, understand(timed, CATALOG, history)) is not None


def test_hours_and_where_are_answered_apart_and_who_is_this_gets_an_introduction() -> None:
    d = DealershipView("Demo", "+1 312 555 0100", "1 Main St", "Matteson", "IL", None, "Mon-Sat 09:00-19:00", "UTC")

    def reply(text: str) -> str:
        return reply_to(text, [], dealership=d)

    assert "Mon-Sat" in reply("what are your hours") and "1 Main St" not in reply("what are your hours")
    assert "1 Main St" in reply("where are you located") and "Mon-Sat" not in reply("where are you located")
    assert "virtual assistant" in reply("who is this?")


async def test_the_colours_of_the_car_under_discussion_and_a_short_still_available(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)

    assert "Telluride" in await say("family suv with a 3rd row under 45k")  # one of each model, the newest
    chosen = await say("the third one")
    assert "(stock" in chosen and "Telluride" in chosen
    colours = await say("what colors do you have it in")
    assert "Telluride in these colours" in colours and "Highlander" not in colours
    still = await say("is it still available")
    assert "still available" in still and "(stock" not in still  # not the same pitch again


def test_a_change_of_mind_is_not_a_goodbye_and_any_colour_forgets_the_colour() -> None:
    from showroom.brain.compose.reply import search_terms
    from showroom.brain.dialogue import search_criteria

    u = understand("nevermind, any color is fine, under 20k", CATALOG)
    assert u.primary != "not_interested"
    red = DialogueState(criteria={"colors": ["Red"], "body_styles": ["SUV"]})
    assert search_criteria(search_terms(u), red) == {"body_styles": ["SUV"], "price_max_cents": 2_000_000}


def test_a_trade_in_named_after_the_question() -> None:
    trade = understand("whats my trade worth, 2017 civic 80k miles", CATALOG).slots.trade_in
    assert trade is not None and (trade.year, trade.model, trade.mileage) == (2017, "Civic", 80_000)


def test_a_feature_asked_alone_is_about_the_car_under_discussion() -> None:
    state = DialogueState(shown=[MAZDA.id], focus=MAZDA.id)
    assert refers_to_shown(understand("what about the sunroof", CATALOG), state)
    assert refers_to_shown(understand("and ventilated?", CATALOG), state)
    assert not refers_to_shown(understand("any suvs with a sunroof", CATALOG), state)


def test_which_one_names_none_that_fits_and_each_is_said_as_listed() -> None:
    assert _picked("which one is awd") == [1, 2, 3]  # none is listed as AWD: each one's drivetrain is said


async def test_an_acknowledgement_and_no_sentence_of_the_last_reply_again(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)

    assert "Santa Cruz" in await say("do you have a santa cruz")
    offer = await say("yes")
    assert "Our hours are" in offer
    day = await say("saturday")
    assert "Saturday" in day and "Our hours are" not in day  # said one message ago
    assert "$" in await say("price on the 2022 telluride")
    # "Would you like a team member to put together the out-the-door numbers?" - "ok sounds good": a person's job
    assert "bringing in a member of our team" in await say("ok sounds good")

    say = await chat(app, db)
    assert "Santa Cruz" in await say("do you have a santa cruz")
    assert "What day and time work best" in await say("ok sounds good")  # yes to "want to take it for a test drive?"


def test_pounds_of_towing_are_not_a_budget() -> None:
    s = understand("need at least 8000 lbs towing", CATALOG).slots
    assert s.budget_min_cents is None and s.budget_max_cents is None


def test_every_feature_asked_of_several_is_answered() -> None:
    roof = make_vehicle(id=1, features=("Panoramic Sunroof",))
    bare = make_vehicle(id=2, features=("Apple CarPlay",), stock_number="X2")
    text = "Does the 2024 palisade xrt have a panoramic sunroof and heated seats?"
    reply = reply_to(text, [roof, bare])
    assert "sunroof" in reply.lower() and "heated seats" in reply.lower()


def test_a_price_or_fact_question_about_a_list_is_of_the_list_not_a_which_one() -> None:
    assert _picked("any incentives or rebates on it") == [1, 2, 3]
    assert _picked("which one has the most range") == [1, 2, 3]


async def test_a_handover_for_a_time_says_the_time_and_the_customers_name(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    guest = visitor(app)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"
    first = (await guest.post(url, json={"content": "do you have the tahoe"})).json()
    asked = {"content": "saturday around 10 then. name is Gus", "token": first["token"]}
    answer = (await guest.post(url, json=asked)).json()
    assert answer.get("handed_over"), answer
    note = answer["replies"][0]["content"]
    assert "Thanks, Gus." in note and "to confirm Saturday around 10" in note, note


def test_a_list_says_when_a_price_is_not_listed_and_a_bare_listing_is_not_a_missing_feature() -> None:
    priced, unpriced = make_vehicle(id=1), make_vehicle(id=2, price_cents=None, stock_number="X2")
    listed = reply_to("any palisades", [priced, unpriced])
    assert "price not listed yet" in listed and listed.count("price not listed yet") == 1
    bare = make_vehicle(features=())
    asked = reply_to("does it have leather seats?", [bare], referred=True)
    assert "doesn't include its equipment" in asked and "in its feature list" not in asked


def test_the_same_closing_question_and_asides_are_not_said_turn_after_turn() -> None:
    v = make_vehicle()
    first = reply_to("what's the price on it", [v], referred=True)
    question = first.strip().splitlines()[-1]
    assert question.endswith("?") and "Taxes, fees" in first
    history = [Turn("customer", "what's the price on it"), Turn("ai", first)]
    again = reply_to("and the miles and price?", [v], history=history, referred=True)
    assert "$44,028" in again and question not in again and "Taxes, fees" not in again


async def test_a_colour_or_miles_asked_alone_and_the_cheapest_asked_for(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)

    assert "Palisade Limited" in await say("i want the 2022 palisade limited")
    assert "Yes, the 2022 Hyundai Palisade Limited AWD is finished in White." in await say("white?")
    cheapest = await say("what's the cheapest new car you have")
    assert cheapest.count("\n- ") == 0 and "(stock" in cheapest  # that one, not a list of five
    payment = await say("whats the payment on a 30k car")
    assert "depends on the price" in payment
