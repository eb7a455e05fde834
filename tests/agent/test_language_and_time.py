"""Which language a customer writes in, the specific time they propose (found, then resolved in a time zone), and
misspelled key words put right."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from showroom.brain.nlu.language import detect_language, language_name
from showroom.brain.nlu.spelling import correct
from showroom.brain.nlu.when import TimeRequest, describe, find_time_request, resolve

CHICAGO = "America/Chicago"
WEDNESDAY_AFTERNOON = datetime(2026, 12, 9, 20, 5, tzinfo=UTC)  # 14:05 in Chicago
SATURDAY_MORNING = datetime(2026, 12, 12, 15, 0, tzinfo=UTC)  # 09:00 in Chicago


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "transfer me to sales",
        "whats the range on the ioniq 6",
        "is the sonata n line a manual",
        "I want the red santa cruz. how soon can i pick it up",
        "hey is the Sonata SE still available? gracias",
        "ok cool, adios",
        "Santa Fe or Tucson?",
        "Sonata SE",
        "auto loan rates?",
        "I live in El Paso, do you deliver?",
        "I'm at the café across the street",
        "lol nice",
        "10am",
        "👍",
    ],
)
def test_sms_english_with_spanish_looking_words_is_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("hola", "es"),
        ("gracias!", "es"),
        ("Voy a poner una demanda si no me devuelven mi enganche", "es"),
        ("tienen la tucson gris?", "es"),
        ("precio de la santa fe", "es"),
        ("Hi, tienen la tucson en blanco?", "es"),
        ("pésimo servicio, nadie me contesta", "es"),
        ("olá, quanto custa o tucson?", "pt"),
        ("Bom dia, vocês aceitam carro na troca?", "pt"),
        ("Bonjour, la voiture est-elle toujours disponible ?", "fr"),
        ("Guten Tag, ist der Wagen noch verfügbar?", "de"),
        ("salve, la macchina è ancora disponibile?", "it"),
        ("magkano po yung tucson", "tl"),
        ("Chào anh, xe này còn không ạ?", "vi"),
        ("你们周六开门吗", "zh"),
        ("こんにちは、ツーソンはありますか", "ja"),
        ("안녕하세요 투싼 재고 있나요?", "ko"),
        ("Здравствуйте, машина ещё продаётся?", "ru"),
        ("مرحبا هل السيارة متوفرة", "ar"),
    ],
)
def test_other_languages_are_named(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_a_message_that_says_nothing_takes_the_language_of_the_customer_s_last_that_did() -> None:
    assert detect_language("10am", ["hola", "puedo ir el sábado?"]) == "es"
    assert detect_language("ok", ["hi is the tucson available", "👍"]) == "en"
    assert detect_language("gracias", ["hi is the tucson available"]) == "es"  # this one says enough


def test_language_names() -> None:
    assert language_name("es") == "Spanish"
    assert language_name("xx") == "xx"


@pytest.mark.parametrize(
    ("text", "words", "plain"),
    [
        ("i can be there tonite around 7 is that ok?", "tonite around 7", "today 19:00"),
        ("can i test drive the kona monday 9am", "monday 9am", "monday 09:00"),
        ("I'll stop by Saturday at 10 to see the Palisade", "Saturday at 10", "saturday 10:00"),
        ("can I come by tomorrow at 4:30", "tomorrow at 4:30", "tomorrow 16:30"),
        ("ill swing by after work around 6 tmrw", "around 6 tmrw", "tomorrow 18:00"),
        ("can we do friday around noon?", "friday around noon", "friday 12:00"),
        ("how about dec 12 at 4pm", "dec 12 at 4pm", "dec 12 16:00"),
        ("next tuesday 4:30pm?", "next tuesday 4:30pm", "next tuesday 16:30"),
        ("puedo ir el sábado a las 10?", "el sábado a las 10", "saturday 10:00"),
        ("be there at 3", "at 3", "today 15:00"),
    ],
)
def test_a_specific_time_is_found_with_its_words(text: str, words: str, plain: str) -> None:
    found = find_time_request(text)
    assert found is not None
    assert (found.words, found.plain()) == (words, plain)


@pytest.mark.parametrize(
    "text",
    [
        "I might come in saturday",
        "can I see it saturday morning?",
        "do you have a 2020 camry at 25k",
        "the 2024 ioniq 5 at 39,999",
        "72 month loan at 5.9%",
        "still no title for the car i bought 45 days ago",
        "waited 2 hours in your showroom",
        "$500 over invoice on a 2025 Santa Fe",
        "i have 2 kids and a 7 seater",
    ],
)
def test_a_day_alone_or_a_number_is_not_a_time(text: str) -> None:
    assert find_time_request(text) is None


def test_times_resolve_in_the_dealership_s_time_zone() -> None:
    def when(text: str, now: datetime) -> str:
        found = find_time_request(text)
        assert found is not None
        moment = resolve(found, now, CHICAGO)
        assert moment is not None
        return describe(moment, CHICAGO)

    assert when("tonite around 7", WEDNESDAY_AFTERNOON) == "Wednesday 2026-12-09 19:00 America/Chicago"
    assert when("saturday at 10", WEDNESDAY_AFTERNOON) == "Saturday 2026-12-12 10:00 America/Chicago"
    assert when("monday 9am", WEDNESDAY_AFTERNOON) == "Monday 2026-12-14 09:00 America/Chicago"
    assert when("at 11", WEDNESDAY_AFTERNOON) == "Thursday 2026-12-10 11:00 America/Chicago"  # passed: tomorrow
    assert when("wed at 10am", WEDNESDAY_AFTERNOON) == "Wednesday 2026-12-16 10:00 America/Chicago"  # passed
    assert when("saturday at 10", SATURDAY_MORNING) == "Saturday 2026-12-12 10:00 America/Chicago"  # still ahead
    assert when("next saturday 10am", SATURDAY_MORNING) == "Saturday 2026-12-19 10:00 America/Chicago"
    assert when("12/24 at 2pm", WEDNESDAY_AFTERNOON) == "Thursday 2026-12-24 14:00 America/Chicago"  # dateparser
    assert when("15 de diciembre a las 5", WEDNESDAY_AFTERNOON) == "Tuesday 2026-12-15 17:00 America/Chicago"


def test_an_unknown_time_zone_or_date_resolves_to_nothing() -> None:
    request = TimeRequest(words="at 7", day=None, hour=19)
    assert resolve(request, WEDNESDAY_AFTERNOON, "Mars/Olympus") is None
    assert resolve(TimeRequest(words="x", day="32/45", hour=10), WEDNESDAY_AFTERNOON, CHICAGO) is None


@pytest.mark.parametrize(
    ("text", "corrected"),
    [
        ("can i speak to the manger", "can i speak to the manager"),
        ("my tittle hasnt come", "my title hasnt come"),
        ("registation still not done", "registration still not done"),
        ("my attorny will call", "my attorney will call"),
        ("the places you listed", "the places you listed"),  # a real word stays
        ("a clear coat layer", "a clear coat layer"),
        ("little things", "little things"),
    ],
)
def test_misspelled_key_words_are_put_right_and_real_words_left_alone(text: str, corrected: str) -> None:
    assert correct(text) == corrected


def test_a_count_of_cars_is_no_time() -> None:
    """ "show me like 5 under 17k" asks for five cars, not a visit around 5 PM (a handover with a time invented)."""
    from showroom.brain.nlu.intents import understand

    assert understand("show me like 5 under 17k").time_request is None
    assert understand("send me like 3 options").time_request is None
    assert understand("i can be there like 5").time_request is not None
