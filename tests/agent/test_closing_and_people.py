"""Conversation gaps the blind judges found: a customer taking time to decide, a question about performance the
listing does not answer, and a salesperson asked for by name."""

from __future__ import annotations

import pytest

from showroom.brain.compose.reply import compose_reply, search_terms
from showroom.brain.escalation.defaults import default_specs
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.nlu.intents import understand
from showroom.brain.types import DealershipView, Turn
from tests.agent.support import CATALOG, persona, search

SHOWN = [
    Turn("customer", "do you have any palisades?"),
    Turn("ai", "Yes! Here are 3 that match: ... Would you like to come see any of these?"),
]


def _handovers() -> list:  # type: ignore[type-arg]
    return [s for s in default_specs() if s.action == "handover"]


def _reply(text: str, dealership: DealershipView, history: list[Turn] = SHOWN) -> str:
    u = understand(text, CATALOG, history)
    draft = compose_reply(
        u,
        persona=persona("friendly"),
        dealership=dealership,
        vehicles=search(search_terms(u)),
        history=history,
        channel="chat",
    )
    return draft.text


@pytest.mark.parametrize(
    "text", ["ill think about it", "let me talk to my wife first", "gonna sleep on it", "lo voy a pensar"]
)
def test_taking_time_to_decide_gets_no_pitch_and_no_person(text: str, dealership: DealershipView) -> None:
    assert understand(text, CATALOG, SHOWN).primary == "thanks"
    assert evaluate(_handovers(), text, SHOWN, languages=("en", "es")) is None
    if not text.startswith("lo "):
        reply = _reply(text, dealership)
        assert reply.startswith("Of course, take your time."), reply
        assert "$" not in reply and "test drive" not in reply.lower()


@pytest.mark.parametrize("text", ["which is faster", "is the palisade quicker than the telluride", "what engine"])
def test_performance_is_a_fact_the_listing_does_not_carry(text: str) -> None:
    assert "vehicle_facts" in understand(text, CATALOG, SHOWN).intents


@pytest.mark.parametrize(
    "text",
    [
        "is Darnell in today? he sold my mom her car",
        "hi, Angela helped me last time, is she around? looking at the santa fe again",
        "Marco took care of me last year, is he working this weekend",
    ],
)
def test_a_salesperson_asked_for_by_name_is_handed_over(text: str) -> None:
    match = evaluate(_handovers(), text)
    assert match is not None and match.trigger.name == "Customer asks for a person", (text, match)


@pytest.mark.parametrize(
    "text", ["The Tucson helped me a lot on my commute", "Is Saturday there any opening for a test drive?"]
)
def test_a_capitalised_word_is_not_a_salesperson(text: str) -> None:
    match = evaluate(_handovers(), text)
    assert match is None or match.trigger.name != "Customer asks for a person", (text, match)


@pytest.mark.parametrize("text", ["santa fe hybrid have ventilated seats?", "tucson limited come with a sunroof?"])
def test_a_feature_asked_of_a_model_without_does_is_a_question_not_a_filter(
    text: str, dealership: DealershipView
) -> None:
    """Texted without the "does", it is still a question about the model the lot has, never a false "we don't
    have a Santa Fe Hybrid with ventilated seats"."""
    reply = _reply(text, dealership, history=[])  # a first message
    assert "don't have" not in reply and "do not have" not in reply, reply


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("ya te dije que la quiero en rojo, no en gris", "Same question asked again"),
        ("mi esposa tiene mejor crédito, puede ser ella la del préstamo?", "Financing and credit"),
    ],
)
def test_spanish_frustration_and_own_financing_go_to_a_person(text: str, trigger: str) -> None:
    match = evaluate(_handovers(), text, languages=("en", "es"))
    assert match is not None and match.trigger.name == trigger, (text, match)


def test_a_general_financing_question_in_spanish_stays_with_the_ai() -> None:
    assert evaluate(_handovers(), "¿ofrecen préstamos para compradores primerizos?", languages=("en", "es")) is None
