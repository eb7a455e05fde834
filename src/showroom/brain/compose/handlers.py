"""One handler per intent (an honest answer from the vehicles in context and the dealership's data), and
the one-sentence addendum for a second intent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from showroom.brain.compose.context import _Ctx, _persona_name, _Reply
from showroom.brain.compose.vehicles import (
    _by_identifier,
    _feature_phrase,
    _fits,
    _highlights,
    _list_block,
    _named_trim_first,
    _notes,
    _wanted,
    _with_article,
    wrong_make_line,
)
from showroom.brain.guardrails import price_text
from showroom.brain.nlu.attributes import drivetrain_fits, drivetrain_matches, feature_of
from showroom.brain.types import VehicleView
from showroom.vocabulary import Tone, VehicleCondition

FULL_SEARCH = 5  # the pipeline reads at most five units (agent.context.MAX_VEHICLES): five may mean more


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
    fixes = [wrong_make_line(fix) for fix in s.wrong_makes[:1]]
    if exact:
        # more than shown, or maybe more than the search read: never a count that is not the lot's
        more = len(exact) > limit or len(ctx.vehicles) >= FULL_SEARCH
        answer = _exact_answer(ctx, exact[:limit], asked_specific, more=more)
        answer.lead[:0] = fixes
        return answer
    reply.lead.extend(fixes)
    if ctx.vehicles:
        shown = list(ctx.vehicles[:limit])
        if s.has_vehicle_criteria():
            reply.lead.append(ctx.say("no_exact", what=_wanted(s)))
        reply.lead.append(ctx.say("alternatives"))
        notes = {v.id: ", ".join(_notes(v, s)[:3]) for v in shown}
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
        Tone.friendly: "I'd love to help you find the right vehicle.",
        Tone.professional: "I'd be glad to help you find the right vehicle.",
        Tone.casual: "Happy to help you find something.",
        Tone.formal: "I would be pleased to help you find a suitable vehicle.",
    }
    kinds = "Are you thinking SUV, truck or sedan, new or pre-owned?"
    return f"{options.get(ctx.tone, options[Tone.friendly])} {kinds}"


def _exact_answer(ctx: _Ctx, exact: Sequence[VehicleView], asked_specific: bool, *, more: bool = False) -> _Reply:
    reply = _Reply(vehicle_ids=[v.id for v in exact], confidence=0.85)
    if len(exact) == 1 and not more:
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
        reply.lead.append(ctx.say("found_some" if more else "found_many", count=len(exact)))
        reply.body.append(_list_block(exact, ctx))
        reply.question = ctx.say("ask_which")
    if not asked_specific and not ctx.u.slots.budget_max_cents and not ctx.u.slots.monthly_budget_cents:
        reply.confidence = 0.75
    return reply


def _facts_sentence(v: VehicleView, ctx: _Ctx) -> str:
    facts: list[str] = []
    if v.price_cents is not None:
        facts.append(f"it's listed at {price_text(v.price_cents)}")
    if v.mileage is not None and (v.condition != VehicleCondition.new or v.mileage >= 1000):
        facts.append(f"has {v.mileage:,} miles")
    if v.exterior_color and not ctx.sms:
        facts.append(f"is finished in {v.exterior_color}")
    if not facts:
        return f"Stock number {v.stock_number}." if v.stock_number else ""
    if not facts[0].startswith("it's"):
        facts[0] = f"it {facts[0]}"
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
        elif drivetrain_fits(v.drivetrain, wanted):
            out.append(f"The {title} is listed as {v.drivetrain}, which drives all four wheels.")
        elif v.drivetrain:
            out.append(f"The {title} is listed as {v.drivetrain}, not {wanted}.")
        else:
            out.append(f"I don't see the drivetrain listed for the {title}; a team member can confirm it.")
    if s.fuel_types:
        out.append(f"The {title} is listed as {v.fuel_type}." if v.fuel_type else "")
    for feature in s.features:
        own = feature_of(v, feature)
        if own and own not in v.features:  # known of the model or its fuel, not listed by the feed
            known = "has a third row of seats" if feature == "third row seating" else f"is listed as {own}"
            out.append(f"Yes, the {title} {known}.")
            continue
        out.append(
            f"Yes, its feature list includes {own}."
            if own
            else f"I don't see {_with_article(_feature_phrase(feature))} in its feature list; a team member can "
            "double-check that."
        )
    colour_question = re.search(r"\bcolou?r\b|\b(?:is|are)\s+(?:it|they|that one|this one)\b", ctx.u.text, re.I)
    if colour_question and (s.colors or re.search(r"\bcolou?r\b", ctx.u.text, re.IGNORECASE)):
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
        if ctx.tone != Tone.formal
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
    if ctx.referred and ctx.vehicles:  # "which of those is newest": the one the customer pointed at
        return _exact_answer(ctx, ctx.vehicles[:1], asked_specific=True)
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
