"""Makes and models named in a message: the built-in US vocabulary (slang, spacing, typos) merged with the
dealership's catalog, and the context everyday-word model names need to count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, TypeVar, cast

from showroom.brain.nlu.text import _Tok, _tokens, clean, edit_distance, squash, words
from showroom.brain.types import Turn, VehicleView

T = TypeVar("T")


@dataclass
class Catalog:
    makes: dict[str, set[str]] = field(default_factory=dict)  # canonical make -> canonical models
    # column -> its values as stored (body_style, exterior_color, drivetrain, fuel_type): what search compares with
    spellings: dict[str, frozenset[str]] = field(default_factory=dict)
    trims: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)  # (make, model) -> stored trims
    # values derived from the catalog by pure functions (search's spellings of a wish): a catalog is shared by every
    # turn of its dealership for 30 s (showroom.cache) and never changed, so each is worked out once
    _memo: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per catalog and ``key`` (a pure function of the catalog and the key)."""
        if key not in self._memo:
            if len(self._memo) >= 4096:
                self._memo.clear()
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    @cached_property
    def frozen(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The catalog as a hashable key (computed once: a catalog is not changed after it is built)."""
        return tuple(sorted((make, tuple(sorted(models))) for make, models in self.makes.items()))

    @classmethod
    def from_vehicles(cls, vehicles: Iterable[VehicleView]) -> Catalog:
        makes: dict[str, set[str]] = {}
        trims: dict[tuple[str, str], set[str]] = {}
        for vehicle in vehicles:
            makes.setdefault(vehicle.make, set()).add(vehicle.model)
            if vehicle.trim:
                trims.setdefault((vehicle.make, vehicle.model), set()).add(vehicle.trim)
        return cls(makes, trims={key: frozenset(values) for key, values in trims.items()})

    def trims_of(self, make: str | None, model: str) -> set[str]:
        """The stored trims of a model asked for, by prefix ('Santa Fe' has the trims of 'Santa Fe Hybrid' too)."""
        key = squash(model)
        return {
            trim
            for (m, stored), trims in self.trims.items()
            if squash(stored).startswith(key) and (make is None or squash(m) == squash(make))
            for trim in trims
        }


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
    "Trailblazer|Trax|Malibu|Camaro|Corvette|Bolt EV|Bolt EUV|Impala|Cruze|Spark|Express|Equinox EV|Blazer EV|"
    "Silverado EV",
    "Chrysler": "Pacifica|Pacifica Hybrid|300|Voyager",
    "Dodge": "Charger|Challenger|Durango|Grand Caravan|Journey|Hornet",
    "Ford": "F-150|F-250|F-350|F-150 Lightning|Ranger|Maverick|Explorer|Expedition|Escape|Edge|Bronco|Bronco Sport|"
    "Mustang|Mustang Mach-E|Transit|Fusion|Focus|EcoSport|Flex",
    "Genesis": "G70|G80|G90|GV60|GV70|GV80",
    "GMC": "Sierra|Sierra 1500|Sierra 2500HD|Canyon|Yukon|Yukon XL|Acadia|Terrain|Savana|Hummer EV",
    "Honda": "Civic|Accord|CR-V|HR-V|Pilot|Passport|Odyssey|Ridgeline|Fit|Insight|Prologue",
    "Hyundai": "Elantra|Sonata|Tucson|Santa Fe|Santa Cruz|Palisade|Kona|Kona Electric|Venue|Ioniq|Ioniq 5|Ioniq 6|"
    "Ioniq 9|Accent|Veloster|Nexo|Santa Fe XL",
    "Infiniti": "Q50|QX50|QX55|QX60|QX80",
    "Jeep": "Wrangler|Grand Cherokee|Grand Cherokee L|Cherokee|Compass|Renegade|Gladiator|Wagoneer|Grand Wagoneer",
    "Kia": "Forte|K5|Rio|Soul|Seltos|Sportage|Sorento|Telluride|Carnival|Sedona|Niro|Niro EV|EV6|EV9|Optima|Stinger",
    "Land Rover": "Range Rover|Range Rover Sport|Defender|Discovery|Discovery Sport",
    "Lexus": "ES|IS|RX|NX|GX|LX|UX|TX|RX 350|NX 350|ES 350",
    "Lincoln": "Navigator|Aviator|Corsair|Nautilus",
    "Mazda": "Mazda3|Mazda6|CX-30|CX-5|CX-50|CX-70|CX-9|CX-90|MX-5 Miata",
    "Mercedes-Benz": "C-Class|E-Class|S-Class|GLA|GLB|GLC|GLE|GLS|G-Class|Sprinter",
    "Mini": "Cooper|Countryman|Clubman",
    "Mitsubishi": "Outlander|Outlander Sport|Eclipse Cross|Mirage",
    "Nissan": "Altima|Sentra|Versa|Maxima|Rogue|Murano|Pathfinder|Armada|Kicks|Frontier|Titan|Titan XD|Leaf|Ariya|"
    "Quest",
    "Porsche": "911|Cayenne|Macan|Panamera|Taycan",
    "Ram": "1500|2500|3500|ProMaster",
    "Rivian": "R1T|R1S",
    "Subaru": "Outback|Forester|Crosstrek|Impreza|Ascent|Legacy|WRX|BRZ|Solterra",
    "Tesla": "Model 3|Model Y|Model S|Model X|Cybertruck",
    "Toyota": "Camry|Corolla|Corolla Cross|RAV4|Highlander|Grand Highlander|4Runner|Tacoma|Tundra|Sienna|Sequoia|"
    "Prius|Prius Prime|RAV4 Prime|Venza|Avalon|Supra|C-HR|Crown|bZ4X|GR86",
    "Volkswagen": "Jetta|Passat|Tiguan|Atlas|Atlas Cross Sport|Taos|Golf|GTI|ID.4",
    "Volvo": "XC40|XC60|XC90|S60|V60",
    # rarer on a mainstream lot, named so that "do you have a Lamborghini?" is understood (and answered honestly)
    "Aston Martin": "DBX|Vantage|DB12",
    "Bentley": "Bentayga|Continental GT|Flying Spur",
    "Ferrari": "Roma|Purosangue|296 GTB|F8 Tributo|SF90",
    "Fiat": "500|500X|500e",
    "Hummer": "H2|H3",
    "Lamborghini": "Urus|Huracan|Aventador|Revuelto",
    "Lucid": "Air|Gravity",
    "Maserati": "Ghibli|Levante|Grecale|Quattroporte|MC20",
    "McLaren": "720S|750S|Artura",
    "Polestar": "Polestar 2|Polestar 3",
    "Pontiac": "G6|G8|Grand Prix|Vibe|Solstice",
    "Rolls-Royce": "Cullinan|Ghost|Phantom|Wraith|Spectre",
    "Scion": "xB|FR-S|iM|iA",
    "Suzuki": "SX4|Grand Vitara|Kizashi",
}
_MAKE_ALIASES: dict[str, str] = {
    "BMW": "bmws|bimmer|bimmers|beemer|beemers|beamer",
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
    "Volkswagen": "vw|vws|volkswagon|volkswagan|vdub|vdubs",
    "Lamborghini": "lambo|lamborgini|lamborghin",
    "Rolls-Royce": "rolls|rollsroyce",
    "Ferrari": "ferarri|ferari",
    "Maserati": "masserati|maseratti",
}
_MODEL_ALIASES: dict[str, dict[str, str]] = {
    # BMW and Mercedes sell a series under engine badges: "a 530e" is a 5 Series, "a c300" a C-Class
    "BMW": {
        **dict.fromkeys(["320i", "328i", "330i", "330e", "335i", "340i", "m340i", "328d", "3 series"], "3 Series"),
        **dict.fromkeys(["528i", "530i", "530e", "535i", "540i", "m550i", "550i", "5 series"], "5 Series"),
        **dict.fromkeys(["740i", "750i", "760i", "740e", "7 series"], "7 Series"),
    },
    "Mercedes-Benz": {
        **dict.fromkeys(["c300", "c 300", "c43", "c63", "c class"], "C-Class"),
        **dict.fromkeys(["e350", "e 350", "e450", "e 450", "e class"], "E-Class"),
        **dict.fromkeys(["s500", "s 500", "s580", "s 580", "s class"], "S-Class"),
        **dict.fromkeys(["glc300", "glc 300"], "GLC"),
        **dict.fromkeys(["gle350", "gle 350", "gle450", "gle 450"], "GLE"),
    },
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
    "sprinter gladiator renegade model 300 1500 2500 3500 911 blazer traverse integra versa forte rio crown flex quest "
    "air gravity ghost phantom wraith spectre vibe roma 500 g6 g8 h2 h3"
)
# Of those, the ones that stay everyday words even after "the" in a car conversation ("the escape key", "the edge of
# town", "the focus is price"); the others count after a determiner when the dealership stocks them ("the malibu",
# "the charger or the mustang", "any chargers").
_EVERYDAY_EVEN_AFTER_THE = words(
    "escape edge focus fit insight accord venue journey compass soul air model flex ghost quest gravity frontier "
    "discovery express leaf spark pilot passport crown 300 500 1500 2500 3500 911 g6 g8 h2 h3"
)
# Words that make an everyday-word model the lot stocks a car when they follow it ("escape hybrid", "edge titanium")
_CAR_WORDS_AFTER = words(
    "hybrid hybrids phev awd fwd 4wd 4x4 suv suvs truck trucks sedan sedans se sel titanium xlt lariat limited "
    "platinum lt ls premier sv sl sr"
)
# Words that make an everyday-word model the lot stocks a car when they come just before it ("awd escapes")
_CAR_WORDS_BEFORE = words("awd fwd rwd 4wd 4x4 hybrid")
_COLOUR_WORDS = words(
    "white black grey gray silver red blue green brown beige tan gold orange yellow burgundy maroon navy"
)
_DETERMINERS = words("the a an that this those these any your ur his her my el la los las")
_CHARGING = re.compile(
    r"\bcharg(?:e|es|ing|ed)\b|\b(?:comes?|came|included?|includes) with\b|\bplug\b|\bcable\b|\blevel ?2\b"
    r"|\bkw\b|\bev\b|\bbattery\b",
    re.IGNORECASE,
)
_AMBIGUOUS_MAKES = words("ram mini")
# Everyday words within one typo of a vehicle name: never fuzzy-matched.
_FUZZY_STOPWORDS = words(
    "escalate escalated escalating wrangle wrangled maxim civil camera corona lodge dodgy hondas toyotas seller "
    "sellers honest sonatas shortage shortages pacific cruise carry carries"
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
        self.heads: set[str] = set()  # first words of names of several words ("grand", "santa"): see _scan
        self._near: dict[str, tuple[str, list[_Entry]]] = {}  # fuzzy_lookup's answers: words repeat a lot
        # find_vehicle_mentions' answers for texts read without history: guardrails check every sentence of
        # every reply, and replies repeat their sentences a lot. Cleared when full.
        self.mentions: dict[str, tuple[VehicleMention, ...]] = {}
        self._stocked: dict[str, set[str]] | None = None

    def stocked(self, make: str) -> set[str]:
        """The squashed names of the make's models the dealership's catalog has."""
        if self._stocked is None:
            self._stocked = {}
            for key, entries in self.keys.items():
                for e in entries:
                    if e.catalog and e.model:
                        self._stocked.setdefault(e.make, set()).add(key)
        return self._stocked.get(make, set())

    def add(self, key: str, entry: _Entry, *, fuzzy: bool) -> None:
        entries = self.keys.setdefault(key, [])
        entries[:] = [e for e in entries if (e.make, e.model) != (entry.make, entry.model)]
        if entry.catalog:
            entries.insert(0, entry)  # the dealership's own spelling is preferred
        else:
            entries.append(entry)
        if fuzzy and not entry.ambiguous and len(key) >= 5 and key.isalpha():
            self.fuzzy.setdefault(len(key), []).append((key, entry))
            name = (entry.model or entry.make).lower().split()
            if len(name) > 1:
                self.heads.add(squash(name[0]))

    def copy(self) -> _Lexicon:
        other = _Lexicon()
        other.keys = {key: list(entries) for key, entries in self.keys.items()}
        other.fuzzy = {size: list(items) for size, items in self.fuzzy.items()}
        other.heads = set(self.heads)
        return other

    def lookup(self, key: str) -> list[_Entry]:
        entries = self.keys.get(key)
        plural = len(key) > 3 or (len(key) == 3 and any(c.isdigit() for c in key))  # "tucsons", "k5s", "x3s"
        if entries is None and plural and key.endswith("s"):
            entries = self.keys.get(key[:-1])
        if entries is None and len(key) > 5 and key.endswith(("xes", "ches", "shes", "sses", "uses")):
            entries = self.keys.get(key[:-2])  # "equinoxes", "porsches", "priuses": not a typo of another model
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
    """Longest n-gram (up to 4 tokens) first, then a typo-tolerant name of two words whose first word is right
    ("grand cherokie", "santa fee"), then a typo-tolerant single word."""
    cands: list[_Cand] = []
    i = 0
    while i < len(tokens):
        found: _Cand | None = None
        for n in range(min(4, len(tokens) - i), 0, -1):
            key = "".join(t.text.removesuffix("'s") for t in tokens[i : i + n])  # "santa fe's"
            if (n == 1 or _joinable(lower, tokens, i, i + n)) and (entries := lex.lookup(key)):
                found = _Cand(i, i + n, entries, False, key)
                break
        if found is None and tokens[i].text in lex.heads and i + 1 < len(tokens) and _joinable(lower, tokens, i, i + 2):
            key, entries = lex.fuzzy_lookup(tokens[i].text + tokens[i + 1].text)
            entries = [e for e in entries if " " in (e.model or e.make)]
            found = _Cand(i, i + 2, entries, True, key) if entries else None
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
        if not (
            _accept(entry, cand, prev, nxt, year, scene)
            or (out and _coordinated(entry, cand, scene, lex))
            or _stocked_after_the(entry, cand, scene, lex)
        ):
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
    if cand.j - cand.i == 1 and s.tokens[cand.i].text == "models":
        return False  # "what models do you have": the word, not a Tesla Model S squashed into one
    if cand.fuzzy:
        return entry.model is None or entry.catalog or entry.make in s.known or len(cand.key) >= 8
    if not entry.ambiguous:
        return True
    after_make = prev is not None and any(e.make == entry.make and e.model is None for e in prev.entries)
    short = len(cand.key) <= 2  # "LX", "ES", "K5": also trims and words, so they need their make
    if short:
        if entry.catalog and any(c.isdigit() for c in cand.key) and any(c.isalpha() for c in cand.key):
            return True  # "k5", "x3", "q8" of the dealership's lot: letters and digits are no everyday word
        capitalised = _capitalised_mid_sentence(s.cleaned, s.lower, s.tokens[cand.i])
        if cand.key in _SHORT_WORDS and not (capitalised or after_make):
            return False  # "the Lexus is in stock": the word "is", not a Lexus IS
        in_catalog = entry.catalog and capitalised and cand.key not in _SHORT_WORDS
        return entry.make in s.known or after_make or in_catalog
    if year is not None or (entry.model and entry.model in s.context_models):
        return True
    if _capitalised_mid_sentence(s.cleaned, s.lower, s.tokens[cand.i]):
        return True
    if entry.model is None:
        before_model = nxt is not None and any(e.make == entry.make and e.model for e in nxt.entries)
        before = s.tokens[cand.i - 1].text if cand.i > 0 else ""
        lot_make = entry.catalog and before in _DETERMINERS  # "la ram cuanto cuesta", "the ram": the lot has Rams
        return entry.make in s.known or before_model or lot_make
    if entry.make in s.known or after_make:
        return True
    before = s.tokens[cand.i - 1].text if cand.i > 0 else ""
    if before in _CONDITION_WORDS:
        return True
    if entry.catalog and before in _COLOUR_WORDS:  # "the red escape", "a white edge": the lot's model in a paint
        return True
    after = s.tokens[cand.i + 1].text if cand.i + 1 < len(s.tokens) else ""
    if entry.catalog and after in _CAR_WORDS_AFTER:  # "the escape hybrid", "an edge awd": the lot's model
        return True
    plural = s.tokens[cand.j - 1].text.endswith("s") and not (entry.model or "s").lower().endswith("s")
    if entry.catalog and plural and (cand.key.rstrip("s") not in _EVERYDAY_EVEN_AFTER_THE or before in _DETERMINERS):
        return True  # "rogues in stock?", "tienen fortes?", "any escapes": the lot's model, in the plural
    if entry.catalog and before in _CAR_WORDS_BEFORE:  # "any awd escape", "a used edge": the lot's model
        return True
    return (
        entry.catalog
        and before in _DETERMINERS
        and cand.key not in _EVERYDAY_EVEN_AFTER_THE
        and not (cand.key.startswith("charger") and _CHARGING.search(s.lower))
    )


_AND_OR = words("and or vs versus o y")


def _stocked_after_the(entry: _Entry, cand: _Cand, s: _Scene, lex: _Lexicon) -> bool:
    """ "And the titan?": after a determiner, an everyday-word model that names a longer one the lot stocks ("Titan"
    of the lot's "Titan XD"), as a stocked model's own name does (``_accept``)."""
    before = s.tokens[cand.i - 1].text if cand.i > 0 else ""
    if entry.model is None or entry.catalog or before not in _DETERMINERS or cand.key in _EVERYDAY_EVEN_AFTER_THE:
        return False
    return any(key.startswith(cand.key) for key in lex.stocked(entry.make))


def _coordinated(entry: _Entry, cand: _Cand, s: _Scene, lex: _Lexicon) -> bool:
    """An everyday-word model the lot stocks, joined to a vehicle named just before: "mustangs or challengers", "the
    f150 and the titan" ("Titan" of the lot's "Titan XD")."""
    words_before = [t.text for t in s.tokens[max(0, cand.i - 2) : cand.i]]
    if words_before and words_before[-1] in _DETERMINERS:
        words_before = words_before[:-1]
    if not words_before or words_before[-1] not in _AND_OR or entry.model is None:
        return False
    return entry.catalog or any(key.startswith(cand.key) for key in lex.stocked(entry.make))


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
