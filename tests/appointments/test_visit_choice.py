"""Which offered visit slot the customer picks (brain.visits.chosen), and the words of an offer and a booking."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from showroom.brain.visits import booked_text, chosen, offer_text, when_words

CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime(2026, 12, 10, 15, 0, tzinfo=CHICAGO)  # a Thursday, 3 pm
SAT_10 = datetime(2026, 12, 12, 10, 0, tzinfo=CHICAGO)
SAT_1130 = datetime(2026, 12, 12, 11, 30, tzinfo=CHICAGO)
TONIGHT_630 = datetime(2026, 12, 10, 18, 30, tzinfo=CHICAGO)
FRI_7 = datetime(2026, 12, 11, 19, 0, tzinfo=CHICAGO)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the first one", SAT_10),
        ("First one please", SAT_10),
        ("1st", SAT_10),
        ("the second one works", SAT_1130),
        ("the later one", SAT_1130),
        ("either is fine", SAT_10),
        ("la segunda", SAT_1130),
        ("el primero por favor", SAT_10),
        ("the 11:30", SAT_1130),
        ("11:30 works", SAT_1130),
        ("sat 10", SAT_10),
        ("saturday at 10am", SAT_10),
        ("10 is good", SAT_10),
        ("el sábado a las 11:30", SAT_1130),
    ],
)
def test_a_pick_among_two_saturday_slots(text: str, expected: datetime) -> None:
    assert chosen(text, [SAT_1130, SAT_10], NOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        "neither works for me",
        "none of those",
        "sunday at 10",  # a day nothing was offered on
        "2pm",  # a time not offered, said exactly
        "is the first one awd?",  # a question about a car, not a pick
        "how much is it",
        "thanks",
        "what about next week",
    ],
)
def test_no_pick(text: str) -> None:
    assert chosen(text, [SAT_10, SAT_1130], NOW) is None


def test_around_takes_the_nearest_offered_time_on_that_day() -> None:
    assert chosen("tonite around 7", [TONIGHT_630, FRI_7], NOW) == TONIGHT_630
    assert chosen("friday around 7", [TONIGHT_630, FRI_7], NOW) == FRI_7
    assert chosen("tonight at 9", [TONIGHT_630, FRI_7], NOW) is None  # said exactly, and not offered


def test_a_day_alone_picks_the_only_slot_offered_that_day() -> None:
    assert chosen("friday works", [TONIGHT_630, FRI_7], NOW) == FRI_7
    assert chosen("saturday works", [SAT_10, SAT_1130], NOW) is None  # two that day: which?


def test_a_time_offered_on_two_days_needs_the_day() -> None:
    sun_10 = datetime(2026, 12, 13, 10, 0, tzinfo=CHICAGO)
    assert chosen("10am", [SAT_10, sun_10], NOW) is None
    assert chosen("sunday 10am", [SAT_10, sun_10], NOW) == sun_10


def test_the_words_in_english_and_spanish() -> None:
    today = date(2026, 12, 10)
    assert when_words(SAT_10, today) == "Saturday, December 12 at 10:00 AM"
    assert when_words(TONIGHT_630, today) == "today at 6:30 PM"
    assert when_words(SAT_10, today, "es") == "el sábado 12 de diciembre a las 10:00"
    assert when_words(datetime(2026, 12, 10, 13, 0, tzinfo=CHICAGO), today, "es") == "hoy a las 13:00"
    offer = offer_text("es", SAT_10, [SAT_1130, FRI_7], today)
    assert offer.startswith("El sábado 12 de diciembre a las 10:00 no está disponible"), offer
    assert " o el viernes 11 de diciembre a las 19:00" in offer
    done = booked_text(
        "es",
        test_drive=True,
        when=when_words(SAT_10, today, "es"),
        dealer="Lake Motors",
        address="1 Lake Rd",
        vehicle="2022 Hyundai Tucson",
        invited=True,
    )
    assert done.startswith("Listo, su prueba de manejo queda el sábado 12 de diciembre a las 10:00 en Lake Motors")
    assert "Tendremos el 2022 Hyundai Tucson listo" in done and "invitación" in done


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have to cancel, sorry", "cancel"),
        ("please cancel my appointment", "cancel"),
        ("can't make it tomorrow", "cancel"),
        ("tengo que cancelar la cita", "cancel"),
        ("can we reschedule?", "move"),
        ("I need another time", "move"),
        ("can I cancel the extended warranty?", None),
        ("I'd like the Santa Fe instead", None),
        ("what time do you open?", None),
    ],
)
def test_a_change_to_a_booked_visit_is_read_from_the_reply(text: str, expected: str | None) -> None:
    from showroom.brain.visits import change_request

    assert change_request(text) == expected
