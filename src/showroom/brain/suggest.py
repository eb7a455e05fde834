"""Replies offered to a salesperson for an inbound message (`response_suggestions`), best first.

Written in the first person for a human (who may offer to call), from the same facts as the builtin agent:
listed vehicles and prices only, no promised payments, rates or delivery, and every suggestion passes the
guardrails.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from showroom.brain.compose.context import safe_name
from showroom.brain.guardrails import allowed_links, enforce, price_text
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.types import DealershipView, PersonaView, Turn, VehicleView
from showroom.vocabulary import Channel, Sender, SuggestionType, VehicleCondition

MAX_SUGGESTIONS = 3


@dataclass
class Suggestion:
    type: SuggestionType
    content: str
    rank: int  # 1 = best


@dataclass(frozen=True)
class _Facts:
    u: Understanding
    dealership: DealershipView
    vehicles: Sequence[VehicleView]
    hello: str  # "Hi Maria, " or "Hi, "
    apply_url: str | None
    trade_url: str | None


def _vehicle_line(v: VehicleView) -> str:
    price = f", listed at {price_text(v.price_cents)}" if v.price_cents is not None else ""
    miles = f" with {v.mileage:,} miles" if v.mileage is not None and v.condition != VehicleCondition.new else ""
    return f"the {v.title}{miles}{price}"


def _call_offer(f: _Facts) -> tuple[SuggestionType, str]:
    return (
        SuggestionType.follow_up,
        f"{f.hello}would it be easier to talk this through on the phone? I'm happy to give you a quick call. "
        "What's the best number and time to reach you?",
    )


def _visit_offer(f: _Facts) -> tuple[SuggestionType, str]:
    v = f.vehicles[0] if f.vehicles else None
    what = f"show you {_vehicle_line(v).split(', listed')[0]}" if v else "show you around"
    hours = f" We're open {f.dealership.hours_text.rstrip('.')}." if f.dealership.hours_text else ""
    return (
        SuggestionType.appointment,
        f"{f.hello}I'd love to {what} in person.{hours} What day and time work best for you?",
    )


def _product(f: _Facts) -> tuple[SuggestionType, str] | None:
    if not f.vehicles:
        return (
            SuggestionType.product_info,
            f"{f.hello}I don't have an exact match on the lot right now, but I'm happy to keep an eye out for you. "
            "What matters most to you in your next vehicle?",
        )
    if len(f.vehicles) == 1:
        return (
            SuggestionType.product_info,
            f"{f.hello}good news, {_vehicle_line(f.vehicles[0])}, is here. Would you like me to set up a time for you "
            "to see it?",
        )
    lines = "; ".join(_vehicle_line(v) for v in f.vehicles[:3])
    return (
        SuggestionType.product_info,
        f"{f.hello}here's what I have that fits: {lines}. Which one would you like to see first?",
    )


def _pricing(f: _Facts) -> tuple[SuggestionType, str]:
    v = f.vehicles[0] if f.vehicles else None
    listed = f"{_vehicle_line(v)[0].upper()}{_vehicle_line(v)[1:]}. " if v and v.price_cents is not None else ""
    return (
        SuggestionType.pricing,
        f"{f.hello}{listed}I'd be glad to put together out-the-door numbers for you, with taxes and fees. "
        "Can I give you a quick call to go over them?",
    )


def _financing(f: _Facts) -> tuple[SuggestionType, str]:
    apply = f" You can also start the application here: {f.apply_url}" if f.apply_url else ""
    return (
        SuggestionType.pricing,
        f"{f.hello}I can connect you with our finance manager to go over options for your situation.{apply} "
        "When is a good time for a quick call?",
    )


def _trade(f: _Facts) -> tuple[SuggestionType, str]:
    online = f" If it's easier, you can start online: {f.trade_url}" if f.trade_url else ""
    return (
        SuggestionType.pricing,
        f"{f.hello}I'd be happy to get your trade appraised.{online} When could you bring it by?",
    )


def _apology(f: _Facts) -> tuple[SuggestionType, str]:
    return (
        SuggestionType.objection_handling,
        f"{f.hello}I'm sorry about this, and I'd like to make it right. Can I give you a call today to sort it out?",
    )


def _candidates(f: _Facts) -> list[tuple[SuggestionType, str]]:
    intent, u = f.u.primary, f.u
    if intent == "stop":
        return []  # the customer opted out: nothing to send
    upset = u.sentiment <= -0.4  # a complaint or anger: an apology first; asking for a person is neither
    by_intent: dict[str, list[tuple[SuggestionType, str] | None]] = {
        "availability": [_product(f), _visit_offer(f), _call_offer(f)],
        "inventory_search": [_product(f), _visit_offer(f), _call_offer(f)],
        "price": [_pricing(f), _call_offer(f), _visit_offer(f)],
        "financing": [_financing(f), _call_offer(f)],
        "lease": [_financing(f), _call_offer(f)],
        "trade_in": [_trade(f), _call_offer(f), _visit_offer(f)],
        "test_drive": [_visit_offer(f), _call_offer(f)],
        "hours_location": [_hours(f), _visit_offer(f)],
        "service": [_service(f), _call_offer(f)],
        "not_interested": [_not_interested(f), _feedback(f)],
        "thanks": [(SuggestionType.follow_up, f"{f.hello}you're welcome! Let me know if anything else comes up.")],
        "greeting": [(SuggestionType.greeting, f"{f.hello}thanks for reaching out! What can I help you find today?")],
    }
    found = by_intent.get(
        intent, [(SuggestionType.general, f"{f.hello}thanks for your message! How can I help?"), _call_offer(f)]
    )
    if upset:
        found = [_apology(f), _call_offer(f), *found]
    elif intent == "human_request":
        found = [_person_here(f), _call_offer(f), *found]
    return [c for c in found if c is not None]


def _person_here(f: _Facts) -> tuple[SuggestionType, str]:
    return (
        SuggestionType.general,
        f"{f.hello}you've got a person now, and I'm glad to help. What would you like to go over?",
    )


def _hours(f: _Facts) -> tuple[SuggestionType, str]:
    d = f.dealership
    parts = [
        f"We're at {d.location}." if d.location else "",
        f"Our hours are {d.hours_text.rstrip('.')}." if d.hours_text else "",
    ]
    facts = " ".join(p for p in parts if p) or "I'll send you our hours and directions."
    return (SuggestionType.appointment, f"{f.hello}{facts} Would you like me to set up a time for your visit?")


def _service(f: _Facts) -> tuple[SuggestionType, str]:
    return (
        SuggestionType.general,
        f"{f.hello}I'll pass this to our service team so they can help. What's the best number for them to reach you?",
    )


def _not_interested(f: _Facts) -> tuple[SuggestionType, str]:
    return (
        SuggestionType.objection_handling,
        f"{f.hello}understood, and thank you for letting me know. If anything changes, just reply and I'll be "
        "glad to help.",
    )


def _feedback(f: _Facts) -> tuple[SuggestionType, str]:
    return (
        SuggestionType.follow_up,
        f"{f.hello}totally understand. If you don't mind me asking, was there anything we could have done better?",
    )


def _hello(first_name: str | None) -> str:
    name = safe_name(first_name)
    return f"Hi {name}, " if name else "Hi, "


def _fix_case(text: str) -> str:
    """'Hi, good news' stays; 'Hi, I'd' stays; a sentence never starts in lower case."""
    return re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def suggest_replies(
    u: Understanding,
    *,
    persona: PersonaView,
    dealership: DealershipView,
    vehicles: Sequence[VehicleView],
    history: Sequence[Turn],
    customer_first_name: str | None = None,
) -> list[Suggestion]:
    """Up to three distinct replies a salesperson could send, ranked, each within the guardrails."""
    facts = _Facts(
        u,
        dealership,
        vehicles,
        _hello(customer_first_name),
        persona.text_argument("finance_application_url"),
        persona.text_argument("trade_in_url"),
    )
    urls = allowed_links(persona.arguments, dealership)
    out: list[Suggestion] = []
    seen = {_key(t.text) for t in history if t.sender in (Sender.ai, Sender.agent)}  # never suggest what was just said
    for kind, content in _candidates(facts):
        guarded = enforce(
            _fix_case(content), vehicles=vehicles, dealership=dealership, allowed_urls=urls, channel=Channel.chat
        )
        key = _key(guarded.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(Suggestion(kind, guarded.text, len(out) + 1))
        if len(out) == MAX_SUGGESTIONS:
            break
    return out
