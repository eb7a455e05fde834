"""The learned detector (brain.escalation.learned): a second opinion, after every named trigger, on messages a
person must answer in words the phrase tables do not list, and restraint where it would be guessing."""

from __future__ import annotations

from showroom.brain.escalation import learned
from showroom.brain.escalation.defaults import default_specs
from showroom.brain.escalation.evaluation import evaluate
from showroom.brain.types import Turn

LEARNED = "Reads like a message for a person"


def _handovers() -> list:  # type: ignore[type-arg]
    return [s for s in default_specs() if s.action == "handover"]


def test_it_catches_an_owner_s_problem_no_phrase_names() -> None:
    text = "picked up my sonata last week and the bluetooth keeps dropping calls"
    match = evaluate(_handovers(), text)
    assert match is not None and match.trigger.name == LEARNED
    assert match.reasons[0].startswith("reads like an existing customer's problem (")


def test_named_triggers_come_first() -> None:
    match = evaluate(_handovers(), "I want to speak to a manager about my deal")
    assert match is not None and match.trigger.name == "Customer asks for a person"


def test_a_sales_question_stays_with_the_ai() -> None:
    for text in ("do you have any white tucsons under 30k", "what colors does the 2024 santa fe come in"):
        assert learned.opinion(text).probability < learned.THRESHOLD, text
        assert evaluate(_handovers(), text) is None, text


def test_a_short_follow_up_is_read_with_its_conversation_not_by_the_model() -> None:
    """Alone, "already bought from another dealer" reads like an owner's problem to the model; after a question
    about the stock it is a goodbye."""
    text = "already bought from another dealer"
    assert learned.opinion(text).probability >= learned.THRESHOLD  # what the model would say
    history = (Turn("customer", "any used tucsons?"), Turn("ai", "Yes! Here are 3 that match: ..."))
    match = evaluate(_handovers(), text, history)
    assert match is None or match.trigger.name != LEARNED


def test_a_visit_is_left_to_the_appointment_detector() -> None:
    """The model finds a day without a time like the visits staff book; only a time makes it a handover (the
    appointment detector's), and the agent asks for one."""
    text = "me and my wife will come saturday to see the palisade"
    seen = learned.opinion(text)
    assert seen.probability >= learned.THRESHOLD and seen.reason == learned.VISIT  # what the model would say
    match = evaluate(_handovers(), text)
    assert match is None or match.trigger.name != LEARNED


def test_the_model_is_fitted_once_from_the_packaged_examples() -> None:
    rows = learned.examples()
    assert len(rows) >= 900 and {True, False} == {row["handover"] for row in rows}
    first = learned.opinion("the paint on my new car is peeling already")
    assert learned.opinion("the paint on my new car is peeling already") == first


def test_the_fast_scoring_is_sklearn_s_own_arithmetic() -> None:
    """``probability`` reads the fitted model without sklearn's matrices; it must give what sklearn gives."""
    model = learned._model()
    texts = [row["text"] for row in learned.examples()[::7]] + ["", "ok", "¿¿??", "AAAAAAAA", "🙄🙄"]
    expected = model.classifier.predict_proba(model.features.transform(texts))[:, 1]
    for text, want in zip(texts, expected, strict=True):
        assert abs(learned.probability(text) - float(want)) < 1e-9, text
