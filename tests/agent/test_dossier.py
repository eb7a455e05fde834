"""The narrative of a handover dossier."""

from __future__ import annotations

from showroom.brain.dossier import INTENT_LABELS, summarize
from showroom.brain.insights import Insight, extract_insights
from showroom.brain.nlu.intents import understand
from showroom.brain.types import Turn

CONVERSATION = [
    Turn("customer", "hi do u have any palisades? need awd"),
    Turn("ai", "Yes! We have two."),
    Turn("customer", "whats ur best price on the xrt?? i have a 2015 civic w 98k to trade"),
]


def _insights(history: list[Turn]) -> list[Insight]:
    return [i for t in history if t.sender == "customer" for i in extract_insights(t.text)]


def test_the_dossier_has_every_section() -> None:
    dossier = summarize(CONVERSATION, _insights(CONVERSATION), None)
    assert set(dossier) == {
        "summary",
        "intent",
        "intent_code",
        "suggested_approach",
        "questions_to_ask",
        "communication_style",
    }
    assert all(dossier[key] for key in dossier)


def test_the_summary_tells_the_story_from_the_insights() -> None:
    summary = summarize(CONVERSATION, _insights(CONVERSATION), None)["summary"]
    assert "2 messages" in summary
    assert "1 automated reply" in summary
    assert "Palisade" in summary
    assert "2015 Honda Civic, 98,000 miles" in summary
    assert "best price on the xrt" in summary


def test_the_intent_and_approach_follow_the_last_message() -> None:
    dossier = summarize(CONVERSATION, _insights(CONVERSATION), None)
    assert dossier["intent_code"] == "price"
    assert dossier["intent"] == INTENT_LABELS["price"]
    assert "out-the-door" in dossier["suggested_approach"]


def test_an_unhappy_customer_gets_an_apology_first_approach() -> None:
    history = [Turn("customer", "this is ridiculous, nobody called me back and I drove an hour")]
    u = understand(history[0].text)
    dossier = summarize(history, extract_insights(history[0].text, u), u)
    assert dossier["suggested_approach"].startswith("Acknowledge the frustration")


def test_questions_to_ask_cover_what_is_still_unknown() -> None:
    questions = summarize(CONVERSATION, _insights(CONVERSATION), None)["questions_to_ask"]
    assert 1 <= len(questions) <= 4
    assert any("price range" in q for q in questions)
    assert not any("Which vehicle" in q for q in questions)
    assert not any("trade" in q for q in questions)


def test_communication_style_reflects_how_they_write() -> None:
    casual = summarize(CONVERSATION, [], None)["communication_style"]
    assert "informal" in casual
    assert "briefly" in casual
    formal = summarize(
        [Turn("customer", "Dear team, I would like to know whether the Palisade is available.")], [], None
    )
    assert "formal" in formal["communication_style"]


def test_an_empty_history_still_yields_a_dossier() -> None:
    dossier = summarize([], [], None)
    assert dossier["intent_code"] == "other"
    assert "0 messages" in dossier["summary"]


def test_the_dossier_is_deterministic() -> None:
    assert summarize(CONVERSATION, _insights(CONVERSATION), None) == summarize(
        CONVERSATION, _insights(CONVERSATION), None
    )
