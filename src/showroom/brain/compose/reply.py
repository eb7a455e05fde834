"""`compose_reply`: the intent to answer, its handler, the opening and the layout; and `search_terms`, the
inventory filters for an understood message.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from showroom.brain.compose.context import _Ctx, _persona_name, _Reply, _seed, safe_name
from showroom.brain.compose.general import general_answer
from showroom.brain.compose.handlers import (
    _HANDLERS,
    HAS_FEATURE,
    _addendum,
    asks_body_of,
    asks_fuel_of,
    asks_gearbox_of,
    ballpark,
    broken_link,
    comparison_answer,
    contact_noted,
    contact_parts,
    introduce,
    money_question,
)
from showroom.brain.compose.voice import _voice
from showroom.brain.dialogue import (
    ALONE,
    GAS_VS_HYBRID,
    asks_better_mpg,
    asks_colours,
    asks_for_more,
    asks_trims,
    contact_given,
    given_name,
    tow_need,
)
from showroom.brain.guardrails import layout
from showroom.brain.i18n import contract, writes
from showroom.brain.nlu.figures import able_to_tow
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.types import DealershipView, PersonaView, Turn, VehicleView
from showroom.vocabulary import Channel, SuggestionType, Tone, values

_TYPE_BY_INTENT = {
    "greeting": SuggestionType.greeting,
    "availability": SuggestionType.product_info,
    "inventory_search": SuggestionType.product_info,
    "price": SuggestionType.pricing,
    "vehicle_facts": SuggestionType.product_info,
    "financing": SuggestionType.pricing,
    "lease": SuggestionType.pricing,
    "trade_in": SuggestionType.pricing,
    "test_drive": SuggestionType.appointment,
    "hours_location": SuggestionType.appointment,
    "not_interested": SuggestionType.objection_handling,
    "thanks": SuggestionType.follow_up,
    "human_request": SuggestionType.follow_up,
    "comparison": SuggestionType.product_info,
}


@dataclass
class Draft:
    text: str
    intent: str
    vehicle_ids: list[int]  # vehicles mentioned
    confidence: float  # 0..1
    suggested_type: SuggestionType


def _main_intent(u: Understanding) -> str:
    """The intent to answer first: an inventory question outranks a trade-in or financing aside."""
    primary = u.primary if u.primary in _HANDLERS else "other"
    if asks_colours(u) or asks_trims(u):  # "what colours does it come in" is no visit, "what trims" no price
        return "availability"
    second = u.intents[1] if len(u.intents) > 1 else None
    if (
        primary in ("availability", "inventory_search")
        and not u.slots.has_vehicle_criteria()
        and second in ("financing", "lease", "trade_in", "hours_location", "service")
    ):
        return second  # "tienen financiamiento?", "do you have financing": what they have is financing
    s = u.slots
    if (
        primary == "price"
        and u.is_question
        and (s.drivetrains or s.transmissions or s.fuel_types or s.features)
        and not _PRICE_ASKED.search(u.text)
    ):
        return "availability"  # "does the cheaper one have awd": "cheaper" points at the car, AWD is the question
    if primary != "vehicle_facts" and not (s.models or s.makes or s.stock_number) and _POLICY_TOPIC.search(u.text):
        return "vehicle_facts"  # "is there a warranty on used cars": the warranty, not a list of used cars
    if primary == "vehicle_facts" and _SHOPPING.search(u.text) and not u.is_question:
        return "inventory_search"  # "looking for a cheap reliable commuter car": cars, with what we won't guess
    inventory = next((i for i in u.intents[1:3] if i in ("availability", "inventory_search")), None)
    if (
        primary in ("trade_in", "financing", "lease")
        and ("availability" in u.intents or "inventory_search" in u.intents)
        and u.is_question
        # a model the message names ("i want to trade my camry, any tucsons?"), not one carried from before
        # ("tiene como 150 mil millas" answering the trade-in question after new Elantras)
        and any(re.search(rf"\b{re.escape(m)}", u.text, re.IGNORECASE) for m in u.slots.models)
    ):
        return inventory or "availability"
    return primary


_POLICY_TOPIC = re.compile(r"\bwarrant(?:y|ies)\b|\bgarant[ií]a\b|\brecalls?\b", re.IGNORECASE)
_SHOPPING = re.compile(
    r"\b(?:looking for|in the market for|shopping for|need|want|searching for|busco|quiero|necesito)\b", re.IGNORECASE
)
_HOW_MANY = re.compile(
    r"\bhow many\b(?!\s+(?:miles|mi|doors|seats|owners|rows|cylinders|people|passengers|keys|mpg|years|months|"
    r"payments)\b)[^.?!]{0,30}?\b(?:do you have|do u have|you have|u have|you got|u got|on (?:the|your) lot|in stock"
    r"|total|are there|left|available)\b|\bcu[aá]nt[oa]s\b(?! millas)[^.?!]{0,25}?\b(?:tienen|hay|les quedan|tiene)\b",
    re.IGNORECASE,
)
_PRICE_ASKED = re.compile(r"\bprice|\bcost|\bhow much|\bpay|\bprecio|\bcu[aá]nto|\bpayment|\bmsrp", re.IGNORECASE)


def _not_again(reply: _Reply, history: Sequence[Turn]) -> None:
    """Leave out the asides the agent's recent replies already said word for word ("Our hours are ...", "Taxes, fees
    ... are confirmed by a team member", a link), and a closing question asked in any of the last three replies
    ("Want to take it for a test drive?" every turn reads as a script): the answer itself stays, even when it repeats
    (the same car can be the answer twice)."""
    recent = [t.text for t in reversed(history) if t.sender in ("ai", "agent")][:3]
    if not recent:
        return
    said = {s.strip() for text in recent for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()}
    reply.extras = [e for e in reply.extras if e.strip() not in said]
    asked = {s.strip() for text in recent[:3] for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()}
    question = reply.question.strip()
    # "I can set up a test drive. Would you like to come see any of these?": its question sentence decides
    last = re.split(r"(?<=[.!?])\s+", question)[-1] if question else ""
    if question and (question in asked or last in asked) and (reply.lead or reply.body):
        reply.question = ""


# Next steps to offer when the usual question was asked in the last three replies: another one that fits what the reply
# shows, never the same closing line every turn (the guardrails' "Is there anything else?" is the last resort)
_NEXT_FOR_SEVERAL = (
    "Would you like me to narrow these down by price, year or miles?",
    "Does one of these stand out to you?",
    "Would you like to see any of them in person?",
)
_NEXT_FOR_ONE = (
    "Would you like to see it in person?",
    "Is there anything else you'd like to know about it?",
    "Would you like me to find a time for you to see it?",
)


def _another_question(ctx: _Ctx, reply: _Reply, history: Sequence[Turn]) -> str:
    """A next-step question the last three replies did not ask, for what this reply shows: several cars, one, or
    none (then none: the guardrails close); no push to a visit right after one (``_pushed``)."""
    recent = " ".join(t.text for t in list(history)[-6:] if t.sender in ("ai", "agent"))
    shown = len(reply.vehicle_ids)
    options: tuple[str, ...] = _NEXT_FOR_SEVERAL if shown > 1 else _NEXT_FOR_ONE if shown == 1 else ()
    if shown == 2:  # two set side by side: no "narrow these down" of a pair
        options = tuple(q for q in options if "narrow" not in q)
    pushed = _pushed(history)
    return next((ctx.t(q) for q in options if ctx.t(q) not in recent and not (pushed and _PUSH.search(q))), "")


# A closing line that pushes for a visit or for the numbers: one in a row reads as service, several as a script
_PUSH = re.compile(
    r"test[\s-]?drive|in person|find a time|come (?:see|by|in|look)|stop by|out-the-door|prueba de manejo|en persona"
    r"|venir a ver|precio total",
    re.IGNORECASE,
)


def _pushed(history: Sequence[Turn]) -> bool:
    """Did one of the agent's last two replies close with a push for a visit or for the numbers?"""
    recent = [t.text for t in reversed(history) if t.sender in ("ai", "agent")][:2]
    return any(_PUSH.search(text.rsplit("\n", 1)[-1]) for text in recent)


def _less_push(reply: _Reply, history: Sequence[Turn], intent: str) -> None:
    """No push for a visit or for the numbers right after one, unless the customer is the one asking for a visit."""
    if intent != "test_drive" and reply.question and _PUSH.search(reply.question) and _pushed(history):
        reply.question = ""  # ``_another_question`` offers a next step that is no push


def _opening(ctx: _Ctx, reply: _Reply) -> list[str]:
    opening: list[str] = []
    name = safe_name(ctx.first_name)
    greeting = ctx.persona.text_argument("greeting")
    if (
        greeting
        and ctx.language == "en"
        and ctx.first_contact
        and ctx.u.primary not in ("stop", "not_interested", "thanks")
    ):
        # The persona's own first words; {name} is the customer's first name when known.
        return [greeting.replace("{name}", name or "").replace(" !", "!").replace(" ,", ",").strip()]
    if reply.greet or ctx.first_contact or ctx.channel == Channel.email:
        opening.append(ctx.say("hello", name=f" {name}" if name else "", cname=f", {name}" if name else ""))
    persona = _persona_name(ctx.persona)
    if (
        ctx.first_contact
        and persona
        and ctx.u.primary not in ("stop", "not_interested", "thanks")
        and not ctx.u.asks_if_bot  # "who am i talking to": the answer introduces the assistant itself
    ):
        opening.append(ctx.say("intro", persona=persona, dealer=ctx.dealership.name))
    return opening


def _render(ctx: _Ctx, reply: _Reply, opening: list[str], drop_extras: int = 0) -> str:
    extras = reply.extras[: len(reply.extras) - drop_extras] if drop_extras else reply.extras
    lead = [part for part in reply.lead if part]
    first = [" ".join(opening + lead)] if len(opening) + len(lead) <= 3 else [" ".join(opening), " ".join(lead)]
    paragraphs = [*first, *reply.body, *extras, reply.question]
    text = layout(
        [contract(_voice(p.strip(), ctx.tone, ctx.language), ctx.language) for p in paragraphs if p and p.strip()]
    )
    sign_off = ctx.persona.text_argument("sign_off")
    return f"{text}\n\n{sign_off}" if sign_off and not ctx.sms else text


def compose_reply(
    u: Understanding,
    *,
    persona: PersonaView,
    dealership: DealershipView,
    vehicles: Sequence[VehicleView],
    history: Sequence[Turn] = (),
    channel: str = Channel.chat,
    customer_first_name: str | None = None,
    sms_max_chars: int = 320,
    referred: bool = False,
    set_aside: Sequence[VehicleView] = (),
    compared: str | None = None,
    seen: str | None = None,
    relaxed: Mapping[str, Any] | None = None,
    waiting: bool = False,
) -> Draft:
    """The builtin reply to one understood customer message. ``referred``: ``vehicles`` are the ones the customer
    pointed at among those shown before (``brain.dialogue``), not a search's results."""
    tone = Tone(persona.tone) if persona.tone in values(Tone) else Tone.friendly
    introduced = safe_name(given_name(u.text))  # "hi im Jenna, ...": greeted by the name just given
    ctx = _Ctx(
        u,
        persona,
        dealership,
        vehicles,
        history,
        channel,
        customer_first_name or introduced,
        random.Random(_seed(u, persona, history)),
        tone,
        referred=referred,
        language=reply_language(u),
        seen=seen,
        relaxed=dict(relaxed or {}),
        waiting=waiting,
    )
    # a comparison of two or more; "nothing cheaper than that" of the one car seen
    intent = "comparison" if compared and (len(vehicles) > 1 or compared in ALONE) else _main_intent(u)
    refused = set_aside or u.slots.turns_down()
    asks_more = (asks_for_more(u) or bool(_HOW_MANY.search(u.text))) and vehicles  # "how many k5s do you have"
    if intent in ("other", "not_interested", "price") and (refused or asks_more):
        intent = "inventory_search"  # "not red please", "nah too many miles", "whats left then": the next cars
    if seen and intent not in ("comparison", "human_request", "stop"):
        intent = "inventory_search"  # the cars shown fit, or others do: said as such (``_inventory_answer``)
    money = money_question(ctx) if intent in ("price", "other", "availability", "financing", "vehicle_facts") else None
    link = broken_link(ctx) if intent not in ("human_request", "stop") else None
    general = general_answer(ctx) if intent not in ("human_request", "stop", "comparison") else None
    general = general or (ballpark(ctx) if intent not in ("human_request", "stop") else None)
    if link is not None:  # "the link doesn't show anything": the photos another way, not the same link again
        reply = link
    elif general is not None:  # "can i charge at home", "what do i need to bring", "do you work with bad credit"
        reply = general
    elif money is not None:  # "any incentives right now?", "what fees are on top of that"
        reply = money
    elif intent == "comparison":
        reply = comparison_answer(ctx, compared or "")
    else:
        reply = _HANDLERS[intent](ctx)
    pounds = tow_need(u)
    if pounds and len(reply.vehicle_ids) > 1 and set(u.slots.models) <= set(able_to_tow(pounds)):
        # "need something to pull a 7000 lb boat": what the list is, and what only the unit itself tells
        reply.extras.insert(
            0,
            ctx.t(
                "These are models rated to tow about {pounds} lb or more when properly equipped; what each one can "
                "tow depends on its engine and towing package, so a team member will confirm it for the one you "
                "like.",
                pounds=f"{pounds:,}",
            ),
        )
    if intent in ("availability", "inventory_search", "price", "vehicle_facts"):
        said_back = _set_aside(ctx, set_aside)
        if said_back and reply.lead:  # "Got it, I'll leave the Tucson out. Here are 3 ...", not "... Yes! Here are"
            reply.lead[0] = re.sub(r"^(?:Yes!|¡Sí!)\s*", "", reply.lead[0])
        reply.lead[:0] = said_back
    if intent not in ("stop", "not_interested", "human_request", "thanks", "greeting"):
        for other in u.intents[:3]:
            extra = _addendum(other, ctx) if other != intent else None
            if other == "test_drive" and re.search(r"test drive|prueba de manejo", reply.question, re.IGNORECASE):
                extra = None  # the question already offers the test drive
            said = " ".join([*reply.lead, *reply.body, *reply.extras])
            if extra:  # a sentence the answer already has ("Our hours are ...") is not said twice
                extra = " ".join(part for part in re.split(r"(?<=[.!?])\s+", extra) if part not in said)
            if extra:
                reply.extras.insert(0, extra)
                break
    if intent in ("vehicle_facts", "availability", "inventory_search", "features") and not compared:
        introduce(ctx, reply)  # a car new to the conversation: its price, miles and stock too
    if intent not in ("stop", "not_interested"):
        _contact_said_back(ctx, reply, introduced)
    _not_again(reply, history)
    _less_push(reply, history, intent)
    if waiting and _PUSH.search(reply.question):  # a person is coming: said so (once), not a test drive pitched
        reply.question = ""
        coming = ctx.t("A member of our team will reply here shortly.")
        if coming not in next((t.text for t in reversed(history) if t.sender in ("ai", "agent")), ""):
            reply.extras.append(coming)
    if not reply.question and (reply.lead or reply.body) and intent not in ("stop", "not_interested", "thanks"):
        reply.question = _another_question(ctx, reply, history)
        if waiting and _PUSH.search(reply.question):
            reply.question = ""
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
        suggested_type=_TYPE_BY_INTENT.get(intent, SuggestionType.general),
    )


def _contact_said_back(ctx: _Ctx, reply: _Reply, name: str | None) -> None:
    """A name or a number the customer gives along with something else ("im Jenna btw, is the white one awd",
    "ok cool. 312-555-0144 is my cell" after a test drive was offered) is said back before the answer."""
    said = " ".join([*reply.lead, *reply.body, reply.question])
    email, phone = contact_given(ctx.u.text)
    noted = [
        part
        for part in contact_parts(ctx, email, phone)
        if part not in said and not (phone and phone in said and part.endswith(phone))
    ]
    name = name if name and name not in said and not ctx.first_contact else None
    known = name or safe_name(ctx.first_name)  # the number of a customer who gave their name before: "Thanks, Dana!"
    if noted:
        reply.lead.insert(0, contact_noted(ctx, ctx.join(noted), known if known and known not in said else None))
    elif name:
        reply.lead.insert(0, ctx.t("Thanks, {name}.", name=name))


def _set_aside(ctx: _Ctx, cars: Sequence[VehicleView]) -> list[str]:
    """What the customer turned down, said back before the next cars: "Got it, I'll leave the 2025 Santa Fe SEL
    out." ("no red ones", "no Palisade" when a colour or a model was turned down)."""
    s = ctx.u.slots
    colours = list(dict.fromkeys(ctx.colour(c) for v in cars if (c := v.exterior_color)))
    if colours and re.search(r"\bcolou?rs?\b", ctx.u.text, re.IGNORECASE):  # "not that color": the colour goes
        return [ctx.t("Got it, nothing in {colour}.", colour=ctx.t(" or ").join(colours))]
    if cars:
        v = cars[0]
        twin = any(o.short_title == v.short_title and o.id != v.id for o in ctx.vehicles)
        title = f"{v.short_title} (stock {v.stock_number})" if twin and v.stock_number else v.short_title
        what = ctx.t("the {title}", title=title) if len(cars) == 1 else ctx.t("those")
        return [ctx.t("Got it, I'll leave {what} out.", what=what)]
    refused = [  # in the reply's language: "Entendido, nada en rojo o híbrido"
        *(ctx.colour(c).lower() for c in s.excluded_colors),
        *s.excluded_models,
        *s.excluded_makes,
        *(ctx.t(f.lower()) for f in s.excluded_fuels),
        *(ctx.t(_KINDS_SAID.get(b, b.lower())) for b in s.excluded_body_styles),
    ]
    if refused:
        return [ctx.t("Got it, no {what}.", what=ctx.t(" or ").join(refused))]
    return []


_KINDS_SAID = {"SUV": "SUVs", "Truck": "trucks", "Sedan": "sedans", "Minivan": "minivans", "Coupe": "coupes"}


def reply_language(u: Understanding) -> str:
    """The language the builtin agent answers ``u`` in: the customer's, when the dealership enabled it and the
    builtin agent writes it, else English."""
    return u.language if u.language_enabled and writes(u.language) else "en"


MILEAGE_ROUNDING = 1.2  # how far past a rounded mileage ("8k miles") a unit may be and still be the one meant


def search_terms(u: Understanding) -> dict[str, Any]:
    """Filters for the inventory search. Models match by prefix ('Santa Fe' finds 'Santa Fe Hybrid'). A stock
    number or VIN names the unit: whatever else the message says about it ("is stock 123 awd?") is a question about
    that unit, not a filter that could hide it."""
    s = u.slots
    query = " ".join(s.models or s.makes)
    # "does the Tucson Limited have heated seats?" asks about the Tucsons: a feature is not a filter there
    asks_of_model = u.is_question and (s.models or s.makes) and HAS_FEATURE.search(u.text)
    features = [] if asks_of_model or u.primary == "vehicle_facts" else list(s.features)
    features = [f for f in features if f != "low mileage"]  # "low miles" ranks by miles (dialogue.superlative)
    if asks_better_mpg(u):  # "which is better on gas": the ratings of the cars named, not a wish for an efficient car
        features = [f for f in features if f != "fuel efficient"]
    terms: dict[str, Any] = {
        "makes": list(s.makes),
        "models": list(s.models),
        "trims": list(s.trims),
        "body_styles": [] if asks_body_of(u) else list(s.body_styles),
        "colors": list(s.colors),
        "drivetrains": list(s.drivetrains),
        "fuel_types": [] if asks_fuel_of(u) or GAS_VS_HYBRID.search(u.text) else list(s.fuel_types),
        "transmissions": [] if asks_gearbox_of(u) else list(s.transmissions),
        "condition": s.condition,
        "price_max_cents": s.budget_max_cents,
        "price_min_cents": s.budget_min_cents,
        "year_min": s.year_min,
        "year_max": s.year_max,
        # a rounded figure ("the 2022 palisade with like 8k miles") finds the car with 8,852
        "mileage_max": round(s.mileage_max * MILEAGE_ROUNDING) if s.mileage_max and s.mileage_about else s.mileage_max,
        "features": features,
        "stock_number": s.stock_number,
        "vin": s.vin,
        "query": query,
        "exclude_colors": list(s.excluded_colors),
        "exclude_models": list(s.excluded_models),
        "exclude_makes": list(s.excluded_makes),
        "exclude_fuels": list(s.excluded_fuels),
        "exclude_body_styles": list(s.excluded_body_styles),
    }
    if s.stock_number or s.vin:
        return {k: v if k in ("stock_number", "vin") else [] if isinstance(v, list) else None for k, v in terms.items()}
    pounds = tow_need(u)
    if pounds and not (s.models or s.makes):  # "need to pull a 7000 lb boat": the models rated for it
        terms["models"] = able_to_tow(pounds)
        terms["forget"] = [*terms.get("forget", []), "models", "makes", *(() if s.body_styles else ("body_styles",))]
    if _ANY_COLOUR.search(u.text):  # "any color is fine": the colour wished before is dropped
        terms["forget"] = ["colors"]
    if (s.fuel_types or s.body_styles) and not (s.models or s.makes) and _ANY_OF_KIND.search(u.text):
        terms["forget"] = [*terms.get("forget", []), "makes", "models", "trims"]  # "any hybrids": not the Prius alone
    if _OTHER_ONES.search(u.text):  # "any other vws" after a Jetta, "any other night editions" after a green one
        named = [k for k in ("makes", "trims", "colors") if terms[k]]
        loose = {"makes": ["models", "trims", "colors"], "trims": ["colors"], "colors": ["trims"]}
        dropped = [k for n in named if not (n == "makes" and s.models) for k in loose[n] if not terms[k]]
        terms["forget"] = [*terms.get("forget", []), *dropped]
    if _WHOLE_LOT.search(u.text):  # "what's the cheapest new car you have": the lot, not the model discussed
        terms["forget"] = [k for k in _FORGETTABLE if k not in terms or terms[k] in (None, [], "")]
    return terms


# "any other vws", "other night editions": more units of what it names, whatever else the one seen was
_OTHER_ONES = re.compile(
    r"\b(?:any|got|have|more|some|are there)\s+other\s+\w+|\bother\s+(?:\w+\s+)?\w+s\b|\botr[oa]s\s+\w+",
    re.IGNORECASE,
)
_ANY_OF_KIND = re.compile(
    r"\b(?:any|got any|have any|other|more)\s+(?:\w+\s+)?\w+s\b|\b(?:anything|something)\b", re.IGNORECASE
)
_WHOLE_LOT = re.compile(
    r"\b(?:car|cars|vehicle|vehicles|anything|something)\s+(?:you (?:have|got)|on (?:the|your) lot|in stock)\b"
    r"|\byour (?:cheapest|newest|least expensive)\b|\bon (?:the|your) (?:whole )?lot\b",
    re.IGNORECASE,
)
_FORGETTABLE = (
    "makes", "models", "trims", "body_styles", "colors", "drivetrains", "fuel_types", "transmissions", "features",
    "year_min", "year_max", "mileage_max", "price_max_cents", "price_min_cents", "condition",
)  # fmt: skip


_ANY_COLOUR = re.compile(
    r"\b(?:any|whatever|whichever) colou?r\b|\bcolou?r (?:doesn'?t|does not|don'?t) matter\b"
    r"|\bcualquier color\b|\bel color no importa\b",
    re.IGNORECASE,
)
