"""A learned second opinion on "does a person need to answer this?", for what the phrase tables do not list.

The phrase tables (``patterns``, ``phrases``, ``detectors``) name each reason and are precise, but customers say the
same thing in more ways than any list holds. This model reads a message the way the labelled examples taught it:
TF-IDF over words (1-2) and characters (2-4, which carry typos, Spanish and inflections) into a logistic regression
(scikit-learn), fitted once per process on ``examples/messages.jsonl``.

The examples, each labelled with whether a person must answer it and why (complaint, negotiation, appointment
time... or availability, features, small talk...):

* ``messages.jsonl``: 829 first customer messages written for the evaluation sets a-d by helpers who had not read
  this code (``eval/sets/*/README.md`` give their provenance and labelling rules). Sets a-d are therefore training
  data now: figures on them are not a measure of this model; blind sets written later are.
* ``team.jsonl``: 85 written by the team, mostly messages that look like a handover and are not (a visit without
  a time, a lawyer friend's referral, a correction, contact details given mid-conversation, general financing
  questions), which the first set has few of.

It is used by the custom detector "learned" (``detectors``), behind the default trigger "Reads like a message for a
person", which runs after every named trigger: it only catches what they missed. A message is handed over when the
model gives it a probability of at least ``THRESHOLD``; the reason staff read names the closest labelled example's
reason, so the dossier still says what kind of message it is.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

# Chosen on the development set f (eval/sets/f), never on a set that is reported.
THRESHOLD = 0.75
EXAMPLE_FILES = ("messages.jsonl", "team.jsonl")
# It learnt from first messages; later in a conversation, a short one ("and the lowest miles?", "never mind, I
# bought elsewhere") means what the conversation makes it mean, so it is left to the named triggers.
MIN_WORDS_IN_CONVERSATION = 6
VISIT = "a visit at a set time"
_REASON_WORDS = {
    "complaint": "a complaint",
    "existing_customer_issue": "an existing customer's problem",
    "legal_threat": "a legal threat",
    "ready_to_buy": "ready to buy",
    "negotiation": "a negotiation",
    "human_request": "asking for a person",
    "appointment_time": VISIT,
    "frustration": "frustration",
    "financing_details": "their own financing",
    "trade_in_firm": "a firm trade-in number",
    "other_handover": "something staff handle",
}


@dataclass(frozen=True)
class Opinion:
    probability: float  # that a person must answer
    reason: str  # the closest handover example's reason, in words ("a complaint")


@dataclass(frozen=True)
class _Model:
    features: FeatureUnion
    classifier: LogisticRegression
    handover_rows: Any  # the handover examples' feature vectors (sparse), for the closest one's reason
    handover_reasons: tuple[str, ...]


def examples() -> list[dict[str, Any]]:
    folder = resources.files("showroom.brain.escalation").joinpath("examples")
    rows = []
    for name in EXAMPLE_FILES:
        text = folder.joinpath(name).read_text("utf-8")
        rows += [json.loads(line) for line in text.splitlines() if line.strip()]
    return rows


_FITTING = threading.Lock()  # web and job worker warm it at once in one process


def _model() -> _Model:
    with _FITTING:
        return _fitted()


@lru_cache(maxsize=1)
def _fitted() -> _Model:
    rows = examples()
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2)),
        ]
    )
    matrix = features.fit_transform([row["text"] for row in rows])
    labels = np.array([bool(row["handover"]) for row in rows])
    classifier = LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000)
    classifier.fit(matrix, labels)
    handover = np.flatnonzero(labels)
    return _Model(features, classifier, matrix[handover], tuple(rows[i]["reason"] for i in handover))


def warm() -> None:
    """Fit the model now (one to a few seconds of CPU) rather than on the first message a process reads: the
    web app's start and the job worker's call it in a thread, so no request waits for it on the event loop."""
    _model()


def opinion(text: str) -> Opinion:
    model = _model()
    row = model.features.transform([text])
    probability = float(model.classifier.predict_proba(row)[0, 1])
    similarity = (model.handover_rows @ row.T).toarray().ravel()
    reason = model.handover_reasons[int(similarity.argmax())]
    return Opinion(probability, _REASON_WORDS.get(reason, "something staff handle"))
