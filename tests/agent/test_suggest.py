"""Suggested replies for a salesperson: up to three, distinct, ranked, first person, within the guardrails."""

from __future__ import annotations

import pytest

from showroom.brain.guardrails import allowed_links, ends_with_next_step, enforce
from showroom.brain.nlu.intents import understand
from showroom.brain.suggest import Suggestion, suggest_replies
from showroom.brain.types import DealershipView, Turn, VehicleView
from showroom.vocabulary import SuggestionType
from tests.agent.support import persona

MESSAGES = [
    "is the palisade still available?",
    "looking for an suv",
    "whats your best price on the palisade",
    "do you do financing? bad credit",
    "what's my 2015 civic worth on trade",
    "can I test drive it saturday",
    "what are your hours",
    "need an oil change",
    "this is ridiculous, nobody called me back",
    "not interested anymore",
    "thanks!",
    "hi",
    "asdf",
]


def suggest(
    text: str, vehicles: list[VehicleView], dealership: DealershipView, history: list[Turn] | None = None
) -> list[Suggestion]:
    return suggest_replies(
        understand(text),
        persona=persona(),
        dealership=dealership,
        vehicles=vehicles,
        history=history or [],
        customer_first_name="maria",
    )


@pytest.mark.parametrize("text", MESSAGES)
def test_suggestions_are_few_distinct_ranked_and_within_the_guardrails(
    text: str, palisade: VehicleView, dealership: DealershipView
) -> None:
    found = suggest(text, [palisade], dealership)
    assert 1 <= len(found) <= 3
    assert [s.rank for s in found] == list(range(1, len(found) + 1))
    assert len({s.content for s in found}) == len(found)
    urls = allowed_links(persona().arguments, dealership)
    for s in found:
        assert isinstance(s.type, SuggestionType)
        guarded = enforce(s.content, vehicles=[palisade], dealership=dealership, allowed_urls=urls, channel="chat")
        assert not guarded.changed, (s.content, guarded.violations)
        assert ends_with_next_step(s.content)


def test_an_upset_customer_gets_an_apology_and_a_call_offer_first(dealership: DealershipView) -> None:
    found = suggest("this is ridiculous, nobody called me back", [], dealership)
    assert found[0].type == "objection_handling"
    assert "sorry" in found[0].content
    assert any("call" in s.content for s in found[:2])


@pytest.mark.parametrize("text", ["I want to talk to a manager", "can I speak with a real person please"])
def test_asking_for_a_person_is_not_answered_with_an_apology(text: str, dealership: DealershipView) -> None:
    """Issue 21: after "I want to talk to a manager" the first suggestion was an apology for a complaint she never
    made. A request for a person gets a person, and a call offered."""
    found = suggest(text, [], dealership)
    assert "sorry" not in found[0].content.lower(), found[0].content
    assert "person" in found[0].content
    assert any("call" in s.content for s in found[:2])


def test_a_price_question_suggests_the_listed_price_and_out_the_door_numbers(
    palisade: VehicleView, dealership: DealershipView
) -> None:
    first = suggest("how much is the palisade?", [palisade], dealership)[0]
    assert first.type == "pricing"
    assert "$44,028" in first.content
    assert "out-the-door" in first.content


def test_suggestions_are_written_in_the_first_person_and_greet_the_customer(
    palisade: VehicleView, dealership: DealershipView
) -> None:
    found = suggest("is the palisade still available?", [palisade], dealership)
    assert found[0].content.startswith("Hi Maria, ")
    assert any(" I" in s.content or "I'm" in s.content or "I'd" in s.content for s in found)


def test_the_finance_application_link_is_offered(dealership: DealershipView) -> None:
    first = suggest("do you do financing?", [], dealership)[0]
    assert "https://worldhyundaimatteson.com/finance/apply" in first.content


def test_nothing_is_suggested_after_an_opt_out(dealership: DealershipView) -> None:
    assert suggest("STOP", [], dealership) == []


def test_what_was_just_sent_is_not_suggested_again(palisade: VehicleView, dealership: DealershipView) -> None:
    first = suggest("hi", [], dealership)[0]
    again = suggest("hi", [], dealership, history=[Turn("agent", first.content)])
    assert first.content not in [s.content for s in again]
