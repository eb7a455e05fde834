"""Rule-based insights from one customer message: budget, timeline, trade-in, financing, preferences, intent,
urgency, sentiment and how they like to be contacted. Stored in `customer_insights` with source 'rule'.
"""

from __future__ import annotations

from dataclasses import dataclass

from showroom.brain.escalation.signals import urgency_score
from showroom.brain.guardrails import price_text
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.text import is_negated, rx
from showroom.brain.nlu.understanding import Slots, Understanding
from showroom.vocabulary import InsightType


@dataclass
class Insight:
    type: InsightType
    value: str
    confidence: float  # 0..1


_FINANCING_SIGNALS = (
    (
        "credit concerns",
        rx(r"\b(?:bad|poor|no|low|limited|bruised|damaged|rebuilding) credit\b|\bbankrupt\w*|\brepo\w*"),
    ),
    ("paying cash", rx(r"\bpay(?:ing)? (?:in )?(?:full|cash)\b|\bcash (?:buyer|deal|purchase)\b|\ball cash\b")),
    ("has outside financing", rx(r"\boutside financing\b|\bmy (?:own )?(?:bank|credit union)\b|\bfinanc\w+ through\b")),
    ("already pre-approved", rx(r"\b(?:i'?m|i am|we'?re|already|got) (?:pre[\s-]?)?approved\b")),
    ("needs a co-signer", rx(r"\bco[\s-]?sign\w*|\bcosign\w*")),
)
_CONTACT = (
    ("no phone calls", rx(r"\b(?:don'?t|do not|dont|please don'?t|no)\s+(?:call|calls|phone calls)\b")),
    (
        "text",
        rx(
            r"\btext me\b|\b(?:prefer|rather|best to|better to|only)\s+(?:\w+\s+)?text\w*\b|\btexting is\b",
            r"\btext (?:only|is (?:best|better|fine|easier))\b",
        ),
    ),
    ("phone", rx(r"\bcall me\b|\bgive me a call\b|\b(?:prefer|rather)\s+(?:a\s+)?(?:call|phone)\b")),
    (
        "email",
        rx(
            r"\be-?mail me\b|\b(?:prefer|rather|best to|better to|only)\s+(?:\w+\s+)?e-?mail\b|\bsend me an e-?mail\b",
            r"\be-?mail (?:only|is (?:best|better|fine|easier))\b",
        ),
    ),
)
_CONTACT_TIME = rx(
    r"\b(?:after|before|around)\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?\b|\b(?:in the )?(?:mornings?|afternoons?|evenings?)\b"
    r"|\b(?:on )?weekends?(?: only)?\b|\bafter work\b|\bon my lunch(?: break)?\b"
)
_READY = rx(
    r"\bready to (?:buy|purchase|sign|move forward)\b|\b(?:put|place) (?:a )?(?:deposit|hold)\b|\bi'?ll take it\b",
    r"\bwant to (?:buy|purchase) (?:it|this one|that one|the \w+)\b",
)
_HIGH_TIMELINES = ("asap", "today", "this weekend", "this week")
_LOW_TIMELINES = ("just browsing", "3+ months")


def _money(cents: int) -> str:
    return price_text(round(cents, -2))


def _budget(s: Slots) -> list[Insight]:
    out: list[Insight] = []
    if s.budget_min_cents and s.budget_max_cents:
        out.append(Insight(InsightType.budget, f"{_money(s.budget_min_cents)} to {_money(s.budget_max_cents)}", 0.85))
    elif s.budget_max_cents:
        out.append(Insight(InsightType.budget, f"up to {_money(s.budget_max_cents)}", 0.9))
    elif s.budget_min_cents:
        out.append(Insight(InsightType.budget, f"at least {_money(s.budget_min_cents)}", 0.8))
    if s.monthly_budget_cents:
        out.append(Insight(InsightType.budget, f"about {_money(s.monthly_budget_cents)} a month", 0.85))
    return out


def _preferences(s: Slots) -> list[Insight]:
    items: list[tuple[str, float]] = []
    items += [(f"make: {m}", 0.85) for m in s.makes]
    items += [(f"model: {m}", 0.9) for m in s.models]
    items += [(f"body style: {b}", 0.85) for b in s.body_styles]
    items += [(f"colour: {c}", 0.8) for c in s.colors]
    items += [(f"drivetrain: {d}", 0.85) for d in s.drivetrains]
    items += [(f"fuel: {f}", 0.85) for f in s.fuel_types]
    items += [(f"feature: {f}", 0.8) for f in s.features]
    if s.condition:
        items.append((f"condition: {s.condition}", 0.8))
    if s.year_min or s.year_max:
        years = (
            f"{s.year_min}" if s.year_min == s.year_max else
            f"{s.year_min} to {s.year_max}" if s.year_min and s.year_max else
            f"{s.year_min} or newer" if s.year_min else f"{s.year_max} or older"
        )  # fmt: skip
        items.append((f"year: {years}", 0.8))
    if s.mileage_max:
        items.append((f"mileage: under {s.mileage_max:,} miles", 0.8))
    if s.stock_number or s.vin:
        items.append((f"specific vehicle: {s.stock_number or s.vin}", 0.95))
    return [Insight(InsightType.vehicle_preference, value, confidence) for value, confidence in items]


def _financing(text: str, u: Understanding) -> list[Insight]:
    lower = text.lower()
    out = [Insight(InsightType.financing, label, 0.8) for label, pattern in _FINANCING_SIGNALS if pattern.search(lower)]
    if u.slots.down_payment_cents:
        out.append(Insight(InsightType.financing, f"{_money(u.slots.down_payment_cents)} down payment available", 0.85))
    if "lease" in u.intents:
        out.append(Insight(InsightType.financing, "interested in leasing", 0.8))
    elif not out and ("financing" in u.intents or u.slots.monthly_budget_cents):
        out.append(Insight(InsightType.financing, "interested in financing", 0.7))
    return out


def _buying_intent(text: str, u: Understanding) -> Insight | None:
    lower, timeline = text.lower(), u.slots.timeline
    if "not_interested" in u.intents[:1] or u.primary == "stop":
        return Insight(InsightType.buying_intent, "low: not interested right now", 0.85)
    ready = _READY.search(lower)
    if ready and not is_negated(lower, ready.start()):
        return Insight(InsightType.buying_intent, "high: ready to buy", 0.9)
    if "test_drive" in u.intents:
        return Insight(InsightType.buying_intent, "high: wants a test drive", 0.8)
    if timeline in _HIGH_TIMELINES:
        return Insight(InsightType.buying_intent, f"high: buying {timeline}", 0.75)
    if timeline in _LOW_TIMELINES:
        return Insight(InsightType.buying_intent, f"low: {timeline}", 0.7)
    if u.primary in ("price", "availability", "trade_in", "financing", "lease"):
        return Insight(InsightType.buying_intent, f"medium: asking about {u.primary.replace('_', ' ')}", 0.6)
    if u.slots.has_vehicle_criteria():
        return Insight(InsightType.buying_intent, "medium: shopping for a specific kind of vehicle", 0.55)
    return None


def _urgency(text: str, u: Understanding) -> Insight | None:
    timeline = u.slots.timeline
    if urgency_score(text, u) >= 0.7:
        return Insight(InsightType.urgency, "high: wants to buy now", 0.85)
    if timeline in ("asap", "today"):
        return Insight(InsightType.urgency, f"high: {timeline}", 0.75)
    if timeline in ("this weekend", "this week", "within 30 days"):
        return Insight(InsightType.urgency, f"medium: {timeline}", 0.7)
    if timeline in ("1-3 months", "3+ months", "just browsing"):
        return Insight(InsightType.urgency, f"low: {timeline}", 0.7)
    return None


def _contact(text: str) -> list[Insight]:
    lower = text.lower()
    out: list[Insight] = []
    anchors: list[int] = []
    for label, pattern in _CONTACT:
        m = pattern.search(lower)
        if not m or (label != "no phone calls" and is_negated(lower, m.start())):
            continue
        anchors.append(m.start())
        if label == "phone" and any(i.value == "no phone calls" for i in out):
            continue
        if not any(i.value == label for i in out):
            out.append(Insight(InsightType.contact_preference, label, 0.8))
    times = list(_CONTACT_TIME.finditer(lower))
    if out and times:  # the time mentioned nearest to how they want to be contacted
        when = min(times, key=lambda t: min(abs(t.start() - a) for a in anchors))
        out.append(Insight(InsightType.contact_preference, f"best time: {when.group().strip()}", 0.7))
    return out


def extract_insights(text: str, u: Understanding | None = None) -> list[Insight]:
    """Facts about the customer's intent found in one message, most useful first, without duplicates."""
    u = u or understand(text)
    s = u.slots
    found: list[Insight] = [*_budget(s)]
    if s.timeline:
        found.append(Insight(InsightType.timeline, s.timeline, 0.7 if s.timeline == "just browsing" else 0.8))
    if s.trade_in is not None:
        described = s.trade_in.describe()
        found.append(Insight(InsightType.trade_in, described or "has a vehicle to trade in", 0.9 if described else 0.7))
    found += _financing(text, u)
    found += _preferences(s)
    found += [i for i in (_buying_intent(text, u), _urgency(text, u)) if i]
    if abs(u.sentiment) >= 0.3:
        label = "positive" if u.sentiment > 0 else "negative"
        found.append(Insight(InsightType.sentiment, label, round(min(1.0, abs(u.sentiment)), 2)))
    found += _contact(text)
    unique: list[Insight] = []
    for insight in found:
        if not any(i.type == insight.type and i.value == insight.value for i in unique):
            unique.append(insight)
    return unique
