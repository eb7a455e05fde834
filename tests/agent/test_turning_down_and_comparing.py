"""What a customer turns down stays down ("not that one", "too many miles", "not red please", "not the palisade"),
and two cars are compared when the customer asks which is cheaper, newer or has fewer miles. The pure part first,
then whole conversations through the public widget API with the real feed."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI

from showroom.brain.compose.reply import search_terms
from showroom.brain.dialogue import DialogueState, comparison, refusal, refuses, search_criteria, turned_down
from showroom.brain.escalation.defaults import default_specs
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.language import detect_language
from showroom.brain.nlu.vehicles import Catalog
from showroom.brain.nlu.when import find_time_request, resolve
from showroom.brain.types import DealershipView, Turn
from showroom.db.engine import Database
from tests.agent.support import CATALOG, make_vehicle
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.agent.test_references_and_specs import chat, reply_to


@pytest.mark.parametrize(
    ("text", "colours", "models"),
    [
        ("not red please", ["Red"], []),
        ("anything but white", ["White"], []),
        ("not a fan of the white", ["White"], []),
        ("i dont want a silver one", ["Silver"], []),
        ("que no sea rojo", ["Red"], []),
        ("not the palisade, show me something else", [], ["Palisade"]),
        ("no palisades please", [], ["Palisade"]),
    ],
)
def test_what_a_message_turns_down(text: str, colours: list[str], models: list[str]) -> None:
    s = understand(text, CATALOG, languages=("en", "es")).slots
    assert (s.excluded_colors, s.excluded_models) == (colours, models)
    assert not set(colours) & set(s.colors) and not set(models) & set(s.models)


@pytest.mark.parametrize("text", ["no, the red one", "do you have a red tucson", "is the red one awd"])
def test_a_colour_wished_for_is_not_turned_down(text: str) -> None:
    s = understand(text, CATALOG).slots
    assert s.colors == ["Red"] and not s.excluded_colors


def test_turned_down_stays_down_and_a_model_named_again_comes_back() -> None:
    criteria = {"body_styles": ["SUV"], "models": ["Palisade"], "makes": ["Hyundai"], "price_max_cents": 4_000_000}
    state = DialogueState(criteria=criteria)
    after = search_criteria(search_terms(understand("not the palisade", CATALOG)), state)
    assert after["exclude_models"] == ["Palisade"] and "models" not in after and "makes" not in after
    assert after["body_styles"] == ["SUV"] and after["price_max_cents"] == 4_000_000
    later = search_criteria(search_terms(understand("any kias?", CATALOG)), DialogueState(criteria=after))
    assert later["exclude_models"] == ["Palisade"] and later["makes"] == ["Kia"]  # a new search keeps it out
    assert turned_down(after, {"exclude_colors": ["Red"]})["exclude_models"] == ["Palisade"]
    back = search_criteria(search_terms(understand("ok show me the palisades", CATALOG)), DialogueState(criteria=after))
    assert back["models"] == ["Palisade"] and "exclude_models" not in back


def test_the_car_turned_down_and_what_follows_for_the_next_search() -> None:
    kia = {"make": "Kia", "model": "Telluride", "trim": "SX AWD"}
    white = make_vehicle(id=1, year=2021, price_cents=3_590_000, mileage=47_844, exterior_color="White", **kia)
    grey = make_vehicle(id=2, year=2022, price_cents=3_390_000, mileage=52_641, exterior_color="Grey", **kia)
    state = DialogueState(shown=[1, 2], focus=1)
    miles = refusal(understand("nah too many miles. anything with less", CATALOG), state, [white, grey])
    assert miles is not None and [v.id for v in miles.vehicles] == [1]
    assert miles.criteria == {"exclude_ids": [1], "mileage_max": 47_843} and miles.order == "fewest_miles"
    colour = refusal(understand("not the grey one", CATALOG), DialogueState(shown=[1, 2]), [white, grey])
    assert colour is not None and [v.id for v in colour.vehicles] == [2]
    price = refusal(understand("too expensive", CATALOG), state, [white, grey])
    assert price is not None and price.criteria["price_max_cents"] == 3_589_999
    disliked = refusal(understand("no me gusta el color, otra", CATALOG, languages=("en", "es")), state, [white])
    assert disliked is not None and disliked.criteria["exclude_colors"] == ["White"]
    assert refusal(understand("not sure yet", CATALOG), state, [white, grey]) is None
    assert refusal(understand("not that one", CATALOG), DialogueState(shown=[1, 2]), [white, grey]) is None  # which?


async def test_cars_turned_down_stay_out_of_the_conversation(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    listed = await say("do u have any tellurides")
    assert "White, $35,900, 47,844 miles" in listed
    assert "47,844 miles" in await say("the white one how many miles")
    fewer = await say("nah too many miles. anything with less")
    assert "leave the 2021 Telluride SX AWD out" in fewer and "47,844" not in fewer
    miles = [int(m.replace(",", "")) for m in re.findall(r"([\d,]+) miles", fewer)]
    assert miles and all(m < 47_844 for m in miles) and miles == sorted(miles)

    say = await chat(app, db)
    await say("need a 3 row suv under 40k")
    narrowed = await say("only 2022 or newer")
    assert "Palisade" in narrowed
    others = await say("not the palisade, show me something else")
    assert "no Palisade" in others and "Palisade," not in others and "Telluride" in others

    say = await chat(app, db)
    await say("got any sedans under 20k")
    no_red = await say("not red please")
    assert "no red" in no_red and ", Red," not in no_red and "Forte" in no_red

    say = await chat(app, db)
    await say("looking for a santa fe")
    await say("just the 2025s")
    cheapest = await say("which of those is cheapest")
    assert "$39,241" in cheapest
    following = await say("not that one, whats the next cheapest")
    assert "leave the 2025 Santa Fe SEL AWD (stock 27259) out" in following and "$39,772" in following


def test_which_car_wins_and_among_which() -> None:
    ioniq5 = make_vehicle(id=1, model="Ioniq 5", trim="Limited AWD", price_cents=5_927_700, mileage=10)
    ioniq6 = make_vehicle(id=2, model="Ioniq 6", trim="SEL AWD", price_cents=5_137_800, mileage=20)
    niro = make_vehicle(id=3, make="Kia", model="Niro Ev", trim="EX FWD", price_cents=1_850_000, mileage=66_093)
    listed = DialogueState(shown=[3, 2, 1])
    named = comparison(
        understand("the ioniq 5 or the ioniq 6 which is cheaper", CATALOG), listed, [niro, ioniq6, ioniq5]
    )
    assert named is not None and [v.id for v in named.vehicles] == [2, 1] and named.measure == "cheaper"
    everything = comparison(understand("which of those is cheapest", CATALOG), listed, [niro, ioniq6, ioniq5])
    assert everything is not None and [v.id for v in everything.vehicles][:1] == [3]
    discussed = DialogueState(shown=[3, 2, 1], focus=1, discussed=[2, 1])
    pair = comparison(understand("ok which has less miles", CATALOG), discussed, [niro, ioniq6, ioniq5])
    assert pair is not None and [v.id for v in pair.vehicles] == [1, 2] and pair.measure == "fewer_miles"
    assert comparison(understand("does the cheaper one have awd", CATALOG), discussed, [niro, ioniq6, ioniq5]) is None


async def test_two_cars_compared_through_the_widget(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    models = await say("whats cheaper the tucson or the santa fe")
    assert "The Tucson starts lower" in models and "$20,999" in models and "$28,900" in models

    say = await chat(app, db)
    await say("any EVs")
    cheaper = await say("the ioniq 5 or the ioniq 6 which is cheaper")
    assert "The Ioniq 6 starts lower" in cheaper and "$51,378" in cheaper and "$59,277" in cheaper
    awd = await say("does the cheaper one have awd")
    assert "Ioniq 6" in awd and "RWD" in awd and "$51,378" not in awd  # its trim and drivetrain field disagree

    say = await chat(app, db)
    await say("hi do you have any trucks")
    await say("the ram")
    newer = await say("what about the silverado, which is newer")
    assert "both from 2018" in newer and "Silverado" in newer and "Ram" in newer
    miles = await say("ok which has less miles")
    assert "Silverado 1500 4WD Double Cab 143.5 LT w/2LT has fewer miles: 44,617, against 54,639" in miles


async def test_hours_asked_later_do_not_pitch_the_car_discussed_before(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    await say("I want a used palisade limited")
    hours = await say("cool how late are you open today")
    assert "Mon-Fri 9 AM-7 PM" in hours and "Palisade" not in hours
    visit = await say("can i come see it today")
    assert "What time today works best" in visit  # was "What time Today"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("solo las de 2023", (2023, 2023)),
        ("only 2023", (2023, 2023)),
        ("las del 2024", (2024, 2024)),
        ("del 2022 para arriba", (2022, None)),
        ("2021 en adelante", (2021, None)),
        ("tengo un presupuesto de 20000", (None, None)),
    ],
)
def test_a_model_year_narrowing_in_english_and_spanish(text: str, years: tuple[int | None, int | None]) -> None:
    s = understand(text, CATALOG, languages=("en", "es")).slots
    assert (s.year_min, s.year_max) == years


async def test_the_car_turned_down_is_named_in_the_answer(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    await say("I want a used palisade limited")
    other = await say("not that one, too many miles")
    assert "leave the 2022 Palisade Limited AWD out" in other  # the guardrails cut it: not one of the cars offered
    assert "31,418" not in other


def test_a_budget_for_someone_else_is_a_budget() -> None:
    assert understand("looking for an suv under 30k for my daughter", CATALOG).slots.budget_max_cents == 3_000_000
    assert understand("they offered me 12k for my car", CATALOG).slots.budget_max_cents is None


def test_a_short_message_between_two_languages_keeps_the_conversations() -> None:
    assert detect_language("tiene awd?", ["tienen tucson"]) == "es"
    assert detect_language("is it awd", ["tienen tucson"]) == "en"


async def test_more_than_the_cars_seen_and_back_to_one_discussed_before(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    listed = await say("looking for an suv under 30k for my daughter")
    years = [int(y) for y in re.findall(r"^- (20\d\d) ", listed, re.M)]
    newer = await say("something newer")
    assert all(int(y) > max(years) for y in re.findall(r"^- (20\d\d) ", newer, re.M)) and "$3" not in newer

    say = await chat(app, db)
    await say("hey whats the cheapest palisade u have")
    await say("and a telluride?")
    back = await say("back to the palisade, is it awd")
    assert "2023 Hyundai Palisade SEL AWD is all-wheel drive" in back and "Telluride" not in back

    say = await chat(app, db)
    await say("got any jeeps")
    await say("the grand cherokee, 4x4?")
    await say("and the compass?")
    assert "None of them has a price listed yet" in await say("which is cheaper")
    assert "None of them has a price" not in await say("whats the mileage on the cheaper one")

    say = await chat(app, db)
    await say("do you have the 2025 santa fe calligraphy")
    await say("what colors")
    black = await say("the black one, price?")
    assert "not seeing a black" in black and "instead of black" in black


@pytest.mark.parametrize(
    "text", ["i have a 2016 civic with 90k miles what can i get for it", "how much would my truck bring"]
)
def test_what_a_car_would_fetch_is_a_trade_in_question(text: str) -> None:
    assert understand(text, CATALOG).primary == "trade_in"


@pytest.mark.parametrize(("text", "year"), [("2024 only", 2024), ("2024?", 2024), ("2023 ones please", 2023)])
def test_a_year_said_alone_narrows(text: str, year: int) -> None:
    s = understand(text, CATALOG).slots
    assert (s.year_min, s.year_max) == (year, year)


def test_a_truck_that_can_tow_is_not_a_towing_package() -> None:
    assert understand("need a truck that can tow", CATALOG).slots.features == []
    assert understand("has a tow package?", CATALOG).slots.features == ["towing package"]


def test_a_question_about_cheaper_cars_is_not_the_price_question_asked_again() -> None:
    history = [
        Turn("customer", "how much is the black one"),
        Turn("ai", "The 2024 Hyundai Palisade Calligraphy AWD is listed at $52,752."),
    ]
    for text in ("any cheaper ones in black", "too much. anything cheaper"):
        assert evaluate(default_specs(), text, history, understand(text, CATALOG, history)) is None
    haggle = "thats too much, can you do 35k"
    assert evaluate(default_specs(), haggle, history, understand(haggle, CATALOG, history)) is not None


async def test_two_models_compared_after_a_list_and_whats_left(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    await say("do you have an elantra")
    await say("hmm what about a forte")
    both = await say("which is cheaper the elantra or the forte")
    assert "The Forte starts lower" in both and "$16,900" in both and "$23,900" in both

    say = await chat(app, db)
    await say("ok show me tellurides under 35k")
    await say("not brown")
    left = await say("whats left then")
    assert "Telluride" in left and "Brown" not in left and "point you in the right direction" not in left


@pytest.mark.parametrize(
    ("text", "trims"),
    [("do you have an sel in grey", ["SEL"]), ("what about the xrt", ["XRT"]), ("a premium price", [])],
)
def test_a_trim_named_without_its_model(text: str, trims: list[str]) -> None:
    assert understand(text, CATALOG).slots.trims == trims


def test_what_else_a_customer_says_that_used_to_be_misread() -> None:
    assert understand("no chevys", CATALOG).slots.excluded_makes == ["Chevrolet"]
    assert understand("ok ill talk to him", CATALOG).primary != "other"  # a deferral, not "tell me more"
    assert "test_drive" not in understand("does it come in white", CATALOG).intents  # a colour, not a visit
    for text in ("any fords other than that", "no, otra con menos millas", "besides that one what else"):
        assert refuses(understand(text, CATALOG, languages=("en", "es"))), text
    assert not refuses(understand("no I meant the grey one", CATALOG))


async def test_a_make_turned_down_and_a_car_named_by_year_and_trim(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    await say("2022 or newer awd suv under 35k")
    no_chevys = await say("no chevys")
    assert "no Chevrolet" in no_chevys and "Chevrolet Equinox" not in no_chevys and "Tucson" in no_chevys

    say = await chat(app, db)
    await say("stock 26312A still available?")
    await say("any other palisades that are newer")
    sel = await say("price on the 2024 sel")
    assert "2024 Hyundai Palisade SEL AWD is listed at $47,371" in sel and "XRT" not in sel

    say = await chat(app, db)
    await say("whats the difference between the tucson limited and the sel")
    grey = await say("do you have an sel in grey")
    assert "Limited" not in grey.split("\n")[0]  # a Limited is not offered as the SEL asked for


async def test_counts_colours_of_a_short_model_name_and_policy_questions(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    many = await say("any other palisades that are newer than 2023")
    assert re.search(r"we have (\d+) that fit", many) and "Here are 5" in many

    say = await chat(app, db)
    colours = await say("what colors does the k5 come in")
    assert "We have the K5 in these colours" in colours and "Ecosport" not in colours

    say = await chat(app, db)
    warranty = await say("is there a warranty on used cars")
    assert "Warranty coverage depends" in warranty and "inventory/" not in warranty  # no random car's page

    say = await chat(app, db)
    low = await say("any 3rd row suvs with low miles")
    assert len(re.findall(r"^- ", low, re.M)) > 1  # a list ranked by miles, not the one car with the fewest


def test_a_yes_to_the_agents_offer_of_a_person_asks_for_one() -> None:
    offered = [
        Turn("customer", "what would payments be roughly"),
        Turn("ai", "A payment depends on the price.\n\nWould you like a finance specialist to reach out to you?"),
    ]
    assert understand("ok", CATALOG, offered).wants_human
    assert understand("yes please", CATALOG, offered).wants_human
    assert not understand("ok what about a tucson", CATALOG, offered).wants_human
    assert not understand("ok show me tellurides under 35k", CATALOG, offered).wants_human
    pitched = [
        Turn("customer", "the f150"),
        Turn("ai", "Yes! The 2021 Ford F-150 is in stock.\n\nWant to test drive it?"),
    ]
    assert not understand("ok", CATALOG, pitched).wants_human


def test_a_visit_minutes_from_now_is_a_time_request() -> None:
    asked = find_time_request("ok im 20 min away can i see it")
    assert asked is not None and asked.in_minutes == 20
    now = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    assert resolve(asked, now, "America/Chicago") == datetime(2026, 12, 7, 9, 20, tzinfo=ZoneInfo("America/Chicago"))
    assert find_time_request("the 2021 has 300 miles") is None


def test_which_tucson_is_cheapest_is_no_haggle() -> None:
    for text, haggles in (("whats the lowest price on a new tucson", False), ("whats your lowest price on it", True)):
        match = evaluate(default_specs(), text, [], understand(text, CATALOG))
        assert (match is not None) == haggles, text


async def test_a_visit_minutes_away_and_a_spanish_ram(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    await say("Is the 2022 Palisade Limited still available")
    coming = await say("ok im 20 min away can i see it")
    assert "to confirm your visit in about 20 minutes" in coming

    team = await stocked_team(app, db, agent_config={"languages": ["en", "es"]})
    guest = visitor(app)
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"
    first = (await guest.post(url, json={"content": "tienen camionetas 4x4"})).json()
    ram = (await guest.post(url, json={"content": "la ram cuanto cuesta", "token": first["token"]})).json()
    assert "2018 Ram 1500" in ram["replies"][0]["content"] and "$23,900" in ram["replies"][0]["content"]
    miles = (await guest.post(url, json={"content": "tiene muchas millas?", "token": first["token"]})).json()
    assert "54,639 millas" in miles["replies"][0]["content"] and "dejo fuera" not in miles["replies"][0]["content"]


def test_a_models_own_word_is_no_trim() -> None:
    catalog = Catalog.from_vehicles(
        [
            make_vehicle(id=1, make="Jeep", model="Grand Cherokee", trim="Limited 4x4"),
            make_vehicle(id=2, make="Mazda", model="Mazda3 5-Door", trim="Grand Touring Manual"),
        ]
    )
    assert understand("the grand cherokee, 4x4?", catalog).slots.trims == []
    assert understand("and the grand touring?", catalog).slots.trims == ["Grand Touring"]


async def test_the_closing_question_changes_instead_of_repeating(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    first = await say("do you have any tellurides")
    second = await say("only 2022 or newer")
    third = await say("under 38k")
    questions = [reply.rsplit("\n\n", 1)[-1] for reply in (first, second, third)]
    assert len(set(questions)) == 3 and "Is there anything else" not in " ".join(questions), questions


def test_a_jet_ski_is_no_colour() -> None:
    assert understand("is the santa cruz a real truck? can it tow my jet ski", CATALOG).slots.colors == []
    assert understand("jet black tahoe", CATALOG).slots.colors == ["Black"]


async def test_several_cars_turned_down_at_once(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    listed = await say("any new tucsons")
    assert "Burgundy" in listed
    others = await say("not the red ones")
    assert "Burgundy" not in others and "Just to be sure" not in others and "Tucson" in others
    assert understand("nada de Dodge", CATALOG, languages=("en", "es")).slots.excluded_makes == ["Dodge"]


async def test_a_new_model_is_not_hidden_by_the_wishes_of_the_last_search(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    await say("any new tucsons 2023 or newer")
    equinox = await say("the white equinox still there?")
    assert "not seeing" not in equinox and "Equinox" in equinox and "White" in equinox


async def test_the_others_the_three_and_a_short_model_in_the_plural(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    await say("do you have any white tucsons")
    others = await say("the first one is too pricey, what about the other 2")
    assert "leave the 2024 Tucson Limited AWD out" in others and "$40,573" in others and "$41,078" in others
    awd = await say("are the three all awd")
    assert "2025 Hyundai Tucson Limited AWD" in awd and "Hybrid" in awd  # both the others, each as listed
    fewest = await say("which of the three has the fewest miles")
    assert "has fewer miles: 10, against 412" in fewest

    say = await chat(app, db)
    assert "Kia K5" in await say("any k5s")
    both = await say("both of them automatic?")
    assert "are listed with an automatic transmission" in both


async def test_body_type_towing_trims_in_the_plural_and_sibling_models(app: FastAPI, db: Database) -> None:
    say = await chat(app, db)
    await say("u have santa cruz")
    assert "Yes, the 2024 Hyundai Santa Cruz Limited AWD is listed as a Truck" in await say("is it a truck")
    assert "rated to tow up to about 5,000 lb" in await say("what about towing")  # the model's rating

    say = await chat(app, db)
    await say("looking at the telluride sx prestige x-pro")
    sx = await say("what about a regular sx")
    assert "Telluride SX AWD" in sx and "point you in the right direction" not in sx
    white = await say("ok and the white sx")
    assert "White" in white and "What day and time" not in white  # a question about a car, not a yes to a visit

    say = await chat(app, db)
    both = await say("whats the difference between the ioniq 5 and 6")
    assert "Ioniq 5" in both and "Ioniq 6" in both
    kona = await say("what about the kona")
    assert "Kona" in kona
    assert "What time on Saturday" in await say("can we see it sat morning")


async def test_spanish_turn_downs_and_comparisons(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db, agent_config={"languages": ["en", "es"]})
    url = f"/api/v1/widget/{team.dealership.subdomain}/messages"
    guest = visitor(app)
    token = None

    async def say(text: str) -> dict[str, Any]:
        nonlocal token
        answer = (await guest.post(url, json={"content": text, **({"token": token} if token else {})})).json()
        token = answer["token"]
        return answer

    await say("hola, tienen palisade?")
    await say("cual es la mas barata")
    other = await say("no me gusta el gris, hay otra?")
    assert not other.get("handed_over") and "dejo fuera" in other["replies"][0]["content"]

    token = None
    await say("buenas tardes busco una troca")
    await say("la chevy cuanto cuesta")
    ram = await say("y la ram?")
    assert "Ram 1500" in ram["replies"][0]["content"] and "prueba de manejo del" not in ram["replies"][0]["content"]
    fewer = await say("cual tiene menos millas")
    assert "tiene menos millas: 44,617, contra 54,639" in fewer["replies"][0]["content"]


def test_a_closed_day_asked_about_is_said_closed_and_the_assistant_introduced_once() -> None:
    open_six_days = DealershipView(
        "Demo", None, None, None, None, None, "Mon-Sat 09:00-19:00, Sun closed", "UTC", closed_days=("sunday",)
    )
    sunday = reply_to("are you open on sundays", [], dealership=open_six_days)
    assert "We're closed on Sunday, unfortunately." in sunday and "Sun closed" in sunday
    who = reply_to("who am i talking to", [])
    assert who.count("Ava") == 1 and "virtual assistant" in who
    engine = reply_to("is the mustang a v8", [make_vehicle(make="Ford", model="Mustang", trim=None)])
    assert "rather not guess at the engine" in engine
