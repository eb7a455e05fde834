"""What the customer gave is said back (issue 13, eleventh round): a call or text asked for at a time is promised at
that time and about the car under discussion ("text me tmrw morning" -> "... tomorrow morning about the 2024 Hyundai
Tucson Hybrid ..."), "after 5" is not turned into "at 5 PM", and a name signing a message off ("- Dana") is the
customer's name."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from showroom.brain.dialogue import given_name
from showroom.brain.escalation.defaults import default_specs
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.when import find_time_request
from showroom.brain.types import Turn
from showroom.db.engine import Database
from tests.agent.support import CATALOG
from tests.agent.test_following_through import _visitor


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("can a manager call me back around 6 tonight? 7085550123 - Dana", "Dana"),
        ("text me ~Marcus", "Marcus"),
        ("any awd tucsons - Maria G.", "Maria"),
        ("need a tucson - Thanks", None),
        ("whats the price - Please", None),
        ("call me about it - Tucson", None),
    ],
)
def test_a_name_signing_the_message_off(text: str, name: str | None) -> None:
    assert given_name(text) == name


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("call me after 5", "after 5 PM"),
        ("can you call before 10am tmrw", "tomorrow before 10 AM"),
        ("tonite around 7", "tonight around 7 PM"),
        ("saturday at 10", "Saturday at 10 AM"),
    ],
)
def test_a_time_is_said_back_with_its_own_preposition(text: str, said: str) -> None:
    request = find_time_request(text)
    assert request is not None and request.said() == said


async def test_a_call_back_is_promised_at_the_time_asked_about_the_car_discussed(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("hi do you have a grey tucson hybrid")
    said = await chat.say("whats your best price on it? my cell is 708 555 0199, text me tmrw morning")
    assert said["handed_over"] is True
    note = said["replies"][0]["content"]
    assert "text you at 708 555 0199 tomorrow morning about the 2024 Hyundai Tucson Hybrid" in note


async def test_a_call_back_at_a_time_with_a_name_signed(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.say("can a manager call me back around 6 tonight? 7085550123 - Dana")
    assert said["handed_over"] is True
    assert said["replies"][0]["content"].startswith(
        "Thanks, Dana. I've asked a member of our team to call you at 7085550123 tonight around 6 PM."
    )


async def test_the_cheapest_of_a_trim_none_shown_has_is_searched_past_the_budget(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    listed = await chat.reply("any palisades under 50k")
    assert "Calligraphy" not in listed
    said = await chat.reply("whats the cheapest calligraphy")
    assert "Palisade Calligraphy" in said and "SEL" not in said
    assert said.startswith("I'm not seeing one that's also under $50,000"), said


async def test_how_much_more_is_the_one_pointed_at_than_the_one_discussed(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("hey what palisades do u have new")
    await chat.reply("only awd ones pls, under 50k")
    await chat.reply("the blue one - how many miles")
    said = await chat.reply("ok so how much more is the black one")
    assert said.startswith("The 2024 Hyundai Palisade SEL AWD is $3,343 more than the 2024 Hyundai Palisade XRT AWD"), (
        said
    )
    booked = await chat.say("can i come see the blue one saturday morning like 10")
    assert booked["handed_over"] is True
    assert "Saturday around 10 AM for the 2024 Hyundai Palisade XRT AWD" in booked["replies"][0]["content"]


async def test_a_time_after_the_visit_day_is_no_budget(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("3 rows. 5 kids lol. under 40k")
    await chat.reply("the white telluride")
    await chat.reply("ok my wife needs to see it. sat morning maybe")
    said = await chat.say("like 10")
    assert said["handed_over"] is True
    assert "Saturday around 10 AM for the 2022 Kia Telluride EX AWD" in said["replies"][0]["content"]


async def test_why_the_one_of_a_colour_is_priced_near_the_one_of_a_year(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any grand cherokees")
    said = await chat.reply("the grey one, why is it almost the same price as the 2021 lol")
    assert said.startswith(
        "The 2020 Jeep Grand Cherokee Limited 4x4 ($26,900) is $199 less than the 2021 Jeep Grand Cherokee Limited 4x4"
    ), said
    assert "2018" not in said and "though it has 29,826 fewer miles." in said


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("hey what palisades do u have new", "new"),
        ("palisades new?", "new"),
        ("is the 2024 palisade new", None),
        ("tucson new or used", None),
    ],
)
def test_new_said_after_the_model(text: str, condition: str | None) -> None:
    said = understand(text, CATALOG).slots.condition
    assert (said.value if said else None) == condition


@pytest.mark.parametrize(
    ("text", "budget"),
    [("can i come see the blue one saturday morning like 10", None), ("trucks under 10", 1_000_000)],
)
def test_a_clock_time_is_no_budget(text: str, budget: int | None) -> None:
    assert understand(text, CATALOG).slots.budget_max_cents == budget


async def test_a_trade_told_over_several_messages_is_kept_and_said_back(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    first = await chat.reply("want to trade my 2020 tucson for a new one")
    assert "2024 Hyundai Tucson Limited AWD" in first  # new Tucsons, for a new one
    told = await chat.reply("mine has 48k, no accidents, one owner")
    assert "a 2020 Hyundai Tucson with about 48,000 miles (no accidents, one owner)" in told
    assert "one owner, so I can't say" not in told  # the trade's, not a search of ours
    owed = await chat.reply("i owe 14,500 on it")
    assert "about $14,500 still owed on it" in owed and "14,500 miles" not in owed
    value = await chat.reply("so what would u give me for it")
    assert value.startswith("I can't put a number on your 2020 Hyundai Tucson with about 48,000 miles here")
    recalled = await chat.reply("wait what did i tell u the miles were lol")
    assert recalled.startswith("You told me your trade-in is a 2020 Hyundai Tucson, 48,000 miles")
    number = await chat.reply("u have my number right? its 708-555-0191")
    assert number.startswith("Yes, I have 708-555-0191.")


async def test_its_a_car_after_a_trade_was_said_is_the_trade(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("looking at a santa fe hybrid, have a trade")
    civic = await chat.reply("its a 2017 civic")
    assert civic.startswith("Thanks for the details on your trade-in: a 2017 Honda Civic.")
    await chat.reply("like 112k miles. small dent on the rear bumper, otherwise clean")
    owed = await chat.say("i still owe like 6 grand on it")
    note = owed["replies"][0]["content"]
    assert "including the $6,000 still owed on your car" in note and "Civic Sedan EX" not in note


@pytest.mark.parametrize(
    ("text", "payoff"),
    [
        ("i owe 14,500 on it", 1_450_000),
        ("i still owe like 6 grand on it", 600_000),
        ("y lo debo todavia like 3k", 300_000),
    ],
)
def test_what_is_owed_on_their_car_is_a_payoff(text: str, payoff: int) -> None:
    s = understand(text, CATALOG).slots
    assert s.trade_in is not None and s.trade_in.payoff_cents == payoff
    assert s.budget_max_cents is None and s.mileage_max is None


async def test_what_a_waiting_customer_gives_is_said_back_and_never_the_same_line(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("is the blue palisade still there")
    handed = await chat.say("i dont want the runaround. who actually makes the call on price there")
    assert handed["handed_over"] is True
    offer = await chat.reply("fine. im at 41 out the door. can u do it")
    assert offer.startswith("Thanks, I've passed your offer of $41,000 out the door on to our team.")
    notes = [await chat.reply(text) for text in ("ok", "robmiller55@gmail.com", "hello??")]
    assert notes[1] == "Thanks, I've passed robmiller55@gmail.com on to our team."
    assert len(set(notes)) == 3  # never the same line twice; the fourth note is the last
    assert (await chat.say("???"))["replies"] == []


async def test_a_new_time_while_waiting_keeps_the_day_and_a_general_question_is_answered(
    app: FastAPI, db: Database
) -> None:
    chat = await _visitor(app, db)
    handed = await chat.say("can i swing by tmrw after 5 to see the gray santa fe")
    assert handed["handed_over"] is True and "tomorrow after 5 PM" in handed["replies"][0]["content"]
    moved = await chat.reply("actually make it 6:30")
    assert moved.startswith("Thanks, I've passed your new time, tomorrow at 6:30 PM on to our team.")
    bring = await chat.reply("should i bring anything")
    assert bring.startswith("Usually: your driver's license, proof of insurance")


@pytest.mark.parametrize(("text", "model"), [("rogues in stock?", "Rogue"), ("tienen fortes?", "Forte")])
def test_a_stocked_model_that_is_a_word_counts_in_the_plural(text: str, model: str) -> None:
    assert understand(text, CATALOG).slots.models == [model]


async def test_is_the_green_forte_a_stick_is_answered_from_its_listing(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.reply("is the green forte a stick?")
    assert "The 2022 Kia Forte LXS IVT's trim says automatic, but our listing's transmission field says Manual" in said
    assert "not seeing" not in said and "Good news" not in said


async def test_the_two_of_a_colour_why_one_costs_more_and_the_low_mile_one(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("rogues in stock?")
    why = await chat.reply("the 2 blue ones, why is one 1600 more")
    assert why.startswith("The 2021 Nissan Rogue AWD SV ($21,900) is $1,600 less than the other one ($23,500)")
    seats = await chat.reply("the low mile one, heated seats?")
    assert seats.startswith("Our listing for the 2021 Nissan Rogue AWD SV doesn't include its equipment")
    assert "$23,500, 18,108 miles" in seats


async def test_good_in_snow_is_said_from_the_listed_drivetrain(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any grand cherokees")
    said = await chat.reply("good in snow?")
    assert said.startswith("They're all listed as four-wheel drive, which helps with getting going in snow")


@pytest.mark.parametrize(
    ("text", "handover"),
    [
        ("are you kidding me. its a used car and u dont know the miles??", True),
        ("wow u cant even tell me if a truck is 4x4. great.", True),
        ("u keep saying u'll check lol. is anyone actually there", True),
        ("is there a real person there?", True),
        ("is anyone there?", False),  # how many chats open: the agent answers
    ],
)
def test_frustration_and_a_person_asked_for_sideways(text: str, handover: bool) -> None:
    turns = [Turn(sender="customer", text="any 4x4 trucks"), Turn(sender="ai", text="Here are 4 that match: ...")]
    assert (evaluate(default_specs(), text, turns, languages=["en", "es"]) is not None) is handover


async def test_what_a_listing_cannot_say_of_the_car_is_said_so_once(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("the white telluride ex, is it accident free")
    smoked = await chat.reply("has it been smoked in? my kid has asthma")
    assert smoked.startswith("Our listing doesn't say whether the 2022 Kia Telluride EX AWD was smoked in or carried")
    owners = await chat.reply("how many owners")
    assert owners.startswith("A team member can send you the 2022 Kia Telluride EX AWD's vehicle history report")


async def test_a_truck_s_bed_and_towing_of_the_one_discussed(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("is the santa cruz a real truck lol")
    bed = await chat.reply("bed length?")
    assert bed.startswith("I'd rather not guess at the bed length; our listing for the 2024 Hyundai Santa Cruz")
    tow = await chat.reply("whats it tow")
    assert tow.startswith("The 2024 Hyundai Santa Cruz is rated to tow up to about")


async def test_a_feature_no_listing_gives_of_the_one_car_that_fits_the_rest(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.reply("any sunroof on the white tucson")
    assert "Our listing for the 2024 Hyundai Tucson Limited AWD doesn't include its equipment" in said
    assert "not seeing" not in said


async def test_a_year_corrected_keeps_the_search_and_a_version_of_it_is_searched(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any 2024 santa fe calligraphy")
    corrected = await chat.reply("sorry i meant 2025 not 2024")
    assert "2025 Hyundai Santa Fe Calligraphy AWD, Grey, $48,976" in corrected and "2024 Hyundai" not in corrected
    hybrid = await chat.reply("is there a hybrid version of it")
    assert "2025 Hyundai Santa Fe Hybrid Calligraphy AWD" in hybrid and "gas-powered" not in hybrid


async def test_is_that_price_out_the_door_is_answered_not_handed_over(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("cheapest new santa fe")
    said = await chat.say("is that price out the door")
    assert said["handed_over"] is False
    assert said["replies"][0]["content"].startswith(
        "No: the $39,241 listed for the 2025 Hyundai Santa Fe SEL AWD is before sales tax"
    )
    offer = await chat.say("can you do 38 out the door")
    assert offer["handed_over"] is True


async def test_which_of_two_is_better_on_gas_from_their_ratings(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("sedans under 20k")
    said = await chat.reply("charger or the malibu which is better on gas")
    assert said.startswith("The 2022 Chevrolet Malibu 4dr Sdn LT is the easier on gas: EPA-rated at about 29–30 MPG")
    assert "19–23 for the 2020 Dodge Charger SXT RWD" in said


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("tom, 708-555-0110, evenings are better", "Tom"),
        ("its luis btw", "Luis"),
        ("ok have someone call me. 708-555-0177 ask for keisha", "Keisha"),
        ("call, 708-555-0110", None),
        ("its fine btw", None),
    ],
)
def test_a_name_said_before_a_number_or_with_btw(text: str, name: str | None) -> None:
    assert given_name(text) == name


async def test_a_number_given_is_said_back_with_when_to_call(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("trucks for towing")
    said = await chat.reply("tom, 708-555-0110, evenings are better")
    assert said.startswith("Thanks, Tom! I've noted your number, 708-555-0110, and that evenings are best.")


async def test_a_guaranteed_approval_asked_while_waiting_is_answered_honestly(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    handed = await chat.say("my score is like 520, had a repo 2 yrs ago")
    assert handed["handed_over"] is True
    said = await chat.reply("can u guarantee ill get approved")
    assert said.startswith("An approval can't be known before a lender has seen the application")


async def test_a_car_chosen_and_whats_next_is_ready_to_buy(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("new santa fe sel?")
    said = await chat.say("ok i want the cheaper grey one, whats next. 708-555-0104 Tom")
    assert said["handed_over"] is True
    assert said["replies"][0]["content"].startswith(
        "Thanks, Tom. I'm bringing in a member of our team about the 2025 Hyundai Santa Fe SEL AWD (stock 27259)"
    )


async def test_not_a_little_sedan_and_the_same_price(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    said = await chat.reply("idk cheap. under 20 grand. not a little sedan tho my back is bad")
    assert "Got it, no sedans." in said and "Forte" not in said and "Malibu" not in said
    chat = await _visitor(app, db)
    await chat.reply("rogues in stock?")
    await chat.reply("the low mile one")
    same = await chat.reply("hmm any equinox around the same price")
    assert "$23,850" in same and "$23,900" in same and "$16,900" not in same


async def test_miles_on_a_new_car_and_a_used_one_with_almost_none(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("new tucson prices?")
    new = await chat.reply("why does the white gas one have like 2900 miles if its new")
    assert new.startswith("The 2024 Hyundai Tucson Limited AWD is sold as new with 2,917 miles on it")
    chat = await _visitor(app, db)
    await chat.reply("any tellurides")
    used = await chat.reply("the grey one has 40 miles?? is it basically new")
    assert used.startswith("The 2024 Kia Telluride S FWD has only 40 miles, but it's listed as pre-owned")


async def test_an_engine_badge_in_the_name_is_said_for_what_it_is(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any luxury suvs? audi bmw lexus")
    said = await chat.reply("the q5 what engine")
    assert said.startswith("The “45 TFSI” in the 2023 Audi Q5 S line Premium 45 TFSI quattro's name is the maker's")
    assert "2.0-liter turbocharged four-cylinder" in said


def test_a_bankruptcy_chapter_told_is_for_finance() -> None:
    assert evaluate(default_specs(), "i filed chapter 7 last year, is that a problem", [], languages=["en"]) is not None
    assert evaluate(default_specs(), "do you work with people who filed chapter 7", [], languages=["en"]) is None


async def test_a_question_of_its_own_after_an_attribute_is_not_the_attribute_again(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("used tucsons?")
    await chat.reply("how many miles on the grey ones")
    said = await chat.reply("and which is the cheapest")
    assert "$20,999" in said and "2022 Hyundai Tucson SE AWD" in said


async def test_a_complaints_car_is_no_wish_for_the_search_after(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db, agent_config={"languages": ["en", "es"]})
    handed = await chat.say(
        "compre una santa fe aqui hace un mes y ya tiene una falla en la transmision, estoy molesta"
    )
    assert handed["handed_over"] is True
    said = await chat.reply("mientras tanto mi hija busca un carro barato, tienen algo por 15 mil?")
    assert "Santa Fe" not in said and "$15,900" in said, said


def test_a_fault_since_buying_here_in_spanish_is_for_a_person() -> None:
    said = "compre una santa fe aqui hace un mes y ya tiene una falla en la transmision"
    assert evaluate(default_specs(), said, [], languages=["en", "es"]) is not None
    assert evaluate(default_specs(), "compre una tucson, tienen otra en gris?", [], languages=["en", "es"]) is None


def test_or_not_is_impatience_only_when_asked_before() -> None:
    turns = [Turn(sender="customer", text="any tellurides"), Turn(sender="ai", text="Here are 5 that match: ...")]
    assert evaluate(default_specs(), "is it awd or not", turns, languages=["en"]) is None
    again = [*turns, Turn(sender="customer", text="is it awd?"), Turn(sender="ai", text="Here they are: ...")]
    assert evaluate(default_specs(), "is it awd or not", again, languages=["en"]) is not None


async def test_similar_but_cheaper_like_a_palisade_is_palisades(app: FastAPI, db: Database) -> None:
    chat = await _visitor(app, db)
    await chat.reply("any tellurides")
    await chat.reply("the grey one")
    said = await chat.reply("something similar but cheaper? like a palisade")
    assert "Palisade" in said and "We don't have a Palisade" not in said and "$33,899.99" not in said
