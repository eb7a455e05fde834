"""Understanding what the customer wants against what the feed contains, pure (no database): colour families,
seats, body types, drivetrains, fuel, years, trims, make-model mistakes and typos; listing text fit for customers;
and the builtin reply's honesty about what matches."""

from __future__ import annotations

import random

import pytest

from showroom.brain.compose.context import _Ctx
from showroom.brain.compose.reply import compose_reply
from showroom.brain.compose.vehicles import _describe, differences
from showroom.brain.guardrails import enforce
from showroom.brain.listing import clean_listing, has_debris
from showroom.brain.nlu.attributes import color_family, drivetrain_fits, trim_matches, vehicle_fuel
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.knowledge import model_body, model_fuel, three_rows
from showroom.brain.nlu.understanding import WrongMake
from showroom.brain.types import DealershipView, PersonaView, VehicleView
from showroom.vocabulary import Tone
from tests.agent.support import CATALOG, INVENTORY, make_vehicle, persona

DEALER = DealershipView(
    name="World Hyundai of Matteson",
    phone="(708) 555-0100",
    address="4300 Lincoln Hwy",
    city="Matteson",
    state="IL",
    website="https://worldhyundaimatteson.com",
    hours_text=None,
    timezone="America/Chicago",
)


@pytest.mark.parametrize(
    ("said", "family"),
    [
        ("grey", "Gray"),
        ("gray", "Gray"),
        ("Grey", "Gray"),
        ("Magnetic Gray Metallic", "Gray"),
        ("charcoal", "Gray"),
        ("navy", "Blue"),
        ("dark blue", "Blue"),
        ("Burgundy", "Red"),
        ("maroon", "Red"),
        ("Snow White Pearl", "White"),
        ("bronze", "Brown"),
        ("Ultraviolet", None),
    ],
)
def test_colours_map_to_families(said: str, family: str | None) -> None:
    assert color_family(said) == family


def test_every_colour_of_the_feed_has_a_family() -> None:
    stored = {v.exterior_color for v in INVENTORY if v.exterior_color}
    assert stored == {"Grey", "White", "Black", "Brown", "Blue", "Burgundy", "Red", "Green", "Orange"}
    assert all(color_family(c) for c in stored)


@pytest.mark.parametrize(
    ("stored", "wanted", "fits"),
    [
        ("AWD", "AWD", True),
        ("4WD", "AWD", True),
        ("AWD", "4WD", True),
        ("4X4", "4WD", True),
        ("HTRAC AWD", "4WD", True),
        ("quattro", "AWD", True),
        ("FWD", "AWD", False),
        ("RWD", "4WD", False),
        ("FWD", "2WD", True),
        ("RWD", "2WD", True),
        ("AWD", "FWD", False),
    ],
)
def test_drivetrains_by_the_wheels_they_drive(stored: str, wanted: str, fits: bool) -> None:
    assert drivetrain_fits(stored, wanted) is fits


@pytest.mark.parametrize(
    ("fuel", "model", "trim", "effective"),
    [
        ("Electric", "Tucson Hybrid", "Limited AWD", "Hybrid"),  # the feed's quirk
        ("Gasoline", "Santa Fe", "SEL HEV", "Hybrid"),
        ("Electric", "Prius Prime", "LE", "Plug-In Hybrid"),
        ("Hybrid", "5 Series", "530e iPerformance Plug-In Hybrid", "Plug-In Hybrid"),
        ("Electric", "Ioniq 5", "Limited AWD", "Electric"),
        ("Electric", "Niro Ev", "EX FWD", "Electric"),
        ("Gasoline", "Palisade", "XRT AWD", "Gasoline"),
        (None, "Compass", "Latitude FWD", None),
    ],
)
def test_the_model_or_trim_name_decides_a_hybrid(fuel: str | None, model: str, trim: str, effective: str) -> None:
    assert vehicle_fuel(fuel, model, trim) == effective


def test_model_knowledge_rows_fuel_and_body() -> None:
    assert three_rows("Palisade", 2023) and three_rows("Telluride", 2021) and three_rows("Sorento", 2020)
    assert three_rows("Santa Fe", 2025) and three_rows("Santa Fe Hybrid", 2024) and not three_rows("Santa Fe", 2021)
    assert not three_rows("Atlas Cross Sport", 2024) and three_rows("Atlas", 2024)
    assert not three_rows("Grand Cherokee", 2021) and three_rows("Grand Cherokee L", 2022)
    assert not three_rows("Tucson", 2024) and three_rows("Qx60", 2019)  # the feed's spelling
    assert model_fuel("Ioniq 9") == "Electric" and model_fuel("Tucson") is None
    assert model_body("Tacoma") == "Truck" and model_body("Carnival") == "Minivan" and model_body("Camry") == "Sedan"
    assert model_body("Santa Fe Hybrid") == "SUV" and model_body("Zephyr") is None


@pytest.mark.parametrize(
    "text",
    [
        "needs a 3rd row",
        "need a third row",
        "3 row suv",
        "three rows please",
        "any 7 seater suvs?",
        "7-seat suv",
        "8 passenger SUV under 40k",
        "seats 8",
        "we need seating for 7",
    ],
)
def test_seat_words_ask_for_a_third_row(text: str) -> None:
    assert "third row seating" in understand(text, CATALOG).slots.features


@pytest.mark.parametrize(
    ("text", "body"),
    [("pickup", "Truck"), ("a pick-up truck", "Truck"), ("crossover", "SUV"), ("minivan", "Minivan")],
)
def test_body_words(text: str, body: str) -> None:
    assert understand(f"do you have a {text}?", CATALOG).slots.body_styles == [body]


@pytest.mark.parametrize(
    ("text", "fuel"),
    [
        ("any EVs?", "Electric"),
        ("something electric", "Electric"),
        ("a hybrid suv", "Hybrid"),
        ("phev", "Plug-In Hybrid"),
    ],
)
def test_fuel_words(text: str, fuel: str) -> None:
    assert understand(text, CATALOG).slots.fuel_types == [fuel]


def test_good_on_gas_is_a_wish_the_agent_can_meet() -> None:
    u = understand("something good on gas", CATALOG)
    assert u.slots.features == ["fuel efficient"]
    hybrid = next(v for v in INVENTORY if v.model == "Tucson Hybrid")
    palisade = next(v for v in INVENTORY if v.model == "Palisade")
    assert differences(hybrid, u.slots) == [] and differences(palisade, u.slots) == ["no good fuel economy listed"]


@pytest.mark.parametrize(
    ("text", "trims"),
    [
        ("a 2023 palisade calligraphy?", ["Calligraphy"]),
        ("palisade calligraphy night edition", ["Calligraphy Night Edition"]),  # the feed's own trim
        ("telluride sx prestige please", ["SX Prestige"]),
        ("is the palisade xrt available", ["XRT"]),
        ("tucson limited or santa fe sel", ["Limited", "SEL"]),
        ("I have a limited budget for a tucson", []),
        ("tucson hybrid", []),
    ],
)
def test_trims_named_after_a_model(text: str, trims: list[str]) -> None:
    assert understand(text, CATALOG).slots.trims == trims


def test_trims_match_word_for_word() -> None:
    assert trim_matches("Calligraphy Night Edition AWD", "Calligraphy")
    assert trim_matches("SE AWD", "SE") and not trim_matches("SEL AWD", "SE")
    assert trim_matches("GT-Line Auto FWD", "GT-Line") and not trim_matches(None, "SE")


@pytest.mark.parametrize(
    ("text", "fix", "makes"),
    [
        ("Do you have a Hyundai Camry?", WrongMake("Hyundai", "Camry", "Toyota"), ["Toyota"]),
        ("kia palisade", WrongMake("Kia", "Palisade", "Hyundai"), ["Hyundai"]),
        ("Ford Silverado", WrongMake("Ford", "Silverado", "Chevrolet"), ["Chevrolet"]),
    ],
)
def test_a_model_named_with_another_make(text: str, fix: WrongMake, makes: list[str]) -> None:
    slots = understand(text, CATALOG).slots
    assert slots.wrong_makes == [fix] and slots.makes == makes


def test_right_makes_and_old_names_are_not_corrected() -> None:
    for text in ("toyota camry", "Dodge Ram 1500", "a hyundai or a toyota camry", "hyundai, camry or civic"):
        assert understand(text, CATALOG).slots.wrong_makes == [], text


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("palisde", "Palisade"),
        ("tellurde", "Telluride"),
        ("grand cherokie", "Grand Cherokee"),
        ("santa fey", "Santa Fe"),
    ],
)
def test_typos_in_models(text: str, model: str) -> None:
    assert understand(f"do you have a {text}", CATALOG).slots.models == [model]


def test_a_new_model_is_not_an_older_one() -> None:
    """ "Ioniq 9" is a model of its own: not a prefix of the Ioniq 5 and 6."""
    slots = understand("Hyundai Ioniq 9?", CATALOG).slots
    assert slots.models == ["Ioniq 9"]
    assert all(differences(v, slots) for v in INVENTORY if v.model.startswith("Ioniq"))


# --- listing text -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("value matchLevel none matchedWords", None),
        ("SE AWD *Ltd Avail*", "SE AWD"),
        ("Limited AWD", "Limited AWD"),
        ("N/A", None),
        ("[object Object]", None),
        ("XLT {{trim_suffix}}", "XLT"),
    ],
)
def test_short_listing_fields_lose_debris(raw: str, clean: str | None) -> None:
    assert clean_listing(raw, short=True) == clean


def test_descriptions_lose_markup_tracking_and_staff_notes() -> None:
    raw = (
        "<p>One owner, <b>clean</b> Carfax.</p><p>Heated seats &amp; remote start.</p>"
        "<script>track()</script>See it at example.com/?utm_source=feed&utm_medium=cpc\n"
        "Dealer notes: needs tires, ACV 12k. Do not disclose."
    )
    assert clean_listing(raw) == "One owner, clean Carfax.\nHeated seats & remote start.\nSee it at example.com/?"
    assert has_debris("INTERNAL USE ONLY: wholesale price 9k") and has_debris("2021 Ford F-150 value matchLevel none")
    assert not has_debris("We do not share your information, and the 2024 Palisade has a third row.")


def test_every_unit_of_the_feed_is_listed_whole_by_the_guardrails() -> None:
    """A list line names the unit by its title: nothing in a trim ("Express" on a Ram, debris) may make the
    guardrails drop it (a dropped line made "Here are 3" show two)."""
    ctx_persona = persona()
    for v in INVENTORY:
        line = f"- {_describe(v, _ctx(ctx_persona))}"
        guarded = enforce(
            line + "\n\nWant to see it?", vehicles=[v], dealership=DEALER, allowed_urls=[], channel="chat"
        )
        assert guarded.violations == [] and line in guarded.text, (line, guarded.violations)
        assert "match" not in line.lower()


def _ctx(p: PersonaView) -> _Ctx:
    return _Ctx(understand("hi"), p, DEALER, [], [], "chat", None, random.Random(0), Tone.friendly)


def test_the_guardrails_drop_debris_whoever_wrote_it() -> None:
    v = make_vehicle()
    text = "The 2024 Hyundai Palisade XRT AWD value matchLevel none matchedWords is here.\n\nWant to see it?"
    guarded = enforce(text, vehicles=[v], dealership=DEALER, allowed_urls=[], channel="chat")
    assert "feed_debris" in guarded.violations and "matchLevel" not in guarded.text


# --- what is presented as a match -----------------------------------------------------------------------------


def test_a_closest_unit_is_never_presented_as_a_match() -> None:
    """The search marks the units it offers when nothing fits every wish (``exact`` False): whatever the brain's
    own check says, they are listed as the closest, never as matches."""
    u = understand("do you have a palisade?", CATALOG)
    near = VehicleView(**{**make_vehicle().__dict__, "exact": False})
    draft = compose_reply(u, persona=persona(), dealership=DEALER, vehicles=[near])
    assert "closest" in draft.text and "in stock." not in draft.text and "Yes" not in draft.text


def test_counts_are_what_is_listed_and_never_more_than_known() -> None:
    palisades = [v for v in INVENTORY if v.model == "Palisade"]
    u = understand("any palisades?", CATALOG)
    two = compose_reply(u, persona=persona(), dealership=DEALER, vehicles=palisades[:2]).text
    assert "2 that" in two and two.count("\n- ") + two.startswith("- ") == 2
    five = compose_reply(u, persona=persona(), dealership=DEALER, vehicles=palisades[:5]).text
    assert "several" in five and "Here are 5" in five and " 5 " not in five


def test_a_feature_the_search_found_in_the_description_is_not_denied() -> None:
    """The search reads the description too; the view does not carry it: a unit the search found for "heated seats"
    is not answered with "we don't have a vehicle with heated seats"."""
    u = understand("any suv with heated seats?", CATALOG)
    bare = make_vehicle(features=())
    found = VehicleView(**{**bare.__dict__, "from_search": True})
    assert differences(found, u.slots) == []
    assert differences(bare, u.slots) == ["no heated seats listed"]
    text = compose_reply(u, persona=persona(), dealership=DEALER, vehicles=[found]).text
    assert "Palisade XRT AWD is in" in text and "don't have" not in text


def test_a_number_after_a_make_is_not_another_makes_model() -> None:
    assert understand("chevy 1500", CATALOG).slots.wrong_makes == []
