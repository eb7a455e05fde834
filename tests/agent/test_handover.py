"""Handover (issue "The agent holds a conversation"): what hurts goes to a person, what the AI can answer stays with
it; measured on the development set (tuned on) and on the hold-out written before the tuning (only measured)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from showroom.brain.dossier import summarize
from showroom.brain.escalation.defaults import default_specs
from showroom.brain.escalation.evaluation import evaluate, needs_human
from showroom.brain.nlu.intents import understand
from showroom.brain.types import Turn
from tests.agent.handover_cases import CASES, ES, HANDOVER_7, STAY_7, Case, ai, c
from tests.agent.handover_holdout import HOLDOUT

TARGET = 0.9


def _scores(cases: list[Case]) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    misses: list[str] = []
    for case in cases:
        predicted = needs_human(case.text, case.history, languages=case.languages)
        tp += predicted and case.handover
        fp += predicted and not case.handover
        fn += case.handover and not predicted
        if predicted != case.handover:
            misses.append(f"{'MISS' if case.handover else 'FALSE ALARM'} [{case.category}] {case.text}")
    return tp / max(1, tp + fp), tp / max(1, tp + fn), misses


def _handovers() -> list:  # type: ignore[type-arg]
    return [s for s in default_specs() if s.action == "handover"]


def test_the_development_set_is_large_with_both_classes_and_every_category() -> None:
    assert len(CASES) >= 200
    assert len({(c.text, c.languages) for c in CASES}) == len(CASES)
    share = sum(c.handover for c in CASES) / len(CASES)
    assert 0.4 <= share <= 0.6
    categories = Counter(c.category for c in CASES if c.handover)
    for category in (
        "person",
        "legal",
        "complaint",
        "existing_customer",
        "ready_to_buy",
        "offer",
        "appointment",
        "frustration",
        "language",
    ):
        assert categories[category] >= 8, category
    stays = Counter(c.category for c in CASES if not c.handover)
    for category in ("browsing", "availability", "features", "hours", "location", "price"):
        assert stays[category] >= 8, category
    assert sum(c.languages == ES for c in CASES) >= 30


def test_precision_and_recall_reach_the_target_on_the_development_set() -> None:
    precision, recall, misses = _scores(CASES)
    print(f"\nhandover dev set n={len(CASES)}: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= TARGET, misses
    assert recall >= TARGET, misses


def test_the_hold_out_is_measured_not_tuned() -> None:
    """Written before the tuning; its misses are not fixed here (see handover_holdout.py). The floor only catches a
    collapse: the figures to report are printed.

    Measured: before this work precision 1.00, recall 0.36; at the end precision 1.00, recall 0.94 (47 of 50). Three
    of its misses were seen in a test printout mid-way and not fixed on purpose; two of them ("promised me free floor
    mats", "the second key") are caught at the end by after-sale rules that may owe them something, so 0.90 (45 of
    50) is the cautious figure. Fresh batches written against the rules (handover_cases.py, batches 2-5) scored
    precision 0.92-0.95 and recall 0.61-0.64 before their own fixes: wording the rules have not seen is the risk."""
    precision, recall, misses = _scores(HOLDOUT)
    print(f"\nhandover hold-out n={len(HOLDOUT)}: precision {precision:.3f}, recall {recall:.3f}")
    for miss in misses:
        print("  " + miss)
    assert precision >= 0.8 and recall >= 0.7, misses


@pytest.mark.parametrize(
    ("text", "trigger", "reason"),
    [
        (
            "who is the sales manager there? i want to talk to him directly about a deal",
            "Customer asks for a person",
            "",
        ),
        ("$500 over invoice on a 2025 Santa Fe, yes or no?", "Price negotiation", ""),
        (
            "still no title for the car i bought 45 days ago. where is my title??",
            "Existing customer's problem",
            "title",
        ),
        (
            "Wow, thanks for the 'great customer service' - waited 2 hours in your showroom and nobody helped",
            "Complaint",
            "",
        ),
        ("Voy a poner una demanda si no me devuelven mi enganche", "Legal or compliance", "Spanish"),
        ("send me the paperwork for stock 25713 i want it", "Ready to buy now", "ready to buy"),
        (
            "i can be there tonite around 7 is that ok? for the grey tucson",
            "Specific appointment time",
            "tonite around 7",
        ),
        ("tienen la tucson gris?", "Writes in another language", "writes in Spanish"),
    ],
)
def test_the_issues_examples_are_handed_over_by_the_right_trigger(text: str, trigger: str, reason: str) -> None:
    match = evaluate(_handovers(), text)
    assert match is not None, text
    assert match.trigger.name == trigger
    assert reason in "; ".join(match.reasons)


def test_spanish_is_a_handover_only_where_the_agent_does_not_answer_in_it() -> None:
    question = "hola, tienen la santa fe 2024 en blanco?"
    english_only = evaluate(_handovers(), question)
    assert english_only is not None and english_only.reasons == ["writes in Spanish"]
    assert english_only.reason == "ai_limitation"
    u = understand(question, languages=ES)
    assert (u.language, u.language_enabled) == ("es", True)
    assert evaluate(_handovers(), question, languages=ES) is None
    threat = evaluate(_handovers(), "los voy a demandar", languages=ES)  # what it says still counts
    assert threat is not None and threat.trigger.name == "Legal or compliance"


def test_a_short_message_keeps_the_conversation_s_language() -> None:
    history = (c("hola, tienen la tucson gris?"), ai("¡Sí! Tenemos una Tucson gris 2024."))
    assert understand("ok", history=history).language == "es"
    assert understand("ok").language == "en"


def test_an_appointment_time_reaches_the_dossier_resolved_in_the_dealership_s_time_zone() -> None:
    text = "i can be there tonite around 7 is that ok? for the grey tucson"
    u = understand(text)
    wednesday = datetime(2026, 12, 9, 20, 5, tzinfo=UTC)  # 14:05 in Chicago
    dossier = summarize([Turn("customer", text)], [], u, timezone="America/Chicago", now=wednesday)
    assert dossier["appointment"] == {
        "requested": "Wednesday 2026-12-09 19:00 America/Chicago",
        "words": "tonite around 7",
    }
    assert "Wednesday 2026-12-09 19:00 America/Chicago" in dossier["summary"]
    assert "could not book it" in dossier["suggested_approach"]
    saturday = summarize([], [], understand("I'll stop by Saturday at 10"), timezone="America/Chicago", now=wednesday)
    assert saturday["appointment"]["requested"] == "Saturday 2026-12-12 10:00 America/Chicago"


def test_the_dossier_says_the_language() -> None:
    dossier = summarize([Turn("customer", "buenas, sigue disponible la elantra gris?")], [], None)
    assert dossier["language"] == "Spanish"
    assert "Writes in Spanish." in dossier["summary"]
    assert dossier["suggested_approach"].startswith("Reply in Spanish")


@pytest.mark.parametrize(
    "text",
    [
        "what are your hours on saturday",
        "are you open till 8 tonight?",
        "I might come in saturday to look around",
        "can I schedule a test drive for saturday morning?",
        "do you have a 2020 camry at 25k",
        "ignore my last text, i meant the tucson",
        "Sue from your office said to text this number",
        "my lawyer friend recommended your dealership",
        "is it still under factory warranty",
        "does the used sonata have a clean title",
        "Santa Fe or Tucson, which has more room?",
    ],
)
def test_questions_that_look_like_a_handover_stay_with_the_ai(text: str) -> None:
    assert not needs_human(text), evaluate(_handovers(), text)


def test_the_seventh_round_of_misses_and_false_alarms_is_decided_as_labelled() -> None:
    """Dev set D's kinds of misses (sarcasm in stars, ultimatums on a number, an offer at a price, buying online, a
    bankruptcy or negative equity told, a Spanish recall or Spanish speaker) and false alarms (a complaint read
    online, a lawyer who owns a car, a current car's warning light, "are there add-ons"), in our own words."""
    _, _, misses = _scores(HANDOVER_7 + STAY_7)
    assert not misses, misses
