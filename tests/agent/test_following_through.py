"""What a salesperson follows through on: a condition or a year said of one of two models stays with it, a make named
alone beside another make's model is searched too, "compare X and Y" sets the two side by side, the customer's own
figures win over the ones the agent derives, "anything cheaper" when nothing is says so, a colour turned down goes,
contact details are taken, and a person is brought in with an apology when something hurts. The pure part first,
then whole conversations through the public widget API with the real feed."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from showroom.agent.context import hours_text
from showroom.brain.escalation.defaults import default_specs
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.escalation.signals import urgency_score
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.text import clean
from showroom.db.engine import Database
from tests.agent.support import CATALOG
from tests.agent.test_conversations_flow import stocked_team, visitor


@pytest.mark.parametrize(
    ("text", "condition", "years"),
    [
        ("do you have an ioniq 6 or a used bmw 530e", None, (None, None)),  # "used" is the BMW's
        ("a used palisade or telluride", "used", (None, None)),  # said before both: both
        ("new tucson or a used santa fe", None, (None, None)),
        ("a 2024 palisade or a telluride", None, (None, None)),  # the year is the Palisade's
        ("2024 palisade or 2023 telluride", None, (2023, 2024)),
        ("a 2022 tucson", None, (2022, 2022)),
    ],
)
def test_a_condition_or_year_said_of_one_of_two_models_stays_with_it(
    text: str, condition: str | None, years: tuple[int | None, int | None]
) -> None:
    s = understand(text, CATALOG).slots
    assert s.condition == condition and (s.year_min, s.year_max) == years, text


@pytest.mark.parametrize(
    ("text", "models", "lone"),
    [
        ("do you have a 330i", ["3 Series"], []),  # a BMW badge names its series
        ("a 2019 530e", ["5 Series"], []),
        ("any c300s", ["C-Class"], []),
        ("got any mustangs or challengers", ["Mustang", "Challenger"], []),  # joined to a model named just before
        ("compare the f150 and the titan", ["F-150", "Titan"], []),  # the lot's "Titan Xd"
        ("compare the audi q5 and the lexus", ["Q5"], ["Lexus"]),
    ],
)
def test_models_named_together(text: str, models: list[str], lone: list[str]) -> None:
    s = understand(text, CATALOG).slots
    assert (s.models, s.lone_makes) == (models, lone)


def test_misspelled_mileage_is_read_as_mileage() -> None:
    assert clean("whats the milage") == "whats the mileage" and clean("Millage?") == "Mileage?"
    assert clean("the village") == "the village"


def test_opening_hours_read_as_a_customer_reads_them() -> None:
    config = {
        "working_hours": {
            **{d: {"open": "09:00", "close": "19:00"} for d in ("mon", "tue", "wed", "thu", "fri")},
            "sat": {"open": "09:30", "close": "17:00"},
        }
    }
    assert hours_text(config) == "Mon-Fri 9 AM-7 PM, Sat 9:30 AM-5 PM, Sun closed"
    assert hours_text(config, "es") == "lun-vie 9 a.m.-7 p.m., sáb 9:30 a.m.-5 p.m., dom cerrado"


@pytest.mark.parametrize(
    ("text", "handed_over"),
    [
        ("actually I changed my mind, I'd rather have a small suv", False),
        ("buenas, quiero cambiar mi carro por una tucson nueva", False),
        ("ok what time can i come by today", False),  # the hours asked, not a buyer on the way
        ("im coming in today to buy it", True),
        ("I had an appointment at 10 today and nobody was there to help me", True),
    ],
)
def test_what_is_and_is_not_a_handover_in_a_conversation(text: str, handed_over: bool) -> None:
    u = understand(text, CATALOG, languages=("en", "es"))
    assert (evaluate(default_specs(), text, [], u) is not None) == handed_over, text


def test_asking_when_to_come_is_not_urgency() -> None:
    assert urgency_score("what time are you open today, want to come by") == 0.0
    assert urgency_score("when can i come by today to sign") == 1.0


class Visitor:
    """One visitor's conversation through the public widget API (``await say(text)``: the whole answer)."""

    def __init__(self, app: FastAPI, subdomain: str) -> None:
        self.guest = visitor(app)
        self.url = f"/api/v1/widget/{subdomain}/messages"
        self.token: str | None = None

    async def say(self, text: str) -> dict[str, Any]:
        body: dict[str, Any] = {"content": text, **({"token": self.token} if self.token else {})}
        response = await self.guest.post(self.url, json=body)
        assert response.status_code == 201, response.text
        self.token = response.json()["token"]
        return response.json()  # type: ignore[no-any-return]

    async def reply(self, text: str) -> str:
        return str((await self.say(text))["replies"][0]["content"])


async def _visitor(app: FastAPI, db: Database, **config: Any) -> Visitor:
    team = await stocked_team(app, db, **config)
    return Visitor(app, team.dealership.subdomain)


async def test_two_models_of_two_makes_and_a_make_named_alone_are_both_searched(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    both = await chat.reply("do you have an ioniq 6 or a used bmw 530e")
    assert "Ioniq 6" in both and "5 Series 530e" in both  # the trim "530e" did not hide the Ioniq 6
    pair = await chat.reply("got any mustangs or challengers")
    assert "Mustang" in pair and "Challenger" in pair
    side = await chat.reply("compare the audi q5 and the lexus")
    assert side.startswith("Here they are side by side") and "Audi Q5" in side and "Lexus" in side
    assert "newer and has 45,790 fewer miles" in side  # what the listings say sets them apart; no price invented


async def test_compare_two_cars_and_the_difference_between_two_colours(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("whats the cheapest truck u got")
    newer = await chat.reply("something newer, 2020 or newer")
    assert "2018" not in newer and "2015" not in newer  # the customer's own year wins over "newer than that"
    side = await chat.reply("compare the f150 and the titan")
    assert side.startswith("Here they are side by side") and "F-150" in side and "Titan" in side
    assert "is $6,099 less" in side and "11,276 fewer miles" in side
    await chat.reply("any equinox 2023")
    twins = await chat.reply("whats the difference between the white one and the grey one")
    assert "side by side" in twins and "rather not guess" not in twins
    assert "the white one" in twins.lower() or "the grey one" in twins.lower()


async def test_nothing_past_the_car_seen_is_said_as_such(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("hi looking for a telluride")
    cheaper = await chat.reply("anything cheaper than that")
    assert cheaper.startswith("Nothing that fits comes in lower") and "$29,900" in cheaper
    assert "within your budget" not in cheaper and cheaper.count("Telluride") == 1  # not the same list again


async def test_what_the_message_asks_wins_over_what_a_refusal_implies(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any ioniq 5s")
    await chat.reply("the limited one")
    cheaper = await chat.reply("too expensive. anything used under 25k thats electric or hybrid")
    assert "Niro" in cheaper and "Optima Hybrid" in cheaper  # a hybrid the feed calls Gasoline is one
    assert "Ioniq 5" not in cheaper.split("out.", 1)[-1]


async def test_good_on_gas_with_models_named_lists_them(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    thrifty = await chat.reply("need something good on gas for commuting, like an elantra or civic")
    assert "Elantra" in thrifty and "Civic" in thrifty and "don't have" not in thrifty
    assert "no good fuel economy listed" not in thrifty


async def test_a_colour_turned_down_goes_and_contact_details_are_taken(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("show me sonatas")  # none: the midsize sedans cross-shopped, one of each model
    assert "Black" in await chat.reply("the second one, what color")
    other = await chat.reply("not that color")
    assert other.startswith("Got it, nothing in Black.") and ", Black," not in other
    noted = await chat.reply("im mike, 312-555-0187")
    assert noted.startswith("Thanks, Mike!") and "point you in the right direction" not in noted


async def test_misspelled_mileage_and_the_other_two(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("lookin for a jeep grand cherokee")
    await chat.reply("the 2020 one")
    assert "26,538 miles" in await chat.reply("milage?")
    await chat.reply("suv under 30k")
    await chat.reply("the first one")
    others = await chat.reply("the other two, are they awd?")
    assert "listed as a SUV" not in others  # the kind searched for is no question about the car


async def test_a_complaint_is_handed_over_with_an_apology(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.say("I had an appointment at 10 today and nobody was there to help me")
    assert said["handed_over"] is True
    note = said["replies"][0]["content"]
    assert note.startswith("I'm sorry about this.") and "to confirm" not in note


async def test_spanish_hours_are_written_in_spanish(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    hours = await chat.reply("a que hora abren el sabado?")
    assert "sáb" in hours and "Sat" not in hours, hours


@pytest.mark.parametrize(
    ("text", "makes"),
    [
        (
            "do you have any used luxury suvs",
            ["Alfa Romeo", "Audi", "Bmw", "Cadillac", "Genesis", "Infiniti", "Lexus", "Lincoln", "Porsche"],
        ),
        ("a lexus, something luxury", ["Lexus"]),  # a make named wins
        ("any suvs", []),
    ],
)
def test_luxury_asks_for_the_luxury_brands_on_the_lot(text: str, makes: list[str]) -> None:
    assert understand(text, CATALOG).slots.makes == makes


def test_a_wish_for_a_safe_reliable_car_under_a_budget_is_a_search() -> None:
    u = understand("my daughter needs her first car. safe and reliable, under 20k", CATALOG)
    assert u.primary == "inventory_search"
    assert understand("is the palisade reliable?", CATALOG).primary == "vehicle_facts"


async def test_luxury_certified_and_a_link(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    luxury = await chat.reply("do you have any used luxury suvs")
    assert "Equinox" not in luxury and "Sportage" not in luxury and "Stelvio" in luxury
    await chat.reply("compare the audi q5 and the lexus")
    certified = await chat.reply("the audi, is it certified pre-owned?")
    assert "doesn't say it's certified" in certified
    await chat.reply("got any mustangs or challengers")
    await chat.reply("the challenger")
    await chat.reply("what about the charger")
    await chat.reply("which is cheaper")
    link = await chat.reply("ok text me the link to the cheaper one")
    assert link.startswith("Here's the page for the 2020 Dodge Charger") and "https://" in link


async def test_a_question_the_listings_cannot_rate_shows_both_and_guesses_nothing(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("interested in a hybrid suv")
    gas = await chat.reply("is the tucson hybrid or the santa fe hybrid better on gas")
    assert gas.startswith("The 2024 Hyundai Tucson Hybrid Limited AWD is the easier on gas: EPA-rated at about 37–38")
    assert "34–36 for the 2025 Hyundai Santa Fe Hybrid" in gas and "fewer miles" not in gas  # the ratings, no miles


async def test_no_others_and_a_refusal_with_its_own_figure(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("lookin for a jeep grand cherokee")
    await chat.reply("the 2020 one")
    only = await chat.reply("any others with less then 30k miles")
    assert only.startswith("No others, I'm afraid: the 2020 Jeep Grand Cherokee")
    chat = Visitor(app, chat.url.rsplit("/", 2)[-2])  # a new conversation: nothing carried from the Jeep's
    await chat.reply("looking at a used telluride")
    fewer = await chat.reply("too many miles on most of those, anything under 30k miles")
    assert "4 that" in fewer and "27,019 miles" in fewer and "17,681 miles" in fewer  # not "those" left out
    assert "leave" not in fewer


async def test_a_narrowing_that_every_car_shown_fits_shows_the_next_ones(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    first = await chat.reply("looking for a 3 row suv")  # one of each model, the dearest at $42,900
    more = await chat.reply("under 45k")
    assert more.startswith("The ones I showed you fit that too. Here are more that do:")
    listed = [line for line in more.splitlines() if line.startswith("- ")]
    assert listed and not any(line in first for line in listed)  # never the same list again


async def test_a_trade_in_is_remembered_and_named_back(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    told = await chat.reply("looking to trade in my 2016 honda accord, 98k miles")
    assert "a 2016 Honda Accord with about 98,000 miles" in told
    asked = await chat.reply("what would you give me for it")
    assert "appraises trade-ins in person" in asked and "make and model" not in asked  # not asked again
    spanish = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    await spanish.reply("buenas, quiero cambiar mi carro por una tucson nueva")
    sentra = await spanish.reply("tengo un nissan sentra 2018 con 70 mil millas")
    assert "2018 Nissan Sentra" in sentra and "valúa" in sentra  # the customer's car, not a Sentra searched for


async def test_incentives_fees_and_the_taxes_line_once(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do you have the new 2025 santa fe")
    first = await chat.reply("price on the first one?")
    assert "Taxes, fees" in first
    incentives = await chat.reply("any incentives or rebates right now?")
    assert incentives.startswith("I don't have this month's manufacturer incentives") and "$" not in incentives
    fees = await chat.reply("ok and what fees are on top of that")
    assert "sales tax, title and registration" in fees and "$" not in fees
    again = await chat.reply("price on the second one?")
    assert "$" in again and "Taxes, fees" not in again  # said once in a conversation


async def test_and_the_grey_one_points_at_a_car_and_answers_more_than_its_colour(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("how much is the tucson hybrid")
    grey = await chat.reply("and the grey one?")
    assert "$41,046" in grey and not grey.startswith("Yes, the")


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("what trucks do you have under 30", 3_000_000),
        ("menos de 25", 2_500_000),
        ("under 30 miles away", None),  # a unit follows: no price
        ("kids are under 10", None),
    ],
)
def test_a_bare_two_digit_limit_is_thousands_of_dollars(text: str, budget: int | None) -> None:
    assert understand(text, CATALOG, languages=("en", "es")).slots.budget_max_cents == budget


def test_good_in_the_snow_wishes_for_all_wheels_not_a_white_car() -> None:
    s = understand("need something good in the snow", CATALOG).slots
    assert s.drivetrains == ["AWD"] and not s.colors
    assert understand("snow white pearl palisade", CATALOG).slots.colors == ["White"]


def test_the_conversations_language_wins_a_close_call() -> None:
    from showroom.brain.nlu.language import detect_language

    assert detect_language("la highlander verde es awd?", ["tienen una tahoe?", "algo mas barato"]) == "es"
    assert detect_language("hallo, ist der wagen noch da?", ["tienen una tahoe?"]) == "de"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("is this a real person or a bot", None),  # what the agent is, asked: it says so
        ("am i talking to a real person", None),
        ("can i talk to a real person", "Customer asks for a person"),
        ("lets go with the tucson hybrid, the grey one. can you hold it?", "Ready to buy now"),
        ("send me a quote, email is kpatel88@gmail.com", "Price negotiation"),
        ("i want to trade in my car", None),
        ("my trade is worth 20k minimum, kbb says so", "Price negotiation"),
    ],
)
def test_handover_or_not(text: str, trigger: str | None) -> None:
    u = understand(text, CATALOG, languages=("en", "es"))
    match = evaluate(default_specs(), text, [], u)
    assert (match.trigger.name if match else None) == trigger, text


def test_the_trades_miles_told_later_are_the_trades() -> None:
    from showroom.brain.types import Turn

    history = [Turn("customer", "i have a trade, 2016 honda accord"), Turn("ai", "Thanks! ...")]
    s = understand("about 112k miles", CATALOG, history).slots
    assert s.trade_in is not None and s.trade_in.mileage == 112_000 and s.mileage_max is None
    assert understand("under 30k miles please", CATALOG, history).slots.mileage_max == 30_000


async def test_both_the_others_and_the_difference_point_at_the_cars_discussed(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("looking at the audi q5 and the q8")
    await chat.reply("which is newer")
    gap = await chat.reply("whats the price difference")
    assert "$8,600 more" in gap
    both = await chat.reply("can i see both thursday")
    assert "Q5" in both and "Q8" in both and "What time on Thursday" in both and "Which of them" not in both
    jeeps = await _visitor(app, db)
    await jeeps.reply("do you have any jeep grand cherokees")
    await jeeps.reply("the grey one, miles?")
    others = await jeeps.reply("and the other ones?")
    assert others.startswith("Here they are:") and "79,735 miles" in others and "56,364 miles" in others


async def test_anything_similar_drops_the_car_and_keeps_the_kind(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do you still have stock KV5552")
    similar = await chat.reply("my wife cant drive stick. anything similar thats automatic")
    assert "stock number KV5552" not in similar and "Challenger" in similar  # the stock number is no filter
    red = await _visitor(app, db)
    await red.reply("saw a red suv on your website around 22k, still there?")
    await red.reply("the ford")
    awd = await red.reply("hmm need awd. anything similar with awd in that price")
    assert "Escape SEL FWD" not in awd and awd.count(", Red,") < 2  # not the red ones only
    assert "Rogue" in awd or "Escape SEL AWD" in awd or "Tucson" in awd


async def test_a_narrowing_every_car_shown_fits_shows_more_and_the_one_with_low_miles(
    app: FastAPI, db: Database
) -> None:
    chat = await _visitor(app, db)
    await chat.reply("need something good in the snow")
    more = await chat.reply("awd under 25k")
    assert more.startswith("The ones I showed you fit that too")
    one = await chat.reply("that blue nissan rogue with the low miles")
    assert "low mileage" not in one and "miles" in one


async def test_which_one_when_none_is_named_the_cab_asked_and_small_talk(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    which = await chat.reply("is this still available?")
    assert "Happy to check!" in which and which.rstrip().endswith("which one are you looking at?")
    await chat.reply("tell me about the silverado")
    cab = await chat.reply("is it a crew cab?")
    assert "is a Double Cab, not a crew cab" in cab
    chat = await _visitor(app, db)
    await chat.reply("hey hows your day going")
    small = await chat.reply("lol nice. its freezing out here")
    assert "point you in the right direction" not in small and "SUV, a truck or a car" in small


def test_spanish_words_for_good_on_gas() -> None:
    assert understand("que gaste poca gasolina", CATALOG, languages=("en", "es")).slots.features == ["fuel efficient"]


async def test_the_cheaper_of_three_that_read_the_same_is_told_apart(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("im interested in a used rogue")
    cheaper = await chat.reply("the cheaper one")
    assert "(Blue, 66,435 miles) is listed at $21,900" in cheaper


def test_a_visit_time_said_back_tidily() -> None:
    from showroom.brain.nlu.when import find_time_request

    request = find_time_request("can we come in Thursday after school around 4")
    assert request is not None and request.said() == "Thursday around 4 PM"
    later = find_time_request("actually make it the afternoon, like 2pm")
    assert later is not None and later.said() == "around 2 PM"


def test_what_models_do_you_have_names_no_tesla() -> None:
    assert understand("what models do you have", CATALOG).slots.models == []
    assert understand("i like the model s", CATALOG).slots.models == ["Model S"]


@pytest.mark.parametrize(
    ("text", "budget"),
    [("Budget is around 40 max", 4_000_000), ("She wants the Palisade. Budget is 45", 4_500_000)],
)
def test_a_budget_said_without_k(text: str, budget: int) -> None:
    assert understand(text, CATALOG).slots.budget_max_cents == budget


async def test_equipment_the_listings_do_not_carry_and_two_trims_of_two_models(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("My wife and I are deciding between a Telluride and a Palisade")
    budget = await chat.reply("She wants the Palisade, I like the Telluride lol. Budget is 45")
    assert "$44,028" in budget or "$40,248" in budget  # the budget narrows; not the same list again
    chairs = await chat.reply("We want AWD and captain's chairs would be nice")
    assert chairs.startswith("Our listings don't say which have captain's chairs") and "don't have" not in chairs
    trims = await chat.reply("Whats the difference between the 2022 Telluride EX and the 2023 Palisade SEL you have")
    assert "side by side" in trims and "Telluride EX" in trims and "Palisade SEL" in trims
    assert "We don't have a EX" not in trims


async def test_a_new_model_named_with_a_refusal_and_other_kinds_when_the_named_ones_fail(
    app: FastAPI, db: Database
) -> None:
    chat = await _visitor(app, db)
    await chat.reply("Whats the lease on the Ioniq 5?")
    kona = await chat.reply("Too much for me. What about the Kona?")
    assert "Kona Ultimate" in kona and "don't have a Kona" not in kona
    lux = await _visitor(app, db)
    await lux.reply("Looking for a used luxury SUV, Lexus or Audi")
    other = await lux.reply("Anything cheaper thats still nice? like 25")
    assert other.startswith("Nothing of the kind you named fits that") and "$2" in other


@pytest.mark.parametrize(
    "text",
    [
        "insurance at 20 is gonna kill me, ok thx ill think about it",  # an age, not 8 PM
        "<adf><prospect><requestdate>2026-12-06T21:14:00-06:00</requestdate></prospect></adf> still available?",
    ],
)
def test_numbers_that_are_no_visit_time(text: str) -> None:
    from showroom.brain.nlu.when import find_time_request

    assert find_time_request(text) is None
    assert find_time_request("at 20:30 tonight") is not None


def test_a_lead_form_pasted_into_the_chat_is_an_enquiry_not_a_rate_question() -> None:
    text = "Name: Ramon Ortiz\nPhone: 708-555-0163\nVehicle of interest: 2022 Hyundai Tucson SE AWD (Stock 27138A)"
    u = understand(text, CATALOG)
    assert evaluate(default_specs(), text, [], u) is None


async def test_is_it_a_plug_in_is_answered_of_the_model_not_searched_for(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    plug = await chat.reply("is the Santa Fe Hybrid a plug-in?")
    assert "No, the" in plug and "is a hybrid, not a plug-in hybrid" in plug and "don't have" not in plug
    prime = await _visitor(app, db)
    ev = await prime.reply("Is the Prius Prime a full EV? your site says electric")
    assert "is a plug-in hybrid, not fully electric" in ev and "don't have" not in ev


@pytest.mark.parametrize(
    "text",
    [
        "are you a bot? if yes I want a human. if no, prove it lol",  # the bot question does not hide the request
        "cool cool, another robot that can't share that information. super helpful",
        "I own a small landscaping company and need 3 pickups + 2 SUVs for my crew. Do you have a fleet program?",
    ],
)
def test_what_still_goes_to_a_person(text: str) -> None:
    u = understand(text, CATALOG, languages=("en", "es"))
    assert evaluate(default_specs(), text, [], u) is not None, text


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("nothing older than 2022", (2022, None)),  # was read as "older than": 2021 at most
        ("nothing newer than 2020", (None, 2020)),
        ("older than 2015 is fine", (None, 2014)),
    ],
)
def test_a_negated_older_than_is_the_oldest_wanted(text: str, years: tuple[int | None, int | None]) -> None:
    s = understand(text, CATALOG).slots
    assert (s.year_min, s.year_max) == years


async def test_scratch_a_colour_and_the_difference_between_the_two_of_a_trim(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("what new palisades do you have in black")
    two = await chat.reply("whats the difference between the two calligraphys")
    assert "side by side" in two and two.count("Calligraphy AWD, Black") == 2 and "SEL" not in two
    assert "The one at $52,752 is $383 less" in two
    white = await chat.reply(
        "actually scratch black, my husband says it's impossible to keep clean. what do you have in white"
    )
    assert ", Black," not in white and ", White," in white
