"""Slots: everything the customer says they want, from one message, with their own vehicle (the trade-in)
kept out of what they want to buy.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz

from showroom.brain.nlu.attributes import _BODY_STYLES, _COLORS, _DRIVETRAINS, _FUELS, _TRANSMISSIONS, FEATURES, _labels
from showroom.brain.nlu.knowledge import LUXURY_MAKES, luxury, sporty
from showroom.brain.nlu.numbers import _apply_numbers, _find_numbers
from showroom.brain.nlu.text import _mask, _Tok, _tokens, clean, rx, squash, words
from showroom.brain.nlu.understanding import Slots, TradeIn, WrongMake
from showroom.brain.nlu.vehicles import (
    Catalog,
    VehicleMention,
    _context_vehicles,
    _Lexicon,
    _lexicon,
    _mentions,
    _year_token,
)
from showroom.brain.types import Turn
from showroom.vocabulary import VehicleCondition

# --------------------------------------------------------------------------------------------------------------
# Trade-ins: the customer's own vehicle is not what they want to buy

_TRADE_CUE = rx(
    r"\btrad(?:e|es|ed|ing)\b|\btrade-?ins?\b|\btradein\b|\bsell(?:ing)?\s+(?:you\s+)?(?:my|our)\b|\bworth\b",
    r"\bapprais\w*|\bkbb\b|\bblue book\b|\bbuy (?:my|our)\b|\b(?:pay|give|offer) (?:me |us )?for (?:my|our)\b",
    # "i have a 2019 tucson with 60k miles, what would u give me for it"
    r"\b(?:what|how much) (?:would|will|could|can|do) (?:you|u|ya|y'?all) (?:give|offer|pay) (?:me |us )?"
    r"for (?:it|her)\b",
    r"\ba cuenta\b|\bintercambi\w*|\bdar (?:mi|el) (?:carro|coche|auto|troca|camioneta)\b|\bcu[aá]nto (?:me )?dan\b",
    r"\ba cambio\b|\bparte de(?:l)? pago\b|\b(?:aceptan|acepta|reciben|recibe|toman|toma) (?:mi|su)\b",
    r"\bcambiar (?:mi|el) (?:carro|coche|auto|troca|camioneta|van)\b",
)
_WORTH_AFTER = rx(
    r"\bwhat'?s? (?:it|she|that) worth\b|\bwhat (?:is|would) (?:it|she|that) (?:be )?worth\b",
    r"\bhow much (?:is )?(?:it|she) worth\b",
    r"\b(?:what|how much) (?:would|will|could|can|do) (?:you|u|ya|y'?all) (?:give|offer|pay)\b",
    r"\bcu[aá]nto (?:me )?(?:dan|dar[ií]an|vale)\b",
)
_HAS_TRADE = rx(
    r"\b(?:i|we)\s*(?:also\s+|do\s+|still\s+|might\s+|may\s+)?(?:have|'ve got|ve got|got|will have)\s+"
    r"(?:a\s+)?trade(?:[\s-]?in)?\b",
    r"\b(?:my|our)\s+trade(?:[\s-]?in)?\b|\bwith (?:a|my) trade(?:[\s-]?in)?\b",
    r"\btrading (?:in )?(?:my|a|our)\b|\btrade (?:in )?my\b",
    r"\b(?:dejar|dar|meter) (?:mi|el) (?:carro|coche|auto|troca|camioneta)\b[^.?!]{0,15}\ba cuenta\b",
)
_OWNED_CUE = rx(
    r"\b(?:my|our)\b|\b(?:i|we)\s+(?:have|own|drive|got|currently have|currently drive|am driving|bought)\b",
    r"\b(?:i|we)'?ve\s+got\b|\btrad(?:e|ing)\b|\bused to (?:have|own|drive)\b|\blease (?:on|for)\b",
    # "bought a tucson from you last year": the car they have, not one they want
    r"\b(?:bought|purchased|leased)\b(?=\s+(?:a|an|the|my|our|\d{4})\b)",
    r"\b(?:mi|tengo|traigo|manejo)\b",
)
_OWNED_FILLERS = words(
    "car ride vehicle daily "
    "a an the in is my our old current paid off little trusty beat up used trade tradein trades ol beloved "
    "currently personal existing other wife husband mom dad wifes husbands sons daughters moms dads girlfriends "
    "boyfriends family leased financed white black silver gray grey red blue green brown gold un una viejo vieja "
    "actual"
)
_TRADE_STOP = words(
    "for towards toward into looking want wanna need interested and but also plus budget whats what's hoping "
    "thinking considering do does can could would"
)


@dataclass
class _Owned:
    start: int
    end: int
    year: int | None
    make: str | None
    model: str | None
    mileage: int | None


def _owned_vehicles(lower: str, tokens: Sequence[_Tok], mentions: Sequence[VehicleMention]) -> list[_Owned]:
    """'my 2015 Civic with 98k miles', 'I have a 2019 Tahoe', 'trading in a Camry': spans to keep out of 'wanted'."""
    by_start = {m.start: m for m in mentions}
    owned: list[_Owned] = []
    for cue in _OWNED_CUE.finditer(lower):
        if owned and cue.start() < owned[-1].end:
            continue
        index = next((k for k, t in enumerate(tokens) if t.start >= cue.end()), len(tokens))
        skipped = 0
        while (
            index < len(tokens)
            and skipped < 4
            and (tokens[index].text in _OWNED_FILLERS or tokens[index].text.endswith("'s"))
        ):
            index, skipped = index + 1, skipped + 1
        year = _year_token(lower, tokens, index)
        head = index + 1 if year is not None else index
        mention = by_start.get(tokens[head].start) if head < len(tokens) else None
        if mention is None and (year is None or head >= len(tokens) or not tokens[head].text.isalpha()):
            continue
        if year is None and mention is not None:  # "mi Tacoma 2016", "my civic '15"
            after = next((k for k, t in enumerate(tokens) if t.start >= mention.end), len(tokens))
            year = _year_token(lower, tokens, after)
        end = _owned_span_end(lower, tokens, mention.end if mention else tokens[index].end)
        mileage = _span_mileage(lower[cue.start() : end])
        make, model = (mention.make, mention.model) if mention else (None, None)
        owned.append(_Owned(cue.start(), end, year, make, model, mileage))
    return owned


def _owned_span_end(lower: str, tokens: Sequence[_Tok], vehicle_end: int) -> int:
    end = vehicle_end
    for tok in tokens:
        if tok.start < vehicle_end:
            continue
        if re.search(r"[.!?;\n]", lower[end : tok.start]) or tok.text in _TRADE_STOP:
            break
        end = tok.end
    return end


def _span_mileage(span: str) -> int | None:
    for num in _find_numbers(span):
        if num.kind == "mileage" or (num.suf and not num.cur and num.kind not in ("monthly", "down")):
            return round(num.value)
    return None


# The agent's own question about the customer's trade-in (``compose.handlers``' "Could you share its year, make and
# model, mileage and overall condition?", in English or Spanish): the next message answers it
_TRADE_QUESTION = re.compile(r"trade-in|\ba cuenta\b|intercambio", re.IGNORECASE)
_TRADE_DETAILS = re.compile(
    r"could you share its|year, make and model|\bits mileage\b|me podr[ií]a compartir|marca y modelo", re.IGNORECASE
)
# "do you have", "looking for", "busco": a car wished for, even right after the trade-in question
_SHOPPING_CUE = re.compile(
    r"\b(?:do (?:you|u) (?:have|got)|got any|any |looking (?:for|at)|interested in|want to buy|show me|tienen|busco"
    r"|quiero|your|ur|you guys|y'?all|on (?:the|your|ur) (?:lot|site|website)|i (?:want|like)|me interesa)\b",
    re.IGNORECASE,
)


def answers_the_trade_question(history: Sequence[Turn]) -> bool:
    """Did the agent's last reply ask for the customer's trade-in details?"""
    last = next((t.text for t in reversed(history) if t.sender in ("ai", "agent")), "")
    return bool(_TRADE_QUESTION.search(last) and _TRADE_DETAILS.search(last))


# The trims customers write of the cars they trade in ("my 2019 rav4 xle awd"), with a drivetrain after it
_TRADE_TRIM = re.compile(
    r"\b(?:le|se|xle|xse|sr5|trd(?: (?:off-road|pro|sport))?|lx|ex|ex-l|exl|sport|touring|sv|sl|sr|lt|ltz|ls|rs|premier"
    r"|xl|xlt|lariat|platinum|titanium|denali|slt|sle|laredo|overland|trailhawk|latitude|limited|sxt|gt|sel|ses"
    r"|calligraphy|ultimate|preferred|essential|value edition|night edition|n line|big horn|rebel|king ranch)"
    r"(?: (?:awd|fwd|rwd|4wd|4x4|2wd))?\b(?! (?:miles|mi|k)\b)",
    re.IGNORECASE,
)
# the trims written in capitals; the rest is written as a word: "Limited", "Night Edition"
_TRIM_CAPITALS = {"le", "se", "xle", "xse", "sr5", "trd", "lx", "ex", "ex-l", "sv", "sl", "sr", "lt", "ltz", "ls", "rs"}
_TRIM_CAPITALS |= {"xl", "xlt", "slt", "sle", "sxt", "gt", "sel", "ses", "awd", "fwd", "rwd", "4wd", "2wd", "n"}


_SHORT_TRIMS = {"le", "se", "ls", "sr", "sl", "sv", "ex", "lt", "xl", "gt", "rs", "sport", "limited"}  # words too


def _trade_trim(lower: str, trade: TradeIn | None) -> re.Match[str] | None:
    """The trim of the customer's trade-in in a message about it; a short one ("se", "le": words in Spanish or
    English too) only right after the model, an article or with a drivetrain ("its an se", "camry le", "ex awd")."""
    if trade is None:
        return None
    model = (trade.model or "").lower()
    for found in _TRADE_TRIM.finditer(lower):
        word = found.group(0).split()[0]
        before = lower[: found.start()]
        plain = word not in _SHORT_TRIMS or " " in found.group(0).strip()
        # "lt, 104k, windshield has a crack": the trim first, as an answer (not "se me rompio": Spanish)
        opens = not re.sub(r"\W+", "", before) and bool(re.match(r"\s*(?:[,.;/-]|$|\d)", lower[found.end() :]))
        if (
            plain
            or opens
            or re.search(r"\b(?:an?|its|it'?s|the|my)\s+$", before)
            or (model and before.endswith(f"{model} "))
        ):
            return found
    return None


def _trade_in(lower: str, owned: Sequence[_Owned], traded_before: bool = False) -> TradeIn | None:
    """The customer's trade-in: a car of theirs in a message about trading, or after one ("I want to trade my car",
    then "it's a 2018 sentra with 70k")."""
    if not _TRADE_CUE.search(lower) and not _HAS_TRADE.search(lower) and not (traded_before and owned):
        return None
    for vehicle in owned:
        if vehicle.make or vehicle.model or vehicle.year:
            return TradeIn(vehicle.year, vehicle.make, vehicle.model, vehicle.mileage)
    return TradeIn() if _HAS_TRADE.search(lower) else None


# --------------------------------------------------------------------------------------------------------------
# Other slots

_TIMELINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "just browsing",
        rx(
            r"\bjust (?:looking|browsing|shopping around|window shopping|curious|researching)\b"
            r"(?:\s+for now\b|(?!\s+(?:for|to|at)\b))",
            r"\b(?:window shopping|no rush|no hurry|not in a (?:rush|hurry)|just starting (?:to look|my search))\b",
            r"\b(?:researching|doing (?:some )?research|browsing|down the road|not (?:buying|ready) (?:yet|soon))\b",
        ),
    ),
    (
        "asap",
        rx(
            r"\b(?:asap|a\.s\.a\.p|as soon as possible|right away|immediately|urgent(?:ly)?)\b",
            r"\bneed (?:it|one|a \w+) (?:now|fast|quick(?:ly)?)\b",
        ),
    ),
    ("today", rx(r"\b(?:today|tonight|right now|this (?:afternoon|evening|morning)|within the hour|on my way|omw)\b")),
    ("this weekend", rx(r"\b(?:this weekend|on the weekend|this (?:sat|saturday|sun|sunday)|saturday|sunday)\b")),
    (
        "this week",
        rx(
            r"\b(?:this week|tomorrow|tmrw|tmr|in a (?:few|couple(?: of)?) days|next few days)\b",
            r"\b(?:mon|tues|wednes|thurs|fri)day\b",
        ),
    ),
    (
        "within 30 days",
        rx(
            r"\b(?:next week|this month|within (?:a|one|the) month|(?:in|within) 30 days|couple (?:of )?weeks)\b",
            r"\b(?:in|within) (?:a|one|two|2|three|3|a couple(?: of)?|a few|the next (?:few|couple(?: of)?)) weeks?\b",
            r"\bend of (?:the|this) month\b",
        ),
    ),
    (
        "1-3 months",
        rx(
            r"\b(?:next month|couple (?:of )?months|few months|(?:in|within) (?:60|90) days)\b",
            r"\b(?:in|within) (?:a couple(?: of)?|a few|two|2|three|3|1-3|1 to 3) months\b",
            r"\b(?:in|within) the next (?:few|couple(?: of)?) months\b",
        ),
    ),
    (
        "3+ months",
        rx(
            r"\b(?:(?:in|within) (?:six|6|several|a few more) months|later this year|next year)\b",
            r"\b(?:end of (?:the|this) year|by (?:spring|summer|fall|winter|christmas))\b",
            r"\b(?:in the (?:spring|summer|fall|winter)|not (?:for|until) a while|tax (?:season|time|refund))\b",
        ),
    ),
)
_STOCK_RE = rx(r"\b(?:stock|stk)\s*(?:#|no\.?|number|num)?\s*[:#]?\s*([a-z]{0,4}\d[a-z0-9-]{1,11})\b")
_HASH_STOCK_RE = rx(r"(?<![\w&])#\s?([a-z]{0,4}\d[a-z0-9-]{2,11})\b")
_VIN_RE = rx(r"\b((?=[a-hj-npr-z0-9]*\d)(?=[a-hj-npr-z0-9]*[a-hj-npr-z])[a-hj-npr-z0-9]{17})\b")
_IS_IT = rx(r"\b(?:is|are|was|were|isn'?t|aren'?t)\s+(?:the|that|this|it|they|those|these|your)\b[^.?!]{0,30}$")
_NEW_NOUNS = words("car cars one ones vehicle vehicles truck trucks suv suvs model models thing things stuff")


def _condition(lower: str, tokens: Sequence[_Tok], mentions: Sequence[VehicleMention]) -> VehicleCondition | None:
    if re.search(r"\bcertified\b|\bcpo\b", lower):
        return VehicleCondition.certified
    used = [
        m.start()
        for m in re.finditer(
            r"\bpre[\s-]?owned\b|\bsecond[\s-]?hand\b|\bused\b(?!\s+to\b)|\busad[oa]s?\b|\bseminuev[oa]s?\b", lower
        )
    ]
    starts = {m.start for m in mentions}
    new = (
        [
            m.start()
            for m in re.finditer(
                r"\bbrand[\s-]?new\b|\b(?:0|cero) (?:km|millas)\b|(?<!m[aá]s )(?<!mas )\bnuev[oa]s?\b"
                r"|^\W*(?:ok(?:ay)?\W+|and\W+|just\W+)?(?:just\s+new|new\s+please)\W*$"  # "new only", "only new ones"
                r"|\bnew\s+only\b|\bonly\s+(?:the\s+)?new\b(?!\s+(?:to|in|here|at)\b)"
                # "3 row suv new under 50k", "i meant new", "prefer new": new said after the kind, or as the correction
                r"|\b(?:suvs?|trucks?|cars?|sedans?|vans?|minivans?|pickups?|crossovers?|coupes?|hatchbacks?)\s+new\b"
                r"(?!\s+(?:to|in|here|at|york|jersey|mexico|hampshire|tires?|brakes?|battery|paint|engine|rotors?)\b)"
                r"|(?:^|[.,;!]\s*|\bthen\s+)new\W*$"  # "ok fine a 3 row then. new"
                r"|\b(?:meant|mean|prefer|preferably|want|wanted|rather|rather have)\s+(?:a\s+|one\s+)?new\b"
                r"(?!\s+(?:to|in|here|at)\b)"
                r"|\b(?:have|got|carry|sell|stock)\s+new\W*$",  # "what palisades do u have new"
                lower,
            )
        ]
        + [
            m.start()  # "palisades new?", "the tucson new or used": new right after the model named
            for m in re.finditer(
                r"\bnew\b(?!\s+(?:to|in|here|at|york|jersey|mexico|hampshire|tires?|brakes?)\b)", lower
            )
            if any(0 <= m.start() - mention.end <= 2 for mention in mentions)
            and not _IS_IT.search(lower[: m.start()])  # "is the 2024 palisade new?": a question of the car
        ]
        + [
            tok.start
            for k, (tok, nxt) in enumerate(itertools.pairwise(tokens))
            if tok.text == "new"
            and (nxt.text in _NEW_NOUNS or nxt.start in starts or _year_token(lower, tokens, k + 1) is not None)
        ]
    )
    if used and all(_turned_down(lower, p) for p in used):  # "new not used", "not a used one"
        plain_new = re.search(r"\bnew\b", lower)
        used, new = [], new or ([plain_new.start()] if plain_new else [])
    if new and used:  # "used, not new": the one turned down goes
        new = [p for p in new if not _turned_down(lower, p)]
    if (new and used) or re.search(r"\bnew or (?:used|pre[\s-]?owned)\b|\bused or new\b", lower):
        return None
    said = new or used
    if not said or _said_of_one(said, mentions):
        return None
    return VehicleCondition.new if new else VehicleCondition.used


def _body_styles(masked: str) -> tuple[list[str], list[str]]:
    """The kinds of vehicle named, and those turned down when none is wished for ("anything awd thats not an suv",
    "no trucks"); "camioneta" is an SUV unless the message says it is a pickup ("camionetas de trabajo? pickup":
    trucks)."""
    styles = _labels(masked, _BODY_STYLES)
    refused_alone = [
        label
        for label, pattern in _BODY_STYLES
        if label in styles
        and (found := list(re.finditer(pattern, masked)))
        and all(_turned_down(masked, m.start()) for m in found)
    ]
    if refused_alone and len(refused_alone) == len(styles):  # only kinds turned down: left out of the search
        return [], refused_alone
    if "SUV" in styles and "Truck" in styles and not re.search(r"\bsuvs?\b|\bcrossovers?\b|\bsport util", masked):
        styles.remove("SUV")
    if len(styles) > 1:  # "actually forget suvs, show me trucks": the kind turned down goes
        refused = {
            label
            for label, pattern in _BODY_STYLES
            if label in styles and all(_turned_down(masked, m.start()) for m in re.finditer(pattern, masked))
        }
        styles = [s for s in styles if s not in refused] or styles
    return styles, []


def _said_of_one(positions: Sequence[int], mentions: Sequence[VehicleMention]) -> bool:
    """Whether a word written after one model and before another belongs to the later one alone: in "an ioniq 6 or a
    used bmw 530e" the Ioniq 6 may be new; in "a used palisade or telluride" both are used."""
    if len({m.model or m.make for m in mentions}) < 2:
        return False
    first = min(positions)
    return any(m.start < first for m in mentions) and any(m.start > first for m in mentions)


# A word that turns down what follows it, with at most two small words between ("not the red one", "no palisades",
# "anything but a ford", "not a fan of white", "que no sea rojo", "menos la Palisade"); a comma breaks it ("no, the
# red one" wants the red one).
_TURNED_DOWN = re.compile(
    r"(?:\b(?:not|no|nothing|anything but|but not|except(?: for)?|other than|besides|without|never|no more|"
    r"(?:q|k|ke) no sean?|"
    r"(?:do not|don'?t|dont|doesn'?t) (?:want|like|need|care for)|(?:is|are)n'?t|hate|tired of|"
    r"not (?:a )?(?:big |huge )?fan of|que no sean?|menos|excepto|sin|no quiero|no me gustan?|nada de|ning[uú]n[oa]?"
    r"|scratch|forget|skip|nix|ditch|olv[ií]date de|olvida)"
    r"(?:\s+(?:the|a|an|any|that|those|these|in|el|la|los|las|un|una|ese|esa|en|color|colou?r|ones?|little|small"
    r"|tiny|big|huge|compact|regular|basic|plain|cheap|boring|old))*\s+)$"  # "not a little sedan tho"
)


_NO_QUESTION = re.compile(r"^\W*(?:(?:dang|damn|wow|so|ok|oh|hmm+|wait|really)\W+){0,2}no\s+[^?.!,]{1,30}\?+\W*$")


def _turned_down(lower: str, start: int) -> bool:
    """Is the word at ``start`` turned down ("not red", "no palisades") rather than wished for?"""
    return bool(_TURNED_DOWN.search(lower[max(0, start - 40) : start]))


def _colors(masked: str) -> tuple[list[str], list[str]]:
    """The colours wished for, and those turned down ("not red please", "anything but white")."""
    found: list[str] = []
    refused: list[str] = []
    for label, pattern in _COLORS:
        for m in re.finditer(pattern, masked):
            interior = re.match(r"\s+(?:leather|interior|seats|cloth|inside|friday|glove|book)\b", masked[m.end() :])
            if interior:
                continue
            into = refused if _turned_down(masked, m.start()) else found
            if label not in into:
                into.append(label)
    return [c for c in found if c not in refused], refused


def _features(masked: str) -> list[str]:
    found = _labels(masked, FEATURES)
    if "low mileage" in found and "fuel efficient" in found:
        found.remove("fuel efficient")
    return found


_NO_STICK = re.compile(
    r"\b(?:can'?t|cannot|don'?t|doesn'?t|won'?t|no|not|never|hate|sin|no s[eé])\s+(?:\w+\s+){0,2}"
    r"(?:stick|manual|standard|est[aá]ndar)\b",
    re.IGNORECASE,
)


def _transmissions(masked: str) -> list[str]:
    """The kind of transmission wanted: "i cant drive stick" (or "no manual") wants an automatic."""
    named = _labels(masked, _TRANSMISSIONS)
    if "Manual" in named and _NO_STICK.search(masked):
        return ["Automatic"]
    return named


def _fuel_types(masked: str) -> tuple[list[str], list[str]]:
    """The fuels wished for, and those turned down ("a real electric, not a hybrid", "no EVs")."""
    found: list[str] = []
    refused: list[str] = []
    for label, pattern in _FUELS:
        for m in re.finditer(pattern, masked):
            into = refused if _turned_down(masked, m.start()) or masked[max(0, m.start() - 4) : m.start()] in (
                "non-", "non ") else found  # fmt: skip
            if label not in into:
                into.append(label)
    if "Plug-In Hybrid" in found and not re.search(r"\bhybrids?\b", re.sub(_FUELS[0][1], " ", masked)):
        found = [f for f in found if f != "Hybrid"]
    return [f for f in found if f not in refused], refused


def _timeline(lower: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for label, pattern in _TIMELINES:
        m = pattern.search(lower)
        if m and (best is None or (m.start(), -len(m.group())) < best[:2]):
            best = (m.start(), -len(m.group()), label)
    return best[2] if best else None


def _identifiers(lower: str) -> tuple[str | None, str | None]:
    vin_match = _VIN_RE.search(lower)
    vin = vin_match.group(1).upper() if vin_match else None
    stock_match = _STOCK_RE.search(lower) or _HASH_STOCK_RE.search(lower)
    stock = stock_match.group(1).upper() if stock_match else None
    return (None if stock and vin and stock in vin else stock), vin


# Names of trims across makes, for a trim named when the dealership has none of it (so the answer can say so); the
# dealership's own trims come from its catalog. Words that are also everyday words need to follow the model.
_COMMON_TRIM_NAMES = (
    "Limited|Calligraphy|Night Edition|XRT|SEL|SE|SX|SX Prestige|X-Pro|X-Line|LX|EX|EX-L|LXS|GT|GT-Line|N Line|"
    "Touring|Platinum|Premium|Prestige|Ultimate|Preferred|Essential|Luxury|Denali|AT4|SLE|SLT|Elevation|Lariat|"
    "XLT|XL|King Ranch|Raptor|Tremor|Titanium|ST|Timberline|Rubicon|Sahara|Laredo|Overland|Summit|Trailhawk|"
    "Latitude|Altitude|TRD Pro|TRD Off-Road|TRD Sport|XLE|XSE|LE|SR5|Nightshade|LT|LTZ|RS|Z71|Trail Boss|"
    "High Country|Premier|Midnight|Big Horn|Laramie|Rebel|Longhorn|Tradesman|SV|SL|SR|Pro-4X|Platinum Reserve|"
    "Black Edition|Type R|Si|Wilderness|Reserve|Select|Signature|Black Label|Inscription|R-Line|Wolfsburg"
)
_COMMON_TRIMS = tuple(_COMMON_TRIM_NAMES.split("|"))
_GENERIC_TRIM_WORDS = words(
    "awd fwd rwd 4wd 4x4 2wd 4x2 4dr 2dr 5dr auto automatic manual cvt ivt dct at mt sedan hatchback coupe suv wagon "
    "crew cab double regular quad box bed w with and or in for the a an of to is it on my new used 4motion quattro "
    "xdrive sport utility vehicle door doors hybrid hev phev plug electric ev gas"
)
_TRIM_STOP = rx(r"[.,!?;:()]")


@lru_cache(maxsize=256)
def _trim_names(trims: frozenset[str]) -> dict[tuple[str, ...], str]:
    """Word sequences a customer may name -> the trim's own spelling of them: every run of non-generic words of each
    trim ('Calligraphy Night Edition AWD' -> 'calligraphy', 'calligraphy night', 'night edition'...)."""
    names: dict[tuple[str, ...], str] = {}
    for trim in sorted(trims):
        spelled = re.findall(r"[A-Za-z0-9]+", trim)
        lowered = [w.lower() for w in spelled]
        for i in range(len(lowered)):
            for j in range(i + 1, min(i + 3, len(lowered)) + 1):
                run = tuple(lowered[i:j])
                if any(w in _GENERIC_TRIM_WORDS or w.isdigit() for w in run):
                    break
                if len(run) == 1 and len(run[0]) == 1 and len(lowered) > 1:
                    continue  # the "R" of "Type R" or "R-Line" alone is texting's "are" ("which tucsons r awd")
                names.setdefault(run, " ".join(spelled[i:j]))
    return names


_COMMON_TRIM_SET = frozenset(_COMMON_TRIMS)


def _trims_named(catalog: Catalog | None, make: str, model: str) -> dict[tuple[str, ...], str]:
    """The trim names a customer may say after the model: the dealership's trims of it, and the common ones."""
    if catalog is None:
        return _trim_names(_COMMON_TRIM_SET)
    return catalog.memo(
        ("trim names", make, model),
        lambda: {**_trim_names(_COMMON_TRIM_SET), **_trim_names(frozenset(catalog.trims_of(make, model)))},
    )


def _trims(lower: str, tokens: Sequence[_Tok], wanted: Sequence[VehicleMention], catalog: Catalog | None) -> list[str]:
    """Trims named right after a model ("palisade calligraphy", "telluride sx prestige"): the dealership's trims of
    that model, or a trim name every make uses."""
    found: list[str] = []
    for mention in wanted:
        if mention.model is None:
            continue
        names = _trims_named(catalog, mention.make, mention.model)
        start = next((k for k, t in enumerate(tokens) if t.start >= mention.end), len(tokens))
        after = [t for t in tokens[start : start + 4] if not _TRIM_STOP.search(lower[mention.end : t.start])]
        words_after = [t.text for t in after]
        for n in (3, 2, 1):
            run = tuple(words_after[:n])
            if len(run) == n and run in names and names[run] not in found:
                found.append(names[run])
                break
        else:  # "palisade calligrahpy": a long word a letter or two off one of the model's trims
            said = words_after[0] if words_after else ""
            near = [
                name
                for key, name in names.items()
                if len(key) == 1 and len(said) >= 6 and fuzz.ratio(said, key[0]) >= _TRIM_TYPO_SCORE
            ]
            if len(near) == 1 and near[0] not in found:
                found.append(near[0])
    return found


_TRIM_TYPO_SCORE = 85  # rapidfuzz's ratio: "calligrahpy" / "calligraphy" 91, "limited" / "unlimited" 88 (7 letters)


# Trim names that are everyday words after "a" or "the" ("a premium price", "the select few"): not a trim alone
_LONE_TRIM_STOP = words(
    "premium select reserve signature preferred essential luxury elevation midnight summit latitude altitude "
    "wilderness premier touring sport st si black rebel big trail high"
)


_PLAIN_WORDS = words("regular basic base plain standard normal cheaper cheapest")
_NOT_A_TRIM_BEFORE = words(
    "budget budgets time funds fund credit income options option amount amounts money supply availability warranty "
    "selection choice number offer offers deal deals edition range means"
)


def _lone_trims(tokens: Sequence[_Tok], catalog: Catalog | None, taken: Sequence[tuple[int, int]] = ()) -> list[str]:
    """A trim named with no model ("do you have an sel in grey", "and the limited?"), of the model discussed: the
    dealership's trims and the common ones, after "a", "an", "the" or "any"."""
    if catalog is None:
        names = _trim_names(_COMMON_TRIM_SET)
    else:
        names = catalog.memo(
            "lone trim names",
            lambda: {
                **_trim_names(_COMMON_TRIM_SET),
                **_trim_names(frozenset(t for trims in catalog.trims.values() for t in trims)),
            },
        )
    found: list[str] = []
    for k, tok in enumerate(tokens):
        if tok.text not in ("a", "an", "the", "any", "another", "other", "el", "la", "los", "las", "un", "una"):
            continue
        if k + 1 < len(tokens) and any(a <= tokens[k + 1].start < b for a, b in taken):
            continue  # "the grand cherokee": a model's own word, not the "Grand" of "Grand Touring"
        following = [t.text for t in tokens[k + 1 : k + 7]]
        if following and re.fullmatch(r"(?:19|20)\d\d", following[0]):  # "the 2022 sel", "la 2022 limited"
            following = following[1:]
        if following and following[0] in ("other", "more", "otro", "otra", "otros", "otras"):  # "any other limiteds"
            following = following[1:]
        if following and following[0] in _PLAIN_WORDS:  # "a regular sx", "the base se"
            following = following[1:]
        if len(following) > 1 and (_labels(following[0], _COLORS) or _labels(following[0], _FUELS)):
            following = following[1:]  # "the white ex", "a hybrid calligraphy": the colour or fuel, then the trim
        for n in (3, 2, 1):
            run = tuple(following[:n])
            after = following[n] if len(following) > n else ""
            if after in _NOT_A_TRIM_BEFORE:  # "a limited budget", "a limited time"
                continue
            if run not in names and run and len(run[-1]) > 2 and run[-1].endswith("s"):
                run = (*run[:-1], run[-1][:-1])  # "any cheaper x-pros", "the limiteds"
            if len(run) < n or (n == 1 and len(run[0]) < 2):
                continue  # the message ends first, or a letter alone ("x") is no trim
            if len(run) == n and run in names and not (n == 1 and run[0] in _LONE_TRIM_STOP):
                if names[run] not in found:
                    found.append(names[run])
                break
    return found


_SIBLING = rx(r"^\s*(?:and|or|vs\.?|versus|&|/|,)\s*(?:the\s+|a\s+|an\s+)?(\d{1,2})\b")


def _sibling_models(lower: str, wanted: Sequence[VehicleMention], lex: _Lexicon) -> list[VehicleMention]:
    """ "The ioniq 5 and 6", "x3 or x5": a number after a model named with a number is that model family's."""
    found: list[VehicleMention] = []
    for m in wanted:
        if not m.model or not m.model.split()[-1].isdigit():
            continue
        follows = _SIBLING.match(lower[m.end :])
        if follows is None:
            continue
        name = f"{m.model.rsplit(' ', 1)[0]} {follows.group(1)}"
        entry = next((e for e in lex.lookup(squash(name)) if e.make == m.make and e.model), None)
        if entry is not None and entry.model:
            start = m.end + follows.start(1)
            found.append(VehicleMention(m.make, entry.model, start, start + len(follows.group(1))))
    return found


_THE_NUMBER = rx(
    r"\b(?:the|el|la|that|this|and|or|vs\.?|versus)\s+(\d{1,2})\b(?!\s*(?:k\b|mil|miles?|millas|months?|years?|yrs?|"
    r"%|:|am\b|pm\b|st\b|nd\b|rd\b|th\b|ones?\b|of\b|grand|hundred|people|seats?|passengers?|row|door|cyl|speed|"
    r"o'?clock|min|hours?|days?|weeks?|a\.m|p\.m|\d))"
)


def _numbered_sibling(lower: str, context_models: set[str], lex: _Lexicon) -> list[VehicleMention]:
    """ "Is the 6 awd" after the Ioniq 5 was discussed: a number alone names the model of that family with that
    number, when the dealership's catalog or the lexicon knows one ("Ioniq 6"); nothing otherwise."""
    found = _THE_NUMBER.search(lower)
    if found is None:
        return []
    for model in sorted(context_models):
        family, _, number = model.rpartition(" ")
        if not family or not number.isdigit() or number == found.group(1):
            continue
        entry = next((e for e in lex.lookup(squash(f"{family} {found.group(1)}")) if e.model), None)
        if entry is not None and entry.model:
            return [VehicleMention(entry.make, entry.model, found.start(1), found.end(1))]
    return []


def _wrong_makes(lower: str, wanted: Sequence[VehicleMention]) -> list[WrongMake]:
    """'a Hyundai Camry': a make said right before another make's model (a model the make said has would have been
    read as its own). 'Dodge Ram 1500' is an old name, and 'Chevy 1500' shorthand for a Silverado: not mistakes."""
    out: list[WrongMake] = []
    for said, named in itertools.pairwise(wanted):
        if said.model is not None or named.model is None or said.make == named.make or named.model[:1].isdigit():
            continue
        if not re.fullmatch(r"[\s-]*", lower[said.end : named.start]) or (said.make, named.make) == ("Dodge", "Ram"):
            continue
        out.append(WrongMake(said.make, named.model, named.make))
    return out


def _unique(items: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


def _with_year_before(lower: str, start: int) -> int:
    """Where a car of the customer's starts, with the model year said before it ("a 2017 honda accord")."""
    year_before = re.search(r"(?:\b(?:19|20)\d\d|'\d\d)\s*$", lower[:start])
    return year_before.start() if year_before else start


_NOT_A_TRIM = words(
    "and or vs versus with for to than the a an my our your under over from like about around in or y o"
)


def _year_after(lower: str, tokens: Sequence[_Tok], end: int) -> int | None:
    """A model year written after the model ("santa fe 2025", "tucson '22")."""
    index = next((k for k, t in enumerate(tokens) if t.start >= end), len(tokens))
    year = _year_token(lower, tokens, index)
    between = tokens[index].text if index < len(tokens) else ""
    if year is None and index + 1 < len(tokens) and between.isalpha() and between not in _NOT_A_TRIM:
        year = _year_token(lower, tokens, index + 1)  # "santa fe calligraphy 2024": past the trim
    return year


# "its a 2017 civic", "mine has 48k", "my car is a 2015 accord": the customer's own car, told after a trade was said
_OWN_CAR_START = rx(
    r"^\W*(?:(?:it'?s|its|it is|mine'?s|mine is|my (?:car|truck|suv|van|ride|trade(?:[\s-]?in)?) is)\s+(?:a|an)\b"
    r"|(?:mine|it|my (?:car|truck|suv|van|ride|trade(?:[\s-]?in)?)) (?:has|got|is at|is around|has like)\b)"
)
_FOR_A_NEW_ONE = rx(r"\bfor (?:a |the )?(?:new|newer|brand new) (?:one|model)\b|\bpor (?:una|uno) nuev[oa]\b")
_BUDGET_SAID = rx(
    r"\$|\b(?:budget|under|below|max|spend|afford|price|presupuesto)\b"
    r"|\b(?:out[- ]the[- ]door|otd|cash|all in|would (?:you|u|ya)(?: guys| all)? (?:do|take|go)"
    r"|will (?:you|u) (?:do|take)|would (?:y'?all|yall) (?:do|take|go))\b"
)
# how the customer's own car is, as they say it: kept with the trade-in, said back, never asked again
_TRADE_STATE = rx(
    r"\b(?:no|zero|0|never (?:been )?in (?:an|any)) accidents?\b|\baccident[- ]free\b|\b(?:one|1|single)[- ]owner\b"
    r"|\bclean (?:title|carfax|history)\b|\bruns (?:great|good|fine|perfect(?:ly)?)\b"
    r"|\b(?:(?:small|little|minor|big) )?(?:dent|dents|scratch|scratches|ding|dings)\b"
    r"(?: on the [a-z ]{3,20}?(?=[,.!?]|$))?"
    r"|\b(?:excellent|good|great|decent|fair|rough|perfect) (?:shape|condition)\b"
    r"|\bneeds (?:new )?(?:tires|brakes|work)\b"
    # "windshield has a crack", "cracked bumper", "some rust", "leaks oil"
    r"|\b(?:windshield|windscreen|bumper|door|hood|fender|mirror|seat|dash)\b[^.,!?]{0,12}"
    r"\b(?:crack\w*|broken|torn|dent\w*)\b|\bcracked (?:windshield|windscreen|bumper|mirror|dash)\b"
    r"|\b(?:some |a little |bad )?rust\b|\bleaks? (?:oil|coolant)\b"
    r"|\bcheck engine light\b|\bnon[- ]?smoker\b|\bgarage kept\b|\bsalvage (?:title)?\b|\brebuilt title\b"
    r"|\bsin choques\b|\bun solo due[nñ]o\b|\bbuen estado\b|\bbuenas condiciones\b"
    # "the engine makes a noise", "transmission slips", "el motor hace un ruido": a fault the appraiser must hear of
    r"|\b(?:the |its |el |la )?(?:engine|motor|transmission|transmisi[oó]n|trans|brakes|frenos)\b[^.,!?]{0,20}"
    r"\b(?:noise|noisy|knock\w*|slips?|slipping|ticks?|ticking|leaks?|issues?|problems?|ruido|falla\w*|problemas?)\b"
)
_LIMIT_WORD = re.compile(r"\b(?:under|below|less|fewer|max(?:imum)?|no more|up to|at most|menos|m[aá]ximo)\b")
_AND_SO_ON = re.compile(
    r"\bthat kind(?:a| of) (?:thing|stuff|car|brand)s?\b|\bthat sort of thing\b|\betc\b|\bor similar\b"
    r"|\b(?:stuff|something|anything) like that\b|\bor something\b|\by (?:as[ií]|cosas as[ií])\b"
)
_LUXURY = re.compile(r"\bluxury\b|\bluxurious\b|\bhigh[- ]end\b|\bpremium (?:brands?|makes?)\b|\bde lujo\b")
_SPORTY = re.compile(
    r"\bsporty\b|\bsports? cars?\b|\bsportscars?\b|\bmuscle cars?\b|\bfun to drive\b|\bsomething fast\b"
    r"|\bdeportiv[oa]s?\b"
)


def extract_slots(text: str, catalog: Catalog | None = None, history: Sequence[Turn] = ()) -> Slots:
    """Everything the customer says they want (and their trade-in), from one message."""
    cleaned = clean(text)
    lower = cleaned.lower()
    tokens = _tokens(lower)
    lex = _lexicon(catalog)
    context = _context_vehicles(history, lex)
    mentions = _mentions(cleaned, lower, tokens, lex, context)
    if not any(m.model for m in mentions):
        mentions = [*mentions, *_numbered_sibling(lower, context[1], lex)]  # "is the 6 awd" after the Ioniq 5
    owned = _owned_vehicles(lower, tokens, mentions)
    if not owned and _TRADE_CUE.search(lower):  # "whats my trade worth, 2017 civic 80k miles": the dated car is it
        owned = [
            _Owned(
                _with_year_before(lower, m.start),
                _owned_span_end(lower, tokens, m.end),
                m.year,
                m.make,
                m.model,
                _span_mileage(lower[m.start :]),
            )
            for m in mentions
            if m.year
            and (
                re.search(r"\btrad|\bworth\b|\bapprais|\ba cuenta\b", lower[: m.start])
                or _WORTH_AFTER.search(lower[m.end :])  # "2017 civic lx 98k miles clean title, whats it worth"
            )
        ][:1]
    talked_trade = any(t.sender == "customer" and _TRADE_CUE.search(t.text.lower()) for t in history[-6:])
    own_start = bool(_OWN_CAR_START.match(lower)) and talked_trade  # "its a 2017 civic" after "have a trade"
    answering = (answers_the_trade_question(history) or own_start) and not _SHOPPING_CUE.search(lower)
    first = mentions[0] if mentions else None
    if first is not None:  # "its a 2017 honda accord", "2017 accord 98k": the car said first, not "... on the titan"
        before = lower[: first.start]
        answering = answering and len(before.split()) <= 4 and not re.search(r"\b(?:the|that|this|your|ur)\s*$", before)
    if not owned and answering and first is not None:  # after "could you share its year, make and model ...?"
        m = first
        end = _owned_span_end(lower, tokens, m.end)
        owned = [_Owned(_with_year_before(lower, m.start), end, m.year, m.make, m.model, _span_mileage(lower))]
    masked = _mask(lower, [(o.start, o.end) for o in owned])
    wanted = [m for m in mentions if not any(o.start <= m.start < o.end for o in owned)]
    wanted = [*wanted, *_sibling_models(lower, wanted, lex)]  # "the ioniq 5 and 6"
    # "dang no elantras?", "no Lexus?": whether there are any, not a wish to leave them out
    asks_if_any = bool(_NO_QUESTION.match(lower))
    refused = [] if asks_if_any else [m for m in wanted if _turned_down(lower, m.start)]  # "not the palisade"
    wanted = [m for m in wanted if m not in refused]
    colors, refused_colors = _colors(masked)
    bodies, refused_bodies = _body_styles(masked)
    fuels, refused_fuels = _fuel_types(_mask(masked, [(m.start, m.end) for m in wanted]))  # not "Tucson Hybrid"
    if asks_if_any:
        colors, refused_colors = [*colors, *refused_colors], []
        fuels, refused_fuels = [*fuels, *refused_fuels], []
    wrong = _wrong_makes(lower, wanted)
    mistaken = {w.said for w in wrong} - {m.make for m in wanted if m.model}
    slots = Slots(
        makes=_unique(m.make for m in wanted if m.make not in mistaken),
        models=_unique(m.model for m in wanted),
        trims=_unique(
            [
                *_trims(lower, tokens, wanted, catalog),
                *_lone_trims(tokens, catalog, [(m.start, m.end) for m in mentions]),
            ]
        ),
        wrong_makes=wrong,
        body_styles=bodies,
        colors=colors,
        drivetrains=_labels(masked, _DRIVETRAINS),
        transmissions=_transmissions(masked),
        fuel_types=fuels,
        condition=_condition(masked, tokens, wanted),
        features=_features(masked),
        timeline=_timeline(lower),
        excluded_colors=refused_colors,
        excluded_fuels=refused_fuels,
        excluded_body_styles=refused_bodies,
        excluded_models=_unique(m.model for m in refused if m.model not in {w.model for w in wanted}),
        excluded_makes=_unique(m.make for m in refused if not m.model and m.make not in {w.make for w in wanted}),
        lone_makes=_unique(
            m.make
            for m in wanted
            if not m.model and any(w.model for w in wanted) and not any(w.model and w.make == m.make for w in wanted)
        ),
    )
    alike = not slots.models and slots.makes and all(luxury(m) for m in slots.makes) and _AND_SO_ON.search(masked)
    if (not (slots.makes or slots.models) and _LUXURY.search(masked)) or alike:
        # "any used luxury suvs", "bmw audi lexus that kinda thing": the luxury brands
        known = sorted(catalog.makes) if catalog is not None else list(LUXURY_MAKES)
        slots.makes = list(dict.fromkeys([*slots.makes, *(m for m in known if luxury(m))]))
    if not (slots.makes or slots.models or slots.body_styles) and catalog is not None and _SPORTY.search(masked):
        # "something sporty", "a sports car": the sports cars and sport sedans on the lot
        on_lot = [(make, model) for make, models in catalog.makes.items() for model in models if sporty(model)]
        slots.makes = _unique(make for make, _ in on_lot)
        slots.models = _unique(model for _, model in on_lot)
    years = {(m.model or m.make): m.year or _year_after(lower, tokens, m.end) for m in wanted}
    # "2024 elantra or 2023 elantra": each mention's year, two of one model too
    named_years = {y for y in (m.year or _year_after(lower, tokens, m.end) for m in wanted) if y}
    # a model's own number ("ram 1500", "silverado 2500") is no budget: the models named are masked first
    numbered = _mask(masked, [(m.start, m.end) for m in wanted if m.model and any(c.isdigit() for c in m.model)])
    _apply_numbers(slots, _find_numbers(numbered), numbered, named_years)
    if len(years) > 1 and None in years.values() and slots.year_min == slots.year_max in named_years:
        slots.year_min = slots.year_max = None  # "a 2024 palisade or a telluride": the year is the Palisade's alone
    slots.stock_number, slots.vin = _identifiers(lower)
    traded_before = answering or talked_trade
    slots.trade_in = _trade_in(lower, owned, traded_before)
    of_the_trade = traded_before and (answering or own_start) and not wanted
    if of_the_trade and slots.budget_max_cents and not slots.mileage_max and not _BUDGET_SAID.search(lower):
        # "mine has 48k, no accidents" after "trade my 2020 tucson": the trade's miles, not a budget
        # "about 62k" was read as a budget of 55.8k to 68.2k: the 62k it is around
        band = (slots.budget_min_cents or slots.budget_max_cents, slots.budget_max_cents)
        slots.mileage_max, slots.mileage_about = int(round(sum(band) / 200, -2)), True
        slots.budget_max_cents = slots.budget_min_cents = None
    if traded_before and slots.mileage_max and not wanted and not slots.trade_in and not _LIMIT_WORD.search(lower):
        # "about 112k miles" after "i have a trade, 2016 accord": the trade's miles, not a wish for ours
        slots.trade_in, slots.mileage_max = TradeIn(mileage=slots.mileage_max), None
    if slots.payoff_cents is not None:  # "i still owe like 6 grand on it": owed on their own car, the trade
        slots.trade_in = replace(slots.trade_in or TradeIn(), payoff_cents=slots.payoff_cents)
    trade = slots.trade_in
    if trade is not None and trade.model and not wanted and _FOR_A_NEW_ONE.search(lower):
        # "want to trade my 2020 tucson for a new one": new ones of that model are what they want
        slots.makes, slots.models = [trade.make] if trade.make else [], [trade.model]
        slots.condition = VehicleCondition.new
    trim = _trade_trim(lower, slots.trade_in) if of_the_trade or _TRADE_CUE.search(lower) else None
    if trim:  # "xle awd silver about 62k": the trade's trim, as its maker writes it
        words = [
            "EX-L" if w == "exl" else w.upper() if w in _TRIM_CAPITALS else w if w == "4x4" else w.capitalize()
            for w in trim.group(0).split()
        ]
        slots.trade_in = replace(slots.trade_in or TradeIn(), trim=" ".join(words))
        slots.trims = []
    said = _TRADE_STATE.findall(lower)
    if said and (slots.trade_in is not None or of_the_trade):  # "one owner, no accidents, small dent": the trade's
        condition = ", ".join(dict.fromkeys(m.strip() for m in said))
        slots.trade_in = replace(slots.trade_in or TradeIn(), condition=condition)
        slots.features = [f for f in slots.features if f not in ("one owner", "clean history report")]
    return slots
