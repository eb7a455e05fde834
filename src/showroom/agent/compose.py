"""The builtin reply: deterministic, offline, in the persona's voice, from the dealership's real inventory.

`compose_reply` answers the customer's main intent from `vehicles` (the pipeline's at most five matches) and the
dealership's data only: no invented vehicles, prices, payments, financing terms or delivery promises; at most one
link; short paragraphs; a question or a next step at the end. Phrasing varies with the persona's tone and, within a
tone, deterministically with the message (so it does not sound canned, and tests stay reproducible).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from showroom.brain.guardrails import layout, price_text
from showroom.brain.nlu.attributes import (
    body_matches,
    color_matches,
    drivetrain_matches,
    feature_matches,
    fuel_matches,
    make_matches,
    model_matches,
)
from showroom.brain.nlu.understanding import Slots, Understanding
from showroom.brain.nlu.vehicles import find_vehicle_mentions
from showroom.brain.types import DealershipView, PersonaView, Turn, VehicleView

TONES = ("friendly", "professional", "casual", "formal")
SUGGESTED_TYPES = ("greeting", "product_info", "pricing", "follow_up", "appointment", "objection_handling", "general")
_TYPE_BY_INTENT = {
    "greeting": "greeting",
    "availability": "product_info",
    "inventory_search": "product_info",
    "price": "pricing",
    "financing": "pricing",
    "lease": "pricing",
    "trade_in": "pricing",
    "test_drive": "appointment",
    "hours_location": "appointment",
    "not_interested": "objection_handling",
    "thanks": "follow_up",
    "human_request": "follow_up",
}


@dataclass
class Draft:
    text: str
    intent: str
    vehicle_ids: list[int]  # vehicles mentioned
    confidence: float  # 0..1
    suggested_type: str  # greeting / product_info / pricing / follow_up / appointment / objection_handling / general


# --------------------------------------------------------------------------------------------------------------
# Voice: phrases per tone, chosen deterministically

_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "hello": {
        "friendly": ("Hi{name}!", "Hello{name}!", "Hey{name}, thanks for reaching out!"),
        "professional": ("Hello{name}.", "Hi{name}, thank you for reaching out."),
        "casual": ("Hey{name}!", "Hi{name}!"),
        "formal": ("Good day{cname}.", "Hello{name}, and thank you for contacting us."),
    },
    "intro": {
        "friendly": ("I'm {persona} with {dealer}.", "This is {persona} at {dealer}."),
        "professional": ("I'm {persona} with {dealer}.", "My name is {persona}, with {dealer}."),
        "casual": ("{persona} here from {dealer}.", "It's {persona} at {dealer}."),
        "formal": ("My name is {persona}, and I assist customers of {dealer}.",),
    },
    "found_one": {
        "friendly": ("Good news: the {title} is in our inventory right now.", "Yes! The {title} is in stock."),
        "professional": ("Yes, the {title} is in our current inventory.", "The {title} is in stock."),
        "casual": ("Yep, the {title} is in stock.", "Good news, we've got the {title} in stock."),
        "formal": ("I am pleased to confirm that the {title} is in our current inventory.",),
    },
    "found_many": {
        "friendly": ("Good news: we have {count} that fit what you're after.", "Yes! Here are {count} that match:"),
        "professional": ("Yes, we have {count} in stock that match.", "Here are {count} vehicles that match:"),
        "casual": ("Yep, we've got {count} that fit:", "Good news, {count} match what you want:"),
        "formal": ("I am pleased to confirm that we have {count} vehicles matching your request.",),
    },
    "alternatives": {
        "friendly": ("Here are the closest options we have right now:", "These are the closest matches on our lot:"),
        "professional": ("These are the closest options in our current inventory:",),
        "casual": ("Here's what's close:", "Closest options we've got:"),
        "formal": ("The closest alternatives in our current inventory are as follows:",),
    },
    "no_match": {
        "friendly": (
            "I'm not seeing {what} in our inventory right now.",
            "We don't have {what} in stock at the moment.",
        ),
        "professional": (
            "We don't currently have {what} in stock.",
            "I'm not finding {what} in our current inventory.",
        ),
        "casual": ("Looks like we don't have {what} in stock right now.",),
        "formal": ("Unfortunately, we do not currently have {what} in our inventory.",),
    },
    "no_exact": {
        "friendly": ("I don't see an exact match for {what} right now.",),
        "professional": ("We don't have an exact match for {what} at the moment.",),
        "casual": ("No exact match for {what} right now.",),
        "formal": ("We do not currently have an exact match for {what}.",),
    },
    "ask_test_drive": {
        "friendly": (
            "I can set up a test drive. Would you like to come see it in person?",
            "Want to take it for a test drive?",
        ),
        "professional": ("Would you like to schedule a test drive?", "Shall I set up a time for you to see it?"),
        "casual": ("Want to swing by and take it for a spin?", "Wanna come check it out?"),
        "formal": ("Would you like me to arrange a test drive at a time convenient for you?",),
    },
    "ask_which": {
        "friendly": ("I can set up a test drive. Would you like to come see any of these?",),
        "professional": ("Would you like to schedule a test drive of any of these?",),
        "casual": ("Any of these catch your eye?",),
        "formal": ("Would you like to arrange a viewing of any of these vehicles?",),
    },
    "ask_budget": {
        "friendly": ("Is there a price range you'd like to stay within?",),
        "professional": ("Is there a budget range you'd like me to keep in mind?",),
        "casual": ("What price range are you thinking?",),
        "formal": ("May I ask what price range you have in mind?",),
    },
    "ask_when": {
        "friendly": ("When are you hoping to be in your next vehicle?",),
        "professional": ("What timeframe are you working with?",),
        "casual": ("When are you looking to buy?",),
        "formal": ("May I ask what timeframe you have in mind for your purchase?",),
    },
    "ask_notify": {
        "friendly": (
            "Would you like me to keep an eye out and let you know when one comes in, or see similar options?",
        ),
        "professional": ("Would you like us to notify you when one arrives, or shall I suggest similar vehicles?",),
        "casual": ("Want me to ping you when one comes in, or check out something similar?",),
        "formal": ("Would you like us to notify you when one arrives, or may I suggest similar vehicles?",),
    },
    "ask_else": {
        "friendly": ("Is there anything else I can help you with?", "Anything else I can help with?"),
        "professional": ("Is there anything else I can help you with?",),
        "casual": ("Anything else I can do for you?",),
        "formal": ("Is there anything further I may assist you with?",),
    },
    "welcome": {
        "friendly": ("You're very welcome!", "Happy to help!", "Anytime!"),
        "professional": ("You're welcome.", "My pleasure."),
        "casual": ("No problem!", "Anytime!"),
        "formal": ("You are most welcome.",),
    },
}


def _voice(text: str, tone: str) -> str:
    """Formal and professional replies avoid exclamation marks; formal ones avoid contractions."""
    if tone in ("professional", "formal"):
        text = re.sub(r"!(?=\s|$)", ".", text)
    if tone == "formal":
        for short, full in _CONTRACTIONS:
            text = re.sub(rf"\b{short}\b", full, text)
            text = re.sub(rf"\b{short.capitalize()}\b", full.capitalize(), text)
    return text


_CONTRACTIONS = (
    ("I'm", "I am"),
    ("I'd", "I would"),
    ("I'll", "I will"),
    ("we're", "we are"),
    ("we've", "we have"),
    ("we'll", "we will"),
    ("you'll", "you will"),
    ("they'll", "they will"),
    ("it'll", "it will"),
    ("I've", "I have"),
    ("there's", "there is"),
    ("let's", "let us"),
    ("you're", "you are"),
    ("you'd", "you would"),
    ("don't", "do not"),
    ("doesn't", "does not"),
    ("isn't", "is not"),
    ("can't", "cannot"),
    ("it's", "it is"),
    ("that's", "that is"),
    ("here's", "here is"),
    ("what's", "what is"),
    ("aren't", "are not"),
    ("won't", "will not"),
)


# --------------------------------------------------------------------------------------------------------------
# Context


@dataclass
class _Ctx:
    u: Understanding
    persona: PersonaView
    dealership: DealershipView
    vehicles: Sequence[VehicleView]
    history: Sequence[Turn]
    channel: str
    first_name: str | None
    rng: random.Random
    tone: str
    links_used: int = 0

    @property
    def sms(self) -> bool:
        return self.channel == "sms"

    @property
    def first_contact(self) -> bool:
        return not any(t.sender in ("ai", "agent") for t in self.history)

    def say(self, key: str, **values: Any) -> str:
        options = _PHRASES[key].get(self.tone) or _PHRASES[key]["friendly"]
        return self.rng.choice(options).format(**values)

    def link(self, url: str | None) -> str | None:
        """The URL if no link has been used yet (a reply carries at most one)."""
        if not url or self.links_used:
            return None
        self.links_used += 1
        return url


@dataclass
class _Reply:
    lead: list[str] = field(default_factory=list)  # first paragraph
    body: list[str] = field(default_factory=list)  # each item its own paragraph (a list block or sentences)
    extras: list[str] = field(default_factory=list)  # optional sentences (dropped first for SMS)
    question: str = ""
    vehicle_ids: list[int] = field(default_factory=list)
    confidence: float = 0.5
    greet: bool = False  # open with a hello even mid-conversation


def _seed(u: Understanding, persona: PersonaView, history: Sequence[Turn]) -> int:
    material = f"{u.text}|{u.primary}|{len(history)}|{persona.name}".encode()
    return int(hashlib.sha256(material).hexdigest()[:16], 16)


def safe_name(name: str | None) -> str | None:
    """A customer's first name fit to print: letters only, and not a word the guardrails read as a vehicle."""
    name = (name or "").strip().split(" ")[0]
    if not re.fullmatch(r"[A-Za-z][A-Za-z'\-]{0,29}", name) or find_vehicle_mentions(f"Hi {name.capitalize()}"):
        return None
    return name[0].upper() + name[1:]


def _persona_name(persona: PersonaView) -> str | None:
    name = persona.name.strip()
    return name if name and not find_vehicle_mentions(f"I am {name}") else None


# --------------------------------------------------------------------------------------------------------------
# Vehicles


def _describe(v: VehicleView, ctx: _Ctx, *, note: str = "") -> str:
    """'2024 Hyundai Palisade XRT AWD, Blue, $44,028, 119 miles' (shorter for SMS)."""
    parts = [v.short_title if ctx.sms else v.title]
    if v.exterior_color and not ctx.sms:
        parts.append(v.exterior_color)
    if v.price_cents is not None:
        parts.append(price_text(v.price_cents))
    if v.mileage is not None and (v.condition != "new" or v.mileage >= 1000):
        parts.append(f"{v.mileage:,} miles")
    text = ", ".join(parts)
    return f"{text} ({note})" if note else text


def _fits(v: VehicleView, s: Slots) -> bool:
    """Does the vehicle match everything the customer asked for?"""
    used_ok = s.condition == "used" and v.condition == "certified"
    return all(
        (
            not s.makes or any(make_matches(v.make, m) for m in s.makes),
            not s.models or any(model_matches(v.model, m) for m in s.models),
            not s.colors or any(color_matches(v.exterior_color, c) for c in s.colors),
            not s.body_styles or any(body_matches(v.body_style, b) for b in s.body_styles),
            not s.drivetrains or any(drivetrain_matches(v.drivetrain, d) for d in s.drivetrains),
            not s.fuel_types or any(fuel_matches(v.fuel_type, f) for f in s.fuel_types),
            not s.condition or v.condition == s.condition or used_ok,
            all(feature_matches(v.features, f) for f in s.features),
            not _number_mismatches(v, s),
        )
    )


def _notes(v: VehicleView, s: Slots) -> list[str]:
    """The differences worth spelling out next to a close option (make, model and body show in its title)."""
    out: list[str] = []
    if s.colors and not any(color_matches(v.exterior_color, c) for c in s.colors):
        out.append(f"not {s.colors[0].lower()}")
    if s.drivetrains and not any(drivetrain_matches(v.drivetrain, d) for d in s.drivetrains):
        out.append(f"not {s.drivetrains[0]}")
    if s.fuel_types and not any(fuel_matches(v.fuel_type, f) for f in s.fuel_types):
        out.append(f"not {s.fuel_types[0].lower()}")
    out.extend(_number_mismatches(v, s))
    missing = [f for f in s.features if not feature_matches(v.features, f)]
    if missing:
        out.append(f"no {missing[0]} listed")
    return out


def _number_mismatches(v: VehicleView, s: Slots) -> list[str]:
    out: list[str] = []
    if s.budget_max_cents and v.price_cents is not None and v.price_cents > s.budget_max_cents:
        out.append("above your budget")
    if s.budget_min_cents and v.price_cents is not None and v.price_cents < s.budget_min_cents * 0.8:
        out.append("below your price range")
    if s.year_min and v.year < s.year_min:
        out.append("older than you asked for")
    if s.year_max and v.year > s.year_max:
        out.append("newer than you asked for")
    if s.mileage_max and v.mileage is not None and v.mileage > s.mileage_max:
        out.append("more miles than you asked for")
    return out


def _wanted(s: Slots) -> str:
    """'a red AWD SUV', 'a Tahoe': what the customer asked for, without prices (enforce() would drop them)."""
    words: list[str] = [c.lower() for c in s.colors[:1]]
    if s.condition == "new":
        words.append("new")
    elif s.condition in ("used", "certified"):
        words.append("pre-owned" if s.condition == "used" else "certified pre-owned")
    words += s.drivetrains[:1] + [f.lower() if f != "Plug-In Hybrid" else "plug-in hybrid" for f in s.fuel_types[:1]]
    if s.models:
        words.append(" or ".join(s.models[:2]))
    elif s.makes:
        words.append(" or ".join(s.makes[:2]))
    if s.body_styles:
        words.append(s.body_styles[0] if s.body_styles[0] == "SUV" else s.body_styles[0].lower())
    if not s.models and not s.makes and not s.body_styles:
        words.append("vehicle")
    phrase = " ".join(words)
    if s.features:
        phrase += f" with {_with_article(s.features[0])}"
    article = "an" if re.match(r"[aeiouAEIOU]|SUV|AWD|FWD|RWD|4WD|8", phrase) else "a"
    return f"{article} {phrase}"


def _highlights(v: VehicleView, ctx: _Ctx) -> list[str]:
    """Up to two of the vehicle's own features: the ones asked for, then the persona's priority features."""
    wanted = [*ctx.u.slots.features, *ctx.persona.list_argument("priority_features")]
    found: list[str] = []
    for feature in wanted:
        own = feature_matches(v.features, feature)
        if own and own not in found:
            found.append(own)
    return found[:2]


def _list_block(vehicles: Sequence[VehicleView], ctx: _Ctx, notes: dict[int, str] | None = None) -> str:
    notes = notes or {}
    if ctx.sms:
        return "; ".join(_describe(v, ctx, note=notes.get(v.id, "")) for v in vehicles) + "."
    return "\n".join(f"- {_describe(v, ctx, note=notes.get(v.id, ''))}" for v in vehicles)


_GENERIC_TRIM_WORDS = frozenset({"awd", "fwd", "rwd", "4wd", "4x4", "2wd", "4dr", "2dr", "ivt", "dct", "auto", "cvt"})


def _named_trim_first(vehicles: list[VehicleView], text: str) -> list[VehicleView]:
    """'Is the Palisade XRT available?': when the customer names a trim, the vehicles with that trim."""
    said = set(re.findall(r"[a-z0-9]+", text.lower()))
    named = [
        v
        for v in vehicles
        if v.trim and any(w in said and w not in _GENERIC_TRIM_WORDS for w in re.findall(r"[a-z0-9]+", v.trim.lower()))
    ]
    return named or vehicles


def _by_identifier(ctx: _Ctx) -> VehicleView | None:
    s = ctx.u.slots
    for v in ctx.vehicles:
        if (s.vin and v.vin.upper() == s.vin) or (s.stock_number and (v.stock_number or "").upper() == s.stock_number):
            return v
    return None


# --------------------------------------------------------------------------------------------------------------
# Intent handlers


def _inventory_answer(ctx: _Ctx, *, asked_specific: bool) -> _Reply:
    """Availability and search share one honest shape: exact matches, else close options, else 'none'."""
    s = ctx.u.slots
    limit = 2 if ctx.sms else 3
    target = _by_identifier(ctx)
    exact = [target] if target else _named_trim_first([v for v in ctx.vehicles if _fits(v, s)], ctx.u.text)
    reply = _Reply()
    if not s.has_vehicle_criteria() and not ctx.vehicles:
        reply.lead.append(_open_search_line(ctx))
        reply.question = ctx.say("ask_budget") if not s.budget_max_cents else ctx.say("ask_when")
        reply.confidence = 0.55
        return reply
    if exact:
        return _exact_answer(ctx, exact[:limit], asked_specific)
    if ctx.vehicles:
        shown = list(ctx.vehicles[:limit])
        if s.has_vehicle_criteria():
            reply.lead.append(ctx.say("no_exact", what=_wanted(s)))
        reply.lead.append(ctx.say("alternatives"))
        notes = {v.id: ", ".join(_notes(v, s)[:2]) for v in shown}
        reply.body.append(_list_block(shown, ctx, notes))
        reply.vehicle_ids = [v.id for v in shown]
        reply.question = ctx.say("ask_which")
        reply.confidence = 0.6
        return reply
    reply.lead.append(ctx.say("no_match", what=_wanted(s)))
    reply.question = ctx.say("ask_notify")
    reply.confidence = 0.55
    return reply


def _open_search_line(ctx: _Ctx) -> str:
    options = {
        "friendly": "I'd love to help you find the right vehicle.",
        "professional": "I'd be glad to help you find the right vehicle.",
        "casual": "Happy to help you find something.",
        "formal": "I would be pleased to help you find a suitable vehicle.",
    }
    kinds = "Are you thinking SUV, truck or sedan, new or pre-owned?"
    return f"{options.get(ctx.tone, options['friendly'])} {kinds}"


def _exact_answer(ctx: _Ctx, exact: Sequence[VehicleView], asked_specific: bool) -> _Reply:
    reply = _Reply(vehicle_ids=[v.id for v in exact], confidence=0.85)
    if len(exact) == 1:
        v = exact[0]
        reply.lead.append(ctx.say("found_one", title=v.title if not ctx.sms else v.short_title))
        reply.lead.append(_facts_sentence(v, ctx))
        highlights = _highlights(v, ctx)
        if highlights and not ctx.sms:
            reply.body.append(f"Its features include {' and '.join(highlights)}.")
        url = ctx.link(v.url)
        if url:
            reply.extras.append(f"You can see the photos and details here: {url}")
        reply.question = ctx.say("ask_test_drive")
    else:
        reply.lead.append(ctx.say("found_many", count=len(exact)))
        reply.body.append(_list_block(exact, ctx))
        reply.question = ctx.say("ask_which")
    if not asked_specific and not ctx.u.slots.budget_max_cents and not ctx.u.slots.monthly_budget_cents:
        reply.confidence = 0.75
    return reply


def _facts_sentence(v: VehicleView, ctx: _Ctx) -> str:
    facts: list[str] = []
    if v.price_cents is not None:
        facts.append(f"it's listed at {price_text(v.price_cents)}")
    if v.mileage is not None and (v.condition != "new" or v.mileage >= 1000):
        facts.append(f"has {v.mileage:,} miles")
    if v.exterior_color and not ctx.sms:
        facts.append(f"is finished in {v.exterior_color}")
    if not facts:
        return f"Stock number {v.stock_number}." if v.stock_number else ""
    sentence = ", ".join(facts[:-1]) + (" and " if len(facts) > 1 else "") + facts[-1]
    stock = f" (stock {v.stock_number})" if v.stock_number and not ctx.sms else ""
    return f"{sentence[0].upper()}{sentence[1:]}{stock}."


_ATTRIBUTE_QUESTION = re.compile(
    r"\b(?:is|does|do|has|have|are|can|what|how many|which)\b.*\b(?:it|this|that|the one|this one|that one|they)\b"
    r"|\bhow many miles\b|\bwhat colou?r\b|\bmileage\b",
    re.IGNORECASE,
)


def _attribute_answer(ctx: _Ctx) -> _Reply | None:
    """'Is it AWD?', 'does it have heated seats?', 'how many miles?' about the vehicle in context."""
    s = ctx.u.slots
    if not ctx.vehicles or not ctx.u.is_question or not _ATTRIBUTE_QUESTION.search(ctx.u.text):
        return None
    if len(ctx.vehicles) > 1 and (s.models or s.makes):
        return None
    v = _by_identifier(ctx) or ctx.vehicles[0]
    answers = [a for a in _attribute_facts(v, ctx) if a]
    if not answers:
        return None
    reply = _Reply(vehicle_ids=[v.id], confidence=0.8, question=ctx.say("ask_test_drive"))
    reply.lead.extend(answers[:3])
    return reply


def _with_article(feature: str) -> str:
    countable = ("sunroof", "backup camera", "360 camera", "towing package", "power liftgate", "heated steering wheel")
    return f"a {feature}" if feature in countable else feature


_DRIVE_WORDS = {
    "AWD": "all-wheel drive (AWD)",
    "4WD": "four-wheel drive (4WD)",
    "FWD": "front-wheel drive (FWD)",
    "RWD": "rear-wheel drive (RWD)",
}


def _attribute_facts(v: VehicleView, ctx: _Ctx) -> list[str]:
    s, title = ctx.u.slots, (v.short_title if ctx.sms else v.title)
    out: list[str] = []
    for wanted in s.drivetrains:
        if drivetrain_matches(v.drivetrain, wanted):
            out.append(f"Yes, the {title} is {_DRIVE_WORDS.get(wanted, wanted)}.")
        elif v.drivetrain:
            out.append(f"The {title} is listed as {v.drivetrain}, not {wanted}.")
        else:
            out.append(f"I don't see the drivetrain listed for the {title}; a team member can confirm it.")
    if s.fuel_types:
        out.append(f"The {title} is listed as {v.fuel_type}." if v.fuel_type else "")
    for feature in s.features:
        own = feature_matches(v.features, feature)
        out.append(
            f"Yes, its feature list includes {own}."
            if own
            else f"I don't see {_with_article(feature)} in its feature list; a team member can double-check that."
        )
    if s.colors or re.search(r"\bcolou?r\b", ctx.u.text, re.IGNORECASE):
        out.append(f"It's finished in {v.exterior_color}." if v.exterior_color else "")
    if re.search(r"\bmiles\b|\bmileage\b", ctx.u.text, re.IGNORECASE) and v.mileage is not None:
        out.append(f"The {title} has {v.mileage:,} miles.")
    return out


def _availability(ctx: _Ctx) -> _Reply:
    return _attribute_answer(ctx) or _inventory_answer(ctx, asked_specific=True)


def _search(ctx: _Ctx) -> _Reply:
    reply = _attribute_answer(ctx) or _inventory_answer(ctx, asked_specific=False)
    s = ctx.u.slots
    if len(reply.vehicle_ids) > 1 and not s.budget_max_cents and not s.monthly_budget_cents:
        reply.question = ctx.say("ask_budget")  # several options and no budget yet: narrow it down
    return reply


def _price(ctx: _Ctx) -> _Reply:
    target = _by_identifier(ctx)
    priced = [target] if target else list(ctx.vehicles[: 2 if ctx.sms else 3])
    reply = _Reply(vehicle_ids=[v.id for v in priced], confidence=0.75)
    if not priced:
        reply.lead.append("I'd be happy to share pricing.")
        reply.question = "Which vehicle are you interested in? I can look up its listed price."
        reply.confidence = 0.5
        return reply
    listed = [v for v in priced if v.price_cents is not None]
    if len(priced) == 1:
        v = priced[0]
        title = v.short_title if ctx.sms else v.title
        reply.lead.append(
            f"The {title} is listed at {price_text(v.price_cents)}."
            if v.price_cents is not None
            else f"I don't have a listed price for the {title} yet; a team member can get it to you."
        )
    else:
        reply.lead.append("Here are the listed prices:")
        reply.body.append(_list_block(priced, ctx))
    if listed:
        reply.extras.append(
            "Taxes, fees and any current incentives are confirmed by a team member with the final numbers."
        )
    reply.question = "Would you like a team member to put together the out-the-door numbers for you?"
    return reply


def _trade_in(ctx: _Ctx) -> _Reply:
    trade = ctx.u.slots.trade_in
    reply = _Reply(confidence=0.7)
    known = []
    if trade and trade.year:
        known.append(f"a {trade.year}")
    if trade and trade.mileage is not None:
        known.append(f"about {trade.mileage:,} miles")
    thanks = "Thanks for the details on your trade-in" + (f": {' with '.join(known)}" if known else "") + "."
    reply.lead.append(thanks if trade else "We'd be glad to look at your trade-in.")
    reply.lead.append("Our team appraises trade-ins in person, so I can't put a number on it here.")
    url = ctx.link(ctx.persona.text_argument("trade_in_url"))
    if url:
        reply.extras.append(f"You can get a head start with our online trade-in form: {url}")
    missing = []
    if not trade or not trade.year:
        missing.append("year")
    if not trade or not (trade.make or trade.model):
        missing.append("make and model")
    if not trade or trade.mileage is None:
        missing.append("mileage")
    missing.append("overall condition")
    items = ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
    reply.question = f"Could you share its {items}?"
    return reply


def _financing(ctx: _Ctx, lease: bool = False) -> _Reply:
    kind = "lease" if lease else "financing"
    reply = _Reply(confidence=0.7)
    reply.lead.append(
        f"Our finance team can walk you through {kind} options that fit your situation."
        if ctx.tone != "formal"
        else f"Our finance department would be pleased to review {kind} options with you."
    )
    reply.lead.append("I'm not able to quote rates or payments here; a specialist confirms those with you.")
    url = ctx.link(ctx.persona.text_argument("finance_application_url"))
    if url:
        reply.extras.append(f"If you'd like to get started, you can apply securely online: {url}")
    reply.question = "Would you like a finance specialist to reach out to you?"
    return reply


_DAY_TIME = re.compile(
    r"\b(?:today|tomorrow|tonight|this weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"(?:\s+(?:morning|afternoon|evening))?(?:\s+(?:at|around|@)\s*\d{1,2}(?::\d\d)?\s*(?:am|pm)?)?"
    r"|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b",
    re.IGNORECASE,
)


def _test_drive(ctx: _Ctx) -> _Reply:
    v = _by_identifier(ctx) or (ctx.vehicles[0] if len(ctx.vehicles) == 1 else None)
    reply = _Reply(vehicle_ids=[v.id] if v else [], confidence=0.8)
    what = f" of the {v.short_title if ctx.sms else v.title}" if v else ""
    reply.lead.append(f"I'd be glad to set up a test drive{what}.")
    when = _DAY_TIME.search(ctx.u.text)
    if when:
        day = re.sub(r"\b[a-z]+day\b", lambda m: m.group().capitalize(), when.group().strip().lower())
        reply.lead.append(f"I'll pass {day} along to the team, and they'll confirm the time with you.")
        reply.question = "Is there anything you'd like us to have ready for your visit?"
    else:
        reply.question = "What day and time work best for you?"
    if ctx.dealership.hours_text and not ctx.sms:
        reply.extras.append(f"Our hours are {ctx.dealership.hours_text.rstrip('.')}.")
    return reply


def _hours_location(ctx: _Ctx) -> _Reply:
    d = ctx.dealership
    reply = _Reply(confidence=0.85)
    if d.location:
        reply.lead.append(f"You'll find us at {d.location}.")
    if d.hours_text:
        reply.lead.append(f"Our hours are {d.hours_text.rstrip('.')}.")
    if d.phone:
        reply.lead.append(f"You can reach us at {d.phone}.")
    if not reply.lead:
        reply.lead.append("I'll have a team member send you our hours and directions.")
        reply.confidence = 0.4
    url = ctx.link(d.website) if not d.location else None
    if url:
        reply.extras.append(f"Directions and more are on our website: {url}")
    reply.question = "Would you like to set up a time to stop by?"
    return reply


def _service(ctx: _Ctx) -> _Reply:
    reply = _Reply(confidence=0.6)
    reply.lead.append("Our service department is the right team for that.")
    if ctx.dealership.phone:
        reply.lead.append(f"The quickest way to book is to call us at {ctx.dealership.phone} and ask for service.")
    reply.question = "Would you like me to pass your request to the service team so they can reach out?"
    return reply


def _human(ctx: _Ctx) -> _Reply:
    reply = _Reply(confidence=0.9)
    persona = _persona_name(ctx.persona)
    if ctx.u.asks_if_bot and not ctx.u.wants_human:
        who = f"I'm {persona}, {ctx.dealership.name}'s virtual assistant." if persona else "I'm a virtual assistant."
        reply.lead.append(
            f"{who} I can answer questions about our inventory, and connect you with a team member any time."
        )
        reply.question = "Would you like me to do that, or is there something I can look up for you?"
        return reply
    reply.lead.append("Of course. I'll let our team know you'd like to talk with a person, and someone will reach out.")
    if ctx.dealership.phone:
        reply.extras.append(f"If you'd rather call, we're at {ctx.dealership.phone}.")
    reply.question = "What's the best way and time to reach you?"
    return reply


def _stop(ctx: _Ctx) -> _Reply:
    reply = _Reply(confidence=0.99)
    reply.lead.append("You're unsubscribed and won't receive further messages from us.")
    reply.question = "Reply START to opt back in." if ctx.sms else "If you'd like to pick this back up, just reply."
    return reply


def _not_interested(ctx: _Ctx) -> _Reply:
    reply = _Reply(confidence=0.85)
    reply.lead.append("Understood, and thanks for letting us know.")
    reply.question = "If anything changes, just reply and we'll be glad to help."
    return reply


def _thanks(ctx: _Ctx) -> _Reply:
    return _Reply(lead=[ctx.say("welcome")], question=ctx.say("ask_else"), confidence=0.9)


def _greeting(ctx: _Ctx) -> _Reply:
    reply = _Reply(greet=True, confidence=0.85)
    reply.question = "Are you shopping for something specific, or would you like to see what's on our lot?"
    return reply


def _other(ctx: _Ctx) -> _Reply:
    reply = _Reply(confidence=0.3)
    reply.lead.append("Thanks for your message. I want to make sure I point you in the right direction.")
    reply.question = "Could you tell me a bit more about what you're looking for?"
    return reply


_HANDLERS: dict[str, Callable[[_Ctx], _Reply]] = {
    "availability": _availability,
    "inventory_search": _search,
    "price": _price,
    "trade_in": _trade_in,
    "financing": _financing,
    "lease": lambda ctx: _financing(ctx, lease=True),
    "test_drive": _test_drive,
    "hours_location": _hours_location,
    "service": _service,
    "human_request": _human,
    "stop": _stop,
    "not_interested": _not_interested,
    "thanks": _thanks,
    "greeting": _greeting,
    "other": _other,
}


def _addendum(intent: str, ctx: _Ctx) -> str | None:
    """One sentence for a second intent ('...and I can help with your trade-in too')."""
    if intent == "trade_in":
        url = None if ctx.sms else ctx.link(ctx.persona.text_argument("trade_in_url"))
        tail = f" You can start with our online trade-in form: {url}" if url else ""
        return "I can also help with your trade-in; our team appraises it in person." + tail
    if intent in ("financing", "lease"):
        url = None if ctx.sms else ctx.link(ctx.persona.text_argument("finance_application_url"))
        tail = f" You can apply securely online: {url}" if url else ""
        return "A finance specialist can go over your options with you." + tail
    if intent == "test_drive":
        return "I'd be glad to set up a test drive whenever you're ready."
    if intent == "hours_location" and (ctx.dealership.hours_text or ctx.dealership.location):
        where = f" at {ctx.dealership.location}" if ctx.dealership.location else ""
        hours = f" Our hours are {ctx.dealership.hours_text.rstrip('.')}." if ctx.dealership.hours_text else ""
        return f"We're located{where}.{hours}" if where else hours.strip()
    return None


# --------------------------------------------------------------------------------------------------------------
# Assembly


def _main_intent(u: Understanding) -> str:
    """The intent to answer first: an inventory question outranks a trade-in or financing aside."""
    primary = u.primary if u.primary in _HANDLERS else "other"
    inventory = next((i for i in u.intents[1:3] if i in ("availability", "inventory_search")), None)
    if (
        primary in ("trade_in", "financing", "lease")
        and "availability" in u.intents
        and u.is_question
        and u.slots.models
    ):
        return inventory or "availability"
    return primary


def _opening(ctx: _Ctx, reply: _Reply) -> list[str]:
    opening: list[str] = []
    name = safe_name(ctx.first_name)
    if reply.greet or ctx.first_contact or ctx.channel == "email":
        opening.append(ctx.say("hello", name=f" {name}" if name else "", cname=f", {name}" if name else ""))
    persona = _persona_name(ctx.persona)
    if ctx.first_contact and persona and ctx.u.primary not in ("stop", "not_interested", "thanks"):
        opening.append(ctx.say("intro", persona=persona, dealer=ctx.dealership.name))
    return opening


def _render(ctx: _Ctx, reply: _Reply, opening: list[str], drop_extras: int = 0) -> str:
    extras = reply.extras[: len(reply.extras) - drop_extras] if drop_extras else reply.extras
    lead = [part for part in reply.lead if part]
    first = [" ".join(opening + lead)] if len(opening) + len(lead) <= 3 else [" ".join(opening), " ".join(lead)]
    paragraphs = [*first, *reply.body, *extras, reply.question]
    return layout([_voice(p.strip(), ctx.tone) for p in paragraphs if p and p.strip()])


def compose_reply(
    u: Understanding,
    *,
    persona: PersonaView,
    dealership: DealershipView,
    vehicles: Sequence[VehicleView],
    history: Sequence[Turn] = (),
    channel: str = "chat",
    customer_first_name: str | None = None,
    sms_max_chars: int = 320,
) -> Draft:
    """The builtin reply to one understood customer message."""
    tone = persona.tone if persona.tone in TONES else "friendly"
    ctx = _Ctx(
        u,
        persona,
        dealership,
        vehicles,
        history,
        channel,
        customer_first_name,
        random.Random(_seed(u, persona, history)),
        tone,
    )
    intent = _main_intent(u)
    reply = _HANDLERS[intent](ctx)
    if intent not in ("stop", "not_interested", "human_request", "thanks", "greeting"):
        for other in u.intents[:3]:
            extra = _addendum(other, ctx) if other != intent else None
            if extra:
                reply.extras.insert(0, extra)
                break
    opening = [] if intent == "stop" else _opening(ctx, reply)
    text = _render(ctx, reply, opening)
    drop = 0
    while ctx.sms and len(text) > sms_max_chars and drop < len(reply.extras):
        drop += 1
        text = _render(ctx, reply, opening, drop)
    if ctx.sms and len(text) > sms_max_chars and opening:
        text = _render(ctx, reply, opening[:1], drop)
    return Draft(
        text=text,
        intent=intent,
        vehicle_ids=reply.vehicle_ids,
        confidence=round(reply.confidence, 2),
        suggested_type=_TYPE_BY_INTENT.get(intent, "general"),
    )


def search_terms(u: Understanding) -> dict[str, Any]:
    """Filters for the inventory search. Models match by prefix ('Santa Fe' finds 'Santa Fe Hybrid')."""
    s = u.slots
    query = " ".join(s.models or s.makes)
    return {
        "makes": list(s.makes),
        "models": list(s.models),
        "body_styles": list(s.body_styles),
        "colors": list(s.colors),
        "drivetrains": list(s.drivetrains),
        "fuel_types": list(s.fuel_types),
        "condition": s.condition,
        "price_max_cents": s.budget_max_cents,
        "price_min_cents": s.budget_min_cents,
        "year_min": s.year_min,
        "year_max": s.year_max,
        "mileage_max": s.mileage_max,
        "features": list(s.features),
        "stock_number": s.stock_number,
        "vin": s.vin,
        "query": query,
    }
