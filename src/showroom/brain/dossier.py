"""The narrative part of a handover dossier: what the customer wants, how to approach them, what to ask next,
how they write, the time they asked to come in (resolved in the dealership's time zone) and the language they
write in when it is not English. Deterministic: the same conversation (and clock) always reads the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from showroom.brain.insights import Insight
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.language import language_name
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.when import describe, resolve
from showroom.brain.types import Turn
from showroom.vocabulary import InsightType, Sender

INTENT_LABELS = {
    "availability": "Checking whether a specific vehicle is in stock",
    "inventory_search": "Shopping for a vehicle",
    "trade_in": "Wants a trade-in appraisal",
    "financing": "Asking about financing",
    "lease": "Asking about leasing",
    "test_drive": "Wants a test drive",
    "hours_location": "Asking for hours or directions",
    "service": "Needs the service department",
    "price": "Asking about price",
    "vehicle_facts": "Asking about a model's specifications, warranty or recalls",
    "human_request": "Asked to talk with a person",
    "stop": "Opted out of messages",
    "not_interested": "Not interested right now",
    "thanks": "Saying thanks",
    "greeting": "Saying hello",
    "other": "Unclear request",
}
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
_FORMAL = re.compile(r"\b(?:dear|regards|sincerely|kindly|would you be able|i would like|thank you)\b", re.IGNORECASE)
_SLANG = re.compile(r"\b(?:u|ur|r|pls|plz|thx|lol|omg|gonna|wanna|ya|yo|k|tbh|btw|idk)\b", re.IGNORECASE)


def _values(insights: Sequence[Insight], kind: InsightType) -> list[str]:
    out: list[str] = []
    for insight in insights:
        if insight.type == kind and insight.value not in out:
            out.append(insight.value)
    return out


def _interest(insights: Sequence[Insight]) -> str | None:
    prefs = _values(insights, InsightType.vehicle_preference)
    if not prefs:
        return None
    named = [p.split(": ", 1)[1] for p in prefs if p.startswith(("model: ", "specific vehicle: "))]
    makes = [p.split(": ", 1)[1] for p in prefs if p.startswith("make: ")]
    details = [p.split(": ", 1)[1] for p in prefs if not p.startswith(("model: ", "make: ", "specific vehicle: "))]
    head = ", ".join(named or makes) or "a vehicle"
    return f"{head} ({', '.join(details)})" if details else head


def appointment(u: Understanding | None, timezone: str | None, now: datetime | None) -> dict[str, str | None] | None:
    """{requested: 'Saturday 2026-12-12 10:00 America/Chicago' (None if it cannot be read), words: 'saturday at
    10'} for a specific time the customer asked for; None when they named none."""
    if u is None or u.time_request is None:
        return None
    moment = resolve(u.time_request, now, timezone) if timezone and now else None
    return {"requested": describe(moment, timezone) if moment and timezone else None, "words": u.time_request.words}


def _summary(
    history: Sequence[Turn], insights: Sequence[Insight], u: Understanding | None, wanted: dict[str, str | None] | None
) -> str:
    customer = [t for t in history if t.sender == Sender.customer]
    replies = sum(1 for t in history if t.sender == Sender.ai)
    parts = [
        f"The customer has sent {len(customer)} message{'s' if len(customer) != 1 else ''}"
        f" and received {replies} automated repl{'ies' if replies != 1 else 'y'}."
    ]
    interest = _interest(insights)
    if interest:
        parts.append(f"Interested in {interest}.")
    for kind, label in (
        (InsightType.budget, "Budget"),
        (InsightType.timeline, "Timeline"),
        (InsightType.trade_in, "Trade-in"),
    ):
        values = _values(insights, kind)
        if values:
            parts.append(f"{label}: {'; '.join(values)}.")
    financing = _values(insights, InsightType.financing)
    if financing:
        parts.append(f"Financing: {'; '.join(financing)}.")
    if u is not None and u.primary in INTENT_LABELS:
        parts.append(f"Latest request: {INTENT_LABELS[u.primary].lower()}.")
    if wanted is not None:
        parts.append(f'Asked for {wanted["requested"] or "a specific time"} ("{wanted["words"]}").')
    if u is not None and u.language != "en":
        parts.append(f"Writes in {language_name(u.language)}.")
    if customer:
        latest = customer[-1].text.strip().replace("\n", " ")
        parts.append(f'Last message: "{latest[:157] + "..." if len(latest) > 160 else latest}"')
    return " ".join(parts)


def _approach(insights: Sequence[Insight], u: Understanding | None, wanted: dict[str, str | None] | None) -> str:
    intent = u.primary if u else "other"
    steps: list[str] = []
    if u is not None and u.language != "en":
        steps.append(f"Reply in {language_name(u.language)}, or ask a colleague who speaks it.")
    if wanted is not None:
        steps.append(
            f"Confirm {wanted['requested'] or wanted['words']} or offer another time: the assistant could not book it."
        )
    if (u and u.sentiment <= -0.4) or "negative" in _values(insights, InsightType.sentiment):
        steps.append("Acknowledge the frustration and apologise first; a phone call usually lands better than text.")
    if intent == "human_request":
        steps.append("Reach out personally and promptly: the customer asked for a person.")
    if any(v.startswith("high") for v in _values(insights, InsightType.urgency)):
        steps.append("Respond right away: they want to move now.")
    steps += {
        "price": ["Have out-the-door numbers ready for the vehicle they asked about before you reach out."],
        "financing": ["Bring in the finance manager; do not quote rates or payments before a credit review."],
        "lease": ["Bring in the finance manager with current lease programs for the vehicle they want."],
        "trade_in": ["Offer an in-person appraisal and collect the trade's details first."],
        "test_drive": ["Confirm a test-drive time and have the vehicle ready."],
        "availability": ["Confirm the vehicle is on the lot, then offer a test drive."],
        "inventory_search": ["Shortlist two or three matching vehicles, then offer a test drive."],
        "service": ["Hand this to the service department."],
        "not_interested": ["Thank them, ask what would change their mind, and do not push."],
        "stop": ["Do not message them again: they opted out."],
    }.get(intent, [])
    contact = [v for v in _values(insights, InsightType.contact_preference) if not v.startswith("best time")]
    if contact:
        steps.append(f"Contact preference: {', '.join(contact)}.")
    return " ".join(steps) or "Answer their open question, then offer a test drive or a quick call."


def _questions(insights: Sequence[Insight]) -> list[str]:
    known = {i.type for i in insights}
    questions: list[str] = []
    if InsightType.vehicle_preference not in known:
        questions.append("Which vehicle, or kind of vehicle, are you most interested in?")
    if InsightType.budget not in known:
        questions.append("What price range or monthly payment are you comfortable with?")
    if InsightType.timeline not in known:
        questions.append("When are you hoping to be in your next vehicle?")
    if InsightType.trade_in not in known:
        questions.append("Do you have a vehicle to trade in?")
    elif not any(re.search(r"\d{4}", v) and "miles" in v for v in _values(insights, InsightType.trade_in)):
        questions.append("What's the year, make, model and mileage of your trade-in?")
    if InsightType.financing not in known:
        questions.append("Will you be financing, leasing or paying cash?")
    if InsightType.contact_preference not in known:
        questions.append("What's the best way and time to reach you?")
    return questions[:4]


def _style(history: Sequence[Turn]) -> str:
    texts = [t.text for t in history if t.sender == Sender.customer and t.text.strip()]
    if not texts:
        return "Unknown: the customer has not written yet."
    words = sum(len(t.split()) for t in texts) / len(texts)
    length = "short" if words <= 12 else "medium-length" if words <= 40 else "long, detailed"
    traits: list[str] = []
    if sum(t == t.lower() for t in texts) / len(texts) > 0.5 or any(_SLANG.search(t) for t in texts):
        traits.append("informal")
    if any(_FORMAL.search(t) for t in texts):
        traits.append("polite and formal")
    if any(_EMOJI.search(t) for t in texts):
        traits.append("uses emoji")
    if any(len(re.findall(r"\b[A-Z]{3,}\b", t)) >= 3 or "!!" in t for t in texts):
        traits.append("emphatic")
    advice = "reply briefly and casually" if length == "short" and "polite and formal" not in traits else (
        "match their detail and courtesy" if "polite and formal" in traits else "answer each point clearly"
    )  # fmt: skip
    described = ", ".join([f"{length} messages", *traits])
    return f"{described[0].upper()}{described[1:]}; {advice}."


def summarize(
    history: Sequence[Turn],
    insights: Sequence[Insight],
    u: Understanding | None,
    *,
    timezone: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """{summary, intent, intent_code, suggested_approach, questions_to_ask, communication_style}, plus
    `appointment` {requested, words} when the customer asked for a specific time (resolved in ``timezone`` from
    ``now``) and `language` ('Spanish') when they do not write in English."""
    if u is None:
        customer = [i for i, t in enumerate(history) if t.sender == Sender.customer]
        if customer:
            last = customer[-1]
            u = understand(history[last].text, history=history[:last])
    code = u.primary if u else "other"
    wanted = appointment(u, timezone, now)
    narrative: dict[str, Any] = {
        "summary": _summary(history, insights, u, wanted),
        "intent": INTENT_LABELS.get(code, INTENT_LABELS["other"]),
        "intent_code": code,
        "suggested_approach": _approach(insights, u, wanted),
        "questions_to_ask": _questions(insights),
        "communication_style": _style(history),
    }
    if wanted is not None:
        narrative["appointment"] = wanted
    if u is not None and u.language != "en":
        narrative["language"] = language_name(u.language)
    return narrative
