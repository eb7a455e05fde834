"""Keeping the thread (issue 13, seventh round): a lead document pasted into the chat is read as the lead it is. The
pure part first, then whole conversations through the public widget API with the real feed."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI

from showroom.brain.compose.handlers import _FACT_TOPICS
from showroom.brain.compose.reply import _PUSH
from showroom.brain.dialogue import _NEWER, version_question
from showroom.brain.escalation.defaults import default_specs
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.nlu.intents import carried, understand
from showroom.brain.nlu.language import detect_language
from showroom.brain.types import Turn
from showroom.db.engine import Database
from showroom.leads.adf.pasted import as_enquiry
from tests.agent.support import CATALOG
from tests.agent.test_following_through import _visitor

PASTED = """hi this is what i sent on cars.com
<?xml version="1.0" encoding="UTF-8"?>
<adf version="1.0"><prospect><requestdate>2026-12-06T18:02:00-06:00</requestdate>
<vehicle interest="buy" status="used"><year>2021</year><make>Kia</make><model>Telluride</model>
<vin>5XYP5DHC4MG101192</vin></vehicle>
<vehicle interest="trade-in"><year>2016</year><make>Honda</make><model>Accord</model><odometer>112000</odometer>
</vehicle>
<customer><contact><name part="first">Dana</name><name part="last">Whitfield</name><phone>708-555-0188</phone>
<email>dana.w@example.com</email></contact>
<comments>How many miles on it?</comments></customer>
<vendor><vendorname>World Hyundai of Matteson</vendorname></vendor></prospect></adf>"""


def test_a_pasted_adf_lead_reads_as_the_lead_form_it_is() -> None:
    said = as_enquiry(PASTED)
    assert said is not None
    lines = said.splitlines()
    assert lines[:3] == ["Name: Dana Whitfield", "Phone: 708-555-0188", "Email: dana.w@example.com"]
    assert lines[3] == "Vehicle of interest: Used 2021 Kia Telluride, VIN 5XYP5DHC4MG101192"
    assert lines[4].startswith("Trade-in: 2016 Honda Accord")
    assert lines[5] == "Comments: hi this is what i sent on cars.com How many miles on it?"


def test_text_without_a_lead_document_or_a_broken_one_is_read_as_written() -> None:
    assert as_enquiry("do you have a <b>red</b> tucson? <adf> is a format right") is None
    assert as_enquiry("<adf><prospect><customer></customer></prospect></adf>") is None  # no contact: not a lead
    assert as_enquiry("how much is the 2022 tucson") is None


async def test_a_lead_pasted_into_the_chat_is_answered_not_handed_over(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    first = await chat.say(PASTED)
    assert first["human"] is False
    answer = first["replies"][0]["content"]
    assert "2021 Kia Telluride" in answer and "47,844 miles" in answer
    price = await chat.reply("ok whats the price")
    assert "$35,900" in price


def test_a_message_naming_only_another_car_asks_the_previous_question_of_it() -> None:
    asked = [Turn("customer", "how many miles on the white one"), Turn("ai", "The ... has 47,844 miles.")]
    assert carried("and the grey one?", asked) == "and the grey one, how many miles?"
    spanish = [Turn("customer", "la gris mas barata cuantas millas tiene"), Turn("ai", "...")]
    assert carried("y la segunda?", spanish) == "y la segunda, cuantas millas?"
    assert carried("and the grey one, whats the price?", asked) == "and the grey one, whats the price?"  # its own
    assert carried("what about a palisade under 40k with awd and a sunroof please", asked).endswith("please")
    assert carried("the grey one", asked) == "the grey one"  # no "and": a choice, not the same question
    assert carried("and the grey one?", [Turn("customer", "show me suvs")]) == "and the grey one?"


async def test_and_the_next_one_gets_the_same_question_and_a_missing_mileage_is_said(
    app: FastAPI, db: Database
) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any grey suvs under 25k")  # the first listed is the Sportage whose feed row has no mileage
    second = await chat.reply("how many miles on the first one")
    assert "doesn't show its mileage" in second and "Sportage" in second
    third = await chat.reply("and the second one?")
    assert third.startswith("The 2022 Hyundai Tucson SE AWD has 23,209 miles.")


async def test_the_two_most_expensive_of_the_list_side_by_side(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("show me your 3 row suvs")
    side = await chat.reply("what about the two most expensive, whats the difference")
    assert side.startswith("Here they are side by side")
    assert "QX60 SENSORY AWD, White, $42,900" in side and "Santa Fe SEL AWD, Grey, $39,241" in side
    assert "Highlander" not in side


def test_two_newest_is_not_read_as_or_newest() -> None:
    assert _NEWER.search("the two newest") and not _NEWER.search("2021 or newer")


@pytest.mark.parametrize(
    ("text", "budget", "miles"),
    [
        ("8 mil millas?? que raro for a 2022. es AWD?", None, 8000),  # miles, in Spanish
        ("the 2025 one is like 7 grand cheaper why", None, None),  # a gap between two prices, no budget
        ("it is 5k more than the other", None, None),
        ("is it worth the extra 500", None, None),
        ("under 30k", 3_000_000, None),
        ("30k or less", 3_000_000, None),
        ("trucks under 30", 3_000_000, None),
        ("i drive 50 miles a day, need something good on gas", None, None),  # how far they drive
        ("a 40 mile commute each way", None, None),
        ("something under 100k miles", None, 100_000),
    ],
)
def test_a_gap_between_prices_is_no_budget(text: str, budget: int | None, miles: int | None) -> None:
    s = understand(text).slots
    assert (s.budget_max_cents, s.mileage_max) == (budget, miles)


def test_a_year_and_trim_after_el_or_la_and_the_titan_alone_are_read() -> None:
    s = understand("y la 2022 SEL? porque no tiene precio", CATALOG).slots
    assert (s.year_min, s.year_max, s.trims) == (2022, 2022, ["SEL"])
    assert understand("and the titan?", CATALOG).slots.models == ["Titan"]
    assert understand("un limited budget", CATALOG).slots.trims == []


def test_spanglish_in_a_spanish_chat_stays_spanish() -> None:
    earlier = ["hola, tienen la palisade 2023 SEL? cuantas millas tiene y el precio"]
    assert detect_language("ok y tiene third row?", earlier) == "es"
    assert detect_language("sorry my spanish is bad, can we do english. does it have a tow package", earlier) == "en"


async def test_a_car_named_by_another_year_or_by_its_miles_is_that_car(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("do you have the 2022 telluride ex and the 2022 palisade limited? prices?")
    other = await chat.reply("and the 2023 palisade sel, how many miles on that one")
    assert other.startswith("The 2023 Hyundai Palisade SEL AWD has 37,983 miles.")  # not the 2022 Limited shown
    pick = await chat.reply("so which one would u pick. best bang for the buck")
    assert pick.startswith("For value I'd go with the 2022 Kia Telluride EX AWD ($37,900)")
    assert "fewer miles" in pick

    spanish = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    await spanish.reply("hola, tienen la palisade 2023 SEL? cuantas millas tiene y el precio")
    older = await spanish.reply("y la 2022 SEL? porque no tiene precio")
    assert "2022 Hyundai Palisade SEL AWD" in older and "2023" not in older
    quoted = await spanish.reply("8 mil millas?? que raro for a 2022. es AWD?")
    assert quoted.startswith("Sí, el 2022 Hyundai Palisade SEL AWD") and "presupuesto" not in quoted
    third = await spanish.reply("ok y tiene third row?")
    assert "tiene tercera fila" in third  # "third row" is no ordinal, and the chat stays in Spanish


async def test_and_the_titan_and_which_tows_the_most(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("what about the ram, is that 4x4")
    titan = await chat.reply("and the titan?")
    assert "2022 Nissan Titan XD" in titan and "Ram" not in titan
    tows = await chat.reply("which one tows the most")
    assert tows.startswith("Our listings don't rate which is better for towing, so I won't guess")


_TRUCKS = [Turn("customer", "any trucks"), Turn("ai", "We have 6 that match; here are 5: ...")]


@pytest.mark.parametrize(
    ("text", "handover"),
    [
        ("no fords. needs to be 4x4", False),  # a refinement in two sentences is still a search
        ("no chevys. needs to be awd", False),
        ("are there dealer fees", False),  # what the fees are: a price question (set c's convention)
        ("does the listed price include the doc fee?", False),
        ("are there hidden fees", False),
        ("sorry my spanish is bad, can we do english. does the titan have a tow package", False),
        ("can you waive the doc fee", True),  # a fee fought over is a negotiation
        ("drop the doc fee and I will buy it today", True),
        ("I own a small landscaping company and need 3 pickups + 2 SUVs for my crew", True),  # a fleet
    ],
)
def test_what_stays_with_the_agent_and_what_goes_to_a_person(text: str, handover: bool) -> None:
    u = understand(text, CATALOG, _TRUCKS)
    assert (evaluate(default_specs(), text, _TRUCKS, u) is not None) == handover


async def test_no_push_for_a_visit_twice_in_a_row_and_the_cheapest_of_a_kind_is_of_the_whole_lot(
    app: FastAPI, db: Database
) -> None:
    chat = await _visitor(app, db)
    first = await chat.reply("does the grey 2021 santa fe calligraphy have a panoramic sunroof?")
    assert "test drive" in first  # the first answer may offer one
    second = await chat.reply("how does it compare to the 2023 palisade sel")
    assert not _PUSH.search(second.rsplit("\n", 1)[-1])  # not the second time running
    cheapest = await chat.reply("we have 3 kids so prob need a 3rd row. cheapest 3 row you got under 30k?")
    assert "2015 Toyota Highlander" in cheapest and "Palisade" not in cheapest  # not of the model discussed


async def test_a_model_asked_after_is_not_asked_for_a_budget(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    equinox = await chat.reply("is the 2023 equinox still available")
    assert "price range" not in equinox


async def test_why_a_car_costs_less_is_answered_from_the_listings(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("compare the 2021 santa fe calligraphy and the 2023 palisade sel")
    why = await chat.reply("why is the palisade more")
    assert why.startswith("The 2021 Hyundai Santa Fe Calligraphy AWD ($28,900) is $9,000 less than the 2023 Hyundai")
    assert "it's a 2021, the other a 2023" in why and "third row" in why

    trucks = await _visitor(app, db)
    await trucks.reply("got any ram trucks")
    await trucks.reply("and the titan?")
    ram = await trucks.reply("why is the ram cheaper")
    assert "($23,900) is $10,000 less than the 2022 Nissan Titan XD 4x4 Crew Cab SV ($33,900)" in ram  # both prices
    assert "24,392 more miles" in ram

    spanish = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    tucsons = await spanish.reply("busco una tucson")
    assert ", Gris, $20,999" in tucsons  # the feed's colours in Spanish
    catch = await spanish.reply("por que la mas barata esta tan barata?")
    assert catch.startswith("No veo ningún truco en el listado: el 2022 Hyundai Tucson SE AWD")


async def test_how_does_it_compare_to_a_car_not_shown_sets_the_two_side_by_side(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("does the grey 2021 santa fe calligraphy have a panoramic sunroof?")
    side = await chat.reply("how does it compare to the 2023 palisade sel")
    assert side.startswith("Here they are side by side") and "Santa Fe Calligraphy" in side and "Palisade SEL" in side
    assert "has a third row of seats; our listing shows none for the 2021 Santa Fe" in side


def test_the_answer_to_the_trade_in_question_is_the_trade_in() -> None:
    asked = [
        Turn("customer", "do u take trade ins"),
        Turn("ai", "Yes, we take trade-ins. Could you share its year, make and model, mileage and overall condition?"),
    ]
    u = understand("its a 2017 honda accord", CATALOG, asked)
    assert u.primary == "trade_in" and u.slots.trade_in is not None and u.slots.models == []
    assert (u.slots.trade_in.year, u.slots.trade_in.model) == (2017, "Accord")
    wish = understand("do you have a 2017 accord?", CATALOG, asked)
    assert wish.slots.trade_in is None and wish.slots.models == ["Accord"]  # a car wished for, even then


@pytest.mark.parametrize(
    ("text", "handover"),
    [
        ("so u dont know the trim OR the price?? whats the point of this thing", True),
        ("whats the point of awd in a sedan", False),
    ],
)
def test_whats_the_point_of_this_thing_is_frustration(text: str, handover: bool) -> None:
    assert (evaluate(default_specs(), text, [], understand(text)) is not None) == handover


async def test_a_broken_link_a_maybe_and_a_visit_after_a_comparison(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    first = await chat.reply("does the grey 2021 santa fe calligraphy have a panoramic sunroof? can u send pics")
    assert "https://" in first
    broken = await chat.reply("the link doesnt show anything")
    assert broken.startswith("Sorry about that link.") and "https://" not in broken

    equinox = await _visitor(app, db)
    await equinox.reply("is the 2023 equinox still available")
    side = await equinox.reply("compare the white and the grey")
    assert side.startswith("Here they are side by side") and "The white one is $50 less" in side
    visit = await equinox.reply("ok i can come look saturday")
    assert "What time on Saturday works best for you?" in visit
    booked = await equinox.say("10am work?")
    assert booked["human"] is True and "Saturday at 10 AM" in booked["replies"][0]["content"]

    unsure = await _visitor(app, db)
    await unsure.reply("looking for a cheap commuter car good on gas")
    maybe = await unsure.reply("maybe")
    assert maybe.startswith("No pressure at all.")


async def test_the_handover_note_says_what_it_is_about_and_calls_when_asked(app: FastAPI, db: Database) -> None:
    call = await _visitor(app, db)
    await call.reply("is the 2022 titan still there")
    back = await call.say("ok can someone just call me back at 708-555-0143")
    assert back["human"] is True
    assert back["replies"][0]["content"].startswith("Thanks. I've asked a member of our team to call you at 708-555")

    visit = await _visitor(app, db)
    await visit.reply("is the 2022 titan still there")
    booked = (await visit.say("can i come see it saturday at 11"))["replies"][0]["content"]
    assert "to confirm Saturday at 11 AM for the 2022 Nissan Titan XD" in booked


async def test_general_questions_a_salesperson_answers_without_the_listing(app: FastAPI, db: Database) -> None:
    ev = await _visitor(app, db)
    await ev.reply("any ioniq 5s")
    home = await ev.reply("can i charge at home on a normal outlet")
    assert home.startswith("Yes, any electric car can charge from a regular household outlet (Level 1)")
    sedans = await ev.reply("ok forget it. any sedans 2021 or newer in that range")
    assert "range and charging" not in sedans and "2022 Kia Forte" in sedans  # a price range, not an EV's

    credit = await _visitor(app, db)
    bad = await credit.reply("do you guys work with bad credit")
    assert "Our finance team works with many lenders and looks at every credit situation" in bad
    bring = await credit.reply("what do i need to bring for financing")
    assert bring.startswith("Usually: your driver's license, proof of insurance")

    warranty = await _visitor(app, db)
    ten = await warranty.reply("do new hyundais come with that 10 year warranty")
    assert "A new Hyundai comes with the factory's 10-year/100,000-mile powertrain" in ten
    await warranty.reply("is the 2024 santa cruz still there")
    fees = await warranty.reply("does 42,425 include tax and fees")
    assert fees.startswith("On top of the listed price come sales tax")


async def test_what_the_customer_asked_for_stays_when_they_name_makes_or_turn_a_car_down(
    app: FastAPI, db: Database
) -> None:
    family = await _visitor(app, db)
    await family.reply("me, wife, 4 kids. we need a 3rd row, used, under 40k")
    await family.reply("whats the cheapest")  # the 2015 Highlander
    newer = await family.reply("too old. 2021 or newer and under 50k miles")
    assert "Highlander" not in newer and "Kia Telluride" in newer  # of the kind, not that model
    assert not re.search(r"^- 20(?:1\d|20) ", newer, re.M)  # 2021 or newer

    suv = await _visitor(app, db)
    await suv.reply("looking for suv")
    await suv.reply("awd, under 25")
    kinds = await suv.reply("prefer hyundai or kia")
    assert "Tucson SE AWD" in kinds and "Sportage LX FWD" not in kinds  # still AWD
    assert "has 23,209 miles" in await suv.reply("whats the miles on the cheapest")

    luxury = await _visitor(app, db)
    await luxury.reply("want something luxury, bmw audi lexus whatever but not over 30k")
    only = await luxury.reply("suv only, needs awd for winter")
    assert "BMW X3" in only and "Highlander" not in only  # their SUVs, not every SUV


async def test_an_ev_shopper_wary_of_range_and_a_hybrid_instead(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    evs = await chat.reply("thinking about going electric but range kinda scares me. what EVs do u have")
    assert "Niro EV" in evs and "Ioniq 6" in evs and "Ioniq 5" in evs and "rather not guess" not in evs
    hybrid = await chat.reply("eh maybe a hybrid instead, not plug in. whats the cheapest")
    assert "2020 Kia Optima Hybrid" in hybrid and "Electric" not in hybrid


async def test_a_spanish_visit_on_a_day_then_its_time_is_handed_over(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    await chat.reply("tienen la palisade 2025?")
    day = await chat.reply("quiero verla mañana en la tarde")
    assert "¿A qué hora le queda mejor mañana?" in day
    time = await chat.say("a las 4, soy Rosa, 708-555-0163")
    assert time["human"] is True and "confirmar mañana a las 4" in time["replies"][0]["content"]


async def test_short_follow_ups_about_the_car_under_discussion(app: FastAPI, db: Database) -> None:
    lexus = await _visitor(app, db)
    first = await lexus.reply("is the lexus rx still available")
    assert "Yes! The 2020 Lexus RX 350 AWD is in stock." in first  # the feed's "Rx" + "RX 350" read once
    await lexus.reply("price?")
    guess = await lexus.reply("ballpark?")
    assert guess.startswith("I'd rather not guess a number for the 2020 Lexus RX 350 AWD") and "$" not in guess

    mustang = await _visitor(app, db)
    await mustang.reply("any mustangs")
    which = await mustang.reply("gt or ecoboost?")
    assert "so I can't say whether it's a GT or EcoBoost" in which

    kona = await _visitor(app, db)
    await kona.reply("do you have the 2021 kona")
    both = await kona.reply("how many miles and any accidents?")
    assert both.startswith("The 2021 Hyundai Kona Ultimate DCT AWD has 69,445 miles.") and "history" in both


def test_either_version_is_no_yes_or_no() -> None:
    assert version_question("gt or ecoboost?") == ["GT", "EcoBoost"]
    assert version_question("yes or no?") == [] and version_question("red or white") == []


async def test_a_trade_in_then_a_car_of_the_lot_and_two_years_compared(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("thinking of trading my car in for something newer")
    await chat.reply("its a 2017 honda accord")
    elantra = await chat.reply("looking at ur 2024 elantra, the white one")
    assert "2024 Hyundai Elantra SEL IVT" in elantra and "2017" not in elantra  # the trade's year is no wish

    jeeps = await _visitor(app, db)
    await jeeps.reply("yo any grand cherokees")
    why = await jeeps.reply("why is the 2020 almost the same price as the 2021")
    assert why.startswith("The 2020 Jeep Grand Cherokee Limited 4x4 ($26,900) is $199 less than the 2021")
    assert "though it has 29,826 fewer miles" in why

    angry = await _visitor(app, db)
    upset = await angry.say(
        "i bought a compass from u guys in feb and it had a recall nobody told me about. my lawyer says i got a case. "
        "i want a manager to call me"
    )
    assert upset["human"] is True and upset["replies"][0]["content"].startswith("I'm sorry about this.")


async def test_what_a_trim_is_is_where_it_sits_in_the_lineup(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any palisade xrt?")
    xrt = await chat.reply("whats XRT anyway")
    assert xrt.startswith("XRT is one of the Palisade's trims: in its lineup it sits between the SEL and the Limited.")


async def test_the_handover_note_never_names_a_car_the_message_is_not_about(app: FastAPI, db: Database) -> None:
    """Found by set o's judge after its final measurement: a handover filed under the car discussed before."""
    chat = await _visitor(app, db)
    await chat.reply("is the 2021 f150 still there")
    titan = await chat.say("whats your best cash price on the titan")
    note = titan["replies"][0]["content"]
    assert titan["human"] is True and "F-150" not in note

    same = await _visitor(app, db)
    await same.reply("is the 2021 f150 still there")
    best = (await same.say("whats the best price you can do on it"))["replies"][0]["content"]
    assert "about the 2021 Ford F-150" in best


def test_a_work_schedule_is_no_visit_and_a_heat_pump_is_equipment() -> None:
    """Classes named by set p's judge after its final measurement (set p is no longer blind for them)."""
    text = "need 4wd for work, i leave at 6am every day so it has to start in the cold"
    assert evaluate(default_specs(), text, [], understand(text)) is None
    asked = understand("does the ioniq 5 have a heat pump", CATALOG)
    assert asked.primary == "vehicle_facts"
    topic = next(name for name, pattern in _FACT_TOPICS if pattern.search(asked.text))
    assert topic == "heat pump and climate equipment"


async def test_a_goodbye_closes_and_a_spanish_warranty_question_is_a_fact(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any tucsons")
    bye = await chat.reply("cool thanks bye")
    assert "If anything comes up, just reply here" in bye and "Anything else" not in bye

    spanish = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    await spanish.reply("busco una santa fe")
    warranty = await spanish.reply("tiene garantia?")
    assert warranty.startswith("La cobertura de la garantía depende") and "Tenemos" not in warranty


async def test_a_models_own_number_is_no_budget_and_a_contradiction_is_said_once(app: FastAPI, db: Database) -> None:
    assert understand("got the ram 1500?", CATALOG).slots.budget_max_cents is None
    chat = await _visitor(app, db)
    ram = await chat.reply("got the ram 1500?")
    assert "2018 Ram 1500 Express" in ram and "budget" not in ram
    both = await chat.reply("is that 4x4 or 2wd, it says 4x4 in the listing")
    assert both.count("our listing's drivetrain field says RWD") == 1


async def test_the_trade_in_answer_after_something_newer_is_no_question_about_cars_shown(
    app: FastAPI, db: Database
) -> None:
    """Found by the re-rating of dev set v: 'its a 2017 honda accord' got 'do you mean the 2025 Santa Fe ...?'."""
    chat = await _visitor(app, db)
    await chat.reply("thinking of trading my car in for something newer")
    accord = await chat.reply("its a 2017 honda accord")
    assert (
        accord.startswith("Thanks for the details on your trade-in: a 2017 Honda Accord") and "Santa Fe" not in accord
    )


async def test_a_deal_on_another_car_after_a_trade_in_is_not_filed_under_the_car_before(
    app: FastAPI, db: Database
) -> None:
    """Found by the re-rating of dev set v: a Titan deal filed under the Ram, the Titan read as the trade-in."""
    chat = await _visitor(app, db)
    await chat.reply("the ram 1500, its 4x4 right?")
    await chat.reply("i got a 2016 f-250 to trade, 142k miles")
    deal = await chat.say("if i trade it in and put cash down on the titan can we do 30 even out the door")
    assert deal["human"] is True and "Ram" not in deal["replies"][0]["content"]
