"""One handler per intent (an honest answer from the vehicles in context and the dealership's data), and
the one-sentence addendum for a second intent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from showroom.brain.compose.context import _Ctx, _persona_name, _Reply, safe_name
from showroom.brain.compose.vehicles import (
    _CONDITION_WORDS,
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
from showroom.brain.dialogue import (
    ALONE,
    ASKED_OF_IT,
    BOTH,
    GAS_VS_HYBRID,
    MPG_ASKED,
    SAME_CAR,
    asks_colours,
    asks_condition,
    asks_for_more,
    asks_trims,
    contact_given,
    given_name,
    names_by_fuel,
    side_by_side,
    superlative,
    unrated,
    version_question,
)
from showroom.brain.guardrails import price_text
from showroom.brain.i18n import colour_name
from showroom.brain.nlu.attributes import (
    MODEL_MPG,
    body_matches,
    color_family,
    color_matches,
    drivetrain_fits,
    drivetrain_matches,
    drivetrains_named,
    feature_of,
    fuel_matches,
    model_matches,
    transmissions_named,
    vehicle_fuel,
)
from showroom.brain.nlu.figures import Rated, rated
from showroom.brain.nlu.intents import DEFERRAL
from showroom.brain.nlu.knowledge import segment, size_order, three_rows_since, trim_rank
from showroom.brain.nlu.understanding import Slots, Understanding
from showroom.brain.nlu.when import WEEKDAYS, capitalise_weekdays, find_day, weekday_said
from showroom.brain.types import VehicleView, display_name
from showroom.vocabulary import Tone, VehicleCondition

FULL_SEARCH = 5  # the pipeline reads at most five units (agent.context.MAX_VEHICLES): five may mean more


def _inventory_answer(ctx: _Ctx, *, asked_specific: bool) -> _Reply:
    """Availability and search share one honest shape: exact matches, else close options, else 'none'."""
    s = ctx.u.slots
    limit = 2 if ctx.sms else 5
    target = _by_identifier(ctx)
    wished = replace(s, fuel_types=[]) if asks_fuel_of(ctx.u) else s  # "is it a plug-in?" asks, never filters
    wished = replace(wished, body_styles=[]) if asks_body_of(ctx.u) else wished  # "is the forte a sedan?" too
    wished = replace(wished, transmissions=[]) if asks_gearbox_of(ctx.u) else wished  # "el forte verde es manual?"
    exact = [target] if target else _named_trim_first([v for v in ctx.vehicles if _fits(v, wished)], ctx.u.text)
    reply = _Reply()
    if not s.has_vehicle_criteria() and not ctx.vehicles and _THIS_ONE.search(ctx.u.text):
        # "is this still available?" with no car named: which one, not a questionnaire
        reply.lead.append(ctx.t("Happy to check!"))
        reply.question = ctx.t(
            "A link, the stock number, or the year and model is all I need: which one are you looking at?"
        )
        reply.confidence = 0.6
        return reply
    if not s.has_vehicle_criteria() and not ctx.vehicles:
        reply.lead.append(_open_search_line(ctx))
        reply.question = ctx.say("ask_budget") if not s.budget_max_cents else ctx.say("ask_when")
        reply.confidence = 0.55
        return reply
    fixes = [wrong_make_line(fix, ctx.language) for fix in s.wrong_makes[:1]]
    if ctx.seen == "all":  # "under 40k", "any others?" when no car but those shown fits: said so, listed once
        fitting = [v for v in ctx.vehicles if v.exact]
        if len(fitting) == 1:  # "what about a little over, like 26" when the one car seen is still the only one
            alone = fitting[0]
            title = alone.short_title if ctx.sms else alone.title
            priced = f" ({price_text(alone.price_cents)})" if alone.price_cents is not None else ""
            reply.lead.append(
                ctx.t("The {title}{price} is still the only one that fits that.", title=title, price=priced)
            )
            reply.vehicle_ids = [alone.id]
            reply.question = ctx.t("Would you like me to widen the search, or take a closer look at it?")
            reply.confidence = 0.7
            return reply
        again = _on_screen(ctx, fitting) and len(fitting) > 2
        reply.lead.append(ctx.t("The ones I showed you are all that fit that." if again else "Only these fit that:"))
        if not again:
            reply.body.append(_list_block(fitting[:limit], ctx))
            reply.vehicle_ids = [v.id for v in fitting[:limit]]
        reply.question = ctx.t("Would you like me to widen the search, or take a closer look at one of them?")
        reply.confidence = 0.7
        return reply
    if ctx.seen == "wider" and ctx.vehicles:  # "anything cheaper?" when no unit of that model is: other models
        reply.lead.append(ctx.t("Nothing of the kind you named fits that, but these do if you're open to others:"))
        reply.body.append(_list_block(ctx.vehicles[:limit], ctx))
        reply.vehicle_ids = [v.id for v in ctx.vehicles[:limit]]
        reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
        reply.confidence = 0.75
        return reply
    if exact and ctx.seen == "end":  # "more?" when every car that fits was shown
        every = exact[0].matching if exact[0].from_search and exact[0].matching else len(exact)
        reply.lead.append(ctx.t("That's all of them: I've shown you every one of the {total} that fit.", total=every))
        reply.question = ctx.t("Would you like me to widen the search, or take a closer look at one of them?")
        reply.confidence = 0.75
        return reply
    if exact and ctx.seen == "next":  # "more?", "the rest": the next ones of the list, and how many are left
        page = exact[:limit]
        left = (exact[0].matching or len(exact)) - len(page) if exact[0].from_search else len(exact) - len(page)
        if len(page) == 1 and not left:
            reply.lead.append(ctx.t("There's one more that fits:"))
        elif not left:
            reply.lead.append(ctx.t("Here are the other {count} that fit:", count=len(page)))
        elif left == 1:
            reply.lead.append(ctx.t("Here are {count} more, and there's one after these:", count=len(page)))
        else:
            reply.lead.append(
                ctx.t("Here are {count} more, and there are {left} after these:", count=len(page), left=left)
            )
        reply.body.append(_list_block(page, ctx))
        reply.vehicle_ids = [v.id for v in page]
        reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
        reply.confidence = 0.8
        return reply
    if exact and ctx.seen == "more":  # the cars shown fit too: the next ones, not the same list again
        reply.lead.append(ctx.t("The ones I showed you fit that too. Here are more that do:"))
        reply.body.append(_list_block(exact[:limit], ctx))
        reply.vehicle_ids = [v.id for v in exact[:limit]]
        reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
        reply.confidence = 0.8
        return reply
    if exact and asks_body_of(ctx.u):  # "is the forte a sedan or hatchback": its listings' body type
        said = _body_said(ctx, exact)
        if _on_screen(ctx, exact[:limit]):  # the cars are in the last reply: the answer alone
            return _Reply(lead=[said], question=ctx.say("ask_which"), confidence=0.85)
        answer = _without_cheer(_exact_answer(ctx, exact[:limit], asked_specific, more=len(exact) > limit))
        answer.lead[:0] = [said]  # one yes is enough
        return answer
    if exact and asks_gearbox_of(ctx.u):  # "el forte verde es manual?": answered of the unit
        answer = _without_cheer(_exact_answer(ctx, exact[:1], asked_specific, more=False))
        # the answer says yes or no itself: no cheer before the car's facts
        answer.lead[:0] = [_gearbox_fact(exact[0], ctx, exact[0].short_title if ctx.sms else exact[0].title)]
        return answer
    if exact and asks_fuel_of(ctx.u):  # "is the santa fe hybrid a plug-in?": answered of the unit, then the rest
        answer = _exact_answer(ctx, exact[:1], asked_specific, more=False)
        answer.lead[:0] = [_fuel_said(ctx, exact[0])]
        return answer
    if exact:
        # more than shown, or maybe more than the search read: never a count that is not the lot's
        more = len(exact) > limit or len(ctx.vehicles) >= FULL_SEARCH
        # the search's own count of what fits, when every unit it read fits here too ("we have 14; here are 5")
        total = exact[0].matching if more and len(exact) == len(ctx.vehicles) and exact[0].from_search else None
        answer = _said_left_out(ctx, _exact_answer(ctx, exact[:limit], asked_specific, more=more, total=total))
        answer.lead[:0] = fixes
        return answer
    reply.lead.extend(fixes)
    contradicted = [v for v in ctx.vehicles if _drive_contradicted(v, s)]
    if contradicted:  # "any Ioniq 6 with AWD?": its trim says AWD, its drivetrain field RWD: neither said as fact
        v = contradicted[0]
        named = drivetrains_named(v.trim)[0]
        reply.lead.append(
            ctx.t(
                "The {title}'s trim says {named}, but our listing's drivetrain field says {drive}, so a team "
                "member will confirm which it is.",
                title=v.short_title if ctx.sms else v.title,
                named=named,
                drive=v.drivetrain,
            )
        )
        reply.body.append(_list_block(contradicted[:limit], ctx))
        reply.vehicle_ids = [u.id for u in contradicted[:limit]]
        reply.question = ctx.ask("visit_request", ctx.say("ask_which" if len(contradicted) > 1 else "ask_test_drive"))
        reply.confidence = 0.6
        return reply
    if ctx.vehicles:
        shown = list(ctx.vehicles[:limit])
        plain = replace(s, features=[])
        but_features = [v for v in shown if _fits(replace(v, exact=True), plain)]  # "any sunroof on the white tucson"
        if s.features and but_features and all(not v.features for v in but_features):
            shown = but_features
            # "captain's chairs would be nice": the listings carry no equipment, so none is "without" it
            feature = _with_article(_feature_phrase(s.features[0]), ctx)
            one = shown[0].short_title if ctx.sms else shown[0].title
            reply.lead.append(
                ctx.t(
                    "Our listing for the {title} doesn't include its equipment, so I can't confirm {feature}; a team "
                    "member can check it on the car for you.",
                    title=one,
                    feature=feature,
                )
                if len(shown) == 1  # "the low mile one, heated seats?"
                else ctx.t(
                    "Our listings don't say which have {feature}, so I can't say for sure; here's what fits "
                    "everything else:",
                    feature=feature,
                )
            )
            reply.body.append(_list_block(shown, ctx))
            reply.vehicle_ids = [v.id for v in shown]
            reply.question = ctx.ask("visit_request", ctx.say("ask_which" if len(shown) > 1 else "ask_test_drive"))
            reply.confidence = 0.6
            return reply
        if s.models and not any(model_matches(v.model, m) for v in shown for m in s.models):
            # "any jeep wranglers?" when the lot has none at all: said plainly, not "no AWD Wrangler in your budget";
            # once ("under 20k" after "no CR-V": the closest under 20k, not "I'm not seeing a CR-V" again)
            missing = _wanted(Slots(makes=s.makes, models=s.models), ctx.language)
            if not ctx.said_before(missing):
                reply.lead.append(ctx.say("no_exact", what=missing))
        elif s.has_vehicle_criteria() and not ctx.said_before(_wanted(s, ctx.language)):
            reply.lead.append(ctx.say("no_exact", what=_wanted(s, ctx.language)))
        reply.lead.append(ctx.say("alternatives"))
        notes = {v.id: ", ".join(_notes(v, s, ctx.language)[:3]) for v in shown}
        reply.body.append(_list_block(shown, ctx, notes))
        reply.vehicle_ids = [v.id for v in shown]
        reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
        reply.confidence = 0.6
        return reply
    reply.lead.append(ctx.say("no_match", what=_wanted(s, ctx.language)))
    reply.question = ctx.say("ask_notify")
    reply.confidence = 0.55
    return reply


_THIS_ONE = re.compile(
    r"\b(?:is|it|this|that|the car|the truck|it's|its)\s+(?:one\s+)?(?:still\s+)?"
    r"(?:available|there|for sale|in stock)\b|\bstill (?:available|have it|got it|for sale|there)\b"
    r"|\b(?:sigue|est[aá]) disponible\b|\btodav[ií]a (?:lo|la) tienen\b",
    re.IGNORECASE,
)


_FUEL_NAMES = (
    r"(?:plug-?in|phev|hybrid|h[ií]brid[oa]|electric|ev|el[eé]ctric[oa]|gas|gasoline|gasolina|diesel|di[eé]sel|flex)"
)
# "la titan es diesel o gasolina", "is it gas or hybrid": which fuel, said plainly (no "no, ... not diesel")
_EITHER_FUEL = re.compile(rf"\b{_FUEL_NAMES}\s+(?:or|o)\s+{_FUEL_NAMES}\b", re.IGNORECASE)
_IS_A_FUEL = re.compile(
    r"^\W*(?:so\s+|and\s+)?(?:is|are|es|son)\s+(?!there\b|any\b|hay\b)[^?.!]*\b(?:a\s+|an\s+|full\s+|fully\s+)?"
    rf"{_FUEL_NAMES}\b|{_EITHER_FUEL.pattern}",
    re.IGNORECASE,
)
_FUEL_WORDS = {
    "Hybrid": "a hybrid",
    "Plug-In Hybrid": "a plug-in hybrid",
    "Electric": "fully electric",
    "Gasoline": "gas-powered",
    "Diesel": "a diesel",
    "Flex": "flex-fuel (it runs on gasoline or E85)",
    "Flex Fuel": "flex-fuel (it runs on gasoline or E85)",
}


_BODY_NAMES = (
    r"(?:sedan|suv|crossover|truck|pickup|hatch(?:back)?|coupe|convertible|minivan|van|wagon|sed[aá]n|camioneta"
    r"|troca)"
)
_IS_A_KIND = re.compile(
    r"^\W*(?:so\s+|and\s+|ok\s+|y\s+)?(?:is|are|es|son)\s+(?!there\b|any\b|hay\b)[^?.!]*\b(?:a|an|un|una)?\s*"
    rf"{_BODY_NAMES}\b",
    re.IGNORECASE,
)


def asks_body_of(u: Understanding) -> bool:
    """ "Is the forte a sedan or hatchback?", "is the santa cruz a truck": a question about a model's kind, answered
    from its units' listings, not a filter that would find none ("we don't have a hatchback Forte")."""
    s = u.slots
    return bool(s.body_styles and (s.models or s.makes) and _IS_A_KIND.search(u.text))


def _body_said(ctx: _Ctx, cars: Sequence[VehicleView]) -> str:
    """The answer to "is the forte a sedan?" of the units found: the body type their listings give."""
    styles = list(dict.fromkeys(v.body_style for v in cars if v.body_style))
    model = display_name(cars[0].model) if cars else ""
    if not styles:
        return ctx.t("Our listings don't say what body type the {model} is; a team member can confirm it.", model=model)
    asked = ctx.u.slots.body_styles
    if len(styles) == 1 and len(asked) == 1:
        if body_matches(styles[0], asked[0]):
            return ctx.t("Yes, the {model} is listed as {kind}.", model=model, kind=_a_kind(styles[0]))
        return ctx.t(
            "No, the {model} is listed as {kind}, not {wanted}.",
            model=model,
            kind=_a_kind(styles[0]),
            wanted=_a_kind(asked[0]),
        )
    if len(styles) == 1:
        return ctx.t("The {model} is listed as {kind}.", model=model, kind=_a_kind(styles[0]))
    return ctx.t("We have the {model} listed as {kinds}.", model=model, kinds=ctx.join([_a_kind(b) for b in styles]))


_IS_A_GEARBOX = re.compile(
    r"^\W*(?:so\s+|and\s+|ok\s+|y\s+)?(?:is|are|es|son|does|do|tiene)\s+(?!there\b|any\b|hay\b)[^?.!]*"
    r"\b(?:manual|stick(?: shift)?|standard|est[aá]ndar|autom[aá]tic[oa]?|automatic|auto)\b"
    # "el forte verde es manual?", "the green one is a stick?": the car first, then the question
    r"|\b(?:is|es)\s+(?:a\s+|an\s+|un\s+)?(?:manual|stick(?: shift)?|standard|est[aá]ndar|autom[aá]tic[oa]?|automatic)"
    r"\s*\?",
    re.IGNORECASE,
)


def asks_gearbox_of(u: Understanding) -> bool:
    """ "El forte verde es manual?", "is the mazda3 a stick": a question about a car's transmission, answered from its
    listing, not a filter that would find none ("we don't have a green automatic Forte")."""
    s = u.slots
    return bool(s.transmissions and (s.models or s.makes) and _IS_A_GEARBOX.search(u.text))


def asks_fuel_of(u: Understanding) -> bool:
    """ "Is the Santa Fe Hybrid a plug-in?", "is the Prius Prime a full EV?": a question about a model's fuel, to
    answer about its units, not a filter that would find none ("we don't have a plug-in Santa Fe")."""
    s = u.slots
    return bool(s.fuel_types and (s.models or s.makes) and _IS_A_FUEL.search(u.text))


def _fuel_said(ctx: _Ctx, v: VehicleView) -> str:
    """The answer to "is it a plug-in?" of one unit: what its name (else the feed) says it runs on."""
    actual = vehicle_fuel(v.fuel_type, v.model, v.trim)
    wanted = ctx.u.slots.fuel_types[0]
    title = v.short_title if ctx.sms else v.title
    if actual is None:
        return ctx.t("Our listing doesn't say what the {title} runs on; a team member can confirm it.", title=title)
    if _EITHER_FUEL.search(ctx.u.text):
        return _runs_on(ctx, v)
    words = _fuel_words(ctx, actual)
    if fuel_matches(actual, wanted) and not (wanted == "Hybrid" and actual == "Plug-In Hybrid"):
        return ctx.t("Yes, the {title} is {fuel}.", title=title, fuel=words)
    return ctx.t(
        "No, the {title} is {fuel}, not {wanted}.",
        title=title,
        fuel=words,
        wanted=ctx.t(_FUEL_WORDS.get(wanted, wanted)),
    )


def _runs_on(ctx: _Ctx, v: VehicleView) -> str:
    """What the unit runs on, said plainly, when the fuel came up but was not the question ("the electric one, is it
    awd?"): no yes or no to a question not asked."""
    actual = vehicle_fuel(v.fuel_type, v.model, v.trim)
    title = v.short_title if ctx.sms else v.title
    if actual is None:
        return ""
    return ctx.t("The {title} is {fuel}.", title=title, fuel=_fuel_words(ctx, actual))


def _fuel_words(ctx: _Ctx, fuel: str) -> str:
    return ctx.t(_FUEL_WORDS.get(fuel, fuel.lower()))


def _drive_contradicted(v: VehicleView, s: Slots) -> bool:
    """The unit fits every wish but the drivetrain, and its trim names the drivetrain wished for while the
    drivetrain field names another (the feed contradicts itself)."""
    if not s.drivetrains or not v.drivetrain:
        return False
    named = drivetrains_named(v.trim)
    wanted = s.drivetrains[0]
    return (
        any(drivetrain_fits(n, wanted) for n in named)
        and not drivetrain_fits(v.drivetrain, wanted)
        and _fits(replace(v, exact=True), replace(s, drivetrains=[]))
    )


def _on_screen(ctx: _Ctx, cars: Sequence[VehicleView]) -> bool:
    """Did the agent's last reply name every one of these cars (an answer need not list them again)?"""
    last = next((t.text for t in reversed(ctx.history) if t.sender in ("ai", "agent")), None)
    return last is not None and all(v.title in last for v in cars)


_CHEER = re.compile(r"^(?:Yes! |¡Sí! |Good news: |¡Buenas noticias! )")


def _without_cheer(answer: _Reply) -> _Reply:
    """The answer with its first line's "Yes!" or "Good news:" taken off, when something else is said first."""
    if answer.lead:
        first = _CHEER.sub("", answer.lead[0])
        answer.lead[0] = first[:1].upper() + first[1:]
    return answer


def _said_left_out(ctx: _Ctx, answer: _Reply) -> _Reply:
    """An answer with the criteria left out of its search said first (``_left_out_words``): a list's line says what it
    is, in place of "Here are 2 that match"; one car's facts come after the line, without their "Yes!"."""
    left_out = _left_out_words(ctx, [v for v in ctx.vehicles if v.id in answer.vehicle_ids])
    if left_out and answer.body:
        answer.lead = left_out
    elif left_out and answer.lead:
        answer.lead = [*left_out, *_without_cheer(answer).lead]
    return answer


def _left_out_words(ctx: _Ctx, cars: Sequence[VehicleView]) -> list[str]:
    """ "I'm not seeing one that's also new, but here's what we have:" when the search left out criteria carried from
    before that no car of the message's own wish met (``_Ctx.relaxed``), and the cars shown do not meet them."""
    r = ctx.relaxed
    named = "|".join(re.escape(m) for m in ctx.u.slots.models)
    if not r or (named and re.search(rf"\b(?:the|that|this)\b[^.?!]{{0,20}}\b(?:{named})", ctx.u.text, re.I)):
        return []  # "the white equinox still there?": a car they know of, not a wish to fit the search before
    parts: list[str] = []
    condition = r.get("condition")
    if condition and any(str(v.condition) != str(condition) for v in cars):
        parts.append(ctx.t(_CONDITION_WORDS.get(condition, "pre-owned")))
    if r.get("price_max_cents") and any((v.price_cents or 0) > r["price_max_cents"] for v in cars):
        limit = r["price_max_cents"]  # "cheaper than that" is a car's price less a cent: said as the price
        parts.append(ctx.t("under {price}", price=price_text(limit + 1 if limit % 100 == 99 else limit)))
    if r.get("colors") and any(not any(color_matches(v.exterior_color, c) for c in r["colors"]) for v in cars):
        parts.append(ctx.t("in {colour}", colour=colour_name(r["colors"][0], ctx.language).lower()))
    if r.get("drivetrains") and any(not drivetrain_fits(v.drivetrain, r["drivetrains"][0]) for v in cars):
        parts.append(r["drivetrains"][0])
    if r.get("fuel_types") and any(
        not fuel_matches(vehicle_fuel(v.fuel_type, v.model, v.trim), r["fuel_types"][0]) for v in cars
    ):
        parts.append(_fuel_words(ctx, r["fuel_types"][0]))
    if r.get("year_min") and any(v.year < r["year_min"] for v in cars):
        parts.append(ctx.t("a {year} or newer", year=r["year_min"]))
    if r.get("mileage_max") and any((v.mileage or 0) > r["mileage_max"] for v in cars):
        parts.append(ctx.t("under {miles} miles", miles=f"{r['mileage_max']:,}"))
    parts = [p for p in parts if p]
    if not parts:
        return []
    return [ctx.t("I'm not seeing one that's also {what}, but here's what we have:", what=ctx.join(parts))]


def _open_search_line(ctx: _Ctx) -> str:
    options = {
        Tone.friendly: "I'd love to help you find the right vehicle.",
        Tone.professional: "I'd be glad to help you find the right vehicle.",
        Tone.casual: "Happy to help you find something.",
        Tone.formal: "I would be pleased to help you find a suitable vehicle.",
    }
    kinds = ctx.t("Are you thinking SUV, truck or sedan, new or pre-owned?")
    return f"{ctx.t(options.get(ctx.tone, options[Tone.friendly]))} {kinds}"


def _exact_answer(
    ctx: _Ctx, exact: Sequence[VehicleView], asked_specific: bool, *, more: bool = False, total: int | None = None
) -> _Reply:
    reply = _Reply(vehicle_ids=[v.id for v in exact], confidence=0.85)
    plain = not superlative(ctx.u) and not _NUMBERS_ASKED.search(ctx.u.text)  # "and the lowest miles?" wants miles
    if len(exact) == 1 and not more and ctx.referred and plain and _pitched_before(ctx, exact[0]):
        # the car under discussion, already described in full: a short confirmation, not the same pitch again
        v = exact[0]
        title = v.short_title if ctx.sms else v.title
        reply.lead.append(
            ctx.t("Yes, the {title} is still available.", title=title)
            if ctx.u.primary == "availability"
            else ctx.t("That's the {title}, listed at {price}.", title=title, price=price_text(v.price_cents))
            if v.price_cents is not None
            else ctx.t("That's the {title}.", title=title)
        )
        reply.question = ctx.ask("visit_request", ctx.say("ask_test_drive"))
        return reply
    ranked = superlative(ctx.u) if ctx.referred else None
    if ranked and len(exact) == 2 and not more:  # "which is newest" when two tie: both, said as a tie
        reply.lead.append(ctx.t(_TIED[ranked]))
        reply.body.append(_list_block(exact, ctx))
        reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
        return reply
    if len(exact) == 1 and (not more or not total):  # one fits: said as one, never "here are 1 of the ones"
        v = exact[0]
        ranked = superlative(ctx.u) if ctx.referred else None  # "which one has the fewest miles": of all that fit
        title = v.title if not ctx.sms else v.short_title
        reply.lead.append(
            ctx.t(_BEST_OF_ALL[ranked], title=title)
            if ranked
            else ctx.t("Yes, the {title} is still available.", title=title)
            if ctx.referred and ctx.u.primary == "availability"  # "is it at least still there"
            else ctx.t("Here's the {title}.", title=title)
            if ctx.referred  # "the porsche, year miles color": a car shown, no "Good news, it's in stock"
            else ctx.say("found_one", title=title)
        )
        reply.lead.append(_facts_sentence(v, ctx))
        highlights = _highlights(v, ctx)
        if highlights and not ctx.sms:
            reply.body.append(ctx.t("Its features include {features}.", features=ctx.join(highlights)))
        url = ctx.link(v.url)
        if url:
            reply.extras.append(ctx.t("You can see the photos and details here: {url}", url=url))
        reply.question = ctx.ask("visit_request", ctx.say("ask_test_drive"))
    else:
        if ctx.referred:  # "and the other ones?": the cars pointed at, no news
            reply.lead.append(ctx.t("Here they are:"))
        elif more and total and total > len(exact) and (split := _new_and_used(ctx, exact[0], total)):
            reply.lead.append(split)  # "We have 12 that fit: 4 used from $20,999 and 8 new from $39,202."
            reply.lead.append(ctx.t("Here are {count}:", count=len(exact)))
        elif more and total and total > len(exact):
            reply.lead.append(ctx.say("found_total", total=total, count=len(exact)))
        else:
            # "several ... here are 4" only when the total is unknown: all of them are "here are 4 that match"
            reply.lead.append(ctx.say("found_some" if more and not total else "found_many", count=len(exact)))
        reply.body.append(_list_block(exact, ctx))
        reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
    if not asked_specific and not ctx.u.slots.budget_max_cents and not ctx.u.slots.monthly_budget_cents:
        reply.confidence = 0.75
    return reply


def _new_and_used(ctx: _Ctx, v: VehicleView, total: int) -> str | None:
    """How a long list splits into used and new, each from its lowest price, when it holds both and the customer
    said neither: "We have 12 that fit: 4 used from $20,999 and 8 new from $39,202." None otherwise."""
    new = v.matching_new or 0
    if ctx.u.slots.condition or not 0 < new < total or v.new_from is None or v.used_from is None:
        return None
    return ctx.t(
        "We have {total} that fit: {used} used from {used_from} and {new} new from {new_from}.",
        total=total,
        used=total - new,
        used_from=price_text(v.used_from),
        new=new,
        new_from=price_text(v.new_from),
    )


_TIED = {
    "cheapest": "Of everything that fits, these two tie as the lowest-priced:",
    "priciest": "Of everything that fits, these two tie as the highest-priced:",
    "newest": "Of everything that fits, these two are the newest, the same model year:",
    "fewest_miles": "Of everything that fits, these two tie for the fewest miles:",
}
_BEST_OF_ALL = {
    "cheapest": "Of everything that fits, the {title} is the lowest-priced.",
    "priciest": "Of everything that fits, the {title} is the highest-priced.",
    "newest": "Of everything that fits, the {title} is the newest.",
    "fewest_miles": "Of everything that fits, the {title} has the fewest miles.",
}
_NUMBERS_ASKED = re.compile(r"\bmiles|\bmileage|\bprice|\bcost|\bhow much|\bmillas|\bprecio|\bcu[aá]nto", re.I)


def _pitched_before(ctx: _Ctx, v: VehicleView) -> bool:
    """Did an earlier reply describe this unit on its own (its stock number is given only then)?"""
    if not v.stock_number:
        return False
    marker = f"{v.stock_number})"
    return any(t.sender in ("ai", "agent") and marker in t.text and v.model in t.text for t in ctx.history)


_MILES_ASKED = re.compile(r"\bmiles\b|\bmileage\b|\bmillas\b|\bmillaje\b|\bkilometraje\b", re.IGNORECASE)


def _facts_sentence(v: VehicleView, ctx: _Ctx) -> str:
    facts: list[str] = []
    if v.price_cents is not None:
        facts.append(ctx.t("it's listed at {price}", price=price_text(v.price_cents)))
    if v.mileage is not None and (v.condition != VehicleCondition.new or v.mileage >= 1000):
        facts.append(ctx.t("has {miles} miles", miles=f"{v.mileage:,}"))
    if v.exterior_color and not ctx.sms:
        facts.append(ctx.t("is finished in {colour}", colour=ctx.colour(v.exterior_color)))
    asked_miles = _MILES_ASKED.search(ctx.u.text)
    if v.mileage is None and asked_miles and v.condition != VehicleCondition.new:  # "the miles on the cheapest"
        facts.append(ctx.t("its listing doesn't show its mileage"))
    # a price the listing leaves out is said to be missing, so that no one reads it as an oversight
    unpriced = ctx.t(" Its price isn't listed yet; a team member can get it to you.") if v.price_cents is None else ""
    if not facts:
        return (ctx.t("Stock number {stock}.", stock=v.stock_number) if v.stock_number else "") + unpriced
    if ctx.language == "en" and not facts[0].startswith("it"):
        facts[0] = f"it {facts[0]}"
    sentence = ctx.join(facts)
    stock = ctx.t(" (stock {stock})", stock=v.stock_number) if v.stock_number and not ctx.sms else ""
    return f"{sentence[0].upper()}{sentence[1:]}{stock}.{unpriced}"


def introduce(ctx: _Ctx, reply: _Reply) -> None:
    """A spec or yes/no answer about one car the conversation has not shown yet ("is the genesis g70 still there and
    is it the 2.0 or the 3.3", "what about the nautilus" after "is it awd") also gives what the customer sees first
    of a car: its price, miles, colour and stock number."""
    if len(reply.vehicle_ids) != 1 or ctx.sms:
        return
    car = next((v for v in ctx.vehicles if v.id == reply.vehicle_ids[0]), None)
    if car is None:
        return
    said = " ".join([*reply.lead, *reply.body, *reply.extras])
    shown_before = any(
        car.title in t.text or (car.stock_number and car.stock_number in t.text)
        for t in ctx.history
        if t.sender in ("ai", "agent")
    )
    priced = car.price_cents is not None and price_text(car.price_cents) in said
    if shown_before or priced or (car.stock_number and car.stock_number in said):
        return
    facts = _facts_sentence(car, ctx)
    if facts:
        reply.body.append(facts)


_ATTRIBUTE_QUESTION = re.compile(
    r"\b(?:is|does|do|has|have|are|can|what|how many|which)\b.*\b(?:it|this|that|the one|this one|that one|they)\b"
    r"|\bhow many miles\b|\bwhat colou?r\b|\bmileage\b|^\W*(?:and\s+|y\s+)?(?:miles|price|colou?r|millas|precio)\W*$"
    r"|\b(?:lo|la|el|los|las)\s+(?:tiene|tienen|es|son)\b|\bcu[aá]nt[oa]s millas\b|\bqu[eé] color\b|\bmillaje\b"
    r"|^\W*(?:y\s+)?(?:tiene|tienen|trae|traen|viene|es|son)\b|\bwhat year\b|\bqu[eé] a[nñ]o\b"
    r"|\b(?:pictures|pics|photos|fotos|video)\b|\bwhat (?:features|options|equipment)\b",
    re.IGNORECASE,
)


_YES_NO_ASKED = re.compile(
    r"^\W*(?:and\s+|so\s+|ok\s+)?(?:is|does|are|has)\b(?!\s+there\b)"
    r"|\b(?:is|are)\s+(?:it|they|that)?\s*\w+\s*\?\s*$",
    re.I,
)


def _attribute_answer(ctx: _Ctx) -> _Reply | None:
    """'Is it AWD?', 'does it have heated seats?', 'how many miles?' about the vehicle in context."""
    s = ctx.u.slots
    text = ctx.u.text
    asks = (
        _ATTRIBUTE_QUESTION.search(text)
        or HAS_FEATURE.search(text)
        or _trim_asked(ctx.u.text) is not None
        or asks_condition(text)
        or _PHOTOS_ASKED.search(text)
        or _CAB_ASKED.search(text)
    )
    # "is the arteon awd", "and the dodge is awd?": a yes or no of the one car the model names
    of_one = len({v.id for v in ctx.vehicles}) == 1 and bool(s.models or s.makes) and bool(_YES_NO_ASKED.search(text))
    named = (
        (_by_identifier(ctx) is not None or ctx.referred or of_one)
        and bool(s.drivetrains or s.fuel_types or s.colors or s.transmissions)
    ) or ((_by_identifier(ctx) is not None or ctx.referred) and bool(s.features or s.body_styles))
    if not ctx.vehicles or not (ctx.u.is_question or ctx.referred) or not (asks or named):  # "is stock 123 awd?"
        return None
    if named and not asks and superlative(ctx.u):
        return None  # "whats the cheapest hybrid": the kind searched, the cheapest of it said in full
    if len(ctx.vehicles) > 1 and (s.models or s.makes):
        # "does the 2025 palisade have the digital key": equipment no listing itemises, said so of them all
        return _unlisted_feature_of_several(ctx) if HAS_FEATURE.search(text) and not s.features else None
    if ctx.referred and len(ctx.vehicles) > 1 and (which := _which_of_those(ctx)) is not None:
        return which  # "is one of those a hybrid?": the ones that are, named
    if ctx.referred and len(ctx.vehicles) > 1 and not _by_identifier(ctx) and not s.features:  # "are they awd?"
        each = list(
            dict.fromkeys(  # two units that read the same give the same answer once
                facts[0] if v.short_title in facts[0] or v.title in facts[0] else f"{v.short_title}: {facts[0]}"
                for v in ctx.vehicles[:3]
                if (facts := [a for a in _attribute_facts(v, ctx) if a])
            )
        )
        cars = ctx.vehicles[:3]
        alike = {f.replace(v.title, "{}").replace(v.short_title, "{}") for v, f in zip(cars, each, strict=False)}
        if len(each) == len(cars) > 1 and len(alike) == 1 and "{}" in next(iter(alike)):
            # "I don't see the transmission listed for X; ..." three times: once, for all of them
            joined = ctx.join([v.short_title for v in cars])
            together = next(iter(alike)).replace("{}", joined)
            if ctx.language == "en":  # "the X and Y is listed" -> "are listed"
                together = together.replace(f"{joined} is ", f"{joined} are ").replace(
                    f"{joined} has ", f"{joined} have "
                )
            each = [together]
        if each:
            reply = _Reply(vehicle_ids=[v.id for v in ctx.vehicles[:3]], confidence=0.75, question=ctx.say("ask_which"))
            if len(each) == 1:
                reply.lead.append(each[0])
            else:
                reply.body.append("\n".join(f"- {fact}" for fact in each))
            return reply
    v = _by_identifier(ctx) or ctx.vehicles[0]
    answers = [a for a in _attribute_facts(v, ctx) if a]
    if not answers and HAS_FEATURE.search(ctx.u.text):
        answers = [a for a in (_unlisted_feature(ctx, v),) if a]
    if not answers:
        return None
    reply = _Reply(vehicle_ids=[v.id], confidence=0.8, question=ctx.ask("visit_request", ctx.say("ask_test_drive")))
    reply.lead.extend(_named_once(answers[:3], v, ctx))
    return reply


def _named_once(answers: list[str], v: VehicleView, ctx: _Ctx) -> list[str]:
    """Two facts of one car in a row name it once: "The 2019 BMW 530e is a plug-in hybrid. It has 43,006 miles."
    (English; another language keeps the title, its pronoun depending on the gender of the word for car)."""
    if ctx.language != "en":
        return answers
    out = answers[:1]
    for answer in answers[1:]:
        for title in (v.title, v.short_title):
            if answer.startswith(f"The {title} "):
                answer = "It " + answer[len(f"The {title} ") :]
                break
        out.append(answer)
    return out


# "is one of those a hybrid?", "any of them awd", "which ones are white", "alguna es 4x4?": a question of the cars
# shown, answered by naming the ones that are (not a yes or no per car, nor a new search)
_ONE_OF_THOSE = re.compile(
    r"\b(?:(?:is|are)\s+(?:there\s+)?(?:one|any|either|some)\s+of\s+(?:those|them|these|the)\b"
    r"|any\s+of\s+(?:those|them|these)\b|\bwhich\s+(?:ones?\s+)?(?:of\s+(?:those|them|these)\s+)?(?:is|are|has|have)\b"
    r"|\balgun[oa]s?\s+(?:de\s+(?:esos|esas|ellos|ellas)\s+)?(?:es|son|tiene|tienen)\b"
    r"|\bcu[aá]l(?:es)?\s+(?:de\s+(?:esos|esas|ellos|ellas)\s+)?(?:es|son|tiene|tienen)\b)",
    re.IGNORECASE,
)


def _which_of_those(ctx: _Ctx) -> _Reply | None:
    """ "Is one of those a hybrid?" after four Calligraphys: the one that is, named and now under discussion ("is the
    hybrid awd?" is about it); none: said so. Only for a fuel, a drivetrain, a colour or a body style asked of the
    cars shown, with no other model named."""
    s = ctx.u.slots
    if not _ONE_OF_THOSE.search(ctx.u.text) or s.models or s.makes or s.features:
        return None
    asked = Slots(fuel_types=s.fuel_types, drivetrains=s.drivetrains, colors=s.colors, body_styles=s.body_styles)
    if not (asked.fuel_types or asked.drivetrains or asked.colors or asked.body_styles):
        return None
    what = (
        _fuel_words(ctx, asked.fuel_types[0])
        if asked.fuel_types
        else _drive_words(ctx, asked.drivetrains[0])
        if asked.drivetrains
        else colour_name(asked.colors[0], ctx.language).lower()
        if asked.colors
        else _a_kind(asked.body_styles[0])
    )
    having = [v for v in ctx.vehicles if _fits(replace(v, exact=True), asked)]
    if not having:
        reply = _Reply(vehicle_ids=[], confidence=0.8, question=ctx.say("ask_else"))
        reply.lead.append(ctx.t("No, none of the ones I showed you is {what}.", what=what))
        return reply
    reply = _Reply(vehicle_ids=[v.id for v in having], confidence=0.85)
    if len(having) == 1:
        v = having[0]
        title = v.short_title if ctx.sms else v.title
        reply.lead.append(ctx.t("Yes, one of them is {what}: the {title}.", what=what, title=title))
        reply.body.append(_list_block(having, ctx))
        reply.question = ctx.ask("visit_request", ctx.say("ask_test_drive"))
        return reply
    if len(having) == len(ctx.vehicles) and len(having) >= _last_list_size(ctx):
        reply.lead.append(ctx.t("Yes, all of them are {what}.", what=what))
    else:
        reply.lead.append(ctx.t("Yes, {count} of them are {what}:", count=len(having), what=what))
        reply.body.append(_list_block(having, ctx))
    reply.question = ctx.say("ask_which")
    return reply


def _no_price(ctx: _Ctx, title: str) -> str:
    """A unit with no listed price: said so, and asked again ("why would u list a car with no price. just tell me"),
    said another way with a way to get it, not the same sentence twice."""
    first = ctx.t("I don't have a listed price for the {title} yet; a team member can get it to you.", title=title)
    if not ctx.said_before(first, within=2):
        return first
    return ctx.t(
        "Sorry, I know that's frustrating: the listing for the {title} has no price yet, and I won't guess one. A "
        "team member can send you the exact figure; what's the best number to text you at?",
        title=title,
    )


_IS_IT = re.compile(r"\b(?:is|are)\s+(?:it|they|that one|this one)\s+((?:\w+\s+){0,2}\w+)", re.IGNORECASE)


def _colour_asked(text: str) -> bool:
    """ "What colour", "is it white?", "is it a dark grey"; not "the white sx, is it really there"."""
    said = _IS_IT.search(text)
    return bool(re.search(r"\bcolou?r\b", text, re.IGNORECASE) or (said and color_family(said.group(1))))


def _last_list_size(ctx: _Ctx) -> int:
    """How many cars the agent's last list showed ("which ones are 4x4" after five trucks: "all of them" only when the
    five are; the cars ``ctx.vehicles`` holds may be only those that fit)."""
    for turn in reversed(ctx.history):
        if turn.sender in ("ai", "agent"):
            listed = sum(line.startswith("- ") for line in turn.text.splitlines())
            if listed:
                return listed
    return 0


def _a_kind(body: str) -> str:
    """ "an SUV", "a sedan": a body style with its article (an acronym by how its first letter is said)."""
    word = body if body.isupper() else body.lower()
    vowel_sound = word[0] in ("AEFHILMNORSX" if word.isupper() else "aeiou")
    return f"{'an' if vowel_sound else 'a'} {word}"


_DRIVE_WORDS = {
    "AWD": "all-wheel drive (AWD)",
    "4WD": "four-wheel drive (4WD)",
    "FWD": "front-wheel drive (FWD)",
    "RWD": "rear-wheel drive (RWD)",
}


def _drive_words(ctx: _Ctx, drivetrain: str) -> str:
    words = _DRIVE_WORDS.get(drivetrain)
    return ctx.t(words) if words else drivetrain


def _attribute_facts(v: VehicleView, ctx: _Ctx) -> list[str]:
    s, title = ctx.u.slots, _told_apart(ctx, v, v.short_title if ctx.sms else v.title, by_price=True)
    out: list[str] = []
    # "is it a truck?": the listing's body type (of the car pointed at; a search's kind was searched for)
    for kind in s.body_styles[:1] if ctx.referred else ():
        if v.body_style and v.body_style.lower() == kind.lower():
            out.append(ctx.t("Yes, the {title} is listed as a {kind}.", title=title, kind=v.body_style))
        elif v.body_style:
            out.append(ctx.t("The {title} is listed as a {body}.", title=title, body=v.body_style))
    # a drivetrain the message asks of the car ("is it awd"), not one carried from before ("solo awd", then "tiene
    # asientos con calefaccion?": no "Sí, ... es AWD" in answer to the heated seats)
    for wanted in s.drivetrains if drivetrains_named(ctx.u.text) else ():
        named = drivetrains_named(v.trim)
        if v.drivetrain and named and not any(drivetrain_fits(n, v.drivetrain) for n in named):
            # the feed contradicts itself ("Reserve AWD" listed as FWD): said as it is, never one side as fact
            out.append(
                ctx.t(
                    "The {title}'s trim says {named}, but our listing's drivetrain field says {drive}, so a team "
                    "member will confirm which it is.",
                    title=title,
                    named=named[0],
                    drive=v.drivetrain,
                )
            )
            continue
        if drivetrain_matches(v.drivetrain, wanted):
            out.append(ctx.t("Yes, the {title} is {drive}.", title=title, drive=_drive_words(ctx, wanted)))
        elif drivetrain_fits(v.drivetrain, wanted):
            out.append(
                ctx.t(
                    "The {title} is listed as {drive}, which drives all four wheels.", title=title, drive=v.drivetrain
                )
            )
        elif v.drivetrain:
            out.append(
                ctx.t("The {title} is listed as {drive}, not {wanted}.", title=title, drive=v.drivetrain, wanted=wanted)
            )
        else:
            out.append(
                ctx.t("I don't see the drivetrain listed for the {title}; a team member can confirm it.", title=title)
            )
    if s.transmissions:
        out.append(_gearbox_fact(v, ctx, title))
    if asked_cab := _CAB_ASKED.search(ctx.u.text):  # "is it a crew cab?": the cab its listing names
        out.append(_cab_fact(v, ctx, title, asked_cab.group(1) or ""))
    if asks_condition(ctx.u.text):  # "is it new?", "is it used?", "new or used?"
        word = ctx.t("new")
        if v.condition == "used":
            word = ctx.t("pre-owned")
        elif v.condition == "certified":
            word = ctx.t("certified pre-owned")
        if s.condition == "certified" and v.condition == "used":  # "is it certified pre-owned?": not said to be
            out.append(
                ctx.t(
                    "The {title} is pre-owned; our listing doesn't say it's certified, so a team member can confirm "
                    "what warranty it carries.",
                    title=title,
                )
            )
        else:
            out.append(
                ctx.t("Yes, the {title} is {condition}.", title=title, condition=word)
                if s.condition
                and (v.condition == s.condition or (s.condition == "used" and v.condition == "certified"))
                else ctx.t("The {title} is {condition}.", title=title, condition=word)
            )
    if _YEAR_ASKED.search(ctx.u.text):
        out.append(ctx.t("The {title} is a {year} model.", title=f"{v.make} {v.model}", year=v.year))
    if _FEATURES_ASKED.search(ctx.u.text) and not s.features:
        out.append(
            ctx.t("The {title}'s listed features include {features}.", title=title, features=ctx.join(v.features[:6]))
            if v.features
            else ctx.t("Our listing doesn't give the {title}'s features; a team member can go over them.", title=title)
        )
    if _PHOTOS_ASKED.search(ctx.u.text):
        url = ctx.link(v.url)
        page = _LINK_ASKED.search(ctx.u.text)  # "text me the link": the page itself, not "more photos"
        out.append(
            ctx.t("Here's the page for the {title}: {url}", title=title, url=url)
            if url and page
            else ctx.t("All the photos of the {title} are on its page: {url}", title=title, url=url)
            if url
            else ctx.t("A team member can send you more photos of the {title}.", title=title)
        )
    trim = _trim_asked(ctx.u.text)
    if trim is not None and not s.drivetrains and not s.transmissions and not s.fuel_types:
        out.append(_trim_fact(v, ctx, title, trim))
    # "is it a hybrid?", "diesel o gasolina?": what it runs on, in words (never the feed's label); not when the fuel
    # only named the car ("is the hybrid awd?", "the hybrid, what color")
    if s.fuel_types and not (ctx.referred and names_by_fuel(ctx.u)):
        out.append(_fuel_said(ctx, v) if _IS_A_FUEL.search(ctx.u.text) else _runs_on(ctx, v))
    unlisted: list[str] = []  # asked of a car whose listing has no equipment at all: said once, all of them
    for feature in [f for f in s.features if f != "low mileage"]:  # "low miles" ranks; the miles are said
        own = feature_of(v, feature)
        if own and own not in v.features:  # known of the model or its fuel, not listed by the feed
            counted = feature == "third row seating" and re.search(r"\b(?:7|8|seven|eight)\b", ctx.u.text)
            out.append(
                ctx.t(
                    "Yes, the {title} has a third row of seats. How many it seats (usually 7 or 8) depends on whether "
                    "its second row has two captain's chairs or a bench, which our listing doesn't say, so a team "
                    "member can confirm it.",
                    title=title,
                )
                if counted
                else ctx.t("Yes, the {title} has a third row of seats.", title=title)
                if feature == "third row seating"
                else ctx.t(
                    "Yes, the {title} has a backup camera: one is required on every new vehicle sold in the US since "
                    "May 2018.",
                    title=title,
                )
                if feature == "backup camera"
                else ctx.t(
                    "Yes, the {model} is known for good gas mileage: EPA rates it around 30 MPG combined or better "
                    "(the exact figure depends on the engine and year).",
                    model=v.model,
                )
                if own == MODEL_MPG
                else ctx.t("Yes, the {title} is listed as {feature}.", title=title, feature=own)
            )
            continue
        if not own and not v.features:  # no feature list at all: nothing is missing from it, it just does not say
            unlisted.append(_with_article(_feature_phrase(feature), ctx))
            continue
        out.append(
            ctx.t("Yes, its feature list includes {feature}.", feature=own)
            if own
            else ctx.t(
                "I don't see {feature} in its feature list; a team member can double-check that.",
                feature=_with_article(_feature_phrase(feature), ctx),
            )
        )
    if unlisted:  # "heated seats and a panoramic roof?": one sentence for both
        out.append(
            ctx.t(
                "Our listing for the {title} doesn't include its equipment, so I can't confirm {feature}; a team "
                "member can check it on the car for you.",
                title=title,
                feature=ctx.join(unlisted, ctx.t(" or ")),
            )
        )
    colour_question = _colour_asked(ctx.u.text)
    pointing = re.search(r"\b(?:the|la|el|los|las)\b", ctx.u.text, re.IGNORECASE)  # "y la gris?": that car, no question
    if s.colors and ctx.referred and len(ctx.u.text.split()) <= 3 and v.exterior_color and not pointing:  # "white?"
        out.append(
            ctx.t("Yes, the {title} is finished in {colour}.", title=title, colour=ctx.colour(v.exterior_color))
            if _colour_is(v, s.colors)
            else ctx.t("The {title} is finished in {colour}.", title=title, colour=ctx.colour(v.exterior_color))
        )
    elif colour_question and (s.colors or re.search(r"\bcolou?r\b", ctx.u.text, re.IGNORECASE)):
        colour = ctx.colour(v.exterior_color) if v.exterior_color else ""
        out.append(
            ""
            if not colour
            else ctx.t("It's finished in {colour}.", colour=colour)
            if any(out)
            else ctx.t("The {title} is finished in {colour}.", title=title, colour=colour)  # the car named first
        )
    miles_asked = _MILES_ASKED.search(ctx.u.text)
    if miles_asked and v.mileage is None and "low mileage" not in s.features:  # not in the feed: said, not guessed
        out.append(
            ctx.t(
                "Our listing for the {title} doesn't show its mileage; a team member can check the odometer for you.",
                title=title,
            )
        )
    elif miles_asked and v.mileage is not None:
        out.append(
            ctx.t("The {title} is new, with {miles} miles on it.", title=title, miles=f"{v.mileage:,}")
            if v.condition == VehicleCondition.new and 0 < v.mileage < 1000
            else ctx.t("The {title} is new; our listing shows no miles on it.", title=title)
            if v.condition == VehicleCondition.new and v.mileage == 0
            else ctx.t("The {title} has {miles} miles.", title=title, miles=f"{v.mileage:,}")
        )
    if out and _PRICE_TOO.search(ctx.u.text):  # "what color and price"
        out.append(
            ctx.t("It's listed at {price}.", price=price_text(v.price_cents))
            if v.price_cents is not None
            else _no_price(ctx, title)
        )
    return list(dict.fromkeys(out))  # "4x4 or 2wd?" of a unit whose feed contradicts itself: said once


# "what trim is it", "which version is that", "is the mustang a GT?", "is it the Limited?": a trim word is short and
# capitalised as written (GT, SEL, EX) or one of the common trim names
_TRIM_WORDS = frozenset(
    [
        "limited",
        "sport",
        "touring",
        "premium",
        "platinum",
        "calligraphy",
        "denali",
        "lariat",
        "laramie",
        "latitude",
        "overland",
        "trailhawk",
        "rubicon",
        "sahara",
        "titanium",
        "xlt",
        "xle",
        "xse",
        "le",
        "se",
        "sel",
        "sx",
        "ex",
        "lx",
        "gt",
        "rs",
        "ss",
        "ltz",
        "lt",
        "premier",
        "ultimate",
        "preferred",
        "essential",
        "signature",
        "luxury",
        "reserve",
        "base",
        "s",
        "n-line",
        "nightshade",
        "trd",
    ]
)
_TRIM_WHICH = re.compile(
    r"\bwhat(?:'s| is)? (?:the )?(?:trim|version|package)\b|\bwhich (?:trim|version|package)\b"
    r"|\bqu[eé] versi[oó]n\b|\bcu[aá]l versi[oó]n\b",
    re.IGNORECASE,
)
_TRIM_IS = re.compile(
    r"\b(?:is|it's|its|es)\s+(?:it|that|this|that one|this one|the \w+(?: \w+)?|el \w+)\s+(?:a|an|the|un|una|el)\s+"
    r"(?P<word>[A-Za-z0-9-]{1,12})(?:\s+(?:trim|model|version))?\b",
)


def _trim_asked(text: str) -> str | None:
    """The trim a message asks about ("GT" in "is the mustang a GT?"; "GT or EcoBoost" in "gt or ecoboost?"), "" for
    "what trim is it?", None otherwise."""
    if _TRIM_WHICH.search(text):
        return ""
    either = version_question(text)
    if either:
        return " or ".join(either)
    m = _TRIM_IS.search(text)
    if not m:
        return None
    word = m.group("word")
    if re.fullmatch(r"[A-Z0-9][A-Z0-9-]{0,4}", word) or word.lower() in _TRIM_WORDS:
        return word
    return None


def _trim_fact(v: VehicleView, ctx: _Ctx, title: str, asked: str) -> str:
    """The listed trim, said against the one asked about; never guessed when the feed gives none."""
    plain = f"{v.year} {v.make} {v.model}" if not ctx.sms else f"{v.year} {v.model}"
    if not v.trim:
        if asked:
            return ctx.t(
                "Our listing doesn't give the {title}'s trim, so I can't say whether it's a {asked}; a team member can "
                "confirm it.",
                title=plain,
                asked=asked,
            )
        return ctx.t("Our listing doesn't give the {title}'s trim; a team member can confirm it.", title=plain)
    if not asked:
        return ctx.t("The {title} is the {trim} trim.", title=plain, trim=v.trim)
    words = re.findall(r"[a-z0-9-]+", v.trim.lower())
    if any(option.lower() in words for option in asked.split(" or ")):
        return ctx.t("Yes, the {title} is the {trim} trim.", title=plain, trim=v.trim)
    return ctx.t("The {title} is listed as the {trim} trim, not a {asked}.", title=plain, trim=v.trim, asked=asked)


def _colour_is(v: VehicleView, colours: Sequence[str]) -> bool:
    return any(color_matches(v.exterior_color, c) for c in colours)


def _gearbox_fact(v: VehicleView, ctx: _Ctx, title: str) -> str:
    """ "Is it automatic?": the listed transmission, or the feed's contradiction said as it is ("LXS IVT" listed as
    Manual), or that it is not listed."""
    named, listed = transmissions_named(v.trim), transmissions_named(v.transmission)
    if named and listed and named[0] not in listed:
        return ctx.t(
            "The {title}'s trim says {named}, but our listing's transmission field says {listed}, so a team member "
            "will confirm which it is.",
            title=title,
            named=ctx.t(named[0].lower()),
            listed=v.transmission,
        )
    kinds = listed or named
    if not kinds:
        return ctx.t("I don't see the transmission listed for the {title}; a team member can confirm it.", title=title)
    gearbox = ctx.t("an automatic") if kinds[0] == "Automatic" else ctx.t("a manual")
    if kinds[0] == "Automatic" and v.transmission and re.search(r"cvt|ivt", v.transmission, re.IGNORECASE):
        gearbox = ctx.t("an automatic (CVT)")
    return ctx.t("The {title} is listed with {gearbox} transmission.", title=title, gearbox=gearbox)


_YEAR_ASKED = re.compile(r"\bwhat year\b|\bwhich year\b|\bqu[eé] a[nñ]o\b|\bde qu[eé] a[nñ]o\b", re.IGNORECASE)
_FEATURES_ASKED = re.compile(
    r"\bwhat (?:features|options|equipment|packages?)\b|\b(?:features|options) (?:does it|do they) have\b"
    r"|\bqu[eé] (?:equipo|caracter[ií]sticas|extras)\b",
    re.IGNORECASE,
)
_CAB = re.compile(
    r"\b(crew|double|quad|regular|extended|king|access|super ?crew|super ?cab|mega) ?cab\b|\b(supercrew|supercab)\b",
    re.I,
)
_CAB_ASKED = re.compile(
    r"\b(crew|double|quad|regular|extended|king|access|super ?crew|super ?cab|mega)[ -]?cab\b|\bwhat (?:kind of )?cab\b"
    r"|\bhow many doors\b|\b(supercrew|supercab)\b",
    re.IGNORECASE,
)


def _cab_fact(v: VehicleView, ctx: _Ctx, title: str, asked: str) -> str:
    found = _CAB.search(f"{v.trim or ''} {v.title}")
    if found is None:
        return ctx.t(
            "Our listing for the {title} doesn't say its cab style; a team member can confirm it.", title=title
        )
    cab = (found.group(1) or found.group(2)).replace(" ", "").lower()
    name = found.group(0).title()
    if not asked or asked.replace(" ", "").lower() == cab:
        return (
            ctx.t("Yes, the {title} is a {cab}.", title=title, cab=name)
            if asked
            else ctx.t("The {title} is a {cab}.", title=title, cab=name)
        )
    return ctx.t("The {title} is a {cab}, not a {asked} cab.", title=title, cab=name, asked=asked.lower())


_LINK_ASKED = re.compile(r"\b(?:link|url|web ?page|listing page|enlace)\b", re.IGNORECASE)
_PHOTOS_ASKED = re.compile(  # "more pics?", and "text me the link to the cheaper one"
    rf"\b(?:more |other |any )?(?:pictures|pics|photos|fotos|video|walk-?around)\b|{_LINK_ASKED.pattern}",
    re.IGNORECASE,
)
_PRICE_TOO = re.compile(r"\b(?:price|cost|how much|precio|cu[aá]nto)\b", re.IGNORECASE)


# "Does the Tucson Limited have heated seats?", "¿trae asientos con calefacción?": a question about what units have
# (its subject is the car, never "you": "do you have a Tucson?" asks about the lot)
HAS_FEATURE = re.compile(
    r"\b(?:does|do|did|will|would)\s+(?!(?:you|u|y'?all|ya|you guys|they sell)\b)[^?.!]{1,40}?\b(?:have|come with"
    r"|include|get|offer)\b|\b(?:is|are)\s+(?:it|they|the \w+(?: \w+)?)\s+equipped with\b|\bcomes? with\b"
    r"|\b(?:trae|traen|viene con|vienen con|incluye|incluyen)\b|\b(?:la|el|esa|ese)\s+\w+(?:\s+\w+)?\s+tiene\b"
    # texted without the "does": "santa fe hybrid have ventilated seats?"
    r"|^\W*(?!(?:do|does|did|you|u|y'?all|ya|we|i|any|anything|who|what|which|where)\b)[a-z0-9][\w -]{1,30}?\s"
    r"(?:have|has|got|come with)\s[^?.!]{2,40}\?\s*$",
    re.IGNORECASE,
)
_ASKED_PHRASE = re.compile(
    r"\b(?:have|has|come with|comes with|include|includes|equipped with|trae|tiene|viene con|incluye)\s+"
    r"(?:a |an |the |un |una |el |la |los |las )?(?P<phrase>[a-z][a-z -]{2,40}?)\s*(?:\?|$|\bor not\b)",
    re.IGNORECASE,
)
_NOT_A_FEATURE = frozenset(
    [
        "it",
        "that",
        "this",
        "them",
        "one",
        "ones",
        "any",
        "stock",
        "available",
        "left",
        "miles",
        "price",
        "warranty",
        "recalls",
        "recall",
        "awd",
        "fwd",
        "rwd",
        "4wd",
        "4x4",
        "lo",
        "la",
        "eso",
        "ese",
        "esa",
        "millas",
        "precio",
    ]
)


def _feature_answer(ctx: _Ctx) -> _Reply | None:
    """A feature asked about several units (a model, a list): which of them list it, or that none does."""
    s = ctx.u.slots
    if not (ctx.u.is_question and s.features and len(ctx.vehicles) > 1 and HAS_FEATURE.search(ctx.u.text)):
        return None
    feature, limit = s.features[0], 2 if ctx.sms else 3
    named = _with_article(_feature_phrase(feature), ctx)
    listed = [v for v in ctx.vehicles if feature_of(v, feature)]
    reply = _Reply(confidence=0.75, question=ctx.ask("visit_request", ctx.say("ask_which")))
    shown = listed[:limit] or list(ctx.vehicles[:limit])
    for other in s.features[1:3]:  # "sunroof and heated seats?": each one asked is answered
        other_named = _with_article(_feature_phrase(other), ctx)
        count = sum(1 for v in shown if feature_of(v, other))
        reply.extras.append(
            ctx.t("All of them list {feature}.", feature=other_named)
            if count == len(shown)
            else ctx.t("I don't see {feature} in their feature lists.", feature=other_named)
            if count == 0
            else ctx.t("{count} of them list {feature}.", count=count, feature=other_named)
        )
    if listed and feature == "backup camera" and len(listed) == len(shown):
        reply.lead.append(
            ctx.t(
                "Yes, they all have one: a backup camera is required on every new vehicle sold in the US since May "
                "2018."
            )
        )
    elif listed and feature == "third row seating":  # "does the new santa fe have a 3rd row": the model's answer
        models = {v.model for v in shown}
        since = three_rows_since(shown[0].model) if len(models) == 1 else None
        every = len(listed) == len(ctx.vehicles)
        reply.lead.append(
            ctx.t("Yes: every {model} from the {since} model year on has a third row, and these all do:",
                  model=shown[0].model, since=since)
            if since and every
            else ctx.t("The {model} has a third row from the {since} model year on; these do:",
                       model=shown[0].model, since=since)
            if since
            else ctx.t("Yes, these all have a third row:")
            if every
            else ctx.t("These have a third row:")
        )  # fmt: skip
        reply.body.append(_list_block(listed[:limit], ctx))
        reply.vehicle_ids = [v.id for v in listed[:limit]]
        return reply
    else:
        reply.lead.append(_feature_lead(ctx, named, bool(listed), shown))
    reply.body.append(_list_block(shown, ctx))
    reply.vehicle_ids = [v.id for v in shown]
    return reply


def _feature_lead(ctx: _Ctx, feature: str, listed: bool, shown: Sequence[VehicleView]) -> str:
    """The first line of a feature's answer over several units: they list it, the listings are silent about
    equipment, or it is not in their feature lists."""
    if listed:
        return ctx.t("These list {feature}:", feature=feature)
    if not any(v.features for v in shown):  # no equipment listed at all: nothing is missing, the listings are silent
        return ctx.t(
            "Our listings don't itemise equipment like {feature}, so I can't confirm it from here; a team member can "
            "check it on the car for you. Here they are:",
            feature=feature,
        )
    return ctx.t(
        "I don't see {feature} in the feature lists of the ones we have; a team member can check it on the car for "
        "you. Here they are:",
        feature=feature,
    )


def _asked_feature(ctx: _Ctx, *names: str) -> str | None:
    """The feature a message asks for that the vocabulary does not know ("does it have highway driving assist"),
    lower-cased; None when the words asked are no feature (a pronoun, a make or model of ``names`` or the message's)."""
    m = _ASKED_PHRASE.search(ctx.u.text)
    phrase = (m.group("phrase").strip(" -") if m else "").lower()
    words = set(phrase.split())
    named = {w for name in (*names, *ctx.u.slots.models, *ctx.u.slots.makes) for w in name.lower().split()}
    if not phrase or len(words) > 5 or words & _NOT_A_FEATURE or words & named:
        return None
    return phrase


def _unlisted_feature(ctx: _Ctx, v: VehicleView) -> str | None:
    """A feature the vocabulary does not know ("Highway Driving Assist"), looked for in the unit's own list."""
    phrase = _asked_feature(ctx, v.make, v.model)
    if phrase is None:
        return None
    own = next((f for f in v.features if fuzz.partial_ratio(phrase, f.lower()) >= 90), None)
    title = v.short_title if ctx.sms else v.title
    if own:
        return ctx.t("Yes, its feature list includes {feature}.", feature=own)
    return ctx.t(
        "I don't see “{feature}” in the {title}'s feature list; a team member can check it on the car for you.",
        feature=phrase,
        title=title,
    )


def _unlisted_feature_of_several(ctx: _Ctx) -> _Reply | None:
    """A feature the vocabulary does not know, asked of a model with several units ("does the 2025 palisade have
    the digital key"): those whose own feature list names it, else that the listings do not show it, as a known
    feature's answer says it (never a "yes" from a list of the model)."""
    phrase = _asked_feature(ctx)
    if phrase is None:
        return None
    said = f"the {phrase}" if re.search(r"\bthe\s+" + re.escape(phrase), ctx.u.text, re.IGNORECASE) else phrase
    cars = list(ctx.vehicles[: 2 if ctx.sms else 3])
    having = [v for v in cars if any(fuzz.partial_ratio(phrase, f.lower()) >= 90 for f in v.features)]
    reply = _Reply(vehicle_ids=[v.id for v in (having or cars)], confidence=0.6, question=ctx.say("ask_which"))
    reply.lead.append(_feature_lead(ctx, said, bool(having), cars))
    reply.body.append(_list_block(having or cars, ctx))
    return reply


def _one_of_each(ctx: _Ctx, kind: Callable[[VehicleView], str]) -> list[VehicleView]:
    """The first unit of each model and ``kind`` (trim, colour) among those an exact search found (it ranks one of
    each first: ``agent.queries`` ``per_trim``, ``per_colour``); empty when the search had to offer the closest."""
    if not ctx.vehicles or not all(v.exact for v in ctx.vehicles):
        return []
    seen: dict[tuple[str, str], VehicleView] = {}
    for v in ctx.vehicles:
        seen.setdefault((v.model, kind(v)), v)
    return list(seen.values())[: 3 if ctx.sms else 5]


def _trims_answer(ctx: _Ctx) -> _Reply | None:
    """ "What trims of the Palisade do you have?": the lowest-priced unit of each trim found (the search ranks one of
    each trim first), never more trims than it found."""
    if not asks_trims(ctx.u):
        return None
    units = _one_of_each(ctx, lambda v: v.trim or "")
    if not units:
        return None
    models = list(dict.fromkeys(v.model for v in units))
    reply = _Reply(vehicle_ids=[v.id for v in units], confidence=0.8)
    reply.lead.append(
        ctx.t("Here are the trims of the {model} on our lot, the lowest-priced of each:", model=" and ".join(models))
    )
    reply.body.append(_list_block(units, ctx))
    reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
    return reply


def _colours_answer(ctx: _Ctx) -> _Reply | None:
    """ "What colours does it come in?": the colours of the model on the lot (the search ranks one of each first)."""
    if not asks_colours(ctx.u):
        return None
    units = [v for v in _one_of_each(ctx, lambda v: (v.exterior_color or "").lower()) if v.exterior_color]
    if not units:
        return None
    models = list(dict.fromkeys(v.model for v in units))
    reply = _Reply(vehicle_ids=[v.id for v in units], confidence=0.8)
    if len(units) == 1:
        reply.lead.append(
            ctx.t(
                "The {model} we have is finished in {colour}.",
                model=models[0],
                colour=ctx.colour(units[0].exterior_color),
            )
        )
    else:
        reply.lead.append(ctx.t("We have the {model} in these colours:", model=" and ".join(models)))
    reply.body.append(_list_block(units, ctx))
    reply.question = ctx.ask("visit_request", ctx.say("ask_which" if len(units) > 1 else "ask_test_drive"))
    return reply


def _availability(ctx: _Ctx) -> _Reply:
    return (
        _trims_answer(ctx)
        or _colours_answer(ctx)
        or _attribute_answer(ctx)
        or _feature_answer(ctx)
        or _inventory_answer(ctx, asked_specific=True)
    )


_PLURAL_ASKED = re.compile(
    r"\b(?:cheapest|newest|lowest[- ]priced|least expensive|m[aá]s barat[oa]s)\s+(?:\w+\s+)?(?:stuff|ones|options|cars|"
    r"trucks|suvs|sedans|vehicles|things|deals|carros|camionetas|opciones)\b",
    re.IGNORECASE,
)


def _search(ctx: _Ctx) -> _Reply:
    one = superlative(ctx.u) and not _PLURAL_ASKED.search(ctx.u.text)  # "cheapest stuff u got": a list, cheapest first
    top = ctx.vehicles[:1] if one and not ctx.referred and ctx.vehicles else []
    if top and _fits(top[0], ctx.u.slots):  # "what's the cheapest new car you have": that one
        return _said_left_out(ctx, _exact_answer(ctx, top, asked_specific=True))
    reply = (
        _trims_answer(ctx)
        or _colours_answer(ctx)
        or _attribute_answer(ctx)
        or _feature_answer(ctx)
        or _inventory_answer(ctx, asked_specific=False)
    )
    s = ctx.u.slots
    if (
        len(reply.vehicle_ids) > 1
        and not (s.budget_max_cents or s.monthly_budget_cents or ctx.referred)
        and not (s.models or s.stock_number or s.vin)  # "is the 2023 equinox still available": that car, not a budget
    ):
        reply.question = ctx.say("ask_budget")  # several options and no budget yet: narrow it down
    return reply


_INCENTIVES = re.compile(
    r"\b(?:incentives?|rebates?|specials?|promotions?|promos?|cash ?back|apr offers?|lease deals?|incentivos?"
    r"|promociones?)\b|\bany (?:deals|offers)\b|\bdeals? (?:going on|right now|this month)\b",
    re.IGNORECASE,
)
_FEES = re.compile(
    r"\b(?:what(?:'?s)?|which|how much|any|are there|is there)\b[^.?!]{0,30}"
    r"\b(?:fees?|tax(?:es)?|doc(?:ument(?:ation)?)? fee)\b(?! credits?)"
    r"|\b(?:fees?|tax(?:es)?)\b[^.?!]{0,20}\b(?:on top|extra|included|include)\b|\bimpuestos\b"
    r"|\bcargos\b|\bcargo (?:de|por|adicional|extra)\b"  # Spanish "cargos"; "cargo space" is none
    r"|\binclud(?:e|es|ing)\b[^.?!]{0,15}\b(?:tax|taxes|fees?|ttl)\b"
    # "is that the price i'd actually pay or is there more stuff added"
    r"|\b(?:more|extra|other) (?:stuff|things|charges|costs|fees) (?:added|on top|to pay|tacked on)\b"
    r"|\bthe price (?:i'?d|i would|i will|i'?ll) (?:actually |really )?pay\b|\bwhat (?:i'?d|i would) actually pay\b",
    re.IGNORECASE,
)


_BROKEN_LINK = re.compile(
    r"\b(?:link|page|site|website|url|pics?|pictures?|photos?)\b[^.?!]{0,30}\b(?:doesn'?t|does not|won'?t|will not"
    r"|isn'?t|not|didn'?t|no)\b[^.?!]{0,15}\b(?:work|working|load|loading|open|opening|show|showing|come up|anything"
    r"|there)\b|\b(?:broken|dead) link\b|\bpage not found\b|\b404\b|\bel (?:enlace|link) no (?:funciona|abre|sirve)\b",
    re.IGNORECASE,
)


def broken_link(ctx: _Ctx) -> _Reply | None:
    """ "The link doesn't show anything": sorry, and the photos sent another way; never the same link again."""
    if not _BROKEN_LINK.search(ctx.u.text):
        return None
    said = " ".join(t.text for t in ctx.history[-4:] if t.sender in ("ai", "agent"))
    if "http" not in said:
        return None
    reply = _Reply(confidence=0.7)
    reply.lead.append(ctx.t("Sorry about that link."))
    reply.lead.append(ctx.t("A team member can send you the photos and details directly."))
    reply.question = ctx.t("What's the best phone number or e-mail to send them to?")
    reply.vehicle_ids = [v.id for v in ctx.vehicles[:1]] if ctx.referred else []
    return reply


_BALLPARK = re.compile(
    r"\bball\s?park\b|\brough(?:ly)?\b|\bestimate\b|\bgive or take\b|\bapprox\w*\b|\bmore or less\b"
    r"|\baround how much\b|\bm[aá]s o menos\b|\baproximad\w*\b",
    re.IGNORECASE,
)


def ballpark(ctx: _Ctx) -> _Reply | None:
    """ "Ballpark?" about a car with no listed price: no guess, said as such, and the real price offered fast."""
    if not _BALLPARK.search(ctx.u.text) or not ctx.referred or len(ctx.vehicles) != 1:
        return None
    v = ctx.vehicles[0]
    if v.price_cents is not None:
        return None
    title = v.short_title if ctx.sms else v.title
    return _Reply(
        lead=[
            ctx.t(
                "I'd rather not guess a number for the {title}: a ballpark from me could be off by thousands, and "
                "the team can get you its actual price quickly.",
                title=title,
            )
        ],
        question=ctx.t("What's the best phone number or e-mail to send it to?"),
        vehicle_ids=[v.id],
        confidence=0.7,
    )


_IS_IT_OTD = re.compile(
    r"\b(?:is|does)\s+(?:that|the|this|it|its|it'?s)\b[^.?!]{0,25}\b(?:out[\s-]?the[\s-]?door|otd)\b", re.IGNORECASE
)


_BEST_TIME = re.compile(
    r"\b(mornings?|afternoons?|evenings?|nights?|weekends?|after work|after \d{1,2}(?::\d\d)?\s*(?:am|pm)?)\b"
    r"[^.?!,]{0,12}?\b(?:are |is )?(?:better|best|works? (?:best|better)|good)\b",
    re.IGNORECASE,
)


def money_question(ctx: _Ctx) -> _Reply | None:
    """ "Any incentives right now?", "what fees are on top of that": what the listings cannot say, said plainly with
    what is true in general, and a person offered for the exact figures (never a number)."""
    v = ctx.vehicles[0] if ctx.referred and len(ctx.vehicles) == 1 else None
    title = (v.short_title if ctx.sms else v.title) if v else None
    if _INCENTIVES.search(ctx.u.text):
        lead = (
            ctx.t(
                "I don't have this month's manufacturer incentives in our listings, so I won't guess; a team member "
                "can tell you exactly what applies to the {title}.",
                title=title,
            )
            if title
            else ctx.t(
                "I don't have this month's manufacturer incentives in our listings, so I won't guess; a team member "
                "can tell you exactly what applies to the car you choose."
            )
        )
        question = ctx.t("Would you like a team member to check the current offers for you?")
    elif _IS_IT_OTD.search(ctx.u.text) and v is not None and v.price_cents:  # "is that price out the door"
        lead = ctx.t(
            "No: the {price} listed for the {title} is before sales tax, title and registration, and the dealer's "
            "documentation fee; the exact amounts depend on where you register the car.",
            price=price_text(v.price_cents),
            title=title,
        )
        question = ctx.t("Would you like a team member to put together the out-the-door numbers for you?")
    elif _FEES.search(ctx.u.text) or _IS_IT_OTD.search(ctx.u.text):
        lead = ctx.t(
            "On top of the listed price come sales tax, title and registration, and the dealer's documentation fee; "
            "the exact amounts depend on where you register the car."
        )
        question = ctx.t("Would you like a team member to put together the out-the-door numbers for you?")
    else:
        return None
    return _Reply(lead=[lead], question=ctx.ask("contact_request", question), vehicle_ids=[v.id] if v else [],
                  confidence=0.75)  # fmt: skip


def _told_apart(ctx: _Ctx, v: VehicleView, title: str, *, by_price: bool = False) -> str:
    """The title, with what tells the unit apart when a recent list showed several that read the same ("the cheaper
    one" of three 2021 Rogue SVs: "2021 Nissan Rogue AWD SV (Blue, 66,435 miles)"); ``by_price``: its colour and
    price instead, for an answer that gives the miles ("is the blue one awd": "... SV (Blue, $21,900) is ...")."""
    recent = [t.text for t in ctx.history if t.sender in ("ai", "agent")]
    if not any(text.count(f"- {v.title},") >= 2 for text in recent):
        return title
    said = ctx.u.slots.colors and v.exterior_color and _colour_is(v, ctx.u.slots.colors)
    if said and not any(text.count(f"- {v.title}, {ctx.colour(v.exterior_color)},") >= 2 for text in recent):
        return title  # "the brown 2021 how many miles": the colour the customer said tells it apart already
    second = (
        (price_text(v.price_cents) if v.price_cents is not None else "")
        if by_price
        else (ctx.t("{miles} miles", miles=f"{v.mileage:,}") if v.mileage else "")
    )
    parts = [p for p in (ctx.colour(v.exterior_color), second) if p]
    return f"{title} ({', '.join(parts)})" if parts else title


_PRICE_WORDS = re.compile(r"\bprices?\b|\bhow much\b|\bcosts?\b|\$|\bprecios?\b|\bcu[aá]nto\b", re.IGNORECASE)


def _price(ctx: _Ctx) -> _Reply:
    s = ctx.u.slots
    # "the cheaper one has awd right": the comparison picked the car, the drivetrain is what is asked
    of_one = ASKED_OF_IT.search(ctx.u.text) is not None or not _PRICE_WORDS.search(ctx.u.text)
    asked_of_it = bool(s.drivetrains or s.fuel_types or s.transmissions) and of_one
    # "the cheaper one what color is it": "cheaper" picked the car; no word of price, so another fact is asked
    other_fact = not _PRICE_WORDS.search(ctx.u.text) and _ATTRIBUTE_QUESTION.search(ctx.u.text) is not None
    if ctx.referred and len(ctx.vehicles) == 1 and (_PHOTOS_ASKED.search(ctx.u.text) or asked_of_it or other_fact):
        # "text me the link to the cheaper one": its page; "the cheaper of those two, is it awd": its drivetrain
        linked = _attribute_answer(ctx)
        if linked is not None:
            return linked
    pair = list({v.id: v for v in ctx.vehicles}.values())
    if len(pair) == 2 and side_by_side(ctx.u):  # "the 2 burgundy ones are the same price? whats
        return _side_by_side_answer(ctx, pair[0], pair[1])  # different": the two side by side, what differs said
    target = _by_identifier(ctx)
    if not target and not ctx.referred and ctx.vehicles and not any(v.exact for v in ctx.vehicles):
        return _inventory_answer(ctx, asked_specific=True)  # "the black one, price?" and none is black: said so
    priced = [target] if target else list(ctx.vehicles[: 2 if ctx.sms else 3])
    reply = _Reply(vehicle_ids=[v.id for v in priced], confidence=0.75)
    if not priced:
        reply.lead.append(ctx.t("I'd be happy to share pricing."))
        reply.question = ctx.t(
            "I can look up the listed price of any vehicle on our lot: which one are you interested in?"
        )
        reply.confidence = 0.5
        return reply
    listed = [v for v in priced if v.price_cents is not None]
    if len(priced) == 1:
        v = priced[0]
        title = _told_apart(ctx, v, v.short_title if ctx.sms else v.title)
        reply.lead.append(
            ctx.t("The {title} is listed at {price}.", title=title, price=price_text(v.price_cents))
            if v.price_cents is not None
            else _no_price(ctx, title)
        )
        if v.mileage is not None and _MILES_ASKED.search(ctx.u.text):
            reply.lead.append(
                ctx.t("It has {miles} miles.", miles=f"{v.mileage:,}")
            )  # "miles and price on the genesis"
    else:
        reply.lead.append(ctx.t("Here are the listed prices:"))
        reply.body.append(_list_block(priced, ctx))
        if len(listed) == 2 and _DIFFERENCE.search(ctx.u.text):  # "what's the price difference between those two"
            low, high = sorted(listed, key=lambda v: v.price_cents or 0)
            gap = (high.price_cents or 0) - (low.price_cents or 0)
            reply.body.append(
                ctx.t("They're listed at the same price.")
                if gap == 0
                else ctx.t(
                    "The {high} is {gap} more than the {low}.",
                    high=high.short_title,
                    low=low.short_title,
                    gap=price_text(gap),
                )
            )
    said_before = any("Taxes, fees" in t.text or "Los impuestos, cargos" in t.text for t in ctx.history)
    if listed and not said_before:  # said once in a conversation, not under every price
        reply.extras.append(
            ctx.t("Taxes, fees and any current incentives are confirmed by a team member with the final numbers.")
        )
    reply.question = ctx.t("Would you like a team member to put together the out-the-door numbers for you?")
    return reply


_DIFFERENCE = re.compile(r"\bdifference\b|\bhow much (?:more|less|cheaper)\b|\bdiferencia\b", re.IGNORECASE)


def _trade_in(ctx: _Ctx) -> _Reply:
    trade = ctx.u.slots.trade_in
    reply = _Reply(confidence=0.7)
    known = []
    parts = (trade.year, trade.make, trade.model, trade.trim) if trade and (trade.make or trade.model) else ()
    named = " ".join(str(part) for part in parts if part)
    if named:  # "a 2016 Honda Accord"
        known.append(ctx.t("a {year}", year=named))
    if trade and trade.mileage is not None:
        known.append(ctx.t("about {miles} miles", miles=f"{trade.mileage:,}"))
    said = ctx.t(" with ").join(known)
    if trade and trade.condition and ctx.language == "en":  # the customer's own words ("one owner, no accidents")
        said = f"{said} ({trade.condition})" if said else trade.condition
    if trade and trade.payoff_cents is not None:
        owed = ctx.t("about {owed} still owed on it", owed=price_text(trade.payoff_cents))
        said = f"{said}, {ctx.t('and')} {owed}" if said else owed
    details = ctx.t(": {details}", details=said) if said else ""
    thanks = ctx.t("Thanks for the details on your trade-in{details}.", details=details)
    if ctx.u.is_question and _ASKS_IF_TAKEN.search(ctx.u.text):  # "do you take trade-ins?", "aceptan mi troca?"
        reply.lead.append(ctx.t("Yes, we take trade-ins, and we'd be glad to look at yours."))
        reply.lead.append(ctx.t("Our team appraises trade-ins in person, so I can't put a number on it here."))
    elif named and _ASKS_VALUE.search(ctx.u.text):  # "so what would u give me for it": theirs, said back, no figure
        yours = (
            named
            if trade is None or trade.mileage is None
            else ctx.t("{car} with about {miles} miles", car=named, miles=f"{trade.mileage:,}")
        )
        reply.lead.append(
            ctx.t(
                "I can't put a number on your {trade} here: our team appraises trade-ins in person and gives you a "
                "figure then.",
                trade=yours,
            )
        )
    else:
        reply.lead.append(thanks if trade else ctx.t("We'd be glad to look at your trade-in."))
        reply.lead.append(ctx.t("Our team appraises trade-ins in person, so I can't put a number on it here."))
    url = ctx.link(ctx.persona.text_argument("trade_in_url"))
    if url:
        reply.extras.append(ctx.t("You can get a head start with our online trade-in form: {url}", url=url))
    missing = []
    if not trade or not trade.year:
        missing.append(ctx.t("year"))
    if not trade or not (trade.make or trade.model):
        missing.append(ctx.t("make and model"))
    if not trade or trade.mileage is None:
        missing.append(ctx.t("mileage"))
    if not (trade and trade.condition) and not _TRADE_CONDITION.search(ctx.u.text):  # "no accidents": told already
        missing.append(ctx.t("overall condition"))
    wanted = [v for v in ctx.vehicles if v.exact][:5] if ctx.u.slots.models else []
    said = " ".join(t.text for t in ctx.history if t.sender in ("ai", "agent"))
    if wanted and all(v.title in said for v in wanted):
        wanted = []  # shown already: not the same list again
    if wanted:  # "trade my 2019 camry for a palisade": the Palisades too
        reply.body.append(ctx.t("And here's what we have in the {model}:", model=display_name(wanted[0].model)))
        reply.body.append(_list_block(wanted, ctx))
        reply.vehicle_ids = [v.id for v in wanted]
    reply.question = (
        ctx.t("Could you share its {items}?", items=ctx.join(missing))
        if missing
        else ctx.ask("visit_request", ctx.say("ask_which"))
        if wanted
        else ctx.t("Would you like to bring it by so our team can take a look at it?")
    )
    return reply


_ASKS_VALUE = re.compile(
    r"\b(?:what|how much) (?:would|will|could|can|do|d) ?(?:you|u|ya|y'?all) (?:give|offer|pay)\b|\bworth\b"
    r"|\bhow much (?:for|can i get for)\b|\bcu[aá]nto (?:me )?(?:dan|dar[ií]an|ofrecen|pagan)\b",
    re.IGNORECASE,
)
_TRADE_CONDITION = re.compile(
    r"\b(?:no accidents?|accident[- ]free|never (?:been )?(?:wrecked|in an accident)|clean (?:title|carfax)"
    r"|runs (?:great|good|fine|perfect)|(?:good|great|excellent|decent|fair|rough) (?:shape|condition)|mint"
    r"|well[- ]maintained|sin choques|buen estado|buenas condiciones)\b",
    re.IGNORECASE,
)


_ASKS_IF_TAKEN = re.compile(
    r"\b(?:do|would|will|can)\s+(?:you|u|y'?all)\s+(?:guys\s+)?(?:take|accept|do)\b|\b(?:take|accept)\s+trade"
    r"|\b(?:aceptan|acepta|reciben|recibe|toman|toma)\b",
    re.IGNORECASE,
)


_PAYMENT = re.compile(r"\bpayments?\b|\bper month\b|\ba month\b|\bmonthly\b|\bmensualidad|\bpagos?\b", re.I)


def _financing(ctx: _Ctx, lease: bool = False) -> _Reply:
    kind = ctx.t("lease" if lease else "financing")
    reply = _Reply(confidence=0.7)
    reply.lead.append(
        ctx.t("Our finance team can walk you through {kind} options that fit your situation.", kind=kind)
        if ctx.tone != Tone.formal
        else ctx.t("Our finance department would be pleased to review {kind} options with you.", kind=kind)
    )
    if _PAYMENT.search(ctx.u.text):  # "whats the payment on a 30k car": why there is no number, not the same line
        reply.lead[:] = [
            ctx.t(
                "A payment depends on the price, your down payment, the term and the rate your lender offers, so I "
                "can't quote one here; our finance team works it out with you."
            )
        ]
    else:
        reply.lead.append(ctx.t("I'm not able to quote rates or payments here; a specialist confirms those with you."))
    url = ctx.link(ctx.persona.text_argument("finance_application_url"))
    if url:
        reply.extras.append(ctx.t("If you'd like to get started, you can apply securely online: {url}", url=url))
    reply.question = ctx.ask("contact_request", ctx.t("Would you like a finance specialist to reach out to you?"))
    return reply


def _test_drive(ctx: _Ctx) -> _Reply:
    v = _by_identifier(ctx) or (ctx.vehicles[0] if len(ctx.vehicles) == 1 else None)
    both = ctx.referred and len(ctx.vehicles) == 2 and bool(BOTH.search(ctx.u.text))  # "can i see both thursday"
    reply = _Reply(vehicle_ids=[v.id] if v else [u.id for u in ctx.vehicles] if both else [], confidence=0.8)
    what = ctx.t(" of the {title}", title=v.short_title if ctx.sms else v.title) if v else ""
    if both:
        what = ctx.t(" of the {title}", title=ctx.join([u.short_title for u in ctx.vehicles]))
    reply.lead.append(ctx.t("I'd be glad to set up a test drive{what}.", what=what))
    request = ctx.u.time_request
    closed = request is not None and (request.day or "").removeprefix("next ") in ctx.dealership.closed_days
    if request and closed:  # "around 2?" for the Sunday said before, a day the store is closed: another day
        open_day = next((d for d in (*WEEKDAYS[5::-1], *WEEKDAYS[6:]) if d not in ctx.dealership.closed_days), None)
        reply.lead.append(ctx.t("We're closed on {day}, unfortunately.", day=capitalise_weekdays(request.day or "")))
        time = replace(request, day=None).said()  # "around 2 PM"
        reply.question = (
            ctx.t("Would {day} {time} work instead?", day=capitalise_weekdays(open_day), time=time)
            if open_day and ctx.language == "en"
            else ctx.t("Would another day work for you?")
        )
    elif request:
        said = request.said() if ctx.language == "en" else capitalise_weekdays(request.words)
        reply.lead.append(ctx.t("I'll pass {day} along to the team, and they'll confirm the time with you.", day=said))
        reply.question = ctx.t("Is there anything you'd like us to have ready for your visit?")
    elif day_named := find_day(ctx.u.text):
        said = capitalise_weekdays(day_named[0])
        if day_named[1].removeprefix("next ") in WEEKDAYS and ctx.language == "en":  # "sat" -> "Saturday"
            said = capitalise_weekdays(day_named[1])
        if day_named[1].removeprefix("next ") in ctx.dealership.closed_days:
            reply.lead.append(ctx.t("We're closed on {day}, unfortunately.", day=said))
            reply.question = ctx.t("Would another day work for you?")
        elif len(ctx.vehicles) > 1 and ctx.referred and not both:  # "can i come see it tomorrow" after a list
            reply.question = ctx.t("Which of them would you like to see, and what time {day} works best?", day=said)
        else:
            relative = said.lower() in ("today", "tomorrow", "tonight", "hoy", "mañana", "manana")
            reply.question = (
                ctx.t("What time {day} works best for you?", day=said)
                if relative
                else ctx.t("What time on {day} works best for you?", day=said)
            )
    else:
        reply.question = ctx.t("What day and time work best for you?")
    if ctx.dealership.hours_text and not ctx.sms:
        reply.extras.append(ctx.t("Our hours are {hours}.", hours=ctx.hours))
    return reply


_FACT_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (topic, re.compile(pattern, re.IGNORECASE))
    for topic, pattern in (
        ("fuel economy", MPG_ASKED.pattern),
        (
            "range and charging figures",
            r"(?<!price )(?<!that )(?<!this )(?<!my )(?<!your )(?<!budget )(?<!the same )\brange\b(?! of \$)|charg|kwh"
            r"|battery|autonom|carga r[aá]pida|cargar|how far"
            r"|\b(?:make|do|handle|go|get)(?: me)?\s+\d[\d,]*\s*(?:mi|miles)\b",
        ),
        ("third-row room", r"(?:3rd|third) row|tercera fila"),
        ("heat pump and climate equipment", r"heat pump|bomba de calor"),
        ("warranty", r"warrant|garant"),
        ("recalls", r"recall"),
        (
            "accident and ownership history",
            r"carfax|autocheck|history|accident|owners?\b|title|salvage|flood|choque|chocad|accidente",
        ),
        ("interior condition", r"smok|\bpets?\b|dog hair|odou?r|smell|fumad"),
        ("bed length", r"\bbed\b"),
        ("safety ratings", r"safety|crash|iihs|nhtsa"),
        ("towing capacity", r"\btow|\bjalar|\bremolc|\barrastr"),
        ("engine", r"\bv[\s-]?6\b|\bv[\s-]?8\b|\bhemi\b|\becoboost\b|\bturbo\b|cylinder|\bcyl\b|\bengine\b"),
        ("reliability and resale value", r"reliab|resale|value|depreciat"),
        ("specifications", r"."),
    )
)


_RANGE_ASKED = re.compile(
    r"\brange\b|\bhow far\b|\bmiles (?:on|per) (?:a |one )?(?:full )?charge\b|\bautonom[ií]a\b"
    r"|\b(?:make|do|handle|go|get)(?: me)?\s+\d[\d,]*\s*(?:mi|miles)\b",
    re.IGNORECASE,
)
_COLD = re.compile(r"\bwinter\b|\bcold\b|\bsnow\b|\binvierno\b|\bfr[ií]o\b", re.IGNORECASE)
# A model's rating (``nlu.figures``), said as the rating over its versions, the unit's own figure to be confirmed
_RATED = {
    "range and charging figures": "The {model} is EPA-rated at about {figure} miles of range, depending on the "
    "version (battery and drive).",
    "fuel economy": "The {model} is EPA-rated at about {figure} MPG combined, depending on the version (engine and "
    "drive).",
    "towing capacity": "The {model} is rated to tow up to about {figure} lb when properly equipped (engine and towing "
    "package).",
}
# An engine a unit's own name gives: "2.0T" (a 2.0-liter turbo), "V6"
_ENGINE_NAMED = re.compile(r"\b[1-6]\.\d\s?T\b|\bV[68]\b", re.IGNORECASE)
# Makers' engine badges in a unit's name, and the engine each stands for in the recent model years a lot holds
_ENGINE_BADGES = (
    (re.compile(r"\b(?:40|45) TFSI\b", re.IGNORECASE), "2.0-liter turbocharged four-cylinder engine"),
    (re.compile(r"\b55 TFSI\b", re.IGNORECASE), "3.0-liter turbocharged V6"),
    (re.compile(r"\b530e\b", re.IGNORECASE), "2.0-liter turbocharged four-cylinder with an electric motor (a plug-in "
     "hybrid)"),
    (re.compile(r"\b(?:[sx]Drive)?30i\b", re.IGNORECASE), "2.0-liter turbocharged four-cylinder engine"),
    (re.compile(r"\b(?:[sx]Drive)?40i\b|\bM40i\b", re.IGNORECASE), "3.0-liter turbocharged inline six"),
    (re.compile(r"\bEcoBoost\b", re.IGNORECASE), "turbocharged EcoBoost engine"),
    (re.compile(r"\bHemi\b", re.IGNORECASE), "Hemi V8"),
)  # fmt: skip


def _rated_variants(cars: Sequence[VehicleView], topic: str) -> list[tuple[str, Rated]]:
    """The versions of the models among ``cars`` that ``topic`` rates differently (a Santa Fe and a Santa Fe Hybrid),
    each with its rating over the years in stock, the best first; a car the table does not know is left out."""
    found: dict[str, list[Rated]] = {}
    for v in cars:
        fuel = vehicle_fuel(v.fuel_type, v.model, v.trim)
        figure = rated(v.model, v.year, topic, fuel)
        if figure is not None:
            hybrid = " Hybrid" if fuel == "Hybrid" and "hybrid" not in v.model.lower() else ""
            found.setdefault(f"{display_name(v.make)} {display_name(v.model)}{hybrid}", []).append(figure)
    merged = [(name, Rated(min(r.low for r in rs), max(r.high for r in rs))) for name, rs in found.items()]
    return sorted(merged, key=lambda p: -(p[1].low + p[1].high))


def _engine_badge(name: str) -> tuple[str, str] | None:
    """The first maker's engine badge in a unit's name ("45 TFSI") and what it stands for, if any."""
    for pattern, engine in _ENGINE_BADGES:
        found = pattern.search(name)
        if found:
            return found.group(0), engine
    return None


def _facts(ctx: _Ctx) -> _Reply:
    """A model's specifications, coverage or history that a listing does not carry: what the listing says, and an
    honest offer to have it confirmed, never a figure from memory."""
    topic = next(name for name, pattern in _FACT_TOPICS if pattern.search(ctx.u.text))
    two = list({v.id: v for v in ctx.vehicles}.values())
    if topic == "specifications" and len(two) == 2 and side_by_side(ctx.u):
        return _side_by_side_answer(ctx, two[0], two[1])  # "whats the difference between the two k5s you got"
    several = ctx.referred and len(ctx.vehicles) > 1  # "which one has the most range": of the list, none guessed
    s = ctx.u.slots
    general = topic == "warranty" and not (ctx.referred or s.models or s.makes or s.stock_number or s.vin)
    v = None if general else _by_identifier(ctx) or (ctx.vehicles[0] if ctx.vehicles and not several else None)
    pointed = bool(s.stock_number or s.vin) or len({u.id for u in ctx.vehicles}) < 2
    title = (v.short_title if ctx.sms else v.title) if v else None
    reply = _Reply(confidence=0.6, vehicle_ids=[v.id] if v else [])
    fuel = vehicle_fuel(v.fuel_type, v.model, v.trim) if v else None
    figure = rated(v.model, v.year, topic, fuel) if v else None
    if topic == "range and charging figures" and not _RANGE_ASKED.search(ctx.u.text):
        figure = None  # "how long on a DC fast charger": a charging time, which no rating here answers
    variants = _rated_variants(ctx.vehicles, topic) if topic == "fuel economy" and not pointed else []
    if topic == "fuel economy" and v is not None and len(variants) < 2 and GAS_VS_HYBRID.search(ctx.u.text):
        # "mpg gas vs hybrid" of a Tucson Hybrid: the model's two versions, as rated
        base = re.sub(r"\s*hybrid$", "", v.model, flags=re.IGNORECASE)
        both = [(f"{display_name(v.make)} {display_name(base)}{name}", rated(model, v.year, topic, fuel))
                for name, model, fuel in ((" Hybrid", f"{base} Hybrid", "Hybrid"), ("", base, "Gasoline"))]  # fmt: skip
        variants = [(name, figure) for name, figure in both if figure is not None]
        variants = variants if len(variants) == 2 else []
    if len(variants) > 1:  # "whats the mpg on the santa fe", "which tucson gets the best gas mileage": each version
        (best, top), *rest = variants
        reply.lead.append(
            ctx.t(
                "The {best} is the easiest on gas: EPA-rated at about {mpg} MPG combined, against about {others}, "
                "depending on the engine and drive.",
                best=best,
                mpg=top.said(),
                others=ctx.join([ctx.t("{figure} for the {name}", figure=r.said(), name=n) for n, r in rest]),
            )
        )
        reply.vehicle_ids, v = [], None  # of no one car: no car's link
        reply.question = ctx.t("Would you like to see the ones we have of the {best}?", best=best)
    elif variants and several:  # "how are they on gas" of three Tucsons
        reply.lead.append(ctx.t(_RATED[topic], model=variants[0][0], figure=variants[0][1].said()))
        reply.question = ctx.t("Would you like a team member to confirm it for the one you like?")
    elif topic == "fuel economy" and v and v.fuel_economy:
        reply.lead.append(ctx.t("The {title} is rated at {mpg} MPG combined.", title=title, mpg=v.fuel_economy))
    elif v and figure is not None:  # "range?", "mpg on the kia hybrid", "can the titan tow 7000": the rating
        hybrid = (  # an Escape "SE Hybrid", a BMW 5 Series "530e": what it is, said with the model
            (" Hybrid" if fuel == "Hybrid" else " plug-in hybrid" if fuel == "Plug-In Hybrid" else "")
            if "hybrid" not in v.model.lower()
            else ""
        )
        model = f"{v.year} {display_name(v.make)} {display_name(v.model)}{hybrid}"
        # a towing rating is the most the model may pull, equipped for it ("up to about 10,640 lb"), not a span
        said = f"{figure.high:,}" if topic == "towing capacity" else figure.said()
        reply.lead.append(ctx.t(_RATED[topic], model=model, figure=said))
        if topic == "range and charging figures" and _COLD.search(ctx.u.text):  # "in winter": said plainly
            reply.lead.append(ctx.t("Cold weather can cut an electric car's range by roughly a quarter or more."))
        reply.question = ctx.t("Would you like a team member to confirm it for this one?")
    elif topic == "warranty":
        reply.lead.append(
            ctx.t(
                "Warranty coverage depends on whether a vehicle is new, certified pre-owned or used, and on when it "
                "was first sold and its miles, so I'd rather not quote it from memory."
            )
        )
    elif topic == "engine" and v and (engine := _ENGINE_NAMED.search(f"{v.trim or ''} {v.title}")):
        # "is the genesis a turbo?" of a "2.0T": the engine its own name gives, said as the name's
        said = engine.group(0)
        turbo = said.upper().endswith("T") and "." in said
        reply.lead.append(
            ctx.t(
                "Yes: the “{said}” in the {title}'s name is its {litres}-liter turbocharged engine.",
                said=said,
                title=title,
                litres=said[:-1].strip(),
            )
            if turbo
            else ctx.t("The {title}'s name gives its engine: a {said}.", title=title, said=said.upper())
        )
    elif topic == "engine" and v and (badge := _engine_badge(f"{v.trim or ''} {v.title}")):
        # "the q5 what engine" of a "45 TFSI quattro": what the maker's badge in its name stands for
        reply.lead.append(
            ctx.t(
                "The “{badge}” in the {title}'s name is the maker's badge for a {engine}; a team member can confirm it "
                "on the car.",
                badge=badge[0],
                title=title,
                engine=ctx.t(badge[1]),
            )
        )
    elif topic == "interior condition" and v:  # "has it been smoked in? my kid has asthma": not guessed
        reply.lead.append(
            ctx.t(
                "Our listing doesn't say whether the {title} was smoked in or carried pets, so I won't guess; a team "
                "member can check the interior for you before you come in.",
                title=title,
            )
        )
        reply.question = ctx.t("Would you like someone to check it and get back to you?")
    elif topic == "recalls" and v:
        reply.lead.append(
            ctx.t("Open recalls are looked up by VIN; the VIN of the {title} is {vin}.", title=title, vin=v.vin)
        )
    elif topic == "accident and ownership history" and v:
        said = ctx.t(
            "Our listing doesn't carry the accident or ownership history of the {title}, so I won't guess; a team "
            "member can send you its vehicle history report.",
            title=title,
        )
        if any(said in t.text for t in ctx.history if t.sender in ("ai", "agent")):  # "how many owners" after that
            said = ctx.t(
                "A team member can send you the {title}'s vehicle history report, which shows its accidents and "
                "owners.",
                title=title,
            )
        reply.lead.append(said)
        reply.question = ctx.t("Would you like us to send you the vehicle history report?")
    elif v:
        reply.lead.append(
            ctx.t(
                "I'd rather not guess at the {topic}; our listing for the {title} doesn't give it.",
                topic=ctx.t(topic),
                title=title,
            )
        )
    else:
        reply.lead.append(ctx.t("I'd rather not guess at the {topic}; our listings don't give it.", topic=ctx.t(topic)))
    odometer = r"\bhow many miles\b|(?<!gas )(?<!fuel )\bmileage\b|\bmiles on\b|\bcu[aá]ntas millas\b"
    if v and re.search(odometer, ctx.u.text, re.I):
        # "how many miles and any accidents?": the part the listing answers, first
        reply.lead.insert(
            0,
            ctx.t("The {title} has {miles} miles.", title=title, miles=f"{v.mileage:,}")
            if v.mileage is not None
            else ctx.t("its listing doesn't show its mileage").capitalize() + ".",
        )
    trims = ctx.u.slots.trims
    each_trim = [
        found
        for t in trims
        if (found := next((u for u in ctx.vehicles if t.lower() in (u.trim or "").lower().split()), None))
    ]
    if len(trims) > 1 and len(each_trim) == 2 and each_trim[0].model != each_trim[1].model:
        # "the 2022 telluride ex and the 2023 palisade sel": two cars, side by side on what the listings say
        side = _side_by_side_answer(ctx, each_trim[0], each_trim[1])
        side.lead = [ctx.t("Our listings don't say what each trim adds, so I won't guess; here they are side by side:")]
        return side
    if len(trims) > 1 and each_trim:  # "the difference between the limited and the sel": what we have of each
        missing = [t for t in trims if not any(t.lower() in (u.trim or "").lower().split() for u in each_trim)]
        model = each_trim[0].model
        ranks = [trim_rank(model, t) for t in trims[:2]]
        if ranks[0] is not None and ranks[1] is not None and ranks[0] != ranks[1]:
            low, high = (trims[0], trims[1]) if ranks[0] < ranks[1] else (trims[1], trims[0])
            reply.lead = [
                ctx.t(
                    "In the {model} lineup the {high} sits above the {low}, so it generally comes with more comfort "
                    "and tech equipment; our listings don't show each unit's features, so a team member can confirm "
                    "what these have. Here's what we have of each:",
                    model=model,
                    high=high,
                    low=low,
                )
            ]
        else:
            reply.lead = [
                ctx.t("Our listings don't say what each trim adds, so I won't guess; here's what we have of each:")
            ]
        reply.body.append(_list_block(each_trim[: 2 if ctx.sms else 3], ctx))
        if missing:
            reply.body.append(ctx.t("We don't have a {trim} on the lot right now.", trim=ctx.join(missing)))
        reply.vehicle_ids = [u.id for u in each_trim[: 2 if ctx.sms else 3]]
        reply.question = ctx.t("Would you like a team member to walk you through the differences?")
        return reply
    models = list({u.model: u for u in ctx.vehicles}.values())
    if len(models) > 1 and len(ctx.u.slots.models) > 1:  # "palisade vs telluride": one of each
        reply.body.append(_list_block(models[: 2 if ctx.sms else 3], ctx))
        reply.vehicle_ids = [u.id for u in models[: 2 if ctx.sms else 3]]
    url = ctx.link(v.url) if v else None
    if url:
        reply.extras.append(ctx.t("You can see the photos and details here: {url}", url=url))
    reply.question = reply.question or ctx.t("Would you like a team member to confirm it for you?")
    return reply


_ASKS_HOURS = re.compile(
    r"\bhours?\b|\bopen\b|\bclos(?:e|es|ed|ing)\b|\buntil what time\b|\bhorario|\babren\b|\bcierran\b", re.IGNORECASE
)
_ASKS_WHERE = re.compile(
    r"\bwhere\b|\blocat(?:ed|ion)\b|\baddress\b|\bdirections\b|\bd[oó]nde\b|\bdirecci[oó]n\b|\bubica", re.IGNORECASE
)


def _hours_location(ctx: _Ctx) -> _Reply:
    """Where and when: what was asked ("where are you located" is not a question about the hours), all of it when
    the message asks both or neither."""
    d = ctx.dealership
    reply = _Reply(confidence=0.85)
    hours, where = bool(_ASKS_HOURS.search(ctx.u.text)), bool(_ASKS_WHERE.search(ctx.u.text))
    if hours == where:
        hours = where = True
    if d.location and where:
        reply.lead.append(
            ctx.t("You'll find us at {location}.", location=d.location)
            if d.address
            else ctx.t("You'll find us in {location}.", location=d.location)  # a town, no street
        )
    day = find_day(ctx.u.text)
    if d.hours_text and hours and day and day[1].removeprefix("next ") in d.closed_days:
        name = day[1].removeprefix("next ")
        reply.lead.append(ctx.t("We're closed on {day}, unfortunately.", day=weekday_said(name, ctx.language)))
    if d.hours_text and hours:
        reply.lead.append(ctx.t("Our hours are {hours}.", hours=ctx.hours))
    if d.phone and where:
        reply.lead.append(ctx.t("You can reach us at {phone}.", phone=d.phone))
    if not reply.lead:
        reply.lead.append(ctx.t("I'll have a team member send you our hours and directions."))
        reply.confidence = 0.4
    s = ctx.u.slots
    said = ctx.u.text.lower()  # the car the message itself names, not one gathered before ("how late are you open")
    asked = [m for m in [*s.models, *s.makes] if m.lower() in said]
    named = [v for v in ctx.vehicles if _fits(v, s)] if asked or s.stock_number else []
    if named:  # "are you open saturday? want to look at the tahoe": the Tahoe too
        v = _by_identifier(ctx) or named[0]
        reply.body.append(
            f"{ctx.say('found_one', title=v.short_title if ctx.sms else v.title)} {_facts_sentence(v, ctx)}"
        )
        reply.vehicle_ids = [v.id]
    url = ctx.link(d.website) if not d.location else None
    if url:
        reply.extras.append(ctx.t("Directions and more are on our website: {url}", url=url))
    reply.question = ctx.ask("visit_request", ctx.t("Would you like to set up a time to stop by?"))
    return reply


def _service(ctx: _Ctx) -> _Reply:
    reply = _Reply(confidence=0.6)
    reply.lead.append(ctx.t("Our service department is the right team for that."))
    if ctx.dealership.phone:
        reply.lead.append(
            ctx.t("The quickest way to book is to call us at {phone} and ask for service.", phone=ctx.dealership.phone)
        )
    reply.question = ctx.t("Would you like me to pass your request to the service team so they can reach out?")
    return reply


def _human(ctx: _Ctx) -> _Reply:
    reply = _Reply(confidence=0.9)
    persona = _persona_name(ctx.persona)
    if ctx.u.asks_if_bot and not ctx.u.wants_human:
        who = (
            ctx.t("I'm {persona}, {dealer}'s virtual assistant.", persona=persona, dealer=ctx.dealership.name)
            if persona
            else ctx.t("I'm a virtual assistant.")
        )
        can = ctx.t("I can answer questions about our inventory, and connect you with a team member any time.")
        reply.lead.append(f"{who} {can}")
        reply.question = ctx.t("Would you like me to do that, or is there something I can look up for you?")
        return reply
    reply.lead.append(
        ctx.t("Of course. I'll let our team know you'd like to talk with a person, and someone will reach out.")
    )
    if ctx.dealership.phone:
        reply.extras.append(ctx.t("If you'd rather call, we're at {phone}.", phone=ctx.dealership.phone))
    reply.question = ctx.ask("contact_request", ctx.t("What's the best way and time to reach you?"))
    return reply


def _stop(ctx: _Ctx) -> _Reply:
    reply = _Reply(confidence=0.99)
    reply.lead.append(ctx.t("You're unsubscribed and won't receive further messages from us."))
    reply.question = ctx.t(
        "Reply START to opt back in." if ctx.sms else "If you'd like to pick this back up, just reply."
    )
    return reply


def contact_parts(ctx: _Ctx, email: str | None, phone: str | None) -> list[str]:
    """The contact details a message gives, as a reply says them back ("your number, 312-555-0144", the e-mail)."""
    return [part for part in (ctx.t("your number, {phone}", phone=phone) if phone else "", email or "") if part]


def contact_noted(ctx: _Ctx, what: str, name: str | None) -> str:
    """ "Thanks, Dana! I've noted your number, 312-555-0144." (by name when known)."""
    return (
        ctx.t("Thanks, {name}! I've noted {what}.", name=name, what=what)
        if name
        else ctx.t("Thanks! I've noted {what}.", what=what)
    )


def _not_interested(ctx: _Ctx) -> _Reply:
    reply = _Reply(confidence=0.85)
    reply.lead.append(ctx.t("Understood, and thanks for letting us know."))
    reply.question = ctx.t("If anything changes, just reply and we'll be glad to help.")
    return reply


_GOODBYE = re.compile(
    r"\b(?:bye|goodbye|that'?s all|thats all|that'?s it|thats it|all set|have a good (?:one|day|night|weekend)"
    r"|talk (?:to you )?later|ttyl|eso es todo|es todo|adi[oó]s|hasta luego|nos vemos|bendiciones)\b",
    re.IGNORECASE,
)


def _thanks(ctx: _Ctx) -> _Reply:
    if DEFERRAL.search(ctx.u.text.lower()):  # "ill think about it": no pitch, the door left open
        return _Reply(
            lead=[ctx.t("Of course, take your time.")],
            question=ctx.t("Whenever you're ready, just reply here and we'll pick up where we left off."),
            confidence=0.9,
        )
    if _GOODBYE.search(ctx.u.text):  # "thanks, that's all for now": a close, not another question
        return _Reply(
            lead=[ctx.say("welcome")],
            question=ctx.t("If anything comes up, just reply here and we'll be glad to help."),
            confidence=0.9,
        )
    return _Reply(lead=[ctx.say("welcome")], question=ctx.say("ask_else"), confidence=0.9)


def _greeting(ctx: _Ctx) -> _Reply:
    reply = _Reply(greet=True, confidence=0.85)
    reply.question = ctx.t("Are you shopping for something specific, or would you like to see what's on our lot?")
    return reply


_ACK_WORD = (
    r"(?:ok(?:ay)?|k|kk|sounds good|cool|great|perfect|alright|all right|got it|nice|awesome|good to know|sure thing"
    r"|thanks?|thank you|ty|vale|perfecto|muy bien|de acuerdo|entendido|gracias|then|so)"
)
_ACK = re.compile(rf"^\W*{_ACK_WORD}(?:\W+{_ACK_WORD})*\W*$", re.IGNORECASE)
_MAYBE = re.compile(
    r"^\W*(?:ok(?:ay)?\W+)?(?:maybe|perhaps|idk|i don'?t know|not sure|hmm+|i guess|possibly|tal vez|quiz[aá]s"
    r"|no s[eé])\W*$",
    re.IGNORECASE,
)


def _other(ctx: _Ctx) -> _Reply:
    compared = ctx.vehicles and superlative(ctx.u) and all(v.exact for v in ctx.vehicles)
    if (ctx.referred or compared) and ctx.vehicles:  # "which of those is newest", "what's your cheapest car"
        several = ctx.referred and len(ctx.vehicles) > 1  # "and the other ones?": each of them
        return _attribute_answer(ctx) or _exact_answer(
            ctx, ctx.vehicles if several else ctx.vehicles[:1], asked_specific=True
        )
    if ctx.vehicles and asks_for_more(ctx.u):  # "something newer", "anything cheaper": what the new search found
        return _inventory_answer(ctx, asked_specific=False)
    if _ACK.search(ctx.u.text) or _MAYBE.search(ctx.u.text):  # "ok sounds good": the conversation goes on
        v = ctx.vehicles[0] if len(ctx.vehicles) == 1 else None
        unsure = bool(_MAYBE.search(ctx.u.text))  # "maybe", "idk": no push, one easy next step
        question = (
            ctx.t("Is there anything else you'd like to know about it?")
            if v and unsure
            else ctx.ask("visit_request", ctx.say("ask_test_drive"))
            if v
            else ctx.t("Does one of these stand out to you?")
            if len(ctx.vehicles) > 1
            else ctx.say("ask_else")
        )
        return _Reply(
            lead=[ctx.t("No pressure at all.") if unsure else ctx.t("Great!")],
            question=question,
            vehicle_ids=[v.id] if v else [],
            confidence=0.7,
        )
    if ctx.u.slots.timeline == "just browsing":  # "just looking": no pressure, one easy way in
        return _Reply(
            lead=[ctx.t("No problem at all, take your time.")],
            question=ctx.t(
                "If it helps, I can show you what's on the lot: are you thinking SUV, truck or sedan, new or pre-owned?"
            ),
            confidence=0.7,
        )
    email, phone = contact_given(ctx.u.text)
    if email or phone:  # "im mike, 312-555-0187": said back, and the conversation goes on
        name = given_name(ctx.u.text) or safe_name(ctx.first_name)
        noted = ctx.join(contact_parts(ctx, email, phone))
        best = _BEST_TIME.search(ctx.u.text)  # "evenings are better": when to reach them, said back
        if best is not None and ctx.language == "en":
            noted += f", and that {best.group(1).lower()} {'are' if best.group(1).lower().endswith('s') else 'is'} best"
        reply = _Reply(confidence=0.7)
        reply.lead.append(contact_noted(ctx, noted, name))
        reply.question = ctx.ask("visit_request", ctx.t("What day and time would work best for you to come in?"))
        return reply
    name = safe_name(given_name(ctx.u.text))
    if name and not ctx.u.is_question:  # "my name is Mike Torres", "this is Dana btw": greeted, and on with the cars
        v = ctx.vehicles[0] if len(ctx.vehicles) == 1 else None
        return _Reply(
            lead=[ctx.t("Nice to meet you!") if ctx.first_contact else ctx.t("Nice to meet you, {name}!", name=name)],
            question=ctx.ask("visit_request", ctx.say("ask_test_drive"))
            if v
            else ctx.t("Does one of these stand out to you?")
            if len(ctx.vehicles) > 1
            else ctx.t(
                "Is there a vehicle I can look up for you: an SUV, a truck or a car, and a price you'd like to stay "
                "under?"
            ),
            vehicle_ids=[v.id] if v else [],
            confidence=0.7,
        )
    if ctx.u.is_question and len(ctx.u.text.split()) >= 3 and not ctx.u.slots.has_vehicle_criteria():
        # a question our listings do not answer ("do you deliver to indiana?"): said so, and a person offered,
        # never a request to repeat themselves
        reply = _Reply(confidence=0.4, vehicle_ids=[v.id for v in ctx.vehicles[:1]])
        reply.lead.append(ctx.t("That's not something I can answer from our listings."))
        reply.question = ctx.ask("contact_request", ctx.t("Would you like a team member to get back to you on it?"))
        return reply
    reply = _Reply(confidence=0.3)
    if not ctx.u.is_question:  # "lol nice. its freezing out here": small talk, then one specific question
        reply.lead.append(ctx.t("Thanks for letting me know!"))
        reply.question = ctx.t(
            "Is there a vehicle I can look up for you: an SUV, a truck or a car, and a price you'd like to stay under?"
        )
        return reply
    reply.lead.append(ctx.t("Thanks for your message. I want to make sure I point you in the right direction."))
    reply.question = ctx.t("Could you tell me a bit more about what you're looking for?")
    return reply


_HANDLERS: dict[str, Callable[[_Ctx], _Reply]] = {
    "availability": _availability,
    "inventory_search": _search,
    "price": _price,
    "vehicle_facts": _facts,
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
        tail = " " + ctx.t("You can start with our online trade-in form: {url}", url=url) if url else ""
        return ctx.t("I can also help with your trade-in; our team appraises it in person.") + tail
    if intent in ("financing", "lease"):
        url = None if ctx.sms else ctx.link(ctx.persona.text_argument("finance_application_url"))
        tail = " " + ctx.t("You can apply securely online: {url}", url=url) if url else ""
        return ctx.t("A finance specialist can go over your options with you.") + tail
    if intent == "test_drive":
        return ctx.t("I'd be glad to set up a test drive whenever you're ready.")
    d = ctx.dealership
    if intent == "hours_location" and (d.hours_text or d.location):
        hours = ctx.t("Our hours are {hours}.", hours=ctx.hours) if d.hours_text else ""
        where = ctx.t("We're located at {location}.", location=d.location) if d.location else ""
        return " ".join(part for part in (where, hours) if part)
    return None


def comparison_answer(ctx: _Ctx, measure: str) -> _Reply:
    """Which of the cars compared wins on ``measure`` (``brain.dialogue.Comparison``; the winner is first), with the
    figures of both: "The 2024 Ioniq 6 SEL AWD is the cheaper of the two at $51,378, $7,899 less than the 2024 Ioniq 5
    Limited AWD at $59,277." A tie is said as one, and a car without the figure says it is not listed."""
    cars = list(ctx.vehicles)
    if measure == "why_price":
        return _why_price_answer(ctx, cars[:2])
    if measure in ALONE:
        return _unbeaten_answer(ctx, cars[0], measure)
    if measure == "side_by_side":
        return _side_by_side_answer(ctx, cars[0], cars[1])
    if measure == "pick":
        return _pick_answer(ctx, cars[0], cars[1])
    if measure == "price_gap":
        return _price_gap_answer(ctx, cars[0], cars[1])
    if measure == "better_mpg":
        return _mpg_answer(ctx, cars[0], cars[1])
    best, other = cars[0], cars[1]
    a, b = (best.short_title, other.short_title) if ctx.sms else (best.title, other.title)
    reply = _Reply(vehicle_ids=[best.id, other.id] if len(cars) == 2 else [best.id], confidence=0.8)
    two = len(cars) == 2
    if measure in ("cheaper_models", "pricier_models") and best.price_cents is not None and other.price_cents:
        template = (
            "The {m} starts lower: our lowest-priced one is the {a} at {pa}, and our lowest-priced {n} is the {b} at "
            "{pb}."
            if measure == "cheaper_models"
            else "The {m} is the pricier of the two: our lowest-priced one is the {a} at {pa}, and our lowest-priced "
            "{n} is the {b} at {pb}."
        )
        reply.lead.append(
            ctx.t(
                template,
                m=best.model,
                n=other.model,
                a=a,
                b=b,
                pa=price_text(best.price_cents),
                pb=price_text(other.price_cents),
            )
        )
        reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
        return reply
    measure = measure.removesuffix("_models")
    if measure in ("cheaper", "pricier"):
        if best.price_cents is None:
            reply.lead.append(ctx.t("None of them has a price listed yet; a team member can get them to you."))
        elif two and other.price_cents is None:
            reply.lead.append(
                ctx.t(
                    "The {a} is listed at {pa}; the {b} has no price listed yet.",
                    a=a,
                    b=b,
                    pa=price_text(best.price_cents),
                )
            )
        elif two and other.price_cents == best.price_cents:
            reply.lead.append(ctx.t("They're listed at the same price, {pa}.", pa=price_text(best.price_cents)))
        elif two:
            # "which is cheaper and by how much": the gap said with both prices
            template = (
                "The {a} is the cheaper of the two at {pa}, {gap} less than the {b} at {pb}."
                if measure == "cheaper"
                else "The {a} is the pricier of the two at {pa}, {gap} more than the {b} at {pb}."
            )
            gap = price_text(abs(best.price_cents - (other.price_cents or 0)))
            pa, pb = price_text(best.price_cents), price_text(other.price_cents or 0)
            reply.lead.append(ctx.t(template, a=a, b=b, pa=pa, pb=pb, gap=gap))
        else:
            template = (
                "Of those, the {a} is the cheapest at {pa}."
                if measure == "cheaper"
                else ("Of those, the {a} is the priciest at {pa}.")
            )
            reply.lead.append(ctx.t(template, a=a, pa=price_text(best.price_cents)))
    elif measure == "newer":
        if two and best.year == other.year:
            reply.lead.append(ctx.t("They're both from {year}.", year=best.year))
            if best.mileage is not None and other.mileage is not None and best.mileage != other.mileage:
                reply.lead.append(
                    ctx.t(
                        "The {a} has fewer miles: {ma}, against {mb} on the {b}.",
                        a=a,
                        b=b,
                        ma=f"{best.mileage:,}",
                        mb=f"{other.mileage:,}",
                    )
                )
        elif two:
            reply.lead.append(ctx.t("The {a} is the newer of the two; the {b} is a {year}.", a=a, b=b, year=other.year))
        else:
            reply.lead.append(ctx.t("Of those, the {a} is the newest.", a=a))
    else:
        miles = [v.mileage for v in (best, other)]
        if best.mileage is None or (two and other.mileage is None):
            reply.lead.append(ctx.t("Our listing doesn't give the miles of every one of them."))
            reply.body.append(_list_block(cars, ctx))
        elif two and miles[0] == miles[1]:
            reply.lead.append(ctx.t("They have the same miles, {ma}.", ma=f"{best.mileage:,}"))
        elif two:
            template = (
                "The {a} has fewer miles: {ma}, against {mb} on the {b}."
                if measure == "fewer_miles"
                else "The {a} has more miles: {ma}, against {mb} on the {b}."
            )
            reply.lead.append(ctx.t(template, a=a, b=b, ma=f"{best.mileage:,}", mb=f"{other.mileage:,}"))
        else:
            template = (
                "Of those, the {a} has the fewest miles: {ma}."
                if measure == "fewer_miles"
                else ("Of those, the {a} has the most miles: {ma}.")
            )
            reply.lead.append(ctx.t(template, a=a, ma=f"{best.mileage:,}"))
    reply.question = ctx.ask("visit_request", ctx.say("ask_test_drive"))
    return reply


def _mpg_answer(ctx: _Ctx, a: VehicleView, b: VehicleView) -> _Reply:
    """ "Charger or the malibu, which is better on gas?": each model's EPA combined rating (``nlu.figures``) and the
    one easier on gas; a model the table does not know is said to need confirming, never guessed."""

    def name(v: VehicleView) -> str:
        return v.short_title if ctx.sms else v.title

    ra, rb = (rated(v.model, v.year, "fuel economy", vehicle_fuel(v.fuel_type, v.model, v.trim)) for v in (a, b))
    reply = _Reply(vehicle_ids=[a.id, b.id], confidence=0.7)
    if ra is not None and rb is not None and ra.low + ra.high == rb.low + rb.high:
        reply.lead.append(ctx.t("They're rated about the same: about {m} MPG combined.", m=ra.said()))
    elif ra is not None and rb is not None:
        (best, rbest), (other, rother) = sorted(((a, ra), (b, rb)), key=lambda p: -(p[1].low + p[1].high))
        reply.lead.append(
            ctx.t(
                "The {best} is the easier on gas: EPA-rated at about {mb} MPG combined, against about {mo} for the "
                "{other}, depending on the version.",
                best=name(best),
                other=name(other),
                mb=rbest.said(),
                mo=rother.said(),
            )
        )
    elif ra is not None or rb is not None:
        (known, figure), unknown = ((a, ra), b) if ra is not None else ((b, rb), a)
        reply.lead.append(
            ctx.t(
                "The {title} is EPA-rated at about {mpg} MPG combined; I don't have the rating of the {other} to "
                "compare, so a team member will confirm it.",
                title=name(known),
                mpg=figure.said() if figure else "",
                other=name(unknown),
            )
        )
    else:
        reply.lead.append(ctx.t("I don't have the fuel economy ratings of these two; a team member can confirm them."))
    reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
    return reply


def _price_gap_answer(ctx: _Ctx, dearer: VehicleView, cheaper: VehicleView) -> _Reply:
    """ "How much more is the black one?": the gap between two listed prices, with both prices."""
    a, b = (dearer.short_title, cheaper.short_title) if ctx.sms else (dearer.title, cheaper.title)
    pa, pb = dearer.price_cents or 0, cheaper.price_cents or 0
    reply = _Reply(vehicle_ids=[dearer.id, cheaper.id], confidence=0.8)
    if pa == pb:
        reply.lead.append(ctx.t("They're listed at the same price, {pa}.", pa=price_text(pa)))
    else:  # "how much cheaper is the 6": the cheaper one first; "how much more": the dearer one first
        less = re.search(r"\b(?:less|cheaper|lower|under|barat[oa])\b", ctx.u.text, re.IGNORECASE)
        template = (
            "The {b} is {gap} less than the {a}: {pb} against {pa}."
            if less
            else "The {a} is {gap} more than the {b}: {pa} against {pb}."
        )
        reply.lead.append(ctx.t(template, a=a, b=b, gap=price_text(pa - pb), pa=price_text(pa), pb=price_text(pb)))
    reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
    return reply


def _why_price_answer(ctx: _Ctx, cars: Sequence[VehicleView]) -> _Reply:
    """ "Why is it so cheap?", "the 2025 one is 7 grand cheaper, why?": what the listings say sets the price, the
    cheaper car first (year, miles, trim, drivetrain, new or used), never a reason they do not give."""
    a = cars[0]
    reply = _Reply(vehicle_ids=[v.id for v in cars], confidence=0.75)
    title = a.short_title if ctx.sms else a.title
    if a.price_cents is None:
        reply.lead.append(_no_price(ctx, title))
        return reply
    if len(cars) == 2 and cars[1].price_cents is not None and cars[1].price_cents > a.price_cents:
        b = cars[1]
        other = b.short_title if ctx.sms else b.title
        if other == title:  # two that read the same: the other by its colour, else "the other one"
            other = (
                ctx.t("{title} in {colour}", title=other, colour=ctx.colour(b.exterior_color))
                if b.exterior_color and b.exterior_color != a.exterior_color
                else ctx.t("other one")
            )
        gap = price_text((b.price_cents or 0) - a.price_cents)
        why: list[str] = []
        if a.condition != b.condition and b.condition == VehicleCondition.new:
            why.append(ctx.t("it's pre-owned and the other is new"))
        if a.year < b.year:
            why.append(ctx.t("it's a {ya}, the other a {yb}", ya=a.year, yb=b.year))
        if a.mileage is not None and b.mileage is not None and a.mileage > b.mileage + 1000:
            why.append(ctx.t("it has {miles} more miles", miles=f"{a.mileage - b.mileage:,}"))
        drives = (_plain_drive(a), _plain_drive(b))
        if drives[0] and drives[1] and drives[0] != drives[1]:
            why.append(
                ctx.t(
                    "it has {da} and the other {db}",
                    da=_drive_words(ctx, drives[0]),
                    db=_drive_words(ctx, drives[1]),
                )
            )
        if feature_of(b, "third row seating") and not feature_of(a, "third row seating"):
            why.append(ctx.t("the other has a third row of seats"))
        if a.trim and b.trim and a.trim.split()[0].lower() != b.trim.split()[0].lower() and a.model == b.model:
            why.append(ctx.t("it's the {ta} trim, the other the {tb}", ta=a.trim.split()[0], tb=b.trim.split()[0]))
        said = ctx.join(why)
        if why and a.mileage is not None and b.mileage is not None and a.mileage + 1000 < b.mileage:
            # "why is the 2020 almost the same price as the 2021": older, but with fewer miles
            said += ", " + ctx.t("though it has {miles} fewer miles", miles=f"{b.mileage - a.mileage:,}")
        # both listed prices said with their gap: the customer sees where the figure comes from
        a_priced = f"{title} ({price_text(a.price_cents)})"
        b_priced = f"{other} ({price_text(b.price_cents or 0)})"
        if why:
            reply.lead.append(
                ctx.t("The {a} is {gap} less than the {b}: {why}.", a=a_priced, gap=gap, b=b_priced, why=said)
            )
        else:
            reply.lead.append(
                ctx.t(
                    "The {a} is {gap} less than the {b}, and their listings don't show why; a team member can tell "
                    "you what sets them apart.",
                    a=a_priced,
                    gap=gap,
                    b=b_priced,
                )
            )
    else:
        facts = [ctx.t("it's a {year}", year=a.year)]
        if a.mileage is not None and a.condition != VehicleCondition.new:
            facts.append(ctx.t("it has {miles} miles", miles=f"{a.mileage:,}"))
        reply.lead.append(
            ctx.t(
                "No catch that I can see in the listing: the {title} is listed at {price}; {facts}, and a pre-owned "
                "car is priced on its year and miles.",
                title=title,
                price=price_text(a.price_cents),
                facts=ctx.join(facts),
            )
            if a.condition != VehicleCondition.new
            else ctx.t(
                "The {title} is listed at {price}; its listing doesn't say more about the price, so a team member can "
                "walk you through it.",
                title=title,
                price=price_text(a.price_cents),
            )
        )
    if a.condition != VehicleCondition.new:
        reply.body.append(ctx.t("A team member can get you its vehicle history report."))
    return reply


def _unbeaten_answer(ctx: _Ctx, car: VehicleView, measure: str) -> _Reply:
    """ "Anything cheaper than that?" when nothing that fits is: the car seen is the best there is, said with its
    figure, instead of the same list again."""
    title = car.short_title if ctx.sms else car.title
    reply = _Reply(vehicle_ids=[car.id], confidence=0.8)
    if measure == "cheapest_yet":
        line = ctx.t(
            "Nothing that fits comes in lower: the {a} at {pa} is our lowest-priced one.",
            a=title,
            pa=price_text(car.price_cents or 0),
        )
    elif measure == "newest_yet":
        line = ctx.t("Nothing that fits is newer: the {a} is the newest we have.", a=title)
    elif measure == "only_one":
        line = ctx.t("No others, I'm afraid: the {a} is the only one that fits.", a=title)
    else:
        line = ctx.t(
            "Nothing that fits has fewer miles: the {a}, at {ma} miles, is the lowest we have.",
            a=title,
            ma=f"{car.mileage or 0:,}",
        )
    reply.lead.append(line)
    reply.question = ctx.ask("visit_request", ctx.say("ask_test_drive"))
    return reply


def _pick_answer(ctx: _Ctx, best: VehicleView, runner: VehicleView) -> _Reply:
    """ "Which would you pick?": the best value of the cars under discussion (``dialogue._value_order``), and what
    makes it so against the next best, from the listings alone (price, year, miles)."""
    reply = _Reply(vehicle_ids=[best.id, runner.id], confidence=0.75)
    title, other = (best.short_title, runner.short_title) if ctx.sms else (best.title, runner.title)
    if runner.price_cents is not None:
        other = f"{other} ({price_text(runner.price_cents)})"  # the gap below is between two prices said
    why: list[str] = []
    if best.price_cents and runner.price_cents and best.price_cents < runner.price_cents:
        why.append(ctx.t("it's {gap} less", gap=price_text(runner.price_cents - best.price_cents)))
    if best.year > runner.year:
        why.append(ctx.t("it's newer"))
    if best.mileage is not None and runner.mileage is not None and best.mileage < runner.mileage:
        why.append(ctx.t("it has {miles} fewer miles", miles=f"{runner.mileage - best.mileage:,}"))
    if why:
        reply.lead.append(
            ctx.t(
                "For value I'd go with the {title}{price}: next to the {other}, {why}.",
                title=title,
                price=f" ({price_text(best.price_cents)})" if best.price_cents is not None else "",
                other=other,
                why=ctx.join(why),
            )
        )
    else:
        reply.lead.append(
            ctx.t(
                "For value I'd go with the {title}{price}: of these, it gives the most for the money on price, year "
                "and miles.",
                title=title,
                price=f" ({price_text(best.price_cents)})" if best.price_cents is not None else "",
            )
        )
    reply.body.append(ctx.t("That said, it comes down to what matters most to you: budget, miles or features."))
    reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
    return reply


def _plain_drive(v: VehicleView) -> str | None:
    """The unit's drivetrain when its listing says it one way only (its trim names no other one)."""
    named = drivetrains_named(v.trim)
    if not v.drivetrain or v.drivetrain not in _DRIVE_WORDS or any(n != v.drivetrain for n in named):
        return None
    return v.drivetrain


def _side_by_side_answer(ctx: _Ctx, a: VehicleView, b: VehicleView) -> _Reply:
    """ "Compare the f150 and the titan", "the difference between the white one and the grey one": both listings,
    then what sets each apart on price, year and miles (what the listings say; equipment they do not list is not
    guessed)."""
    reply = _Reply(vehicle_ids=[a.id, b.id], confidence=0.8)
    asked = unrated(ctx.u)
    bigger = size_order(a.model, b.model) if asked in ("bigger", "larger", "roomier", "more room") else None
    if bigger:  # "which is bigger, the tucson or the santa fe": by class (US market segments), never a dimension
        big, small = (a, b) if bigger > 0 else (b, a)
        reply.lead.append(
            ctx.t(
                "The {big} is the bigger of the two: it's a {big_class}, a size up from the {small} ({small_class}). "
                "Here they are side by side:",
                big=big.model,
                big_class=ctx.t(segment(big.model) or ""),
                small=small.model,
                small_class=ctx.t(segment(small.model) or ""),
            )
        )
    elif asked:  # "which is safer": not in the listings, and not guessed
        reply.lead.append(
            ctx.t(
                "Our listings don't rate which is {asked}, so I won't guess; here they are side by side:", asked=asked
            )
        )
    elif SAME_CAR.search(ctx.u.text) and a.id != b.id:  # "the same car listed twice?": two units, each its own
        stocks = [v.stock_number for v in (a, b)]
        reply.lead.append(
            ctx.t("No, they're two different cars (stock {sa} and stock {sb}):", sa=stocks[0], sb=stocks[1])
            if all(stocks)
            else ctx.t("No, they're two different cars:")
        )
    else:
        reply.lead.append(ctx.t("Here they are side by side:"))
    reply.body.append(_list_block([a, b], ctx))

    def name(v: VehicleView, other: VehicleView) -> str:
        if v.short_title == other.short_title and v.exterior_color and v.exterior_color != other.exterior_color:
            return ctx.t("the {colour} one", colour=ctx.colour(v.exterior_color).lower())
        if v.short_title == other.short_title and v.price_cents is not None:  # twins: by what is listed
            return ctx.t("the one at {price}", price=price_text(v.price_cents))
        return ctx.t("the {title}", title=v.short_title)

    wins: dict[int, list[str]] = {a.id: [], b.id: []}
    if a.price_cents and b.price_cents and a.price_cents != b.price_cents:
        low, high = sorted((a, b), key=lambda v: v.price_cents or 0)
        gap = (high.price_cents or 0) - (low.price_cents or 0)
        wins[low.id].append(ctx.t("is {gap} less", gap=price_text(gap)))
    if a.year != b.year:
        wins[max((a, b), key=lambda v: v.year).id].append(ctx.t("is newer"))
    used = any(v.condition != VehicleCondition.new or (v.mileage or 0) >= 1000 for v in (a, b))
    if a.mileage is not None and b.mileage is not None and a.mileage != b.mileage and used:
        few, many = sorted((a, b), key=lambda v: v.mileage or 0)
        wins[few.id].append(ctx.t("has {miles} fewer miles", miles=f"{(many.mileage or 0) - (few.mileage or 0):,}"))
    said = [
        ctx.t("{car} {wins}.", car=name(v, o), wins=ctx.join(wins[v.id])) for v, o in ((a, b), (b, a)) if wins[v.id]
    ]
    rows = [feature_of(v, "third row seating") is not None for v in (a, b)]
    if rows[0] != rows[1]:  # "the Palisade has a third row": known of the model, and what a family asks first
        three, two = (a, b) if rows[0] else (b, a)
        said.append(
            ctx.t(
                "{a} has a third row of seats; our listing shows none for {b}.",
                a=name(three, two),
                b=name(two, three),
            )
        )
    drives = [_plain_drive(v) for v in (a, b)]
    if drives[0] and drives[1] and drives[0] != drives[1]:  # "the SX is AWD, the EX FWD": what the trims say too
        said.append(
            ctx.t(
                "{a} has {da}, {b} {db}.",
                a=name(a, b),
                da=_drive_words(ctx, drives[0]),
                b=name(b, a),
                db=_drive_words(ctx, drives[1]),
            )
        )
    if said:
        reply.body.append(" ".join(s[0].upper() + s[1:] for s in said))
    else:
        reply.body.append(ctx.t("They're listed the same on price, year and miles."))
    reply.question = ctx.ask("visit_request", ctx.say("ask_which"))
    return reply
