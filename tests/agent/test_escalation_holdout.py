"""Precision and recall of the default handover triggers on the blind hold-out set."""

from __future__ import annotations

from showroom.brain.escalation.evaluation import needs_human
from showroom.brain.types import Turn
from tests.agent.escalation_holdout import CASES, POST_FIX_CASES

THRESHOLD = 0.85


def _scores(cases: list[tuple[str, bool, list[tuple[str, str]]]]) -> tuple[float, float, dict[str, int]]:
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for text, expected, history in cases:
        predicted = needs_human(text, tuple(Turn(sender, said) for sender, said in history))
        key = ("t" if predicted == expected else "f") + ("p" if predicted else "n")
        counts[key] += 1
    precision = counts["tp"] / (counts["tp"] + counts["fp"]) if counts["tp"] + counts["fp"] else 0.0
    recall = counts["tp"] / (counts["tp"] + counts["fn"]) if counts["tp"] + counts["fn"] else 0.0
    return precision, recall, counts


def test_holdout_precision_and_recall() -> None:
    cases = CASES + POST_FIX_CASES
    precision, recall, counts = _scores(cases)
    misses = [
        (text, expected)
        for text, expected, history in cases
        if needs_human(text, tuple(Turn(s, t) for s, t in history)) != expected
    ]
    print(f"\nhold-out n={len(cases)} precision={precision:.3f} recall={recall:.3f} {counts}")
    for text, expected in misses:
        print(f"  {'MISS' if expected else 'FALSE ALARM'}: {text}")
    assert precision >= THRESHOLD, misses
    assert recall >= THRESHOLD, misses
