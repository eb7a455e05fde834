"""Deterministic understanding of a customer message: intents, slots (what they want), sentiment.

Rules, not models: a built-in vocabulary of US makes and models (plus the dealership's own catalog), tolerant of
slang ("chevy", "vw"), spacing ("f150", "CR-V") and small typos ("tuscon"); regular expressions for budgets,
years, mileage, timelines and trade-ins. The same input always gives the same output.

Model names that are everyday words (Escape, Pilot, Venue, Ram 1500...) count only with context: the make nearby,
a model year before them, capitalised mid-sentence, or named earlier in the conversation.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from showroom.brain.types import Turn, VehicleView

INTENTS = (
    "availability",
    "inventory_search",
    "trade_in",
    "financing",
    "lease",
    "test_drive",
    "hours_location",
    "service",
    "price",
    "human_request",
    "stop",
    "not_interested",
    "thanks",
    "greeting",
    "other",
)


@dataclass
class TradeIn:
    year: int | None = None
    make: str | None = None
    model: str | None = None
    mileage: int | None = None

    def describe(self) -> str:
        """'2015 Honda Civic, 98,000 miles'; '' when nothing is known."""
        name = " ".join(str(part) for part in (self.year, self.make, self.model) if part)
        if self.mileage is not None:
            return f"{name}, {self.mileage:,} miles" if name else f"{self.mileage:,} miles"
        return name


@dataclass
class Slots:
    makes: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    body_styles: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    drivetrains: list[str] = field(default_factory=list)
    fuel_types: list[str] = field(default_factory=list)
    condition: str | None = None  # new / used / certified
    budget_max_cents: int | None = None
    budget_min_cents: int | None = None
    monthly_budget_cents: int | None = None
    year_min: int | None = None
    year_max: int | None = None
    mileage_max: int | None = None
    features: list[str] = field(default_factory=list)
    timeline: str | None = None  # asap, today, this weekend, this week, within 30 days, 1-3 months, 3+ months, ...
    trade_in: TradeIn | None = None
    stock_number: str | None = None
    vin: str | None = None
    down_payment_cents: int | None = None

    def has_vehicle_criteria(self) -> bool:
        """Does the customer describe what they want (anything the inventory search can filter on)?"""
        return any(
            (
                self.makes,
                self.models,
                self.body_styles,
                self.colors,
                self.drivetrains,
                self.fuel_types,
                self.features,
                self.condition,
                self.budget_max_cents,
                self.budget_min_cents,
                self.year_min,
                self.year_max,
                self.mileage_max,
                self.stock_number,
                self.vin,
            )
        )


@dataclass
class Understanding:
    intents: list[str] = field(default_factory=lambda: ["other"])  # most likely first, never empty
    slots: Slots = field(default_factory=Slots)
    sentiment: float = 0.0  # -1..1
    is_opt_out: bool = False  # the whole message is STOP / UNSUBSCRIBE / CANCEL / END / QUIT
    is_resume: bool = False  # the whole message is START / UNSTOP / SUBSCRIBE / RESUME (undoes an opt-out)
    is_question: bool = False
    text: str = ""  # the message, cleaned (seeds deterministic phrasing downstream)
    wants_human: bool = False  # an explicit, non-negated request for a person
    asks_if_bot: bool = False  # "are you a bot?"

    @property
    def primary(self) -> str:
        return self.intents[0] if self.intents else "other"


@dataclass
class Catalog:
    makes: dict[str, set[str]] = field(default_factory=dict)  # canonical make -> canonical models
    # column -> its values as stored (body_style, exterior_color, drivetrain, fuel_type): what search compares with
    spellings: dict[str, frozenset[str]] = field(default_factory=dict)

    @cached_property
    def frozen(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The catalog as a hashable key (computed once: a catalog is not changed after it is built)."""
        return tuple(sorted((make, tuple(sorted(models))) for make, models in self.makes.items()))

    @classmethod
    def from_vehicles(cls, vehicles: Iterable[VehicleView]) -> Catalog:
        makes: dict[str, set[str]] = {}
        for vehicle in vehicles:
            makes.setdefault(vehicle.make, set()).add(vehicle.model)
        return cls(makes)


# --------------------------------------------------------------------------------------------------------------
# Text helpers

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def clean(text: str) -> str:
    """NFKC, straight quotes and dashes, trimmed."""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE).strip()


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=8192)
def squash(text: str) -> str:
    """Lower-case letters and digits only: 'CR-V' -> 'crv', 'F 150' -> 'f150'. Memoised: the same makes, models
    and colours are squashed on every turn."""
    return _NOT_ALNUM.sub("", text.lower())


def words(text: str) -> frozenset[str]:
    """A set of space-separated words (vocabulary tables stay readable)."""
    return frozenset(text.split())


def rx(*alternatives: str, flags: int = 0) -> re.Pattern[str]:
    """One compiled pattern from alternatives written on separate lines."""
    return re.compile("|".join(alternatives), flags)


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int


def _tokens(lower: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(lower)]


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance (swapping neighbours costs 1); limit + 1 when above limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


_NEGATORS = words(
    "not no never without hardly dont don't didnt didn't doesnt doesn't isnt isn't wasnt wasn't arent aren't "
    "cant can't wont won't nor neither"
)


def is_negated(lower: str, start: int, window: int = 3) -> bool:
    """Is the word at `start` negated by one of the `window` words before it, in the same clause?"""
    before = re.split(r"[.!?;,]|\bbut\b", lower[:start])[-1]
    return any(w in _NEGATORS or w.endswith("n't") for w in TOKEN_RE.findall(before)[-window:])


# --------------------------------------------------------------------------------------------------------------
# Vehicle vocabulary: make -> models separated by "|"

_MODELS: dict[str, str] = {
    "Acura": "MDX|RDX|TLX|ILX|Integra|ZDX",
    "Alfa Romeo": "Giulia|Stelvio|Tonale",
    "Audi": "A3|A4|A5|A6|Q3|Q5|Q7|Q8|e-tron|Q4 e-tron",
    "BMW": "3 Series|5 Series|7 Series|X1|X3|X5|X7|i4|iX",
    "Buick": "Enclave|Encore|Encore GX|Envision|Envista",
    "Cadillac": "Escalade|XT4|XT5|XT6|CT4|CT5|Lyriq",
    "Chevrolet": "Silverado|Silverado 1500|Silverado 2500HD|Colorado|Tahoe|Suburban|Equinox|Traverse|Blazer|"
    "Trailblazer|Trax|Malibu|Camaro|Corvette|Bolt EV|Bolt EUV|Impala|Cruze|Spark|Express",
    "Chrysler": "Pacifica|300|Voyager",
    "Dodge": "Charger|Challenger|Durango|Grand Caravan|Journey|Hornet",
    "Ford": "F-150|F-250|F-350|F-150 Lightning|Ranger|Maverick|Explorer|Expedition|Escape|Edge|Bronco|Bronco Sport|"
    "Mustang|Mustang Mach-E|Transit|Fusion|Focus|EcoSport",
    "Genesis": "G70|G80|G90|GV60|GV70|GV80",
    "GMC": "Sierra|Sierra 1500|Sierra 2500HD|Canyon|Yukon|Yukon XL|Acadia|Terrain|Savana",
    "Honda": "Civic|Accord|CR-V|HR-V|Pilot|Passport|Odyssey|Ridgeline|Fit|Insight",
    "Hyundai": "Elantra|Sonata|Tucson|Santa Fe|Santa Cruz|Palisade|Kona|Kona Electric|Venue|Ioniq|Ioniq 5|Ioniq 6|"
    "Accent|Veloster|Nexo",
    "Infiniti": "Q50|QX50|QX55|QX60|QX80",
    "Jeep": "Wrangler|Grand Cherokee|Cherokee|Compass|Renegade|Gladiator|Wagoneer",
    "Kia": "Forte|K5|Rio|Soul|Seltos|Sportage|Sorento|Telluride|Carnival|Niro|EV6|EV9",
    "Land Rover": "Range Rover|Range Rover Sport|Defender|Discovery|Discovery Sport",
    "Lexus": "ES|IS|RX|NX|GX|LX|UX|RX 350|NX 350|ES 350",
    "Lincoln": "Navigator|Aviator|Corsair|Nautilus",
    "Mazda": "Mazda3|Mazda6|CX-30|CX-5|CX-50|CX-9|CX-90|MX-5 Miata",
    "Mercedes-Benz": "C-Class|E-Class|S-Class|GLA|GLB|GLC|GLE|GLS|G-Class|Sprinter",
    "Mini": "Cooper|Countryman|Clubman",
    "Mitsubishi": "Outlander|Outlander Sport|Eclipse Cross|Mirage",
    "Nissan": "Altima|Sentra|Versa|Maxima|Rogue|Murano|Pathfinder|Armada|Kicks|Frontier|Titan|Leaf|Ariya",
    "Porsche": "911|Cayenne|Macan|Panamera|Taycan",
    "Ram": "1500|2500|3500|ProMaster",
    "Rivian": "R1T|R1S",
    "Subaru": "Outback|Forester|Crosstrek|Impreza|Ascent|Legacy|WRX|BRZ|Solterra",
    "Tesla": "Model 3|Model Y|Model S|Model X|Cybertruck",
    "Toyota": "Camry|Corolla|Corolla Cross|RAV4|Highlander|Grand Highlander|4Runner|Tacoma|Tundra|Sienna|Sequoia|"
    "Prius|Venza|Avalon|Supra|C-HR",
    "Volkswagen": "Jetta|Passat|Tiguan|Atlas|Atlas Cross Sport|Taos|Golf|GTI|ID.4",
    "Volvo": "XC40|XC60|XC90|S60|V60",
}
_MAKE_ALIASES: dict[str, str] = {
    "BMW": "bimmer|beemer|beamer",
    "Cadillac": "caddy|caddie",
    "Chevrolet": "chevy|chevie|chev|chevvy",
    "Honda": "hond|hondo",
    "Hyundai": "hundai|hyundia|huyndai|hyndai|hyunday|hyudai|hyundi",
    "Land Rover": "landrover",
    "Alfa Romeo": "alfa",
    "Mercedes-Benz": "mercedes|merc|benz|mercedez",
    "Mitsubishi": "mitsu",
    "Nissan": "nissian|nisan",
    "Subaru": "subie|subi|subaroo",
    "Toyota": "toyta|toyata|yota|toyot",
    "Volkswagen": "vw|volkswagon|volkswagan|vdub",
}
_MODEL_ALIASES: dict[str, dict[str, str]] = {
    "Chevrolet": {"vette": "Corvette", "burb": "Suburban", "silverdo": "Silverado", "silvarado": "Silverado"},
    "Ford": {"stang": "Mustang", "mach e": "Mustang Mach-E", "lightning": "F-150 Lightning"},
    "Honda": {"sivic": "Civic", "civc": "Civic", "accrod": "Accord"},
    "Hyundai": {
        "tuscon": "Tucson",
        "ionic": "Ioniq",
        "ionic 5": "Ioniq 5",
        "ionic 6": "Ioniq 6",
        "pallisade": "Palisade",
        "sante fe": "Santa Fe",
        "alantra": "Elantra",
    },
    "Kia": {"teluride": "Telluride", "sorrento": "Sorento"},
    "Mazda": {"miata": "MX-5 Miata"},
    "Toyota": {"camery": "Camry", "carolla": "Corolla", "corrola": "Corolla", "rav": "RAV4", "taco": "Tacoma"},
}
# Model names that are also everyday words (or too short to trust): they need context to count.
_COMMON_WORD_MODELS = words(
    "escape edge focus fusion ranger explorer expedition maverick transit express spark suburban colorado malibu "
    "pilot passport fit insight odyssey accord venue accent journey compass soul kicks rogue frontier titan leaf "
    "armada legacy ascent outback sierra terrain canyon encore envision enclave atlas golf charger challenger "
    "voyager hornet navigator aviator corsair nautilus cooper countryman clubman defender discovery mirage carnival "
    "sprinter gladiator renegade model 300 1500 2500 3500 911 blazer traverse integra versa forte rio"
)
_AMBIGUOUS_MAKES = words("ram mini")
# Everyday words within one typo of a vehicle name: never fuzzy-matched.
_FUZZY_STOPWORDS = words(
    "escalate escalated escalating wrangle wrangled maxim civil camera corona lodge dodgy hondas toyotas seller "
    "sellers honest sonatas shortage shortages pacific cruise"
)
_SHORT_WORDS = words("is it us me my no so do go ok am an as at be by he hi if in of on or to up we es")
_CONDITION_WORDS = words("used new certified cpo preowned")


@dataclass(frozen=True)
class _Entry:
    make: str
    model: str | None  # None: the entry names a make
    ambiguous: bool
    catalog: bool


def _model_is_ambiguous(key: str) -> bool:
    return key in _COMMON_WORD_MODELS or len(key) <= 2 or key.isdigit()


class _Lexicon:
    """Squashed names -> entries, plus an index by length for typo-tolerant lookups."""

    def __init__(self) -> None:
        self.keys: dict[str, list[_Entry]] = {}
        self.fuzzy: dict[int, list[tuple[str, _Entry]]] = {}
        self._near: dict[str, tuple[str, list[_Entry]]] = {}  # fuzzy_lookup's answers: words repeat a lot
        # find_vehicle_mentions' answers for texts read without history: guardrails check every sentence of
        # every reply, and replies repeat their sentences a lot. Cleared when full.
        self.mentions: dict[str, tuple[VehicleMention, ...]] = {}

    def add(self, key: str, entry: _Entry, *, fuzzy: bool) -> None:
        entries = self.keys.setdefault(key, [])
        entries[:] = [e for e in entries if (e.make, e.model) != (entry.make, entry.model)]
        if entry.catalog:
            entries.insert(0, entry)  # the dealership's own spelling is preferred
        else:
            entries.append(entry)
        if fuzzy and not entry.ambiguous and len(key) >= 5 and key.isalpha():
            self.fuzzy.setdefault(len(key), []).append((key, entry))

    def copy(self) -> _Lexicon:
        other = _Lexicon()
        other.keys = {key: list(entries) for key, entries in self.keys.items()}
        other.fuzzy = {size: list(items) for size, items in self.fuzzy.items()}
        return other

    def lookup(self, key: str) -> list[_Entry]:
        entries = self.keys.get(key)
        if entries is None and len(key) > 3 and key.endswith("s"):
            entries = self.keys.get(key[:-1])
        return entries or []

    def fuzzy_lookup(self, word: str) -> tuple[str, list[_Entry]]:
        if len(word) < 5 or not word.isalpha() or word in _FUZZY_STOPWORDS:
            return "", []
        found = self._near.get(word)
        if found is None:
            if len(self._near) >= 20_000:
                self._near.clear()
            found = self._near[word] = self._nearest(word)
        return found

    def _nearest(self, word: str) -> tuple[str, list[_Entry]]:
        limit = 2 if len(word) >= 9 else 1
        best: tuple[int, str, list[_Entry]] = (limit + 1, "", [])
        for size in range(len(word) - limit, len(word) + limit + 1):
            for key, entry in self.fuzzy.get(size, []):
                if key[0] == word[0] and (distance := edit_distance(word, key, limit)) <= min(limit, best[0]):
                    if distance < best[0]:
                        best = (distance, key, [])
                    if entry not in best[2]:
                        best[2].append(entry)
        return best[1], best[2]


@lru_cache(maxsize=1)
def _builtin_lexicon() -> _Lexicon:
    lex = _Lexicon()
    for make, models in _MODELS.items():
        make_key = squash(make)
        ambiguous = make_key in _AMBIGUOUS_MAKES
        lex.add(make_key, _Entry(make, None, ambiguous, False), fuzzy=len(make_key) >= 6)
        for alias in _MAKE_ALIASES.get(make, "").split("|"):
            if alias:
                lex.add(squash(alias), _Entry(make, None, ambiguous, False), fuzzy=False)
        for model in models.split("|"):
            key = squash(model)
            lex.add(key, _Entry(make, model, _model_is_ambiguous(key), False), fuzzy=True)
        for alias, model in _MODEL_ALIASES.get(make, {}).items():
            lex.add(squash(alias), _Entry(make, model, False, False), fuzzy=False)
    return lex


@lru_cache(maxsize=64)
def _catalog_lexicon(frozen: tuple[tuple[str, tuple[str, ...]], ...]) -> _Lexicon:
    lex = _builtin_lexicon().copy()
    for make, models in frozen:
        make_key = squash(make)
        for entries in lex.keys.values():  # the catalog's spelling wins for every alias of the make
            entries[:] = [
                _Entry(make, e.model, e.ambiguous, e.catalog) if squash(e.make) == make_key else e for e in entries
            ]
        lex.add(make_key, _Entry(make, None, make_key in _AMBIGUOUS_MAKES, True), fuzzy=False)
        for model in models:
            key = squash(model)
            lex.keys[key] = [e for e in lex.keys.get(key, []) if squash(e.make) != make_key]
            lex.add(key, _Entry(make, model, _model_is_ambiguous(key), True), fuzzy=True)
    return lex


_MENTIONS_KEPT = 4096


def _lexicon(catalog: Catalog | None) -> _Lexicon:
    if catalog is None or not catalog.makes:
        return _builtin_lexicon()
    return _catalog_lexicon(catalog.frozen)


@dataclass(frozen=True)
class VehicleMention:
    make: str
    model: str | None
    start: int  # character offsets in clean(text)
    end: int
    year: int | None = None  # a model year written just before it
    fuzzy: bool = False


@dataclass(frozen=True)
class _Cand:
    i: int  # token span [i, j)
    j: int
    entries: list[_Entry]
    fuzzy: bool
    key: str


_JOINER = re.compile(r"[ \-./]{0,2}")


def _joinable(lower: str, tokens: Sequence[_Tok], i: int, j: int) -> bool:
    return all(_JOINER.fullmatch(lower[tokens[k].end : tokens[k + 1].start]) for k in range(i, j - 1))


def _scan(lower: str, tokens: Sequence[_Tok], lex: _Lexicon) -> list[_Cand]:
    """Longest n-gram (up to 4 tokens) first, then a typo-tolerant single word."""
    cands: list[_Cand] = []
    i = 0
    while i < len(tokens):
        found: _Cand | None = None
        for n in range(min(4, len(tokens) - i), 0, -1):
            key = "".join(t.text for t in tokens[i : i + n])
            if (n == 1 or _joinable(lower, tokens, i, i + n)) and (entries := lex.lookup(key)):
                found = _Cand(i, i + n, entries, False, key)
                break
        if found is None:
            key, entries = lex.fuzzy_lookup(tokens[i].text)
            found = _Cand(i, i + 1, entries, True, key) if entries else None
        if found is not None:
            cands.append(found)
        i = found.j if found else i + 1
    return cands


def _year_token(lower: str, tokens: Sequence[_Tok], index: int) -> int | None:
    if not 0 <= index < len(tokens):
        return None
    tok = tokens[index]
    if re.fullmatch(r"19[89]\d|20[0-3]\d", tok.text):
        return int(tok.text)
    if re.fullmatch(r"\d\d", tok.text) and tok.start > 0 and lower[tok.start - 1] == "'":
        return 2000 + int(tok.text) if int(tok.text) <= 40 else 1900 + int(tok.text)
    return None


def _capitalised_mid_sentence(cleaned: str, lower: str, tok: _Tok) -> bool:
    if len(cleaned) != len(lower):
        return False
    letters = [c for c in cleaned if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return False  # shouting: capitals carry no information
    word = cleaned[tok.start : tok.end]
    if not word[0].isupper() and not any(c.isupper() for c in word[1:]):
        return False
    before = cleaned[: tok.start].rstrip()
    return bool(before) and before[-1] not in ".!?\n:"


def _pick(entries: Sequence[_Entry], known: set[str]) -> _Entry:
    return next((e for e in entries if e.make in known), next((e for e in entries if e.catalog), entries[0]))


@dataclass(frozen=True)
class _Scene:
    cleaned: str
    lower: str
    tokens: Sequence[_Tok]
    known: set[str]  # makes named in the message or earlier
    context_models: set[str]


def _mentions(
    cleaned: str, lower: str, tokens: Sequence[_Tok], lex: _Lexicon, context: tuple[set[str], set[str]] = (set(), set())
) -> list[VehicleMention]:
    cands = _scan(lower, tokens, lex)
    known = {e.make for c in cands for e in c.entries if not e.ambiguous and (not c.fuzzy or e.model is None)}
    scene = _Scene(cleaned, lower, tokens, known | context[0], context[1])
    out: list[VehicleMention] = []
    for index, cand in enumerate(cands):
        entry = _pick(cand.entries, scene.known)
        prev = cands[index - 1] if index > 0 and cands[index - 1].j == cand.i else None
        nxt = cands[index + 1] if index + 1 < len(cands) and cands[index + 1].i == cand.j else None
        year = _year_token(lower, tokens, cand.i - 1)
        if not _accept(entry, cand, prev, nxt, year, scene):
            continue
        start, end = tokens[cand.i].start, tokens[cand.j - 1].end
        last = out[-1] if out else None
        if last and prev and last.model is None and entry.model and last.make == entry.make:
            out[-1] = VehicleMention(entry.make, entry.model, last.start, end, last.year, last.fuzzy or cand.fuzzy)
        else:
            out.append(VehicleMention(entry.make, entry.model, start, end, year, cand.fuzzy))
    return out


def _accept(entry: _Entry, cand: _Cand, prev: _Cand | None, nxt: _Cand | None, year: int | None, s: _Scene) -> bool:
    """Should a candidate count? Everyday-word names need context."""
    if cand.fuzzy:
        return entry.model is None or entry.catalog or entry.make in s.known or len(cand.key) >= 8
    if not entry.ambiguous:
        return True
    after_make = prev is not None and any(e.make == entry.make and e.model is None for e in prev.entries)
    short = len(cand.key) <= 2  # "LX", "ES", "K5": also trims and words, so they need their make
    if short:
        capitalised = _capitalised_mid_sentence(s.cleaned, s.lower, s.tokens[cand.i])
        in_catalog = entry.catalog and capitalised and cand.key not in _SHORT_WORDS
        return entry.make in s.known or after_make or in_catalog
    if year is not None or (entry.model and entry.model in s.context_models):
        return True
    if _capitalised_mid_sentence(s.cleaned, s.lower, s.tokens[cand.i]):
        return True
    if entry.model is None:
        before_model = nxt is not None and any(e.make == entry.make and e.model for e in nxt.entries)
        return entry.make in s.known or before_model
    if entry.make in s.known or after_make:
        return True
    return cand.i > 0 and s.tokens[cand.i - 1].text in _CONDITION_WORDS


def _context_vehicles(history: Sequence[Turn], lex: _Lexicon) -> tuple[set[str], set[str]]:
    makes: set[str] = set()
    models: set[str] = set()
    for turn in list(history)[-8:]:
        named_makes, named_models = _named_in(turn.text, lex)
        makes |= named_makes
        models |= named_models
    return makes, models


@lru_cache(maxsize=8192)
def _named_in(text: str, lex: _Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The makes and models one earlier message names (each message is read again on every later turn)."""
    cleaned = clean(text)
    lower = cleaned.lower()
    mentions = _mentions(cleaned, lower, _tokens(lower), lex)
    return frozenset(m.make for m in mentions), frozenset(m.model for m in mentions if m.model)


def find_vehicle_mentions(
    text: str, catalog: Catalog | None = None, history: Sequence[Turn] = ()
) -> list[VehicleMention]:
    """Makes and models named in `text` (offsets refer to `clean(text)`)."""
    lex = _lexicon(catalog)
    if not history and (known := lex.mentions.get(text)) is not None:
        return list(known)
    cleaned = clean(text)
    lower = cleaned.lower()
    found = _mentions(cleaned, lower, _tokens(lower), lex, _context_vehicles(history, lex))
    if not history:
        if len(lex.mentions) >= _MENTIONS_KEPT:
            lex.mentions.clear()
        lex.mentions[text] = tuple(found)
    return found


# --------------------------------------------------------------------------------------------------------------
# Attribute vocabularies (shared with compose and guardrails through the *_matches helpers)

_BODY_STYLES: tuple[tuple[str, str], ...] = (
    ("Minivan", r"\bmini[\s-]?vans?\b"),
    ("SUV", r"\bsuvs?\b|\bcrossovers?\b|\bsport utility\b|\bsport utilities\b"),
    ("Truck", r"\btrucks?\b|\bpick[\s-]?ups?\b"),
    ("Sedan", r"\bsedans?\b"),
    ("Coupe", r"\bcoupes?\b"),
    ("Hatchback", r"\bhatch(?:back)?s?\b"),
    ("Convertible", r"\bconvertibles?\b|\bdrop[\s-]?tops?\b"),
    ("Wagon", r"\bwagons?\b"),
    ("Van", r"(?<!mini )(?<!mini-)(?<!mini)\bvans?\b|\bcargo van\b"),
)
_COLORS: tuple[tuple[str, str], ...] = (
    ("White", r"\bwhite\b|\bpearl\b"),
    ("Black", r"\bblack\b"),
    ("Silver", r"\bsilver\b"),
    ("Gray", r"\bgr[ae]y\b|\bcharcoal\b|\bgraphite\b|\bgunmetal\b"),
    ("Red", r"\bred\b|\bmaroon\b|\bburgundy\b|\bcrimson\b"),
    ("Blue", r"\bblue\b|\bnavy\b"),
    ("Green", r"\bgreen\b"),
    ("Brown", r"\bbrown\b|\bbronze\b"),
    ("Beige", r"\bbeige\b|\btan\b|\bchampagne\b"),
    ("Gold", r"\bgold\b"),
    ("Orange", r"\borange\b"),
    ("Yellow", r"\byellow\b"),
    ("Purple", r"\bpurple\b"),
)
_DRIVETRAINS: tuple[tuple[str, str], ...] = (
    ("AWD", r"\bawd\b|\ball[\s-]?wheel(?:[\s-]drive)?\b"),
    ("4WD", r"\b4wd\b|\b4x4s?\b|\bfour[\s-]wheel(?:[\s-]drive)?\b|\b4[\s-]wheel[\s-]drive\b|\b4 by 4\b"),
    ("FWD", r"\bfwd\b|\bfront[\s-]wheel(?:[\s-]drive)?\b"),
    ("RWD", r"\brwd\b|\brear[\s-]wheel(?:[\s-]drive)?\b"),
)
_FUELS: tuple[tuple[str, str], ...] = (
    ("Plug-In Hybrid", r"\bplug[\s-]?in(?:[\s-]hybrids?)?\b|\bphevs?\b"),
    ("Hybrid", r"\bhybrids?\b|\bhevs?\b"),
    ("Electric", r"\bevs?\b|\belectric\b|\bbevs?\b|\bbattery[\s-]electric\b|\bzero[\s-]emissions?\b"),
    ("Diesel", r"\bdiesels?\b"),
    ("Gasoline", r"\bgasoline\b|\bgas[\s-](?:powered|engine|only)\b"),
)
FEATURES: tuple[tuple[str, str], ...] = (
    ("heated seats", r"heated (?:front |rear |leather )?seats?|seat heaters?|heated seating"),
    ("heated steering wheel", r"heated (?:steering )?wheel"),
    ("ventilated seats", r"(?:ventilated|cooled|cooling|air[\s-]conditioned) (?:front )?seats?"),
    ("leather seats", r"\bleather\b"),
    ("sunroof", r"sun\s?roof|moon\s?roof|panoramic|pano roof"),
    ("third row seating", r"(?:3rd|third|3)[\s-]row|\b(?:7|8|seven|eight)[\s-](?:seaters?|passengers?)\b"),
    ("apple carplay", r"apple\s?car\s?play|\bcarplay\b"),
    ("android auto", r"android auto"),
    ("backup camera", r"back\s?up cam|rear\s?(?:view)? cam|reverse cam|rearview camera"),
    ("360 camera", r"360(?:[\s-]degree)? cam|surround view|bird'?s[\s-]eye"),
    ("navigation", r"\bnav\b|navigation|\bgps\b"),
    ("remote start", r"remote (?:start|starter)"),
    ("towing package", r"\btow(?:ing)?\b|trailer hitch|\bhitch\b"),
    ("blind spot monitoring", r"blind[\s-]?spot"),
    ("adaptive cruise control", r"adaptive cruise|smart cruise|radar cruise"),
    ("lane keeping assist", r"lane (?:keep|keeping|assist|departure|centering)"),
    ("bluetooth", r"blue\s?tooth"),
    ("keyless entry", r"keyless|push[\s-]button start|push to start|proximity key"),
    ("premium audio", r"premium (?:audio|sound)|\bbose\b|harman|\bjbl\b|bang (?:and|&) olufsen|sound system"),
    ("wireless charging", r"wireless (?:phone )?(?:charging|charger)"),
    ("captain's chairs", r"captain'?s? chairs?"),
    ("power liftgate", r"(?:power|hands[\s-]free) (?:lift\s?gate|tail\s?gate|trunk|hatch)"),
    ("one owner", r"\bone[\s-]owner|\b1[\s-]owner|single owner"),
    ("clean history report", r"clean (?:carfax|autocheck|history|title)|\bcarfax\b|no accidents?"),
    ("fuel efficient", r"good (?:gas )?(?:mileage|mpg)|fuel[\s-]efficient|great (?:gas )?mileage|good on gas|high mpg"),
    ("low mileage", r"low (?:miles|mileage)"),
)


@cache
def _compiled(table: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((label, re.compile(pattern)) for label, pattern in table)


def _labels(text: str, table: tuple[tuple[str, str], ...]) -> list[str]:
    return [label for label, pattern in _compiled(table) if pattern.search(text)]


def body_matches(vehicle_body: str | None, wanted: str) -> bool:
    return bool(vehicle_body) and (
        wanted in _labels(str(vehicle_body).lower(), _BODY_STYLES) or squash(str(vehicle_body)) == squash(wanted)
    )


def color_matches(vehicle_color: str | None, wanted: str) -> bool:
    return bool(vehicle_color) and (
        wanted in _labels(str(vehicle_color).lower(), _COLORS) or squash(str(vehicle_color)) == squash(wanted)
    )


def drivetrain_matches(vehicle_drivetrain: str | None, wanted: str) -> bool:
    return bool(vehicle_drivetrain) and wanted in _labels(str(vehicle_drivetrain).lower(), _DRIVETRAINS)


def fuel_matches(vehicle_fuel: str | None, wanted: str) -> bool:
    if not vehicle_fuel:
        return False
    found = _labels(vehicle_fuel.lower(), _FUELS)
    return (
        wanted in found or (wanted == "Hybrid" and "Plug-In Hybrid" in found) or squash(vehicle_fuel) == squash(wanted)
    )


def feature_matches(features: Iterable[str], wanted: str) -> str | None:
    """The vehicle's own wording of a wanted feature ('Heated Front Seats' for 'heated seats'), or None."""
    pattern = dict(_compiled(FEATURES)).get(wanted)
    for feature in features:
        if (pattern and pattern.search(feature.lower())) or squash(wanted) in squash(feature):
            return feature
    return None


def model_matches(vehicle_model: str, wanted: str) -> bool:
    """'Santa Fe Hybrid' matches 'Santa Fe'; 'Civic Sedan' matches 'Civic'."""
    return squash(vehicle_model).startswith(squash(wanted))


def make_matches(vehicle_make: str, wanted: str) -> bool:
    return squash(vehicle_make) == squash(wanted)


# --------------------------------------------------------------------------------------------------------------
# Numbers: budgets, monthly payments, down payments, mileage, years

_NUM_RE = re.compile(
    r"(?P<cur>\$\s?)?(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?:\s?(?P<suf>k|grand|thousand)\b)?"
)
_MILEAGE_AFTER = rx(r"^\s*(?:k\s*)?(?:miles?\b|mi\b|mileage\b|on (?:it|the (?:clock|odometer|odo))\b|odo)")
_MILEAGE_BEFORE = rx(r"(?:mileage|miles|odometer)\s*(?:of|is|around|under|below|less than|at|:)?\s*$")
_MONTHLY_AFTER = rx(
    r"^\s*(?:/\s*(?:mo|month|mth|m)\b",
    r"(?:a|per|each|every|an|/)\s*(?:mo|mon|month|mth)\b",
    r"monthly\b|mo\b|mos\b)",
)
_MONTHLY_BEFORE = rx(r"\b(?:payments?|pmts?|monthly)\b[^.?!$\d]{0,25}$")
_DOWN_AFTER = rx(r"^\s*(?:down\b|as (?:a )?down|for (?:a |the )?down)")
_DOWN_BEFORE = rx(r"\bdown(?:\s*payment)?\s*(?:of|is|would be|:)?\s*(?:about|around|like)?\s*$")
_IGNORE_BEFORE = rx(
    r"\b(?:owe|owing|payoff|pay off|offered|quoted|gave me|give me|get|deposit|off|save|saved|rebate|fee)\b"
    r"[^.?!]{0,12}$"
)
_IGNORE_AFTER = rx(
    r"^\s*(?:off\b|discount|rebate|cash back|deposit|for (?:my|it|the trade|a trade|our)|on my|in (?:fees|taxes)",
    r"(?:year|yr)s?\b|people|seats?|rows?|kids|passengers|days?|weeks?|months?|hours?|hp\b|horsepower|mpg",
    r"(?:am|pm)\b|o'?clock|doors?|cyl|cylinders?|speed|%|percent|miles? (?:away|from)|minutes?|min\b)",
)
_BUDGET_CUE = rx(
    r"\b(?:budget|spend|spending|afford|under|below|less than|max|maximum|up to|upto|at most|no more than",
    r"around|about|between|price range|range|over|above|at least|cap|roughly|near|do|take|pay|paying|cash",
    r"have|got|approved for|looking at|something for)\b[^.?!]{0,20}$",
)
_CMP_MAX = rx(
    r"(?:under|below|less than|lower than|no more than|not more than|not over|max(?:imum)?(?: of)?|up to|upto",
    r"at most|within|cap(?:ped)? at|<|tops|no higher than|nothing over|beneath|cheaper than)",
)
_CMP_MAX_TAIL = r"(?:\s+(?:about|around|like|roughly|maybe|approx(?:imately)?|\$)){0,2}\s*$"
_CMP_MAX_BEFORE = re.compile(f"(?:{_CMP_MAX.pattern}){_CMP_MAX_TAIL}")
_CMP_MIN_BEFORE = rx(r"(?:over|above|more than|at least|minimum(?: of)?|min|starting at|>|north of)\s*$")
_CMP_AROUND_BEFORE = rx(
    r"(?:around|about|approx(?:imately)?|roughly|~|close to|ballpark|near|somewhere around|in the|like)\s*$"
)
_CMP_MAX_AFTER = rx(r"^\s*(?:or (?:less|under|below|lower|cheaper)|max\b|tops\b|at most|maximum)")
_CMP_MIN_AFTER = rx(r"^\s*(?:or (?:more|higher|above)|\+|plus\b|and up\b|minimum)")
_CMP_AROUND_AFTER = rx(r"^\s*(?:ish\b|or so\b|range\b|-ish|give or take)")
_YEAR_MIN_AFTER = rx(
    r"^\s*(?:\+|or (?:newer|later|above|up|higher|after|a newer one)|and (?:newer|up|later|above|after)",
    r"plus\b|onwards?\b|or more recent|and beyond|or better)",
)
_YEAR_MAX_AFTER = rx(r"^\s*(?:or (?:older|earlier|before)|and (?:older|earlier|below))")
_YEAR_AFTER_BEFORE = rx(r"\b(?:newer than|after|later than)\s*(?:a|an|the)?\s*$")
_YEAR_MIN_BEFORE = rx(r"\b(?:at least|no older than|minimum|from|since|starting|min)\s*(?:a|an|the)?\s*$")
_YEAR_OLDER_BEFORE = rx(r"\b(?:older than|before|earlier than|prior to)\s*(?:a|an|the)?\s*$")
_YEAR_MAX_BEFORE = rx(r"\b(?:no newer than|up to|until|at most)\s*(?:a|an|the)?\s*$")
_YEAR_CONTEXT_BEFORE = rx(r"\b(?:a|an|the|year|model year|is|like|want|need)\s*$")
_VEHICLE_NOUN = rx(
    r"^\s*(?:model\b|or (?:so|newer|later)",
    r"\w*\s?(?:car|cars|suv|suvs|truck|trucks|sedan|van|minivan|vehicle|one|ones|coupe|hatchback|crossover|model)\b)",
)


@dataclass
class _Num:
    start: int
    end: int
    value: float
    cur: bool
    suf: bool
    digits: str
    apostrophe: bool
    kind: str = "plain"  # year, mileage, monthly, down, budget, ignore, plain
    cmp: str = ""  # max, min, around, range_min, range_max


def _clause_before(text: str, start: int, size: int = 40) -> str:
    return re.split(r"[.!?;\n]", text[max(0, start - size) : start])[-1]


def _find_numbers(masked: str) -> list[_Num]:
    numbers: list[_Num] = []
    for m in _NUM_RE.finditer(masked):
        digits = m.group("num").replace(",", "")
        value = float(digits + (m.group("dec") or "")) * (1000 if m.group("suf") else 1)
        start = m.start("cur") if m.group("cur") else m.start("num")
        apostrophe = start > 0 and masked[start - 1] == "'"
        numbers.append(_Num(start, m.end(), value, bool(m.group("cur")), bool(m.group("suf")), digits, apostrophe))
    for num in numbers:
        _classify(masked, num)
    _link_ranges(masked, numbers)
    return numbers


def _classify(text: str, num: _Num) -> None:
    after = text[num.end : num.end + 24]
    before = _clause_before(text, num.start)
    plain = not num.cur and not num.suf
    if num.apostrophe and plain and len(num.digits) == 2:
        num.kind, num.value = "year", float(2000 + int(num.digits) if int(num.digits) <= 40 else 1900 + int(num.digits))
    elif _MILEAGE_AFTER.match(after) or _MILEAGE_BEFORE.search(before):
        num.kind = "mileage"
    elif _MONTHLY_AFTER.match(after) or (_MONTHLY_BEFORE.search(before) and num.value < 5000):
        num.kind = "monthly"
    elif _DOWN_AFTER.match(after) or _DOWN_BEFORE.search(before):
        num.kind = "down"
    elif _IGNORE_AFTER.match(after) or _IGNORE_BEFORE.search(before):
        num.kind = "ignore"
    elif plain and len(num.digits) == 4 and 1980 <= num.value <= 2035:
        num.kind = "year"
    elif num.suf or (num.cur and num.value >= 1000) or (num.value >= 1000 and _BUDGET_CUE.search(before)):
        num.kind = "budget"
    num.cmp = _comparator(before, after)


def _comparator(before: str, after: str) -> str:
    if _CMP_MAX_BEFORE.search(before) or _CMP_MAX_AFTER.match(after):
        return "max"
    if _CMP_MIN_BEFORE.search(before) or _CMP_MIN_AFTER.match(after):
        return "min"
    if _CMP_AROUND_BEFORE.search(before) or _CMP_AROUND_AFTER.match(after):
        return "around"
    return ""


def _link_ranges(text: str, numbers: list[_Num]) -> None:
    """'20-30k', 'between 20 and 30k', '2018 to 2021': the second number decides what both are."""
    for a, b in itertools.pairwise(numbers):
        gap = text[a.end : b.start]
        dash = re.fullmatch(r"\s*(?:-|to|through|thru)\s*", gap) is not None
        between = re.fullmatch(r"\s*(?:and|&)\s*", gap) is not None and re.search(
            r"\bbetween\s*\$?\s*$", text[max(0, a.start - 12) : a.start]
        )
        if not (dash or between) or b.kind in ("ignore", "down", "plain") or a.kind not in ("plain", b.kind):
            continue
        if b.kind != "year" and b.suf and not a.suf and a.value < 1000:
            a.value *= 1000
        a.kind, a.cmp, b.cmp = b.kind, "range_min", "range_max"


def _cents(dollars: float) -> int:
    return round(dollars * 100)


def _apply_numbers(slots: Slots, numbers: Sequence[_Num], masked: str, year_hints: set[int]) -> None:
    bare_years: list[int] = []
    for num in numbers:
        if num.kind == "budget" and 500 <= num.value <= 2_000_000:
            _apply_budget(slots, num)
        elif num.kind == "monthly" and 25 <= num.value <= 5000 and num.cmp != "range_min":
            slots.monthly_budget_cents = _cents(num.value)
        elif num.kind == "down" and num.value >= 100:
            slots.down_payment_cents = _cents(num.value)
        elif num.kind == "mileage" and num.value <= 500_000 and num.cmp not in ("min", "range_min"):
            slots.mileage_max = round(num.value)
        elif num.kind == "year" and not _apply_year(slots, num, masked):
            year = round(num.value)
            context = masked[max(0, num.start - 12) : num.start]
            if year in year_hints or _VEHICLE_NOUN.match(masked[num.end :]) or _YEAR_CONTEXT_BEFORE.search(context):
                bare_years.append(year)
    if bare_years and slots.year_min is None and slots.year_max is None:
        slots.year_min, slots.year_max = min(bare_years), max(bare_years)


def _apply_budget(slots: Slots, num: _Num) -> None:
    cents = _cents(num.value)
    if num.cmp in ("min", "range_min"):
        slots.budget_min_cents = cents
    elif num.cmp == "around":
        slots.budget_min_cents = _cents(round(num.value * 0.9, -2))
        slots.budget_max_cents = _cents(round(num.value * 1.1, -2))
    elif slots.budget_max_cents is None or num.cmp in ("max", "range_max"):
        slots.budget_max_cents = cents


def _apply_year(slots: Slots, num: _Num, text: str) -> bool:
    year = round(num.value)
    after = text[num.end : num.end + 24]
    before = _clause_before(text, num.start, 30)
    if num.cmp == "range_min" or _YEAR_MIN_AFTER.match(after) or _YEAR_MIN_BEFORE.search(before):
        slots.year_min = year
    elif num.cmp == "range_max" or _YEAR_MAX_AFTER.match(after) or _YEAR_MAX_BEFORE.search(before):
        slots.year_max = year
    elif _YEAR_AFTER_BEFORE.search(before):
        slots.year_min = year + 1
    elif _YEAR_OLDER_BEFORE.search(before):
        slots.year_max = year - 1
    else:
        return False
    return True


# --------------------------------------------------------------------------------------------------------------
# Trade-ins: the customer's own vehicle is not what they want to buy

_TRADE_CUE = rx(
    r"\btrad(?:e|es|ed|ing)\b|\btrade-?ins?\b|\btradein\b|\bsell(?:ing)?\s+(?:you\s+)?(?:my|our)\b|\bworth\b",
    r"\bapprais\w*|\bkbb\b|\bblue book\b|\bbuy (?:my|our)\b|\b(?:pay|give|offer) (?:me |us )?for (?:my|our)\b",
)
_HAS_TRADE = rx(
    r"\b(?:i|we)\s*(?:also\s+|do\s+|still\s+|might\s+|may\s+)?(?:have|'ve got|ve got|got|will have)\s+"
    r"(?:a\s+)?trade(?:[\s-]?in)?\b",
    r"\b(?:my|our)\s+trade(?:[\s-]?in)?\b|\bwith (?:a|my) trade(?:[\s-]?in)?\b",
    r"\btrading (?:in )?(?:my|a|our)\b|\btrade (?:in )?my\b",
)
_OWNED_CUE = rx(
    r"\b(?:my|our)\b|\b(?:i|we)\s+(?:have|own|drive|got|currently have|currently drive|am driving|bought)\b",
    r"\b(?:i|we)'?ve\s+got\b|\btrad(?:e|ing)\b|\bused to (?:have|own|drive)\b",
)
_OWNED_FILLERS = words(
    "a an the in is my our old current paid off little trusty beat up used trade tradein trades ol beloved "
    "currently personal existing other wife husband mom dad wifes husbands sons daughters moms dads girlfriends "
    "boyfriends family leased financed white black silver gray grey red blue green brown gold"
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


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _trade_in(lower: str, owned: Sequence[_Owned]) -> TradeIn | None:
    if not _TRADE_CUE.search(lower) and not _HAS_TRADE.search(lower):
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
_NEW_NOUNS = words("car cars one ones vehicle vehicles truck trucks suv suvs model models")


def _condition(lower: str, tokens: Sequence[_Tok], mentions: Sequence[VehicleMention]) -> str | None:
    if re.search(r"\bcertified\b|\bcpo\b", lower):
        return "certified"
    used = bool(re.search(r"\bpre[\s-]?owned\b|\bsecond[\s-]?hand\b|\bused\b(?!\s+to\b)", lower))
    starts = {m.start for m in mentions}
    new = bool(re.search(r"\bbrand[\s-]?new\b", lower)) or any(
        tok.text == "new"
        and (nxt.text in _NEW_NOUNS or nxt.start in starts or _year_token(lower, tokens, k + 1) is not None)
        for k, (tok, nxt) in enumerate(itertools.pairwise(tokens))
    )
    if (new and used) or re.search(r"\bnew or (?:used|pre[\s-]?owned)\b|\bused or new\b", lower):
        return None
    return "new" if new else "used" if used else None


def _colors(masked: str) -> list[str]:
    found: list[str] = []
    for label, pattern in _COLORS:
        for m in re.finditer(pattern, masked):
            interior = re.match(r"\s+(?:leather|interior|seats|cloth|inside|friday|glove|book)\b", masked[m.end() :])
            if not interior and label not in found:
                found.append(label)
    return found


def _features(masked: str) -> list[str]:
    found = _labels(masked, FEATURES)
    if "low mileage" in found and "fuel efficient" in found:
        found.remove("fuel efficient")
    return found


def _fuel_types(masked: str) -> list[str]:
    found = _labels(masked, _FUELS)
    if "Plug-In Hybrid" in found and not re.search(r"\bhybrids?\b", re.sub(_FUELS[0][1], " ", masked)):
        found = [f for f in found if f != "Hybrid"]
    return found


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


def _unique(items: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


def extract_slots(text: str, catalog: Catalog | None = None, history: Sequence[Turn] = ()) -> Slots:
    """Everything the customer says they want (and their trade-in), from one message."""
    cleaned = clean(text)
    lower = cleaned.lower()
    tokens = _tokens(lower)
    lex = _lexicon(catalog)
    mentions = _mentions(cleaned, lower, tokens, lex, _context_vehicles(history, lex))
    owned = _owned_vehicles(lower, tokens, mentions)
    masked = _mask(lower, [(o.start, o.end) for o in owned])
    wanted = [m for m in mentions if not any(o.start <= m.start < o.end for o in owned)]
    slots = Slots(
        makes=_unique(m.make for m in wanted),
        models=_unique(m.model for m in wanted),
        body_styles=_labels(masked, _BODY_STYLES),
        colors=_colors(masked),
        drivetrains=_labels(masked, _DRIVETRAINS),
        fuel_types=_fuel_types(_mask(masked, [(m.start, m.end) for m in wanted])),  # not "Tucson Hybrid"
        condition=_condition(masked, tokens, wanted),
        features=_features(masked),
        timeline=_timeline(lower),
    )
    _apply_numbers(slots, _find_numbers(masked), masked, {m.year for m in wanted if m.year})
    slots.stock_number, slots.vin = _identifiers(lower)
    slots.trade_in = _trade_in(lower, owned)
    return slots


# --------------------------------------------------------------------------------------------------------------
# Sentiment


def _weights(table: str) -> dict[str, float]:
    pairs = (item.split(":") for item in table.split())
    return {word: float(weight) for word, weight in pairs}


_POSITIVE = _weights(
    "love:2 loved:2 loves:2 loving:2 like:0.3 likes:0.8 liked:0.8 great:1.5 awesome:2 amazing:2 excellent:2 "
    "perfect:1.5 nice:1 good:1 happy:1.5 glad:1.2 excited:1.5 thanks:0.8 thank:0.8 thx:0.8 appreciate:1.2 "
    "appreciated:1.2 helpful:1.5 wonderful:2 fantastic:2 beautiful:1.5 gorgeous:1.5 recommend:1.5 "
    "recommended:1.5 pleased:1.5 easy:1 smooth:1 friendly:1.5 cool:0.8 sweet:1 wow:1 yay:1.5 impressed:1.5 "
    "satisfied:1.5 super:0.8 dope:1 fair:0.5 interested:0.4 stoked:1.5 thrilled:2 lovely:1.5 best:0.5 "
    "reasonable:0.8 clean:0.5"
)
_NEGATIVE = _weights(
    "bad:1.5 terrible:2.5 horrible:2.5 awful:2.5 worst:3 hate:2.5 hated:2.5 angry:2.5 mad:2 upset:2 "
    "frustrated:2 frustrating:2 annoyed:2 annoying:2 ridiculous:2 unacceptable:2.5 disappointed:2 "
    "disappointing:2 useless:2.5 pathetic:2.5 stupid:2 dumb:1.5 scam:3 scammed:3 scammers:3 ripoff:3 lied:2.5 "
    "liar:3 liars:3 lying:2.5 rude:2 joke:1 waste:2 wasted:2 wasting:2 garbage:2.5 trash:2 sucks:2 suck:2 "
    "crap:1.5 shit:2 bullshit:3 fuck:2.5 fucking:1.5 wtf:2.5 disgusted:2.5 disgusting:2.5 furious:3 pissed:3 "
    "outraged:3 livid:3 shady:2 sketchy:1.5 dishonest:2.5 misleading:2 misled:2.5 problem:0.6 problems:0.8 "
    "issue:0.5 issues:0.6 broken:1.2 wrong:1 worse:1.5 ignored:2 ghosted:2 unhappy:2 sad:1 overpriced:1.5 "
    "hassle:1.5 nightmare:2.5 incompetent:2.5 unprofessional:2.5 complaint:1.5 complain:1.5 ripped:2.5 "
    "cheated:2.5 sick:1 tired:1 irritated:2 ugh:1.5 smh:1.5 horrendous:2.5 lemon:1.5 refund:1 nobody:0.8 "
    "poor:1.2 slow:0.8 pushy:2 greedy:2 insane:1 crazy:0.5 terribly:1.5 screw:2"
)
_POSITIVE_EMOJI = "😊🙂😀😃😄😁👍❤😍🙏🎉🤩😎🥰💯✅👌"
_NEGATIVE_EMOJI = "😡🤬😠👎😤😒🙄😞😢😭💢👿😩😫🤦"
_INTENSIFIERS = words("very really so extremely super totally absolutely incredibly freaking beyond truly")
_NEUTRALISED = rx(
    r"\b(?:best (?:price|deal|offer|you can do|number)|no problem|not a problem|no worries)\b",
    r"\b(?:holy (?:shit|crap|cow|moly|smokes)|damn (?:good|nice|fine)|bad ?ass|sick (?:ride|truck|car|whip))\b",
    r"\b(?:bad|poor|good|great|excellent|fair) credit\b|\bgood (?:morning|afternoon|evening)\b",
    # a taste about the product ("I hate the grey", "not a fan of the wheels") is not displeasure with the dealer
    r"\b(?:hate|hated|dislike|don'?t like|do not like|not a fan of|can'?t stand) (?:the|that|this|its|their|those|"
    r"these)(?: \w+)? (?:colou?rs?|paint|shade|looks?|styling|style|design|grille|interior|seats?|wheels?|rims?|shape|"
    r"trim|layout|dash(?:board)?|screen|console|one|ones)\b",
)
ACRONYMS = words("SUV SUVS AWD FWD RWD OTD APR VIN BBB USA CPO MPG KBB GPS MSRP ASAP FYI LOL OMG GMC BMW AMG")


def sentiment(text: str) -> float:
    """-1 (furious) .. 1 (delighted); 0 for a neutral question."""
    cleaned = clean(text)
    tokens = TOKEN_RE.findall(_NEUTRALISED.sub(" ", cleaned.lower()))
    pivot = max((k for k, w in enumerate(tokens) if w in ("but", "however", "although")), default=-1)
    total = 0.0
    for k, word in enumerate(tokens):
        score = _POSITIVE.get(word, 0.0) - _NEGATIVE.get(word, 0.0)
        if not score:
            continue
        if k and tokens[k - 1] in _INTENSIFIERS:
            score *= 1.5
        if any(w in _NEGATORS or w.endswith("n't") for w in tokens[max(0, k - 3) : k]):
            score *= -0.8 if score > 0 else -0.3
        if pivot >= 0:
            score *= 1.5 if k > pivot else 0.5
        total += score
    total += sum(1.0 for c in cleaned if c in _POSITIVE_EMOJI) - sum(1.5 for c in cleaned if c in _NEGATIVE_EMOJI)
    shouted = [w for w in re.findall(r"\b[A-Z]{3,}\b", cleaned) if w not in ACRONYMS]
    if total < 0 and (len(shouted) >= 2 or cleaned.count("!") >= 2 or "?!" in cleaned):
        total *= 1.4
    return max(-1.0, min(1.0, total / math.sqrt(total * total + 6.0)))


# --------------------------------------------------------------------------------------------------------------
# Human requests, opt-outs, questions

_OPT_OUT_RE = re.compile(r"^\s*(?:stop|stop all|stopall|unsubscribe|cancel|end|quit)\s*[.!]*\s*$", re.IGNORECASE)
_RESUME_RE = re.compile(r"^\s*(?:start|unstop|subscribe|resume)[.!]*\s*$", re.IGNORECASE)
_PEOPLE = (
    r"(?:human|person|someone|somebody|anyone|manager|sales\s?(?:man|person|rep|team|guy|lady|manager|department)|"
    r"rep|representative|agent|dealer|owner|finance (?:guy|manager|person|department)|gm|boss|supervisor|actual|"
    r"real|live|people|staff|employee|associate|consultant|advisor)"
)
_HUMAN_RE = rx(
    r"\b(?:real|actual|live|human|physical)\s+(?:person|human|people|agent|being|sales\s?(?:man|person|rep|guy))\b",
    r"\b(?:talk|speak|chat|text|connect|connected|transfer)\s+(?:me\s+)?(?:to|with|w/|w)\s+"
    rf"(?:a\s+|an\s+|the\s+|your\s+|ur\s+|some\s+|one of your\s+)?{_PEOPLE}\b",
    r"\b(?:call|phone|ring)\s+me\b|\bgive me a (?:call|ring|phone call)\b",
    r"\b(?:have|get|can|could|need|want|ask|tell)\s+(?:someone|somebody|(?:a|an|the|your|one of your)\s+"
    rf"{_PEOPLE})\s+(?:to\s+)?(?:call|text|contact|reach out|email|get back|phone|help)\b",
    r"\b(?:get|put|send|find|connect) me (?:to |with )?(?:someone|somebody|a person|a human|a manager|a rep"
    r"|a salesperson|a real person|an actual person)\b|\bsomeone (?:who|that) (?:actually )?works\b",
    r"\b(?:whoever|who'?s|who is|the person|someone|somebody)\s+(?:is\s+)?in charge\b|\blet me (?:talk|speak) to\b",
    r"\b(?:no|not a|stop the|enough with the|done with the|tired of the)\s+(?:bots?|robots?|ai|automated)\b",
    r"\bhuman (?:please|pls|plz|being)\b|\bhumans?\s*(?:please|pls|plz|\?|!|$)",
    r"\b(?:representative|operator|agent)\s*(?:please|pls|plz|!|$)|\bwho (?:can|do) i (?:talk|speak) to\b",
    r"\b(?:is there|is their|got|you got|do you have) (?:a|an|any|some)\s*(?:one|body|person|human|real person|"
    r"manager|sales\s?(?:man|person|rep)|employee)\b[^.?!]{0,25}\b(?:talk|speak|chat)\b",
    r"\b(?:some|any)\s?(?:one|1|body) (?:to )?call me\b|\bsum1 (?:to )?call me\b",
    r"\b(?:need|want|like|get|request|requesting|expecting|waiting on|waiting for|can i get|could i get)\s+"
    r"(?:a\s+|an?\s+urgent\s+|your\s+)?call[\s-]?back\b|\bcall[\s-]?back (?:please|pls|plz|asap|from)\b",
    r"\b(?:get|put)\s+(?:someone|somebody|anyone|anybody|sum1|a (?:person|human|manager|rep|salesperson))\s+"
    r"on the (?:phone|line)\b|\bescalat(?:e|ing) (?:this|me|my|it|the)\b",
    r"\b(?:need|want|request|demand|requesting)\s+(?:to see\s+)?(?:a|the|your|ur)\s+(?:sales\s+|general\s+)?"
    r"(?:manager|supervisor|gm)\b",
    # Spanish, common at US dealerships: "quiero hablar con una persona", "llámenme", "necesito un gerente"
    r"\b(?:hablar|platicar|comunicarme) con (?:una? |el |la |alguien|algún |algun )?"
    r"(?:persona|humano|alguien|gerente|vendedor|vendedora|encargado|encargada|asesor|asesora|agente|real)\b",
    r"\b(?:ll[aá]m(?:e|en)me|ll[aá]mame|me pueden llamar|me puede llamar|puede[ns]? llamarme)\b",
)
_NOT_A_NAME = r"(?!(?:You|Your|The|A|An|Me|It|Them|Him|Her|Someone|Somebody|Anyone|I|We|They|This|That)\b)"
_HUMAN_NAME_RE = rx(
    rf"\b(?:talk|speak)\s+(?:to|with)\s+{_NOT_A_NAME}[A-Z][a-z]+\b",
    rf"\b(?:have|get|ask|tell)\s+{_NOT_A_NAME}[A-Z][a-z]+\s+(?:from \w+\s+)?(?:to\s+)?"
    r"(?:call|text|email|contact|reach out|get back)\b",
)
_CALL_ME_NAME_RE = rx(
    r"\bcall me\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tomorrow|Tonight|At|After|"
    r"Before|Back|Asap|ASAP|Now|Please|Pls|When|Anytime|Any|Later|This|Tmrw|In|On|If)\b)[A-Z][a-z]+\b"
)
_BOT_RE = rx(
    r"\b(?:are|r)\s+(?:you|u|ya|this)\s+(?:a\s+|an\s+|just\s+a\s+)?"
    r"(?:bot|robot|real|human|ai|person|computer|machine|automated|chat\s?bot|live)\b",
    r"\bis this (?:a\s+)?(?:bot|robot|automated|ai|real person|a real person|human)\b",
    r"\b(?:talking|chatting|texting) (?:to|with) a (?:bot|robot|machine|computer)\b|\bbots?\b",
)
_QUESTION_START = words(
    "what whats what's when where which who whom whose why how hows how's wheres where's do does did is are was "
    "were can could would will should shall may any got have has u r"
)
_CLAUSE_LEAD = words("ok okay so but and well also then hey hi hello yeah yes no alright")


def wants_human(text: str) -> bool:
    """An explicit request for a person ('can I talk to a manager', 'call me'), not negated."""
    cleaned = clean(text)
    lower = cleaned.lower()
    if _CALL_ME_NAME_RE.search(cleaned):  # "call me Jen" introduces a name
        lower = _mask(lower, [m.span() for m in _CALL_ME_NAME_RE.finditer(cleaned)])
    if any(not is_negated(lower, m.start(), 4) for m in _HUMAN_RE.finditer(lower)):
        return True
    return any(not is_negated(lower, m.start(), 4) for m in _HUMAN_NAME_RE.finditer(cleaned))


def asks_if_bot(text: str) -> bool:
    return bool(_BOT_RE.search(clean(text).lower()))


def is_question(text: str) -> bool:
    lower = clean(text).lower()
    if "?" in lower:
        return True
    for clause in re.split(r"[.,;!\n]", lower):
        tokens = TOKEN_RE.findall(clause)
        while tokens and tokens[0] in _CLAUSE_LEAD:
            tokens = tokens[1:]
        if tokens and tokens[0] in _QUESTION_START:
            return True
    return bool(re.search(r"\b(?:i was wondering|wondering if|can you tell me|let me know if|do you know)\b", lower))


# --------------------------------------------------------------------------------------------------------------
# Intents

_YOU = r"(?:you|u|ya|y'?all|ya'?ll|you guys|u guys|you all|your dealership|they|the dealership)"
_IT = r"(?:it|they|that|this|that one|this one|the \w+|the \w+ one)"
_RULES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("availability", 2.0, rx(rf"\b(?:do|does|did)\s+{_YOU}\s+(?:still\s+)?(?:have|got|carry|stock|sell|get|has)\b")),
    (
        "availability",
        2.0,
        rx(
            r"\b(?:is|are|was)\s+(?:it|they|that|this|the|those|these|there)\b[^.?!]{0,50}\b(?:still )?"
            r"(?:available|avail|in stock|for sale|on the lot|around|sold|gone|left)\b",
            r"\bstill\s+(?:available|avail|for sale|there|have (?:it|that|one|them)|got (?:it|that|one)|in stock)\b",
            r"\bstill\s+(?:around|on the lot)\b",
        ),
    ),
    ("availability", 1.5, rx(r"\b(?:in stock|on (?:the|your) lot|on hand|availability)\b")),
    ("availability", 1.5, rx(r"\bany\s+(?:\w+\s+){0,3}(?:available|in stock|on the lot|left|coming in)\b")),
    (
        "availability",
        1.0,
        rx(r"^(?:u |you )?(?:got|have|has)\s+(?:any|a|an|the)\b|\bavailable\b|\bis it (?:still )?there\b"),
    ),
    ("availability", 1.5, rx(r"\b(?:has|did) (?:it|that|the \w+) sell\b|\bbeen sold\b")),
    (
        "availability",
        2.0,
        rx(
            rf"\b(?:does|do|did)\s+{_IT}\s+(?:have|has|come with|include|got|offer)\b",
            rf"\b(?:is|are)\s+{_IT}\s+(?:an?\s+)?(?:awd|4wd|4x4|fwd|rwd|all[\s-]wheel|hybrid|electric|automatic)\b",
            rf"\b(?:is|are)\s+{_IT}\s+(?:an?\s+)?(?:manual|new|used|certified|leather|one owner)\b",
            r"\bwhat colou?r\b|\bhow many (?:miles|owners)\b|\bwhat(?:'s| is) the (?:mileage|trim|colou?r|mpg)\b",
        ),
    ),
    (
        "inventory_search",
        2.0,
        rx(r"\b(?:looking|searching|shopping|hunting|lookin)\s+(?:for|at|around for)\b|\bin the market for\b"),
    ),
    (
        "inventory_search",
        1.5,
        rx(
            r"\b(?:want|need|interested in|wanting|considering|thinking about|after|wanna get|want to (?:buy|get))\b"
            r"[^.?!]{0,30}\b(?:car|suv|truck|van|minivan|sedan|vehicle|ride|something|crossover|hatchback|coupe|"
            r"convertible|wagon|one)\b"
        ),
    ),
    (
        "inventory_search",
        1.5,
        rx(
            r"\bshow me\b|\bwhat (?:do you have|have you got|(?:\w+ )?(?:options|inventory|choices))\b|\boptions\b",
            r"\b(?:can|could|would|what do|which do|what would) (?:you|u) (?:recommend|suggest)\b",
            r"\brecommendations?\b|\bwhat'?s (?:in stock|available|on the lot)\b|\binventory\b|\bselection\b",
        ),
    ),
    ("trade_in", 2.5, rx(r"\btrad(?:e|es|ing|ed)\b|\btrade-?ins?\b|\btradein\b")),
    (
        "trade_in",
        2.0,
        rx(
            r"\bsell(?:ing)?\s+(?:you\s+)?(?:my|our)\b|\b(?:pay|give|offer) (?:me |us )?for (?:my|our)\b",
            r"\bhow much (?:would|will|can|could) (?:you|u) (?:give|offer|pay)\b|\bbuy my (?:car|truck|vehicle)\b",
        ),
    ),
    (
        "trade_in",
        1.5,
        rx(
            r"\bwhat(?:'s| is| would| will)\b[^.?!]{0,30}\bworth\b|\bapprais\w*|\bkbb\b|\bkelley blue book\b",
            r"\bblue book\b|\bvalue (?:my|of my)\b|\bnegative equity\b|\bupside down\b|\bowe\b|\bpayoff\b",
        ),
    ),
    (
        "financing",
        2.0,
        rx(
            r"\bfinanc\w*|\bcredit\b|\bloans?\b|\bdown ?payment\b|\bpre[\s-]?approv\w*|\bapproved\b|\bapproval\b",
            r"\bco[\s-]?sign\w*|\bcosign\w*|\bbankrupt\w*|\brepo(?:ssession|ssessed|'d)?\b",
        ),
    ),
    (
        "financing",
        1.5,
        rx(
            r"\bapr\b|\binterest rates?\b|\brates?\b|\blenders?\b|\bbanks?\b|\bcredit union\b|\bmonthly\b",
            r"\bpayments?\b|\ba month\b|\bper month\b|/mo\b|\bmoney down\b|\bput (?:\$?[\d,]+k? )?down\b|\bqualify\b",
        ),
    ),
    (
        "financing",
        1.0,
        rx(r"\bpay(?:ing)? (?:in )?cash\b|\bcash (?:buyer|deal|purchase)\b|\boutside financing\b|\bmy own bank\b"),
    ),
    ("lease", 3.0, rx(r"\bleas(?:e|es|ed|ing)\b|\bmoney factor\b|\bresidual\b|\blease buyout\b")),
    (
        "test_drive",
        3.0,
        rx(
            r"\btest[\s-]?driv\w*|\btestdrive\b|\btest it out\b|\btake it for a (?:spin|drive|ride)\b",
            r"\btake (?:it|one) out\b",
        ),
    ),
    (
        "test_drive",
        1.5,
        rx(
            r"\b(?:come|stop|swing|drop|head|go)\s+(?:in|by|down|over|out)\b|\bin person\b|\bvisit\b",
            r"\b(?:see|look at|check out|view|sit in|drive)\s+(?:it|them|the \w+|one|that one|this one)\b",
        ),
    ),
    ("test_drive", 1.5, rx(r"\b(?:appointment|appt|schedule|book|reserve)\b")),
    (
        "test_drive",
        1.5,
        rx(
            r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b[^.?!]{0,15}\b\d{1,2}(?::\d\d)?\s*(?:am|pm)?\b",
            r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b",
        ),
    ),
    (
        "hours_location",
        2.0,
        rx(
            rf"\bhours\b|\bwhat time (?:do|does|are|is|will|r)\b|\b(?:are|r) {_YOU} open\b",
            r"\bopen (?:on|today|tomorrow|tonight|late|now|until|till|til|sunday|saturday|sundays|saturdays|sun|sat)\b",
            rf"\b(?:when|what time) (?:do|does|are) (?:{_YOU}|the \w+) (?:open|close)\b",
            r"\bclos(?:e|es|ing) time\b|\bopening time\b",
        ),
    ),
    (
        "hours_location",
        2.5,
        rx(
            r"\bwhere (?:are|r|is) (?:you|u|y'?all|you guys|the dealership|your dealership|your lot|the lot|ur)\b",
            r"\blocated\b|\blocation\b|\baddress\b|\bdirections\b",
            r"\bhow (?:do|can) i (?:get|find) (?:there|to you|you)\b",
            r"\bhow far\b|\bwhere(?:'s| is) (?:the|your) (?:dealership|store|showroom)\b",
        ),
    ),
    ("hours_location", 1.0, rx(r"\bphone number\b|\bnumber to call\b|\bcontact info\b")),
    (
        "service",
        3.0,
        rx(
            r"\bservice (?:dept|department|center|centre|appointment|appt|advisor|writer|desk)\b",
            r"\boil change\b|\bmaintenance\b|\bcheck engine\b|\bengine light\b",
        ),
    ),
    (
        "service",
        1.5,
        rx(
            r"\b(?:repairs?|repaired|fix|fixed|brakes?|rotation|alignment|recalls?|inspection|diagnostic|noise)\b",
            r"\b(?:warranty (?:work|repair|claim)|leak(?:ing|s)?|parts (?:department|dept)|body shop|detailing)\b",
            r"\b(?:tune[\s-]?up|needs? (?:new )?tires)\b",
        ),
    ),
    ("service", 1.0, rx(r"\bservice\b")),
    (
        "price",
        2.0,
        rx(
            r"\bprice[ds]?\b|\bpricing\b|\bhow much\b|\bcosts?\b|\bmsrp\b|\bsticker\b|\basking price\b",
            r"\bwhat are (?:you|u) asking\b|\blisted (?:at|for)\b|\bwhat(?:'s| is) it going for\b",
        ),
    ),
    (
        "price",
        3.0,
        rx(
            r"\botd\b|\bout[\s-]?the[\s-]?door\b|\bbest (?:price|deal|offer|number)\b|\blowest\b|\bnegotiat\w*",
            r"\bdiscount\w*|\bcheaper\b|\bcan (?:you|u|ya) (?:do|go|take|sell)\b[^.?!]{0,12}\$?\d",
            r"\bwould (?:you|u) (?:take|accept|do)\b[^.?!]{0,12}\$?\d|\bprice match\b|\brebates?\b|\bincentives?\b",
            r"\b(?:dealer|doc|documentation|admin) fees?\b|\bmark[\s-]?up\b|\bmarket adjustment\b|\bbottom line\b",
            r"\bwiggle room\b|\bdeals?\b",
        ),
    ),
    (
        "not_interested",
        4.0,
        rx(
            r"\bnot interested\b(?!\s+in\s+(?:a|an|the)?\s*\w)|\bno longer interested\b",
            r"\bno (?:thanks|thank you|thx|ty)\b",
            r"\bnot (?:looking|shopping|in the market) (?:anymore|any more|right now|now)\b",
            r"\bno longer (?:looking|shopping|need)\w*\b",
        ),
    ),
    (
        "not_interested",
        3.0,
        rx(
            r"\b(?:already )?(?:bought|purchased|got|found) (?:one|a car|a truck|a vehicle|something|a \w+)\b"
            r"[^.?!]{0,30}\b(?:elsewhere|already|another|different|other)\b",
            r"\balready (?:bought|purchased|got|found)\b",
            r"\b(?:bought|purchased)(?: (?:one|it|a car|a truck|a vehicle))? (?:elsewhere|somewhere else)\b",
            r"\b(?:went|going|go) with (?:another|a different|someone else)\b",
            r"\bchanged my mind\b|\bnot (?:going to|gonna) (?:buy|purchase|move forward)\b|\bdecided (?:not|against)\b",
            r"\bwe'?re good\b|\bi'?m good\b(?!\s+with)|\bpass\b",
        ),
    ),
    ("not_interested", 1.5, rx(r"\bnever ?mind\b|\bnvm\b|\bnot (?:right )?now\b|\bmaybe later\b|\bnot interested\b")),
    (
        "thanks",
        2.0,
        rx(
            r"\b(?:thanks|thank you|thank u|thanx|thnx|thx|ty|tysm|tyvm|much appreciated|cheers)\b",
            r"\bappreciate (?:it|you|that|the help|your help)\b",
        ),
    ),
    (
        "greeting",
        1.5,
        rx(
            r"^\W*(?:hi+|hello+|hey+|hiya|howdy|yo|good (?:morning|afternoon|evening)|greetings|sup|what'?s up)\b",
            r"^\W*(?:hola|morning|afternoon|evening)\b",
        ),
    ),
)
_AFFIRMATIVE = rx(
    r"^\W*(?:yes|yeah|yea|yep|yup|ya|sure|ok|okay|k|sounds good|definitely|absolutely|please|that works|perfect",
    r"y|of course|for sure|i do|we do|i'?d like that|let'?s do it|works for me)\b",
)
_DAY_TIME = rx(
    r"\b(?:today|tomorrow|tmrw|tonight|this weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day|sat|sun|morning",
    r"afternoon|evening|\d{1,2}(?::\d\d)?\s*(?:am|pm))\b",
)
_AI_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("test_drive", rx(r"test drive|come (?:in|by|see)|stop by|visit|what day|what time|schedule|appointment")),
    ("trade_in", rx(r"trade")),
    ("financing", rx(r"financ|pre-?approv|credit application|apply")),
)
_STOP_RE = rx(
    r"\b(?:stop|quit|cease)\s+(?:texting|messaging|contacting|emailing|calling|sending|bugging|spamming)\b",
    r"\bunsubscribe\b|\b(?:remove|take) me (?:off|from)\b|\bopt[\s-]?(?:me )?out\b|\bleave me alone\b",
    r"\b(?:do not|don'?t|dont|never)\s+(?:text|contact|message|email)\s+(?:me|us|this number)\b",
    r"\bno more (?:texts|messages|emails|calls)\b|\blose my number\b",
)


def _score_intents(lower: str, slots: Slots, history: Sequence[Turn]) -> dict[str, float]:
    scores: dict[str, float] = dict.fromkeys(INTENTS, 0.0)
    for intent, weight, pattern in _RULES:
        if pattern.search(lower):
            scores[intent] += weight
    if slots.has_vehicle_criteria():
        scores["inventory_search"] += 1.0
    if slots.stock_number or slots.vin:
        scores["availability"] += 1.5
    if scores["availability"] >= 2.0 and slots.models:
        scores["availability"] += 1.0
    if slots.trade_in is not None:
        scores["trade_in"] += 1.5
    if slots.monthly_budget_cents or slots.down_payment_cents:
        scores["financing"] += 1.0
    if scores["lease"] and scores["financing"] < 2.5:
        scores["financing"] = min(scores["financing"], 1.0)
    stop = _STOP_RE.search(lower)
    if stop and not is_negated(lower, stop.start()):
        scores["stop"] += 5.0
    _score_follow_up(lower, scores, history)
    return scores


def _score_follow_up(lower: str, scores: dict[str, float], history: Sequence[Turn]) -> None:
    """A reply to the AI's last question ('yes', 'saturday at 10') continues that topic."""
    last_ai = next((t for t in reversed(history) if t.sender in ("ai", "agent")), None)
    if last_ai is None or "?" not in last_ai.text:
        return
    asked = last_ai.text.lower().rsplit("?", 1)[0]
    answered = bool(_AFFIRMATIVE.search(lower))
    for intent, pattern in _AI_TOPICS:
        if pattern.search(asked) and (answered or (intent == "test_drive" and _DAY_TIME.search(lower))):
            scores[intent] += 2.5
            return


def _rank(scores: dict[str, float]) -> list[str]:
    if any(scores[i] >= 1.0 for i in INTENTS if i not in ("greeting", "thanks", "other")):
        scores["greeting"] = min(scores["greeting"], 0.5)
        scores["thanks"] = min(scores["thanks"], 0.9)
    minimum = {"greeting": 0.5, "thanks": 0.5}
    ranked = sorted(
        (i for i in INTENTS if scores[i] >= minimum.get(i, 1.0)), key=lambda i: (-scores[i], INTENTS.index(i))
    )
    return ranked or ["other"]


def understand(text: str, catalog: Catalog | None = None, history: Sequence[Turn] = ()) -> Understanding:
    """Intents (most likely first), slots, sentiment and flags of one customer message."""
    cleaned = clean(text)
    lower = cleaned.lower()
    slots = extract_slots(cleaned, catalog, history)
    scores = _score_intents(lower, slots, history)
    opt_out = bool(_OPT_OUT_RE.match(cleaned))
    human, bot = wants_human(cleaned), asks_if_bot(cleaned)
    scores["human_request"] += 3.0 if human else 1.0 if bot else 0.0
    scores["stop"] += 10.0 if opt_out else 0.0
    return Understanding(
        intents=_rank(scores),
        slots=slots,
        sentiment=round(sentiment(cleaned), 3),
        is_opt_out=opt_out,
        is_resume=bool(_RESUME_RE.match(cleaned)),
        is_question=is_question(cleaned),
        text=cleaned,
        wants_human=human,
        asks_if_bot=bot,
    )
