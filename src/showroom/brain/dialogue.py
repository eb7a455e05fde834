"""The state of a conversation, carried from turn to turn: what the agent has shown, what the customer wants so
far, their trade-in, the visit they asked for, the contact details they gave, what was already said, and their
language. It is stored with the conversation (``conversations.dialogue_state``, JSON), shown to staff, and read by
every turn, so that follow-ups resolve against it:

* references to vehicles shown: "it", "that one", "the white one", "the second one", "the cheaper one", "the
  newest", "those";
* narrowing: "under 45k", "only AWD" keep the make, model or body type under discussion instead of starting over;
  a new make, model or body type starts a new search (the budget and the rest carry over).

Pure: plain dataclasses and functions, no database (the turn reads and writes the JSON).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from showroom.brain.i18n import say, translate, writes
from showroom.brain.nlu.attributes import (
    color_matches,
    drivetrain_matches,
    fuel_matches,
    gearbox_fits,
    trim_matches,
    vehicle_fuel,
)
from showroom.brain.nlu.knowledge import model_body, model_fuel
from showroom.brain.nlu.language import ENGLISH_WORDS
from showroom.brain.nlu.understanding import Slots, TradeIn, Understanding
from showroom.brain.nlu.vehicles import Catalog, find_vehicle_mentions
from showroom.brain.nlu.when import capitalise_weekdays, find_day, find_time_request, moves_the_time, with_day
from showroom.brain.types import VehicleView

MAX_SHOWN = 5
MAX_SEEN = 20  # enough for four pages of a list ("more?" never shows a car twice)
MAX_SAID = 12
# What identifies the vehicle a customer is after; a message naming one of these starts a new search.
SUBJECT_KEYS = ("makes", "models", "body_styles", "stock_number", "vin")
_ORDINALS = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "last": -1,
    "primero": 0,
    "primera": 0,
    "segundo": 1,
    "segunda": 1,
    "tercero": 2,
    "tercera": 2,
    "ultimo": -1,
    "último": -1,
    "ultima": -1,
    "última": -1,
}
_ORDINAL = re.compile(
    r"\b(?:the\s+|el\s+|la\s+)?(" + "|".join(map(re.escape, _ORDINALS)) + r")(?:\s+(?:one|option|uno|una))?\b"
    r"(?!\s*(?:-\s*)?(?:row|rows|fila|filas|seat|seats|asientos?|owner|owners|due[nñ]o|gen|generation|key|keys"
    r"|name|names|time|week|weekend|month|year|night|visit|nombre|vez|semana)\b)"
    r"|(?:#|number\s+|no\.?\s*)([1-5])\b",
    re.IGNORECASE,
)
_POINTER = re.compile(
    r"\b(?:it|its|it's|that one|this one|that car|this car|that truck|this truck|the one|that|this|them|those|"
    r"which one|which ones|which of them|cu[aá]l de (?:ellos|ellas|esos|esas)|"
    r"the others|they|these|ese|esa|este|esta|ellos|esos|esas|estos|estas|la (?:blanca|gris|negra|roja|azul|plata)"
    r"|el (?:blanco|gris|negro|rojo|azul|plata))\b",
    re.IGNORECASE,
)
_UNLISTED = re.compile(
    r"\b(?:no|without|missing)\s+(?:the\s+)?(?P<what>miles|mileage|price)\b"
    r"|\b(?P<what2>miles|mileage|price)\s+(?:is\s+|are\s+)?(?:not|isn'?t|aren'?t)\s+(?:listed|shown|there)\b",
    re.IGNORECASE,
)
_IT = re.compile(r"\b(?:it|its|it'?s|that one|this one|that car|this car)\b", re.IGNORECASE)
_CHEAPER = re.compile(
    r"\b(?:cheaper|cheapest|least expensive|lower price|lowest price|m[aá]s barat[oa]s?|m[aá]s econ[oó]mic[oa]s?)\b",
    re.IGNORECASE,
)
_PRICIER = re.compile(r"\b(?:pricier|more expensive|most expensive|nicer one|higher trim|m[aá]s car[oa]s?)\b", re.I)
_NEWER = re.compile(
    r"(?<!\bor )(?<!\band )(?<!\bo )\b(?:newer|newest|latest|most recent|m[aá]s nuev[oa]|m[aá]s reciente)\b"
    r"(?! (?:model )?years?\b)",
    re.IGNORECASE,
)
_FEWER_MILES = re.compile(
    r"\b(?:fewer|fewest|lowest|least|less)\s+(?:miles|mileage)\b|\blow(?:er|est)?[- ](?:mileage|miles?)\b"
    r"|\bmenos (?:millas|millaje)\b",
    re.IGNORECASE,
)
# A question about an attribute with no vehicle named ("how many miles?", "¿cuántas millas tiene?", "what colour?"):
# about the vehicle under discussion (Spanish leaves out "it": "tiene" is "does it have").
_ATTRIBUTE_ONLY = re.compile(
    r"^\W*(?:and\s+|y\s+|the\s+)?(?:miles|mileage|price|colou?r|millas|millaje|precio|trim|year|ball\s?park"
    r"|estimate|rough(?:ly)?)\W*$"
    r"|\bhow many miles\b|\bwhat(?:'?s| is) the (?:mileage|price|colou?r|year)\b|\bwhat colou?r\b|\bhow much\b"
    r"|\bwhat year\b|\bwhat (?:features|options|equipment)\b|\b(?:more )?(?:pictures|pics|photos|fotos)\b"
    r"|\bqu[eé] a[nñ]o\b|\bde qu[eé] color\b|\b(?:tiene|tienen)\s+(?:millas|millaje|kilometraje)\b"
    r"|\bcu[aá]nt[oa]s? millas\b|\bmillaje\b|\bqu[eé] color\b|\bcu[aá]nto (?:cuesta|vale|sale)\b|\bprecio\b"
    r"|\b(?:tiene|es)\s+(?:awd|4x4|tracci[oó]n|h[ií]brid[oa]|autom[aá]tic[oa]|est[aá]ndar|manual|tercera fila"
    r"|quemacocos|techo)\b|^\W*(?:is it|es)\s+(?:an?\s+)?(?:automatic|manual|stick|auto)\b",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    r"\b(?:cheaper|newer|pricier|more expensive|less expensive|fewer miles|less miles|lower price|m[aá]s barat[oa]"
    r"|lower (?:miles|mileage)|less mileage|(?:more|higher) (?:miles|mileage)"
    r"|m[aá]s nuev[oa]|menos millas|m[aá]s millas|m[aá]s car[oa])\b",
    re.IGNORECASE,
)
_SUPERLATIVE = re.compile(
    r"\b(?:cheapest|newest|latest|least expensive|most expensive|lowest|fewest|least miles|la m[aá]s|el m[aá]s)\b", re.I
)
_AMONG_SHOWN = re.compile(
    r"\b(?:of|among|from) (?:those|these|them|the ones you (?:sent|showed|listed))\b|\bde (?:esos|esas|estos|estas)\b"
    r"|\b(?:those|these|the) (?:two|three|four|five|2|3|4|5)\b|\b(?:of )?the others\b|\blos otros\b|\blas otras\b"
    r"|\ball (?:two|three|four|five|2|3|4|5)\b|\blos (?:dos|tres)\b|\blas (?:dos|tres)\b",
    re.IGNORECASE,
)
# "the EX one", "the 2025", "the hybrid one", "la blanca": a word of one of the shown units' titles
_THE_X_ONE = re.compile(
    r"\b(?:the|that|el|la)\s+([a-z0-9][a-z0-9-]{1,14}(?:\s[a-z0-9][a-z0-9-]{1,14})?)\s+(?:ones?|versions?|models?|trims?|unos?|unas?)\b"
    # "the 2025", "the 2024 sel"
    r"|\bthe\s+((?:19|20)\d\d(?:\s+(?!(?:one|ones|is|has|have|or|and|for|with|in|on|at|it|how|what|price|miles|model"
    r"|models|version|vs|versus|still|available)\b)[a-z][a-z0-9-]{1,14})?)\b"
    # "the calligraphy", "what about the limited", "la blanca": a word or two alone
    r"|^\W*(?:ok(?:ay)?,?\s+|and\s+|y\s+|what about\s+|how about\s+)?(?:the|la|el)\s+([a-z0-9][a-z0-9-]{1,14}"
    r"(?:\s[a-z0-9][a-z0-9-]{1,14})?)\W*$",
    re.IGNORECASE,
)
# "the ford", "and the malibu?", "what about the mazda": a make or model named as one of those shown (not "any fords?",
# "other chevys", "do you have a malibu": those ask for a search)
_DEFINITE = re.compile(r"\b(?:the|that|el|la|los|las)\s+\w", re.IGNORECASE)
_NEW_SEARCH = re.compile(
    r"\b(?:any|anything|(?<!the )other|another|more|else|do you have|got|show me|looking for|instead|tienen|hay"
    r"|otr[oa]s?)\b",
    re.IGNORECASE,
)
# "next one up?" after a car turned down for its miles or price: the next dearer car of the search
_NEXT_UP = re.compile(
    r"\bnext (?:one )?up\b|\b(?:one|a) (?:step|level|notch) up\b|\bthe next (?:priced? )?one up\b"
    r"|\b(?:next|second) (?:cheapest|lowest[\s-]priced|least expensive)\b"
    r"|\bel (?:que )?(?:sigue|siguiente) (?:en precio|m[aá]s car[oa])\b",
    re.IGNORECASE,
)
_ONLY = re.compile(
    r"^\W*(?:ok(?:ay)?\W+|and\W+|y\W+)?(?:only|just|solo|s[oó]lo|solamente|nada m[aá]s|nom[aá]s)\b", re.IGNORECASE
)
_FRESH = re.compile(
    r"\b(?:anything|something|any others?|another one|other options|more options|show me more|algo|alguna otra"
    r"|hay otr[oa]s?|tienen? otr[oa]s?|alg[uú]n otr[oa])\b"
    r"|\bwhat(?:'?s| is)? (?:left|else)\b|\bqu[eé] m[aá]s\b|\bqu[eé] (?:otr[oa]s|queda)\b",
    re.IGNORECASE,
)
# "more?", "the rest", "show me all of them", "see all 11", "is there a 6th one?", "y las demás?": the next cars of
# the search under way, past those shown (``next_page``)
_NEXT_PAGE = re.compile(
    r"^\W*(?:ok(?:ay)?|and|so|y|pues|entonces)?\W*(?:any\s?more|more|more please|the rest|others|other ones|what else"
    r"|next(?: ones?| page| \d+)?|keep going|go on|m[aá]s|el resto|los dem[aá]s|las dem[aá]s|los otros|las otras"
    r"|otr[oa]s|siguientes?|todos|todas)\W*(?:please|pls|plz|por favor)?\W*$"
    r"|\b(?:show|see|list|send|give|text|tell|got|have)\s+(?:me\s+|us\s+|you\s+|u\s+)?(?:any\s+)?(?:more|the rest"
    r"|all(?:\s+of)?(?:\s+(?:them|those|the others|the \d+|\d+|the ones? you have|the list))?|every(?:thing| one)"
    r"|them all|the (?:whole|full|entire|complete) list|the others|the other (?:ones|\d+))\b"
    r"(?!\s+(?:than|expensive|room|space|power|miles|years?|pictures|pics|photos|fotos|images|videos?|info"
    r"|information|details|about)\b)"
    r"|\b(?:the )?rest of (?:them|those|the (?:list|ones|cars))\b|\bthe other (?:\d+|six|seven|eight|nine|ten)\b"
    r"|\bwhat else (?:do |did |have )?(?:you |u |ya |y'?all )?(?:have|got|get)\b"
    r"|\b(?:are there|is there|there'?s|any) (?:any\s+)?more\b"
    r"(?!\s+(?:than|expensive|room|space|power|miles|stuff|fees?|charges?|costs?|added|to pay|on top|taxes))"
    r"|\b(?:a |the )?(?:6|7|8|9|10|11|12)th(?: one)?\b|\b(?:sixth|seventh|eighth|ninth|tenth)\b"
    r"|\b(?:m[aá]s opciones|more options|other options)\b|\b(?:ver|mu[eé]str[ae]me|ens[eé][nñ]ame|m[aá]nd[ae]me)"
    r" (?:todos|todas|m[aá]s|el resto|los dem[aá]s|las dem[aá]s|los otros|las otras)\b",
    re.IGNORECASE,
)
_OTHER_N = re.compile(r"\bthe other (\d+)\b", re.IGNORECASE)
# "gt or ecoboost?", "se or sel", "v6 or v8?": which version of the car under discussion
_EITHER_VERSION = re.compile(
    r"^\W*(?:is it (?:the |a |an )?|which one,? )?([a-z0-9-]{1,12}) or (?:the |a |an )?([a-z0-9-]{1,12})\W*$",
    re.IGNORECASE,
)
_VERSION_WORDS = frozenset(
    {"ecoboost", "hemi", "turbo", "v6", "v8", "hybrid", "diesel", "base", "limited", "sport", "premium", "platinum",
     "touring", "calligraphy", "ultimate", "preferred", "luxury", "signature", "denali", "lariat", "latitude"}
)  # fmt: skip
_NOT_VERSIONS = frozenset({"yes", "no", "now", "new", "old", "red", "tan", "one", "two", "any", "all", "not", "si"})
_VERSION_NAMES = {"ecoboost": "EcoBoost", "hemi": "HEMI", "turbo": "Turbo", "hybrid": "Hybrid", "diesel": "Diesel"}


def version_question(text: str) -> list[str]:
    """The two versions (trims or engines) "gt or ecoboost?" asks between, as written on cars; [] for any other
    message ("red or white" is no version: colours and everyday words are not short enough nor known)."""
    m = _EITHER_VERSION.match(text)
    if not m or not all(
        w.lower() in _VERSION_WORDS or (len(w) <= 3 and w.isalnum() and w.lower() not in _NOT_VERSIONS)
        for w in m.groups()
    ):
        return []
    return [_VERSION_NAMES.get(w.lower(), w.upper() if len(w) <= 3 else w.capitalize()) for w in m.groups()]


_INSTEAD = re.compile(r"\binstead\b|\ben vez\b|\bmejor (?:un|una)\b", re.IGNORECASE)
# "is the hybrid awd?", "the electric one, how far", "la híbrida": a car seen, named by what it runs on
_THE_FUEL = re.compile(
    r"\bthe\s+(?:hybrid|electric|ev|plug-?in|phev|diesel)(?:\s+(?:one|version|model))?\b(?!s)"
    r"|\b(?:la|el)\s+(?:h[ií]brid[oa]|el[eé]ctric[oa])\b(?!s)",
    re.IGNORECASE,
)


def names_by_fuel(u: Understanding) -> bool:
    """Does the message name a car seen by its fuel ("is the hybrid awd?"), rather than ask about a fuel?"""
    return bool(u.slots.fuel_types and _THE_FUEL.search(u.text))


_OTHER_YEAR = re.compile(r"\bthe other ((?:19|20)\d\d)\b", re.IGNORECASE)
_ANY_KIND = re.compile(
    r"\b(?:any|got any|have any|do you have|other|more)\s+(?!(?:of|one|ones|two|three|four|2|3|4)\b)\w+", re.IGNORECASE
)
_OTHERS = re.compile(
    r"\bthe others?\b|\bthe other ones?\b|\bthe other (?:two|three|\d|(?:19|20)\d\d)\b|\blos otros\b|\blas otras\b",
    re.IGNORECASE,
)
_THE_OTHER_ONE = re.compile(r"\bthe other one\b|\bel otro\b|\bla otra\b", re.IGNORECASE)
# "both", "the two": a pair of cars (``pick``, and the test drive's "can i see both thursday")
BOTH = re.compile(r"\bboth\b|\bthe two\b|\blos dos\b|\blas dos\b|\bambos\b|\bambas\b", re.IGNORECASE)
_THE_PAIR = re.compile(rf"{BOTH.pattern}|\bdifference\b|\bdiff\b|\bdiferencia\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)")
_ALL_OF_THEM = re.compile(
    r"\b(?:those|them|these|they|all of them|both|any of them|ellos|esos|esas)\b"
    r"|\b(?:the|all) (?:two|three|four|five|2|3|4|5)\b|\b(?:los|las) (?:dos|tres)\b",
    re.I,
)


@dataclass
class DialogueState:
    shown: list[int] = field(default_factory=list)  # vehicle ids of the last list shown, in the order shown
    focus: int | None = None  # the vehicle under discussion
    discussed: list[int] = field(default_factory=list)  # the last two cars under discussion, the latest last
    seen: list[int] = field(default_factory=list)  # every car shown lately, the latest last ("which would you pick")
    criteria: dict[str, Any] = field(default_factory=dict)  # search terms gathered so far (non-empty only)
    trade_in: dict[str, Any] = field(default_factory=dict)  # year, make, model, trim, mileage, condition
    appointment: dict[str, Any] = field(default_factory=dict)  # {"words": ..., "at": ISO time} once asked for
    contact: dict[str, str] = field(default_factory=dict)  # email, phone, name, as given in the conversation
    offered: list[str] = field(default_factory=list)  # ISO starts of the visit slots just offered (brain.visits)
    said: list[str] = field(default_factory=list)  # fingerprints of the agent's recent replies (no repeats)
    language: str | None = None  # ISO 639-1 of the customer's messages
    turns: int = 0  # customer messages understood

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> DialogueState:
        """The state stored with a conversation; unknown or malformed parts are dropped, never trusted."""
        data = data or {}
        state = cls()
        state.shown = [int(i) for i in data.get("shown") or [] if isinstance(i, int)][:MAX_SHOWN]
        focus = data.get("focus")
        state.focus = focus if isinstance(focus, int) else None
        state.discussed = [int(i) for i in data.get("discussed") or [] if isinstance(i, int)][-2:]
        state.seen = [int(i) for i in data.get("seen") or [] if isinstance(i, int)][-MAX_SEEN:]
        for name in ("criteria", "trade_in", "appointment", "contact"):
            value = data.get(name)
            if isinstance(value, dict):
                setattr(state, name, dict(value))
        state.said = [str(s) for s in data.get("said") or [] if isinstance(s, str)][-MAX_SAID:]
        state.offered = [str(s) for s in data.get("offered") or [] if isinstance(s, str)][:MAX_SHOWN]
        language = data.get("language")
        state.language = language if isinstance(language, str) else None
        turns = data.get("turns")
        state.turns = turns if isinstance(turns, int) else 0
        return state

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def fingerprint(text: str) -> str:
    """A reply's identity for "said already": its words, without case, punctuation or the customer's name."""
    words = re.sub(r"[^a-z0-9áéíóúñü ]+", " ", text.lower()).split()
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]


def next_page(u: Understanding, state: DialogueState) -> bool:
    """Does the message ask for the rest of the list under way ("more?", "show me all of them", "is there a 6th
    one?") rather than about one of the cars shown or for another kind? Only with a search under way and no new
    wish in the message ("more with awd" narrows; "anything cheaper" goes past the cars seen)."""
    if not state.shown or not state.criteria or u.slots.has_vehicle_criteria() or passes(u):
        return False
    if _OTHER_YEAR.search(u.text):  # "what about the other 2022": the other car of that year shown
        return False
    text = u.text
    if not _NEXT_PAGE.search(text):
        return False
    other = _OTHER_N.search(text)  # "the other 2" of three shown are two of those shown
    return not (other and int(other.group(1)) < len(state.shown))


_VERSION_OF_IT = re.compile(
    r"\b(?:is there|are there|do (?:you|u) (?:have|guys have)|any|got)\b[^.?!]{0,25}\b(?:version|versi[oó]n)s?"
    r"(?: of (?:it|that|this|that one|the \w+))?\b|\bhay (?:una? )?versi[oó]n\b",
    re.IGNORECASE,
)


def refers_to_shown(u: Understanding, state: DialogueState) -> bool:
    """Does the message point back at what was shown ("it", "the white one", "the second one", "the cheaper
    one") rather than ask for something new? Only when something was shown and no new vehicle is named."""
    if not state.shown and state.focus is None:
        return False
    if next_page(u, state):  # "more?", "the rest": the next cars of the search, not those shown
        return False
    if u.primary == "thanks" and not u.slots.has_vehicle_criteria():
        return False  # "i'll think about it and circle back": a close, about no car
    if _NEXT_UP.search(u.text):  # "next one up?": the next dearer car of the search
        return False
    if _ONLY.search(u.text) and u.slots.has_vehicle_criteria():
        return False  # "only the awd ones", "solo las nuevas": the search narrowed, past the five shown too
    s = u.slots
    text = without_introduction(u.text)  # "this is Dana btw": no "this" that points at a car
    if s.turns_down() and not (s.colors or s.models or s.makes):
        return False  # "not the red ones", "no chevys": the search without them, not a question about one shown
    if refuses_by_figure(u):
        return False  # "too many miles on those, anything under 30k miles": a search with that figure
    if s.trade_in is not None and u.primary == "trade_in":
        return False  # "its a 2017 honda accord" answering the trade-in question: their car, not one shown
    if _WHY_PRICE.search(text) and not (s.budget_max_cents or s.mileage_max):
        return True  # "why is the palisade more": of the cars seen, not a search for more
    if _PRICE_GAP.search(text) and not (s.budget_max_cents or s.mileage_max or s.makes or s.models):
        return True  # "the price difference between the 2024 and 2025": two of the cars seen, not a search
    if _SIDE_BY_SIDE.search(text) and (len(s.colors) > 1 or SAME_CAR.search(text)) and not (s.makes or s.models):
        return True  # "compare the white and the grey", "are the red and burgundy the same car": two of those shown
    if s.stock_number or s.vin:
        return False
    if _VERSION_OF_IT.search(text):  # "is there a hybrid version of it": that model, searched with the fuel
        return False
    if s.condition and state.criteria.get("condition") not in (None, s.condition) and _FRESH.search(text):
        return False  # "those are all over 40, what else, used is fine" after new ones: used ones, searched
    if u.primary == "vehicle_facts" and state.focus is not None and _IT.search(text) and not (s.models or s.makes):
        return True  # "electric range on it", "how far does it go on battery": a fact of the car under discussion
    asked_of = _YES_NO.search(text) or ASKED_OF_IT.search(text)  # "is it a truck?", "the chevy. is it a crew cab"
    if s.body_styles and not (asked_of and _POINTER.search(text)):
        return False
    if _FRESH.search(text) and not _ALL_OF_THEM.search(text):  # "anything newer", "something cheaper": a search
        return False
    if _INSTEAD.search(text) and s.has_vehicle_criteria():  # "maybe a hybrid instead": another kind, searched
        return False
    if version_question(text) and state.focus is not None:
        return True  # "gt or ecoboost?": which version the car under discussion is
    if _THE_FUEL.search(text) and s.fuel_types and not (s.makes or s.models or _ANY_KIND.search(text)):
        return True  # "is the hybrid awd?": the hybrid seen (``pick``; none seen: a search for one)
    if _ANY_KIND.search(text) and (s.fuel_types or s.drivetrains or s.colors or s.transmissions or s.features):
        return False  # "any hybrids that are newer", "got any awd ones under 30k": a search of that kind
    if re.search(
        r"\bany (?:cheaper|newer|less expensive|lower)\b"
        r"|\b(?:hay|tienen|tiene|algo|alg[uú]n|otr[oa])\b[^.?!]{0,15}\bm[aá]s (?:barat[oa]|nuev[oa]|econ[oó]mic[oa])\b",
        text,
        re.IGNORECASE,
    ):
        return False  # "any cheaper x-pros": past the car seen (``beyond``), not the cheaper of those shown
    if asks_colours(u) and state.criteria:  # "what colours does it come in": the model's, on the whole lot
        return False
    if u.primary in ("vehicle_facts", "price") and state.focus is not None and not s.has_vehicle_criteria():
        return True  # "any accidents?", "mpg?": about the car under discussion
    if u.primary == "availability" and state.focus is not None and not s.has_vehicle_criteria():
        return True  # "still available?" after the car under discussion: that car, not the search again
    if s.colors and state.focus is not None and len(text.split()) <= 3 and not (s.makes or s.models or s.body_styles):
        return True  # "white?": the colour of the car under discussion
    only_features = s.features and not (s.makes or s.models or s.colors or s.condition or s.budget_max_cents)
    if only_features and state.focus is not None and (u.is_question or _WHAT_ABOUT.search(text)):
        return True  # "what about the sunroof", "and ventilated?": of the car under discussion
    ranged = s.year_min != s.year_max  # "2022 or newer"; "the 2017" is one car's year
    if (s.budget_max_cents or s.mileage_max or ranged) and not _YES_NO.search(text):
        return False  # "she wants the palisade, i like the telluride. budget is 45": a narrowing, not a pointer
    if s.makes or s.models:  # "the ford", "and the malibu?": one of those shown, if any is (``pick``), else a search
        plural = any(re.search(rf"\b{re.escape(m.lower())}(?:s|es)\b", text.lower()) for m in s.models)
        return bool(_DEFINITE.search(text)) and not _NEW_SEARCH.search(text) and not plural
    return bool(
        _THE_X_ONE.search(text)
        or _ORDINAL.search(text)
        or _POINTER.search(text)
        or _AMONG_SHOWN.search(text)
        or _ALL_OF_THEM.search(text)
        or _OTHER_YEAR.search(text)  # "what about the other 2022"
        or _CHEAPER.search(text)
        or _PRICIER.search(text)
        or _NEWER.search(text)
        or _FEWER_MILES.search(text)
        or _ATTRIBUTE_ONLY.search(text)
        or (s.colors and re.search(r"\bone\b|\buno\b|\buna\b", text, re.IGNORECASE))
    )


def asks_why_priced(u: Understanding) -> bool:
    """ "Why is it so cheap", "por qué la más barata está tan barata": why a car seen is priced as it is."""
    return bool(_WHY_PRICE.search(u.text))


def superlative(u: Understanding) -> str | None:
    """The comparison a message asks for over everything that fits ("the cheapest", "which is newest", "fewest
    miles"), as ``agent.queries.ORDERS`` names it; None when it compares nothing or only the vehicles shown ("which of
    those is newest")."""
    text = u.text
    if _AMONG_SHOWN.search(text) or (_COMPARATIVE.search(text) and not _SUPERLATIVE.search(text)):
        return None  # "which of those is newest", "which is cheaper": of the ones shown
    if _NEXT_UP.search(text):
        return None  # "whats the next cheapest": past the car seen (``beyond``), not the cheapest again
    for order, pattern in (
        ("cheapest", _CHEAPER),
        ("priciest", _PRICIER),
        ("newest", _NEWER),
        ("fewest_miles", _FEWER_MILES),
    ):
        found = pattern.search(text)
        if found and not (order == "fewest_miles" and _LOW_MILES.fullmatch(found.group())):
            return order
    return None


_MEASURES = {
    "cheapest": lambda v: v.price_cents,
    "priciest": lambda v: v.price_cents,
    "newest": lambda v: v.year,
    "fewest_miles": lambda v: v.mileage,
}


def tied(ranked: Sequence[VehicleView], order: str) -> list[VehicleView]:
    """The first of cars ranked by ``order`` (``superlative``), with the second when it ties on that figure (two
    2025s for "which is newest"): never one named as the newest when another is as new."""
    if not ranked:
        return []
    measure = _MEASURES.get(order)
    first = measure(ranked[0]) if measure else None
    if measure and len(ranked) > 1 and first is not None and measure(ranked[1]) == first:
        return list(ranked[:2])
    return list(ranked[:1])


# "any 3rd row suvs with low miles": a wish, the list ranked by miles; "lowest miles" asks for the one
_LOW_MILES = re.compile(r"low[- ](?:mileage|miles)", re.IGNORECASE)


_TRIMS = re.compile(
    r"\bwhat (?:other )?(?:trims|versions|packages|trim levels)\b|\bwhich (?:trims|versions|trim levels)\b"
    r"|\b(?:trims|versions|trim levels) (?:do you|you|u) (?:have|got)\b|\b(?:any|other) (?:trims|trim levels)\b"
    r"|\bqu[eé] versiones\b|\bcu[aá]les versiones\b",
    re.IGNORECASE,
)


def asks_for_more(u: Understanding) -> bool:
    """ "Something newer", "anything cheaper", "other options": more of the same search, not one of those shown."""
    return bool(_FRESH.search(u.text) or _NEXT_UP.search(u.text))


def passes(u: Understanding) -> bool:
    """Could the message ask for more than the cars seen ("anything newer")? (``beyond`` says what; this cheap check
    spares a turn the read of those cars.)"""
    return bool(_NEXT_UP.search(u.text)) or (bool(_COMPARATIVE.search(u.text)) and not _SUPERLATIVE.search(u.text))


def beyond(u: Understanding, state: DialogueState, seen: Sequence[VehicleView]) -> dict[str, Any]:
    """ "Anything newer", "something cheaper", "any hybrids that are newer", "fewer miles than that": the criteria
    that go past the car under discussion (else past every car shown): a later year, a lower price, fewer miles.
    Empty when the message compares nothing that way, or asks which car wins (``comparison``)."""
    text = u.text
    cars = [v for v in seen if v.id == state.focus] or list(seen)
    prices = [v.price_cents for v in cars if v.price_cents]
    if _NEXT_UP.search(text) and prices:  # "next one up?": the cheapest of those dearer than the car seen
        return {"price_min_cents": max(prices) + 1}
    if not (_FRESH.search(text) or _ANY_KIND.search(text) or re.search(r"\bthan (?:that|this|it)\b", text, re.I)):
        return {}
    if not _COMPARATIVE.search(text) or _SUPERLATIVE.search(text) or _WHICH.search(text):
        return {}
    if not cars:
        return {}
    if _NEWER.search(text):
        return {"year_min": max(v.year for v in cars) + 1}
    if _CHEAPER.search(text) and prices:
        return {"price_max_cents": min(prices) - 1}
    miles = [v.mileage for v in cars if v.mileage]
    if _FEWER_MILES.search(text) and miles:
        return {"mileage_max": min(miles) - 1}
    return {}


# Answers about one car that nothing else beats or joins ("nothing cheaper than that", "no others"): ``unbeaten``
ALONE = frozenset({"cheapest_yet", "newest_yet", "fewest_miles_yet", "only_one", "why_price"})
_OTHERS_ASKED = re.compile(
    r"\bany ?(?:others?|more)\b|\banother one\b|\bother (?:ones|options)\b|\b(?:anything|something) else\b"
    r"|\bhay otr[oa]s\b|\balguna otra\b",
    re.IGNORECASE,
)


_SIMILAR = re.compile(
    r"\b(?:similar|comparable|something like (?:it|that|this)|anything like (?:it|that|this)|like that one"
    r"|parecid[oa]s?|algo as[ií]|similares?)\b",
    re.IGNORECASE,
)


_THE_ONE_WITH = re.compile(
    r"\b(?:that|the|this)\b[^.?!]*\bwith (?:the )?(?:low(?:est)?|less|fewest|least) (?:miles|mileage)\b", re.IGNORECASE
)


def the_one_with(u: Understanding) -> bool:
    """ "That blue rogue with the low miles": one car, the first of a search ranked by miles (``search_order``); "next
    one up?": the cheapest of those dearer than the car seen."""
    return bool(_THE_ONE_WITH.search(u.text) or _NEXT_UP.search(u.text))


# what a question may say of cars already shown to point at them ("the 2 burgundy ones", "the 2024s") without
# wishing for it: those words pick among the cars, they are no criterion for the searches that follow
_DESCRIBING = frozenset({"colors", "trims", "year_min", "year_max"})


def describes_shown(u: Understanding, given: set[str]) -> bool:
    """Does this question point at cars shown by what they are ("the 2 burgundy ones are the same price?", "are the
    2024s awd"), so that what it says of them is no wish to keep for the next search?"""
    return bool(given) and given <= _DESCRIBING and u.is_question and bool(_DEFINITE.search(u.text))


def asks_similar(u: Understanding) -> bool:
    """ "Anything similar?", "something like it but AWD": cars like the one under discussion (``similar_to``)."""
    return bool(_SIMILAR.search(u.text))


def similar_to(u: Understanding, criteria: dict[str, Any], car: VehicleView) -> dict[str, Any]:
    """ "Anything similar with AWD in that price": cars of the same kind as the one under discussion, around its
    price, with what the message asks; not its make, model, colour or stock number (None-free criteria)."""
    if not _SIMILAR.search(u.text):
        return criteria
    kept = {k: v for k, v in criteria.items() if k not in ("makes", "models", "trims", "colors", "stock_number", "vin")}
    if u.slots.models:  # "something similar but cheaper? like a palisade": the model given as the example
        kept = {**kept, "makes": list(u.slots.makes), "models": list(u.slots.models)}
    if car.body_style and not u.slots.body_styles:
        kept["body_styles"] = [car.body_style]
    if car.price_cents and not u.slots.budget_max_cents:  # "in that price": up to about 15% more
        kept["price_max_cents"] = round(car.price_cents * 1.15, -5) - 1  # the agent's own limit: never "your budget"
    kept["exclude_ids"] = list(dict.fromkeys([*kept.get("exclude_ids", []), car.id]))
    return kept


_SAME_PRICE = re.compile(
    r"\b(?:the )?same (?:price|price range|budget|money|ballpark)\b|\bsimilar(?:ly)? pric\w*|\bprice like (?:it|that)\b"
    r"|\b(?:mismo|parecido) precio\b|\bprecio parecido\b",
    re.IGNORECASE,
)


def asks_same_price(u: Understanding) -> bool:
    """ "Around the same price": priced like the car under discussion (``priced_like``)."""
    return bool(_SAME_PRICE.search(u.text))


def priced_like(u: Understanding, criteria: dict[str, Any], car: VehicleView | None) -> dict[str, Any]:
    """ "Any equinox around the same price" (``asks_same_price``): the search within about 10% of the price of the car
    under discussion (``car``), when the message names no budget of its own."""
    if car is None or not car.price_cents or u.slots.budget_max_cents:
        return criteria
    return {
        **criteria,
        "price_min_cents": round(car.price_cents * 0.9, -5),
        "price_max_cents": round(car.price_cents * 1.1, -5) - 1,  # the agent's own limit: never "your budget"
        "exclude_ids": list(dict.fromkeys([*criteria.get("exclude_ids", []), car.id])),
    }


def asks_for_others(u: Understanding) -> bool:
    """ "Any others with less than 30k miles?": units besides the one under discussion."""
    return bool(_OTHERS_ASKED.search(u.text))


def unbeaten(past: dict[str, Any], state: DialogueState, seen: Sequence[VehicleView]) -> Comparison | None:
    """ "Anything cheaper than that" when no unit is (``beyond`` found nothing): the car seen that nothing beats,
    said as such ("that's our lowest-priced one that fits") rather than a list of the cars just shown again."""
    cars = [v for v in seen if v.id == state.focus] or list(seen)
    if not cars:
        return None
    if "year_min" in past:
        return Comparison([max(cars, key=lambda v: v.year)], "newest_yet")
    priced = [v for v in cars if v.price_cents]
    if "price_max_cents" in past and priced:
        return Comparison([min(priced, key=lambda v: v.price_cents or 0)], "cheapest_yet")
    counted = [v for v in cars if v.mileage]
    if "mileage_max" in past and counted:
        return Comparison([min(counted, key=lambda v: v.mileage or 0)], "fewest_miles_yet")
    return None


_COLOURS = re.compile(
    r"\b(?:what|which) colou?rs\b|\b(?:other|any other|another|more) colou?rs?\b"
    r"|\bcolou?rs? (?:does it|do they|it|they) come in\b"
    r"|\bcolou?r options\b|\bqu[eé] colores\b|\botros colores\b|\botro color\b|\ben qu[eé] colores\b",
    re.IGNORECASE,
)


def asks_colours(u: Understanding) -> bool:
    """ "What colours does it come in?", "another colour?": the colours of the model under discussion on the lot."""
    return bool(_COLOURS.search(u.text)) and not u.slots.colors


def about_model_of(criteria: dict[str, Any], focus: VehicleView | None, u: Understanding) -> dict[str, Any]:
    """The search for "what colours does it come in" / "what trims do you have" about the car under discussion: its
    make and model (new or used as asked before), not everything that fit the earlier wishes."""
    if focus is None or u.slots.models or u.slots.makes or not (asks_colours(u) or asks_trims(u)):
        return criteria
    kept = {k: v for k, v in criteria.items() if k == "condition"}
    return {**kept, "makes": [focus.make], "models": [focus.model]}


# "whats the mpg on the santa fe", "is the hybrid good on gas", "how are they on gas": the fuel economy asked
MPG_ASKED = re.compile(
    r"\bmpg\b|gas mileage|fuel (?:economy|efficiency|mileage)|per gallon|rinde|rendimiento|consumo"
    r"|\bgasta (?:de |mucha |poca )?gasolina\b|\bcu[aá]nto gasta\b"
    r"|\b(?:good|great|easy|decent|bad|ok|okay|any good|better|easier) on (?:gas|fuel)\b|\bon gas\b",
    re.IGNORECASE,
)


# "mpg gas vs hybrid", "is the hybrid or the regular one better on gas": a model's two versions compared
GAS_VS_HYBRID = re.compile(
    r"\b(?:gas|regular|non[\s-]?hybrid)\b[^.?!]{0,20}\b(?:vs\.?|or|versus|and|compared to)\b[^.?!]{0,10}\bhybrid\b"
    r"|\bhybrid\b[^.?!]{0,20}\b(?:vs\.?|or|versus|and|compared to)\b[^.?!]{0,10}\b(?:gas|regular|non[\s-]?hybrid)\b",
    re.IGNORECASE,
)


# "pull a 7000 lb boat", "tow 7k pounds", "need to haul a 5,000lb camper"
_TOW_NEED = re.compile(
    r"\b(?:tow|pull|haul)\w*\b[^.?!]{0,30}?\b(?P<n>\d{1,2}(?:\.\d)?|\d{1,2},?\d{3})\s*(?P<k>k)?\s*(?:lbs?|pounds?|#)",
    re.IGNORECASE,
)


def tow_need(u: Understanding) -> int | None:
    """The weight the customer needs to tow, in pounds ("pull a 7000 lb boat" -> 7000), if the message says one."""
    found = _TOW_NEED.search(u.text)
    if found is None:
        return None
    figure = found.group("n").replace(",", "")
    pounds = int(float(figure) * 1000) if found.group("k") else int(figure)
    return pounds if 1000 <= pounds <= 40_000 else None


def asks_trims(u: Understanding) -> bool:
    """ "What trims of the Palisade do you have?", "what trims do you have" (of the model under discussion)."""
    return bool(_TRIMS.search(u.text))


def search_order(u: Understanding) -> str:
    """How a new search ranks what it finds (``agent.queries.ORDERS``): what the message compares ("the newest"),
    one of each trim for "what trims do you have", else the cheapest first."""
    compared = superlative(u)
    if compared:
        return compared
    if asks_trims(u) or len(u.slots.trims) > 1:  # "the limited or the sel": one of each
        return "per_trim"
    if u.primary == "vehicle_facts" and MPG_ASKED.search(u.text) and u.slots.models:
        return "per_model"  # "whats the mpg on the tucson": the Tucson and the Tucson Hybrid both, each rated
    if _LOW_MILES.search(u.text):
        return "fewest_miles"
    if asks_colours(u):
        return "per_colour"
    return "newest" if _NEWER.search(u.text) else "cheapest"  # "anything newer under 20k"


def pick(
    u: Understanding,
    state: DialogueState,
    shown: Sequence[VehicleView],
    earlier: Sequence[VehicleView] = (),
    seen: Sequence[VehicleView] = (),
) -> list[VehicleView]:
    """The shown vehicles the message points at, the one meant first: by position ("the second one"), colour ("the
    white one"), a comparison ("the cheaper one", "the newest", "fewest miles"), or the vehicle under discussion
    ("it"); "those" is all of them; a car discussed ``earlier`` that it names and the list does not have ("back to
    the palisade"); the one car of a list ``seen`` before that fits what it says when none shown does ("the 2025 -
    awd?" after two 2024s were set side by side). Empty when it cannot tell (the caller asks one specific question)."""
    if not shown:
        return []
    named_before = _named_among(list(earlier), u) if earlier else None
    if named_before and len(named_before) == 1 and not _named_among(list(shown), u):
        return named_before
    ordered = sorted(shown, key=lambda v: state.shown.index(v.id) if v.id in state.shown else MAX_SHOWN)
    refused = set(state.criteria.get("exclude_ids") or ())
    ordered = [v for v in ordered if v.id not in refused] or ordered  # a car turned down is not "the cheaper one"
    text = u.text
    if _names_another(u, [*ordered, *earlier, *seen]):
        return []  # "y la 2022 SEL?" when the car seen is a 2023 Limited: another car, searched for
    by_id = {v.id: v for v in [*shown, *earlier]}
    pair = [by_id[i] for i in state.discussed if i in by_id]
    pair = pair if len(pair) == 2 else ordered if len(ordered) == 2 else []
    top = _top_two(text, ordered)
    if top:  # "how many miles on the two cheapest": those two of the list
        return top
    if _THE_PAIR.search(text) and pair and not u.slots.has_vehicle_criteria():
        return pair  # "can i see both thursday", "whats the price difference": the two under discussion
    if _THOSE_TWO.search(text) and len(pair) == 2 and len(ordered) != 2:
        ordered = pair  # "the cheaper of those two" after two of a longer list were discussed: of those two
    other_year = _OTHER_YEAR.search(text)
    if other_year:  # "what about the other 2022": of that year, not the one under discussion
        year = int(other_year.group(1))
        return [v for v in [*ordered, *seen] if v.year == year and v.id != state.focus][:1]
    if _THE_OTHER_ONE.search(text) and state.focus is None and seen:
        # "what about the other one" after the two blue Rogues of three: the one of that model the answer left out
        rest = [v for v in seen if v not in ordered and any(v.model == o.model for o in ordered)]
        if len(rest) == 1:
            return rest
    if _OTHERS.search(text) and state.focus is not None and len(ordered) > 1:  # "which of the others": not that one
        ordered = [v for v in ordered if v.id != state.focus]
        if not (u.slots.has_vehicle_criteria() or _ORDINAL.search(text) or _compares(text)):
            return ordered  # "and the other ones?": each of them
    named = _named_among(ordered, u)
    if named is not None and u.slots.colors:  # "is the black equinox awd": the black one, else none of those shown
        coloured = [v for v in named if _colour_matches(v.exterior_color, u.slots.colors)]
        if not coloured:
            before = [v for v in _named_among(list(seen), u) or [] if _colour_matches(v.exterior_color, u.slots.colors)]
            return before if len(before) == 1 else []  # the one of a page before, else a search
        named = coloured
    if named is not None:
        if not named:
            return []
        ordered = named
        if len(named) == 1 or not (_compares(text) or u.slots.colors):
            return named  # "the calligraphy": those of the list that are
    unlisted = _UNLISTED.search(text)  # "the one with no miles listed": the unit whose listing lacks the figure
    if unlisted:
        miles = (unlisted.group("what") or unlisted.group("what2")).lower().startswith("mile")

        def lacks(v: VehicleView) -> bool:
            return (v.mileage if miles else v.price_cents) is None

        lacking = [v for v in ordered if lacks(v)] or [v for v in seen if lacks(v)]  # else of a page before
        if len(lacking) == 1:
            return lacking
    ordinal = _ORDINAL.search(text)
    if ordinal:
        position = _ORDINALS[ordinal.group(1).lower()] if ordinal.group(1) else int(ordinal.group(2)) - 1
        if -len(ordered) <= position < len(ordered):
            return [ordered[position]]
        return []
    if _THE_FUEL.search(text) and u.slots.fuel_types and not _by_fuel(u, ordered):
        # "ok going back to the hybrid, what was the price again" when the list shown has none: the one seen before
        before_runs = _by_fuel(u, [], [*seen, *(v for v in earlier if v not in seen)])
        if len(before_runs) == 1:
            return before_runs
    # "is it awd?", "are they automatic?": answered of each; "the white one, awd?": of the white one
    described = u.slots.colors or _THE_FUEL.search(text)
    if (_YES_NO.search(text) or (described and _THE_X_ONE.search(text))) and _asks_attribute(u):
        if u.slots.colors:  # "is the grey one awd?": the colour picks, the drivetrain is the question
            coloured = [v for v in ordered if _colour_matches(v.exterior_color, u.slots.colors)]
            before = [v for v in seen if _colour_matches(v.exterior_color, u.slots.colors)]
            # else of a list before: the one, or the two of that colour ("is the blue one awd": each answered)
            return coloured[:1] or (before if 1 <= len(before) <= 2 else [])
        if _THE_FUEL.search(text) and u.slots.fuel_types:  # "is the hybrid awd?": the hybrid picks, of a list before
            runs = _by_fuel(u, ordered, [*seen, *(v for v in earlier if v not in seen)])  # or a car discussed before
            focus = next((v for v in runs if v.id == state.focus), None)
            return [focus] if focus is not None else runs[:1]
        focus = next((v for v in ordered if v.id == state.focus), None)
        return [focus] if focus is not None and not _ALL_OF_THEM.search(text) else ordered
    focus_car = next((v for v in ordered if v.id == state.focus), None)
    if focus_car is not None and u.primary == "vehicle_facts" and _IT.search(text) and not u.slots.colors:
        return [focus_car]  # "electric range on it": the car under discussion, the fuel word is part of the question
    # "the 2025 - awd?": the year picks the car, the drivetrain is what is asked of it
    asked = replace(u.slots, drivetrains=[], fuel_types=[], transmissions=[])
    # "the cheaper of those two, is it awd": the pointer picks the car, "is it awd" is asked of it
    # "the cheaper one has awd right": a comparison picks the car, the drivetrain is asked of it too
    # ("the cheapest awd one": the AWD ones compared, the word inside the pointer)
    compares = _compares(text)
    asks_of_it = ASKED_OF_IT.search(text) or (compares and not _KIND_IN_POINTER.search(text))
    candidates = _within(ordered, replace(u, slots=asked) if asks_of_it else u)
    before = [*seen, *(v for v in earlier if v not in seen)]  # the lists before, and the cars discussed before them
    from_before = _within(before, replace(u, slots=asked) if u.is_question else u) if candidates is None else None
    if from_before and (len(from_before) == 1 or (u.is_question and len(from_before) == 2)):
        return from_before  # one car, or two asked about ("the 2025s - awd?": each answered)
    if candidates is None and compares:
        # "the cheaper gray one" when none shown is grey: of the cars discussed that are, else of every car seen
        discussed = [v for v in dict.fromkeys([*ordered, *earlier, *seen]) if v.id in state.discussed]
        candidates = _within(discussed, u) or _within(before, u)
    if candidates is None and _THE_X_ONE.search(text) and not _YES_NO.search(text):
        return []  # "the hybrid one, what color" when none shown is a hybrid: a search for it, not a list's answer
    if candidates is None:  # none fits what the question names: each one's answer says how it is listed
        return ordered if _asks_attribute(u) and not u.slots.colors and not _THE_FUEL.search(text) else []
    focus_among = next((v for v in candidates if v.id == state.focus), None)
    one = u.slots.colors and not _compares(text) and not _SEVERAL.search(text)
    if focus_among is not None and len(candidates) > 1 and one:
        return [focus_among]  # "the blue one" when the car under discussion is blue: that car
    if _CHEAPER.search(text):
        priced = [v for v in candidates if v.price_cents is not None]
        return [min(priced, key=lambda v: v.price_cents or 0)] if priced else []
    if _PRICIER.search(text):
        priced = [v for v in candidates if v.price_cents is not None]
        return [max(priced, key=lambda v: v.price_cents or 0)] if priced else []
    if _NEWER.search(text):
        return [max(candidates, key=lambda v: (v.year, -(v.mileage or 0)))]
    if _FEWER_MILES.search(text):
        return [min(candidates, key=lambda v: v.mileage if v.mileage is not None else 10**9)]
    if len(candidates) < len(ordered) or _OTHERS.search(text):
        return candidates  # the message's own criteria picked them, or "the others" are all of them
    if _ALL_OF_THEM.search(text) and len(ordered) > 1:
        return ordered
    focus = next((v for v in ordered if v.id == state.focus), None)
    if focus is None and _IT.search(text):  # "is it still available" after the colours of the car chosen: that car
        focus = next((v for v in earlier if v.id == state.focus), None)
    if focus is not None:
        return [focus]
    if len(ordered) > 1 and (
        _ATTRIBUTE_ONLY.search(text) or u.primary in ("test_drive", "price", "vehicle_facts")
    ):  # "how many miles?" of a list: answered of each
        return ordered
    return [ordered[0]] if len(ordered) == 1 else []


def _compares(text: str) -> bool:
    """Does the message pick a car by a comparison ("the cheaper one", "the newest", "fewest miles")?"""
    return any(p.search(text) for p in (_CHEAPER, _PRICIER, _NEWER, _FEWER_MILES))


# "the cheapest awd one", "the newer 4x4 one": a kind inside the pointer, which it compares within
_KIND_IN_POINTER = re.compile(
    r"\b(?:cheap|cheaper|cheapest|pricier|newer|newest|lowest|least expensive|most expensive)\s+(?!one\b)\w+"
    r"(?:\s+(?!one\b)\w+)?\s+ones?\b",
    re.IGNORECASE,
)
# "the cheaper of those two, is it awd": a question asked of the car a pointer picked
ASKED_OF_IT = re.compile(r"\b(?:is|does|has)\s+(?:it|that|that one|she)\b", re.IGNORECASE)
# "the cheaper of those two", "which of those 2": the two cars under discussion
_THOSE_TWO = re.compile(
    r"\b(?:those|these|them|the) (?:two|2)\b|\b(?:las|los|esas|esos|estas|estos) (?:dos|2)\b", re.IGNORECASE
)
_SEVERAL = re.compile(r"\b(?:ones|they|them|both|those|these|all)\b", re.IGNORECASE)
_YES_NO = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|y|pues|entonces)\s+){0,2}"
    r"(?:is|are|does|do|has|have|can|will|tiene|tienen|es|son|trae|traen)\b",
    re.IGNORECASE,
)


_CONDITION_ASKED = re.compile(
    r"\b(?:is|are)\s+(?:it|they|that|this|that one|this one|these|those)\s+(?:brand\s+)?"
    r"(?:new|used|pre-?owned|certified)\b"
    r"|\bnew or used\b|\bused or new\b|\bes nuev[oa] o usad[oa]\b|\b(?:es|son)\s+(?:nuev[oa]s?|usad[oa]s?)\b",
    re.IGNORECASE,
)


# "which is cheaper", "whats cheaper the tucson or the santa fe", "which one has less miles", "is the ioniq 5 newer
# than the 6": a question of which car wins, not a reference to "the cheaper one"
_WHICH = re.compile(
    r"^\W*(?:ok(?:ay)?\W+|and\W+|so\W+|y\W+|what about the \w+(?: \w+)?\W+)?"
    r"(?:which|what'?s|whats|what is|cu[aá]l|qu[eé])\b"
    r"|\bwhich (?:one|of them|of the two|is|has)\b|\bor the\b.*\?|\b(?:than|que) (?:the|el|la)\b"
    r"|\bcu[aá]l (?:es|tiene|de (?:los|las) dos|sale)\b",
    re.IGNORECASE,
)
_THE_WINNER = re.compile(r"\b(?:the|that|el|la) (?:\w+ )?(?:one|uno|una)\b", re.IGNORECASE)
_MORE_MILES = re.compile(r"\b(?:more|most) (?:miles|mileage)\b|\bm[aá]s millas\b", re.IGNORECASE)


@dataclass
class Comparison:
    """Cars compared on one measure, the winner first."""

    vehicles: list[VehicleView]
    measure: str  # "cheaper", "pricier", "newer", "fewer_miles"


def comparison(u: Understanding, state: DialogueState, shown: Sequence[VehicleView]) -> Comparison | None:
    """A question of which car wins on price, year or miles: among the cars it names ("the ioniq 5 or the ioniq 6
    which is cheaper"), the car it names and the one under discussion ("what about the silverado, which is newer"),
    the last two discussed ("which has less miles"), or those shown ("which of those is newest"). None when the
    message asks no such question or there are not two cars to compare."""
    text = u.text
    # "why is it so cheap compared to the others": why, of the car meant (the others are what it is set against)
    why_first = bool(_WHY_PRICE.search(text)) and bool(re.search(r"\bcompared (?:to|with)\b", text, re.I))
    gap = bool(_PRICE_GAP.search(text)) and not why_first  # "how much more is the black one"
    side = side_by_side(u) and not why_first and not gap
    chosen = bool(_PICK_FOR_ME.search(text)) and not side and not gap
    why = bool(_WHY_PRICE.search(text)) and not side and not chosen and not gap
    same = bool(_SAME_PRICE_AS.search(text)) and not (side or chosen or why or gap)  # "same price as the genesis?"
    # "is the grey one cheaper than the brown one": which wins, of the two it names
    than = bool(_THAN.search(text)) and len(u.slots.colors) > 1 and not (side or chosen or why or gap or same)
    if not (side or chosen or why or gap or same or than) and (
        not _WHICH.search(text) or _THE_WINNER.search(text)
    ):  # "the cheaper one"
        return None
    asked = ((gap, "price_gap"), (side, "side_by_side"), (chosen, "pick"), (why, "why_price"), (same, "cheaper"))
    measure = next((name for flag, name in asked if flag), None) or _measure(text)
    if measure is None:
        return None
    refused = set(state.criteria.get("exclude_ids") or ())
    listed = state.shown or ([state.focus] if state.focus is not None else [])
    ordered = sorted(
        (v for v in shown if v.id not in refused and v.id in listed),  # ``shown`` has the cars discussed too
        key=lambda v: listed.index(v.id),
    )
    by_id = {v.id: v for v in shown}
    if side and u.slots.colors and not any(_colour_matches(v.exterior_color, u.slots.colors) for v in shown):
        return None  # "how's it compare to the green one?" when no car seen is green: the green one is searched for
    named = _named_among(ordered, u)
    if named is None and names_by_fuel(u):  # "why is the hybrid not priced": the hybrid seen, of a list before too
        named = _by_fuel(u, ordered) or _by_fuel(u, shown)[:1]
    if named == [] and not any(_of_named_model(v, u.slots) for v in shown):
        return None  # "how's the jetta compare" after two Altimas: the Jetta is searched for, then set beside them
    two = re.search(r"\b(?:the|both|those|these) (?:two )?([a-z][a-z0-9-]{2,})s\b", text, re.IGNORECASE)
    if side and not named and two and two.group(1).lower() not in ("one", "car", "truck", "suv", "vehicle"):
        # "the difference between the two calligraphys": the two whose title has the word, else no guess
        named = [v for v in ordered if _title_has(v, [two.group(1).lower()])]
        if len(named) < 2:
            return None
    if named is None and u.slots.trims and measure not in ("why_price", "side_by_side", "pick"):
        # "whats the cheapest calligraphy" after SELs and Limiteds: of two Calligraphys seen, else searched
        named = [v for v in ordered if any(trim_matches(v.trim, t) for t in u.slots.trims)]
        if len(named) < 2:
            return None
    top = _top_two(text, ordered)
    if side and top:  # "the two most expensive, what's the difference"
        named = top
    if gap and named is None and u.slots.colors:  # "how much more is the black one": the one of that colour seen
        coloured = [v for v in ordered if _colour_matches(v.exterior_color, u.slots.colors)]
        named = coloured if len(coloured) == 1 else None
    if gap and (each_year := _one_of_each_year(text, ordered)):  # "the difference between the 2024 and 2025"
        named = each_year
    if side and len(u.slots.colors) == 1:  # "are the red and burgundy the same car": the two of that family, if two
        family = [v for v in ordered if color_matches(v.exterior_color, u.slots.colors[0])]
        named = family if len(family) == 2 else named
    if (side or than) and len(u.slots.colors) > 1:  # "the difference between the white one and the grey one"
        named = [v for c in u.slots.colors for v in ordered if _colour_matches(v.exterior_color, [c])][:1] + [
            v for c in u.slots.colors[1:] for v in ordered if _colour_matches(v.exterior_color, [c])
        ][:1]
    if measure == "why_price":  # "why so cheap": the car meant; "why is it cheaper": the two under discussion
        pair = [by_id[i] for i in state.discussed if i in by_id and i not in refused]
        comparative = re.search(
            r"\b(?:cheaper|less|more|pricier|difference|different(?:ly)?|menos|m[aá]s|diferente)\b", text, re.IGNORECASE
        )
        years = [v for v in ordered if re.search(rf"\b{v.year}\b", text)]  # "why is the 2020 ... the 2021"
        coloured = [v for v in ordered if u.slots.colors and _colour_matches(v.exterior_color, u.slots.colors)]
        both = len(coloured) == 2 and bool(re.search(r"\b(?:two|2|both)\b", text, re.IGNORECASE))  # "the 2 blue ones"
        by_colour = not named and (len(coloured) == 1 or both)
        if by_colour:  # "the grey one, why is it almost the same price as the 2021": the grey one, and the 2021
            named = [*coloured, *(v for v in years if v.id != coloured[0].id)][:2]
            comparative = comparative or (re.search(r"\bsame\b", text, re.IGNORECASE) if len(named) == 2 else None)
        by_years = (not named and len({v.year for v in years}) >= 2) or (by_colour and len(named or []) == 2)
        if by_years and not by_colour:
            named = [next(v for v in years if v.year == y) for y in dict.fromkeys(v.year for v in years)][:2]
            comparative = comparative or re.search(r"\bsame\b", text, re.IGNORECASE)
        meant = next((v for v in named if v.price_cents), named[0]) if named else None
        partner = [v for v in [*pair, *ordered] if meant is not None and v.model != meant.model][:1]
        field_ = (
            named[:2]
            if by_years and named and comparative
            else [meant, *partner]
            if meant is not None and comparative and partner  # "why is the palisade more": than the Santa Fe
            else _with_pricier_twin(meant, ordered)
            if meant is not None and comparative
            else named[:1]
            if named
            else pair
            if comparative and len(pair) == 2
            else ordered
            if comparative and len(ordered) == 2  # "why are they priced different": the two shown
            else [by_id[state.focus]]
            if state.focus in by_id
            else ordered[:1]
        )
    elif named and len(named) == 1 and state.focus in by_id and named[0].id != state.focus:
        field_ = [by_id[state.focus], named[0]]
    elif named and len(named) > 1:
        field_ = named
    elif (
        _THOSE_TWO.search(text)
        and len(ordered) != 2
        and len(state.discussed) == 2
        and all(i in by_id for i in state.discussed)
    ):  # "which of those two is cheaper" after two of a longer list were discussed: those two
        field_ = [by_id[i] for i in state.discussed]
    elif _AMONG_SHOWN.search(text) or (_ALL_OF_THEM.search(text) and not re.search(r"\bthe two\b", text, re.I)):
        field_ = ordered
    elif measure == "pick" and len(ordered) < 2:  # "which would you pick": of the cars seen lately
        field_ = [by_id[i] for i in reversed(state.seen) if i in by_id and i not in refused][:4]
    elif len(state.discussed) == 2 and all(i in by_id for i in state.discussed):
        field_ = [by_id[i] for i in state.discussed]
    else:
        field_ = ordered
    return _ranked(field_, measure)


_THAN = re.compile(
    r"\b(?:cheaper|pricier|more expensive|less expensive|newer|older|fewer miles|less miles|more miles|lower miles)"
    r"\s+than\b|\bm[aá]s (?:barat[oa]|car[oa]|nuev[oa])\s+que\b",
    re.IGNORECASE,
)
# "same price as the genesis right", "are they the same price": which is cheaper, or a tie, of the two
_SAME_PRICE_AS = re.compile(
    r"\bsame price as\b|\b(?:is it|are they|they'?re|theyre|are both)\b[^.?!]{0,20}\bsame price\b"
    r"|\bmismo precio que\b",
    re.IGNORECASE,
)
# "the two most expensive", "the 2 cheapest ones", "las dos más baratas": two of the list, ranked
_TOP_TWO = re.compile(
    r"\b(?:the|los|las)\s+(?:two|2|dos)\s+(?:(?:most|m[aá]s)\s+)?(?:expensive|priciest|pricier|car[oa]s|cheapest"
    r"|least expensive|barat[oa]s|newest|nuev[oa]s|lowest[- ]mile(?:age|s)?|fewest miles)\b",
    re.IGNORECASE,
)


def _one_of_each_year(text: str, ordered: Sequence[VehicleView]) -> list[VehicleView] | None:
    """Of the cars seen, a priced one of each of the two model years a message names, the second of the same trim
    as the first where one is; None unless it names two years that both have one."""
    years = list(dict.fromkeys(int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)))
    priced = [v for v in ordered if v.price_cents is not None]
    first = next((v for v in priced if len(years) == 2 and v.year == years[0]), None)
    later = [v for v in priced if len(years) == 2 and v.year == years[1]]
    if first is None or not later:
        return None
    return [first, next((v for v in later if (v.model, v.trim) == (first.model, first.trim)), later[0])]


def _top_two(text: str, ordered: Sequence[VehicleView]) -> list[VehicleView]:
    """The two cars of ``ordered`` that "the two most expensive" / "the two cheapest" name; empty when it does not."""
    said = _TOP_TWO.search(text)
    measure = _measure(said.group(0)) if said else None
    if said and not measure and re.search(r"expensive|priciest|car[oa]s", said.group(0), re.I):
        measure = "pricier"
    if not measure or len(ordered) < 2:
        return []
    ranked = _ranked(ordered, measure)
    return ranked.vehicles[:2] if ranked else []


# "how much more is the black one", "how much cheaper is the 6", "whats the price diff", "cuánto más cuesta"
_PRICE_GAP = re.compile(
    r"\bhow much (?:more|less|cheaper|pricier|extra|higher|lower|over|under)\b(?! (?:miles|room|space|range|power))"
    r"|\b(?:price|cost) (?:diff|difference|gap)\b|\bdifference in (?:price|cost)\b"
    r"|\bcu[aá]nto m[aá]s (?:cuesta|caro|sale)\b|\bcu[aá]nto m[aá]s barat[oa]\b|\bdiferencia (?:de|en) precio\b",
    re.IGNORECASE,
)


# "is the 2022 limited cheaper or more", "is the 2025 sel cheaper?": of a car named, against the one discussed
_CHEAPER_ASKED = re.compile(
    r"\b(?:is|are|was|it'?s|its)\b[^.?!]{0,40}\b(?:cheaper|pricier|more expensive|less expensive|less|more)"
    r"(?: or (?:more|less|cheaper|pricier))?\s*(?:[?.!]|$)|\bby how much\b|\bcheaper or (?:more|pricier)\b"
    r"|\bes m[aá]s (?:barat[oa]|car[oa])\b",
    re.IGNORECASE,
)


def price_gap(u: Understanding, car: VehicleView, other: VehicleView | None) -> Comparison | None:
    """ "How much more is the black one?", "is the 2025 sel cheaper?" of the car pointed at, against the one under
    discussion (``other``): the two, the pricier first; None when the message asks no such thing or a price is
    missing."""
    if other is None or other.id == car.id or not (_PRICE_GAP.search(u.text) or _CHEAPER_ASKED.search(u.text)):
        return None
    return _ranked([car, other], "price_gap")


def _measure(text: str) -> str | None:
    return next(
        (name for name, pattern in (
            ("better_mpg", _EASIER_ON_GAS), ("cheaper", _CHEAPER), ("pricier", _PRICIER), ("newer", _NEWER),
            ("fewer_miles", _FEWER_MILES), ("more_miles", _MORE_MILES),
        ) if pattern.search(text)),
        None,
    )  # fmt: skip


# "which is better on gas", "which gets better mpg", "cual gasta menos": the rated fuel economy of each
_EASIER_ON_GAS = re.compile(
    r"\b(?:better|easier|more efficient) (?:on gas|on fuel|gas mileage|mpg|fuel "
    r"economy)\b|\b(?:better|higher) (?:gas mileage|mpg|fuel economy)\b|\b(?:uses?|burns?) less gas\b"
    r"|\bgasta menos\b|\brinde m[aá]s\b",
    re.IGNORECASE,
)


# "why is it so cheap", "the 2025 one is like 7 grand cheaper why", "what's the catch", "por qué está más barata"
_WHY_PRICE = re.compile(
    r"\bwhy\b[^.?!]{0,50}\b(?:cheap|cheaper|less|so low|lower|expensive|more|pricier|so much|priced|price|the "
    r"difference)\b|\b(?:cheap|cheaper|less|more|pricier|expensive|difference)\b[^.?!]{0,25}\bwhy\b"
    r"|\bwhy\b[^.?!]{0,40}\$?\b\d{2,3}(?:,\d{3}|k)\b"  # "why is the 2020 mustang 34k"
    r"|\bwhat'?s the catch\b|\bwhats the catch\b|\bany catch\b|\bhow come (?:it'?s|its|it is|the)\b[^.?!]{0,30}"
    r"\b(?:cheap|cheaper|less|expensive|more)\b|\bpor\s?qu[eé]\b[^.?!]{0,40}\b(?:barat[oa]|car[oa]|menos|m[aá]s)\b",
    re.IGNORECASE,
)
# "which would you pick", "what would you do", "best bang for the buck", "just pick the best one", "cuál me recomiendas"
_PICK_FOR_ME = re.compile(
    r"\b(?:which|what) (?:one |of (?:them|those|these|the two) )?(?:would|should|do) (?:you|u|i) (?:pick|choose|get|go"
    r" with|recommend|suggest|buy|take)\b|\bwhat would (?:you|u) (?:do|get|pick)\b|\bbest bang for (?:the|your|my|our)"
    r" buck\b|\b(?:which|what)(?: one)?(?:'?s| is) (?:the )?(?:better|best) (?:deal|value|buy)\b|\bjust pick\b"
    r"|\bpick (?:one|the best(?: one)?|for me)\b|\bcu[aá]l (?:me )?recomienda(?:s|rias|r[ií]a)?\b"
    r"|\bcu[aá]l (?:escoger[ií]as?|elegir[ií]as?|comprar[ií]as?|agarrar[ií]as?)\b|\bqu[eé] me recomienda(?:s)?\b",
    re.IGNORECASE,
)


def _value_order(cars: Sequence[VehicleView]) -> list[VehicleView]:
    """Best value first: each car's rank on price (lower), year (newer) and miles (fewer) among ``cars``, summed;
    a car without a listed price comes last (its value cannot be told), ties to the lower price."""
    priced = [v for v in cars if v.price_cents is not None]

    def rank(values: list[float], value: float) -> int:
        return sorted(values).index(value)

    prices = [float(v.price_cents or 0) for v in priced]
    years = [float(-v.year) for v in priced]
    miles = [float(v.mileage if v.mileage is not None else 10**7) for v in priced]
    scored = sorted(
        priced,
        key=lambda v: (
            rank(prices, float(v.price_cents or 0))
            + rank(years, float(-v.year))
            + rank(miles, float(v.mileage if v.mileage is not None else 10**7)),
            v.price_cents or 0,
        ),
    )
    return [*scored, *(v for v in cars if v.price_cents is None)]


def _with_pricier_twin(car: VehicleView, shown: Sequence[VehicleView]) -> list[VehicleView]:
    """ "The 2025 one is 7 grand cheaper, why?": the car and the next pricier one of its model among those shown."""
    pricier = sorted(
        (v for v in shown if v.model == car.model and v.id != car.id and (v.price_cents or 0) > (car.price_cents or 0)),
        key=lambda v: v.price_cents or 0,
    )
    return [car, pricier[0]] if pricier and car.price_cents else [car]


def _ranked(cars: Sequence[VehicleView], measure: str) -> Comparison | None:
    field_ = list(cars)
    if measure == "why_price" and field_:  # "why is it so cheap": the car, else the cheaper of two first
        return Comparison(sorted(field_[:2], key=lambda v: v.price_cents or 10**12), measure)
    if len(field_) < 2:
        return None
    if measure == "pick":  # "which would you pick": the best value of them, with what makes it so
        return Comparison(_value_order(field_), measure)
    if measure == "side_by_side":  # "compare the f150 and the titan": the two, as named
        return Comparison(field_[:2], measure)
    if measure == "better_mpg":  # "charger or the malibu, which is better on gas": one of each model named
        models = list({v.model: v for v in reversed(field_)}.values())[::-1]
        return Comparison(models[:2], measure) if len(models) >= 2 else None
    if measure == "price_gap":  # "how much more is the black one": the two priced, the pricier first
        if len(field_) != 2 or any(v.price_cents is None for v in field_):
            return None  # of five shown, which two is not said; an unpriced car has no gap
        return Comparison(sorted(field_, key=lambda v: -(v.price_cents or 0)), measure)
    if measure in ("cheaper", "pricier"):  # the unpriced last: "the SEL has no price listed yet"
        priced = [v for v in field_ if v.price_cents is not None]
        priced.sort(key=lambda v: v.price_cents or 0, reverse=measure == "pricier")
        ranked = [*priced, *(v for v in field_ if v.price_cents is None)]
    elif measure == "newer":
        ranked = sorted(field_, key=lambda v: (-v.year, v.mileage or 0))
    else:  # the unlisted last: a unit whose listing has no mileage is neither the lowest nor the highest
        known = sorted(
            (v for v in field_ if v.mileage is not None), key=lambda v: v.mileage or 0, reverse=measure == "more_miles"
        )
        ranked = [*known, *(v for v in field_ if v.mileage is None)]
    return Comparison(ranked, measure)


# "are the red and burgundy the same car listed twice": two units, or one shown twice? (said side by side)
SAME_CAR = re.compile(
    r"\blisted twice\b|\bsame (?:car|truck|suv|vehicle|van)\b|\bduplicate (?:listing|ad)s?\b"
    r"|\bel mismo (?:carro|auto|coche|veh[ií]culo)\b",
    re.IGNORECASE,
)
_SIDE_BY_SIDE = re.compile(
    r"\bcompare\b|\bcompared (?:to|with)\b|\bstack up\b|\bcomparison\b|\bvs\.?\b|\bversus\b"
    r"|\b(?:differences?|diff) between\b|\bwhat(?:'?s| is) the (?:difference|diff)\b"
    r"|\bhow do (?:they|those|these|the two|both) compare\b|\bcompar(?:a|ar|en|arlas|arlos)\b|\bdiferencias? entre\b"
    r"|\bwhat'?s different\b|\bwhats different\b|\bhow are (?:they|those|these|the two) different\b"
    rf"|\bany difference\b|{SAME_CAR.pattern}",
    re.IGNORECASE,
)


def side_by_side(u: Understanding) -> bool:
    """ "Compare the f150 and the titan", "palisade vs telluride", "the difference between the white one and the grey
    one": two cars side by side on what the listings say (not which wins on price, year or miles, not two trims'
    equipment); also "which is bigger, the X or the Y", which the listings cannot rate (``unrated``)."""
    if _SIDE_BY_SIDE.search(u.text):
        facts = u.primary == "vehicle_facts" and not _THE_PAIR.search(u.text)  # "the two calligraphys": a pair
        plain = _measure(u.text) is None and len(u.slots.trims) < 2 and not facts
        return plain or len(u.slots.colors) > 1 or _TOP_TWO.search(u.text) is not None
    return unrated(u) is not None


_UNRATED = re.compile(
    r"\b(?:better on gas|better (?:gas )?mileage|better mpg|more (?:fuel[\s-])?efficient|bigger|roomier|more room"
    r"|larger|safer|more reliable|faster|quicker|quieter|more comfortable|better"
    r"|tows? (?:the )?(?:most|more)|(?:more|most|better (?:at|for)) towing|pulls? (?:the )?(?:most|more))\b",
    re.IGNORECASE,
)


def unrated(u: Understanding) -> str | None:
    """ "Is the tucson hybrid or the santa fe hybrid better on gas", "which is bigger": the measure asked that the
    listings do not rate (None when the message asks no such thing of two cars)."""
    found = _UNRATED.search(u.text)
    two = bool(_WHICH.search(u.text)) or len(_subjects(u)) > 1
    if not (found and two and _measure(u.text) is None):
        return None
    said = found.group().lower()
    return "better for towing" if "tow" in said or "pull" in said else said


def _subjects(u: Understanding) -> list[str]:
    """The models a message names, and the makes it names without a model of theirs ("the audi q5 and the lexus")."""
    return [*u.slots.models, *u.slots.lone_makes]


def asks_better_mpg(u: Understanding) -> bool:
    """ "Which is better on gas": a question of the cars' ratings, not a wish for a fuel-efficient car."""
    return bool(_EASIER_ON_GAS.search(u.text))


def models_compared(u: Understanding) -> bool:
    """ "Whats cheaper, the tucson or the santa fe", "compare the f150 and the titan": two models (or makes), each by
    its cheapest unit."""
    if len(_subjects(u)) < 2:
        return False
    if asks_better_mpg(u):  # "is the tucson hybrid or the santa fe hybrid better on gas"
        return True
    return side_by_side(u) or (bool(_WHICH.search(u.text)) and _measure(u.text) in ("cheaper", "pricier"))


_HOW_COMPARES = re.compile(r"\bhow(?:'?s| is| does| do| would)\b[^.?!]{0,30}\b(?:compare|stack up)\b", re.I)
_LEADING_VS = re.compile(r"^\W*(?:and\s+|ok\s+|so\s+)?(?:vs\.?|versus|compared (?:to|with)|against)\s", re.I)


def against_the_one_seen(
    u: Understanding, focus: VehicleView | None, found: Sequence[VehicleView]
) -> Comparison | None:
    """ "How does it compare to the 2023 palisade sel": the car under discussion beside the first unit found of the
    one named (None when nothing named was found: the answer says so and offers the closest)."""
    # "vs the ioniq 5 u have", "how's the jetta compare on gas": against the one seen
    pointed = _POINTER.search(u.text) or _LEADING_VS.search(u.text) or _HOW_COMPARES.search(u.text)
    # one model named ("the ioniq 5"), or one described ("the green one")
    described = len(_subjects(u)) == 1 or (not _subjects(u) and bool(u.slots.colors or u.slots.trims))
    if focus is None or not side_by_side(u) or not pointed or not described:
        return None
    other = next((v for v in found if v.exact and v.id != focus.id), None)
    return Comparison([focus, other], "side_by_side") if other is not None else None


def model_comparison(u: Understanding, found: Sequence[VehicleView]) -> Comparison | None:
    """The cheapest unit of each model the message compares (``models_compared``), the winner first."""
    measure = "side_by_side" if side_by_side(u) else _measure(u.text)
    if not models_compared(u) or measure is None:
        return None
    each = [
        next(
            (v for v in found if v.exact and (v.model.lower().startswith(m.lower()) or v.make.lower() == m.lower())),
            None,
        )
        for m in _subjects(u)
    ]
    ranked = _ranked([v for v in each if v is not None], measure)
    if ranked is not None and measure in ("side_by_side", "better_mpg"):
        return ranked
    return replace(ranked, measure=f"{measure}_models") if ranked is not None and len(ranked.vehicles) == 2 else ranked


def asks_condition(text: str) -> bool:
    """ "Is it new?", "new or used?": a question about the unit's condition, not a wish for a new one."""
    return bool(_CONDITION_ASKED.search(text))


def asks_about_a_car(u: Understanding) -> bool:
    """A question about a car's figures or equipment ("de que color es?", "y cuantas millas", "is it awd"), whatever
    intent it scored."""
    return bool(_ATTRIBUTE_ONLY.search(u.text)) or _asks_attribute(u)


def _asks_attribute(u: Understanding) -> bool:
    s = u.slots
    wanted = s.drivetrains or s.transmissions or s.fuel_types or s.features or s.condition or s.body_styles
    return u.is_question and bool(wanted or asks_condition(u.text))


_WHAT_ABOUT = re.compile(r"^\W*(?:and|what about|how about|y|also|plus)\b", re.IGNORECASE)
_ONE_WORDS = frozenset({"one", "ones", "uno", "una", "unos", "unas"})


def _names_another(u: Understanding, cars: Sequence[VehicleView]) -> bool:
    """Does the message name a model year or a trim that none of ``cars`` has ("and the 2022 SEL?")?"""
    s = u.slots
    year = _one_year(s)
    if year is not None and not any(v.year == year for v in cars):
        return True
    return bool(s.trims) and not any(trim_matches(v.trim, t) for v in cars for t in s.trims)


def _named_among(shown: list[VehicleView], u: Understanding) -> list[VehicleView] | None:
    """The shown units a message names by make or model ("the ford"), or by a word of their title ("the EX one", "the
    2025", "the hybrid one"); None when it names none that way, empty when what it names is none of them."""
    s = u.slots
    if s.makes or s.models:  # "the 2023 palisade sel": of that year and trim too, when said
        return [v for v in shown if _of_named_model(v, s) and _fits_named(v, s)]
    m = _THE_X_ONE.search(u.text)
    if not m or s.colors:  # a colour is compared by family ("grey" is "Gray"): ``_within``
        return None
    said = [w for w in (m.group(1) or m.group(2) or m.group(3)).lower().split() if w not in _ONE_WORDS]
    if not said:
        return None
    if said[-1] in (
        "same",
        "other",
        "first",
        "second",
        "third",
        "last",
        "cheap",
        "cheaper",
        "cheapest",
        "new",
        "newer",
    ):
        return None
    found = [v for v in shown if _title_has(v, said)]
    return found if found else None


def _title_has(v: VehicleView, words: list[str]) -> bool:
    """Are these words ("ex", "2025", "hybrid", "white") consecutive words of the unit's title or colour?"""
    have = re.findall(r"[a-z0-9]+", f"{v.year} {v.make} {v.model} {v.trim or ''} {v.exterior_color or ''}".lower())
    want = [w for word in words for w in re.findall(r"[a-z0-9]+", word)]
    n = len(want)
    if n > 1 and set(want) <= set(have):  # "the 2024 sel": its year and its trim
        return True
    return bool(n) and any(have[i : i + n] == want for i in range(len(have) - n + 1))


def _within(shown: list[VehicleView], u: Understanding) -> list[VehicleView] | None:
    """The shown vehicles that fit what the message itself says (colour, drivetrain, trim, budget): "the cheapest
    AWD one" compares the AWD ones. None when the message says something none of them fits."""
    s = u.slots
    budget = s.budget_max_cents

    def fits(v: VehicleView) -> bool:
        if s.colors and not _colour_matches(v.exterior_color, s.colors):
            return False
        if s.drivetrains and not any(drivetrain_matches(v.drivetrain, d) for d in s.drivetrains):
            return False
        if s.trims and not any(t.lower() in (v.trim or "").lower() for t in s.trims):
            return False
        if s.transmissions and not any(gearbox_fits(v, t) for t in s.transmissions):
            return False
        if s.fuel_types and not _runs_on(v, s.fuel_types):
            return False
        if (s.year_min and v.year < s.year_min) or (s.year_max and v.year > s.year_max):
            return False  # "the brown 2021": the 2021 of the brown ones
        return not budget or (v.price_cents is not None and v.price_cents <= budget)

    years = s.year_min or s.year_max
    asked = bool(s.colors or s.drivetrains or s.trims or s.transmissions or s.fuel_types or budget or years)
    fitting = [v for v in shown if fits(v)]
    return fitting if fitting or not asked else None


def _by_fuel(u: Understanding, cars: Sequence[VehicleView], before: Sequence[VehicleView] = ()) -> list[VehicleView]:
    """The cars that run on the fuel the message names ("the hybrid"), else those of ``before`` that do."""
    fuels = _pointed_fuels(u)
    return [v for v in cars if _runs_on(v, fuels)] or [v for v in before if _runs_on(v, fuels)]


def _pointed_fuels(u: Understanding) -> list[str]:
    """The fuel of the pointer ("back to the hybrid ... ur site says gasoline": the hybrid, not the gasoline one)."""
    pointer = _THE_FUEL.search(u.text)
    if pointer is None:
        return u.slots.fuel_types
    said = pointer.group().lower()
    key = (
        "electric"
        if re.search(r"electric|el[eé]ctric|\bev\b", said)
        else "plug"
        if re.search(r"plug|phev", said)
        else "diesel"
        if "diesel" in said
        else "hybrid"
    )
    return [f for f in u.slots.fuel_types if key in f.lower()] or u.slots.fuel_types


def _runs_on(v: VehicleView, fuels: Sequence[str]) -> bool:
    """Does the unit run on one of these fuels, by its name first ("Optima Hybrid" listed as Gasoline is a hybrid)?"""
    actual = vehicle_fuel(v.fuel_type, v.model, v.trim)
    return any(fuel_matches(actual, f) for f in fuels)


def _colour_matches(colour: str | None, wanted: Sequence[str]) -> bool:
    have = (colour or "").lower()
    return any(
        w.lower() in have or (w.lower() in ("grey", "gray") and ("grey" in have or "gray" in have)) for w in wanted
    )


def search_criteria(terms: dict[str, Any], state: DialogueState) -> dict[str, Any]:
    """This message's search terms (``compose.reply.search_terms``) merged with what was gathered before: a
    message that names a new make, model, body type, stock number or VIN starts a new search (the budget, year
    and mileage limits carry over); otherwise it narrows the one under way ("under 45k", "only AWD")."""
    forget = set(terms.get("forget") or ())  # "any color is fine"
    given = {k: v for k, v in terms.items() if v not in (None, [], "") and k not in ("query", "forget")}
    if forget:
        state = replace(state, criteria={k: v for k, v in state.criteria.items() if k not in forget})
    state = replace(state, criteria=turned_down(state.criteria, given))
    given = {k: v for k, v in given.items() if not k.startswith("exclude_")}
    before = state.criteria
    if "third row seating" in (given.get("features") or ()) and before.get("body_styles") == ["Minivan"]:
        # "ok fine a 3 row then" after no minivan was found: the three-row SUVs offered instead
        state = replace(state, criteria={k: v for k, v in before.items() if k != "body_styles"})
    ceiling, raised = before.get("price_max_cents"), given.get("price_max_cents")
    if ceiling and raised and raised > ceiling and not before.get("price_min_cents") and "price_min_cents" in given:
        # "what about a little over, like 26" after "under 25k": the ceiling raised, no floor ("around 26" alone is
        # 23.4-28.6k, which would leave out the cars that fitted before)
        given = {k: v for k, v in given.items() if k != "price_min_cents"}
    for low, high in (("price_min_cents", "price_max_cents"), ("year_min", "year_max")):
        # "no wait, under 30 not 40" after "around 40k": the bound carried that the new one contradicts goes
        if high in given and low not in given and (before.get(low) or 0) > given[high]:
            state = replace(state, criteria={k: v for k, v in state.criteria.items() if k != low})
        if low in given and high not in given and before.get(high) is not None and before[high] < given[low]:
            state = replace(state, criteria={k: v for k, v in state.criteria.items() if k != high})
    if not any(k in given for k in ("stock_number", "vin")):  # a unit named once is no filter for what follows
        state = replace(state, criteria={k: v for k, v in state.criteria.items() if k not in ("stock_number", "vin")})
    if any(k in given for k in SUBJECT_KEYS):
        old = state.criteria
        # the budget, the limits and the kind of car asked for ("awd", "hybrid", "a third row") carry over
        carried = [
            "price_max_cents",
            "price_min_cents",
            "mileage_max",
            "condition",
            "drivetrains",
            "fuel_types",
            "features",
            "transmissions",
            *EXCLUSIONS,
        ]
        if old.get("year_min") != old.get("year_max"):  # "2020 or newer" carries; "a 2023 sportage" was that model's
            carried += ["year_min", "year_max"]
        if "makes" in given and not any(k in given for k in ("models", "body_styles", "stock_number", "vin")):
            carried.append("body_styles")  # "maybe a sedan" then "honda or toyota": Honda or Toyota sedans
        if "body_styles" in given and not any(k in given for k in ("makes", "models")) and not old.get("models"):
            carried.append("makes")  # "bmw audi lexus whatever" then "suv only": their SUVs
        if (
            set(given) <= {"makes", *carried}
            and old.get("models")
            and given.get("makes")
            and set(given["makes"]) <= set(old.get("makes") or ())
        ):
            carried.append("models")  # "ok the kia then, under 36k" after Kia Tellurides: those, not every Kia
        kept = {k: v for k, v in old.items() if k in carried}
        return {**kept, **given}
    models = state.criteria.get("models") or []
    if given.get("fuel_types") and models and all(model_fuel(m) in given["fuel_types"] for m in models):
        # "any cheaper electric" after the Ioniq 5: the kind the model is, so the kind, not that model again
        kind = {k: v for k, v in state.criteria.items() if k not in ("makes", "models", "trims", "colors")}
        return {**kind, **given}
    return {**state.criteria, **given}


_WHOLE_LOT = re.compile(
    r"\b(?:(?:you|u|ya|y'?all) (?:got|have|guys have|carry)|on (?:the|your|ur) lot|in stock|do you have|tienen|hay)\b",
    re.IGNORECASE,
)


def still_about(u: Understanding, car: VehicleView, catalog: Catalog | None = None) -> bool:
    """Is the message still about ``car`` (the one under discussion)? Not when it names another make, model, year,
    trim, stock number or VIN ("what's your best cash price on the titan" after the F-150), also where the slots
    took the name as the customer's own car ("if i trade it in and put cash down on the titan"): a handover note
    that named the wrong car would mislead the customer and the person taking over."""
    s = u.slots
    for mention in find_vehicle_mentions(u.text, catalog):
        model = (mention.model or "").lower()
        if model and not (car.model.lower().startswith(model) or model.startswith(car.model.lower())):
            owned = s.trade_in is not None and (s.trade_in.model or "").lower() == model
            if not owned:
                return False
    if s.stock_number or s.vin:
        return False
    return _of_named_model(car, s) and _fits_named(car, s)


def whole_lot(u: Understanding, criteria: dict[str, Any]) -> dict[str, Any]:
    """ "Cheapest 3 row you got under 30k" while a Palisade SEL is discussed: the cheapest of that kind on the whole
    lot, not of the model under discussion (which ``search_criteria`` would keep, as no new model is named)."""
    s = u.slots
    kind = s.features or s.body_styles or s.fuel_types or s.drivetrains
    if not (superlative(u) and kind and _WHOLE_LOT.search(u.text)) or s.makes or s.models:
        return criteria
    return {k: v for k, v in criteria.items() if k not in ("makes", "models", "trims", "year_min", "year_max")}


EXCLUSIONS = (
    "exclude_ids",
    "exclude_models",
    "exclude_makes",
    "exclude_colors",
    "exclude_fuels",
    "exclude_body_styles",
)  # what the customer turned down, kept to the end


def turned_down(criteria: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The criteria with what a message turns down ("not red", "not the palisade", that unit) added to what was
    turned down before and taken out of what is wished for; what it names again ("ok show me the palisades") is
    wished for again."""
    out = dict(criteria)
    for key, wished in (
        ("exclude_colors", "colors"),
        ("exclude_models", "models"),
        ("exclude_makes", "makes"),
        ("exclude_fuels", "fuel_types"),
        ("exclude_body_styles", "body_styles"),
        ("exclude_ids", None),
    ):
        refused = [
            x for x in [*out.get(key, []), *given.get(key, [])] if wished is None or x not in given.get(wished, [])
        ]
        refused = list(dict.fromkeys(refused))
        if wished and given.get(key):
            lowered = {str(x).lower() for x in given[key]}
            kept = [x for x in out.get(wished, []) if not any(str(x).lower().startswith(r) for r in lowered)]
            if kept != out.get(wished, []):
                out[wished] = kept
                if wished == "models" and not kept:  # "not the palisade": the kind of car it is, not its make
                    out.pop("makes", None)
                    kinds = [b for m in given[key] if (b := model_body(str(m)))][:1]
                    if kinds and not out.get("body_styles"):
                        out["body_styles"] = kinds
        out[key] = refused
    return {k: v for k, v in out.items() if v not in (None, [], "")}


# The customer turns down a car already shown ("not that one", "too many miles on the white one", "no me gusta esa")
_REFUSES = re.compile(
    r"\bnot (?:that |this |these |those |the (?:\w+ ){0,2}?)(?:ones?|cars?|trucks?|suvs?|vans?|colou?rs?)\b"
    r"|\bnot (?:a )?(?:fan|big fan) of (?:that|this|the) (?:colou?r|one)\b"
    r"|\bnot (?:that|this|it)\s*[,.!]"
    r"|^\W*not (?:that|this)\W*$"
    r"|\btoo (?:many miles|much mileage|high (?:of )?(?:a )?(?:price|miles|mileage)|expensive|pricey|much|old|high)\b"
    r"|\bout of my (?:price range|budget|range)\b|\bmore than i (?:want|wanna|can) (?:to )?(?:spend|pay)\b"
    r"|\b(?:don'?t|dont|do not) (?:like|want|love) (?:that|this|it|the (?:\w+ ){0,2}?(?:one|color|colou?r))\b"
    r"|\b(?:not interested in|pass on|skip) (?:that|this|it|the (?:\w+ ){0,2}?one)\b"
    r"|\bno me gusta(?:n)?\b|\b(?:ese|esa|este|esta) no\b|\bmuy car[oa]s?\b|\b(?:muchas|demasiadas) millas\b"
    r"|\bmuy viej[oa]s?\b"
    r"|\b(?:other than|besides|aside from|apart from|except(?: for)?) (?:that|this|it|the (?:\w+ ){0,2}?one)\b"
    r"|^\W*no\W+(?:otr[oa]|another|a different one|something else)\b",
    re.IGNORECASE,
)
_REFUSED_MILES = re.compile(r"\bmiles\b|\bmileage\b|\bmillas\b", re.IGNORECASE)
_REFUSED_PRICE = re.compile(
    r"\bexpensive\b|\bpricey\b|\btoo much\b|\bprice\b|\bbudget\b|\bspend\b|\bpay\b|\bcar[oa]s?\b", re.I
)
_REFUSED_AGE = re.compile(r"\btoo old\b|\bviej[oa]s?\b", re.IGNORECASE)
_REFUSED_COLOUR = re.compile(r"\bcolou?r\b|\bcolor\b", re.IGNORECASE)


@dataclass
class Refusal:
    """A car (or cars) the customer turned down, and what that says about the next search."""

    vehicles: list[VehicleView]
    criteria: dict[str, Any]  # to merge into the conversation's criteria (``turned_down`` for the exclusions)
    order: str  # how the next search ranks: fewer miles after "too many miles"
    others: list[VehicleView] = field(default_factory=list)  # "what about the other 2": the rest of those shown


def refuses(u: Understanding) -> bool:
    """Does the message turn a car down ("not that one", "too many miles")? (``refusal`` says which, and what
    follows.) "Tiene muchas millas?" asks; "muchas millas, otra" turns it down."""
    return _refusing(u) is not None


def _refusing(u: Understanding) -> re.Match[str] | None:
    found = _REFUSES.search(u.text)
    return None if found is None or (u.is_question and found.group().lower().startswith("muchas")) else found


_LIMIT_WORDS = re.compile(
    r"\b(?:under|below|less than|fewer than|max(?:imum)?|or less|or under|at most|no more than|up to|within|budget"
    r"|menos de|m[aá]ximo|hasta|presupuesto|over|above|more than|at least|m[aá]s de|nothing|none|only|ning[uú]n[oa]?)\b"
    r"|\d\s*k?\s*\+",  # "nothing with 90k+ miles": a limit
    re.IGNORECASE,
)


def may_quote(u: Understanding) -> bool:
    """Does the message say a mileage or a price with no limit word (``quoted`` then looks at the cars seen)?"""
    return bool(u.slots.mileage_max or u.slots.budget_max_cents) and not _LIMIT_WORDS.search(u.text)


def quoted(u: Understanding, cars: Sequence[VehicleView]) -> tuple[list[VehicleView], Understanding]:
    """ "The one with 2900 miles", "the 2022 EX with 27k miles", "8 mil millas?? es AWD?", "the 16,900 one": a mileage
    or a price said with no limit word that a car seen has (within rounding) points at that car; it is no limit for a
    search. Returns the cars it points at (empty: none) and the understanding without that figure."""
    s = u.slots
    if not cars or not may_quote(u):
        return [], u
    if s.mileage_max:
        said = s.mileage_max
        hits = [v for v in cars if v.mileage and abs(v.mileage - said) <= max(999, v.mileage // 10)]
        slots = replace(s, mileage_max=None)
    else:
        said = s.budget_max_cents or 0
        hits = [v for v in cars if v.price_cents and abs(v.price_cents - said) <= max(50_000, v.price_cents // 50)]
        slots = replace(s, budget_max_cents=None, budget_min_cents=None)
    narrowed = [v for v in hits if _fits_named(v, slots)] or hits
    return (narrowed, replace(u, slots=slots)) if narrowed else ([], u)


_PRICE_ONE = re.compile(r"\bthe \$?\d[\d,.]*\s?k? (?:one|uno|una)\b", re.IGNORECASE)


def priced_pointer(u: Understanding) -> int | None:
    """The price a message points at a car by ("the 23.6k one", "the $21,900 one"), in cents, or None."""
    if not _PRICE_ONE.search(u.text) or not u.slots.budget_max_cents:
        return None
    return u.slots.budget_max_cents


def _one_year(s: Slots) -> int | None:
    """The one model year a message names ("the 2022"), not a range ("2020 or newer")."""
    return s.year_min if s.year_min is not None and s.year_min == s.year_max else None


def _fits_named(v: VehicleView, s: Slots) -> bool:
    """Does ``v`` have the year and trim a message names ("the 2022 EX with 27k miles")?"""
    year = _one_year(s)
    return (year is None or v.year == year) and (not s.trims or any(trim_matches(v.trim, t) for t in s.trims))


def _of_named_model(v: VehicleView, s: Slots) -> bool:
    """Is ``v`` of the makes and models a message names (any, when it names none)? A make named alone beside
    another make's model ("the ram and the silverado") stands for any of its models."""
    if any(m.lower() == v.make.lower() for m in s.lone_makes):
        return True
    return (not s.makes or any(m.lower() == v.make.lower() for m in s.makes)) and (
        not s.models or any(v.model.lower().startswith(m.lower()) for m in s.models)
    )


def refuses_by_figure(u: Understanding) -> bool:
    """A refusal that gives its own figure ("too many miles on most of those, anything under 30k miles", "too
    expensive, under 25k please"): a search with that figure, not a car turned down."""
    text, s = u.text, u.slots
    return refuses(u) and bool(
        (_REFUSED_MILES.search(text) and s.mileage_max)
        or (_REFUSED_PRICE.search(text) and s.budget_max_cents)
        or (_REFUSED_AGE.search(text) and s.year_min)
    )


def refusal(u: Understanding, state: DialogueState, shown: Sequence[VehicleView]) -> Refusal | None:
    """The car a message turns down among those shown ("not that one", "nah too many miles on it", "not the red
    one", "no me gusta el color"), and what follows for the next search: that unit left out, and fewer miles, a
    lower price, a newer year or another colour than it has when the message says so. None when the message turns
    nothing down, or when it cannot tell which car it means."""
    found = _refusing(u)
    if found is None or not shown:
        return None
    said = found.group()
    pointer = said[4:] if said.lower().startswith("not ") else ""  # "not the grey one": "the grey one" is meant
    slots = replace(
        u.slots,
        colors=u.slots.colors or u.slots.excluded_colors,
        models=u.slots.models or u.slots.excluded_models,
    )
    rest = replace(
        u, text=" ".join((u.text[: found.start()], pointer, u.text[found.end() :])).strip() or "it", slots=slots
    )
    meant = pick(rest, state, shown) if _POINTER.search(u.text) or _THE_X_ONE.search(u.text) or u.slots.colors else []
    if not meant:
        focus = next((v for v in shown if v.id == state.focus), None)
        meant = [focus] if focus is not None else list(shown[:1]) if len(shown) == 1 else []
    if not meant:
        return None
    criteria: dict[str, Any] = {"exclude_ids": [v.id for v in meant]}
    order = "cheapest"
    text = u.text
    if refuses_by_figure(u):  # "too many miles on most of those, anything under 30k": the figure says which go
        return None
    miles = [v.mileage for v in meant if v.mileage]
    prices = [v.price_cents for v in meant if v.price_cents]
    if _REFUSED_MILES.search(text) and miles:
        criteria["mileage_max"] = min(miles) - 1
        order = "fewest_miles"
    elif _REFUSED_AGE.search(text):
        criteria["year_min"] = max(v.year for v in meant) + 1
        order = "newest"
    elif _REFUSED_PRICE.search(text) and prices:
        criteria["price_max_cents"] = min(prices) - 1
    if _REFUSED_COLOUR.search(text):
        criteria["exclude_colors"] = [v.exterior_color for v in meant if v.exterior_color]
    others = [v for v in shown if v not in meant] if _OTHERS.search(text) else []
    return Refusal(meant, criteria, order, others)


def own_wishes(message_terms: dict[str, Any], criteria: dict[str, Any]) -> dict[str, Any] | None:
    """What a message that names a new make, model, kind or trim asks for by itself (``message_terms``:
    ``compose.reply.search_terms``; with what was turned down), when the search carried more from before (a year
    range, new or used, a budget); None when nothing was carried."""
    terms = {k: v for k, v in message_terms.items() if v not in (None, [], "") and k not in ("query", "forget")}
    one_year = terms.get("year_min") is not None and terms.get("year_min") == terms.get("year_max")
    if (
        (terms.get("trims") or terms.get("colors") or one_year)
        and criteria.get("models")
        and not any(k in terms for k in SUBJECT_KEYS)
    ):
        # "whats the cheapest calligraphy" after Palisades under 50k: a Palisade Calligraphy, over the budget if it
        # is; "the red one i saw" after AWD Escapes: the red Escape, FWD as it is; "and the 2021?": that year's. The
        # years and new-or-used asked before stay ("the black one" after 2025 Calligraphys is a 2025, else none).
        kept = ("condition",) if one_year else ("condition", "year_min", "year_max")
        carried = {k: criteria[k] for k in kept if criteria.get(k) is not None and not terms.get("trims")}
        terms = {**carried, **terms, "makes": criteria.get("makes") or [], "models": criteria["models"]}
    if not any(k in terms for k in SUBJECT_KEYS):
        return None
    own = {**terms, **{k: criteria[k] for k in EXCLUSIONS if criteria.get(k)}}
    return own if set(criteria) - set(own) else None


_SLOT_OF_CRITERION = {
    "makes": "makes",
    "models": "models",
    "trims": "trims",
    "body_styles": "body_styles",
    "colors": "colors",
    "drivetrains": "drivetrains",
    "fuel_types": "fuel_types",
    "transmissions": "transmissions",
    "condition": "condition",
    "price_max_cents": "budget_max_cents",
    "price_min_cents": "budget_min_cents",
    "year_min": "year_min",
    "year_max": "year_max",
    "mileage_max": "mileage_max",
    "features": "features",
    "stock_number": "stock_number",
    "vin": "vin",
}


def with_criteria(u: Understanding, criteria: dict[str, Any]) -> Understanding:
    """The understanding with the criteria searched with added to its slots: a reply to "under 23k" after "any
    lincolns?" compares and words what was searched ("no Lincoln within your budget"), not the message alone ("no
    vehicle")."""
    changes = {slot: criteria[key] for key, slot in _SLOT_OF_CRITERION.items() if criteria.get(key) not in (None, [])}
    return replace(u, slots=replace(u.slots, **changes)) if changes else u


def remember(
    state: DialogueState,
    *,
    u: Understanding,
    criteria: dict[str, Any],
    shown: Sequence[int],
    reply: str | None,
    language: str | None = None,
    focus: int | None = None,
) -> DialogueState:
    """The state after a turn: the criteria searched with, the vehicles the reply showed (a list replaces the
    list shown; a single vehicle becomes the focus), the trade-in and language the message gave, and the reply
    said."""
    s = u.slots
    new = DialogueState.from_json(state.to_json())
    new.turns += 1
    new.offered = []  # an offer of visit slots is answered by the next message, or the conversation moved on
    new.criteria = {k: v for k, v in criteria.items() if v not in (None, [], "") and k != "query"}
    if "trims" in new.criteria and _SIDE_BY_SIDE.search(u.text) and not state.criteria.get("trims"):
        del new.criteria["trims"]  # "whats the difference between the sel and limited": a question, no wish kept
    ids = list(dict.fromkeys(shown))[:MAX_SHOWN]
    new.seen = [*[i for i in state.seen if i not in ids], *ids][-MAX_SEEN:]
    if len(ids) > 1:  # a list: what "the second one", "those", "the cheaper one" point at next
        # the colours or trims of the car under discussion: it stays under discussion ("is it still available")
        keep = state.focus is not None and (asks_colours(u) or asks_trims(u))
        new.shown, new.focus = ids, (state.focus if keep else None)
    elif ids:  # one vehicle: the one under discussion ("it"); the list it came from stays to point at
        if ids[0] not in new.shown:
            # after another single car ("the ioniq 6", then "what about the ioniq 5"): both, to compare ("which is
            # cheaper"); after a list, the new car alone
            paired = len(new.shown) == 1 and new.focus == new.shown[0]
            new.shown = [*new.shown, ids[0]] if paired else ids
        new.focus = ids[0]
    if focus is not None and focus in ids:  # a comparison's answer: the pair to point at, the winner under discussion
        new.focus = focus
    if focus is not None and focus in ids and len(ids) == 2:  # "compare it to the prius": those two, for "which one"
        new.discussed = [*(i for i in ids if i != focus), focus]
    elif new.focus is not None and (not state.discussed or new.focus != state.discussed[-1]):
        new.discussed = [*[i for i in state.discussed if i != new.focus], new.focus][-2:]
    if s.trade_in is not None:
        given = {k: v for k, v in asdict(s.trade_in).items() if v is not None}
        new.trade_in = {**new.trade_in, **given}
    if language:
        new.language = language
    visit = _visit(u)
    if visit:
        new.appointment = visit
    email, phone = contact_given(u.text)
    remember_contact(new, email=email, phone=phone, name=given_name(u.text))
    if reply:
        new.said = [*new.said, fingerprint(reply)][-MAX_SAID:]
    return new


def _visit(u: Understanding) -> dict[str, Any] | None:
    """The visit the message asks for: a day and time ("saturday at 10"), or a day alone when the message is about
    coming in ("can I see it saturday?"), which a time given later completes (``with_visit_day``)."""
    request = u.time_request
    if request is not None:
        if request.in_minutes is not None:  # "20 min away": the minutes, no clock time
            return {"words": request.words, "day": request.day, "in_minutes": request.in_minutes}
        return {"words": request.words, "day": request.day, "hour": request.hour, "minute": request.minute}
    if "test_drive" not in u.intents[:2]:
        return None
    day = find_day(u.text)
    return {"words": day[0], "day": day[1]} if day else None


_ASKS_OURS = re.compile(r"\b(?:do (?:you|u)|any|got|have you|in stock|on (?:the|your) lot|for sale)\b", re.I)


def with_trade_in(u: Understanding, state: DialogueState) -> Understanding:
    """The trade-in told earlier in the conversation, under what this message adds ("what would you give me for
    it" after "my 2016 accord, 98k miles"): the reply must not ask again for what the customer said."""
    own = (state.trade_in or {}).get("model")
    s = u.slots
    if own and s.models == [own] and not s.trade_in and not _ASKS_OURS.search(u.text):
        # "camry has 68k miles, se trim, no accidents" after "trade my 2019 camry": their car again, not ours
        mileage = s.mileage_max if s.mileage_max else None
        s = replace(
            s,
            models=[],
            makes=[m for m in s.makes if m != state.trade_in.get("make")],
            trims=[],
            mileage_max=None,
            mileage_about=False,
            features=[f for f in s.features if f != "clean history report"],
            trade_in=TradeIn(mileage=mileage),
        )
        # "can i come thursday and bring the camry": a visit still, the trade-in said with it
        first = [u.primary] if u.primary in ("test_drive", "human_request", "financing") else []
        rest = [i for i in u.intents if i not in ("trade_in", "vehicle_facts", *first)]
        u = replace(u, slots=s, intents=[*first, "trade_in", *rest])
    if s.trade_in is not None and not s.models and u.primary == "vehicle_facts" and "trade_in" in u.intents:
        u = replace(u, intents=["trade_in", *(i for i in u.intents if i != "trade_in")])  # "68k, no accidents"
    if not state.trade_in or u.primary != "trade_in":
        return u
    return replace(u, slots=replace(u.slots, trade_in=trade_told(state, u)))


def trade_told(state: DialogueState, u: Understanding | None = None) -> TradeIn:
    """The trade-in the conversation's state holds (what was told of it, nothing else), under what the message ``u``
    adds."""
    told = {k: v for k, v in state.trade_in.items() if k in TradeIn.__dataclass_fields__ and v is not None}
    now = asdict(u.slots.trade_in) if u is not None and u.slots.trade_in else {}
    return TradeIn(**{**told, **{k: v for k, v in now.items() if v is not None}})


# A time written alone, without am/pm or a colon: "930", "at 1045", "like 930?", "10"
_BARE_TIME = re.compile(
    r"\W*(?:at |around |like |maybe |@)?(?:[1-9]|1[0-2])(?:[0-5]\d)?(?:\s*-?\s*ish|\s+or so)?\W*", re.IGNORECASE
)  # "10" alone too, once the day is given: its hour


def with_visit_day(u: Understanding, state: DialogueState) -> Understanding:
    """A clock time given alone ("around 10", "a las 10") after the customer named the day of the visit: the
    understanding's time request on that day, so that the handover's dossier resolves the right date."""
    request, asked = u.time_request, state.appointment
    if request is None and asked.get("day") and not asked.get("hour") and _BARE_TIME.fullmatch(u.text):
        # "930" after "saturday morning": the time of that day ("saturday morning 930" is 9:30 AM)
        bare = re.sub(r"^\W*(?:at|around|like|maybe|@)?\s*", "", u.text)
        request = find_time_request(f"{asked.get('words') or asked['day']} at {bare}")
        if request is not None:
            return replace(u, time_request=request)
    changed = moves_the_time(u.text)
    if request is None or request.day is not None or not asked.get("day") or (asked.get("hour") and not changed):
        return u  # "actually make it 6:30" after "tmrw after 5": the same day
    s = u.slots
    if s.budget_max_cents and s.budget_max_cents <= 1_500_000 and not re.search(r"\$|\bk\b|\d\s*k\b", u.text):
        # "like 10" after "sat morning maybe": ten o'clock, not a $10k budget
        u = replace(u, slots=replace(s, budget_max_cents=None, budget_min_cents=None))
    said = str(asked["day"]) if changed else str(asked.get("words") or asked["day"])  # not "after 5" again
    return replace(u, time_request=with_day(request, said, str(asked["day"])))


_NAME_WORD = r"([A-Za-zÁÉÍÓÚÑáéíóúñ][A-Za-zÁÉÍÓÚÑáéíóúñ'-]{1,19})"
_NAMED = (
    re.compile(rf"\b(?:my name is|my name'?s|name is|name'?s|me llamo|mi nombre es)\s+{_NAME_WORD}", re.IGNORECASE),
    # "im dana 708-555-0188": a word after "I'm" is a name when a phone number or an e-mail follows it
    re.compile(
        rf"\b(?:i'?m|i am|this is|it'?s|soy)\s+{_NAME_WORD}(?=[\s,.-]+(?:\+?\(?\d[\d\s().-]{{6,}}|[\w.+-]+@))",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:I'?m|I am|[Ii]m|This is|this is|Soy|soy)\s+(?=[A-Z]){_NAME_WORD}\b"),
    # "its Dana btw", "it's Marcus": a capitalised name said on its own
    re.compile(rf"^\W*(?:it'?s|its|Its|It'?s)\s+(?=[A-Z]){_NAME_WORD}\W*(?:btw|by the way|here)?\W*$"),
    # "its luis btw", "im keisha here": a name said with "btw" or "here", in any case
    re.compile(rf"^\W*(?:it'?s|its|i'?m|im|this is)\s+{_NAME_WORD}\s+(?:btw|by the way|here)\W*$", re.IGNORECASE),
    # "tom, 708-555-0110, evenings are better", "dan. 708-555-0142": a name, then the number
    re.compile(
        rf"^\W*{_NAME_WORD}\s*[,.:-]\s*(?=\+?1?[\s.-]?\(?\d{{3}}\)?[\s.-]?\d{{3}}[\s.-]?\d{{4}})", re.IGNORECASE
    ),
    # "... whats next. 708-555-0104 Tom": a capitalised name right after the number that ends the message
    re.compile(rf"\d{{4}}\s+(?=[A-Z]){_NAME_WORD}\W*$"),
    # "call me at 708-555-0177 ask for keisha": the name to ask for is theirs
    re.compile(rf"\bask for\s+{_NAME_WORD}\W*$", re.IGNORECASE),
    # "... 7085550123 - Dana", "thx ~Marcus": a capitalised name signing the message off
    re.compile(rf"(?:^|\s)[-\u2013\u2014~]\s*(?=[A-Z]){_NAME_WORD}(?:\s+[A-Z]\.?)?\W*$"),
)
# Looser ways of giving a name, whose word must also be no everyday word ("this is ridiculous", "Saturday 708-...")
_NAMED_LOOSELY = (
    # "a las 4:30. Jorge Mendez 708-555-0152", "ok. Maria 312-555-0100": a capitalised name, then the number
    re.compile(
        rf"(?:^|[.!?,;]\s*)(?=[A-Z]){_NAME_WORD}(?:\s+[A-Z][A-Za-z'-]+)?\s*[,.:-]?\s*"
        rf"(?=\+?1?[\s.-]?\(?\d{{3}}\)?[\s.-]?\d{{3}}[\s.-]?\d{{4}})"
    ),
    # "hi this is tasha, looking for a white tucson": an introduction opening the message, in any case
    re.compile(
        rf"^\W*(?:(?:hi|hey|hello|hola|good (?:morning|afternoon|evening))\W+)?(?:this is|my names?)\s+{_NAME_WORD}"
        r"(?=\s*(?:[,.!-]|$|\s+(?:and|here|btw|from|looking|i|im|i'?m|we)\b))",
        re.IGNORECASE,
    ),
)
_NOT_A_NAME_LOOSELY = re.compile(
    r"(?:ous|ing|ible|able|ful|less|ive|ed|ly)$|^(?:insane|crazy|urgent|important|nuts"
    r"|wild|weird|bad|sad|silly|stupid|dumb|unreal|absurd|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow"
    r"|tonight|it|this|that|the|ok|okay|perfect|terrible|horrible|awful|insulting|unacceptable|bs|crap)$",
    re.IGNORECASE,
)
_NOT_A_NAME = frozenset(
    [
        "thanks",
        "thank",
        "call",
        "text",
        "cell",
        "phone",
        "number",
        "mobile",
        "work",
        "email",
        "contact",
        "reach",
        "tel",
        "please",
        "pls",
        "plz",
        "asap",
        "urgent",
        "sorry",
        "hello",
        "help",
        "yes",
        "no",
        "anyone",
        "anybody",
        "thx",
        "ty",
        "cheers",
        "regards",
        "sent",
        "interested",
        "looking",
        "ready",
        "good",
        "fine",
        "ok",
        "okay",
        "here",
        "there",
        "just",
        "not",
        "still",
        "also",
        "so",
        "very",
        "really",
        "sure",
        "done",
        "home",
        "at",
        "in",
        "on",
        "from",
        "with",
        "the",
        "a",
        "an",
        "going",
        "coming",
        "trying",
        "wondering",
        "curious",
        "available",
        "free",
        "off",
        "back",
        "new",
        "buying",
        "shopping",
        "driving",
        "calling",
        "texting",
        "asking",
        "hoping",
        "thinking",
        "planning",
        "working",
        "out",
        "over",
        "about",
        "down",
        "up",
    ]
)


_INTRODUCED = re.compile(
    rf"\b(?:my name is|my name'?s|name is|me llamo|mi nombre es|i'?m|im|i am|this is|it'?s|its|soy)\s+{_NAME_WORD}",
    re.IGNORECASE,
)


def without_introduction(text: str) -> str:
    """The message without the words the customer introduces themself with ("this is Dana", "it's Marcus here"):
    their "this" and "it" point at no car."""
    name = given_name(text)
    if name is None:
        return text
    return _INTRODUCED.sub(lambda m: " " if m.group(1).lower() == name.lower() else m.group(), text)


def given_name(text: str) -> str | None:
    """The first name the customer gives in the message ("I'm Dana", "my name is Luis", "me llamo Ana")."""
    for pattern in _NAMED:
        m = pattern.search(text)
        if m and m.group(1).lower() not in _NOT_A_NAME and not find_vehicle_mentions(m.group(1)):  # "it's Ford"
            return m.group(1).capitalize()
    for pattern in _NAMED_LOOSELY:
        m = pattern.search(text)
        word = m.group(1).lower() if m else ""
        everyday = word in _NOT_A_NAME or word in ENGLISH_WORDS or _NOT_A_NAME_LOOSELY.search(word)
        if m and not everyday and not find_vehicle_mentions(m.group(1)):
            return m.group(1).capitalize()
    return None


def contact_given(text: str) -> tuple[str | None, str | None]:
    """The e-mail address and the phone number a message gives, if any."""
    email = _EMAIL.search(text)
    phone = _PHONE.search(text)
    return (email.group(0) if email else None), (phone.group(0) if phone else None)


def remember_contact(state: DialogueState, *, email: str | None, phone: str | None, name: str | None) -> None:
    """Contact details the customer gave in the conversation (only what they gave)."""
    for key, value in (("email", email), ("phone", phone), ("name", name)):
        if value:
            state.contact[key] = value


# "wait what did i tell u the miles were", "u have my number right", "do you remember my trade": what they told
_RECALL = re.compile(
    r"\bwhat (?:did|do) i (?:tell|say|give|told)\b|\bwhat i (?:told|said)\b|\bdid i (?:tell|give|say)\b"
    r"|\b(?:do|did) (?:you|u) (?:remember|get|have|still have) my\b|\b(?:you|u) (?:have|got) my\b"
    r"|\bremember (?:my|what i)\b|\bqu[eé] (?:le|te) dije\b|\btiene(?:s)? mi (?:n[uú]mero|correo|tel[eé]fono)\b"
    # "remind me what info u have for me", "what details do you have on me"
    r"|\bremind me what\b|\bwhat (?:info|information|details|contact) (?:do )?(?:you|u) (?:have|got)\b"
    r"|\bwhat do (?:you|u) have (?:on|for|about) me\b",
    re.IGNORECASE,
)
_ABOUT_CONTACT = re.compile(
    r"\b(?:number|phone|cell|email|e-mail|mail|contact|info|n[uú]mero|correo|tel[eé]fono)\b", re.I
)
_ABOUT_TRADE = re.compile(r"\b(?:miles|mileage|trade|car|truck|payoff|owe|owed|millas|carro|troca)\b", re.I)
_ABOUT_VISIT = re.compile(r"\b(?:time|when|day|appointment|visit|hora|cita|d[ií]a)\b", re.I)


def recall(state: DialogueState, u: Understanding) -> str | None:
    """ "Wait what did i tell u the miles were?", "u have my number right?": what the customer told, from the
    conversation's state; None when the message asks no such thing or nothing of it was told."""
    if not _RECALL.search(u.text):
        return None
    language = u.language if writes(u.language) else "en"
    said: list[str] = []
    email, phone = contact_given(u.text)  # "u have my number right? its 708-555-0191": this one too
    contact = {**state.contact, **({"phone": phone} if phone else {}), **({"email": email} if email else {})}
    if _ABOUT_CONTACT.search(u.text) and (contact.get("phone") or contact.get("email")):
        given = [contact[k] for k in ("phone", "email") if contact.get(k)]
        if contact.get("name"):  # "remind me what info u have": their name too
            given.insert(0, translate(language, "your name, {name}").format(name=contact["name"]))
        listed = ", ".join(given[:-1]) + translate(language, " and ") + given[-1]
        said.append(
            translate(language, "Yes, I have {contact}.").format(contact=listed if len(given) > 1 else given[0])
        )
    trade = trade_told(state)
    theirs = [w.lower() for w in (trade.model, trade.make) if w]  # "what did i tell u about my rav4"
    about_trade = _ABOUT_TRADE.search(u.text) or any(re.search(rf"\b{re.escape(w)}\b", u.text, re.I) for w in theirs)
    if about_trade and trade.describe():
        said.append(translate(language, "You told me your trade-in is a {trade}.").format(trade=trade.describe()))
    visit = state.appointment.get("words")
    if _ABOUT_VISIT.search(u.text) and visit:
        said.append(translate(language, "You asked to come in {when}.").format(when=capitalise_weekdays(str(visit))))
    return " ".join(said) or None


def said_already(state: DialogueState, reply: str) -> bool:
    return fingerprint(reply) in state.said


def _label(v: VehicleView, language: str = "en") -> str:
    colour = translate(language, " in {colour}").format(colour=v.exterior_color) if v.exterior_color else ""
    return (
        translate(language, "the {vehicle}").format(vehicle=f"{v.year} {v.model}{' ' + v.trim if v.trim else ''}")
        + colour
    )


def which_one(shown: Sequence[VehicleView], language: str = "en") -> str:
    """One specific question when the customer's pointer could mean several of the vehicles shown."""
    labels = [_label(v, language) for v in shown[:3]]
    options = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + translate(language, " or ") + labels[-1]
    return say(language, "Just to be sure I give you the right details: do you mean {options}?", options=options)


def next_question(state: DialogueState, vehicles: Sequence[VehicleView], language: str = "en") -> str:
    """The next specific question, for when the reply would repeat one already given."""
    if vehicles:
        return say(
            language,
            "Would you like the price, mileage and features of {vehicle}, or should I look for something different "
            "(another budget, body style or year)?",
            vehicle=_label(vehicles[0], language),
        )
    if not state.criteria:
        return translate(
            language, "What matters most to you: a body style (SUV, truck, sedan), a budget, or a particular model?"
        )
    return translate(
        language,
        "Should I widen the search, for example a higher budget or other years, or would a person be more helpful?",
    )


def describe(state: DialogueState, shown: Sequence[VehicleView]) -> str:
    """The state in words, for an LLM: what it showed (in order), the one under discussion, the criteria, the
    trade-in and the visit asked for."""
    parts = []
    if shown:
        listed = "; ".join(
            f"{n}. {v.title}, {v.exterior_color or 'colour not listed'}, stock {v.stock_number or '?'}"
            + (" (under discussion)" if v.id == state.focus else "")
            for n, v in enumerate(shown, 1)
        )
        parts.append(f"vehicles shown to the customer, in order: {listed}")
    wanted = {k: v for k, v in state.criteria.items() if v not in (None, [], "")}
    if wanted:
        parts.append("what the customer wants so far: " + ", ".join(f"{k}={v}" for k, v in wanted.items()))
    if state.trade_in:
        parts.append("trade-in: " + ", ".join(f"{k}={v}" for k, v in state.trade_in.items()))
    if state.appointment:
        parts.append(f"visit asked for: {state.appointment.get('words') or state.appointment.get('at')}")
    return ". ".join(parts)
