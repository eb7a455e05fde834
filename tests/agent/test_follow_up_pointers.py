"""Follow-ups that point at a car seen by what it is, and messages that leave the door open (issue 13, tenth round):
"is one of those a hybrid?", "is the hybrid awd?", "the white one, awd?", "how's the jetta compare", "used is fine"
after new ones; what a handed-over message said is remembered; "i'll circle back in march" needs no person. The pure
part first, then whole conversations through the public widget API with the real feed."""

from __future__ import annotations

import re

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
    "text",
    [
        "cool. I'll think about it and circle back closer to march",
        "ok. not ready yet, probably spring. I'll reach out",
        "thanks, we'll let you know after the weekend",
    ],
)
def test_a_customer_who_will_come_back_needs_no_person(text: str) -> None:
    turns = [Turn(sender="customer", text="any tucsons"), Turn(sender="ai", text="Here are 3 that match: ...")]
    assert evaluate(default_specs(), text, turns, languages=["en", "es"]) is None
    assert understand(text, CATALOG, turns).primary == "thanks"


def test_a_customer_who_will_come_back_with_a_complaint_still_gets_a_person() -> None:
    turns = [Turn(sender="customer", text="any tucsons")]
    assert evaluate(default_specs(), "I'll reach out to my lawyer about this", turns, languages=["en"]) is not None


def test_a_spanish_visit_with_a_day_and_no_time_is_no_handover() -> None:
    u = understand("Queremos ir a verlas el domingo", CATALOG)
    assert u.primary == "test_drive" and u.time_request is None
    assert evaluate(default_specs(), u.text, [Turn(sender="customer", text="hola")], languages=["en", "es"]) is None


async def test_a_deferral_is_answered_with_the_door_left_open(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any tucsons under 30k")
    later = await chat.say("cool. I'll think about it and circle back closer to march")
    assert later["handed_over"] is False
    assert later["replies"][0]["content"].startswith("Of course, take your time.")


async def test_what_a_handed_over_message_asked_for_is_remembered(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    first = await chat.say("baby #3 is on the way. Need a third row. Trying to stay around $550 a month")
    assert first["handed_over"] is True  # a payment target is for a person
    listed = await chat.reply("Used is fine. Say under 36k.")  # answered while waiting: a third row still
    titles = re.findall(r"^- \d{4} (.+?),", listed, re.M)
    assert titles and all(re.search(r"Telluride|Highlander|Palisade|Sorento|Pilot|Durango", t) for t in titles)


async def test_one_of_those_names_the_ones_that_are_and_the_hybrid_is_that_one(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("Do you have a white Santa Fe Calligraphy?")
    one = await chat.reply("is one of those a hybrid?")
    assert one.startswith("Yes, one of them is a hybrid: the 2025 Hyundai Santa Fe Hybrid Calligraphy AWD.")
    awd = await chat.reply("is the hybrid AWD?")
    assert "Santa Fe Hybrid Calligraphy" in awd and "Tucson" not in awd
    assert "is a hybrid" not in awd  # the fuel named the car; the drivetrain is the question
    colour = await chat.reply("the hybrid, what color")
    assert colour.startswith("The 2025 Hyundai Santa Fe Hybrid Calligraphy AWD is finished in White.")


async def test_the_white_one_with_a_question_is_the_white_one_shown(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("used sedans around 23k, something good on gas for commuting")
    await chat.reply("any Altimas?")
    white = await chat.reply("the white one, AWD?")  # trim says AWD, the drivetrain column FWD: said, not guessed
    assert white.startswith("The 2023 Nissan Altima 2.5 SV AWD Sedan's trim says AWD")
    assert "We don't have" not in white
    jetta = await chat.reply("how's the Jetta compare on gas and price")
    assert jetta.startswith("Here they are side by side") and "Jetta" in jetta and "2023 Nissan Altima" in jetta


async def test_used_is_fine_after_new_ones_searches_the_used_ones(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("new tucson, whatcha got")
    used = await chat.reply("eh those are all over 40. what else you got that's cheaper, used is fine")
    assert "not seeing" not in used and "2022 Hyundai Tucson SE AWD" in used


@pytest.mark.parametrize(
    ("text", "models", "excluded"),
    [("dang no elantras?", ["Elantra"], []), ("no tellurides please", [], ["Telluride"]), ("no hybrids", [], [])],
)
def test_no_x_asked_is_whether_there_are_any(text: str, models: list[str], excluded: list[str]) -> None:
    s = understand(text, CATALOG).slots
    assert s.models == models and s.excluded_models == excluded


@pytest.mark.parametrize(
    ("text", "condition"),
    [("3 row suv new under 50k", "new"), ("i meant new", "new"), ("cheapest new thing you got", "new"),
     ("used suv new tires", "used"), ("I'm new to this", None)],
)  # fmt: skip
def test_new_said_after_the_kind_or_as_a_correction(text: str, condition: str | None) -> None:
    said = understand(text, CATALOG).slots.condition
    assert (str(said) if said else None) == condition


async def test_no_x_asked_after_new_cars_shows_them_saying_what_was_left_out(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("cheapest new thing you got")
    elantras = await chat.reply("dang no elantras?")
    assert elantras.startswith("I'm not seeing one that's also new, but here's what we have:")
    assert "Elantra SEL IVT, White, $23,900" in elantras and "Got it, no Elantra" not in elantras


async def test_a_model_with_none_on_the_lot_is_said_plainly(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("show me awd suvs under 30k")
    wrangler = await chat.reply("any jeep wranglers?")
    assert wrangler.startswith("We don't have a Wrangler in stock right now.")


async def test_is_the_forte_a_sedan_is_answered_not_listed_again(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any used kia fortes")
    kind = await chat.reply("is the forte a sedan or hatchback")
    assert kind.startswith("The Forte is listed as a sedan.") and "- 2022" not in kind
    truck = await chat.reply("is the santa cruz a truck")
    assert truck.startswith("Yes, the Santa Cruz is listed as a truck. The 2024 Hyundai Santa Cruz")


async def test_the_make_of_the_model_shown_keeps_the_model(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do you have a hyundai telluride")
    kia = await chat.reply("ok the kia then, under 36k")
    assert "test drive" not in kia and "Forte" not in kia and "Sportage" not in kia
    fewest = await chat.reply("lowest miles of those")
    assert "2022 Kia Telluride EX FWD" in fewest and "27,019 miles" in fewest
    cheapest = await _visitor(app, db)
    await cheapest.reply("show me hybrids")
    hybrid = await cheapest.reply("whats the cheapest hybrid")
    assert "2020 Kia Optima Hybrid EX Auto" in hybrid and "$20,999" in hybrid and "is a hybrid" not in hybrid


@pytest.mark.parametrize(
    ("text", "trims", "years"),
    [
        ("santa fe calligraphy 2024", ["Calligraphy"], (2024, 2024)),
        ("2024 elantra or 2023 elantra??", [], (2023, 2024)),
        ("palisade calligrahpy", ["Calligraphy"], (None, None)),  # a typo of the model's trim
        ("tucson and 2019 accord", [], (None, None)),  # the year is the Accord's alone
    ],
)
def test_years_after_a_trim_two_years_and_a_misspelt_trim(
    text: str, trims: list[str], years: tuple[int | None, int | None]
) -> None:
    s = understand(text, CATALOG).slots
    assert s.trims == trims and (s.year_min, s.year_max) == years


async def test_still_available_is_the_car_under_discussion(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("3 row suv new under 50k")
    await chat.reply("the 2nd one")  # the 2025 Palisade SEL FWD
    still = await chat.reply("still available?")
    assert still.startswith("Yes, the 2025 Hyundai Palisade SEL FWD is still available.")
    visit = await chat.reply("can i come see it saturday")
    assert "test drive of the 2025 Hyundai Palisade SEL FWD" in visit and "Which of them" not in visit


async def test_the_hybrid_of_a_list_before_is_the_one_meant(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any ford escapes")
    await chat.reply("blue ones?")
    why = await chat.reply("why is the hybrid not priced")
    assert why.startswith("I don't have a listed price for the 2021 Ford Escape SE Hybrid AWD yet")


async def test_the_trade_in_named_again_is_their_car_and_the_car_wanted_is_shown(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    first = await chat.reply("want to trade my 2019 camry for a palisade")
    assert "trade-in: a 2019 Toyota Camry" in first and "here's what we have in the Palisade" in first
    told = await chat.reply("camry has 68k miles, se trim, no accidents")
    assert told.startswith(
        "Thanks for the details on your trade-in: a 2019 Toyota Camry with about 68,000 miles (no accidents)."
    )
    assert "history" not in told and "overall condition" not in told and "- 2023 Hyundai Palisade" not in told


async def test_a_deferral_while_waiting_for_a_person_gets_no_pressure(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("is the ioniq 6 still there")
    handed = await chat.say("what would my payment be with 5k down, my credit is like 640")
    assert handed["handed_over"] is True
    later = await chat.reply("ok ill think about it")
    assert later == "Of course, take your time. Our team has your messages whenever you're ready."


async def test_are_you_even_a_real_person_is_answered_honestly(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.say("are you even a real person?? this is useless")
    assert said["handed_over"] is True
    assert said["replies"][0]["content"].startswith("I'm a virtual assistant, not a person. I'm sorry about this.")


async def test_a_figure_asked_after_the_model_and_a_kind_of_car(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    rng = await chat.reply("ionic 6 range?")
    assert "Ioniq 6 is EPA-rated at about" in rng and "miles of range" in rng
    convertible = await chat.reply("do u guys have any convertables")
    assert "convertible" in convertible and "SUV, truck or sedan" not in convertible
    sporty = await chat.reply("ok what about something sporty")
    assert "Challenger" in sporty and "Mustang" in sporty and "Tucson" not in sporty


@pytest.mark.parametrize(
    ("text", "models"),
    [
        ("hey, bought a Tucson from you last year, now my wife needs something. she likes the Kona", ["Kona"]),
        ("my current car is an accord, looking at sonatas", ["Sonata"]),
        ("i want to buy a tucson", ["Tucson"]),
    ],
)
def test_a_car_they_bought_or_drive_is_not_the_one_they_want(text: str, models: list[str]) -> None:
    assert understand(text, CATALOG).slots.models == models


async def test_the_fewest_miles_of_those_skips_a_listing_without_miles(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("Looking for my daughter's first car, she just turned 16. safe and cheap, under 18k")
    await chat.reply("she can't drive stick")
    fewest = await chat.reply("which of those has the lowest miles")
    assert fewest.startswith("Of those, the 2022 Kia Forte LXS IVT has the fewest miles: 51,807.")


async def test_compared_to_a_colour_not_shown_is_that_colour_of_the_model(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("what colors do you have the new Palisade in")
    await chat.reply("the blue one. what trim and how much")
    green = await chat.reply("how's it compare to the green one?")
    assert green.startswith("Here they are side by side") and "Blue, $44,028" in green and "Green, $54,612" in green


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [("ok can i come look at it tmrw after work like 530", 17, 30), ("saturday at 1030", 10, 30)],
)
def test_a_clock_time_written_without_its_colon(text: str, hour: int, minute: int) -> None:
    request = understand(text, CATALOG).time_request
    assert request is not None and (request.hour, request.minute) == (hour, minute)
    assert understand("payments like 350 a month", CATALOG).time_request is None


def test_which_is_the_better_deal_is_no_negotiation() -> None:
    turns = [Turn(sender="customer", text="the 2021 vs the cheapest 2022?")]
    assert evaluate(default_specs(), "which is the better deal", turns, languages=["en"]) is None
    assert evaluate(default_specs(), "can you get me a better price", turns, languages=["en"]) is not None


async def test_a_trade_told_while_waiting_is_acknowledged(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("trucks under 30")
    handed = await chat.say("whats my payment if i put 3k down, credit is 620")
    assert handed["handed_over"] is True
    trade = await chat.reply("i got a 2014 silverado to trade in")
    assert trade.startswith("Thanks for the details on your trade-in: a 2014 Chevrolet Silverado.")


async def test_a_trim_question_is_no_wish_and_the_blue_one_is_of_a_list_before(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("is the palisade a good family car? got 3 kids")
    await chat.reply("whats the difference between the sel and limited")
    under = await chat.reply("what do u have under 45")
    assert "Limited AWD, White, $38,900" in under and "XRT AWD, Blue, $44,028" in under
    blue = await chat.reply("the blue one, is it awd?")
    assert blue.startswith("Yes, the 2024 Hyundai Palisade XRT AWD is all-wheel drive")


async def test_a_three_row_then_new_after_no_minivan(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("need a minivan for the family")
    new = await chat.reply("ok fine a 3 row then. new")
    listed = re.findall(r"^- (\d{4}) ", new, re.M)
    assert listed and all(int(year) >= 2024 for year in listed) and "minivan" not in new.lower()


async def test_why_so_cheap_compared_to_the_others_is_of_the_car_meant(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("electric cars?")
    await chat.reply("the cheapest one")
    why = await chat.reply("why is it so cheap compared to the others")
    assert why.startswith("No catch that I can see in the listing: the 2022 Kia Niro EV EX FWD")
    still = await chat.reply("is it still available")
    assert "Niro EV" in still and "do you mean" not in still


@pytest.mark.parametrize(
    ("text", "models", "bodies", "refused"),
    [
        ("still want the red escape", ["Escape"], [], []),
        ("any equinoxes under 20", ["Equinox"], [], []),
        ("anything awd under 25 thats not an suv", [], [], ["SUV"]),
        ("forget suvs, show me trucks", [], ["Truck"], []),
    ],
)
def test_a_paint_before_a_word_model_plurals_and_a_kind_turned_down(
    text: str, models: list[str], bodies: list[str], refused: list[str]
) -> None:
    s = understand(text, CATALOG).slots
    assert (s.models, s.body_styles, s.excluded_body_styles) == (models, bodies, refused)


async def test_not_an_suv_leaves_suvs_out(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    cars = await chat.reply("anything awd under 25 thats not an suv")
    assert "Got it, no SUVs." in cars and "Arteon" in cars and "Highlander" not in cars


async def test_the_one_car_a_handed_over_message_names_is_the_one_discussed(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    first = await chat.say("the salesman never called me back. still want the red escape")
    assert first["handed_over"] is True
    note = first["replies"][0]["content"]
    assert note.startswith("I'm sorry about this. I'm bringing in a member of our team about the 2021 Ford Escape")
    still = await chat.reply("yeah the escape. still there?")
    assert still.startswith("Yes, the 2021 Ford Escape SEL FWD is still available.")
    drive = await chat.reply("is it awd")
    assert drive.startswith("The 2021 Ford Escape SEL FWD is listed as FWD, not AWD.")


def test_a_word_both_languages_use_keeps_the_conversations_language() -> None:
    from showroom.brain.nlu.language import detect_language

    assert detect_language("sedan", ["hola busco algo barato", "como 20 mil"]) == "es"
    assert detect_language("sedan") == "en"


async def test_the_other_year_and_a_bot_called_by_name(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("2022 palisades?")
    await chat.reply("the limited, does it have a sunroof")
    other = await chat.reply("what about the other 2022")
    assert "2022 Hyundai Palisade SEL AWD" in other and "That's all of them" not in other
    why = await chat.reply("why no price on it")
    assert why.startswith("I don't have a listed price for the 2022 Hyundai Palisade SEL AWD yet")
    bot = await _visitor(app, db)
    await bot.reply("r u a bot")
    cheapest = await bot.reply("ok bot. cheapest car u got")
    assert "virtual assistant" not in cheapest and "2020 Ford Ecosport SE 4WD" in cheapest


async def test_hybrid_or_electric_and_plugging_in_are_answered(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("new tucsons")
    await chat.reply("the white hybrid")
    plug = await chat.reply("Does the hybrid need to be plugged in?")
    assert plug.startswith("No: a hybrid's battery charges itself as you drive and brake")
    spanish = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    differ = await spanish.reply("cual es la diferencia entre hibrido y electrico")
    assert "Un híbrido funciona con gasolina" in differ


async def test_lease_end_options_and_why_a_car_costs_what_it_does(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    lease = await chat.reply(
        "Hi, got your email. My lease on a 2021 Tucson is ending in February. What are my options?"
    )
    assert "turn the car in, buy it out" in lease and "Tucson Ultimate" not in lease
    mustang = await _visitor(app, db)
    why = await mustang.reply("why is the 2020 mustang 34k thats crazy for a used car")
    assert "within your budget" not in why and "2020 Ford Mustang" in why and "$34,500" in why


async def test_is_that_a_lot_of_miles_is_answered_from_the_car_s_age(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("used 3 row suv under 30")
    await chat.reply("the one with less miles")
    many = await chat.reply("is 71k a lot for a highlander")  # a 2015 with 71,339 miles: well under 12k a year
    assert many.startswith("The 2015 Toyota Highlander AWD 4dr V6 XLE has 71,339 miles: about ")
    assert "a year since it was new, less than the usual 12,000 to 15,000." in many and "$" not in many
