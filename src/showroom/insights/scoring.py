"""Lead scores people can read: each point comes with the reason it was given or taken (pure: no database).

A score is 0-100. What a message says raises it (buyer signals, specific questions, urgency, warmth); small talk never
lowers it; negative signals do (an opt-out, not interested, a complaint, "just browsing"); a lead that goes quiet
loses a share of its score each day (``decayed``). Every weight has a default and a dealership may override any of
them (``dealerships.settings["score_weights"]``, validated by ``weights``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from showroom.brain.nlu.understanding import Understanding

MODEL_VERSION = "rules-2"
BASE = 10
DEFAULT_WEIGHTS: dict[str, int] = {
    "test_drive": 25,
    "price": 15,
    "availability": 15,
    "financing": 15,
    "trade_in": 12,
    "lease": 12,
    "inventory_search": 8,
    "hours_location": 8,
    "vehicle_facts": 6,
    "human_request": 5,
    "specific_detail": 5,  # each of: make, model, budget, trade-in, stock number, VIN
    "urgent_timeline": 20,  # today, asap
    "soon_timeline": 15,  # this week(end)
    "month_timeline": 10,  # within 30 days, next month
    "warm_tone": 5,  # at the most positive sentiment
    "opt_out": -100,
    "not_interested": -40,
    "complaint": -20,
    "just_browsing": -15,
    "quiet_decay_percent": 10,  # lost per quiet day, after the grace days
    "quiet_grace_days": 3,
    "hot_threshold": 70,  # the "hot leads" view and filter
}
LABELS = {
    "test_drive": "Asked for a test drive",
    "price": "Asked about price",
    "availability": "Asked if a vehicle is available",
    "financing": "Asked about financing",
    "trade_in": "Mentioned a trade-in",
    "lease": "Asked about leasing",
    "inventory_search": "Searched the inventory",
    "hours_location": "Asked about hours or location",
    "vehicle_facts": "Asked about a vehicle's features",
    "human_request": "Asked for a person",
    "specific_detail": "Specific details given",
    "urgent_timeline": "Wants to buy now",
    "soon_timeline": "Wants to buy this week",
    "month_timeline": "Wants to buy within a month",
    "warm_tone": "Warm tone",
    "opt_out": "Opted out",
    "not_interested": "Said not interested",
    "complaint": "Complained",
    "just_browsing": "Just browsing",
    "quiet": "Quiet",
}
INTENTS = ("test_drive", "price", "availability", "financing", "trade_in", "lease", "inventory_search",
           "hours_location", "vehicle_facts", "human_request")  # fmt: skip
TIMELINES = (
    ("today", "urgent_timeline"),
    ("asap", "urgent_timeline"),
    ("this week", "soon_timeline"),
    ("this weekend", "soon_timeline"),
    ("within 30 days", "month_timeline"),
    ("next month", "month_timeline"),
)
COMPLAINT = re.compile(
    r"\b(complain\w*|unacceptable|ripp?ed off|rude|terrible service|worst (service|dealer\w*)|scam\w*|"
    r"never (again|coming back)|waste of (my )?time)\b",
    re.IGNORECASE,
)
WEIGHT_RANGES: dict[str, tuple[int, int]] = {
    **{k: (-100, 100) for k in DEFAULT_WEIGHTS},
    "quiet_decay_percent": (0, 100),
    "quiet_grace_days": (0, 365),
    "hot_threshold": (1, 100),
}


class BadWeights(ValueError):
    """A dealership's weights that cannot be used; ``field`` says which."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def weights(overrides: Mapping[str, Any] | None) -> dict[str, int]:
    """The defaults with a dealership's overrides; an unknown name or an out-of-range value is a BadWeights."""
    merged = dict(DEFAULT_WEIGHTS)
    for name, value in (overrides or {}).items():
        if name not in DEFAULT_WEIGHTS:
            raise BadWeights(f"unknown score weight {name!r}; known: {', '.join(DEFAULT_WEIGHTS)}", name)
        low, high = WEIGHT_RANGES[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise BadWeights(f"score weight {name} must be a whole number from {low} to {high}", name)
        merged[name] = value
    return merged


@dataclass(frozen=True)
class Factor:
    name: str
    points: int
    detail: str = ""

    def as_json(self) -> dict[str, Any]:
        label = LABELS.get(self.name, self.name)
        return {"name": self.name, "label": f"{label}: {self.detail}" if self.detail else label, "points": self.points}


@dataclass(frozen=True)
class Scored:
    value: int
    raised: list[Factor]
    lowered: list[Factor]

    def factors(self, previous: int) -> dict[str, Any]:
        return {
            "previous": previous,
            "raised": [f.as_json() for f in self.raised],
            "lowered": [f.as_json() for f in self.lowered],
        }


def _signals(u: Understanding, w: Mapping[str, int]) -> list[Factor]:
    found = [Factor(i, w[i]) for i in dict.fromkeys(u.intents[:3]) if i in INTENTS and w[i]]
    s = u.slots
    details = [n for n, v in (("make", s.makes), ("model", s.models), ("budget", s.budget_max_cents),
               ("trade-in", s.trade_in), ("stock number", s.stock_number), ("VIN", s.vin)) if v]  # fmt: skip
    if details and w["specific_detail"]:
        found.append(Factor("specific_detail", w["specific_detail"] * len(details), ", ".join(details)))
    timeline = (s.timeline or "").lower()
    kind = next((k for phrase, k in TIMELINES if phrase in timeline), None)
    if kind and w[kind]:
        found.append(Factor(kind, w[kind], timeline))
    warmth = int(max(u.sentiment, 0) * w["warm_tone"])
    if warmth:
        found.append(Factor("warm_tone", warmth))
    return found


def _negatives(u: Understanding, w: Mapping[str, int]) -> list[Factor]:
    found = []
    if u.is_opt_out or u.primary == "stop":
        found.append(Factor("opt_out", w["opt_out"]))
    elif u.primary == "not_interested":
        found.append(Factor("not_interested", w["not_interested"]))
    if COMPLAINT.search(u.text or "") or u.sentiment <= -0.6:
        found.append(Factor("complaint", w["complaint"]))
    if "just browsing" in (u.slots.timeline or "").lower() or "just browsing" in (u.text or "").lower():
        found.append(Factor("just_browsing", w["just_browsing"]))
    return [f for f in found if f.points]


def score(u: Understanding, previous: int, w: Mapping[str, int] = DEFAULT_WEIGHTS) -> Scored:
    """The score after this message. Its buyer signals count from the base; the score keeps the higher of that and
    the previous score (small talk never lowers it); then its negative signals are taken off."""
    raised = _signals(u, w)
    lowered = _negatives(u, w)
    from_message = BASE + sum(f.points for f in raised)
    value = max(previous, from_message) + sum(f.points for f in lowered)
    return Scored(max(0, min(100, value)), raised if from_message > previous else [], lowered)


def decayed(current: int, quiet_days: int, w: Mapping[str, int] = DEFAULT_WEIGHTS) -> Scored | None:
    """The score of a lead quiet for ``quiet_days`` whole days (None: no change). After the grace days it loses
    ``quiet_decay_percent`` of itself a day (rounded down, at least a point)."""
    if current <= 0 or quiet_days <= w["quiet_grace_days"] or not w["quiet_decay_percent"]:
        return None
    lost = max(1, math.floor(current * w["quiet_decay_percent"] / 100))
    return Scored(current - lost, [], [Factor("quiet", -lost, f"no reply for {quiet_days} days")])
