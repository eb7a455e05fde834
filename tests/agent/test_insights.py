"""Rule-based customer insights from one message."""

from __future__ import annotations

import pytest

from showroom.brain.insights import Insight, extract_insights
from showroom.brain.nlu.intents import understand
from showroom.vocabulary import InsightType


def values(text: str, kind: str) -> list[str]:
    return [i.value for i in extract_insights(text) if i.type == kind]


def test_a_rich_message_yields_budget_timeline_trade_preferences_and_contact() -> None:
    text = (
        "I have a 2015 Honda Civic with 98k miles to trade. Looking for a used awd suv under 30k this weekend. "
        "text me after 5"
    )
    found = extract_insights(text)
    kinds = {i.type for i in found}
    assert {"budget", "timeline", "trade_in", "vehicle_preference", "contact_preference"} <= kinds
    assert values(text, "budget") == ["up to $30,000"]
    assert values(text, "timeline") == ["this weekend"]
    assert values(text, "trade_in") == ["2015 Honda Civic, 98,000 miles"]
    assert "drivetrain: AWD" in values(text, "vehicle_preference")
    assert values(text, "contact_preference") == ["text", "best time: after 5"]


def test_every_insight_has_a_known_type_a_value_and_a_confidence_between_0_and_1() -> None:
    for text in ("hi", "bad credit, 400 a month, 2k down", "I want the white palisade today!", "this is terrible"):
        for insight in extract_insights(text):
            assert isinstance(insight.type, InsightType)
            assert insight.value
            assert 0 <= insight.confidence <= 1


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("between 20 and 30k", ["$20,000 to $30,000"]),
        ("at least 25k", ["at least $25,000"]),
        ("around 400 a month", ["about $400 a month"]),
    ],
)
def test_budgets_are_written_for_staff(text: str, budget: list[str]) -> None:
    assert values(text, "budget") == budget


def test_financing_signals() -> None:
    assert values("bad credit, can I do 2k down?", "financing") == ["credit concerns", "$2,000 down payment available"]
    assert values("I'll be paying cash", "financing") == ["paying cash"]
    assert values("what are your lease specials", "financing") == ["interested in leasing"]
    assert values("do you offer financing?", "financing") == ["interested in financing"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I want to buy the white palisade today!", "high: ready to buy"),
        ("can I test drive the kona?", "high: wants a test drive"),
        ("just browsing for now", "low: just browsing"),
        ("not interested anymore", "low: not interested right now"),
        ("how much is the santa fe?", "medium: asking about price"),
    ],
)
def test_buying_intent_levels(text: str, intent: str) -> None:
    assert values(text, "buying_intent") == [intent]


def test_urgency_follows_the_timeline_and_buying_signals() -> None:
    assert values("I need a car today, ready to buy", "urgency") == ["high: wants to buy now"]
    assert values("maybe next month", "urgency") == ["low: 1-3 months"]
    assert values("what colours does it come in", "urgency") == []


def test_sentiment_is_reported_only_when_clear() -> None:
    assert values("this has been a terrible experience", "sentiment") == ["negative"]
    assert values("awesome, thank you so much!", "sentiment") == ["positive"]
    assert values("do you have the tucson in blue?", "sentiment") == []
    assert values("I have bad credit", "sentiment") == []


def test_contact_preferences_respect_negation() -> None:
    assert values("don't call me, email only", "contact_preference") == ["no phone calls", "email"]
    assert values("please call me tomorrow morning", "contact_preference") == ["phone", "best time: morning"]


def test_insights_use_a_given_understanding_and_never_repeat() -> None:
    text = "blue blue palisade, the blue one"
    found = extract_insights(text, understand(text))
    assert len(found) == len({(i.type, i.value) for i in found})
    assert Insight("vehicle_preference", "colour: Blue", 0.8) in found
